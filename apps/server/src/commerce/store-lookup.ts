import type { AccountScope } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { findOrdersByNumber, getReturn, listReturns, type Return } from '@touchpoint/commerce';
import { findContactRow, listContacts, normalizePhone, presentContact, type Contact } from '@touchpoint/contacts';

const CONTACT_CODE = /^touchpoint:contact:([0-9a-f-]{36})$/i;
const RETURN_CODE = /^touchpoint:return:([0-9a-f-]{36})$/i;
const RETURN_NUMBER = /^R-?(\d{1,9})$/i;

export interface StoreLookup {
  matchedBy: 'contact_code' | 'return_code' | 'return_number' | 'order_number' | 'text';
  contacts: Contact[];
  ret: Return | null;
}

/** A live contact by id, following a merge to the survivor; null when there is none. */
async function liveContact(db: Database, accountId: string, contactId: string): Promise<Contact | null> {
  let found = await findContactRow(db, accountId, contactId);
  if (found?.contact.mergedIntoId) found = await findContactRow(db, accountId, found.contact.mergedIntoId);
  return found && !found.contact.mergedIntoId ? presentContact(found.contact, found.companyName) : null;
}

/**
 * What the store counter typed or scanned: a customer's portal QR (`touchpoint:contact:<id>`), a return slip's QR
 * (`touchpoint:return:<id>`), a return number (R-1002), an order number (SG-1042 or #1001), or a name, email or phone.
 */
export async function lookupStoreCustomer(db: Database, scope: AccountScope, raw: string): Promise<StoreLookup> {
  const q = raw.trim();
  const contactCode = CONTACT_CODE.exec(q);
  if (contactCode) {
    const contact = await liveContact(db, scope.accountId, contactCode[1]!.toLowerCase());
    return { matchedBy: 'contact_code', contacts: contact ? [contact] : [], ret: null };
  }
  const returnCode = RETURN_CODE.exec(q);
  if (returnCode) {
    const ret = await getReturn(db, scope, returnCode[1]!.toLowerCase()).catch(() => null);
    const contact = ret?.contactId ? await liveContact(db, scope.accountId, ret.contactId) : null;
    return { matchedBy: 'return_code', contacts: contact ? [contact] : [], ret };
  }
  const returnNumber = RETURN_NUMBER.exec(q);
  if (returnNumber) {
    const [ret] = (await listReturns(db, scope, { q: returnNumber[1], limit: 5 })).filter((r) => r.number === `R-${returnNumber[1]}`);
    if (ret) {
      const contact = ret.contactId ? await liveContact(db, scope.accountId, ret.contactId) : null;
      return { matchedBy: 'return_number', contacts: contact ? [contact] : [], ret };
    }
  }
  const orders = await findOrdersByNumber(db, scope, [q, q.startsWith('#') ? q.slice(1) : `#${q}`]);
  if (orders.length > 0) {
    const contacts = (await Promise.all([...new Set(orders.map((o) => o.contactId).filter((id): id is string => Boolean(id)))].map((id) => liveContact(db, scope.accountId, id)))).filter((c): c is Contact => c !== null);
    return { matchedBy: 'order_number', contacts, ret: null };
  }
  // A phone number typed with spaces or dashes is stored without them.
  const text = /^\+?[\d\s().-]{6,}$/.test(q) ? normalizePhone(q) : q;
  return { matchedBy: 'text', contacts: text ? await listContacts(db, scope, { q: text, limit: 10 }) : [], ret: null };
}
