import { describe, expect, it } from 'vitest';
import { computeSnoozeUntil, readInboxQuery, toLocalInputValue, writeInboxQuery } from './inbox-state.ts';

describe('inbox query in the URL', () => {
  it('defaults to my open conversations, latest first, and writes defaults as an empty query', () => {
    const query = readInboxQuery(new URLSearchParams(''));
    expect(query).toMatchObject({ view: 'mine', status: 'open', sort: 'latest', labelId: null });
    expect(writeInboxQuery(query)).toBe('');
  });

  it('round-trips a view with filters and ignores an unknown view', () => {
    const search = '?view=unassigned&status=any&sort=waiting&labelId=l1&priority=high';
    expect(writeInboxQuery(readInboxQuery(new URLSearchParams(search)))).toBe(search);
    expect(readInboxQuery(new URLSearchParams('view=everything')).view).toBe('mine');
  });

  it('round-trips the SLA sort and SLA filter', () => {
    const search = '?view=all&sort=sla_due&sla=breached';
    expect(readInboxQuery(new URLSearchParams(search))).toMatchObject({ sort: 'sla_due', sla: 'breached' });
    expect(writeInboxQuery(readInboxQuery(new URLSearchParams(search)))).toBe(search);
  });
});

describe('snooze presets', () => {
  const wednesdayNoon = new Date(2026, 10, 25, 12, 30);

  it('snoozes one hour from now', () => {
    expect(computeSnoozeUntil('hour', wednesdayNoon).getTime() - wednesdayNoon.getTime()).toBe(3_600_000);
  });

  it('snoozes until 9:00 tomorrow and until 9:00 next Monday', () => {
    expect(toLocalInputValue(computeSnoozeUntil('tomorrow', wednesdayNoon))).toBe('2026-11-26T09:00');
    expect(toLocalInputValue(computeSnoozeUntil('nextWeek', wednesdayNoon))).toBe('2026-11-30T09:00');
  });

  it('next week from a Monday is the following Monday', () => {
    expect(toLocalInputValue(computeSnoozeUntil('nextWeek', new Date(2026, 10, 30, 8, 0)))).toBe('2026-12-07T09:00');
  });
});
