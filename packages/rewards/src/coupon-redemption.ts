import { and, eq, inArray } from 'drizzle-orm';
import { AppError } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { normalizeCode } from './coupon-codes.ts';
import { serializeCoupon } from './coupon-issue.ts';

const c = schema.coupons;
const p = schema.couponPools;

export type CouponRefusal = 'unknown_code' | 'redeemed' | 'void' | 'expired' | 'currency_mismatch' | 'min_spend_not_met';

const REFUSAL_TEXT: Record<CouponRefusal, string> = {
  unknown_code: 'No such coupon code.',
  redeemed: 'This coupon has already been used.',
  void: 'This coupon has been withdrawn.',
  expired: 'This coupon has expired.',
  currency_mismatch: 'This coupon is for another currency.',
  min_spend_not_met: 'The basket is below this coupon’s minimum spend.',
};

export interface Basket {
  code: string;
  /** The basket total in minor units of `currency`, before this coupon. */
  totalMinor: number;
  currency: string;
}

export const alreadyRedeemed = () => new AppError('already_redeemed', 'Coupon already redeemed', REFUSAL_TEXT.redeemed);
const couponInvalid = (reason: CouponRefusal) =>
  new AppError('coupon_invalid', 'Coupon not valid', REFUSAL_TEXT[reason], { errors: [{ path: 'code', message: reason }] });

/** What the coupon takes off the basket: a percentage rounded down, an amount capped at the total, nothing for a free item (the shop adds it). */
function discountOf(pool: typeof p.$inferSelect, totalMinor: number) {
  if (pool.kind === 'percent') return Math.floor((totalMinor * pool.value) / 100);
  if (pool.kind === 'amount') return Math.min(pool.value, totalMinor);
  return 0;
}

/** Loads the code (this account's only) and its pool, and says why it cannot be used for this basket, if it cannot. */
async function assess(db: Database, accountId: string, basket: Basket, now: Date) {
  const [found] = await db.select({ coupon: c, pool: p }).from(c).innerJoin(p, eq(p.id, c.poolId))
    .where(and(eq(c.accountId, accountId), eq(c.code, normalizeCode(basket.code))));
  if (!found) return { refusal: 'unknown_code' as const, found: null };
  const { coupon, pool } = found;
  const currency = basket.currency.toUpperCase();
  let refusal: CouponRefusal | null = null;
  if (coupon.status === 'redeemed' || coupon.status === 'void') refusal = coupon.status;
  else if (pool.expiresAt && pool.expiresAt <= now) refusal = 'expired';
  else if (pool.currency && (pool.kind === 'amount' || pool.minSpendMinor != null) && pool.currency !== currency) refusal = 'currency_mismatch';
  else if (pool.minSpendMinor != null && basket.totalMinor < pool.minSpendMinor) refusal = 'min_spend_not_met';
  return { refusal, found };
}

function describeOffer(pool: typeof p.$inferSelect, totalMinor: number) {
  return { kind: pool.kind, value: pool.value, currency: pool.currency, poolId: pool.id, discountMinor: discountOf(pool, totalMinor) };
}

/**
 * Whether a code can be used for a basket, without using it: known in this account (another account's code is
 * unknown here), available or issued, its pool not expired, in the basket's currency, the minimum spend met.
 */
export async function validateCoupon(db: Database, accountId: string, basket: Basket, now = new Date()) {
  const { refusal, found } = await assess(db, accountId, basket, now);
  if (refusal || !found) return { valid: false, reason: refusal ?? 'unknown_code', message: REFUSAL_TEXT[refusal ?? 'unknown_code'], offer: null };
  return { valid: true, reason: null, message: null, offer: describeOffer(found.pool, basket.totalMinor) };
}

/**
 * Uses a code for an order, exactly once. The same checks as `validateCoupon`, then one conditional
 * `UPDATE … WHERE status IN ('available', 'issued') RETURNING`: of any number of concurrent redeems, the row lock
 * lets one through and the others find the status changed and get 409 `already_redeemed`.
 */
export async function redeemCoupon(db: Database, accountId: string, basket: Basket & { orderRef: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const { refusal, found } = await assess(tx, accountId, basket, now);
    if (refusal === 'redeemed') throw alreadyRedeemed();
    if (refusal || !found) throw couponInvalid(refusal ?? 'unknown_code');
    const [redeemed] = await tx.update(c).set({ status: 'redeemed', redeemedAt: now, redemptionRef: basket.orderRef })
      .where(and(eq(c.accountId, accountId), eq(c.id, found.coupon.id), inArray(c.status, ['available', 'issued']))).returning();
    if (!redeemed) throw alreadyRedeemed();
    const offer = describeOffer(found.pool, basket.totalMinor);
    if (redeemed.contactId) {
      await recordCustomerEvents(tx, accountId, [{
        contactId: redeemed.contactId, kind: 'system', name: 'coupon.redeemed', source: 'system', occurredAt: now, touchpoint: { kind: 'order', id: basket.orderRef },
        properties: { couponId: redeemed.id, code: redeemed.code, orderRef: basket.orderRef, totalMinor: basket.totalMinor, basketCurrency: basket.currency.toUpperCase(), ...offer },
      }]);
    }
    return { coupon: serializeCoupon(redeemed), offer };
  });
}
