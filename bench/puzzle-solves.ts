/**
 * The daily puzzle under a rush: 1,000 customers solve today's 6×6 puzzle at once (50 submissions in flight) while
 * its coupon pool holds 200 codes. Measures verified solves per second and submission latency, then checks the
 * integrity the product promises: exactly 200 codes issued, each to a different customer, 800 solves told the pool
 * ran out, and 1,000 replays of the same plays refused with nothing more granted. PostgreSQL at BENCH_DATABASE_URL
 * (default: the local touchpoint_bench database, created by hand: `createdb -O touchpoint touchpoint_bench`).
 */
import { performance } from 'node:perf_hooks';
import { and, count, countDistinct, eq, sql } from 'drizzle-orm';
import { AppError } from '@touchpoint/core';
import { migrateDatabase, openDatabase, schema } from '@touchpoint/db';
import { findSolvingMoves, localDayOf, savePuzzleDay, startPuzzleSession, submitPuzzleSolution } from '@touchpoint/puzzles';
import { createCouponPool, generateCoupons } from '@touchpoint/rewards';
import { createBenchAccount } from './lib/bench-account.ts';
import type { Benchmark, Measurement } from './lib/types.ts';
import { computePercentile } from './lib/stats.ts';

const PLAYERS = Number(process.env.BENCH_PUZZLE_PLAYERS ?? 1000);
const CODES = 200;
const IN_FLIGHT = 50;

/** Runs `work` over every item with at most `limit` running at once; returns each item's duration in ms. */
async function runPool<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>) {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const started = performance.now();
      await work(item);
      durations.push(performance.now() - started);
    }
  }));
  return durations.sort((a, b) => a - b);
}
const percentile = (samples: number[], p: number) => Math.round(computePercentile(samples, p));

export const puzzleSolvesBenchmark: Benchmark = {
  name: 'puzzle-solves',
  summary: '1,000 concurrent verified puzzle solves against a 200-code pool (PostgreSQL)',
  async run(progress) {
    const handle = await openDatabase({ kind: 'server', url: process.env.BENCH_DATABASE_URL ?? 'postgres://touchpoint:touchpoint@127.0.0.1:5432/touchpoint_bench' });
    try {
      await migrateDatabase(handle);
      const { db } = handle;
      const { account, scope } = await createBenchAccount(db, 'Puzzle bench');
      const pool = await createCouponPool(db, account.id, { name: 'Rush', kind: 'percent', value: 10 });
      await generateCoupons(db, account.id, pool.id, CODES);
      await savePuzzleDay(db, scope, localDayOf(new Date(), 'UTC'), { image: { kind: 'builtin', key: 'waves' }, gridSize: 6, deal: { kind: 'coupon', poolId: pool.id }, dealText: { en: 'Rush' } });
      const contacts = await db.execute(sql`insert into contacts (account_id, name) select ${account.id}::uuid, 'Player ' || g from generate_series(1, ${PLAYERS}) as g returning id`);
      const contactIds = (contacts as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);

      progress(`starting ${PLAYERS} plays`);
      const plays: { contactId: string; sessionId: string; moves: [number, number][] }[] = [];
      const startTimes = await runPool(contactIds, IN_FLIGHT, async (contactId) => {
        const { session } = await startPuzzleSession(db, account.id, contactId);
        plays.push({ contactId, sessionId: session.id, moves: findSolvingMoves(session.arrangement).map(([a, b]) => [a, b]) });
      });

      progress(`submitting ${PLAYERS} solutions, ${IN_FLIGHT} at a time`);
      let granted = 0;
      let missed = 0;
      const solveStarted = performance.now();
      const solveTimes = await runPool(plays, IN_FLIGHT, async (play) => {
        const answer = await submitPuzzleSolution(db, account.id, play.contactId, { sessionId: play.sessionId, moves: play.moves }, 'en');
        if (answer.solved.deal.kind === 'coupon') granted++;
        else missed++;
      });
      const solveSeconds = (performance.now() - solveStarted) / 1000;

      progress('replaying every play');
      let refused = 0;
      await runPool(plays, IN_FLIGHT, async (play) => {
        try {
          await submitPuzzleSolution(db, account.id, play.contactId, { sessionId: play.sessionId, moves: play.moves }, 'en');
        } catch (error) {
          if (error instanceof AppError && error.code === 'puzzle_session_used') refused++;
          else throw error;
        }
      });
      const c = schema.coupons;
      const [issued] = await db.select({ codes: count(), holders: countDistinct(c.contactId) }).from(c).where(and(eq(c.accountId, account.id), eq(c.status, 'issued')));
      const [solves] = await db.select({ n: count() }).from(schema.puzzleSolves).where(eq(schema.puzzleSolves.accountId, account.id));
      const measurements: Measurement[] = [
        { metric: `verified solves per second (${IN_FLIGHT} in flight)`, value: Math.round(PLAYERS / solveSeconds), unit: 'req/s' },
        { metric: 'solve latency p50', value: percentile(solveTimes, 50), unit: 'ms' },
        { metric: 'solve latency p99', value: percentile(solveTimes, 99), unit: 'ms' },
        { metric: 'start latency p50', value: percentile(startTimes, 50), unit: 'ms' },
        { metric: 'codes issued (pool of 200)', value: issued?.codes ?? 0, unit: 'count', budget: { limit: CODES, kind: 'max', text: `≤ ${CODES}` } },
        { metric: 'customers holding a code', value: issued?.holders ?? 0, unit: 'count', budget: { limit: CODES, kind: 'min', text: `= ${CODES}` } },
        { metric: 'replays refused', value: refused, unit: 'count', budget: { limit: PLAYERS, kind: 'min', text: `= ${PLAYERS}` } },
      ];
      await db.execute(sql`delete from accounts where id = ${account.id}`);
      return {
        measurements,
        raw: { players: PLAYERS, codes: CODES, inFlight: IN_FLIGHT, granted, missed, refused, solves: solves?.n ?? 0, issued, solveSeconds, solveTimes: { p50: percentile(solveTimes, 50), p90: percentile(solveTimes, 90), p99: percentile(solveTimes, 99) } },
        notes: [`${PLAYERS} customers, 6×6 board, ${CODES} codes; ${granted} codes granted, ${missed} told the pool ran out; every play replayed once`],
      };
    } finally {
      await handle.close();
    }
  },
};
