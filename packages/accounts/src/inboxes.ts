import { and, count, eq, inArray } from 'drizzle-orm';
import { type AccountScope, isAdmin, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { assertAdmin } from './access.ts';
import { recordAudit } from './audit.ts';

export const INBOX_CHANNELS = ['web_chat', 'email', 'messenger', 'instagram', 'whatsapp', 'sms', 'api', 'in_store'] as const;
export type InboxChannel = (typeof INBOX_CHANNELS)[number];

/** Ids of the inboxes a user works in; admins work in all of the account's inboxes. */
export async function listVisibleInboxIds(db: Database, scope: AccountScope): Promise<string[]> {
  if (isAdmin(scope)) {
    const rows = await db.select({ id: schema.inboxes.id }).from(schema.inboxes).where(eq(schema.inboxes.accountId, scope.accountId));
    return rows.map((row) => row.id);
  }
  const rows = await db
    .select({ id: schema.inboxMembers.inboxId })
    .from(schema.inboxMembers)
    .where(and(eq(schema.inboxMembers.accountId, scope.accountId), eq(schema.inboxMembers.userId, scope.actor.id ?? '')));
  return rows.map((row) => row.id);
}

export async function listInboxes(db: Database, scope: AccountScope) {
  const visible = await listVisibleInboxIds(db, scope);
  if (visible.length === 0) return [];
  const rows = await db
    .select({ id: schema.inboxes.id, name: schema.inboxes.name, channel: schema.inboxes.channel, memberCount: count(schema.inboxMembers.userId) })
    .from(schema.inboxes)
    .leftJoin(schema.inboxMembers, eq(schema.inboxMembers.inboxId, schema.inboxes.id))
    .where(and(eq(schema.inboxes.accountId, scope.accountId), inArray(schema.inboxes.id, visible)))
    .groupBy(schema.inboxes.id)
    .orderBy(schema.inboxes.name);
  return rows.map((row) => ({ ...row, channel: row.channel as InboxChannel }));
}

export async function createInbox(db: Database, scope: AccountScope, input: { name: string; channel: InboxChannel }) {
  assertAdmin(scope);
  return db.transaction(async (tx) => {
    const [inbox] = await tx.insert(schema.inboxes).values({ accountId: scope.accountId, name: input.name.trim(), channel: input.channel }).returning();
    await recordAudit(tx, scope, { action: 'inbox.created', targetType: 'inbox', targetId: inbox!.id, details: { name: inbox!.name, channel: inbox!.channel } });
    await recordEvents(tx, [{ type: 'inbox.created', accountId: scope.accountId, payload: { inboxId: inbox!.id }, audience: { kind: 'admins' } }]);
    return { id: inbox!.id, name: inbox!.name, channel: inbox!.channel as InboxChannel, memberCount: 0 };
  });
}

/** Rejects inbox ids that are not this account's, naming them, before anything is written. */
export async function assertInboxesInAccount(db: Database, accountId: string, inboxIds: string[]) {
  if (inboxIds.length === 0) return;
  const rows = await db
    .select({ id: schema.inboxes.id })
    .from(schema.inboxes)
    .where(and(eq(schema.inboxes.accountId, accountId), inArray(schema.inboxes.id, inboxIds)));
  const found = new Set(rows.map((row) => row.id));
  const missing = inboxIds.filter((id) => !found.has(id));
  if (missing.length > 0) throw validationFailed([{ path: 'inboxIds', message: `unknown inbox ${missing.join(', ')}` }]);
}
