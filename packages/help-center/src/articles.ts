import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { type AccountScope, conflict, forbidden, isAdmin, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { assertCategoryOfAccount } from './categories.ts';
import { HELP_LOCALES, type HelpLocale, isValidSlug, slugify } from './text.ts';

const a = schema.helpArticles;
const t = schema.helpArticleTranslations;

export type HelpArticleStatus = 'draft' | 'published';

export interface HelpTranslationInput {
  title: string;
  description?: string;
  body?: string;
  /** Generated from the title (or another translation's slug) when not given. */
  slug?: string;
  status?: HelpArticleStatus;
}

export interface HelpArticleInput {
  categoryId?: string | null;
  relatedArticleIds?: string[];
  position?: number;
  translations?: Partial<Record<HelpLocale, HelpTranslationInput>>;
}

/** Bodies above this are refused: an article is a page, not a book. */
export const MAX_ARTICLE_BODY_LENGTH = 100_000;

const userIdOf = (scope: AccountScope) => (scope.actor.type === 'user' ? scope.actor.id : null);

/** One article with every translation it has, for the editor. */
export async function getHelpArticle(db: Database, scope: Pick<AccountScope, 'accountId'>, id: string) {
  const u = schema.users;
  const [article] = await db
    .select({ id: a.id, categoryId: a.categoryId, authorUserId: a.authorUserId, authorName: u.name, relatedArticleIds: a.relatedArticleIds, position: a.position, createdAt: a.createdAt, updatedAt: a.updatedAt })
    .from(a)
    .leftJoin(u, eq(u.id, a.authorUserId))
    .where(and(eq(a.accountId, scope.accountId), eq(a.id, id)));
  if (!article) throw notFound('article');
  const rows = await db.select().from(t).where(and(eq(t.accountId, scope.accountId), eq(t.articleId, id)));
  const translations: Partial<Record<HelpLocale, HelpTranslation>> = {};
  for (const row of rows) translations[row.locale as HelpLocale] = toTranslation(row);
  return { ...article, createdAt: article.createdAt.toISOString(), updatedAt: article.updatedAt.toISOString(), translations };
}

export type HelpArticle = Awaited<ReturnType<typeof getHelpArticle>>;

function toTranslation(row: typeof t.$inferSelect) {
  return {
    locale: row.locale as HelpLocale,
    title: row.title,
    description: row.description,
    body: row.body,
    slug: row.slug,
    status: row.status as HelpArticleStatus,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type HelpTranslation = ReturnType<typeof toTranslation>;

/**
 * The account's articles for the console's list, newest edit first: each with its title in `locale` (or another
 * language it has) and, per language, whether it is missing, a draft or published.
 */
export async function listHelpArticles(db: Database, scope: Pick<AccountScope, 'accountId'>, options: { locale?: HelpLocale; categoryId?: string } = {}) {
  const locale = options.locale ?? 'en';
  const articles = await db
    .select({ id: a.id, categoryId: a.categoryId, position: a.position, updatedAt: a.updatedAt })
    .from(a)
    .where(and(eq(a.accountId, scope.accountId), options.categoryId ? eq(a.categoryId, options.categoryId) : undefined))
    .orderBy(desc(a.updatedAt), asc(a.id));
  if (articles.length === 0) return [];
  const translations = await db
    .select({ articleId: t.articleId, locale: t.locale, title: t.title, slug: t.slug, status: t.status, updatedAt: t.updatedAt })
    .from(t)
    .where(and(eq(t.accountId, scope.accountId), inArray(t.articleId, articles.map((row) => row.id))));
  return articles.map((article) => {
    const mine = translations.filter((row) => row.articleId === article.id);
    const shown = mine.find((row) => row.locale === locale) ?? mine.find((row) => row.locale === 'en') ?? mine[0];
    const coverage = Object.fromEntries(HELP_LOCALES.map((l) => [l, (mine.find((row) => row.locale === l)?.status ?? 'missing') as HelpArticleStatus | 'missing'])) as Record<HelpLocale, HelpArticleStatus | 'missing'>;
    const latest = [article.updatedAt, ...mine.map((row) => row.updatedAt)].reduce((x, y) => (y > x ? y : x));
    return { id: article.id, categoryId: article.categoryId, position: article.position, title: shown?.title ?? '', titleLocale: (shown?.locale ?? null) as HelpLocale | null, coverage, updatedAt: latest.toISOString() };
  });
}

async function checkRelated(db: Database, scope: Pick<AccountScope, 'accountId'>, articleId: string | null, ids: string[] | undefined) {
  if (!ids) return undefined;
  const unique = [...new Set(ids)].filter((id) => id !== articleId);
  if (unique.length === 0) return [];
  const found = await db.select({ id: a.id }).from(a).where(and(eq(a.accountId, scope.accountId), inArray(a.id, unique)));
  const known = new Set(found.map((row) => row.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0) throw validationFailed([{ path: 'relatedArticleIds', message: `No such article: ${missing.join(', ')}.` }]);
  return unique;
}

/** Creates an article, authored by the acting user, with the translations given (drafts unless said otherwise). */
export async function createHelpArticle(db: Database, scope: AccountScope, input: HelpArticleInput): Promise<HelpArticle> {
  await assertCategoryOfAccount(db, scope, input.categoryId);
  const related = await checkRelated(db, scope, null, input.relatedArticleIds);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(a)
      .values({ accountId: scope.accountId, categoryId: input.categoryId ?? null, authorUserId: userIdOf(scope), relatedArticleIds: related ?? [], position: input.position ?? 0 })
      .returning({ id: a.id });
    for (const locale of HELP_LOCALES) {
      const translation = input.translations?.[locale];
      if (translation) await writeTranslation(tx, scope, row!.id, locale, translation);
    }
    return row!.id;
  });
  return getHelpArticle(db, scope, id);
}

/** Changes the article's category, related articles or position. */
export async function updateHelpArticle(db: Database, scope: AccountScope, id: string, input: Omit<HelpArticleInput, 'translations'>): Promise<HelpArticle> {
  await getHelpArticle(db, scope, id);
  await assertCategoryOfAccount(db, scope, input.categoryId);
  const related = await checkRelated(db, scope, id, input.relatedArticleIds);
  await db
    .update(a)
    .set({
      ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
      ...(related ? { relatedArticleIds: related } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(a.accountId, scope.accountId), eq(a.id, id)));
  return getHelpArticle(db, scope, id);
}

/** Writes (creates or replaces) one translation of an article. */
export async function saveHelpArticleTranslation(db: Database, scope: AccountScope, id: string, locale: HelpLocale, input: HelpTranslationInput): Promise<HelpArticle> {
  await getHelpArticle(db, scope, id);
  await db.transaction(async (tx) => {
    await writeTranslation(tx, scope, id, locale, input);
    await tx.update(a).set({ updatedAt: new Date() }).where(and(eq(a.accountId, scope.accountId), eq(a.id, id)));
  });
  return getHelpArticle(db, scope, id);
}

async function writeTranslation(tx: Database, scope: AccountScope, articleId: string, locale: HelpLocale, input: HelpTranslationInput) {
  const title = input.title.trim();
  if (!title) throw validationFailed([{ path: 'title', message: 'An article needs a title.' }]);
  if ((input.body ?? '').length > MAX_ARTICLE_BODY_LENGTH) throw validationFailed([{ path: 'body', message: `At most ${MAX_ARTICLE_BODY_LENGTH} characters.` }]);
  const [current] = await tx.select().from(t).where(and(eq(t.articleId, articleId), eq(t.locale, locale)));
  // A new translation takes the slug the article already has in another language (parallel URLs across languages),
  // else one made from its title; a Japanese or Chinese title alone gives none, hence the last resort.
  let slug = input.slug?.trim() || current?.slug || '';
  if (!slug) {
    const [other] = await tx.select({ slug: t.slug }).from(t).where(and(eq(t.articleId, articleId), ne(t.locale, locale))).orderBy(asc(t.createdAt)).limit(1);
    slug = other?.slug || slugify(title) || `article-${articleId.slice(0, 8)}`;
  }
  if (!isValidSlug(slug)) throw validationFailed([{ path: 'slug', message: 'Use lower-case letters, digits and hyphens (at most 100).' }]);
  const [taken] = await tx
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.accountId, scope.accountId), eq(t.locale, locale), eq(t.slug, slug), ne(t.articleId, articleId)));
  if (taken) throw conflict(`Another ${locale} article already uses the slug “${slug}”.`);
  const status = input.status ?? (current?.status as HelpArticleStatus | undefined) ?? 'draft';
  // Agents write and correct articles; putting one on the public site is an admin's decision.
  if (status === 'published' && current?.status !== 'published' && !isAdmin(scope)) throw forbidden('Only admins publish help-center articles.');
  const now = new Date();
  const values = {
    title,
    description: (input.description ?? current?.description ?? '').trim(),
    body: input.body ?? current?.body ?? '',
    slug,
    status,
    publishedAt: status === 'published' ? (current?.status === 'published' ? current.publishedAt : now) : null,
    updatedByUserId: userIdOf(scope),
    updatedAt: now,
  };
  if (current) await tx.update(t).set(values).where(eq(t.id, current.id));
  else await tx.insert(t).values({ ...values, accountId: scope.accountId, articleId, locale });
  await rememberOldSlug(tx, scope, articleId, locale, current?.slug, slug);
  if (status !== (current?.status ?? 'draft')) await recordStatusEvent(tx, scope, articleId, locale, status);
}

