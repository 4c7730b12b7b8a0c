import { instantAtLocalTime, localDate } from '@touchpoint/core';
import type { DelightPeriod } from '@touchpoint/db';

/**
 * The budget period containing `now`, on the account's calendar (`timeZone`): a week starts on Monday at midnight, a
 * quarter in January, April, July or October. `end` is the next period's start (exclusive).
 */
export function describePeriod(period: DelightPeriod, now: Date, timeZone: string): { start: Date; end: Date } {
  const today = localDate(timeZone, now);
  const midnight = (year: number, month: number, day: number) => {
    const date = new Date(Date.UTC(year, month - 1, day));
    return instantAtLocalTime(timeZone, { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, '00:00');
  };
  if (period === 'week') {
    const monday = today.day - ((today.weekday + 6) % 7);
    return { start: midnight(today.year, today.month, monday), end: midnight(today.year, today.month, monday + 7) };
  }
  if (period === 'month') return { start: midnight(today.year, today.month, 1), end: midnight(today.year, today.month + 1, 1) };
  const first = today.month - ((today.month - 1) % 3);
  return { start: midnight(today.year, first, 1), end: midnight(today.year, first + 3, 1) };
}
