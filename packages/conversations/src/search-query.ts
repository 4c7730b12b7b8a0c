const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
const TOKENS = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+|[\p{L}\p{N}]+/gu;

/**
 * Turns what a person typed into a PostgreSQL tsquery matching the index built by tp_search_text():
 * Chinese/Japanese/Korean runs become their overlapping character pairs (one character stays itself), other words
 * match as prefixes so results come while typing. Every term must match. Null when nothing searchable was typed.
 */
export function buildSearchQuery(input: string): string | null {
  const terms: string[] = [];
  for (const [token] of input.normalize('NFKC').toLowerCase().matchAll(TOKENS)) {
    if (CJK_CHAR.test(token[0]!)) {
      const chars = [...token];
      if (chars.length === 1) terms.push(`'${chars[0]}'`);
      for (let i = 0; i + 1 < chars.length; i++) terms.push(`'${chars[i]}${chars[i + 1]}'`);
    } else {
      terms.push(`'${token}':*`);
    }
  }
  return terms.length > 0 ? [...new Set(terms)].join(' & ') : null;
}

/** A short piece of `text` around the first place one of the query's words appears. */
export function makeSnippet(text: string, query: string, radius = 60): string {
  const haystack = text.normalize('NFKC').toLowerCase();
  const words = [...query.normalize('NFKC').toLowerCase().matchAll(TOKENS)].map(([token]) => token);
  const at = words.map((word) => haystack.indexOf(word)).filter((index) => index >= 0).sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, at + radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
