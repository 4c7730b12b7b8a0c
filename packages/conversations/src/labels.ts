import { and, eq, inArray, sql } from 'drizzle-orm';
import { type AccountScope, AppError, causeOf, notFound, validationFailed } from '@touchpoint/core';
import { assertAdmin, recordAudit } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { afterConversationChange, lockConversation } from './ticket-updates.ts';

const presentLabel = (row: typeof schema.labels.$inferSelect) => ({ id: row.id, name: row.name, color: row.color });

export async function listLabels(db: Database, scope: AccountScope) {
  const rows = await db.select().from(schema.labels).where(eq(schema.labels.accountId, scope.accountId)).orderBy(schema.labels.name);
  return rows.map(presentLabel);
}

const duplicateLabel = (name: string) => new AppError('conflict', 'Label exists', `There is already a label named “${name}”.`);

async function assertNameFree(tx: Database, accountId: string, name: string, exceptId?: string) {
  const [clash] = await tx
    .select({ id: schema.labels.id })
    .from(schema.labels)
    .where(and(eq(schema.labels.accountId, accountId), sql`lower(${schema.labels.name}) = lower(${name})`, exceptId ? sql`${schema.labels.id} <> ${exceptId}` : undefined));
  if (clash) throw duplicateLabel(name);
}

export async function createLabel(db: Database, scope: AccountScope, input: { name: string; color?: string }) {
  assertAdmin(scope);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, scope.accountId, input.name);
    const [row] = await tx.insert(schema.labels).values({ accountId: scope.accountId, name: input.name, color: input.color ?? '#6b7280' }).returning();
    await recordAudit(tx, scope, { action: 'label.created', targetType: 'label', targetId: row!.id, details: { name: row!.name } });
    await recordEvents(tx, [{ type: 'label.created', accountId: scope.accountId, payload: { labelId: row!.id }, audience: { kind: 'account' } }]);
    return presentLabel(row!);
  });
}

export async function updateLabel(db: Database, scope: AccountScope, labelId: string, patch: { name?: string; color?: string }) {
  assertAdmin(scope);
  return db.transaction(async (tx) => {
    if (patch.name) await assertNameFree(tx, scope.accountId, patch.name, labelId);
    const [row] = await tx.update(schema.labels).set(patch).where(and(eq(schema.labels.accountId, scope.accountId), eq(schema.labels.id, labelId))).returning();
    if (!row) throw notFound('label');
    await recordAudit(tx, scope, { action: 'label.updated', targetType: 'label', targetId: labelId, details: patch });
    await recordEvents(tx, [{ type: 'label.updated', accountId: scope.accountId, payload: { labelId }, audience: { kind: 'account' } }]);
    return presentLabel(row);
  });
}

export async function deleteLabel(db: Database, scope: AccountScope, labelId: string) {
  assertAdmin(scope);
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(schema.labels).where(and(eq(schema.labels.accountId, scope.accountId), eq(schema.labels.id, labelId))).returning();
    if (!row) throw notFound('label');
    await recordAudit(tx, scope, { action: 'label.deleted', targetType: 'label', targetId: labelId, details: { name: row.name } });
    await recordEvents(tx, [{ type: 'label.deleted', accountId: scope.accountId, payload: { labelId }, audience: { kind: 'account' } }]);
  });
}

/** Replaces a conversation's labels with exactly `labelIds` (all must be this account's). */
export async function setConversationLabels(db: Database, scope: AccountScope, conversationId: string, labelIds: string[], now = new Date()) {
  return db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, scope, conversationId);
    const wanted = [...new Set(labelIds)];
    if (wanted.length > 0) {
      const found = await tx.select({ id: schema.labels.id }).from(schema.labels).where(and(eq(schema.labels.accountId, scope.accountId), inArray(schema.labels.id, wanted)));
      const missing = wanted.filter((id) => !found.some((row) => row.id === id));
      if (missing.length > 0) throw validationFailed([{ path: 'labelIds', message: `unknown label ${missing.join(', ')}` }]);
    }
    await tx.delete(schema.conversationLabels).where(eq(schema.conversationLabels.conversationId, conversationId));
    if (wanted.length > 0) await tx.insert(schema.conversationLabels).values(wanted.map((labelId) => ({ accountId: scope.accountId, conversationId, labelId })));
    await recordEvents(tx, [{ type: 'conversation.updated', accountId: scope.accountId, payload: { conversationId, number: conversation.number, changed: ['labels'], by: scope.actor.name, ...causeOf(scope) }, audience: { kind: 'inbox', inboxId: conversation.inboxId } }]);
    await afterConversationChange(tx, scope.accountId, conversationId, now);
    return listConversationLabels(tx, [conversationId]).then((map) => map.get(conversationId) ?? []);
  });
}

/** Labels of each conversation, for lists. */
export async function listConversationLabels(db: Database, conversationIds: string[]) {
  const map = new Map<string, { id: string; name: string; color: string }[]>();
  if (conversationIds.length === 0) return map;
  const rows = await db
    .select({ conversationId: schema.conversationLabels.conversationId, id: schema.labels.id, name: schema.labels.name, color: schema.labels.color })
    .from(schema.conversationLabels)
    .innerJoin(schema.labels, eq(schema.labels.id, schema.conversationLabels.labelId))
    .where(inArray(schema.conversationLabels.conversationId, conversationIds))
    .orderBy(schema.labels.name);
  for (const row of rows) map.set(row.conversationId, [...(map.get(row.conversationId) ?? []), { id: row.id, name: row.name, color: row.color }]);
  return map;
}
