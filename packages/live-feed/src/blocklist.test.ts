import { describe, expect, it } from 'vitest';
import { checkText } from './blocklist.ts';
import { normalizePhrase } from './normalize-text.ts';

const rules = { builtin: true, blockLinks: true, custom: [] as string[] };
const reasonOf = (text: string, overrides: Partial<typeof rules> = {}) => checkText(text, { ...rules, ...overrides })?.reason ?? null;

describe('the live-feed blocklist', () => {
  it('lets ordinary posts through in every language', () => {
    for (const text of ['What a goal!! 🎉', 'Assistant coaches class act', 'Scunthorpe say hi', '最高のライブでした！', '加油！太精彩了', 'See you at 9:30 on channel 4', 'I <3 this show', 'one = two', 'online=yes']) {
      expect(reasonOf(text), text).toBeNull();
    }
  });

  it('blocks built-in English phrases however they are disguised', () => {
    for (const text of ['this is SHIT', 'f u c k this', 'f.u.c.k', 'sh1t show', 'ｆｕｃｋ', 'fuuuuck', 'f\u200Buck', 'fück off', 'KILL   YOURSELF']) {
      expect(reasonOf(text), text).toBe('phrase');
    }
  });

  it('blocks built-in Japanese phrases in hiragana, katakana, half-width and spaced forms', () => {
    for (const text of ['お前は死ね', 'しね', 'シネ', 'ｼﾈ', '死 ね', 'マジでキモい', 'きもい']) {
      expect(reasonOf(text), text).toBe('phrase');
    }
  });

  it('blocks built-in Chinese phrases in simplified and traditional script, spaced out', () => {
    for (const text of ['你是傻逼', '傻 逼', '他媽的', '去·死']) {
      expect(reasonOf(text), text).toBe('phrase');
    }
  });

  it('matches an account phrase normalized the same way, and skips the built-in list when it is off', () => {
    const custom = [normalizePhrase('Rival Brand'), normalizePhrase('ライバル社')];
    expect(reasonOf('buy RIVAL   brand instead', { custom })).toBe('phrase');
    expect(reasonOf('ﾗｲﾊﾞﾙ社 is better', { custom })).toBe('phrase');
    expect(reasonOf('shit', { builtin: false })).toBeNull();
  });

  it('refuses scripts and HTML always, and links when the feed blocks them', () => {
    for (const text of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '＜script＞']) expect(reasonOf(text, { blockLinks: false }), text).toBe('markup');
    for (const text of ['visit https://spam.example', 'www.spam.test', 'spam dot com deals', 'ｓｐａｍ．ｃｏｍ']) expect(reasonOf(text), text).toBe('link');
    expect(reasonOf('visit https://spam.example', { blockLinks: false })).toBeNull();
  });
});
