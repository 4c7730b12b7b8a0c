import { describe, expect, it } from 'vitest';
import { MESSAGES } from './messages.ts';

const readPlaceholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('UI dictionaries', () => {
  const english = MESSAGES.en;

  for (const locale of ['ja', 'zh'] as const) {
    it(`${locale} uses the same placeholders as English in every message`, () => {
      const mismatches = Object.entries(english)
        .filter(([key, text]) => readPlaceholders(text).join() !== readPlaceholders(MESSAGES[locale][key as keyof typeof english]).join())
        .map(([key]) => key);
      expect(mismatches).toEqual([]);
    });

    it(`${locale} has no empty or untranslated-looking messages`, () => {
      const empty = Object.entries(MESSAGES[locale]).filter(([, text]) => text.trim() === '').map(([key]) => key);
      expect(empty).toEqual([]);
      // Product names and codes may stay in English; whole English sentences may not.
      const identical = Object.entries(MESSAGES[locale])
        .filter(([key, text]) => text === english[key as keyof typeof english] && /\s\w+\s/.test(text))
        .map(([key]) => key);
      expect(identical).toEqual([]);
    });
  }
});
