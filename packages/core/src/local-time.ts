/** Time-zone arithmetic for waits and date entries, with the platform's Intl data (no library). */

function offsetMinutes(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** A zone Intl knows, or `fallback`. */
export function resolveZone(zone: string | null | undefined, fallback = 'UTC'): string {
  if (!zone) return fallback;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return fallback;
  }
}

/** The calendar date (y, m 1–12, d) and weekday (0 = Sunday) of `at` in `zone`. */
export function localDate(zone: string, at: Date) {
  const shifted = new Date(at.getTime() + offsetMinutes(zone, at) * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), weekday: shifted.getUTCDay() };
}

/** The instant when the wall clock in `zone` shows `hh:mm` on the given local date (the later reading in a DST gap). */
export function instantAtLocalTime(zone: string, date: { year: number; month: number; day: number }, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(date.year, date.month - 1, date.day, hours, minutes);
  let guess = wall - offsetMinutes(zone, new Date(wall)) * 60_000;
  guess = wall - offsetMinutes(zone, new Date(guess)) * 60_000;
  return new Date(guess);
}

/** The first instant after `now` when it is `time` in `zone`, on one of `weekdays` (0 = Sunday) when given. */
export function nextLocalTime(now: Date, time: string, zone: string, weekdays?: number[]): Date {
  const today = localDate(zone, now);
  for (let days = 0; days <= 8; days += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
    const local = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    if (weekdays && weekdays.length > 0 && !weekdays.includes(date.getUTCDay())) continue;
    const at = instantAtLocalTime(zone, local, time);
    if (at.getTime() > now.getTime()) return at;
  }
  throw new Error('no matching weekday');
}
