const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
/** A run of Chinese, Japanese or Korean characters, or a word of other letters and digits. */
export const TOKENS = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+|[\p{L}\p{N}]+/gu;

/** The lower-cased, NFKC-normalised tokens of what a person typed. */
export const searchTokens = (input: string) => [...input.normalize('NFKC').toLowerCase().matchAll(TOKENS)].map(([token]) => token);

/**
 * Whether a token could be a misspelt dictionary word (see tp_is_search_word, migration 0009): 4 to 32 letters, not
 * Chinese, Japanese or Korean, no digits.
 */
export const isCorrectableWord = (token: string) => token.length >= 4 && token.length <= 32 && !CJK_CHAR.test(token) && !/\d/.test(token);

/**
 * Turns what a person typed into a PostgreSQL tsquery matching the index built by tp_search_text():
 * Chinese/Japanese/Korean runs become their overlapping character pairs (one character stays itself), other words
 * match as prefixes so results come while typing, numbers also after a hyphen. Every term must match. Null when nothing searchable was typed.
 */
export function buildSearchQuery(input: string): string | null {
  const terms: string[] = [];
  for (const token of searchTokens(input)) {
    if (CJK_CHAR.test(token[0]!)) {
      const chars = [...token];
      if (chars.length === 1) terms.push(`'${chars[0]}'`);
      for (let i = 0; i + 1 < chars.length; i++) terms.push(`'${chars[i]}${chars[i + 1]}'`);
    } else if (/^\d+$/.test(token)) {
      // PostgreSQL's parser reads the number of `SG-1042` as the signed integer `-1042`.
      terms.push(`('${token}':* | '-${token}':*)`);
    } else {
      terms.push(`'${token}':*`);
    }
  }
  return terms.length > 0 ? [...new Set(terms)].join(' & ') : null;
}

/** A short piece of `text` around the first place one of the query's words appears. */
export function makeSnippet(text: string, query: string, radius = 60): string {
  const haystack = text.normalize('NFKC').toLowerCase();
  const words = searchTokens(query);
  const at = words.map((word) => haystack.indexOf(word)).filter((index) => index >= 0).sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, at + radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
