import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../api/types.ts';
import { createFormatters, type Formatters } from './format.ts';
import { detectBrowserLocale, LOCALE_TAGS, readStoredLocale } from './locales.ts';
import { MESSAGES, type MessageKey } from './messages.ts';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface I18n extends Formatters {
  locale: Locale;
  t: Translate;
  /** Changes the displayed language only; persisting the choice is the session's job. */
  setDisplayLocale(locale: Locale): void;
}

const I18nContext = createContext<I18n | null>(null);

function interpolate(template: string, values: Record<string, string | number> | undefined): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setDisplayLocale] = useState<Locale>(() => readStoredLocale() ?? detectBrowserLocale());

  useEffect(() => {
    document.documentElement.lang = LOCALE_TAGS[locale];
  }, [locale]);

  const value = useMemo<I18n>(() => {
    const messages = MESSAGES[locale];
    const t: Translate = (key, values) => interpolate(messages[key], values);
    return { locale, t, setDisplayLocale, ...createFormatters(locale) };
  }, [locale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
