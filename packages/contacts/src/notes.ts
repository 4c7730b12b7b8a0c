import { and, desc, eq } from 'drizzle-orm';
import { type AccountScope, forbidden, isAdmin, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { requireLiveContact } from './contacts.ts';

const n = schema.contactNotes;

const noteColumns = { note: n, authorName: schema.users.name };

function presentNote(row: { note: typeof n.$inferSelect; authorName: string | null }) {
  return {
    id: row.note.id,
    body: row.note.body,
    author: row.note.authorUserId ? { id: row.note.authorUserId, name: row.authorName ?? '' } : null,
    createdAt: row.note.createdAt.toISOString(),
  };
}

/** Notes on a live contact, newest first. */
export async function listContactNotes(db: Database, scope: AccountScope, contactId: string) {
  await requireLiveContact(db, scope.accountId, contactId);
  const rows = await db
    .select(noteColumns)
    .from(n)
    .leftJoin(schema.users, eq(schema.users.id, n.authorUserId))
    .where(and(eq(n.accountId, scope.accountId), eq(n.contactId, contactId)))
    .orderBy(desc(n.createdAt), desc(n.id));
  return rows.map(presentNote);
}

/** Adds a note; its author is the signed-in person (API keys write notes without an author). */
export async function addContactNote(db: Database, scope: AccountScope, contactId: string, input: { body: string; createdAt?: Date }) {
  const body = input.body.trim();
  if (body.length === 0 || body.length > 10_000) throw validationFailed([{ path: 'body', message: 'must have 1 to 10000 characters' }]);
  await requireLiveContact(db, scope.accountId, contactId);
  const [row] = await db
    .insert(n)
    .values({ accountId: scope.accountId, contactId, body, authorUserId: scope.actor.type === 'user' ? scope.actor.id : null, createdAt: input.createdAt ?? new Date() })
    .returning();
  return presentNote({ note: row!, authorName: scope.actor.type === 'user' ? scope.actor.name : null });
}

/** Deletes a note: its author may, and admins may delete anyone's. */
export async function deleteContactNote(db: Database, scope: AccountScope, contactId: string, noteId: string) {
  await requireLiveContact(db, scope.accountId, contactId);
  const [note] = await db.select().from(n).where(and(eq(n.accountId, scope.accountId), eq(n.contactId, contactId), eq(n.id, noteId)));
  if (!note) throw notFound('note');
  const own = scope.actor.type === 'user' && note.authorUserId === scope.actor.id;
  if (!own && !isAdmin(scope)) throw forbidden('Only the author of a note or an admin can delete it.');
  await db.delete(n).where(and(eq(n.accountId, scope.accountId), eq(n.id, noteId)));
}
