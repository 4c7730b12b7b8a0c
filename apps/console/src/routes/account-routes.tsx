import type { ReactNode } from 'react';
import type { MeAccount } from '../api/types.ts';
import { ContactPage } from '../pages/contact-page.tsx';
import { ContactsPage } from '../pages/contacts-page.tsx';
import { ConversationPage } from '../pages/conversation-page.tsx';
import { ConversationsPage } from '../pages/conversations-page.tsx';
import { HomePage } from '../pages/home-page.tsx';
import { NotFoundPage } from '../pages/not-found-page.tsx';
import { ApiKeysPage } from '../pages/settings/api-keys-page.tsx';
import { AuditLogPage } from '../pages/settings/audit-log-page.tsx';
import { InboxesPage } from '../pages/settings/inboxes-page.tsx';
import { MembersPage } from '../pages/settings/members-page.tsx';
import { ProfilePage } from '../pages/settings/profile-page.tsx';
import { PurposePage } from '../pages/settings/purpose-page.tsx';
import { RolesPage } from '../pages/settings/roles-page.tsx';
import { SettingsLayout } from '../pages/settings/settings-layout.tsx';
import { canOpenSection, findSettingsSection, paths, type SettingsSectionId } from './paths.ts';
import { Redirect } from './redirect.tsx';

const SETTINGS_PAGES: Record<SettingsSectionId, () => ReactNode> = {
  profile: () => <ProfilePage />,
  purpose: () => <PurposePage />,
  members: () => <MembersPage />,
  roles: () => <RolesPage />,
  inboxes: () => <InboxesPage />,
  'api-keys': () => <ApiKeysPage />,
  'audit-log': () => <AuditLogPage />,
};

/** Resolves the part of the path after `/a/:accountId`. */
export function renderAccountPage(account: MeAccount, rest: string[]): ReactNode {
  const home = paths.home(account.id);
  const [section, detail, ...extra] = rest;
  if (extra.length > 0) return <NotFoundPage homeTo={home} />;

  switch (section) {
    case undefined:
      return <HomePage />;
    case 'conversations':
      return detail ? <ConversationPage key={detail} conversationId={detail} /> : <ConversationsPage />;
    case 'contacts':
      return detail ? <ContactPage key={detail} contactId={detail} /> : <ContactsPage />;
    case 'settings': {
      if (!detail) return <Redirect to={paths.settings(account.id)} />;
      const found = findSettingsSection(detail);
      if (!found) return <NotFoundPage homeTo={home} />;
      if (!canOpenSection(found, account.role)) return <NotFoundPage homeTo={home} reason="admin-only" />;
      return <SettingsLayout current={found.id}>{SETTINGS_PAGES[found.id]()}</SettingsLayout>;
    }
    default:
      return <NotFoundPage homeTo={home} />;
  }
}
