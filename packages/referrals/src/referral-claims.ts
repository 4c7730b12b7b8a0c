import { and, eq, sql } from 'drizzle-orm';
import { conflict, type Locale, notFound, validationFailed } from '@touchpoint/core';
import { type Database, type GrantedReward, schema } from '@touchpoint/db';
import { findOrCreateCustomerContact, isEmail, normalizeEmail, requireLiveContact } from '@touchpoint/contacts';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { type Rejection, findNotNewFriend, findSelfReferral } from './referral-guards.ts';
import { hashAddress } from './referral-identity.ts';
import { findReferralCode } from './referral-codes.ts';
import { findReferralProgram } from './referral-programs.ts';
import { grantReferralReward, referralScope } from './referral-rewards.ts';
import { fingerprintOf, type RequestPrint } from './referral-sightings.ts';

const r = schema.referrals;
export type ReferralRow = typeof r.$inferSelect;

export interface ClaimInput {
  code: string;
  /** The friend: a known contact (portal session, a shop's order), else found or created from the email. */
  contactId?: string | null;
  email?: string | null;
  name?: string | null;
  locale?: Locale | null;
  clickId?: string | null;
  print?: RequestPrint | null;
  shippingAddress?: string | null;
  /** A shop attaching the referral to this order: it does not make the friend an existing customer. */
  exceptOrderId?: string | null;
  source: 'landing' | 'checkout' | 'portal';
}

export interface ClaimResult {
  referral: ReferralRow;
  friendContactId: string;
  /** The referral already existed for this friend and code: nothing new was granted. */
  replayed: boolean;
}

export const referralClosed = () => conflict('This referral offer is not available any more.');

const eventOf = (referral: ReferralRow, contactId: string, name: string, properties: Record<string, unknown>, now: Date) => ({
  contactId, kind: 'system' as const, name, source: 'system' as const, occurredAt: now, touchpoint: { kind: 'referral' as const, id: null },
  properties: { referralId: referral.id, referrerContactId: referral.referrerContactId, friendContactId: referral.friendContactId, ...properties },
  messageId: `${name}:${referral.id}:${contactId}`,
});

/** `referral.rejected` on both timelines (once each), with the reason. */
export async function recordRejection(tx: Database, referral: ReferralRow, rejection: Rejection, now: Date) {
  const people = [...new Set([referral.referrerContactId, referral.friendContactId].filter((id): id is string => Boolean(id)))];
  await recordCustomerEvents(tx, referral.accountId, people.map((id) => eventOf(referral, id, 'referral.rejected', { reason: rejection.reason, detail: rejection.detail }, now)));
}

/**
 * A friend takes up a referral (the landing form, a signed-in portal customer, or a shop's checkout). In one
 * transaction, serialised per friend: the friend's contact (found or created from the email), the abuse guards (the
 * referral is stored `rejected` with its reason when one fires), else a `pending` referral and the friend's reward.
 * The same friend and code again answers the stored referral (`replayed`), granting nothing twice.
 */
export async function claimReferral(db: Database, input: ClaimInput, now = new Date()): Promise<ClaimResult> {
  const code = await findReferralCode(db, input.code);
  if (!code) throw notFound('referral code');
  const program = await findReferralProgram(db, code.accountId);
  if (!program || program.status !== 'live') throw referralClosed();
  const email = input.email ? normalizeEmail(input.email) : null;
  if (!input.contactId && (!email || !isEmail(email))) throw validationFailed([{ path: 'email', message: 'must be an email address' }]);
  const accountId = code.accountId;
  return db.transaction(async (tx) => {
    const friendId = input.contactId
      ? (await requireLiveContact(tx, accountId, input.contactId)).id
      : (await findOrCreateCustomerContact(tx, referralScope(accountId), { email, name: input.name ?? null, locale: input.locale ?? null }))!.contactId;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`referral-friend:${accountId}:${friendId}`}))`);
    const [existing] = await tx.select().from(r).where(and(eq(r.accountId, accountId), eq(r.codeId, code.id), eq(r.friendContactId, friendId)));
    if (existing) return { referral: existing, friendContactId: friendId, replayed: true };
    const referrer = await requireLiveContact(tx, accountId, code.contactId);
    const friend = await requireLiveContact(tx, accountId, friendId);
    const print = input.print ? fingerprintOf(program.ipSalt, input.print) : { deviceId: null, deviceHash: null, ipHash: null };
    const addressHash = input.shippingAddress?.trim() ? hashAddress(input.shippingAddress) : null;
    const rejection = await findSelfReferral(tx, program, code.id, referrer, friend, email, { ...print, addressHash }, now)
      ?? await findNotNewFriend(tx, accountId, friendId, input.exceptOrderId);
    const [referral] = await tx.insert(r).values({
      accountId, codeId: code.id, referrerContactId: referrer.id, friendContactId: friendId, clickId: input.clickId ?? null, source: input.source,
      status: rejection ? 'rejected' : 'pending', rejectionReason: rejection?.reason ?? null, rejectionDetail: rejection?.detail ?? null,
      deviceHash: print.deviceHash, ipHash: print.ipHash, addressHash, createdAt: now, updatedAt: now,
    }).returning();
    if (rejection) {
      await recordRejection(tx, referral!, rejection, now);
      return { referral: referral!, friendContactId: friendId, replayed: false };
    }
    await recordCustomerEvents(tx, accountId, [
      eventOf(referral!, friendId, 'referral.signed_up', { side: 'friend', source: input.source }, now),
      eventOf(referral!, referrer.id, 'referral.signed_up', { side: 'referrer', source: input.source }, now),
    ]);
    const granted = await grantFriendReward(tx, referral!, program.friendReward, now);
    return { referral: granted ?? referral!, friendContactId: friendId, replayed: false };
  });
}

/** The friend's reward, once: the side is marked under a conditional update before anything is granted. */
export async function grantFriendReward(tx: Database, referral: ReferralRow, reward: Parameters<typeof grantReferralReward>[2], now: Date): Promise<ReferralRow | null> {
  if (reward.kind === 'none' || !referral.friendContactId) return null;
  const [marked] = await tx.update(r).set({ friendRewardedAt: now, updatedAt: now }).where(and(eq(r.id, referral.id), sql`${r.friendRewardedAt} is null`)).returning();
  if (!marked) return null;
  const granted: GrantedReward | null = await grantReferralReward(tx, referral.accountId, reward, referral.friendContactId, referral.id, 'friend');
  const [row] = await tx.update(r).set({ friendReward: granted }).where(eq(r.id, referral.id)).returning();
  return row!;
}
