import type { Database } from '@touchpoint/db';
import { commitPlay, createCampaign, evaluateOrderUnlocks, grantUnlock, playGame, setCampaignStatus } from '@touchpoint/games';
import { createCouponPool, generateCoupons } from '@touchpoint/rewards';

/**
 * A live "Yummy Rummy"-style order game for the demo shop: one play for every three orders, a prize table backed by
 * demo coupon pools and points. Sofia (three orders) has a play waiting in the portal; Emma is two orders in; a few
 * customers were given plays (goodwill and a no-purchase entry) and have played, so results and evidence show data.
 */
export async function loadDemoGames(db: Database, accountId: string, contacts: Map<string, string>, now: Date) {
  const matcha = await createCouponPool(db, accountId, { name: 'Free matcha sample', kind: 'free_item', value: 0, prefix: 'MATCHA-', codeLength: 6 });
  await generateCoupons(db, accountId, matcha.id, 40);
  const tenOff = await createCouponPool(db, accountId, { name: '10% off your next order', kind: 'percent', value: 10, prefix: 'LUCKY10-', codeLength: 6 });
  await generateCoupons(db, accountId, tenOff.id, 100);
  const campaign = await createCampaign(db, accountId, {
    name: 'Sakura Rummy', slug: 'sakura-rummy', kind: 'order_game', cardCount: 3,
    // No start date, so every demo order counts; the end is after both the demo's clock and the real one.
    startsAt: null, endsAt: new Date(Math.max(now.getTime(), Date.now()) + 60 * 24 * 3600_000),
    eligibility: { ordersRequired: 3, windowDays: null, uniqueBy: 'order', minOrderMinor: null },
    limits: { perCustomer: 10, perDevice: 20, perPeriod: { plays: 3, days: 7 } },
    alternativeEntry: 'No purchase necessary. To get one free play, email play@sakura-goods.example with your name and the email address of your Sakura Goods account; one entry per person per week. Entries by email have the same odds as entries by order.',
    rulesText: 'Open to customers of Sakura Goods. Coupons are valid for 30 days from the play and cannot be exchanged for cash. Sakura Goods may end the game early; plays already unlocked stay valid until the end date.',
    prizes: [
      { label: 'Free matcha sample', kind: 'free_item', poolId: matcha.id, weight: 10, stock: 40, valueMinor: 800 },
      { label: '10% off your next order', kind: 'discount', poolId: tenOff.id, weight: 25, stock: 100, valueMinor: 500 },
      { label: '100 points', kind: 'points', points: 100, weight: 25, stock: null },
      { label: 'Try again', kind: 'try_again', weight: 40 },
    ],
  });
  await setCampaignStatus(db, accountId, campaign.id, 'live');
  await db.transaction((tx) => evaluateOrderUnlocks(tx, accountId, [...contacts.values()]));
  const played: [string, 'manual' | 'alternative', string, number][] = [
    ['haruto', 'manual', 'haruto-lucky-7', 9], ['lin', 'alternative', 'lin-2026', 6], ['grace', 'manual', 'koala', 3], ['liam', 'manual', 'maple', 1], ['aoi', 'manual', 'sakura-mochi', 1],
  ];
  for (const [key, source, clientSeed, daysAgo] of played) {
    const contactId = contacts.get(key)!;
    const unlock = await grantUnlock(db, accountId, campaign.id, contactId, source);
    const at = new Date(Date.now() - daysAgo * 24 * 3600_000);
    const commit = await commitPlay(db, accountId, contactId, unlock.id, at);
    await playGame(db, accountId, contactId, commit.playId, { clientSeed, nonce: commit.nonce, idempotencyKey: `demo-${commit.playId}`, deviceId: `demo-device-${key}` }, new Date(at.getTime() + 20_000));
  }
  return { gameCampaignId: campaign.id };
}
