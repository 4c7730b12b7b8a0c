import { and, eq } from 'drizzle-orm';
import { notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { updateContact } from '@touchpoint/contacts';
import { presentConsent } from './consent.ts';
import { customerScope } from './portal-accounts.ts';

/** What the signed-in customer sees of themselves. */
export async function describeCustomer(db: Database, accountId: string, contactId: string) {
  const [row] = await db.select().from(schema.contacts).where(and(eq(schema.contacts.accountId, accountId), eq(schema.contacts.id, contactId)));
  if (!row) throw notFound('contact');
  return {
    contactId: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    timeZone: row.timeZone,
    consent: presentConsent(row.communicationConsent),
  };
}

/**
 * The customer changes their name, language or time zone (validated like an agent's edit). Email and phone are not
 * theirs to change here: the email is what they sign in with, and agents keep both unique per account.
 */
export async function updateCustomerProfile(db: Database, accountId: string, contactId: string, patch: { name?: string; locale?: string | null; timeZone?: string | null }) {
  const current = await describeCustomer(db, accountId, contactId);
  await updateContact(db, customerScope(accountId, current.name), contactId, patch);
  return describeCustomer(db, accountId, contactId);
}
