import { and, desc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { type AccountScope, conflict, notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordAudit } from '@touchpoint/accounts';
import { recordEvents } from '@touchpoint/events';
import { lockAccountContacts } from './contacts.ts';

const PROFILE_KEYS = ['name', 'email', 'phone', 'otherEmails', 'otherPhones', 'socialHandles', 'attributes', 'locale', 'timeZone', 'companyId'] as const;
type ContactRow = typeof schema.contacts.$inferSelect;
const profileOf = (row: ContactRow) => Object.fromEntries(PROFILE_KEYS.map((key) => [key, row[key]]));

/** Record kinds a merge moves, each with the table and the id expression stored in contact_merge_moves. */
const MOVED = [
  { kind: 'conversation', table: 'conversations', id: 'id::text' },
  { kind: 'order', table: 'orders', id: 'id::text' },
  { kind: 'return', table: 'returns', id: 'id::text' },
  { kind: 'note', table: 'contact_notes', id: 'id::text' },
  { kind: 'csat_rating', table: 'csat_ratings', id: 'id::text' },
  { kind: 'attachment', table: 'attachments', id: 'id::text' },
  { kind: 'identity', table: 'contact_identities', id: "channel || chr(31) || external_id" },
  { kind: 'event', table: 'customer_events', id: 'id::text' },
  { kind: 'alias', table: 'contact_aliases', id: 'anonymous_id' },
] as const;

/**
 * Remembers a merge before it moves anything: both profiles as they are, and the id of every record the duplicate
 * owns (conversations, orders, returns, notes, ratings, attachments, channel identities, customer events, anonymous
 * aliases, contacts merged into it earlier), so undoContactMerge can give back exactly those. Returns the merge id.
 */
export async function recordMergeSnapshot(tx: Database, scope: AccountScope, kept: ContactRow, duplicate: ContactRow): Promise<string> {
  const [merge] = await tx.insert(schema.contactMerges).values({
    accountId: scope.accountId,
    contactId: kept.id,
    duplicateId: duplicate.id,
    keptBefore: profileOf(kept),
    duplicateBefore: profileOf(duplicate),
    mergedBy: scope.actor.type === 'user' ? scope.actor.id : null,
  }).returning({ id: schema.contactMerges.id });
  for (const moved of MOVED) {
    await tx.execute(sql`insert into contact_merge_moves (merge_id, kind, record_id)
      select ${merge!.id}::uuid, ${moved.kind}, ${sql.raw(moved.id)} from ${sql.raw(moved.table)} where account_id = ${scope.accountId} and contact_id = ${duplicate.id}`);
  }
  await tx.execute(sql`insert into contact_merge_moves (merge_id, kind, record_id)
    select ${merge!.id}::uuid, 'merged_contact', id::text from contacts where account_id = ${scope.accountId} and merged_into_id = ${duplicate.id}`);
  return merge!.id;
}

export interface ContactMerge {
  id: string;
  contactId: string;
  duplicateId: string;
  duplicateName: string;
  mergedBy: string | null;
  mergedAt: string;
  undoneAt: string | null;
  moved: Record<string, number>;
}

/** The merges into a contact, newest first, with how many records of each kind each one moved. */
export async function listContactMerges(db: Database, accountId: string, contactId: string): Promise<ContactMerge[]> {
  const m = schema.contactMerges;
  const rows = await db.select().from(m).where(and(eq(m.accountId, accountId), eq(m.contactId, contactId))).orderBy(desc(m.mergedAt));
  const result: ContactMerge[] = [];
  for (const row of rows) {
    const counts = await db.select({ kind: schema.contactMergeMoves.kind, count: sql<number>`count(*)::int` }).from(schema.contactMergeMoves).where(eq(schema.contactMergeMoves.mergeId, row.id)).groupBy(schema.contactMergeMoves.kind);
    result.push({
      id: row.id,
      contactId: row.contactId,
      duplicateId: row.duplicateId,
      duplicateName: String(row.duplicateBefore.name ?? ''),
      mergedBy: row.mergedBy,
      mergedAt: row.mergedAt.toISOString(),
      undoneAt: row.undoneAt?.toISOString() ?? null,
      moved: Object.fromEntries(counts.map((count) => [count.kind, count.count])),
    });
  }
  return result;
}

/**
 * Undoes a merge: every record the merge moved and still sits with the kept contact goes back to the duplicate,
 * contacts merged into the duplicate earlier point at it again, the duplicate is live again with its profile as it
 * was, and the kept contact's profile returns to its state before the merge. Merges are undone last-first: a later
 * merge into the same contact that is still in place is a 409. Audited; emits `contact.unmerged`.
 */
export async function undoContactMerge(db: Database, scope: AccountScope, contactId: string, mergeId: string) {
  return db.transaction(async (tx) => {
    await lockAccountContacts(tx, scope.accountId);
    const m = schema.contactMerges;
    const [merge] = await tx.select().from(m).where(and(eq(m.accountId, scope.accountId), eq(m.id, mergeId), eq(m.contactId, contactId)));
    if (!merge) throw notFound('merge');
    if (merge.undoneAt) throw conflict('This merge was already undone.');
    const [later] = await tx.select({ id: m.id }).from(m).where(and(eq(m.accountId, scope.accountId), isNull(m.undoneAt), ne(m.id, mergeId), sql`${m.mergedAt} > (select merged_at from contact_merges where id = ${mergeId})`, or(eq(m.contactId, contactId), eq(m.duplicateId, contactId))));
    if (later) throw conflict(`A later merge (${later.id}) involves this contact; undo it first.`);
    const [kept] = await tx.select().from(schema.contacts).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.id, contactId)));
    if (!kept) throw notFound('contact');
    if (kept.mergedIntoId) throw conflict(`Contact ${contactId} was merged into ${kept.mergedIntoId} since; undo that merge first.`);
    const [duplicate] = await tx.select().from(schema.contacts).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.id, merge.duplicateId)));
    if (!duplicate) throw conflict('The merged contact was erased since; the merge cannot be undone.');
    for (const moved of MOVED) {
      await tx.execute(sql`update ${sql.raw(moved.table)} set contact_id = ${merge.duplicateId}
        where account_id = ${scope.accountId} and contact_id = ${contactId}
          and ${sql.raw(moved.id)} in (select record_id from contact_merge_moves where merge_id = ${mergeId} and kind = ${moved.kind})`);
    }
    await tx.execute(sql`update contacts set merged_into_id = ${merge.duplicateId}
      where account_id = ${scope.accountId} and merged_into_id = ${contactId}
        and id::text in (select record_id from contact_merge_moves where merge_id = ${mergeId} and kind = 'merged_contact')`);
    const now = new Date();
    await tx.update(schema.contacts).set({ ...(merge.duplicateBefore as Partial<ContactRow>), mergedIntoId: null, updatedAt: now }).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.id, merge.duplicateId)));
    await tx.update(schema.contacts).set({ ...(merge.keptBefore as Partial<ContactRow>), updatedAt: now }).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.id, contactId)));
    await tx.update(m).set({ undoneAt: now, undoneBy: scope.actor.type === 'user' ? scope.actor.id : null }).where(eq(m.id, mergeId));
    await recordAudit(tx, scope, { action: 'contact.unmerged', targetType: 'contact', targetId: contactId, details: { mergeId, duplicateId: merge.duplicateId, duplicateName: duplicate.name } });
    await recordEvents(tx, [{ type: 'contact.unmerged', accountId: scope.accountId, payload: { contactId, duplicateId: merge.duplicateId, mergeId }, audience: { kind: 'account' } }]);
    return { mergeId, contactId, duplicateId: merge.duplicateId, undoneAt: now.toISOString() };
  });
}
