import type { Locale } from './i18n.ts';

const INTL_LOCALE: Record<Locale, string> = { en: 'en', ja: 'ja-JP', zh: 'zh-CN' };

export const formatDate = (iso: string, locale: Locale, timeZone?: string | null) =>
  new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));

export const formatDateTime = (iso: string, locale: Locale, timeZone?: string | null) =>
  new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));

/** Minor units to money: JPY has no minor unit, so 1200 minor JPY is ¥1,200; 1250 minor USD is $12.50. */
export function formatMoney(minor: number, currency: string, locale: Locale) {
  const format = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

export const formatBytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`);
