import { buildQuery, requestJson } from './client.ts';
import type {
  Account, ApiKey, AuditPage, Contact, ContactDetail, ConversationDetail, ConversationSummary, CreatedApiKey,
  CreatedInvitation, Home, Inbox, Invitation, InvitationPreview, ItemList, Locale, Me, Member, Role,
} from './types.ts';

const accountPath = (accountId: string, rest = '') => `/accounts/${encodeURIComponent(accountId)}${rest}`;
const segment = (id: string) => `/${encodeURIComponent(id)}`;

// Session and profile

export function signIn(email: string, password: string): Promise<Me> {
  return requestJson('POST', '/auth/sign-in', { body: { email, password }, expectUnauthorized: true });
}

export function signOut(): Promise<void> {
  return requestJson('POST', '/auth/sign-out', { expectUnauthorized: true });
}

export function signOutEverywhere(): Promise<void> {
  return requestJson('POST', '/auth/sign-out-everywhere');
}

export function getMe(signal?: AbortSignal): Promise<Me> {
  return requestJson('GET', '/me', { signal, expectUnauthorized: true });
}

export function updateMe(changes: { name?: string; locale?: Locale | null }): Promise<Me> {
  return requestJson('PATCH', '/me', { body: changes });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return requestJson('POST', '/me/password', { body: { currentPassword, newPassword } });
}

export function getInvitationPreview(token: string, signal?: AbortSignal): Promise<InvitationPreview> {
  return requestJson('GET', `/invitations${segment(token)}`, { signal, expectUnauthorized: true });
}

export function acceptInvitation(token: string, name: string, password: string): Promise<Me> {
  return requestJson('POST', `/invitations${segment(token)}/accept`, {
    body: { name, password },
    expectUnauthorized: true,
  });
}

// Account

export function getAccount(accountId: string, signal?: AbortSignal): Promise<Account> {
  return requestJson('GET', accountPath(accountId), { signal });
}

export function updateAccount(
  accountId: string,
  changes: { name?: string; purposeStatement?: string; timeZone?: string; defaultLocale?: Locale },
): Promise<Account> {
  return requestJson('PATCH', accountPath(accountId), { body: changes });
}

export function getHome(accountId: string, signal?: AbortSignal): Promise<Home> {
  return requestJson('GET', accountPath(accountId, '/home'), { signal });
}

// Members and invitations

export function listMembers(accountId: string, signal?: AbortSignal): Promise<Member[]> {
  return requestJson('GET', accountPath(accountId, '/members'), { signal });
}

export function updateMember(
  accountId: string,
  userId: string,
  changes: { role?: Role; inboxIds?: string[] },
): Promise<Member> {
  return requestJson('PATCH', accountPath(accountId, `/members${segment(userId)}`), { body: changes });
}

export function removeMember(accountId: string, userId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/members${segment(userId)}`));
}

export function listInvitations(accountId: string, signal?: AbortSignal): Promise<Invitation[]> {
  return requestJson('GET', accountPath(accountId, '/invitations'), { signal });
}

export function createInvitation(
  accountId: string,
  invitation: { email: string; role: Role; inboxIds: string[] },
): Promise<CreatedInvitation> {
  return requestJson('POST', accountPath(accountId, '/invitations'), { body: invitation });
}

export function revokeInvitation(accountId: string, invitationId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/invitations${segment(invitationId)}`));
}

// Inboxes

export function listInboxes(accountId: string, signal?: AbortSignal): Promise<Inbox[]> {
  return requestJson('GET', accountPath(accountId, '/inboxes'), { signal });
}

export function createInbox(accountId: string, inbox: { name: string; channel: string }): Promise<Inbox> {
  return requestJson('POST', accountPath(accountId, '/inboxes'), { body: inbox });
}

// API keys

export function listApiKeys(accountId: string, signal?: AbortSignal): Promise<ApiKey[]> {
  return requestJson('GET', accountPath(accountId, '/api-keys'), { signal });
}

export function createApiKey(accountId: string, name: string): Promise<CreatedApiKey> {
  return requestJson('POST', accountPath(accountId, '/api-keys'), { body: { name } });
}

export function revokeApiKey(accountId: string, apiKeyId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/api-keys${segment(apiKeyId)}`));
}

// Audit log

export function listAuditLog(
  accountId: string,
  page: { before?: string | number | null; limit?: number },
  signal?: AbortSignal,
): Promise<AuditPage> {
  const query = buildQuery({ before: page.before ?? null, limit: page.limit ?? null });
  return requestJson('GET', accountPath(accountId, `/audit-log${query}`), { signal });
}

// Conversations and contacts

export function listConversations(
  accountId: string,
  filter: { status?: string | null; inboxId?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<ItemList<ConversationSummary>> {
  const query = buildQuery({ status: filter.status, inboxId: filter.inboxId, limit: filter.limit });
  return requestJson('GET', accountPath(accountId, `/conversations${query}`), { signal });
}

export function getConversation(accountId: string, conversationId: string, signal?: AbortSignal): Promise<ConversationDetail> {
  return requestJson('GET', accountPath(accountId, `/conversations${segment(conversationId)}`), { signal });
}

export function listContacts(
  accountId: string,
  filter: { q?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<ItemList<Contact>> {
  const query = buildQuery({ q: filter.q, limit: filter.limit });
  return requestJson('GET', accountPath(accountId, `/contacts${query}`), { signal });
}

export function getContact(accountId: string, contactId: string, signal?: AbortSignal): Promise<ContactDetail> {
  return requestJson('GET', accountPath(accountId, `/contacts${segment(contactId)}`), { signal });
}
