import { type AccountScope, isAppError } from '@touchpoint/core';
import { type Database, type GrantedReward, type ReferralReward } from '@touchpoint/db';
import { earnPoints, issueCoupon } from '@touchpoint/rewards';

export const referralScope = (accountId: string): AccountScope => ({ accountId, actor: { type: 'system', id: null, name: 'Referrals', role: 'admin' } });

/**
 * Grants one side's reward inside the caller's transaction: points under the reference `referral:<id>:<side>` (the
 * ledger makes a replay a no-op), or one code of the pool (the caller marks the side rewarded in the same
 * transaction, so a code is never issued twice; an empty pool is recorded as `failed`). `none` grants nothing.
 */
export async function grantReferralReward(tx: Database, accountId: string, reward: ReferralReward, contactId: string, referralId: string, side: 'referrer' | 'friend'): Promise<GrantedReward | null> {
  const grantedAt = new Date().toISOString();
  if (reward.kind === 'points') {
    const { entry } = await earnPoints(tx, referralScope(accountId), { contactId, points: reward.points, reason: side === 'referrer' ? 'Referral: a friend you invited placed their first order' : 'Referral: welcome gift from a friend', reference: `referral:${referralId}:${side}` });
    return { kind: 'points', points: reward.points, entryId: entry.id, grantedAt };
  }
  if (reward.kind === 'coupon') {
    try {
      const coupon = await issueCoupon(tx, accountId, reward.poolId, contactId);
      return { kind: 'coupon', couponId: coupon.id, code: coupon.code, grantedAt };
    } catch (error) {
      // issueCoupon ran in its own savepoint: an empty or expired pool leaves the referral standing, marked for the console.
      if (isAppError(error) && (error.code === 'out_of_stock' || error.code === 'conflict')) return { kind: 'coupon', grantedAt, failed: 'out_of_stock' };
      throw error;
    }
  }
  return null;
}
