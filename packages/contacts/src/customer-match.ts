import type { AccountScope, Locale } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { isEmail, isLocale, isPhone, normalizeEmail, normalizePhone } from './contact-fields.ts';
import { createContact, findContactByEmails, findContactByPhone, updateContact } from './contacts.ts';

export interface CustomerIdentity {
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  locale?: string | null;
}

/**
 * The live contact a shop's customer is (by email, then by phone when that contact has no other email), created
 * when there is none. An
 * invalid email or phone is ignored rather than refusing the order it came with. Null when there is nothing to match.
 */
export async function findOrCreateCustomerContact(db: Database, scope: AccountScope, customer: CustomerIdentity): Promise<{ contactId: string; created: boolean } | null> {
  const email = customer.email && isEmail(normalizeEmail(customer.email)) ? normalizeEmail(customer.email) : null;
  const phone = customer.phone && isPhone(normalizePhone(customer.phone)) ? normalizePhone(customer.phone) : null;
  if (!email && !phone) return null;
  const byEmail = email ? await findContactByEmails(db, scope.accountId, [email]) : null;
  // A phone match is the same person only when it does not contradict an email: a shared family phone with two
  // different emails is two customers.
  const byPhone = !byEmail && phone ? await findContactByPhone(db, scope.accountId, phone) : null;
  const found = byEmail ?? (byPhone && (!email || !byPhone.email) ? byPhone : null);
  if (found) {
    // Matched by phone: the order's email fills the contact's empty one, so the next order with another email is not them.
    if (!byEmail && email && !found.email) await updateContact(db, scope, found.id, { email }).catch(() => undefined);
    return { contactId: found.id, created: false };
  }
  const name = customer.name?.trim() || email || phone!;
  const locale = customer.locale?.slice(0, 2) ?? null;
  try {
    const contact = await createContact(db, scope, { name, email, phone, ...(locale && isLocale(locale) ? { locale: locale as Locale } : {}) });
    return { contactId: contact.id, created: true };
  } catch (error) {
    // Created meanwhile by a concurrent request (createContact refuses a taken email): use that one.
    const again = email ? await findContactByEmails(db, scope.accountId, [email]) : null;
    if (again) return { contactId: again.id, created: false };
    throw error;
  }
}
