import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { type AccountScope, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import type { HelpLocale } from './text.ts';

const v = schema.helpArticleVotes;
const t = schema.helpArticleTranslations;

/**
 * "Was this helpful?": records a visitor's vote on a published translation. One vote per visitor and article — a
 * second vote replaces the first (a visitor may change their mind), it never counts twice.
 */
export async function recordHelpfulVote(db: Database, scope: Pick<AccountScope, 'accountId'>, input: { articleId: string; locale: HelpLocale; visitorId: string; helpful: boolean }): Promise<void> {
  const visitorId = input.visitorId.trim();
  if (!visitorId || visitorId.length > 100) throw validationFailed([{ path: 'visitorId', message: 'A visitor id of 1 to 100 characters is needed.' }]);
  const [published] = await db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.accountId, scope.accountId), eq(t.articleId, input.articleId), eq(t.locale, input.locale), eq(t.status, 'published')));
  if (!published) throw notFound('article');
  await db
    .insert(v)
    .values({ accountId: scope.accountId, articleId: input.articleId, locale: input.locale, visitorId, helpful: input.helpful })
    .onConflictDoUpdate({ target: [v.articleId, v.visitorId], set: { helpful: input.helpful, locale: input.locale, updatedAt: new Date() } });
}

/** Votes per article and language cast in [since, until), most voted first, with the article's title in that language. */
export async function listHelpfulVoteCounts(db: Database, scope: Pick<AccountScope, 'accountId'>, since: Date, until?: Date) {
  const rows = await db
    .select({
      articleId: v.articleId,
      locale: v.locale,
      title: sql<string | null>`max(${t.title})`,
      helpful: sql<number>`count(*) filter (where ${v.helpful})::int`,
      notHelpful: sql<number>`count(*) filter (where not ${v.helpful})::int`,
    })
    .from(v)
    .leftJoin(t, and(eq(t.articleId, v.articleId), eq(t.locale, v.locale)))
    .where(and(eq(v.accountId, scope.accountId), gte(v.updatedAt, since), until ? lt(v.updatedAt, until) : undefined))
    .groupBy(v.articleId, v.locale)
    .orderBy(desc(sql`count(*)`), v.articleId, v.locale)
    .limit(100);
  return rows.map((row) => ({ ...row, locale: row.locale as HelpLocale, title: row.title ?? '' }));
}

/** Queries visitors searched to the end that found no article in [since, until), most frequent first. */
export async function listSearchesWithoutResults(db: Database, scope: Pick<AccountScope, 'accountId'>, since: Date, until?: Date, limit = 20) {
  const s = schema.helpSearches;
  const query = sql<string>`lower(${s.query})`;
  const rows = await db
    .select({ query: sql<string>`min(${s.query})`, locale: s.locale, searches: sql<number>`count(*)::int`, lastSearchedAt: sql<Date>`max(${s.createdAt})` })
    .from(s)
    .where(and(eq(s.accountId, scope.accountId), eq(s.resultCount, 0), gte(s.createdAt, since), until ? lt(s.createdAt, until) : undefined))
    .groupBy(query, s.locale)
    .orderBy(desc(sql`count(*)`), query)
    .limit(limit);
  return rows.map((row) => ({ ...row, locale: row.locale as HelpLocale, lastSearchedAt: new Date(row.lastSearchedAt).toISOString() }));
}
