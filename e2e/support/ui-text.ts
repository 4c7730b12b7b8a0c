import { en } from '../../apps/console/src/i18n/messages-en.ts';
import { ja } from '../../apps/console/src/i18n/messages-ja.ts';
import type { MessageKey, Messages } from '../../apps/console/src/i18n/messages.ts';
import { zh } from '../../apps/console/src/i18n/messages-zh.ts';
import type { Locale } from '../../apps/console/src/api/types.ts';

const DICTIONARIES: Record<Locale, Messages> = { en, ja, zh };

/**
 * The console's own UI text, so tests find buttons by what a person reads in that language
 * (the demo admin reads Japanese, one demo agent Chinese).
 */
export function readText(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return DICTIONARIES[locale][key].replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export function createTranslator(locale: Locale) {
  return (key: MessageKey, values?: Record<string, string | number>) => readText(locale, key, values);
}
