import type { Role } from '../api/types.ts';
import type { MessageKey } from '../i18n/messages.ts';

const enc = encodeURIComponent;

export const paths = {
  signIn: (next?: string) => (next && next !== '/' ? `/sign-in?next=${enc(next)}` : '/sign-in'),
  home: (accountId: string) => `/a/${enc(accountId)}`,
  conversations: (accountId: string, status?: string | null) =>
    `/a/${enc(accountId)}/conversations${status ? `?status=${enc(status)}` : ''}`,
  conversation: (accountId: string, conversationId: string) => `/a/${enc(accountId)}/conversations/${enc(conversationId)}`,
  contacts: (accountId: string) => `/a/${enc(accountId)}/contacts`,
  contact: (accountId: string, contactId: string) => `/a/${enc(accountId)}/contacts/${enc(contactId)}`,
  /** Contact ids are UUIDs, so `import` and `companies` can never be one. */
  contactImport: (accountId: string) => `/a/${enc(accountId)}/contacts/import`,
  companies: (accountId: string) => `/a/${enc(accountId)}/contacts/companies`,
  settings: (accountId: string, section: SettingsSectionId = 'profile') => `/a/${enc(accountId)}/settings/${section}`,
  /** One inbox's settings: its channel connection (admins). */
  inboxSettings: (accountId: string, inboxId: string) => `/a/${enc(accountId)}/settings/inboxes/${enc(inboxId)}`,
  reports: (accountId: string) => `/a/${enc(accountId)}/reports`,
  returns: (accountId: string) => `/a/${enc(accountId)}/returns`,
  returnDetail: (accountId: string, returnId: string) => `/a/${enc(accountId)}/returns/${enc(returnId)}`,
  /** The phone-sized counter view for in-store staff. */
  store: (accountId: string) => `/a/${enc(accountId)}/store`,
  search: (accountId: string, query?: string) => `/a/${enc(accountId)}/search${query ? `?q=${enc(query)}` : ''}`,
  // help center (issue 6): the article list, its categories and settings, and one article's editor ('new' to write one)
  helpCenter: (accountId: string, section?: 'categories' | 'settings') => `/a/${enc(accountId)}/help-center${section ? `/${section}` : ''}`,
  helpArticle: (accountId: string, articleId: string) => `/a/${enc(accountId)}/help-center/articles/${enc(articleId)}`,
  // experience engine (issue 7): one section of the experience area, and a path inside it ('journeys', 'j-id')
  experience: (accountId: string, section: string = 'map', ...more: string[]) => `/a/${enc(accountId)}/experience/${[section, ...more].map(enc).join('/')}`,
  // engagement (issue 8): one section of the engagement area, and a path inside it ('games', 'campaign-id')
  engagement: (accountId: string, section: string = 'rewards', ...more: string[]) => `/a/${enc(accountId)}/engagement/${[section, ...more].map(enc).join('/')}`,
};

export type SettingsSectionId =
  | 'profile' | 'purpose' | 'members' | 'roles' | 'inboxes' | 'api-keys' | 'audit-log'
  | 'labels' | 'canned-replies' | 'custom-statuses' | 'teams' | 'business-hours' | 'sla-policies'
  | 'automation' | 'macros' | 'webhooks' | 'return-policy' | 'shopify' | 'answer-bot';

export interface SettingsSection {
  id: SettingsSectionId;
  label: MessageKey;
  group: 'you' | 'account' | 'helpdesk';
  /** Hidden from agents, and answered with "not available" if they type the URL. */
  adminOnly: boolean;
}

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { id: 'profile', label: 'settings.profile', group: 'you', adminOnly: false },
  { id: 'purpose', label: 'settings.purpose', group: 'account', adminOnly: false },
  { id: 'members', label: 'settings.members', group: 'account', adminOnly: true },
  { id: 'roles', label: 'settings.roles', group: 'account', adminOnly: false },
  { id: 'inboxes', label: 'settings.inboxes', group: 'account', adminOnly: false },
  { id: 'api-keys', label: 'settings.apiKeys', group: 'account', adminOnly: true },
  { id: 'audit-log', label: 'settings.auditLog', group: 'account', adminOnly: true },
  { id: 'labels', label: 'settings.labels', group: 'helpdesk', adminOnly: true },
  // Every agent may keep canned replies (the server allows it); the rest of the helpdesk is for admins.
  { id: 'canned-replies', label: 'settings.cannedReplies', group: 'helpdesk', adminOnly: false },
  { id: 'custom-statuses', label: 'settings.customStatuses', group: 'helpdesk', adminOnly: true },
  { id: 'teams', label: 'settings.teams', group: 'helpdesk', adminOnly: true },
  { id: 'business-hours', label: 'settings.businessHours', group: 'helpdesk', adminOnly: true },
  { id: 'sla-policies', label: 'settings.slaPolicies', group: 'helpdesk', adminOnly: true },
  { id: 'automation', label: 'settings.automation', group: 'helpdesk', adminOnly: true },
  { id: 'macros', label: 'settings.macros', group: 'helpdesk', adminOnly: true },
  { id: 'webhooks', label: 'settings.webhooks', group: 'helpdesk', adminOnly: true },
  // Agents read the return policy (they apply it at the counter); only admins change it.
  { id: 'return-policy', label: 'settings.returnPolicy', group: 'helpdesk', adminOnly: false },
  { id: 'shopify', label: 'settings.shopify', group: 'account', adminOnly: true },
  { id: 'answer-bot', label: 'settings.answerBot', group: 'helpdesk', adminOnly: true },
];

export function findSettingsSection(id: string | undefined): SettingsSection | null {
  return SETTINGS_SECTIONS.find((section) => section.id === id) ?? null;
}

export function canOpenSection(section: SettingsSection, role: Role): boolean {
  return !section.adminOnly || role === 'admin';
}

const LAST_ACCOUNT_KEY = 'touchpoint.lastAccount';

export function rememberAccount(accountId: string): void {
  try {
    window.localStorage.setItem(LAST_ACCOUNT_KEY, accountId);
  } catch {
    // Storage unavailable: the first account is a fine default.
  }
}

export function readRememberedAccount(): string | null {
  try {
    return window.localStorage.getItem(LAST_ACCOUNT_KEY);
  } catch {
    return null;
  }
}

/** Only same-origin paths are followed after sign-in, so `?next=` cannot send anyone elsewhere. */
export function readSafeNext(value: string | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
