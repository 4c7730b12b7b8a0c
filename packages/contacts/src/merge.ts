import { and, eq } from 'drizzle-orm';
import { type AccountScope, conflict, notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordAudit } from '@touchpoint/accounts';
import { moveCommerceRecords } from '@touchpoint/commerce';
import { recordEvents } from '@touchpoint/events';
import type { AttributeValue } from './contact-fields.ts';
import { findContactRow, lockAccountContacts, mergedAway, presentContact } from './contacts.ts';
import { recordMergeSnapshot } from './merge-history.ts';

type ProfileFields = Pick<typeof schema.contacts.$inferSelect, 'email' | 'phone' | 'otherEmails' | 'otherPhones' | 'socialHandles' | 'attributes' | 'locale' | 'timeZone' | 'companyId'>;

const unique = (values: (string | null)[], except: string | null) => [...new Set(values.filter((v): v is string => !!v && v !== except))];

/**
 * The kept contact's profile after absorbing a duplicate. The kept contact wins every conflict: its primary email and
 * phone stay primary; every email and phone of the duplicate is kept as an "other" one (so its messages still find
 * the contact); social handles, attributes, language, time zone and company are taken only where the kept one has none.
 */
export function mergeProfiles(kept: ProfileFields, duplicate: ProfileFields): ProfileFields {
  const email = kept.email ?? duplicate.email;
  const phone = kept.phone ?? duplicate.phone;
  const attributes: Record<string, AttributeValue> = { ...duplicate.attributes };
  for (const [key, value] of Object.entries(kept.attributes)) if (value !== null || !(key in attributes)) attributes[key] = value;
  return {
    email,
    phone,
    otherEmails: unique([...kept.otherEmails, kept.email, duplicate.email, ...duplicate.otherEmails], email),
    otherPhones: unique([...kept.otherPhones, kept.phone, duplicate.phone, ...duplicate.otherPhones], phone),
    socialHandles: { ...duplicate.socialHandles, ...kept.socialHandles },
    attributes,
    locale: kept.locale ?? duplicate.locale,
    timeZone: kept.timeZone ?? duplicate.timeZone,
    companyId: kept.companyId ?? duplicate.companyId,
  };
}

/**
 * Merges `duplicateId` into `contactId`: conversations, orders, notes and ratings move to the kept contact, the
 * duplicate's profile fills the kept one's gaps (mergeProfiles), and the duplicate is marked merged (it keeps answering
 * 404 with the survivor's id). Merging a contact into itself, or either side being merged already, is a 409.
 */
export async function mergeContacts(db: Database, scope: AccountScope, contactId: string, duplicateId: string) {
  return db.transaction(async (tx) => {
    await lockAccountContacts(tx, scope.accountId);
    const keptRow = await findContactRow(tx, scope.accountId, contactId);
    const duplicateRow = await findContactRow(tx, scope.accountId, duplicateId);
    if (!keptRow) throw notFound('contact');
    if (keptRow.contact.mergedIntoId) throw mergedAway(contactId, keptRow.contact.mergedIntoId);
    if (!duplicateRow) throw notFound('duplicate contact');
    if (contactId === duplicateId) throw conflict('A contact cannot be merged into itself.');
    if (duplicateRow.contact.mergedIntoId) throw conflict(`Contact ${duplicateId} was already merged into contact ${duplicateRow.contact.mergedIntoId}.`);
    const kept = keptRow.contact;
    const duplicate = duplicateRow.contact;
    const merged = mergeProfiles(kept, duplicate);
    const now = new Date();
    const moved = { accountId: scope.accountId, from: duplicateId };
    const mergeId = await recordMergeSnapshot(tx, scope, kept, duplicate);
    // The duplicate's timeline and anonymous ids follow (traits are recomputed on contact.merged).
    await tx.update(schema.customerEvents).set({ contactId }).where(and(eq(schema.customerEvents.accountId, moved.accountId), eq(schema.customerEvents.contactId, moved.from)));
    await tx.update(schema.contactAliases).set({ contactId }).where(and(eq(schema.contactAliases.accountId, moved.accountId), eq(schema.contactAliases.contactId, moved.from)));
    const [conversations, commerce, notes] = await Promise.all([
      tx.update(schema.conversations).set({ contactId, updatedAt: now }).where(and(eq(schema.conversations.accountId, moved.accountId), eq(schema.conversations.contactId, moved.from))).returning({ id: schema.conversations.id }),
      moveCommerceRecords(tx, moved.accountId, moved.from, contactId),
      tx.update(schema.contactNotes).set({ contactId }).where(and(eq(schema.contactNotes.accountId, moved.accountId), eq(schema.contactNotes.contactId, moved.from))).returning({ id: schema.contactNotes.id }),
    ]);
    await tx.update(schema.csatRatings).set({ contactId }).where(and(eq(schema.csatRatings.accountId, moved.accountId), eq(schema.csatRatings.contactId, moved.from)));
    // Channel identities follow, so the next WhatsApp message or email from the duplicate lands with the kept contact.
    await tx.update(schema.contactIdentities).set({ contactId }).where(and(eq(schema.contactIdentities.accountId, moved.accountId), eq(schema.contactIdentities.contactId, moved.from)));
    // Earlier duplicates of the duplicate now point at the survivor, so a merged id is always one hop from a live one.
    await tx.update(schema.contacts).set({ mergedIntoId: contactId }).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.mergedIntoId, duplicateId)));
    await tx.update(schema.contacts).set({ mergedIntoId: contactId, updatedAt: now }).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.id, duplicateId)));
    const [row] = await tx.update(schema.contacts).set({ ...merged, updatedAt: now }).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.id, contactId))).returning();
    const details = { mergeId, duplicateId, duplicateName: duplicate.name, moved: { conversations: conversations.length, orders: commerce.orders, returns: commerce.returns, notes: notes.length } };
    await recordAudit(tx, scope, { action: 'contact.merged', targetType: 'contact', targetId: contactId, details });
    await recordEvents(tx, [{ type: 'contact.merged', accountId: scope.accountId, payload: { contactId, duplicateId, mergeId }, audience: { kind: 'account' } }]);
    const company = row!.companyId ? await findContactRow(tx, scope.accountId, contactId) : null;
    return { ...presentContact(row!, company?.companyName ?? null), mergeId, moved: details.moved };
  });
}
