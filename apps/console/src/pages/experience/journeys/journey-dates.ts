/** Wait durations for the journey steps' inputs. */

const SECONDS = { minutes: 60, hours: 3600, days: 86_400 } as const;
export type DurationUnit = keyof typeof SECONDS;

/** Seconds as the largest whole unit, for the wait inputs: 7200 → 2 hours, 172800 → 2 days, 90 → 2 minutes (rounded). */
export function splitDuration(seconds: number): { amount: number; unit: DurationUnit } {
  if (seconds % SECONDS.days === 0) return { amount: seconds / SECONDS.days, unit: 'days' };
  if (seconds % SECONDS.hours === 0) return { amount: seconds / SECONDS.hours, unit: 'hours' };
  return { amount: Math.max(1, Math.round(seconds / SECONDS.minutes)), unit: 'minutes' };
}

export function joinDuration(amount: number, unit: DurationUnit): number {
  return Math.max(1, Math.round(amount * SECONDS[unit]));
}
