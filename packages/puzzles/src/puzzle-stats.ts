import { sql } from 'drizzle-orm';
import { validationFailed } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { addDays, isValidDay, localDayOf } from './local-day.ts';
import { describePuzzleAccount } from './puzzle-schedule.ts';

export interface PuzzleDayStats {
  day: string;
  puzzleId: string;
  /** Customers who started at least one play. */
  players: number;
  /** Customers with a verified solve. */
  solvers: number;
  medianSeconds: number | null;
  couponsGranted: number;
  pointsGranted: number;
  /** Solves that found the coupon pool empty or expired. */
  dealsMissed: number;
}

interface StatsRow { day: string; puzzle_id: string; players: number; solvers: number; median_seconds: number | null; coupons: number; points: number; missed: number }

/** Per day with a puzzle, from `from` to `to` (default: the last 30 days to today, in the account's time zone). */
export async function listPuzzleStats(db: Database, accountId: string, range: { from?: string; to?: string } = {}, now = new Date()): Promise<{ days: PuzzleDayStats[] }> {
  const { timeZone } = await describePuzzleAccount(db, accountId);
  const to = range.to ?? localDayOf(now, timeZone);
  const from = range.from ?? addDays(to, -29);
  if (!isValidDay(from) || !isValidDay(to) || to < from) throw validationFailed([{ path: 'from', message: 'from and to must be dates, YYYY-MM-DD, from on or before to' }]);
  const result = await db.execute(sql`
    select p.day::text as day, p.id as puzzle_id,
      (select count(distinct s.contact_id)::int from puzzle_sessions s where s.account_id = p.account_id and s.puzzle_id = p.id) as players,
      count(v.id)::int as solvers,
      (percentile_cont(0.5) within group (order by v.seconds))::float8 as median_seconds,
      count(v.coupon_id)::int as coupons,
      coalesce(sum(e.points), 0)::int as points,
      count(v.deal_missed)::int as missed
    from puzzles p
    left join puzzle_solves v on v.account_id = p.account_id and v.puzzle_id = p.id
    left join points_entries e on e.account_id = p.account_id and e.id = v.points_entry_id
    where p.account_id = ${accountId} and p.day between ${from}::date and ${to}::date
    group by p.id, p.day
    order by p.day desc`);
  const rows = (result as unknown as { rows: StatsRow[] }).rows;
  return {
    days: rows.map((row) => ({
      day: row.day, puzzleId: row.puzzle_id, players: row.players, solvers: row.solvers,
      medianSeconds: row.median_seconds === null ? null : Math.round(row.median_seconds), couponsGranted: row.coupons, pointsGranted: row.points, dealsMissed: row.missed,
    })),
  };
}
