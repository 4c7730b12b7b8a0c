import { and, eq, isNull } from 'drizzle-orm';
import { isAppError } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { reversePointsEntry } from '@touchpoint/rewards';
import { referralScope } from './referral-rewards.ts';

const r = schema.referrals;

/**
 * The friend's qualifying order was refunded or cancelled: the referral is marked reversed once (conditional
 * update), the referrer's points entry is reversed on the ledger (unless already spent or settled: noted instead) and
 * an issued, unused referrer coupon is voided. The friend's welcome gift stays theirs. Null when the order converted
 * no referral, or it was reversed before.
 */
export async function reverseReferralForOrder(tx: Database, accountId: string, orderId: string, now = new Date()) {
  const [referral] = await tx.update(r).set({ reversedAt: now, updatedAt: now })
    .where(and(eq(r.accountId, accountId), eq(r.orderId, orderId), eq(r.status, 'rewarded'), isNull(r.reversedAt))).returning();
  if (!referral) return null;
  const reward = referral.referrerReward;
  let note = 'Order refunded or cancelled.';
  if (reward?.kind === 'points' && reward.entryId) {
    try {
      await reversePointsEntry(tx, referralScope(accountId), reward.entryId, `Referral ${referral.id}: the friend’s order was refunded or cancelled`);
      note = `${note} ${reward.points ?? ''} points reversed.`;
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'insufficient_points' && error.code !== 'already_settled')) throw error;
      note = `${note} The points could not be reversed (${error.code === 'insufficient_points' ? 'already spent' : 'already settled'}).`;
    }
  } else if (reward?.kind === 'coupon' && reward.couponId) {
    const [voided] = await tx.update(schema.coupons).set({ status: 'void' })
      .where(and(eq(schema.coupons.accountId, accountId), eq(schema.coupons.id, reward.couponId), eq(schema.coupons.status, 'issued'))).returning({ id: schema.coupons.id });
    note = `${note} ${voided ? 'The referrer’s unused coupon was voided.' : 'The referrer’s coupon was already used.'}`;
  }
  const [row] = await tx.update(r).set({ reversalNote: note }).where(eq(r.id, referral.id)).returning();
  await recordCustomerEvents(tx, accountId, [{
    contactId: referral.referrerContactId, kind: 'system', name: 'referral.reversed', source: 'system', occurredAt: now, touchpoint: { kind: 'referral', id: null },
    properties: { referralId: referral.id, orderId, note }, messageId: `referral.reversed:${referral.id}`,
  }]);
  return row!;
}
