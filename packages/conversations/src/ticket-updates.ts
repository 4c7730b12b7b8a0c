import { and, eq, inArray, sql } from 'drizzle-orm';
import { type AccountScope, causeOf, conflict, type DomainEvent, notFound, validationFailed } from '@touchpoint/core';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { ensureCsatSurvey } from './csat.ts';
import { notifyUsers } from './notifications.ts';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface ConversationPatch {
  status?: 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed';
  snoozedUntil?: string | null;
  customStatusId?: string | null;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  subject?: string;
  customFields?: Record<string, string | number | boolean | null>;
}

type ConversationRow = typeof schema.conversations.$inferSelect;

/**
 * Loads a conversation the actor may work on, locking its row for the rest of the transaction so concurrent
 * changes to one conversation apply one after the other. Outside the actor's inboxes it answers 404. A merged
 * conversation is read-only (409 naming where it went): work continues in the one it was merged into.
 */
export async function lockConversation(tx: Database, scope: AccountScope, conversationId: string): Promise<ConversationRow> {
  const row = await lockConversationEvenIfMerged(tx, scope, conversationId);
  if (row.mergedIntoId) throw await mergedAway(tx, row);
  return row;
}

/**
 * Where a conversation's new messages go: itself, or the conversation it was merged into (always one hop, as a merge
 * re-points earlier merges at the survivor). A customer who answers an old thread is never lost in a hidden one.
 */
export async function followMerge(tx: Database, accountId: string, conversationId: string): Promise<string> {
  const [row] = await tx.select({ mergedIntoId: schema.conversations.mergedIntoId }).from(schema.conversations).where(and(eq(schema.conversations.accountId, accountId), eq(schema.conversations.id, conversationId)));
  return row?.mergedIntoId ?? conversationId;
}

/** lockConversation for the merge itself, which explains a merged side in its own words. */
export async function lockConversationEvenIfMerged(tx: Database, scope: AccountScope, conversationId: string): Promise<ConversationRow> {
  const [row] = await tx
    .select()
    .from(schema.conversations)
    .where(and(eq(schema.conversations.accountId, scope.accountId), eq(schema.conversations.id, conversationId)))
    .for('update');
  if (!row) throw notFound('conversation');
  if (scope.actor.role !== 'admin' && !(await listVisibleInboxIds(tx, scope)).includes(row.inboxId)) throw notFound('conversation');
  return row;
}

async function mergedAway(tx: Database, row: ConversationRow) {
  const [target] = await tx.select({ number: schema.conversations.number }).from(schema.conversations).where(and(eq(schema.conversations.accountId, row.accountId), eq(schema.conversations.id, row.mergedIntoId!)));
  return conflict(`Conversation #${row.number} was merged into #${target?.number ?? '?'} (${row.mergedIntoId}); work on that one.`);
}

async function assertAssignable(tx: Database, scope: AccountScope, patch: ConversationPatch) {
  const errors: { path: string; message: string }[] = [];
  if (patch.assigneeId) {
    const [member] = await tx.select({ userId: schema.memberships.userId }).from(schema.memberships).where(and(eq(schema.memberships.accountId, scope.accountId), eq(schema.memberships.userId, patch.assigneeId)));
    if (!member) errors.push({ path: 'assigneeId', message: 'is not a member of this account' });
  }
  if (patch.teamId) {
    const [team] = await tx.select({ id: schema.teams.id }).from(schema.teams).where(and(eq(schema.teams.accountId, scope.accountId), eq(schema.teams.id, patch.teamId)));
    if (!team) errors.push({ path: 'teamId', message: 'is not a team of this account' });
  }
  if (patch.status === 'snoozed' && !patch.snoozedUntil) errors.push({ path: 'snoozedUntil', message: 'is required to snooze' });
  if (patch.snoozedUntil && new Date(patch.snoozedUntil).getTime() <= Date.now()) errors.push({ path: 'snoozedUntil', message: 'must be in the future' });
  if (errors.length > 0) throw validationFailed(errors);
}

async function resolveCustomStatus(tx: Database, scope: AccountScope, customStatusId: string) {
  const [status] = await tx.select().from(schema.customStatuses).where(and(eq(schema.customStatuses.accountId, scope.accountId), eq(schema.customStatuses.id, customStatusId)));
  if (!status) throw validationFailed([{ path: 'customStatusId', message: 'is not a status of this account' }]);
  return status;
}

