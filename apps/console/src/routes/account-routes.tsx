import { lazy, Suspense, type ReactNode } from 'react';
import type { MeAccount } from '../api/types.ts';
import { ContactPage } from '../pages/contact-page.tsx';
import { ContactsPage } from '../pages/contacts-page.tsx';
import { CompaniesPage } from '../pages/contacts/companies-page.tsx';
import { ContactImportPage } from '../pages/contacts/contact-import-page.tsx';
import { HelpCenterPage } from '../pages/help-center/help-center-page.tsx';
import { ExperiencePage } from '../pages/experience/experience-page.tsx';
import { EngagementPage } from '../pages/engagement/engagement-page.tsx';
import { HomePage } from '../pages/home-page.tsx';
import { InboxPage } from '../pages/inbox/inbox-page.tsx';
import { NotFoundPage } from '../pages/not-found-page.tsx';
import { ApiKeysPage } from '../pages/settings/api-keys-page.tsx';
import { AuditLogPage } from '../pages/settings/audit-log-page.tsx';
import { AutomationRulesPage, MacrosPage } from '../pages/settings/automation-pages.tsx';
import { BusinessHoursPage } from '../pages/settings/business-hours-page.tsx';
import { CannedRepliesPage } from '../pages/settings/canned-replies-page.tsx';
import { CustomStatusesPage } from '../pages/settings/custom-statuses-page.tsx';
import { LabelsPage } from '../pages/settings/labels-page.tsx';
import { InboxesPage } from '../pages/settings/inboxes-page.tsx';
import { InboxSettingsPage } from '../pages/settings/channels/inbox-settings-page.tsx';
import { MembersPage } from '../pages/settings/members-page.tsx';
import { SearchPage } from '../pages/search/search-page.tsx';
import { ProfilePage } from '../pages/settings/profile-page.tsx';
import { PurposePage } from '../pages/settings/purpose-page.tsx';
import { RolesPage } from '../pages/settings/roles-page.tsx';
import { SlaPoliciesPage } from '../pages/settings/sla-policies-page.tsx';
import { TeamsPage } from '../pages/settings/teams-page.tsx';
import { WebhooksPage } from '../pages/settings/webhooks-page.tsx';
import { ReturnPolicyPage } from '../pages/settings/return-policy-page.tsx';
import { ShopifyPage } from '../pages/settings/shopify-page.tsx';
import { ReturnDetailPage, ReturnsPage } from '../pages/returns/returns-page.tsx';
import { StorePage } from '../pages/store/store-page.tsx';
import { AnswerBotPage } from '../pages/settings/answer-bot-page.tsx';
import { SettingsLayout } from '../pages/settings/settings-layout.tsx';
import { canOpenSection, findSettingsSection, paths, type SettingsSectionId } from './paths.ts';
import { Redirect } from './redirect.tsx';
import { LoadingState } from '../components/loading-state.tsx';

/** Reports carry the chart library: loaded on first visit, so the rest of the console does not pay for it. */
const ReportsPage = lazy(() => import('../pages/reports/reports-page.tsx').then((module) => ({ default: module.ReportsPage })));

const SETTINGS_PAGES: Record<SettingsSectionId, () => ReactNode> = {
  profile: () => <ProfilePage />,
  purpose: () => <PurposePage />,
  members: () => <MembersPage />,
  roles: () => <RolesPage />,
  inboxes: () => <InboxesPage />,
  'api-keys': () => <ApiKeysPage />,
  'audit-log': () => <AuditLogPage />,
  labels: () => <LabelsPage />,
  'canned-replies': () => <CannedRepliesPage />,
  'custom-statuses': () => <CustomStatusesPage />,
  teams: () => <TeamsPage />,
  'business-hours': () => <BusinessHoursPage />,
  'sla-policies': () => <SlaPoliciesPage />,
  automation: () => <AutomationRulesPage />,
  macros: () => <MacrosPage />,
  webhooks: () => <WebhooksPage />,
  'return-policy': () => <ReturnPolicyPage />,
  shopify: () => <ShopifyPage />,
  'answer-bot': () => <AnswerBotPage />,
};

/** Resolves the part of the path after `/a/:accountId`. */
export function renderAccountPage(account: MeAccount, rest: string[]): ReactNode {
  const home = paths.home(account.id);
  const [section, detail, ...extra] = rest;
  if (section === 'settings' && detail === 'inboxes' && extra.length === 1 && extra[0]) {
    if (account.role !== 'admin') return <NotFoundPage homeTo={home} reason="admin-only" />;
    return <SettingsLayout current="inboxes"><InboxSettingsPage key={extra[0]} inboxId={extra[0]} /></SettingsLayout>;
  }
  if (section === 'help-center') return <HelpCenterPage rest={[detail, ...extra].filter((part) => part !== undefined)} />;
  if (section === 'experience') return <ExperiencePage rest={[detail, ...extra].filter((part) => part !== undefined)} />;
  if (section === 'engagement') return <EngagementPage rest={[detail, ...extra].filter((part) => part !== undefined)} />;
  if (extra.length > 0) return <NotFoundPage homeTo={home} />;

  switch (section) {
    case undefined:
      return <HomePage />;
    case 'conversations':
      return <InboxPage conversationId={detail ?? null} />;
    case 'contacts':
      if (detail === 'companies') return <CompaniesPage />;
      if (detail === 'import') return account.role === 'admin' ? <ContactImportPage /> : <NotFoundPage homeTo={home} reason="admin-only" />;
      return detail ? <ContactPage key={detail} contactId={detail} /> : <ContactsPage />;
    case 'reports':
      if (detail) return <NotFoundPage homeTo={home} />;
      return (
        <Suspense fallback={<LoadingState />}>
          <ReportsPage />
        </Suspense>
      );
    case 'returns':
      return detail ? <ReturnDetailPage key={detail} returnId={detail} /> : <ReturnsPage />;
    case 'store':
      return detail ? <NotFoundPage homeTo={home} /> : <StorePage />;
    case 'search':
      return detail ? <NotFoundPage homeTo={home} /> : <SearchPage />;
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
