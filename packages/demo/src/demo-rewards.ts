import type { AccountScope } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { createCouponPool, earnPoints, generateCoupons, importCoupons, issueCoupon, redeemCoupon, spendPoints } from '@touchpoint/rewards';

/**
 * Coupon pools with stock in every state (available, issued, redeemed) and points for a few customers, so the
 * Coupons and points tab, the contact page and the portal's "My rewards" open populated. Returns the pools delight uses.
 */
export async function loadDemoRewards(db: Database, scope: AccountScope, contacts: Map<string, string>) {
  const { accountId } = scope;
  const sorry = await createCouponPool(db, accountId, { name: 'We’re sorry — $10 off', kind: 'amount', value: 1000, currency: 'USD', prefix: 'SORRY-', codeLength: 8 });
  await generateCoupons(db, accountId, sorry.id, 200);
  const welcome = await createCouponPool(db, accountId, { name: 'Welcome 10% off', kind: 'percent', value: 10, prefix: 'HELLO-', codeLength: 8 });
  await generateCoupons(db, accountId, welcome.id, 500);
  const tote = await createCouponPool(db, accountId, { name: 'Free furoshiki tote', kind: 'free_item', value: 0 });
  await importCoupons(db, accountId, tote.id, Array.from({ length: 20 }, (_, index) => `TOTE-${String(index + 1).padStart(3, '0')}`));

  const welcomed = ['emma', 'haruto', 'mei', 'oliver', 'yui', 'chen', 'sofia', 'noah'];
  for (const [index, key] of welcomed.entries()) {
    const coupon = await issueCoupon(db, accountId, welcome.id, contacts.get(key)!);
    if (index % 3 === 0) await redeemCoupon(db, accountId, { code: coupon.code, totalMinor: 6800, currency: 'USD', orderRef: `DEMO-W${index + 1}` });
  }
  await issueCoupon(db, accountId, tote.id, contacts.get('emma')!);

  const ledger: [string, number, string][] = [['emma', 1200, 'Order SG-1041'], ['emma', 300, 'Product review'], ['haruto', 800, '注文 SG-1042'], ['mei', 450, '订单 SG-1044'], ['grace', 600, 'Order SG-1049'], ['liam', 250, 'Order SG-1051']];
  for (const [key, points, reason] of ledger) await earnPoints(db, scope, { contactId: contacts.get(key)!, points, reason, reference: `demo:${key}:${reason}` });
  await spendPoints(db, scope, { contactId: contacts.get('emma')!, points: 500, reason: 'Redeemed for $5 off', reference: 'demo:emma:spend' });
  return { sorryPoolId: sorry.id, totePoolId: tote.id };
}
