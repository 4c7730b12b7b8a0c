import type { DelightPeriod } from '@touchpoint/db';

/**
 * The budget period containing `now`, in UTC: a week starts on Monday, a quarter in January, April, July or October.
 * `end` is the next period's start (exclusive).
 */
export function describePeriod(period: DelightPeriod, now = new Date()): { start: Date; end: Date } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  if (period === 'week') {
    const daysSinceMonday = (now.getUTCDay() + 6) % 7;
    const start = new Date(Date.UTC(y, m, now.getUTCDate() - daysSinceMonday));
    return { start, end: new Date(start.getTime() + 7 * 86_400_000) };
  }
  if (period === 'month') return { start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 1, 1)) };
  const first = m - (m % 3);
  return { start: new Date(Date.UTC(y, first, 1)), end: new Date(Date.UTC(y, first + 3, 1)) };
}
