import { describe, expect, it } from 'vitest';
import { describePeriod } from './delight-periods.ts';

describe('budget periods', () => {
  it('starts a week on Monday at midnight on the account’s calendar, even on a Sunday evening', () => {
    const { start, end } = describePeriod('week', new Date('2026-11-29T23:30:00Z'), 'UTC');
    expect(start.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    // 08:30 on Monday 30 November in Tokyo is already the next week there.
    expect(describePeriod('week', new Date('2026-11-29T23:30:00Z'), 'Asia/Tokyo').start.toISOString()).toBe('2026-11-29T15:00:00.000Z');
  });

  it('spans whole calendar months and quarters, across a year end', () => {
    expect(describePeriod('month', new Date('2026-12-31T12:00:00Z'), 'UTC')).toEqual({ start: new Date('2026-12-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    expect(describePeriod('quarter', new Date('2026-11-23T08:00:00Z'), 'UTC')).toEqual({ start: new Date('2026-10-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    expect(describePeriod('quarter', new Date('2026-02-01T00:00:00Z'), 'UTC').start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('renews a Tokyo shop’s monthly budget at midnight in Tokyo, not in London', () => {
    // 1 December 02:00 in Tokyo is still 30 November in UTC.
    expect(describePeriod('month', new Date('2026-11-30T17:00:00Z'), 'Asia/Tokyo')).toEqual({ start: new Date('2026-11-30T15:00:00Z'), end: new Date('2026-12-31T15:00:00Z') });
    // Daylight saving: New York's March starts at 05:00 UTC (EST), April at 04:00 UTC (EDT).
    expect(describePeriod('month', new Date('2027-03-20T12:00:00Z'), 'America/New_York')).toEqual({ start: new Date('2027-03-01T05:00:00Z'), end: new Date('2027-04-01T04:00:00Z') });
  });
});
