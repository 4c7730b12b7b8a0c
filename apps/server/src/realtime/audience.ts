import type { PublishedEvent, Role } from '@touchpoint/core';

/** What one connected user may see: their role per account and the inboxes they work in. */
export interface SocketAccess {
  userId: string;
  accounts: Map<string, { role: Role; inboxIds: Set<string> }>;
}

export function canReceive(access: SocketAccess, event: PublishedEvent): boolean {
  const membership = access.accounts.get(event.accountId);
  if (!membership) return false;
  const audience = event.audience;
  switch (audience.kind) {
    case 'account':
      return true;
    case 'admins':
      return membership.role === 'admin';
    case 'inbox':
      return membership.role === 'admin' || membership.inboxIds.has(audience.inboxId);
    case 'users':
      return audience.userIds.includes(access.userId);
    default:
      return false;
  }
}

/** Events after which a user's access must be read again before the next delivery. */
export const ACCESS_CHANGING_EVENTS = new Set(['member.added', 'member.updated', 'member.removed', 'inbox.created']);
