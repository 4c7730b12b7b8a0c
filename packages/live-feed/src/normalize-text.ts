/**
 * Text as the blocklist compares it, so that look-alike spellings match: NFKC (full-width letters and digits,
 * half-width katakana), lower case, katakana folded to hiragana, common digit/symbol stand-ins for letters, and
 * zero-width characters removed. Two forms come out of it:
 * - `words`: runs of letters separated by one space, with spelled-out letters joined ("f u c k", "f.u.c.k" → "fuck");
 * - `squashed`: every letter and CJK character with nothing between them, for scripts written without spaces.
 */
const STAND_INS: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '!': 'i', '|': 'l' };
const ZERO_WIDTH = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]/g;
const LETTER = /[\p{L}\p{N}]/u;

function foldKatakana(text: string) {
  return text.replace(/[\u30A1-\u30F6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

function baseForm(input: string) {
  const nfkc = foldKatakana(input.normalize('NFKC').replace(ZERO_WIDTH, '').toLowerCase());
  // Diacritics stripped after NFKC: "fück" reads as "fuck".
  return nfkc.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** Stand-ins only where they sit inside a word ("sh1t"), so numbers on their own stay numbers. */
function replaceStandIns(text: string) {
  return text.replace(/(?<=\p{L})[0134579@$!|]+|[0134579@$!|]+(?=\p{L})/gu, (run) => [...run].map((ch) => STAND_INS[ch] ?? ch).join(''));
}

export interface NormalizedText {
  words: string;
  squashed: string;
}

export function normalizeForBlocklist(input: string): NormalizedText {
  const text = replaceStandIns(baseForm(input));
  const tokens = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // Single letters in a row are one spelled-out word.
  const joined: string[] = [];
  let spelled = '';
  for (const token of tokens) {
    if ([...token].length === 1 && /\p{Script=Latin}/u.test(token)) spelled += token;
    else {
      if (spelled) joined.push(spelled);
      spelled = '';
      joined.push(token);
    }
  }
  if (spelled) joined.push(spelled);
  const squashed = [...text].filter((ch) => LETTER.test(ch)).join('');
  return { words: joined.join(' '), squashed };
}

/** Runs of three or more of one letter cut to one and to two, so "fuuuck" and "asss" both still match. */
export function collapseRepeats(text: string): string[] {
  return [...new Set([text.replace(/(.)\1{2,}/gu, '$1'), text.replace(/(.)\1{2,}/gu, '$1$1')])];
}

/** Whether the phrase is written in a script without spaces between words (matched anywhere in the squashed text). */
export const isUnspacedScript = (phrase: string) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u.test(phrase);

/** The form a blocked phrase is stored and compared in. */
export function normalizePhrase(phrase: string): string {
  const form = normalizeForBlocklist(phrase);
  return isUnspacedScript(phrase) ? form.squashed : form.words;
}
