import { and, count, desc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { type AccountScope, conflict, notFound } from '@touchpoint/core';
import { type CouponStatus, type Database, schema } from '@touchpoint/db';
import { recordAudit } from '@touchpoint/accounts';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { normalizeCode } from './coupon-codes.ts';
import { serializeCoupon } from './coupon-issue.ts';
import { requireCouponPool } from './coupon-pools.ts';

const c = schema.coupons;
const p = schema.couponPools;

export interface CouponListQuery {
  status?: CouponStatus;
  /** Part of a code, any case. */
  q?: string;
  limit?: number;
  offset?: number;
}

/** One pool's codes, newest first, filtered by status and part of the code, with the holder's name; `total` counts every match. */
export async function listPoolCoupons(db: Database, accountId: string, poolId: string, query: CouponListQuery = {}) {
  const pool = await requireCouponPool(db, accountId, poolId);
  const where: SQL[] = [eq(c.accountId, accountId), eq(c.poolId, pool.id)];
  if (query.status) where.push(eq(c.status, query.status));
  if (query.q) where.push(ilike(c.code, `%${normalizeCode(query.q).replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`));
  const rows = await db.select({ coupon: c, contactName: schema.contacts.name }).from(c)
    .leftJoin(schema.contacts, and(eq(schema.contacts.id, c.contactId), eq(schema.contacts.accountId, accountId)))
    .where(and(...where)).orderBy(desc(c.createdAt), desc(c.id)).limit(query.limit ?? 100).offset(query.offset ?? 0);
  const [total] = await db.select({ n: count() }).from(c).where(and(...where));
  return { coupons: rows.map((row) => ({ ...serializeCoupon(row.coupon), contactName: row.contactName ?? null })), total: total?.n ?? 0 };
}

/** A contact's coupons (issued to them), newest first, each with its pool's offer and expiry: the customer's own view. */
export async function listContactCoupons(db: Database, accountId: string, contactId: string) {
  const rows = await db.select({ coupon: c, pool: p }).from(c).innerJoin(p, eq(p.id, c.poolId))
    .where(and(eq(c.accountId, accountId), eq(c.contactId, contactId))).orderBy(desc(c.issuedAt), desc(c.id)).limit(200);
  return rows.map(({ coupon, pool }) => ({
    ...serializeCoupon(coupon),
    offer: { name: pool.name, kind: pool.kind, value: pool.value, currency: pool.currency, minSpendMinor: pool.minSpendMinor },
    expiresAt: pool.expiresAt?.toISOString() ?? null,
  }));
}

async function requireCoupon(db: Database, accountId: string, couponId: string) {
  const [row] = await db.select().from(c).where(and(eq(c.accountId, accountId), eq(c.id, couponId)));
  if (!row) throw notFound('coupon');
  return row;
}

/**
 * Withdraws one code that has not been used: available or issued becomes `void` (validate answers `void`, redeem
 * refuses it). A redeemed code cannot be voided (undo the redemption first); voiding twice is 409. Audited.
 */
export async function voidCoupon(db: Database, scope: AccountScope, couponId: string, reason = '') {
  const coupon = await requireCoupon(db, scope.accountId, couponId);
  return db.transaction(async (tx) => {
    const [voided] = await tx.update(c).set({ status: 'void' })
      .where(and(eq(c.accountId, scope.accountId), eq(c.id, coupon.id), inArray(c.status, ['available', 'issued']))).returning();
    if (!voided) throw conflict(coupon.status === 'void' ? 'This coupon is already void.' : 'A redeemed coupon cannot be voided; undo its redemption first.');
    await recordAudit(tx, scope, { action: 'coupon.voided', targetType: 'coupon', targetId: coupon.id, details: { code: coupon.code, poolId: coupon.poolId, previousStatus: coupon.status, reason } });
    return serializeCoupon(voided);
  });
}

/** Withdraws every code of the pool that was never handed out (`available` → `void`) in one statement; issued codes stay valid. Audited. */
export async function voidUnissuedCoupons(db: Database, scope: AccountScope, poolId: string, reason = '') {
  const pool = await requireCouponPool(db, scope.accountId, poolId);
  return db.transaction(async (tx) => {
    const rows = await tx.update(c).set({ status: 'void' })
      .where(and(eq(c.accountId, scope.accountId), eq(c.poolId, pool.id), eq(c.status, 'available'))).returning({ id: c.id });
    await recordAudit(tx, scope, { action: 'coupon_pool.unissued_voided', targetType: 'coupon_pool', targetId: pool.id, details: { voided: rows.length, reason } });
    return { voided: rows.length };
  });
}

type CouponRow = typeof c.$inferSelect;

/** Puts one redeemed code back (issued if it has a holder, else available), guarded on the redemption being undone. */
async function undoRedemption(tx: Database, scope: AccountScope, coupon: CouponRow, reason: string) {
  const now = new Date();
  const [undone] = await tx.update(c).set({ status: coupon.contactId ? 'issued' : 'available', redeemedAt: null, redemptionRef: null })
    .where(and(eq(c.accountId, scope.accountId), eq(c.id, coupon.id), eq(c.status, 'redeemed'), eq(c.redemptionRef, coupon.redemptionRef ?? ''))).returning();
  if (!undone) return null;
  await recordAudit(tx, scope, { action: 'coupon.unredeemed', targetType: 'coupon', targetId: coupon.id, details: { code: coupon.code, orderRef: coupon.redemptionRef, redeemedAt: coupon.redeemedAt?.toISOString() ?? null, reason } });
  if (coupon.contactId) {
    await recordCustomerEvents(tx, scope.accountId, [{
      contactId: coupon.contactId, kind: 'system', name: 'coupon.unredeemed', source: 'system', occurredAt: now, touchpoint: { kind: 'order', id: coupon.redemptionRef },
      properties: { couponId: coupon.id, code: coupon.code, orderRef: coupon.redemptionRef, reason },
    }]);
  }
  return serializeCoupon(undone);
}

/**
 * Undoes a redemption (the order was cancelled): the code is usable again by its holder. Once per redemption: the
 * update is conditional on the code still being redeemed for that order, so of two concurrent undos one wins and the
 * other is 409. Audited and on the holder's timeline (`coupon.unredeemed`).
 */
export async function unredeemCoupon(db: Database, scope: AccountScope, couponId: string, reason = '') {
  const coupon = await requireCoupon(db, scope.accountId, couponId);
  if (coupon.status !== 'redeemed') throw conflict('This coupon is not redeemed, so there is no redemption to undo.');
  return db.transaction(async (tx) => {
    const undone = await undoRedemption(tx, scope, coupon, reason);
    if (!undone) throw conflict('This redemption has already been undone.');
    return undone;
  });
}

/** Undoes every redemption made for one order (the shop's order ref); 404 when none was. */
export async function unredeemOrder(db: Database, scope: AccountScope, orderRef: string, reason = '') {
  const redeemed = await db.select().from(c).where(and(eq(c.accountId, scope.accountId), eq(c.redemptionRef, orderRef), eq(c.status, 'redeemed')));
  if (redeemed.length === 0) throw notFound('redeemed coupon for this order');
  return db.transaction(async (tx) => {
    const coupons = [];
    for (const coupon of redeemed) {
      const undone = await undoRedemption(tx, scope, coupon, reason);
      if (undone) coupons.push(undone);
    }
    if (coupons.length === 0) throw conflict('These redemptions have already been undone.');
    return { coupons };
  });
}