/** A changed slug keeps its old URL working (301 to the new one); a slug in use again stops redirecting. */
async function rememberOldSlug(tx: Database, scope: AccountScope, articleId: string, locale: HelpLocale, oldSlug: string | undefined, newSlug: string) {
  const r = schema.helpSlugRedirects;
  await tx.delete(r).where(and(eq(r.accountId, scope.accountId), eq(r.locale, locale), eq(r.slug, newSlug)));
  if (!oldSlug || oldSlug === newSlug) return;
  await tx
    .insert(r)
    .values({ accountId: scope.accountId, locale, slug: oldSlug, articleId })
    .onConflictDoUpdate({ target: [r.accountId, r.locale, r.slug], set: { articleId, createdAt: new Date() } });
}

function recordStatusEvent(tx: Database, scope: AccountScope, articleId: string, locale: HelpLocale, status: HelpArticleStatus) {
  return recordEvents(tx, [{ type: status === 'published' ? 'help_article.published' : 'help_article.unpublished', accountId: scope.accountId, payload: { articleId, locale }, audience: { kind: 'account' } }]);
}

/** Publishes or unpublishes one translation; the others keep their status. */
export async function setHelpArticleStatus(db: Database, scope: AccountScope, id: string, locale: HelpLocale, status: HelpArticleStatus): Promise<HelpArticle> {
  const article = await getHelpArticle(db, scope, id);
  const translation = article.translations[locale];
  if (!translation) throw notFound('translation');
  if (translation.status === status) return article;
  await db.transaction(async (tx) => {
    await tx
      .update(t)
      .set({ status, publishedAt: status === 'published' ? new Date() : null, updatedByUserId: userIdOf(scope) })
      .where(and(eq(t.accountId, scope.accountId), eq(t.articleId, id), eq(t.locale, locale)));
    await recordStatusEvent(tx, scope, id, locale, status);
  });
  return getHelpArticle(db, scope, id);
}

export async function deleteHelpArticleTranslation(db: Database, scope: AccountScope, id: string, locale: HelpLocale): Promise<HelpArticle> {
  const deleted = await db.delete(t).where(and(eq(t.accountId, scope.accountId), eq(t.articleId, id), eq(t.locale, locale))).returning({ id: t.id });
  if (deleted.length === 0) throw notFound('translation');
  return getHelpArticle(db, scope, id);
}

export async function deleteHelpArticle(db: Database, scope: AccountScope, id: string): Promise<void> {
  const deleted = await db.delete(a).where(and(eq(a.accountId, scope.accountId), eq(a.id, id))).returning({ id: a.id });
  if (deleted.length === 0) throw notFound('article');
}
