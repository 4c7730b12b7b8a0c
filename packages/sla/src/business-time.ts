/**
 * Business-time arithmetic: pure functions over a weekly schedule in an IANA time zone, with closed holidays.
 * `hours === null` means open 24/7. Wall-clock ↔ UTC conversion uses Intl only (no time-zone library), so DST
 * changes follow the zone database Node ships with.
 *
 * Contract for a schedule (enforced by `validateBusinessHours`): intervals are `[startMinute, endMinute]` after local
 * midnight with 0 ≤ start < end ≤ 1440, sorted and non-overlapping per weekday ("0" = Sunday … "6" = Saturday);
 * overnight intervals are not allowed (split them at midnight); holiday dates are local `YYYY-MM-DD` days.
 */
export interface BusinessHoursSpec {
  timeZone: string;
  weekly: Record<string, [number, number][]>;
  holidays: { date: string; name: string }[];
}

const MINUTE = 60_000;
/** How far ahead to look for an opening: a schedule can be closed for at most this long (a year of holidays). */
const SEARCH_DAYS = 800;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClockAt(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant at which the local clock shows `minuteOfDay` on a local date (minute 1440 = next midnight). As Temporal's
 * "compatible" rule: a wall time skipped by a spring-forward change moves forward by the gap (02:30 → 03:30); a
 * repeated one (fall-back) means its first occurrence.
 */
function localToUtc(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  if (second === first) return first;
  // The two guesses differ only inside a spring-forward gap; the later one is the wall time pushed past the gap.
  return Math.max(first, second);
}

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

const localDayOf = (ms: number, timeZone: string): LocalDay => {
  const w = wallClockAt(ms, timeZone);
  return { year: w.year, month: w.month, day: w.day };
};

const nextDay = (d: LocalDay): LocalDay => {
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
};

const isoDate = (d: LocalDay) => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Per schedule object, each local day's openings: describing a page of conversations walks the same days often. */
const openingsCache = new WeakMap<BusinessHoursSpec, Map<string, [number, number][]>>();

/** The opening intervals of one local day as UTC millisecond ranges, in order. */
function openingsOn(d: LocalDay, hours: BusinessHoursSpec, holidays: Set<string>): [number, number][] {
  let byDay = openingsCache.get(hours);
  if (!byDay) {
    byDay = new Map();
    openingsCache.set(hours, byDay);
  }
  const key = isoDate(d);
  let openings = byDay.get(key);
  if (!openings) {
    openings = computeOpeningsOn(d, hours, holidays);
    if (byDay.size > 5000) byDay.clear();
    byDay.set(key, openings);
  }
  return openings;
}

function computeOpeningsOn(d: LocalDay, hours: BusinessHoursSpec, holidays: Set<string>): [number, number][] {
  if (holidays.has(isoDate(d))) return [];
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  const intervals = hours.weekly[String(weekday)] ?? [];
  const result: [number, number][] = [];
  for (const [start, end] of intervals) {
    const from = localToUtc(d.year, d.month, d.day, start, hours.timeZone);
    const to = localToUtc(d.year, d.month, d.day, end, hours.timeZone);
    if (to > from) result.push([from, to]);
  }
  return result;
}

const hasAnyOpening = (hours: BusinessHoursSpec) => Object.values(hours.weekly).some((intervals) => intervals.some(([s, e]) => e > s));

/**
 * Walks opening intervals (clipped to start at `fromMs`) in order; stops when `visit` returns true. Throws only when
 * the schedule stays closed for more than SEARCH_DAYS days in a row, so long spans and large targets still work.
 */
function walkOpenings(fromMs: number, hours: BusinessHoursSpec, visit: (start: number, end: number) => boolean): void {
  if (!hasAnyOpening(hours)) throw new RangeError('These business hours never open.');
  const holidays = new Set(hours.holidays.map((h) => h.date));
  let day = localDayOf(fromMs, hours.timeZone);
  for (let closedDays = 0; closedDays <= SEARCH_DAYS; ) {
    const openings = openingsOn(day, hours, holidays);
    closedDays = openings.length === 0 ? closedDays + 1 : 0;
    for (const [start, end] of openings) {
      if (end <= fromMs) continue;
      if (visit(Math.max(start, fromMs), end)) return;
    }
    day = nextDay(day);
  }
  throw new RangeError('These business hours stay closed for more than two years.');
}

/**
 * The instant after `minutes` business minutes have run from `start` (fractions allowed). Zero minutes answers
 * `start` itself; a clock that runs out exactly at closing time is due at closing time, not at the next opening.
 */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHoursSpec | null): Date {
  if (minutes <= 0) return new Date(start.getTime());
  if (!hours) return new Date(start.getTime() + minutes * MINUTE);
  let remaining = minutes * MINUTE;
  let due = start.getTime();
  walkOpenings(start.getTime(), hours, (from, to) => {
    if (remaining <= to - from) {
      due = from + remaining;
      return true;
    }
    remaining -= to - from;
    return false;
  });
  return new Date(Math.round(due));
}

