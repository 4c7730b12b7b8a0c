/** Calendar days as `YYYY-MM-DD`, both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

function formatLocalDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The last `days` days, today included. With `timeZone` (the account's, which reports, journeys and the map count
 * in), "today" is that zone's date: past midnight in Tokyo a UTC browser still says yesterday, and would leave
 * today's events out. Without it, the browser's own date.
 */
export function computeLastDays(days: number, today = new Date(), timeZone?: string | null): DayRange {
  if (timeZone) {
    const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(today).split('-').map(Number);
    const end = new Date(Date.UTC(year!, month! - 1, day!));
    const start = new Date(end);
    start.setUTCDate(start.getUTCDate() - (days - 1));
    return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
  }
  const from = new Date(today);
  from.setDate(from.getDate() - (days - 1));
  return { from: formatLocalDay(from), to: formatLocalDay(today) };
}
