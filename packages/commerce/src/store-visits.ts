import { and, asc, eq, inArray } from 'drizzle-orm';
import { type AccountScope, AppError, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { createConversation } from '@touchpoint/conversations';

const MAX_NOTE_LENGTH = 5000;

/**
 * Logs a customer's visit to a store as a resolved conversation of an `in_store` inbox the staff member works in (the
 * first one, or `inboxId`), with the note as its first entry: it lands on the contact's timeline like every other
 * conversation, and counts in reports by channel. 409 when the account has no in-store inbox for this person.
 */
export async function logStoreVisit(db: Database, scope: AccountScope, contactId: string, input: { note: string; inboxId?: string }, now = new Date()) {
  const note = input.note.trim();
  if (!note) throw validationFailed([{ path: 'note', message: 'say what happened at the counter' }]);
  if (note.length > MAX_NOTE_LENGTH) throw validationFailed([{ path: 'note', message: `must be at most ${MAX_NOTE_LENGTH} characters` }]);
  const visible = await listVisibleInboxIds(db, scope);
  const stores = visible.length === 0 ? [] : await db
    .select({ id: schema.inboxes.id })
    .from(schema.inboxes)
    .where(and(eq(schema.inboxes.accountId, scope.accountId), eq(schema.inboxes.channel, 'in_store'), inArray(schema.inboxes.id, visible)))
    .orderBy(asc(schema.inboxes.createdAt));
  const inboxId = input.inboxId ?? stores[0]?.id;
  if (!inboxId || !stores.some((s) => s.id === inboxId)) {
    throw new AppError('conflict', 'Conflict', 'There is no in-store inbox you work in: an admin adds one under Settings → Inboxes (channel “In store”).');
  }
  const firstLine = note.split('\n')[0]!.slice(0, 80);
  const conversation = await createConversation(db, scope, {
    inboxId,
    contactId,
    subject: `In store: ${firstLine}`,
    status: 'resolved',
    assigneeId: scope.actor.type === 'user' ? scope.actor.id : null,
    messages: [{ direction: 'note', body: note, authorUserId: scope.actor.type === 'user' ? scope.actor.id : null, at: now }],
  }, now);
  return { conversationId: conversation.id, number: conversation.number };
}