/** What changes on the row when the status moves: resolution time, snooze time, custom status. */
function statusEffects(row: ConversationRow, status: ConversationPatch['status'], now: Date): Partial<ConversationRow> {
  if (!status || status === row.status) return {};
  const done = status === 'resolved' || status === 'closed';
  return { status, resolvedAt: done ? (row.resolvedAt ?? now) : null, snoozedUntil: status === 'snoozed' ? row.snoozedUntil : null };
}

/**
 * Changes a conversation's status, priority, assignee, team, subject or fields. Emits `conversation.updated` with the
 * changed fields, and notifies a newly assigned agent.
 */
export async function updateConversation(db: Database, scope: AccountScope, conversationId: string, patch: ConversationPatch, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await lockConversation(tx, scope, conversationId);
    await assertAssignable(tx, scope, patch);
    const values: Partial<ConversationRow> = {};
    let status = patch.status;
    if (patch.customStatusId !== undefined) {
      values.customStatusId = patch.customStatusId;
      if (patch.customStatusId) status ??= (await resolveCustomStatus(tx, scope, patch.customStatusId)).category;
    } else if (patch.status && patch.status !== row.status) {
      values.customStatusId = null;
    }
    Object.assign(values, statusEffects(row, status, now));
    if (patch.snoozedUntil !== undefined && (status ?? row.status) === 'snoozed') values.snoozedUntil = patch.snoozedUntil ? new Date(patch.snoozedUntil) : null;
    if (patch.priority !== undefined) values.priority = patch.priority;
    if (patch.assigneeId !== undefined) values.assigneeId = patch.assigneeId;
    if (patch.teamId !== undefined) values.teamId = patch.teamId;
    if (patch.subject !== undefined) values.subject = patch.subject;
    if (patch.customFields !== undefined) values.customFields = { ...row.customFields, ...patch.customFields };
    const changed = Object.keys(values).filter((key) => JSON.stringify(values[key as keyof ConversationRow]) !== JSON.stringify(row[key as keyof ConversationRow]));
    if (changed.length === 0) return row;
    const [updated] = await tx
      .update(schema.conversations)
      .set({ ...values, updatedAt: now })
      .where(eq(schema.conversations.id, row.id))
      .returning();
    const events: DomainEvent[] = [
      { type: 'conversation.updated', accountId: scope.accountId, payload: { conversationId: row.id, number: row.number, changed, by: scope.actor.name, status: updated!.status, assigneeId: updated!.assigneeId, ...causeOf(scope) }, audience: { kind: 'inbox', inboxId: row.inboxId } },
    ];
    await recordEvents(tx, events);
    if (changed.includes('assigneeId') && updated!.assigneeId && updated!.assigneeId !== scope.actor.id) {
      await notifyUsers(tx, scope, [updated!.assigneeId], { kind: 'assigned', conversationId: row.id, text: `#${row.number} ${row.subject}`.trim() });
    }
    if (changed.includes('status') && updated!.status === 'resolved') await ensureCsatSurvey(tx, updated!, now);
    await afterConversationChange(tx, scope.accountId, row.id, now);
    return updated!;
  });
}

/** Applies one patch to many conversations; each must be visible to the actor, or nothing changes. */
export async function bulkUpdateConversations(db: Database, scope: AccountScope, conversationIds: string[], patch: ConversationPatch) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: schema.conversations.id })
      .from(schema.conversations)
      .where(and(eq(schema.conversations.accountId, scope.accountId), inArray(schema.conversations.id, conversationIds)));
    if (rows.length !== new Set(conversationIds).size) throw notFound('conversation');
    const updated = [];
    for (const id of new Set(conversationIds)) updated.push(await updateConversation(tx, scope, id, patch));
    return updated;
  });
}

type ChangeHook = (tx: Database, accountId: string, conversationId: string, now: Date) => Promise<void>;
const changeHooks: ChangeHook[] = [];

/**
 * Registers work that must happen in the same transaction as every change to a conversation (the SLA clocks).
 * The server registers these once at start-up.
 */
export function onConversationChange(hook: ChangeHook) {
  if (!changeHooks.includes(hook)) changeHooks.push(hook);
}

export async function afterConversationChange(tx: Database, accountId: string, conversationId: string, now: Date) {
  for (const hook of changeHooks) await hook(tx, accountId, conversationId, now);
}

/** Stamps a conversation's activity time. */
export const touchConversation = (tx: Database, conversationId: string, at: Date) =>
  tx.update(schema.conversations).set({ lastMessageAt: sql`greatest(${schema.conversations.lastMessageAt}, ${at.toISOString()}::timestamptz)`, updatedAt: at }).where(eq(schema.conversations.id, conversationId));
