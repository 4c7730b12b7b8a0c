import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import { notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { addressHashesOf, countRecentRewards, type Rejection } from './referral-guards.ts';
import { hashAddress } from './referral-identity.ts';
import { findReferralProgram } from './referral-programs.ts';
import { grantReferralReward } from './referral-rewards.ts';
import { grantFriendReward, recordRejection, type ReferralRow } from './referral-claims.ts';

const r = schema.referrals;
const o = schema.orders;
const DAY_MS = 24 * 3600_000;

export interface ConversionResult { referral: ReferralRow; outcome: 'rewarded' | 'rejected' | 'already_converted' }

type OrderRow = typeof o.$inferSelect;

async function checkOrder(tx: Database, referral: ReferralRow, order: OrderRow, program: NonNullable<Awaited<ReturnType<typeof findReferralProgram>>>, addressHash: string | null, now: Date): Promise<Rejection | null> {
  if (program.status !== 'live') return { reason: 'program_not_live', detail: 'The program was not live when the order came in.' };
  const [earlier] = await tx.select({ id: o.id }).from(o).where(and(eq(o.accountId, order.accountId), eq(o.contactId, order.contactId!), ne(o.id, order.id),
    or(lt(o.placedAt, order.placedAt), and(eq(o.placedAt, order.placedAt), lt(o.id, order.id))))).limit(1);
  if (earlier) return { reason: 'not_first_order', detail: `Order ${order.number} is not the friend’s first order.` };
  let startedAt = referral.createdAt;
  if (referral.clickId) {
    const [click] = await tx.select({ at: schema.referralSightings.createdAt }).from(schema.referralSightings).where(eq(schema.referralSightings.id, referral.clickId));
    if (click) startedAt = click.at;
  }
  if (order.placedAt.getTime() - startedAt.getTime() > program.attributionDays * DAY_MS) {
    return { reason: 'attribution_expired', detail: `Order ${order.number} came more than ${program.attributionDays} days after the click.` };
  }
  if (program.minOrderMinor !== null && (order.currency !== program.currency || order.totalMinor < program.minOrderMinor)) {
    return { reason: 'order_below_minimum', detail: `Order ${order.number} (${order.totalMinor} ${order.currency}) is below the minimum of ${program.minOrderMinor} ${program.currency ?? ''}.` };
  }
  if (addressHash) {
    const [referrer] = await tx.select().from(schema.contacts).where(eq(schema.contacts.id, referral.referrerContactId));
    if (referrer && addressHashesOf(referrer).includes(addressHash)) return { reason: 'self_referral_address', detail: 'The order ships to the referrer’s address.' };
  }
  if (program.capPerReferrer !== null && await countRecentRewards(tx, referral.accountId, referral.referrerContactId, program.capPeriodDays, now) >= program.capPerReferrer) {
    return { reason: 'referrer_cap_reached', detail: `The referrer already had ${program.capPerReferrer} rewarded referrals in ${program.capPeriodDays} days.` };
  }
  return null;
}

/**
 * The friend's order converts their pending referral, exactly once, in the caller's transaction: the referral row is
 * locked, then the referrer (so the cap cannot be overrun by two friends at once); a qualifying first order marks it
 * `rewarded` and grants the referrer's reward (and the friend's, if not yet given), a failing one rejects it with its
 * reason. A replay of the same order answers `already_converted`; an order of someone without a pending referral is null.
 */
export async function convertReferralForOrder(tx: Database, accountId: string, orderId: string, options: { shippingAddress?: string | null; now?: Date } = {}): Promise<ConversionResult | null> {
  const now = options.now ?? new Date();
  const [order] = await tx.select().from(o).where(and(eq(o.accountId, accountId), eq(o.id, orderId)));
  if (!order) throw notFound('order');
  if (!order.contactId) return null;
  const [done] = await tx.select().from(r).where(and(eq(r.accountId, accountId), eq(r.orderId, order.id), eq(r.status, 'rewarded')));
  if (done) return { referral: done, outcome: 'already_converted' };
  const [referral] = await tx.select().from(r).where(and(eq(r.accountId, accountId), eq(r.friendContactId, order.contactId), eq(r.status, 'pending'))).for('update');
  if (!referral) {
    const [after] = await tx.select().from(r).where(and(eq(r.accountId, accountId), eq(r.orderId, order.id), eq(r.status, 'rewarded')));
    return after ? { referral: after, outcome: 'already_converted' } : null;
  }
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`referral-referrer:${accountId}:${referral.referrerContactId}`}))`);
  const program = await findReferralProgram(tx, accountId);
  if (!program) return null;
  const addressHash = options.shippingAddress?.trim() ? hashAddress(options.shippingAddress) : referral.addressHash;
  const rejection = await checkOrder(tx, referral, order, program, addressHash, now);
  if (rejection) {
    const [rejected] = await tx.update(r).set({ status: 'rejected', rejectionReason: rejection.reason, rejectionDetail: rejection.detail, orderId: order.id, orderTotalMinor: order.totalMinor, updatedAt: now })
      .where(and(eq(r.id, referral.id), eq(r.status, 'pending'))).returning();
    await recordRejection(tx, rejected!, rejection, now);
    return { referral: rejected!, outcome: 'rejected' };
  }
  const [converted] = await tx.update(r).set({ status: 'rewarded', orderId: order.id, orderTotalMinor: order.totalMinor, convertedAt: now, referrerRewardedAt: now, updatedAt: now })
    .where(and(eq(r.id, referral.id), eq(r.status, 'pending'))).returning();
  const referrerReward = await grantReferralReward(tx, accountId, program.referrerReward, referral.referrerContactId, referral.id, 'referrer');
  await tx.update(r).set({ referrerReward }).where(eq(r.id, referral.id));
  await grantFriendReward(tx, { ...converted!, referrerReward }, program.friendReward, now);
  const [final] = await tx.select().from(r).where(eq(r.id, referral.id));
  const properties = { referralId: referral.id, orderId: order.id, orderNumber: order.number, totalMinor: order.totalMinor, currency: order.currency, referrerContactId: referral.referrerContactId, friendContactId: referral.friendContactId };
  await recordCustomerEvents(tx, accountId, [referral.referrerContactId, order.contactId].map((contactId) => ({
    contactId, kind: 'system' as const, name: 'referral.converted', source: 'system' as const, occurredAt: now, touchpoint: { kind: 'referral' as const, id: null },
    properties: { ...properties, side: contactId === referral.referrerContactId ? 'referrer' : 'friend' }, messageId: `referral.converted:${referral.id}:${contactId}`,
  })));
  return { referral: final!, outcome: 'rewarded' };
}
