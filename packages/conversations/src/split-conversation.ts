import { and, eq, inArray, ne } from 'drizzle-orm';
import { type AccountScope, causeOf, validationFailed } from '@touchpoint/core';
import { recordAudit } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { takeConversationNumber } from './conversations.ts';
import { afterConversationChange, lockConversation, touchConversation } from './ticket-updates.ts';
import { addSystemNote, recomputeResponseTimes } from './thread-moves.ts';

export interface SplitInput {
  messageIds: string[];
  /** The new conversation's subject; the original's when absent or blank. */
  subject?: string;
}

/**
 * Moves the chosen messages of a conversation to a new one, in one transaction: same contact, inbox, channel,
 * participants, priority, team and assignee (the same people keep the work); no labels (a split is usually another
 * topic). The new conversation is open, takes the next number, starts when its oldest message was written, and its
 * response times come from the messages it got. Both get a note naming the other; SLA clocks of both are recomputed.
 *
 * Every id must be a message of this conversation (canceled scheduled replies do not count), and at least one message
 * must stay: otherwise 400 and nothing changes.
 */
export async function splitConversation(db: Database, scope: AccountScope, conversationId: string, input: SplitInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const source = await lockConversation(tx, scope, conversationId);
    const accountId = scope.accountId;
    const m = schema.messages;
    const wanted = [...new Set(input.messageIds)];
    const present = await tx
      .select({ id: m.id, createdAt: m.createdAt })
      .from(m)
      .where(and(eq(m.accountId, accountId), eq(m.conversationId, source.id), ne(m.status, 'canceled')));
    const byId = new Map(present.map((row) => [row.id, row]));
    const unknown = wanted.filter((id) => !byId.has(id));
    if (wanted.length === 0) throw validationFailed([{ path: 'messageIds', message: 'must name at least one message' }]);
    if (unknown.length > 0) throw validationFailed([{ path: 'messageIds', message: `are not messages of this conversation: ${unknown.join(', ')}` }]);
    if (wanted.length >= present.length) throw validationFailed([{ path: 'messageIds', message: 'must leave at least one message in this conversation' }]);

    const startedAt = new Date(Math.min(...wanted.map((id) => byId.get(id)!.createdAt.getTime())));
    const [created] = await tx
      .insert(schema.conversations)
      .values({
        accountId,
        number: await takeConversationNumber(tx, accountId),
        inboxId: source.inboxId,
        contactId: source.contactId,
        subject: input.subject?.trim() || source.subject,
        status: 'open',
        priority: source.priority,
        teamId: source.teamId,
        assigneeId: source.assigneeId,
        participants: source.participants,
        createdAt: startedAt,
        lastMessageAt: now,
        updatedAt: now,
      })
      .returning();
    const split = created!;
    await tx.update(m).set({ conversationId: split.id }).where(and(eq(m.accountId, accountId), inArray(m.id, wanted)));
    await tx.update(schema.notifications).set({ conversationId: split.id }).where(and(eq(schema.notifications.accountId, accountId), inArray(schema.notifications.messageId, wanted)));
    await recomputeResponseTimes(tx, accountId, source.id);
    await recomputeResponseTimes(tx, accountId, split.id);

    await addSystemNote(tx, scope, source.id, 'splitInto', { number: split.number, count: wanted.length }, now);
    await addSystemNote(tx, scope, split.id, 'splitFrom', { number: source.number }, now);
    await touchConversation(tx, source.id, now);

    const by = scope.actor.name;
    const details = { number: source.number, newConversationId: split.id, newNumber: split.number, messageIds: wanted };
    await recordEvents(tx, [
      { type: 'conversation.created', accountId, payload: { conversationId: split.id, number: split.number, splitFromConversationId: source.id, ...causeOf(scope) }, audience: { kind: 'inbox', inboxId: split.inboxId } },
      { type: 'conversation.split', accountId, payload: { conversationId: source.id, ...details, by, ...causeOf(scope) }, audience: { kind: 'inbox', inboxId: source.inboxId } },
    ]);
    await recordAudit(tx, scope, { action: 'conversation.split', targetType: 'conversation', targetId: source.id, details });
    await afterConversationChange(tx, accountId, source.id, now);
    await afterConversationChange(tx, accountId, split.id, now);
    return split;
  });
}
