import { describe, expect, it } from 'vitest';
import { computeLastDays, joinDuration, splitDuration } from './journey-dates.ts';

describe('journey dates', () => {
  it('shows a wait in the largest unit that divides it', () => {
    expect(splitDuration(172_800)).toEqual({ amount: 2, unit: 'days' });
    expect(splitDuration(7200)).toEqual({ amount: 2, unit: 'hours' });
    expect(splitDuration(90)).toEqual({ amount: 2, unit: 'minutes' });
  });

  it('turns an amount and unit back into whole seconds, never less than one', () => {
    expect(joinDuration(3, 'hours')).toBe(10_800);
    expect(joinDuration(0, 'minutes')).toBe(1);
  });

  it('counts the last N days with today included', () => {
    expect(computeLastDays(30, new Date(2026, 10, 23))).toEqual({ from: '2026-10-25', to: '2026-11-23' });
  });
});
