/**
 * The touchpoint map over 1,000,000 customer events (90 days, 50,000 customers, 40 touchpoints) on PostgreSQL:
 * time to answer the map for 30 and 90 days, one touchpoint's detail and one customer's journey. The data is written
 * with one generate_series insert into a fresh account of BENCH_DATABASE_URL (default: the local touchpoint_bench
 * database, created by hand: `createdb -O touchpoint touchpoint_bench`).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '@touchpoint/db';
import { composeTouchpointDirectories, describeTouchpoint, listCustomerTouchpoints, summarizeTouchpoints } from '@touchpoint/touchpoints';
import { createBenchAccount } from './lib/bench-account.ts';
import type { Benchmark, Measurement } from './lib/types.ts';

const EVENTS = Number(process.env.BENCH_TOUCHPOINT_EVENTS ?? 1_000_000);
const CUSTOMERS = 50_000;
const RUNS = 5;

function isoDay(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

async function timeRuns(run: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: Math.round(times[Math.floor(RUNS / 2)]!), max: Math.round(times[RUNS - 1]!) };
}

export const touchpointMapBenchmark: Benchmark = {
  name: 'touchpoint-map',
  summary: 'touchpoint map, detail and customer journey over 1M customer events (PostgreSQL)',
  async run(progress) {
    const handle = await openDatabase({ kind: 'server', url: process.env.BENCH_DATABASE_URL ?? 'postgres://touchpoint:touchpoint@127.0.0.1:5432/touchpoint_bench' });
    try {
      await migrateDatabase(handle);
      const { db } = handle;
      const { account } = await createBenchAccount(db, 'Touchpoint bench');
      progress(`inserting ${EVENTS} events`);
      const insertStarted = performance.now();
      await db.execute(sql`
        insert into customer_events (account_id, contact_id, kind, name, properties, touchpoint_kind, touchpoint_id, touchpoint_step_id, message_id, source, occurred_at)
        select ${account.id}::uuid,
          ('00000000-0000-4000-8000-' || lpad((g % ${CUSTOMERS})::text, 12, '0'))::uuid,
          'system',
          (array['journey.entered','message.sent','journey.converted','prompt.shown','prompt.clicked','survey.requested','survey.answered','message.received','order.placed','message.suppressed'])[g % 10 + 1],
          case when g % 10 = 6 then jsonb_build_object('kind', 'csat', 'score', g % 5 + 1, 'about', jsonb_build_object('kind', 'channel', 'id', 'email'))
               when g % 10 = 9 then jsonb_build_object('reason', 'frequency_cap') else '{}'::jsonb end,
          (array['journey','journey','journey','prompt','prompt','survey','survey','channel','order','journey'])[g % 10 + 1],
          case when g % 10 in (7) then 'email' when g % 10 = 8 then null else 'tp-' || (g % 40)::text end,
          case when g % 10 in (0, 1, 2, 9) then 'step-' || (g % 3)::text end,
          'bench-' || g, 'system', now() - ((g::bigint * 7919) % 7776000) * interval '1 second'
        from generate_series(1, ${EVENTS}) as g`);
      await db.execute(sql`analyze customer_events`);
      const insertSeconds = (performance.now() - insertStarted) / 1000;
      const directory = composeTouchpointDirectories([]);
      progress('timing the map');
      const map30 = await timeRuns(() => summarizeTouchpoints(db, account.id, { from: isoDay(29), to: isoDay(0) }, directory));
      const map90 = await timeRuns(() => summarizeTouchpoints(db, account.id, { from: isoDay(89), to: isoDay(0) }, directory));
      const detail = await timeRuns(() => describeTouchpoint(db, account.id, { kind: 'journey', id: 'tp-0' }, { from: isoDay(89), to: isoDay(0) }, directory));
      const journey = await timeRuns(() => listCustomerTouchpoints(db, account.id, '00000000-0000-4000-8000-000000000007', directory));
      const measurements: Measurement[] = [
        { metric: `insert ${EVENTS} events`, value: Math.round(insertSeconds), unit: 's' },
        { metric: 'map, 30 days (median)', value: map30.median, unit: 'ms' },
        { metric: 'map, 90 days (median)', value: map90.median, unit: 'ms' },
        { metric: 'one journey’s detail, 90 days (median)', value: detail.median, unit: 'ms' },
        { metric: 'one customer’s journey (median)', value: journey.median, unit: 'ms' },
      ];
      await db.execute(sql`delete from accounts where id = ${account.id}`);
      return { measurements, raw: { events: EVENTS, customers: CUSTOMERS, runs: RUNS, map30, map90, detail, journey, insertSeconds }, notes: [`${EVENTS} events over 90 days, ${CUSTOMERS} customers; median of ${RUNS} runs`] };
    } finally {
      await handle.close();
    }
  },
};
