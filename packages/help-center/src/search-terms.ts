const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
const CJK_RUN_OR_WORD = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+|[\p{L}\p{N}]+/gu;
const HIRAGANA_ONLY = /^[\u3040-\u309f]+$/;

/**
 * Words that carry no topic in a question ("how do I return my order?"). They are dropped unless the query has
 * nothing else, so a question written as a sentence matches the article about its topic.
 */
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'i', 'me', 'my', 'we', 'our', 'you', 'your', 'it', 'is', 'are', 'was', 'be', 'do', 'does', 'did', 'can', 'could',
  'how', 'what', 'when', 'where', 'why', 'which', 'who', 'to', 'of', 'for', 'in', 'on', 'at', 'by', 'with', 'and', 'or', 'if',
  'get', 'please', 'want', 'need', 'there', 'this', 'that', 'from', 'about', 'will', 'would', 'should', 'have', 'has', 'any',
  '怎么', '怎样', '什么', '如何', '可以', '我想', '我的', '请问', '为什么', '哪里', '是否',
]);

/** One term of a query: a word typed (matched as a prefix) or a pair of CJK characters (matched exactly). */
export interface SearchTerm {
  lexeme: string;
  prefix: boolean;
}

/**
 * The terms of a help-center query, matching the index built by tp_search_text() (migration 0002): a
 * Chinese/Japanese/Korean run becomes its overlapping character pairs, other words match as prefixes (results come
 * while a word is being typed). Pairs of hiragana only (particles, verb endings: した, です) and stop words are left
 * out when anything else remains.
 */
export function buildHelpSearchTerms(input: string): SearchTerm[] {
  const tokens = [...input.normalize('NFKC').toLowerCase().matchAll(CJK_RUN_OR_WORD)].map(([token]) => token).slice(0, 16);
  const topical = new Map<string, SearchTerm>();
  const all = new Map<string, SearchTerm>();
  for (const token of tokens) {
    if (CJK.test(token[0]!)) {
      const chars = [...token];
      const pairs = chars.length === 1 ? [chars[0]!] : chars.slice(0, -1).map((ch, i) => ch + chars[i + 1]);
      for (const pair of pairs) {
        const term = { lexeme: pair, prefix: false };
        all.set(pair, term);
        if (!HIRAGANA_ONLY.test(pair) && !STOP_WORDS.has(pair)) topical.set(pair, term);
      }
    } else {
      const term = { lexeme: token, prefix: true };
      all.set(token, term);
      if (!STOP_WORDS.has(token)) topical.set(token, term);
    }
  }
  return [...(topical.size > 0 ? topical : all).values()].slice(0, 24);
}

/**
 * A term as tsquery text, optionally restricted to the title (weight A). Lexemes hold only letters and digits, so
 * quoting cannot break. PostgreSQL's parser reads the number of `SG-1042` as `-1042`, so numbers match either way.
 */
export function renderTerm(term: SearchTerm, titleOnly = false): string {
  const flags = `${term.prefix ? '*' : ''}${titleOnly ? 'A' : ''}`;
  const one = (lexeme: string) => `'${lexeme}'${flags ? `:${flags}` : ''}`;
  return /^\d+$/.test(term.lexeme) ? `(${one(term.lexeme)} | ${one(`-${term.lexeme}`)})` : one(term.lexeme);
}
