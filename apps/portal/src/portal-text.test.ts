import { describe, expect, it } from 'vitest';
import { formatMoney } from './format.ts';
import { browserLocale, LOCALES, MESSAGES, translator } from './i18n.ts';

describe('portal text', () => {
  it('speaks the browser’s first language it knows, by its base tag, else English', () => {
    expect(browserLocale(['fr-FR', 'zh-TW', 'ja'])).toBe('zh');
    expect(browserLocale(['ja-JP'])).toBe('ja');
    expect(browserLocale(['de', 'fr'])).toBe('en');
  });

  it('fills placeholders and has every message, non-empty, in en, ja and zh', () => {
    expect(translator('ja')('orderNumber', { number: 'SG-1042' })).toBe('注文 SG-1042');
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(MESSAGES[locale])) expect(text.trim(), `${locale}.${key}`).not.toBe('');
    }
  });

  it('shows amounts in the currency’s own minor unit: yen have none, dollars have cents', () => {
    expect(formatMoney(12800, 'JPY', 'ja')).toBe('￥12,800');
    expect(formatMoney(10500, 'USD', 'en')).toBe('$105.00');
  });
});
