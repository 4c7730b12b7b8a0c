import type { Locale } from '../../../api/types.ts';

const TAGS: Record<Locale, string> = { en: 'en', ja: 'ja-JP', zh: 'zh-CN' };

/** A calendar day (YYYY-MM-DD, already in the account's time zone) as people read it, with its weekday. */
export const formatPuzzleDay = (day: string, locale: Locale) =>
  new Intl.DateTimeFormat(TAGS[locale], { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

export const formatSeconds = (seconds: number | null) => (seconds === null ? '—' : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`);

export function shiftDay(day: string, days: number) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