/** Business minutes from `a` to `b` (fractional); negative when `b` is before `a`. */
export function businessMinutesBetween(a: Date, b: Date, hours: BusinessHoursSpec | null): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return -businessMinutesBetween(b, a, hours);
  if (to === from) return 0;
  if (!hours) return (to - from) / MINUTE;
  let total = 0;
  walkOpenings(from, hours, (start, end) => {
    if (start >= to) return true;
    total += Math.min(end, to) - start;
    return end >= to;
  });
  return total / MINUTE;
}

export function isOpenAt(date: Date, hours: BusinessHoursSpec | null): boolean {
  if (!hours) return true;
  const at = date.getTime();
  const holidays = new Set(hours.holidays.map((h) => h.date));
  return openingsOn(localDayOf(at, hours.timeZone), hours, holidays).some(([start, end]) => start <= at && at < end);
}

/** `date` itself when open, else the start of the next opening interval. */
export function nextOpening(date: Date, hours: BusinessHoursSpec | null): Date {
  if (!hours) return new Date(date.getTime());
  let opening = date.getTime();
  walkOpenings(date.getTime(), hours, (start) => {
    opening = start;
    return true;
  });
  return new Date(opening);
}

export interface FieldProblem {
  path: string;
  message: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string) {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Every problem with a schedule, each naming its field; an empty list means it is valid. */
export function validateBusinessHours(input: Partial<BusinessHoursSpec>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) problems.push({ path: 'timeZone', message: `unknown time zone ${input.timeZone}` });
  if (input.weekly !== undefined) {
    let open = false;
    for (const [key, intervals] of Object.entries(input.weekly)) {
      if (!/^[0-6]$/.test(key)) {
        problems.push({ path: `weekly.${key}`, message: 'weekdays are "0" (Sunday) to "6" (Saturday)' });
        continue;
      }
      const sorted = [...intervals].sort((x, y) => x[0] - y[0]);
      sorted.forEach(([start, end], i) => {
        if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > 1440) {
          problems.push({ path: `weekly.${key}`, message: `interval [${start}, ${end}] must be whole minutes within 0..1440` });
        } else if (end <= start) {
          problems.push({ path: `weekly.${key}`, message: `interval [${start}, ${end}] must end after it starts (split overnight hours at midnight)` });
        } else open = true;
        const previous = sorted[i - 1];
        if (previous && start < previous[1]) problems.push({ path: `weekly.${key}`, message: `intervals [${previous[0]}, ${previous[1]}] and [${start}, ${end}] overlap` });
      });
    }
    if (!open && problems.length === 0) problems.push({ path: 'weekly', message: 'must have at least one opening interval' });
  }
  if (input.holidays !== undefined) {
    const seen = new Set<string>();
    input.holidays.forEach((holiday, i) => {
      if (!isCalendarDate(holiday.date)) problems.push({ path: `holidays.${i}.date`, message: `${holiday.date} is not a YYYY-MM-DD date` });
      else if (seen.has(holiday.date)) problems.push({ path: `holidays.${i}.date`, message: `${holiday.date} is listed twice` });
      seen.add(holiday.date);
    });
  }
  return problems;
}

/** A schedule with each weekday's intervals sorted, as stored. */
export function normalizeWeekly(weekly: Record<string, [number, number][]>): Record<string, [number, number][]> {
  const result: Record<string, [number, number][]> = {};
  for (const key of Object.keys(weekly).sort()) {
    const intervals = weekly[key]!;
    if (intervals.length > 0) result[key] = [...intervals].sort((x, y) => x[0] - y[0]).map(([s, e]) => [s, e]);
  }
  return result;
}
