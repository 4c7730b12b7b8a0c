/** A run of text, marked when it is (part of) a word the search matched. */
export interface TextPart {
  text: string;
  marked: boolean;
}

const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
/** The server's tokens (packages/conversations search-query.ts): CJK runs, or runs of letters and digits. */
const TOKENS = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+|[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

interface SearchTerm {
  text: string;
  /** Latin-like words match as prefixes of a word; CJK pairs match anywhere. */
  wordStart: boolean;
}

/**
 * What the server matched on, the way it matches: text is NFKC-normalised and lower-cased; other words match at the
 * start of a word; Chinese and Japanese runs match by overlapping character pairs (one character alone stays itself).
 */
export function readSearchTerms(query: string): SearchTerm[] {
  const terms = new Map<string, SearchTerm>();
  for (const [token] of query.normalize('NFKC').toLowerCase().matchAll(TOKENS)) {
    if (CJK_CHAR.test(token)) {
      const chars = [...token];
      if (chars.length === 1) terms.set(token, { text: token, wordStart: false });
      for (let index = 0; index + 1 < chars.length; index += 1) {
        const pair = `${chars[index]}${chars[index + 1]}`;
        terms.set(pair, { text: pair, wordStart: false });
      }
    } else {
      terms.set(token, { text: token, wordStart: true });
    }
  }
  return [...terms.values()];
}

/** The text folded as the server folds it, with where each folded UTF-16 unit came from in the original. */
function foldText(text: string) {
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  let offset = 0;
  for (const char of text) {
    const piece = char.normalize('NFKC').toLowerCase();
    for (let unit = 0; unit < piece.length; unit += 1) {
      from.push(offset);
      to.push(offset + char.length);
    }
    folded += piece;
    offset += char.length;
  }
  return { folded, from, to };
}

/** A letter or digit that is not CJK: CJK text has no spaces, so a CJK character never joins a Latin word. */
function isLatinWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char) && !CJK_CHAR.test(char);
}

/**
 * Splits `text` into plain and marked parts for the words of `query`, for rendering as text nodes and `<mark>`
 * elements (never as HTML). A word typed as a prefix marks the whole word it starts (`refu` marks `refunded`), the
 * way the server matched it; matching ignores case and full-width forms (`ＲＥＦＵＮＤ` marks `refund`).
 */
export function splitHighlights(text: string, query: string): TextPart[] {
  const terms = readSearchTerms(query);
  if (text === '' || terms.length === 0) return text === '' ? [] : [{ text, marked: false }];
  const { folded, from, to } = foldText(text);

  const ranges: [number, number][] = [];
  for (const term of terms) {
    for (let at = folded.indexOf(term.text); at !== -1; at = folded.indexOf(term.text, at + 1)) {
      if (!term.wordStart) {
        ranges.push([at, at + term.text.length]);
        continue;
      }
      if (isLatinWordChar(folded[at - 1])) continue;
      let end = at + term.text.length;
      while (isLatinWordChar(folded[end])) end += 1;
      ranges.push([at, end]);
    }
  }
  if (ranges.length === 0) return [{ text, marked: false }];

  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }

  const parts: TextPart[] = [];
  let cursor = 0;
  for (const [start, end] of merged) {
    const originalStart = from[start] ?? text.length;
    const originalEnd = to[end - 1] ?? text.length;
    if (originalStart > cursor) parts.push({ text: text.slice(cursor, originalStart), marked: false });
    if (originalEnd > Math.max(cursor, originalStart)) parts.push({ text: text.slice(Math.max(cursor, originalStart), originalEnd), marked: true });
    cursor = Math.max(cursor, originalEnd);
  }
  if (cursor < text.length) parts.push({ text: text.slice(cursor), marked: false });
  return parts;
}
