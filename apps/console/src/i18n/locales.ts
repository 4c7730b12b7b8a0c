import type { Locale } from '../api/types.ts';

export const LOCALES: readonly Locale[] = ['en', 'ja', 'zh'];

/** Each language named in itself, so a reader finds theirs whatever the UI language is. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語', zh: '中文（简体）' };

/** BCP 47 tags for `<html lang>` and Intl; `zh` is Simplified Chinese. */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en', ja: 'ja', zh: 'zh-CN' };

const STORAGE_KEY = 'touchpoint.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ja' || value === 'zh';
}

/** Picks the first of the browser's preferred languages that we ship; English otherwise. */
export function detectBrowserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function readStoredLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale | null): void {
  try {
    if (locale) window.localStorage.setItem(STORAGE_KEY, locale);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode or storage disabled: the choice still lives on the server for signed-in users.
  }
}
