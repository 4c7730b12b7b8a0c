import { sql } from 'drizzle-orm';
import { createContact } from '@touchpoint/contacts';
import { migrateDatabase, openDatabase, type Database } from '@touchpoint/db';
import { acceptGift, createGiftCampaign, sendGift } from '@touchpoint/gifts';
import { createCouponPool, generateCoupons } from '@touchpoint/rewards';
import { readBenchEnv } from './lib/bench-env.ts';
import { createFreshDatabase } from './lib/postgres-database.ts';
import { computeMedian, computePercentile } from './lib/stats.ts';
import { createBenchAccount } from './lib/bench-account.ts';
import type { Benchmark, Measurement, ReportProgress } from './lib/types.ts';

/** 1,000 customers send at once from a campaign with 100 vouchers left; then every sent gift is claimed twice at once. */
const SENDERS = 1_000;
const STOCK = 100;
const POOL_SIZE = 16;

const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  try {
    return { ok: true as const, value: await work(), ms: performance.now() - started };
  } catch (error) {
    return { ok: false as const, error: (error as { code?: string }).code ?? String(error), ms: performance.now() - started };
  }
};

async function arrange(db: Database, progress: ReportProgress) {
  const { account, scope } = await createBenchAccount(db, 'Gifts bench');
  const pool = await createCouponPool(db, account.id, { name: 'Free drink', kind: 'free_item', value: 0 });
  await generateCoupons(db, account.id, pool.id, STOCK * 2);
  const campaign = await createGiftCampaign(db, account.id, { name: 'Free drink abroad', status: 'live', item: { kind: 'voucher', poolId: pool.id, title: 'A free drink' }, stock: STOCK });
  progress(`creating ${SENDERS} senders`);
  const senders: string[] = [];
  for (let i = 0; i < SENDERS; i++) senders.push((await createContact(db, scope, { name: `Sender ${i}`, email: `s${i}@bench.test` })).id);
  return { accountId: account.id, campaignId: campaign.id, poolId: pool.id, senders };
}

async function runGiftClaims(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  if (!postgresAdminUrl) return { measurements: [], raw: null, notes: ['gift-claims skipped: set BENCH_DATABASE_URL to a PostgreSQL role allowed to create databases (docs/benchmarks.md).'] };
  const fresh = await createFreshDatabase(postgresAdminUrl);
  const handle = await openDatabase({ kind: 'server', url: fresh.url, poolSize: POOL_SIZE });
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const { accountId, campaignId, senders } = await arrange(db, progress);

    progress(`${SENDERS} concurrent sends against a stock of ${STOCK}`);
    const sendStarted = performance.now();
    const sends = await Promise.all(senders.map((contactId, i) => timed(() => db.transaction((tx) => sendGift(tx, accountId, {
      sender: { kind: 'contact', contactId }, recipient: {}, item: { kind: 'card' }, campaignId, message: 'For you', reference: `bench-${i}`,
    })))));
    const sendSeconds = (performance.now() - sendStarted) / 1000;
    const sent = sends.flatMap((outcome) => (outcome.ok ? [outcome.value] : []));
    const refusals = sends.flatMap((outcome) => (outcome.ok ? [] : [outcome.error]));

    progress(`claiming each of ${sent.length} gifts twice at once`);
    const claimStarted = performance.now();
    const claims = await Promise.all(sent.flatMap((gift) => [0, 1].map(() => timed(() => acceptGift(db, gift.claimUrl.slice('/gift/'.length), {})))));
    const claimSeconds = (performance.now() - claimStarted) / 1000;
    const won = claims.filter((outcome) => outcome.ok).length;
    const result = await db.execute(sql`select
      (select sent_count from gift_campaigns where id = ${campaignId}::uuid) as sent_count,
      (select count(*)::int from coupons where status = 'issued') as issued,
      (select count(*)::int from gifts where status = 'claimed') as claimed`);
    const counts = (result as unknown as { rows: { sent_count: number; issued: number; claimed: number }[] }).rows[0];

    const sendMs = sends.map((outcome) => outcome.ms);
    const claimMs = claims.map((outcome) => outcome.ms);
    const measurements: Measurement[] = [
      { metric: `gifts sent of ${SENDERS} concurrent sends (stock ${STOCK})`, value: sent.length, unit: 'count', budget: { limit: STOCK, kind: 'max', text: `never more than the stock (${STOCK})` } },
      { metric: 'campaign sent_count after the rush', value: Number(counts!.sent_count), unit: 'count' },
      { metric: 'sends/s (accepted and refused)', value: SENDERS / sendSeconds, unit: 'req/s' },
      { metric: 'send, p99', value: computePercentile(sendMs, 99), unit: 'ms' },
      { metric: `claims won of ${claims.length} concurrent claims (2 per gift)`, value: won, unit: 'count', budget: { limit: sent.length, kind: 'max', text: 'one claim per gift' } },
      { metric: 'vouchers issued', value: Number(counts!.issued), unit: 'count', budget: { limit: sent.length, kind: 'max', text: 'one code per claimed gift' } },
      { metric: 'claims/s (won and refused)', value: claims.length / claimSeconds, unit: 'req/s' },
      { metric: 'claim, p50', value: computeMedian(claimMs), unit: 'ms' },
      { metric: 'claim, p99', value: computePercentile(claimMs, 99), unit: 'ms' },
    ];
    return {
      measurements,
      raw: { senders: SENDERS, stock: STOCK, poolSize: POOL_SIZE, sent: sent.length, refusals: Object.fromEntries([...new Set(refusals)].map((code) => [code, refusals.filter((c) => c === code).length])), sendSeconds, claimSeconds, won, counts },
      notes: [`${SENDERS} sends over a pool of ${POOL_SIZE} connections: ${sent.length} accepted, the rest refused out_of_stock; every gift claimed exactly once with one code each`],
    };
  } finally {
    await handle.close();
    await fresh.drop();
  }
}

export const giftClaimsBenchmark: Benchmark = {
  name: 'gift-claims',
  summary: 'Gift campaign rush on PostgreSQL: 1,000 concurrent sends against 100 units, then every gift claimed twice at once',
  run: runGiftClaims,
};
