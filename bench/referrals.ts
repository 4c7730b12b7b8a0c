import { and, count, eq } from 'drizzle-orm';
import { createOrder } from '@touchpoint/commerce';
import { createContact } from '@touchpoint/contacts';
import { migrateDatabase, openDatabase, schema } from '@touchpoint/db';
import { attachReferralToOrder, claimReferral, convertReferralForOrder, ensureReferralCode, saveReferralProgram } from '@touchpoint/referrals';
import { createCouponPool, generateCoupons } from '@touchpoint/rewards';
import { computePercentile } from './lib/stats.ts';
import { createBenchAccount } from './lib/bench-account.ts';
import type { Benchmark, ReportProgress } from './lib/types.ts';

const REFERRERS = 50;
const FRIENDS_PER_REFERRER = 10;
const CONCURRENCY = 16;
const REPLAYS = 100;

/** Runs `tasks` with at most `limit` in flight; returns each one's duration (ms). */
async function runPool(tasks: (() => Promise<unknown>)[], limit: number): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      const started = performance.now();
      await task();
      durations.push(performance.now() - started);
    }
  }));
  return durations;
}

/**
 * Friends claiming referral links by email (contact found or created, every abuse guard, the welcome coupon issued),
 * then their first orders converting (referrer's points granted once, cap checked under the referrer's lock), then
 * one order's attach replayed concurrently: exactly one grant. In-process, embedded database (PGlite).
 */
async function runReferrals(progress: ReportProgress) {
  const handle = await openDatabase({ kind: 'embedded', dataDir: null });
  await migrateDatabase(handle);
  const db = handle.db;
  const { account, scope } = await createBenchAccount(db, 'Bench');
  const pool = await createCouponPool(db, account.id, { name: 'Welcome', kind: 'percent', value: 10 });
  await generateCoupons(db, account.id, pool.id, REFERRERS * FRIENDS_PER_REFERRER + 10);
  await saveReferralProgram(db, account.id, {
    status: 'live', referrerReward: { kind: 'points', points: 500 }, friendReward: { kind: 'coupon', poolId: pool.id }, minOrderMinor: null, currency: null,
    attributionDays: 30, capPerReferrer: null, capPeriodDays: 30, ipWindowDays: 30, offerText: {},
  });
  const codes: string[] = [];
  for (let i = 0; i < REFERRERS; i++) {
    const contact = await createContact(db, scope, { name: `Referrer ${i}`, email: `referrer${i}@example.test` });
    codes.push((await ensureReferralCode(db, account.id, contact.id)).code);
  }
  progress(`${REFERRERS} referrers`);
  try {
    const friends: string[] = [];
    const claimStarted = performance.now();
    const claimDurations = await runPool(Array.from({ length: REFERRERS * FRIENDS_PER_REFERRER }, (_, i) => async () => {
      const result = await claimReferral(db, { code: codes[i % REFERRERS]!, email: `friend${i}@example.test`, source: 'landing', print: { deviceId: `device-${i}-0000000000`, userAgent: 'Bench', ip: `203.0.${i % 250}.${1 + (i % 200)}` } });
      friends.push(result.friendContactId);
    }), CONCURRENCY);
    const claimSeconds = (performance.now() - claimStarted) / 1000;
    progress(`${friends.length} claims`);
    const orders: string[] = [];
    for (const [i, friendId] of friends.entries()) orders.push((await createOrder(db, scope, { number: `B-${i}`, contactId: friendId, currency: 'USD', lines: [{ title: 'Tea', quantity: 1, unitPriceMinor: 2000 }] })).id);
    const convertStarted = performance.now();
    const convertDurations = await runPool(orders.map((orderId) => () => db.transaction((tx) => convertReferralForOrder(tx, account.id, orderId))), CONCURRENCY);
    const convertSeconds = (performance.now() - convertStarted) / 1000;
    progress(`${orders.length} conversions`);

    const lateReferrer = await createContact(db, scope, { name: 'Replay referrer', email: 'replay-referrer@example.test' });
    const lateFriend = await createContact(db, scope, { name: 'Replay friend', email: 'replay-friend@example.test' });
    const code = (await ensureReferralCode(db, account.id, lateReferrer.id)).code;
    const order = await createOrder(db, scope, { number: 'B-replay', contactId: lateFriend.id, currency: 'USD', lines: [{ title: 'Tea', quantity: 1, unitPriceMinor: 2000 }] });
    const replayStarted = performance.now();
    const outcomes = await Promise.all(Array.from({ length: REPLAYS }, () => attachReferralToOrder(db, account.id, { code, orderId: order.id })));
    const replayMs = performance.now() - replayStarted;
    const [grants] = await db.select({ n: count() }).from(schema.pointsEntries).where(and(eq(schema.pointsEntries.accountId, account.id), eq(schema.pointsEntries.contactId, lateReferrer.id)));
    const rewarded = outcomes.filter((outcome) => outcome.outcome === 'rewarded').length;
    if (grants?.n !== 1 || rewarded !== 1) throw new Error(`replayed attach granted ${grants?.n} times (${rewarded} rewarded answers)`);
    return {
      measurements: [
        { metric: `friend claims by email (guards + coupon), ${CONCURRENCY} at a time, PGlite`, value: Math.round(friends.length / claimSeconds), unit: 'req/s' as const },
        { metric: 'friend claim, p99', value: computePercentile(claimDurations, 99), unit: 'ms' as const },
        { metric: `first-order conversions (referrer's points, once), ${CONCURRENCY} at a time`, value: Math.round(orders.length / convertSeconds), unit: 'req/s' as const },
        { metric: 'conversion, p99', value: computePercentile(convertDurations, 99), unit: 'ms' as const },
        { metric: `${REPLAYS} concurrent attaches of one order: grants`, value: grants.n, unit: 'count' as const },
        { metric: `${REPLAYS} concurrent attaches of one order: wall time`, value: replayMs, unit: 'ms' as const },
      ],
      raw: { claimDurations, convertDurations, replayMs },
      notes: [`${REFERRERS} referrers × ${FRIENDS_PER_REFERRER} friends; embedded PGlite (one connection), so concurrency is serialised by the database`],
    };
  } finally {
    await handle.close();
  }
}

export const referralsBenchmark: Benchmark = {
  name: 'referrals',
  summary: 'referral claims and first-order conversions per second; a replayed attach grants once',
  run: runReferrals,
};
