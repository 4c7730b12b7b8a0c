import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { helpArticlePath } from './published.ts';
import { buildHelpSearchTerms, renderTerm, type SearchTerm } from './search-terms.ts';
import { type HelpLocale, markdownToPlainText, truncateText } from './text.ts';

const t = schema.helpArticleTranslations;

export interface HelpSearchInput {
  query: string;
  locale: HelpLocale;
  /** At most 50; 10 when not given. */
  limit?: number;
  /** Prefixed to each result's `url` (e.g. the server's public URL); paths relative to it when not given. */
  baseUrl?: string;
}

export interface HelpSearchResult {
  id: string;
  slug: string;
  locale: HelpLocale;
  title: string;
  excerpt: string;
  url: string;
  /**
   * How well the article answers the query, from 0 to 1: the share of the query's terms found in the article, with
   * a bonus for terms in its title (1 = every term is in the title). A typo-only match (trigram similarity of the
   * title) scores at most 0.3.
   */
  score: number;
}

const EXCERPT_LENGTH = 160;

/**
 * Searches the articles published in one language, for the public search box (results while typing), the widget
 * and the answer bot. Works for Chinese and Japanese (character pairs, no dictionary) and for whole questions: stop
 * words and particles are ignored, and an article matching at least half of the remaining terms is found, best
 * first. When no article matches a word, titles are compared by trigram similarity, so a typo still finds something.
 * Only published translations are ever returned.
 */
export async function searchPublishedArticles(db: Database, scope: Pick<AccountScope, 'accountId'>, input: HelpSearchInput): Promise<HelpSearchResult[]> {
  const limit = Math.min(Math.max(input.limit ?? 10, 1), 50);
  const terms = buildHelpSearchTerms(input.query);
  if (terms.length === 0) return [];
  const [account] = await db.select({ handle: schema.accounts.handle }).from(schema.accounts).where(eq(schema.accounts.id, scope.accountId));
  if (!account) return [];
  const published = and(eq(t.accountId, scope.accountId), eq(t.locale, input.locale), eq(t.status, 'published'));
  const found = await searchByTerms(db, published!, terms, limit);
  const rows = found.length > 0 ? found : await searchByTitleSimilarity(db, published!, input.query, limit);
  const baseUrl = (input.baseUrl ?? '').replace(/\/$/, '');
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    locale: input.locale,
    title: row.title,
    excerpt: row.description || makeExcerpt(markdownToPlainText(row.body), terms),
    url: baseUrl + helpArticlePath(account.handle, input.locale, row.slug),
    score: Math.round(Math.min(1, Math.max(0, Number(row.score))) * 1000) / 1000,
  }));
}

function searchByTerms(db: Database, published: SQL, terms: SearchTerm[], limit: number) {
  const matches = (tsquery: string) => sql`(${t.searchVector} @@ to_tsquery('simple', ${tsquery}))::int`;
  const matched = sql.join(terms.map((term) => matches(renderTerm(term))), sql` + `);
  const inTitle = sql.join(terms.map((term) => matches(renderTerm(term, true))), sql` + `);
  const anyTerm = terms.map((term) => renderTerm(term)).join(' | ');
  const needed = Math.max(1, Math.ceil(terms.length / 2));
  const score = sql<number>`(0.7 * (${matched}) + 0.3 * (${inTitle}))::float8 / ${terms.length}`;
  return db
    .select({ id: t.articleId, slug: t.slug, title: t.title, description: t.description, body: t.body, score })
    .from(t)
    .where(and(published, sql`${t.searchVector} @@ to_tsquery('simple', ${anyTerm})`, sql`(${matched}) >= ${needed}`))
    .orderBy(desc(score), desc(sql`ts_rank(${t.searchVector}, to_tsquery('simple', ${anyTerm}))`), t.title)
    .limit(limit);
}

function searchByTitleSimilarity(db: Database, published: SQL, query: string, limit: number) {
  const q = query.normalize('NFKC').toLowerCase().trim();
  if ([...q].length < 3) return Promise.resolve([]);
  const similarity = sql<number>`greatest(similarity(lower(${t.title}), ${q}), word_similarity(${q}, lower(${t.title})))`;
  return db
    .select({ id: t.articleId, slug: t.slug, title: t.title, description: t.description, body: t.body, score: sql<number>`(${similarity} * 0.3)::float8` })
    .from(t)
    .where(and(published, sql`${similarity} >= 0.35`))
    .orderBy(desc(similarity), t.title)
    .limit(limit);
}

/** A piece of the article's text around the first term found in it, or its beginning. */
function makeExcerpt(text: string, terms: SearchTerm[]): string {
  const haystack = text.normalize('NFKC').toLowerCase();
  const at = terms.map((term) => haystack.indexOf(term.lexeme)).filter((index) => index >= 0).sort((x, y) => x - y)[0] ?? 0;
  const start = Math.max(0, at - 40);
  const from = start === 0 ? 0 : Math.max(start, text.indexOf(' ', start) + 1 || start);
  return `${from > 0 ? '…' : ''}${truncateText(text.slice(from), EXCERPT_LENGTH)}`;
}

/** Remembers a search a visitor ran to its end (not every keystroke), so reports can show the ones that found nothing. */
export async function recordHelpSearch(db: Database, scope: Pick<AccountScope, 'accountId'>, input: { query: string; locale: HelpLocale; resultCount: number }): Promise<void> {
  const query = input.query.trim().slice(0, 200);
  if (!query) return;
  await db.insert(schema.helpSearches).values({ accountId: scope.accountId, query, locale: input.locale, resultCount: input.resultCount });
}
