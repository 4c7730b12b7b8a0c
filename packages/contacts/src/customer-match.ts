import type { AccountScope, Locale } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { isEmail, isLocale, isPhone, normalizeEmail, normalizePhone } from './contact-fields.ts';
import { createContact, findContactByEmails, findContactByPhone } from './contacts.ts';

export interface CustomerIdentity {
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  locale?: string | null;
}

/**
 * The live contact a shop's customer is (by email, then phone, primary or other), created when there is none. An
 * invalid email or phone is ignored rather than refusing the order it came with. Null when there is nothing to match.
 */
export async function findOrCreateCustomerContact(db: Database, scope: AccountScope, customer: CustomerIdentity): Promise<{ contactId: string; created: boolean } | null> {
  const email = customer.email && isEmail(normalizeEmail(customer.email)) ? normalizeEmail(customer.email) : null;
  const phone = customer.phone && isPhone(normalizePhone(customer.phone)) ? normalizePhone(customer.phone) : null;
  if (!email && !phone) return null;
  const byEmail = email ? await findContactByEmails(db, scope.accountId, [email]) : null;
  const found = byEmail ?? (phone ? await findContactByPhone(db, scope.accountId, phone) : null);
  if (found) return { contactId: found.id, created: false };
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
