import type { AccountScope } from '@touchpoint/core';
import { createOrder } from '@touchpoint/commerce';
import { createContact } from '@touchpoint/contacts';
import type { Database } from '@touchpoint/db';
import { claimReferral, convertReferralForOrder, ensureReferralCode, recordReferralClick, recordReferrerSighting, saveReferralProgram, saveReviewSettings } from '@touchpoint/referrals';
import { createCouponPool, generateCoupons } from '@touchpoint/rewards';

/** The demo's review pages: example addresses, never a real business's listing. */
export const DEMO_REVIEW_URL = 'https://reviews.sakura-goods.example/write';

/**
 * Advocacy in the demo: a live referral program (500 points for the referrer, a 10% welcome coupon for the friend),
 * clicks on Emma's and Oliver's links, referrals in every state (rewarded, pending, rejected: a self-referral by
 * email, one from the referrer's own device, and an existing customer) and review asks on with demo review pages.
 */
export async function loadDemoReferrals(db: Database, scope: AccountScope, contacts: Map<string, string>, now: Date) {
  const accountId = scope.accountId;
  const pool = await createCouponPool(db, accountId, { name: 'Friend welcome 10%', kind: 'percent', value: 10, prefix: 'HELLO-', codeLength: 8 });
  await generateCoupons(db, accountId, pool.id, 50);
  await saveReferralProgram(db, accountId, {
    status: 'live', referrerReward: { kind: 'points', points: 500 }, friendReward: { kind: 'coupon', poolId: pool.id }, minOrderMinor: null, currency: null,
    attributionDays: 30, capPerReferrer: 10, capPeriodDays: 30, ipWindowDays: 30,
    offerText: { en: 'Tea, tableware and small joys from Tokyo — welcome!', ja: '東京から、お茶と器と小さなよろこびを。ようこそ！', zh: '来自东京的茶、器皿与小确幸，欢迎光临！' },
  });
  await saveReviewSettings(db, accountId, {
    enabled: true, channel: 'email', csatMin: 4, npsMin: 9, cooldownDays: 90,
    platforms: [
      { id: 'google', name: 'Google', url: DEMO_REVIEW_URL, locale: null },
      { id: 'trustpilot', name: 'Trustpilot', url: 'https://trustpilot.sakura-goods.example/review', locale: 'en' },
      { id: 'rakuten', name: '楽天レビュー', url: 'https://rakuten.sakura-goods.example/review', locale: 'ja' },
    ],
    shareText: { en: 'I love Sakura Goods — here is 10% off your first order:', ja: 'Sakura Goods のお気に入りのお店です。初回10%オフはこちら：', zh: '我很喜欢 Sakura Goods，首单九折送给你：' },
  });

  const emma = contacts.get('emma')!;
  const oliver = contacts.get('oliver')!;
  const emmaCode = await ensureReferralCode(db, accountId, emma);
  const oliverCode = await ensureReferralCode(db, accountId, oliver);
  for (let n = 0; n < 6; n += 1) await recordReferralClick(db, n < 4 ? emmaCode : oliverCode, { deviceId: `demo-device-${n}-0000000000`, userAgent: 'Mozilla/5.0 (iPhone)', ip: null }, new Date(now.getTime() - (6 - n) * 3600_000));

  const friend = async (name: string, email: string, locale: 'en' | 'ja' | 'zh') => (await createContact(db, scope, { name, email, locale })).id;
  const hannah = await friend('Hannah Lee', 'hannah.lee@example.com', 'en');
  await claimReferral(db, { code: emmaCode.code, contactId: hannah, source: 'landing' }, new Date(now.getTime() - 5 * 3600_000));
  const order = await createOrder(db, scope, { number: 'SG-2001', contactId: hannah, currency: 'USD', lines: [{ title: 'Matcha starter set', quantity: 1, unitPriceMinor: 4800 }], source: 'demo', placedAt: new Date(now.getTime() - 2 * 3600_000) });
  await db.transaction((tx) => convertReferralForOrder(tx, accountId, order.id, { now: new Date(now.getTime() - 2 * 3600_000) }));

  const takumi = await friend('山田 拓海', 'takumi.yamada@example.jp', 'ja');
  await claimReferral(db, { code: emmaCode.code, contactId: takumi, source: 'landing' }, new Date(now.getTime() - 3600_000));
  // Emma tries her own link with her own address: refused as a self-referral, the reason kept for the console.
  await claimReferral(db, { code: emmaCode.code, email: 'Emma.Johnson@example.com', source: 'landing' });
  // A claim from the very phone Oliver opened his invite page on.
  const device = { deviceId: 'demo-oliver-phone-000000', userAgent: 'Mozilla/5.0 (iPhone)', ip: null };
  await recordReferrerSighting(db, oliverCode, device);
  await claimReferral(db, { code: oliverCode.code, email: 'oliver.second@example.co.uk', name: 'Ollie', locale: 'en', print: device, source: 'landing' });
  // Haruto has ordered before: not a new customer.
  await claimReferral(db, { code: oliverCode.code, contactId: contacts.get('haruto')!, source: 'landing' });
}
