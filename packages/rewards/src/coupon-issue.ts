import { and, asc, eq } from 'drizzle-orm';
import { AppError, conflict } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { requireCouponPool } from './coupon-pools.ts';

const c = schema.coupons;

export const outOfStock = () => new AppError('out_of_stock', 'Out of stock', 'This coupon pool has no available codes left. Generate or import more.');

export function serializeCoupon(row: typeof c.$inferSelect) {
  return {
    id: row.id, poolId: row.poolId, code: row.code, status: row.status, contactId: row.contactId,
    issuedAt: row.issuedAt?.toISOString() ?? null, redeemedAt: row.redeemedAt?.toISOString() ?? null, redemptionRef: row.redemptionRef,
  };
}

/**
 * Hands one available code of the pool to a contact, in one transaction. The row is claimed with
 * FOR UPDATE SKIP LOCKED, so concurrent issues each take a different code and never wait on each other; a code
 * leaves `available` exactly once. An expired pool issues nothing (409). The caller checks the contact belongs to the account;
 * a null contact issues to someone not known yet (a gift claimed through a shared link), with no timeline event.
 */
export async function issueCoupon(db: Database, accountId: string, poolId: string, contactId: string | null) {
  const pool = await requireCouponPool(db, accountId, poolId);
  if (pool.expiresAt && pool.expiresAt <= new Date()) throw conflict('This coupon pool has expired; its codes can no longer be issued.');
  return db.transaction(async (tx) => {
    const [free] = await tx.select({ id: c.id }).from(c)
      .where(and(eq(c.accountId, accountId), eq(c.poolId, pool.id), eq(c.status, 'available')))
      .orderBy(asc(c.createdAt)).limit(1).for('update', { skipLocked: true });
    if (!free) throw outOfStock();
    const now = new Date();
    const [issued] = await tx.update(c).set({ status: 'issued', contactId, issuedAt: now })
      .where(and(eq(c.id, free.id), eq(c.status, 'available'))).returning();
    if (!issued) throw outOfStock();
    if (contactId) await recordCustomerEvents(tx, accountId, [{
      contactId, kind: 'system', name: 'coupon.issued', source: 'system', occurredAt: now, touchpoint: null,
      properties: { couponId: issued.id, poolId: pool.id, poolName: pool.name, code: issued.code, kind: pool.kind, value: pool.value, currency: pool.currency },
    }]);
    return serializeCoupon(issued);
  });
}
