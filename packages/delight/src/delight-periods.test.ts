import { describe, expect, it } from 'vitest';
import { describePeriod } from './delight-periods.ts';

describe('budget periods', () => {
  it('starts a week on Monday in UTC, even on a Sunday evening', () => {
    const { start, end } = describePeriod('week', new Date('2026-11-29T23:30:00Z'));
    expect(start.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it('spans whole calendar months and quarters, across a year end', () => {
    expect(describePeriod('month', new Date('2026-12-31T12:00:00Z'))).toEqual({ start: new Date('2026-12-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    expect(describePeriod('quarter', new Date('2026-11-23T08:00:00Z'))).toEqual({ start: new Date('2026-10-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    expect(describePeriod('quarter', new Date('2026-02-01T00:00:00Z')).start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
