import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { type AccountScope, AppError, type AutomationCause, causeOf, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { notifyUsers } from './notifications.ts';
import { afterConversationChange, followMerge, lockConversation, touchConversation } from './ticket-updates.ts';

export interface AgentMessageInput {
  kind: 'reply' | 'note';
  body: string;
  /** People to notify; only meaningful on notes, and each must be a member of the account. */
  mentionUserIds?: string[];
  /** Send later: the reply is kept as `scheduled` and goes out at this time. */
  scheduledFor?: string | null;
  /** Idempotency key: retrying with the same key returns the first message. */
  clientKey?: string | null;
}

type MessageRow = typeof schema.messages.$inferSelect;

export const presentMessage = (row: MessageRow, authorName: string) => ({
  id: row.id,
  direction: row.direction,
  body: row.body,
  authorName,
  status: row.status,
  scheduledFor: row.scheduledFor?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

async function findByClientKey(tx: Database, accountId: string, clientKey: string) {
  const [row] = await tx.select().from(schema.messages).where(and(eq(schema.messages.accountId, accountId), eq(schema.messages.clientKey, clientKey)));
  return row ?? null;
}

async function assertMembers(tx: Database, accountId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  const rows = await tx.select({ id: schema.memberships.userId }).from(schema.memberships).where(and(eq(schema.memberships.accountId, accountId), inArray(schema.memberships.userId, userIds)));
  const known = new Set(rows.map((row) => row.id));
  const unknown = userIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw validationFailed([{ path: 'mentionUserIds', message: `not members of this account: ${unknown.join(', ')}` }]);
}

/**
 * An agent's reply or private note. A reply answers the customer: it sets the first response time and stops the
 * waiting clock. Concurrent replies by two agents both land, ordered by the conversation's row lock.
 */
export async function postAgentMessage(db: Database, scope: AccountScope, conversationId: string, input: AgentMessageInput, now = new Date()) {
  if (input.kind === 'note' && input.scheduledFor) throw validationFailed([{ path: 'scheduledFor', message: 'only replies can be scheduled' }]);
  if (input.scheduledFor && new Date(input.scheduledFor).getTime() <= now.getTime()) throw validationFailed([{ path: 'scheduledFor', message: 'must be in the future' }]);
  return db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, scope, conversationId);
    if (input.clientKey) {
      const existing = await findByClientKey(tx, scope.accountId, input.clientKey);
      if (existing) {
        if (existing.conversationId !== conversationId) throw new AppError('conflict', 'Conflict', 'This clientKey was already used for another conversation.');
        return presentMessage(existing, scope.actor.name);
      }
    }
    const mentionUserIds = [...new Set(input.mentionUserIds ?? [])];
    await assertMembers(tx, scope.accountId, mentionUserIds);
    const scheduled = Boolean(input.scheduledFor);
    const [message] = await tx
      .insert(schema.messages)
      .values({
        accountId: scope.accountId,
        conversationId,
        direction: input.kind === 'note' ? 'note' : 'outbound',
        authorUserId: scope.actor.type === 'user' ? scope.actor.id : null,
        body: input.body,
        status: scheduled ? 'scheduled' : 'sent',
        scheduledFor: scheduled ? new Date(input.scheduledFor!) : null,
        clientKey: input.clientKey ?? null,
        createdAt: now,
      })
      .returning();
    if (mentionUserIds.length > 0) {
      await tx.insert(schema.mentions).values(mentionUserIds.map((userId) => ({ accountId: scope.accountId, messageId: message!.id, userId })));
      await notifyUsers(tx, scope, mentionUserIds.filter((id) => id !== scope.actor.id), { kind: 'mentioned', conversationId, messageId: message!.id, text: input.body.slice(0, 140) });
    }
    if (!scheduled) await markAnswered(tx, conversation, message!, now);
    await recordMessageCreated(tx, scope.accountId, conversation, message!, scope.actor.name, causeOf(scope));
    await afterConversationChange(tx, scope.accountId, conversationId, now);
    return presentMessage(message!, scope.actor.name);
  });
}

/** A reply that went out: first response time, the waiting clock stops, activity time moves. */
async function markAnswered(tx: Database, conversation: typeof schema.conversations.$inferSelect, message: MessageRow, at: Date) {
  if (message.direction === 'outbound') {
    await tx
      .update(schema.conversations)
      .set({ firstResponseAt: conversation.firstResponseAt ?? at, waitingSince: null })
      .where(eq(schema.conversations.id, conversation.id));
  }
  await touchConversation(tx, conversation.id, at);
}

