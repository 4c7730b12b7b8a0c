import { describe, expect, it } from 'vitest';
import { createFormatters } from './format.ts';
import { detectBrowserLocale } from './locales.ts';

describe('detectBrowserLocale', () => {
  it('picks the first preferred language the console ships', () => {
    expect(detectBrowserLocale(['fr-FR', 'zh-TW', 'en'])).toBe('zh');
    expect(detectBrowserLocale(['ja-JP'])).toBe('ja');
  });

  it('falls back to English', () => {
    expect(detectBrowserLocale(['fr', 'de'])).toBe('en');
    expect(detectBrowserLocale([])).toBe('en');
  });
});

describe('createFormatters', () => {
  it('formats money from minor units, with no decimals for yen', () => {
    expect(createFormatters('en').formatMoney(10500, 'USD')).toBe('$105.00');
    expect(createFormatters('ja').formatMoney(4800, 'JPY')).toMatch(/^[¥￥]4,800$/);
  });

  it('says relative times in the chosen language', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    // Exact wording comes from the ICU data of the runtime; the unit and the language are what matter here.
    expect(createFormatters('en').formatRelative('2026-01-01T11:55:00Z', now)).toMatch(/^5 min/);
    expect(createFormatters('ja').formatRelative('2026-01-01T11:55:00Z', now)).toMatch(/^5\s?分前$/);
    expect(createFormatters('zh').formatRelative('2025-12-28T12:00:00Z', now)).toMatch(/天前$/);
  });

  it('gives file sizes in steps of 1024 with the unit of the language', () => {
    expect(createFormatters('en').formatBytes(980)).toMatch(/^980\s?B$/);
    expect(createFormatters('en').formatBytes(12.5 * 1024)).toBe('12.5 kB');
    expect(createFormatters('ja').formatBytes(3 * 1024 * 1024)).toBe('3 MB');
  });
});
