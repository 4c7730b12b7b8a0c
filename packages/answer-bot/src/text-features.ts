/**
 * Turns a message into the terms the classifier counts, the same way for training and for prediction:
 * - word unigrams and bigrams (`w:` / `b:`), words found by `Intl.Segmenter`, which uses ICU's dictionary for
 *   Chinese and Japanese, so "我想退货" gives words even without spaces;
 * - character n-grams (`c:`): 2–5-grams inside each spaced word (padded with a space on both sides, so prefixes and
 *   suffixes count), and 1–3-grams over runs of CJK characters (a wrong dictionary split costs little then).
 * Text is NFKC-normalised (full-width Latin becomes ASCII) and lower-cased first.
 */

export interface TextFeatureOptions {
  /** Word n-gram lengths, inclusive. */
  wordNgrams: [number, number];
  /** Character n-gram lengths inside spaced words, inclusive. */
  charNgrams: [number, number];
  /** Character n-gram lengths over CJK runs, inclusive. */
  cjkNgrams: [number, number];
}

export const DEFAULT_TEXT_FEATURES: TextFeatureOptions = { wordNgrams: [1, 2], charNgrams: [2, 5], cjkNgrams: [1, 3] };

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+/gu;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a normalised text (punctuation and spaces dropped). */
export function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const part of segmenter.segment(text)) if (part.isWordLike) words.push(part.segment);
  return words;
}

export interface TextTerms {
  words: string[];
  chars: string[];
}

export function extractTerms(rawText: string, options: TextFeatureOptions = DEFAULT_TEXT_FEATURES): TextTerms {
  const text = normalizeText(rawText);
  const tokens = segmentWords(text);
  const words: string[] = [];
  const [wMin, wMax] = options.wordNgrams;
  for (let n = wMin; n <= wMax; n++) {
    const prefix = n === 1 ? 'w:' : `${n}:`;
    for (let i = 0; i + n <= tokens.length; i++) words.push(prefix + tokens.slice(i, i + n).join(' '));
  }
  const chars: string[] = [];
  const [cMin, cMax] = options.charNgrams;
  for (const token of tokens) {
    if (CJK_CHAR.test(token)) continue;
    const padded = ` ${token} `;
    for (let n = cMin; n <= cMax; n++) for (let i = 0; i + n <= padded.length; i++) chars.push(`c:${padded.slice(i, i + n)}`);
  }
  const [jMin, jMax] = options.cjkNgrams;
  for (const run of text.match(CJK_RUN) ?? []) {
    const glyphs = [...run];
    for (let n = jMin; n <= jMax; n++) for (let i = 0; i + n <= glyphs.length; i++) chars.push(`j:${glyphs.slice(i, i + n).join('')}`);
  }
  return { words, chars };
}