async function recordMessageCreated(tx: Database, accountId: string, conversation: typeof schema.conversations.$inferSelect, message: MessageRow, authorName: string, cause: { cause?: AutomationCause } = {}) {
  await recordEvents(tx, [
    {
      type: 'message.created',
      accountId,
      payload: { conversationId: conversation.id, number: conversation.number, message: presentMessage(message, authorName), ...cause },
      audience: { kind: 'inbox', inboxId: conversation.inboxId },
    },
  ]);
}

/**
 * A message from the customer. It starts the waiting clock if it is not running, and reopens a conversation that
 * was pending, snoozed, resolved or closed: the customer wrote again, so someone must look. A message to a merged
 * conversation goes to the one it was merged into.
 */
export async function receiveCustomerMessage(db: Database, scope: AccountScope, addressedTo: string, input: { body: string; clientKey?: string | null }, now = new Date()) {
  return db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, scope, await followMerge(tx, scope.accountId, addressedTo));
    const conversationId = conversation.id;
    if (input.clientKey) {
      const existing = await findByClientKey(tx, scope.accountId, input.clientKey);
      if (existing) return existing;
    }
    const [message] = await tx
      .insert(schema.messages)
      .values({ accountId: scope.accountId, conversationId, direction: 'inbound', body: input.body, clientKey: input.clientKey ?? null, createdAt: now })
      .returning();
    const reopen = conversation.status !== 'open';
    await tx
      .update(schema.conversations)
      .set({
        waitingSince: conversation.waitingSince ?? now,
        ...(reopen ? { status: 'open', customStatusId: null, snoozedUntil: null, resolvedAt: null } : {}),
      })
      .where(eq(schema.conversations.id, conversationId));
    await touchConversation(tx, conversationId, now);
    const [contact] = await tx.select({ name: schema.contacts.name }).from(schema.contacts).where(eq(schema.contacts.id, conversation.contactId));
    await recordMessageCreated(tx, scope.accountId, conversation, message!, contact?.name ?? '');
    if (reopen) {
      await recordEvents(tx, [{ type: 'conversation.updated', accountId: scope.accountId, payload: { conversationId, number: conversation.number, changed: ['status'], status: 'open', by: contact?.name ?? '' }, audience: { kind: 'inbox', inboxId: conversation.inboxId } }]);
    }
    await afterConversationChange(tx, scope.accountId, conversationId, now);
    return message!;
  });
}

/** Cancels a reply that has not gone out yet. */
export async function cancelScheduledMessage(db: Database, scope: AccountScope, conversationId: string, messageId: string) {
  return db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, scope, conversationId);
    const [row] = await tx
      .update(schema.messages)
      .set({ status: 'canceled' })
      .where(and(eq(schema.messages.accountId, scope.accountId), eq(schema.messages.conversationId, conversationId), eq(schema.messages.id, messageId), eq(schema.messages.status, 'scheduled')))
      .returning();
    if (!row) throw notFound('scheduled message');
    await recordEvents(tx, [{ type: 'message.updated', accountId: scope.accountId, payload: { conversationId, messageId, status: 'canceled' }, audience: { kind: 'inbox', inboxId: conversation.inboxId } }]);
  });
}

/**
 * Sends every scheduled reply that is due. Each is claimed by flipping its status in the same statement, so a reply
 * is sent once even if two nodes run this at the same moment, and a restart loses none (they wait in the table).
 */
export async function sendDueScheduledMessages(db: Database, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: schema.messages.id })
    .from(schema.messages)
    .where(and(eq(schema.messages.status, 'scheduled'), lte(schema.messages.scheduledFor, now)))
    .orderBy(asc(schema.messages.scheduledFor))
    .limit(500);
  let sent = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [message] = await tx
        .update(schema.messages)
        .set({ status: 'sent', createdAt: now })
        .where(and(eq(schema.messages.id, id), eq(schema.messages.status, 'scheduled')))
        .returning();
      if (!message) return;
      const [conversation] = await tx.select().from(schema.conversations).where(eq(schema.conversations.id, message.conversationId)).for('update');
      const [author] = message.authorUserId ? await tx.select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, message.authorUserId)) : [];
      await markAnswered(tx, conversation!, message, now);
      await recordEvents(tx, [{ type: 'message.updated', accountId: message.accountId, payload: { conversationId: conversation!.id, messageId: message.id, status: 'sent' }, audience: { kind: 'inbox', inboxId: conversation!.inboxId } }]);
      await recordMessageCreated(tx, message.accountId, conversation!, message, author?.name ?? '');
      await afterConversationChange(tx, message.accountId, conversation!.id, now);
      sent += 1;
    });
  }
  return sent;
}
