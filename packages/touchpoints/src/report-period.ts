import { eq, sql, type SQL } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';

export interface DateRange {
  /** First and last day, inclusive, as YYYY-MM-DD in the account's time zone. */
  from: string;
  to: string;
}

export interface PeriodBounds {
  timeZone: string;
  /** Midnight starting `from` and midnight after `to` in the account's zone, as SQL timestamptz expressions. */
  start: SQL;
  end: SQL;
}

export async function resolvePeriodBounds(db: Database, accountId: string, range: DateRange): Promise<PeriodBounds> {
  const [account] = await db.select({ timeZone: schema.accounts.timeZone }).from(schema.accounts).where(eq(schema.accounts.id, accountId));
  const timeZone = account?.timeZone ?? 'UTC';
  return {
    timeZone,
    start: sql`((${range.from}::date)::timestamp at time zone ${timeZone})`,
    end: sql`((${range.to}::date + 1)::timestamp at time zone ${timeZone})`,
  };
}

export const rowsOf = <Row>(result: unknown): Row[] => (result as { rows: Row[] }).rows;
