import { describe, expect, it } from 'vitest';
import { pickLocale } from '../contract.ts';
import { createTranslate, replyTimeText } from './i18n.ts';

describe('the chat’s language', () => {
  it('follows the first browser language it speaks, else English', () => {
    expect(pickLocale(['fr-FR', 'ja-JP', 'en'])).toBe('ja');
    expect(pickLocale(['zh-Hant-TW'])).toBe('zh');
    expect(pickLocale(['de'])).toBe('en');
  });

  it('says the typical reply time in round numbers', () => {
    const t = createTranslate('en');
    expect(replyTimeText(t, null)).toBeNull();
    expect(replyTimeText(t, 3)).toBe('We typically reply in a few minutes');
    expect(replyTimeText(t, 12)).toBe('We typically reply within 15 minutes');
    expect(replyTimeText(t, 50)).toBe('We typically reply within an hour');
    expect(replyTimeText(t, 150)).toBe('We typically reply within 3 hours');
    expect(replyTimeText(t, 3000)).toBe('We typically reply within a day');
    expect(replyTimeText(createTranslate('ja'), 12)).toBe('通常15分以内に返信します');
  });
});
