import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, type BusinessHoursSpec, businessMinutesBetween, isOpenAt, nextOpening, validateBusinessHours } from './business-time.ts';

const weekdays = (intervals: [number, number][]) => Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, intervals]));

/** Tokyo office, 9:00–18:00 Monday to Friday; no DST. */
const tokyo: BusinessHoursSpec = { timeZone: 'Asia/Tokyo', weekly: weekdays([[540, 1080]]), holidays: [{ date: '2026-11-03', name: '文化の日' }] };
/** New York, 9:00–12:00 and 13:00–17:00 Monday to Friday, across DST changes. */
const newYork: BusinessHoursSpec = { timeZone: 'America/New_York', weekly: weekdays([[540, 720], [780, 1020]]), holidays: [{ date: '2026-12-25', name: 'Christmas' }] };
/** Open around the clock on weekdays only. */
const allWeekdays: BusinessHoursSpec = { timeZone: 'America/New_York', weekly: weekdays([[0, 1440]]), holidays: [] };

const at = (iso: string) => new Date(iso);

describe('addBusinessMinutes', () => {
  it('counts wall-clock minutes when there are no business hours', () => {
    expect(addBusinessMinutes(at('2026-03-07T23:30:00Z'), 90, null).toISOString()).toBe('2026-03-08T01:00:00.000Z');
  });

  it('adds within one Tokyo working day', () => {
    // 10:00 JST on Monday 2026-11-02 is 01:00 UTC.
    expect(addBusinessMinutes(at('2026-11-02T01:00:00Z'), 60, tokyo).toISOString()).toBe('2026-11-02T02:00:00.000Z');
  });

  it('carries what is left past closing to the next opening, skipping a Tokyo holiday', () => {
    // Monday 17:30 JST + 60 min: 30 min on Monday, Tuesday 3 Nov is a holiday, 30 min from Wednesday 9:00 JST.
    expect(addBusinessMinutes(at('2026-11-02T08:30:00Z'), 60, tokyo).toISOString()).toBe('2026-11-04T00:30:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday 2026-11-06 17:00 JST + 120 min → Monday 10:00 JST.
    expect(addBusinessMinutes(at('2026-11-06T08:00:00Z'), 120, tokyo).toISOString()).toBe('2026-11-09T01:00:00.000Z');
  });

  it('starts the clock at the next opening when started while closed', () => {
    // Saturday in Tokyo; one minute after Monday 9:00 JST.
    expect(addBusinessMinutes(at('2026-11-07T03:00:00Z'), 1, tokyo).toISOString()).toBe('2026-11-09T00:01:00.000Z');
  });

  it('is due at closing time when the minutes run out exactly then', () => {
    expect(addBusinessMinutes(at('2026-11-02T08:00:00Z'), 60, tokyo).toISOString()).toBe('2026-11-02T09:00:00.000Z');
  });

  it('skips the New York lunch break', () => {
    // 11:30 EST (16:30 UTC) + 60 → 30 before lunch, 30 after: 13:30 EST = 18:30 UTC.
    expect(addBusinessMinutes(at('2026-01-05T16:30:00Z'), 60, newYork).toISOString()).toBe('2026-01-05T18:30:00.000Z');
  });

  it('follows New York into daylight saving time in March', () => {
    // Friday 2026-03-06 16:00 EST (21:00 UTC) + 120: 60 on Friday, then Monday 9 March opens at 9:00 EDT = 13:00 UTC.
    expect(addBusinessMinutes(at('2026-03-06T21:00:00Z'), 120, newYork).toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  it('follows New York out of daylight saving time in November', () => {
    // Friday 2026-10-30 16:30 EDT (20:30 UTC) + 60: 30 on Friday, Monday 2 Nov opens 9:00 EST = 14:00 UTC.
    expect(addBusinessMinutes(at('2026-10-30T20:30:00Z'), 60, newYork).toISOString()).toBe('2026-11-02T14:30:00.000Z');
  });

  it('counts a day that loses an hour as 23 hours long', () => {
    const sundays: BusinessHoursSpec = { timeZone: 'America/New_York', weekly: { '0': [[0, 1440]] }, holidays: [] };
    // Sunday 2026-03-08 opens at 00:00 EST (05:00 UTC) and closes at 24:00 EDT (04:00 UTC on Monday).
    expect(businessMinutesBetween(at('2026-03-08T00:00:00Z'), at('2026-03-10T00:00:00Z'), sundays)).toBe(23 * 60);
    // Sunday 2026-11-01 gains an hour: 25 hours.
    expect(businessMinutesBetween(at('2026-11-01T00:00:00Z'), at('2026-11-03T00:00:00Z'), sundays)).toBe(25 * 60);
    expect(addBusinessMinutes(at('2026-03-08T05:00:00Z'), 23 * 60, sundays).toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('skips a New York holiday and the weekend after it', () => {
    // Thursday 24 Dec 16:00 EST + 120: 60 on Thursday, Friday is Christmas, Monday 28th 9:00–10:00.
    expect(addBusinessMinutes(at('2026-12-24T21:00:00Z'), 120, newYork).toISOString()).toBe('2026-12-28T15:00:00.000Z');
  });

  it('runs around the clock on weekdays and stops for the weekend', () => {
    // Friday 23:00 EST + 120 → Monday 01:00 EST.
    expect(addBusinessMinutes(at('2026-01-10T04:00:00Z'), 120, allWeekdays).toISOString()).toBe('2026-01-12T06:00:00.000Z');
  });

  it('answers the start itself for zero minutes', () => {
    expect(addBusinessMinutes(at('2026-11-07T03:00:00Z'), 0, tokyo).toISOString()).toBe('2026-11-07T03:00:00.000Z');
  });

  it('refuses hours that never open instead of looping', () => {
    expect(() => addBusinessMinutes(at('2026-01-01T00:00:00Z'), 10, { timeZone: 'UTC', weekly: {}, holidays: [] })).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it('is the inverse of addBusinessMinutes across nights, weekends and holidays', () => {
    const start = at('2026-10-29T18:45:00Z');
    for (const minutes of [1, 59, 300, 1000, 2500]) {
      for (const hours of [tokyo, newYork, allWeekdays, null]) {
        const due = addBusinessMinutes(start, minutes, hours);
        expect(businessMinutesBetween(start, due, hours)).toBeCloseTo(minutes, 6);
      }
    }
  });

  it('counts only open time, and is negative when the end comes first', () => {
    // Monday 17:00 JST to Wednesday 10:00 JST, Tuesday being a holiday: 60 + 60.
    expect(businessMinutesBetween(at('2026-11-02T08:00:00Z'), at('2026-11-04T01:00:00Z'), tokyo)).toBe(120);
    expect(businessMinutesBetween(at('2026-11-04T01:00:00Z'), at('2026-11-02T08:00:00Z'), tokyo)).toBe(-120);
    expect(businessMinutesBetween(at('2026-11-07T01:00:00Z'), at('2026-11-08T01:00:00Z'), tokyo)).toBe(0);
  });
});

describe('isOpenAt and nextOpening', () => {
  it('knows Tokyo office hours, holidays and weekends', () => {
    expect(isOpenAt(at('2026-11-02T00:00:00Z'), tokyo)).toBe(true); // Monday 9:00 JST
    expect(isOpenAt(at('2026-11-02T09:00:00Z'), tokyo)).toBe(false); // Monday 18:00 JST, closing
    expect(isOpenAt(at('2026-11-03T03:00:00Z'), tokyo)).toBe(false); // holiday
    expect(isOpenAt(at('2026-11-07T03:00:00Z'), tokyo)).toBe(false); // Saturday
    expect(isOpenAt(at('2026-11-07T03:00:00Z'), null)).toBe(true);
  });

  it('knows New York hours in both EST and EDT', () => {
    expect(isOpenAt(at('2026-01-05T14:00:00Z'), newYork)).toBe(true); // 9:00 EST
    expect(isOpenAt(at('2026-07-06T13:00:00Z'), newYork)).toBe(true); // 9:00 EDT
    expect(isOpenAt(at('2026-07-06T12:59:00Z'), newYork)).toBe(false); // 8:59 EDT
    expect(isOpenAt(at('2026-07-06T16:30:00Z'), newYork)).toBe(false); // lunch
  });

  it('finds the next opening, or now when open', () => {
    expect(nextOpening(at('2026-11-02T09:30:00Z'), tokyo).toISOString()).toBe('2026-11-04T00:00:00.000Z');
    expect(nextOpening(at('2026-11-02T03:00:00Z'), tokyo).toISOString()).toBe('2026-11-02T03:00:00.000Z');
    expect(nextOpening(at('2026-03-07T15:00:00Z'), newYork).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(nextOpening(at('2026-03-07T15:00:00Z'), null).toISOString()).toBe('2026-03-07T15:00:00.000Z');
  });
});

describe('validateBusinessHours', () => {
  it('accepts a sound schedule', () => {
    expect(validateBusinessHours(newYork)).toEqual([]);
  });

  it('names each problem: zone, bounds, overnight, overlap, dates', () => {
    const problems = validateBusinessHours({
      timeZone: 'Mars/Olympus',
      weekly: { '1': [[540, 1500]], '2': [[1200, 300]], '3': [[540, 720], [700, 900]], '8': [[0, 10]] },
      holidays: [{ date: '2026-02-30', name: 'x' }, { date: '2026-1-1', name: 'y' }],
    });
    expect(problems.map((p) => p.path)).toEqual(['timeZone', 'weekly.1', 'weekly.2', 'weekly.3', 'weekly.8', 'holidays.0.date', 'holidays.1.date']);
  });

  it('refuses a schedule that never opens', () => {
    expect(validateBusinessHours({ timeZone: 'UTC', weekly: {}, holidays: [] })).toEqual([{ path: 'weekly', message: 'must have at least one opening interval' }]);
  });
});

describe('long spans', () => {
  it('handles targets and overdue spans of several years', () => {
    const start = at('2026-01-05T00:00:00Z');
    const due = addBusinessMinutes(start, 525_600, tokyo);
    expect(due.getTime()).toBeGreaterThan(at('2029-01-01T00:00:00Z').getTime());
    expect(businessMinutesBetween(start, due, tokyo)).toBeCloseTo(525_600, 6);
    expect(businessMinutesBetween(at('2030-01-01T00:00:00Z'), start, tokyo)).toBeLessThan(-500_000);
  });
});
