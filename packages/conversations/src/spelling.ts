import { and, eq, like, sql } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { isCorrectableWord, searchTokens, TOKENS } from './search-query.ts';

const w = schema.searchWords;

/** Trigram similarity a dictionary word needs to be considered at all: `refnud` and `refund` share only 0.27. */
const CANDIDATE_SIMILARITY = 0.2;
/** How many of the most similar words are compared letter by letter. */
const CANDIDATES_PER_WORD = 30;

/** Edits between two words, where swapping two neighbouring letters counts as one (`refnud` → `refund` is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[rows - 1]![cols - 1]!;
}

/** A short word may be one edit away from what was meant, a longer one two. */
export const allowedEdits = (word: string) => (word.length <= 5 ? 1 : 2);

/** The closest word to `typed` among `candidates` (most similar first), within the allowed edits; null when none is. */
export function pickCorrection(typed: string, candidates: readonly string[]): string | null {
  let best: { word: string; edits: number } | null = null;
  for (const word of candidates) {
    const edits = editDistance(typed, word);
    if (edits <= allowedEdits(typed) && (!best || edits < best.edits)) best = { word, edits };
  }
  return best?.word ?? null;
}

/**
 * The words of a query (those a typo can be corrected in: 4–32 letters) that begin no word of the account's subjects
 * and messages (`search_words`, prefix match through its trigram index). No conversation or message can match such
 * a query as typed, so search skips straight to correcting it.
 */
export async function findUnusedWords(db: Database, accountId: string, query: string): Promise<string[]> {
  const words = [...new Set(searchTokens(query).filter(isCorrectableWord))];
  const used = await Promise.all(words.map(async (word) => {
    // Tokens are letters only (searchTokens), so they hold no LIKE wildcard to escape.
    const [row] = await db.select({ word: w.word }).from(w).where(and(eq(w.accountId, accountId), like(w.word, `${word}%`))).limit(1);
    return Boolean(row);
  }));
  return words.filter((_, index) => !used[index]);
}

/**
 * The query with each of `unusedWords` replaced by the closest word the account has (`refnud` → `refund`); null when
 * none has one close enough. Candidates come from the trigram index at a lower similarity than pg_trgm's default,
 * set for this transaction only, then the closest by edit distance wins.
 */
export async function correctSpelling(db: Database, accountId: string, query: string, unusedWords: string[]): Promise<string | null> {
  if (unusedWords.length === 0) return null;
  const corrections = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(CANDIDATE_SIMILARITY)}, true)`);
    const found = new Map<string, string>();
    for (const word of unusedWords) {
      const candidates = await tx
        .select({ word: w.word })
        .from(w)
        .where(and(eq(w.accountId, accountId), sql`${w.word} % ${word}`))
        .orderBy(sql`similarity(${w.word}, ${word}) desc`, w.word)
        .limit(CANDIDATES_PER_WORD);
      const correction = pickCorrection(word, candidates.map((row) => row.word));
      if (correction) found.set(word, correction);
    }
    return found;
  });
  if (corrections.size === 0) return null;
  return query.normalize('NFKC').replace(TOKENS, (token) => corrections.get(token.toLowerCase()) ?? token);
}
