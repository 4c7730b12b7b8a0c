import type { Locale } from '../api/types.ts';
import { LOCALE_TAGS } from './locales.ts';

export interface Formatters {
  formatDateTime(iso: string | null | undefined): string;
  formatDate(iso: string | null | undefined): string;
  formatRelative(iso: string | null | undefined, now?: number): string;
  formatNumber(value: number): string;
  formatMoney(minor: number, currency: string): string;
  /** A file size: 980B, 12.5 kB, 3.2 MB (steps of 1024). */
  formatBytes(bytes: number): string;
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

function parseDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function readCurrencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function createFormatters(locale: Locale): Formatters {
  const tag = LOCALE_TAGS[locale];
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const dateOnly = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto', style: 'short' });
  const number = new Intl.NumberFormat(tag);
  const bytes = BYTE_UNITS.map((unit) => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'narrow' : 'short', maximumFractionDigits: unit === 'byte' ? 0 : 1 }));

  return {
    formatDateTime: (iso) => {
      const date = parseDate(iso);
      return date ? dateTime.format(date) : '—';
    },
    formatDate: (iso) => {
      const date = parseDate(iso);
      return date ? dateOnly.format(date) : '—';
    },
    formatRelative: (iso, now = Date.now()) => {
      const date = parseDate(iso);
      if (!date) return '—';
      let value = (date.getTime() - now) / 1000;
      for (const [unit, size] of RELATIVE_STEPS) {
        if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
        value /= size;
      }
      return dateOnly.format(date);
    },
    formatNumber: (value) => number.format(value),
    formatBytes: (value) => {
      let step = 0;
      while (value >= 1024 && step < BYTE_UNITS.length - 1) {
        value /= 1024;
        step += 1;
      }
      return bytes[step]!.format(value);
    },
    formatMoney: (minor, currency) => {
      const digits = readCurrencyDigits(currency);
      try {
        return new Intl.NumberFormat(tag, { style: 'currency', currency }).format(minor / 10 ** digits);
      } catch {
        return `${number.format(minor / 10 ** digits)} ${currency}`;
      }
    },
  };
}
