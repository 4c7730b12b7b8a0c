import { describe, expect, it } from 'vitest';
import { buildSearchQuery, makeSnippet } from './search-query.ts';

describe('buildSearchQuery', () => {
  it('splits Chinese and Japanese into character pairs and keeps a single character', () => {
    expect(buildSearchQuery('退货')).toBe("'退货'");
    expect(buildSearchQuery('返品したい')).toBe("'返品' & '品し' & 'した' & 'たい'");
    expect(buildSearchQuery('货')).toBe("'货'");
  });

  it('lower-cases, normalises full-width letters and matches Latin words as prefixes', () => {
    expect(buildSearchQuery('ＲＥＦＵＮＤ Tea')).toBe("'refund':* & 'tea':*");
  });

  it('matches a number also where it followed a hyphen, as in order ids like SG-1042', () => {
    expect(buildSearchQuery('SG-1042')).toBe("'sg':* & ('1042':* | '-1042':*)");
  });

  it('drops punctuation, so quotes and operators cannot break the query', () => {
    expect(buildSearchQuery("o'brien & | ! (x)")).toBe("'o':* & 'brien':* & 'x':*");
    expect(buildSearchQuery('!!! ---')).toBeNull();
  });
});

describe('makeSnippet', () => {
  it('cuts around the first match with ellipses', () => {
    const text = `${'a'.repeat(100)} refund ${'b'.repeat(100)}`;
    const snippet = makeSnippet(text, 'refund', 10);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet).toContain('refund');
    expect(snippet.endsWith('…')).toBe(true);
  });
});
