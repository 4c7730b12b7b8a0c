import type { AccountScope, Locale } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { classify } from './classifier.ts';
import { decideFromCandidates, type Candidate } from './decide-turn.ts';
import { DEFAULT_ANSWER_THRESHOLD } from './inbox-settings.ts';
import { loadAccountClassifier } from './training.ts';
import { NONE_LABEL } from './background-phrases.ts';
import type { ArticleSearch } from './answer-bot.ts';
import { and, eq, inArray } from 'drizzle-orm';
import { schema } from '@touchpoint/db';

/**
 * "Try the bot" for admins: what it would do with a question right now (the current model and articles), without
 * a conversation. The same matching and decision as the real bot's first turn.
 */
export async function previewBotAnswer(db: Database, scope: AccountScope, input: { text: string; locale: Locale; answerThreshold?: number }, articles: ArticleSearch | null) {
  const candidates: Candidate[] = [];
  const classifier = await loadAccountClassifier(db, scope.accountId);
  if (classifier) {
    const top = classify(classifier, input.text).ranking.filter((r) => r.label !== NONE_LABEL).slice(0, 3);
    const names = top.length
      ? await db.select({ id: schema.botIntents.id, name: schema.botIntents.name }).from(schema.botIntents).where(and(eq(schema.botIntents.accountId, scope.accountId), inArray(schema.botIntents.id, top.map((t) => t.label))))
      : [];
    for (const t of top) candidates.push({ kind: 'intent', id: t.label, title: names.find((n) => n.id === t.label)?.name ?? '', score: Math.round(t.confidence * 1000) / 1000 });
  }
  if (articles) for (const a of await articles.search(db, scope.accountId, { query: input.text, locale: input.locale, limit: 3 })) candidates.push({ kind: 'article', id: a.id, title: a.title, score: Math.round(a.score * 1000) / 1000 });
  candidates.sort((a, b) => b.score - a.score);
  const decision = decideFromCandidates(candidates, { answerThreshold: input.answerThreshold ?? DEFAULT_ANSWER_THRESHOLD, maxAnswers: 99 });
  return { action: decision.action, reason: decision.reason, candidates };
}
