import { and, eq, inArray, sql } from 'drizzle-orm';
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
 * The query with each word the account has never used replaced by the closest word it has (`refnud` → `refund`),
 * from the dictionary of subject and message words (`search_words`); null when there is nothing to correct.
 * Candidates come from the trigram index at a lower similarity than pg_trgm's default, set for this transaction
 * only, then the closest by edit distance wins.
 */
export async function correctSpelling(db: Database, accountId: string, query: string): Promise<string | null> {
  const typed = query.normalize('NFKC');
  const words = [...new Set(searchTokens(typed).filter(isCorrectableWord))];
  if (words.length === 0) return null;
  const known = await db.select({ word: w.word }).from(w).where(and(eq(w.accountId, accountId), inArray(w.word, words)));
  const unknown = words.filter((word) => !known.some((row) => row.word === word));
  if (unknown.length === 0) return null;
  const corrections = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(CANDIDATE_SIMILARITY)}, true)`);
    const found = new Map<string, string>();
    for (const word of unknown) {
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
  return typed.replace(TOKENS, (token) => corrections.get(token.toLowerCase()) ?? token);
}
