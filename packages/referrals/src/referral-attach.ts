import { and, eq } from 'drizzle-orm';
import { notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { claimReferral } from './referral-claims.ts';
import { findCodeOfAccount } from './referral-codes.ts';
import { convertReferralForOrder } from './referral-conversions.ts';
import type { RequestPrint } from './referral-sightings.ts';

export interface AttachInput { code: string; orderId: string; print?: RequestPrint | null; shippingAddress?: string | null }

/**
 * A shop's checkout or server says "this order came with referral code X": the order's customer claims the
 * referral (same guards as the landing), then the order converts it. Safe to call again or concurrently: the claim
 * answers the stored referral and the conversion happens once.
 */
export async function attachReferralToOrder(db: Database, accountId: string, input: AttachInput) {
  const code = await findCodeOfAccount(db, accountId, input.code);
  if (!code) throw notFound('referral code');
  const [order] = await db.select({ id: schema.orders.id, contactId: schema.orders.contactId }).from(schema.orders).where(and(eq(schema.orders.accountId, accountId), eq(schema.orders.id, input.orderId)));
  if (!order) throw notFound('order');
  if (!order.contactId) throw validationFailed([{ path: 'orderId', message: 'the order has no customer contact to attribute' }]);
  const claim = await claimReferral(db, { code: code.code, contactId: order.contactId, print: input.print ?? null, shippingAddress: input.shippingAddress ?? null, exceptOrderId: order.id, source: 'checkout' });
  if (claim.referral.status === 'rejected') return { referral: claim.referral, outcome: 'rejected' as const };
  const conversion = await db.transaction((tx) => convertReferralForOrder(tx, accountId, order.id, { shippingAddress: input.shippingAddress ?? null }));
  return conversion ?? { referral: claim.referral, outcome: 'pending' as const };
}
