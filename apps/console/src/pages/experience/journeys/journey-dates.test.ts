import { describe, expect, it } from 'vitest';
import { joinDuration, splitDuration } from './journey-dates.ts';

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
});
