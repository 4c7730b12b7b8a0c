import { and, count, desc, eq, gt, ilike, isNull, or, sql } from 'drizzle-orm';
import { type AccountScope, AppError, conflict, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { assertAdmin, recordAudit } from '@touchpoint/accounts';
import { listContactOrders } from '@touchpoint/commerce';
import { listContactConversations } from '@touchpoint/conversations';
import { recordEvents } from '@touchpoint/events';
import { type ContactFields, patchAttributes, validateContactFields } from './contact-fields.ts';

const k = schema.contacts;
type ContactRow = typeof schema.contacts.$inferSelect;

const contactColumns = { contact: k, companyName: schema.companies.name };

export const presentContact = (row: ContactRow, companyName: string | null = null) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  otherEmails: row.otherEmails,
  otherPhones: row.otherPhones,
  socialHandles: row.socialHandles,
  locale: row.locale,
  timeZone: row.timeZone,
  company: row.companyId ? { id: row.companyId, name: companyName ?? '' } : null,
  attributes: row.attributes,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
export type Contact = ReturnType<typeof presentContact>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Live contacts: not merged into another. */
export const isLive = () => isNull(k.mergedIntoId);

/** Live contacts of the account, newest first, optionally matching a name, email or phone fragment (other emails and phones too). */
export async function listContacts(db: Database, scope: AccountScope, filter: { q?: string; limit: number }) {
  const q = filter.q?.trim();
  const pattern = q ? `%${escapeLike(q)}%` : null;
  const rows = await db
    .select(contactColumns)
    .from(k)
    .leftJoin(schema.companies, eq(schema.companies.id, k.companyId))
    .where(and(
      eq(k.accountId, scope.accountId),
      isLive(),
      pattern
        ? or(
            ilike(k.name, pattern),
            ilike(k.email, pattern),
            ilike(k.phone, pattern),
            sql`exists (select 1 from unnest(${k.otherEmails}) as e(v) where e.v ilike ${pattern})`,
            sql`exists (select 1 from unnest(${k.otherPhones}) as p(v) where p.v ilike ${pattern})`,
          )
        : undefined,
    ))
    .orderBy(desc(k.createdAt))
    .limit(filter.limit);
  return rows.map((row) => presentContact(row.contact, row.companyName));
}

/** A contact of the account, merged ones included (callers decide what a merged contact means to them). */
export async function findContactRow(db: Database, accountId: string, contactId: string) {
  const [row] = await db.select(contactColumns).from(k).leftJoin(schema.companies, eq(schema.companies.id, k.companyId)).where(and(eq(k.accountId, accountId), eq(k.id, contactId)));
  return row ?? null;
}

/** 404 for a merged contact too, with the survivor's id in `detail`, so clients holding an old id can follow it. */
export const mergedAway = (contactId: string, survivorId: string) =>
  new AppError('not_found', 'Merged', `Contact ${contactId} was merged into contact ${survivorId}.`);

/** A live contact row, locked for update when `forUpdate` (inside a transaction). */
export async function requireLiveContact(db: Database, accountId: string, contactId: string, forUpdate = false) {
  const query = db.select().from(k).where(and(eq(k.accountId, accountId), eq(k.id, contactId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('contact');
  if (row.mergedIntoId) throw mergedAway(row.id, row.mergedIntoId);
  return row;
}

export async function getContact(db: Database, scope: AccountScope, contactId: string) {
  const found = await findContactRow(db, scope.accountId, contactId);
  if (!found) throw notFound('contact');
  if (found.contact.mergedIntoId) throw mergedAway(contactId, found.contact.mergedIntoId);
  const [orders, conversations] = await Promise.all([listContactOrders(db, scope, contactId), listContactConversations(db, scope, contactId)]);
  return { ...presentContact(found.contact, found.companyName), orders, conversations };
}

/** Serialises contact writes of one account, so the email-uniqueness check cannot race (there is no unique index). */
export async function lockAccountContacts(tx: Database, accountId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`contacts:${accountId}`}))`);
}

/** The live contact (other than `exceptId`) already using one of `emails`, as primary or other email. */
export async function findContactByEmails(tx: Database, accountId: string, emails: string[], exceptId?: string) {
  if (emails.length === 0) return null;
  const list = sql.join(emails.map((e) => sql`${e}`), sql`, `);
  const [row] = await tx
    .select()
    .from(k)
    .where(and(
      eq(k.accountId, accountId),
      isLive(),
      exceptId ? sql`${k.id} <> ${exceptId}` : undefined,
      // Emails are stored lower-cased, so the indexes apply: contacts_email_idx and the GIN index on other_emails.
      or(sql`lower(${k.email}) in (${list})`, sql`${k.otherEmails} && array[${list}]::text[]`),
    ))
    .limit(1);
  return row ?? null;
}

/** The live contact using `phone`, as primary or other phone. */
export async function findContactByPhone(tx: Database, accountId: string, phone: string) {
  const [row] = await tx
    .select()
    .from(k)
    .where(and(eq(k.accountId, accountId), isLive(), or(eq(k.phone, phone), sql`${phone} = any(${k.otherPhones})`)))
    .orderBy(k.createdAt)
    .limit(1);
  return row ?? null;
}

async function assertEmailsFree(tx: Database, accountId: string, emails: (string | null | undefined)[], exceptId?: string) {
  const wanted = [...new Set(emails.filter((e): e is string => !!e))];
  const other = await findContactByEmails(tx, accountId, wanted, exceptId);
  if (!other) return;
  const taken = wanted.find((e) => other.email === e || other.otherEmails.includes(e)) ?? wanted[0];
  throw conflict(`The email ${taken} already belongs to contact “${other.name}” (${other.id}).`);
}

export async function assertCompanyInAccount(tx: Database, accountId: string, companyId: string | null | undefined) {
  if (!companyId) return;
  const [row] = await tx.select({ id: schema.companies.id }).from(schema.companies).where(and(eq(schema.companies.accountId, accountId), eq(schema.companies.id, companyId)));
  if (!row) throw validationFailed([{ path: 'companyId', message: 'is not a company of this account' }]);
}

async function presentById(tx: Database, accountId: string, contactId: string) {
  const found = await findContactRow(tx, accountId, contactId);
  return presentContact(found!.contact, found!.companyName);
}

export interface NewContact extends ContactFields {
  name: string;
  createdAt?: Date;
}

/** Creates a contact; emails must not belong to another live contact (409), the company must be the account's (400). */
export async function createContact(db: Database, scope: AccountScope, input: NewContact) {
  const fields = validateContactFields(input);
  return db.transaction(async (tx) => {
    await lockAccountContacts(tx, scope.accountId);
    await assertEmailsFree(tx, scope.accountId, [fields.email, ...(fields.otherEmails ?? [])]);
    await assertCompanyInAccount(tx, scope.accountId, fields.companyId);
    const at = input.createdAt ?? new Date();
    const [row] = await tx
      .insert(k)
      .values({
        accountId: scope.accountId,
        name: fields.name!,
        email: fields.email ?? null,
        phone: fields.phone ?? null,
        otherEmails: (fields.otherEmails ?? []).filter((e) => e !== fields.email),
        otherPhones: (fields.otherPhones ?? []).filter((p) => p !== fields.phone),
        socialHandles: fields.socialHandles ?? {},
        locale: fields.locale ?? null,
        timeZone: fields.timeZone ?? null,
        companyId: fields.companyId ?? null,
        attributes: patchAttributes({}, fields.attributes),
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await recordEvents(tx, [{ type: 'contact.created', accountId: scope.accountId, payload: { contactId: row!.id }, audience: { kind: 'account' } }]);
    return presentById(tx, scope.accountId, row!.id);
  });
}

/** Updates the given fields; `socialHandles` and `otherEmails`/`otherPhones` replace, `attributes` merge (null removes). */
export async function updateContact(db: Database, scope: AccountScope, contactId: string, patch: ContactFields) {
  const fields = validateContactFields(patch);
  return db.transaction(async (tx) => {
    await lockAccountContacts(tx, scope.accountId);
    const before = await requireLiveContact(tx, scope.accountId, contactId, true);
    const email = fields.email !== undefined ? fields.email : before.email;
    const phone = fields.phone !== undefined ? fields.phone : before.phone;
    const otherEmails = (fields.otherEmails ?? before.otherEmails).filter((e) => e !== email);
    const otherPhones = (fields.otherPhones ?? before.otherPhones).filter((p) => p !== phone);
    await assertEmailsFree(tx, scope.accountId, [email, ...otherEmails], contactId);
    await assertCompanyInAccount(tx, scope.accountId, fields.companyId);
    await tx
      .update(k)
      .set({
        ...(fields.name !== undefined ? { name: fields.name } : {}),
        email,
        phone,
        otherEmails,
        otherPhones,
        ...(fields.socialHandles ? { socialHandles: fields.socialHandles as Record<string, string> } : {}),
        ...(fields.locale !== undefined ? { locale: fields.locale } : {}),
        ...(fields.timeZone !== undefined ? { timeZone: fields.timeZone } : {}),
        ...(fields.companyId !== undefined ? { companyId: fields.companyId } : {}),
        attributes: patchAttributes(before.attributes, fields.attributes),
        updatedAt: new Date(),
      })
      .where(and(eq(k.accountId, scope.accountId), eq(k.id, contactId)));
    await recordEvents(tx, [{ type: 'contact.updated', accountId: scope.accountId, payload: { contactId, fields: Object.keys(patch) }, audience: { kind: 'account' } }]);
    return presentById(tx, scope.accountId, contactId);
  });
}

/**
 * Erases a contact for a privacy request: the contact, the duplicates merged into it, their conversations (with their
 * messages) and notes; orders stay for the books, without the contact. Admins only; audited without personal data.
 */
export async function deleteContact(db: Database, scope: AccountScope, contactId: string) {
  assertAdmin(scope);
  await db.transaction(async (tx) => {
    await lockAccountContacts(tx, scope.accountId);
    await requireLiveContact(tx, scope.accountId, contactId, true);
    const removed = await tx
      .delete(k)
      .where(and(eq(k.accountId, scope.accountId), or(eq(k.id, contactId), eq(k.mergedIntoId, contactId))))
      .returning({ id: k.id });
    await recordAudit(tx, scope, { action: 'contact.deleted', targetType: 'contact', targetId: contactId, details: { contactIds: removed.map((r) => r.id) } });
    await recordEvents(tx, [{ type: 'contact.deleted', accountId: scope.accountId, payload: { contactId }, audience: { kind: 'account' } }]);
  });
}

export async function countContactsAndRecentOrders(db: Database, scope: AccountScope, now = new Date()) {
  const since = new Date(now.getTime() - 30 * 24 * 3600_000);
  const [[contacts], [orders]] = await Promise.all([
    db.select({ n: count() }).from(schema.contacts).where(and(eq(schema.contacts.accountId, scope.accountId), isLive())),
    db.select({ n: count() }).from(schema.orders).where(and(eq(schema.orders.accountId, scope.accountId), gt(schema.orders.placedAt, since))),
  ]);
  return { contacts: contacts?.n ?? 0, ordersLast30Days: orders?.n ?? 0 };
}
