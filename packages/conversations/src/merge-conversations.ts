import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { type AccountScope, causeOf, conflict, validationFailed } from '@touchpoint/core';
import { recordAudit } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { afterConversationChange, lockConversationEvenIfMerged, touchConversation } from './ticket-updates.ts';
import { addSystemNote, recomputeResponseTimes } from './thread-moves.ts';

type Participant = (typeof schema.conversations.$inferSelect)['participants'][number];
type ContactAddress = { name: string; email: string | null; phone: string | null };

const addressOf = (contact: ContactAddress) => contact.email ?? contact.phone ?? contact.name;

/**
 * The target's participants after a merge: its own, then the source's, then the source's contact when it is someone
 * else (they were part of the thread that now lives here). One entry per address; the target's contact is never
 * listed as a participant of its own conversation.
 */
export function mergeParticipants(target: Participant[], source: Participant[], targetContact: ContactAddress, sourceContact: ContactAddress | null): Participant[] {
  const own = new Set([targetContact.email, targetContact.phone].filter((value): value is string => !!value).map((value) => value.toLowerCase()));
  const seen = new Set<string>();
  const result: Participant[] = [];
  const extra: Participant[] = sourceContact ? [{ name: sourceContact.name, address: addressOf(sourceContact), kind: 'participant' }] : [];
  for (const participant of [...target, ...source, ...extra]) {
    const key = participant.address.toLowerCase();
    if (seen.has(key) || own.has(key)) continue;
    seen.add(key);
    result.push(participant);
  }
  return result;
}

async function loadContacts(tx: Database, accountId: string, ids: string[]) {
  const rows = await tx
    .select({ id: schema.contacts.id, name: schema.contacts.name, email: schema.contacts.email, phone: schema.contacts.phone })
    .from(schema.contacts)
    .where(and(eq(schema.contacts.accountId, accountId), inArray(schema.contacts.id, ids)));
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Merges conversation `sourceId` into `targetId`, in one transaction:
 * - every message of the source (notes and scheduled replies too; attachments and mentions follow their message)
 *   moves to the target with its original time, so the target's thread reads in order and search finds it there;
 * - labels and participants are united in the target; a source contact other than the target's becomes a participant;
 * - the source is closed and marked merged (it keeps answering with where it went, and is listed nowhere);
 * - both get a note naming the other; response times and SLA clocks of both are recomputed; a target that was not
 *   waiting for an answer but now is (the source held a newer unanswered customer message) is reopened.
 *
 * Both rows are locked in id order, so merges of the same pair, in either direction, run one after the other and
 * the second is refused. Merging into itself is a 400; a side that is already merged is a 409.
 */
export async function mergeConversation(db: Database, scope: AccountScope, sourceId: string, targetId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const locked = new Map<string, typeof schema.conversations.$inferSelect>();
    for (const id of [sourceId, targetId].sort()) if (!locked.has(id)) locked.set(id, await lockConversationEvenIfMerged(tx, scope, id));
    const source = locked.get(sourceId)!;
    const target = locked.get(targetId)!;
    if (sourceId === targetId) throw validationFailed([{ path: 'targetConversationId', message: 'is this conversation; pick another one to merge into' }]);
    if (source.mergedIntoId) throw conflict(`Conversation #${source.number} was already merged.`);
    if (target.mergedIntoId) throw conflict(`Conversation #${target.number} was itself merged into another; merge into that one.`);

    const accountId = scope.accountId;
    const moved = await tx
      .update(schema.messages)
      .set({ conversationId: target.id })
      .where(and(eq(schema.messages.accountId, accountId), eq(schema.messages.conversationId, source.id)))
      .returning({ id: schema.messages.id });
    await tx
      .update(schema.notifications)
      .set({ conversationId: target.id })
      .where(and(eq(schema.notifications.accountId, accountId), eq(schema.notifications.conversationId, source.id), isNotNull(schema.notifications.messageId)));

    const labels = await tx.select({ labelId: schema.conversationLabels.labelId }).from(schema.conversationLabels).where(and(eq(schema.conversationLabels.accountId, accountId), eq(schema.conversationLabels.conversationId, source.id)));
    if (labels.length > 0) await tx.insert(schema.conversationLabels).values(labels.map(({ labelId }) => ({ accountId, conversationId: target.id, labelId }))).onConflictDoNothing();

    const contacts = await loadContacts(tx, accountId, [target.contactId, source.contactId]);
    const contactAdded = source.contactId !== target.contactId;
    const participants = mergeParticipants(target.participants, source.participants, contacts.get(target.contactId)!, contactAdded ? contacts.get(source.contactId)! : null);

    await tx
      .update(schema.conversations)
      .set({ status: 'closed', customStatusId: null, snoozedUntil: null, waitingSince: null, resolvedAt: source.resolvedAt ?? now, mergedIntoId: target.id, updatedAt: now })
      .where(eq(schema.conversations.id, source.id));
    // Earlier merges into the source now point at the survivor, so a merged conversation is always one hop from a live one.
    await tx.update(schema.conversations).set({ mergedIntoId: target.id }).where(and(eq(schema.conversations.accountId, accountId), eq(schema.conversations.mergedIntoId, source.id)));

    const times = await recomputeResponseTimes(tx, accountId, target.id);
    const reopen = target.status !== 'open' && target.waitingSince === null && times.waitingSince !== null;
    await tx
      .update(schema.conversations)
      .set({ participants, updatedAt: now, ...(reopen ? { status: 'open', customStatusId: null, snoozedUntil: null, resolvedAt: null } : {}) })
      .where(eq(schema.conversations.id, target.id));

    await addSystemNote(tx, scope, source.id, 'mergedInto', { number: target.number }, now);
    await addSystemNote(tx, scope, target.id, 'mergedFrom', { number: source.number, count: moved.length }, now);
    await touchConversation(tx, source.id, now);
    await touchConversation(tx, target.id, now);

    const by = scope.actor.name;
    const details = { sourceNumber: source.number, targetConversationId: target.id, targetNumber: target.number, movedMessages: moved.length, contactAdded };
    await recordEvents(tx, [
      { type: 'conversation.updated', accountId, payload: { conversationId: source.id, number: source.number, changed: ['status', 'mergedIntoId'], status: 'closed', by, ...causeOf(scope) }, audience: { kind: 'inbox', inboxId: source.inboxId } },
      // Like contact.merged, the event is about the one that stays: rules and webhooks act on a conversation that is live.
      { type: 'conversation.merged', accountId, payload: { conversationId: target.id, number: target.number, sourceConversationId: source.id, sourceNumber: source.number, movedMessages: moved.length, contactAdded, by, ...causeOf(scope) }, audience: { kind: 'inbox', inboxId: target.inboxId } },
      ...(reopen ? [{ type: 'conversation.updated' as const, accountId, payload: { conversationId: target.id, number: target.number, changed: ['status'], status: 'open', by, ...causeOf(scope) }, audience: { kind: 'inbox' as const, inboxId: target.inboxId } }] : []),
    ]);
    await recordAudit(tx, scope, { action: 'conversation.merged', targetType: 'conversation', targetId: source.id, details });
    await afterConversationChange(tx, accountId, source.id, now);
    await afterConversationChange(tx, accountId, target.id, now);
    return { conversationId: source.id, targetConversationId: target.id, movedMessages: moved.length, contactAdded };
  });
}
