import { and, eq, gte, ne, or, sql } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { hashAddress, normalizeReferralEmail, normalizeReferralPhone } from './referral-identity.ts';
import type { ReferralProgram } from './referral-programs.ts';

/** Why a referral was refused; each is shown in the console with a detail, and kept on the referral. */
export const REJECTION_REASONS = [
  'self_referral_contact', 'self_referral_email', 'self_referral_phone', 'self_referral_device', 'self_referral_ip', 'self_referral_address',
  'already_referred', 'existing_customer', 'not_first_order', 'order_below_minimum', 'attribution_expired', 'referrer_cap_reached', 'program_not_live',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
export interface Rejection { reason: RejectionReason; detail: string }

/** What is known of the friend's side at the moment of the claim or the order. */
export interface FriendFingerprint {
  deviceId?: string | null;
  deviceHash?: string | null;
  ipHash?: string | null;
  /** Already hashed with `hashAddress`. */
  addressHash?: string | null;
}

type ContactRow = typeof schema.contacts.$inferSelect;
const DAY_MS = 24 * 3600_000;

const emailsOf = (contact: ContactRow) => [contact.email, ...contact.otherEmails].filter((e): e is string => Boolean(e)).map(normalizeReferralEmail);
const phonesOf = (contact: ContactRow) => [contact.phone, ...contact.otherPhones].filter((e): e is string => Boolean(e)).map(normalizeReferralPhone);
const ADDRESS_KEYS = ['shipping_address', 'shippingAddress', 'address'];
export const addressHashesOf = (contact: ContactRow) => ADDRESS_KEYS.map((key) => contact.attributes[key]).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map(hashAddress);

/**
 * The same person on both sides of a referral: the same contact, an email that reaches the same inbox, the same
 * phone, a device the referrer used (same device id cookie, or same device id + user agent hash), an IP hash the
 * referrer was seen from within the program's window, or the same shipping address. The first match is the reason.
 */
export async function findSelfReferral(db: Database, program: ReferralProgram, codeId: string, referrer: ContactRow, friend: ContactRow | null, friendEmail: string | null, print: FriendFingerprint, now = new Date()): Promise<Rejection | null> {
  if (friend && friend.id === referrer.id) return { reason: 'self_referral_contact', detail: 'The friend is the referrer’s own contact.' };
  const referrerEmails = new Set(emailsOf(referrer));
  const friendEmails = [...(friend ? emailsOf(friend) : []), ...(friendEmail ? [normalizeReferralEmail(friendEmail)] : [])];
  const sameInbox = friendEmails.find((email) => referrerEmails.has(email));
  if (sameInbox) return { reason: 'self_referral_email', detail: `The friend’s email reaches the referrer’s inbox (${sameInbox}).` };
  const referrerPhones = new Set(phonesOf(referrer));
  const samePhone = friend ? phonesOf(friend).find((phone) => referrerPhones.has(phone)) : undefined;
  if (samePhone) return { reason: 'self_referral_phone', detail: 'The friend has the referrer’s phone number.' };
  const s = schema.referralSightings;
  if (print.deviceId || print.deviceHash) {
    const [device] = await db.select({ id: s.id }).from(s).where(and(eq(s.accountId, program.accountId), eq(s.codeId, codeId), eq(s.kind, 'referrer'),
      or(print.deviceId ? eq(s.deviceId, print.deviceId) : undefined, print.deviceHash ? eq(s.deviceHash, print.deviceHash) : undefined))).limit(1);
    if (device) return { reason: 'self_referral_device', detail: 'The claim came from a device the referrer uses.' };
  }
  if (print.ipHash) {
    const since = new Date(now.getTime() - program.ipWindowDays * DAY_MS);
    const [ip] = await db.select({ id: s.id }).from(s).where(and(eq(s.accountId, program.accountId), eq(s.codeId, codeId), eq(s.kind, 'referrer'), eq(s.ipHash, print.ipHash), gte(s.createdAt, since))).limit(1);
    if (ip) return { reason: 'self_referral_ip', detail: `The claim came from an IP address the referrer used in the last ${program.ipWindowDays} days.` };
  }
  const referrerAddresses = new Set(addressHashesOf(referrer));
  const friendAddresses = [...(print.addressHash ? [print.addressHash] : []), ...(friend ? addressHashesOf(friend) : [])];
  if (friendAddresses.some((hash) => referrerAddresses.has(hash))) return { reason: 'self_referral_address', detail: 'The friend ships to the referrer’s address.' };
  return null;
}

/** A friend who was referred before (a referral that was not rejected) or who already ordered (other than `exceptOrderId`, the order being attributed) is not new. */
export async function findNotNewFriend(db: Database, accountId: string, friendId: string, exceptOrderId?: string | null): Promise<Rejection | null> {
  const r = schema.referrals;
  const [earlier] = await db.select({ id: r.id }).from(r).where(and(eq(r.accountId, accountId), eq(r.friendContactId, friendId), ne(r.status, 'rejected'))).limit(1);
  if (earlier) return { reason: 'already_referred', detail: 'This friend was already referred; a friend is rewarded once, ever.' };
  const o = schema.orders;
  const [order] = await db.select({ id: o.id }).from(o).where(and(eq(o.accountId, accountId), eq(o.contactId, friendId), exceptOrderId ? ne(o.id, exceptOrderId) : undefined)).limit(1);
  if (order) return { reason: 'existing_customer', detail: 'This person had already ordered before the referral.' };
  return null;
}

/** The referrer's rewarded referrals in the cap's period (the caller holds the referrer's lock). */
export async function countRecentRewards(db: Database, accountId: string, referrerId: string, periodDays: number, now = new Date()) {
  const r = schema.referrals;
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(r).where(and(eq(r.accountId, accountId), eq(r.referrerContactId, referrerId), eq(r.status, 'rewarded'), gte(r.convertedAt, new Date(now.getTime() - periodDays * DAY_MS))));
  return row?.n ?? 0;
}
