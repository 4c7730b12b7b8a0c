import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { type HelpLocale, type LocalizedText, markdownToPlainText, pickLocalized, truncateText } from './text.ts';

const a = schema.helpArticles;
const t = schema.helpArticleTranslations;
const c = schema.helpCategories;

/** Where the public pages of an account's help center live, relative to the server's public URL. */
export const helpCenterPath = (handle: string, locale?: HelpLocale) => `/help/${handle}${locale ? `/${locale}` : ''}`;
export const helpArticlePath = (handle: string, locale: HelpLocale, slug: string) => `${helpCenterPath(handle, locale)}/articles/${slug}`;
export const helpCategoryPath = (handle: string, locale: HelpLocale, slug: string) => `${helpCenterPath(handle, locale)}/categories/${slug}`;

/** The account behind a public handle, or null. */
export async function findHelpCenterByHandle(db: Database, handle: string) {
  const [row] = await db.select({ accountId: schema.accounts.id, name: schema.accounts.name, handle: schema.accounts.handle, defaultLocale: schema.accounts.defaultLocale, timeZone: schema.accounts.timeZone }).from(schema.accounts).where(eq(schema.accounts.handle, handle));
  return row ? { ...row, defaultLocale: row.defaultLocale as HelpLocale } : null;
}

export type HelpCenter = NonNullable<Awaited<ReturnType<typeof findHelpCenterByHandle>>>;

async function handleOf(db: Database, accountId: string) {
  const [row] = await db.select({ handle: schema.accounts.handle }).from(schema.accounts).where(eq(schema.accounts.id, accountId));
  return row?.handle ?? '';
}

/** The languages the help center has published anything in, in the product's order. */
export async function listPublishedLocales(db: Database, scope: Pick<AccountScope, 'accountId'>): Promise<HelpLocale[]> {
  const rows = await db.selectDistinct({ locale: t.locale }).from(t).where(and(eq(t.accountId, scope.accountId), eq(t.status, 'published')));
  const have = new Set(rows.map((row) => row.locale));
  return (['en', 'ja', 'zh'] as const).filter((locale) => have.has(locale));
}

/** Categories with at least one article published in `locale`, in order, each with those articles (title, slug). */
export async function listPublishedCategories(db: Database, scope: Pick<AccountScope, 'accountId'>, locale: HelpLocale) {
  const [categories, articles] = await Promise.all([
    db.select().from(c).where(eq(c.accountId, scope.accountId)).orderBy(asc(c.position), asc(c.createdAt)),
    listPublishedArticleRows(db, scope.accountId, locale),
  ]);
  return categories
    .map((category) => ({
      id: category.id,
      slug: category.slug,
      name: pickLocalized(category.names as LocalizedText, locale),
      description: pickLocalized(category.descriptions as LocalizedText, locale),
      articles: articles.filter((article) => article.categoryId === category.id),
    }))
    .filter((category) => category.articles.length > 0);
}

function listPublishedArticleRows(db: Database, accountId: string, locale: HelpLocale, where?: SQL) {
  return db
    .select({ id: a.id, categoryId: a.categoryId, slug: t.slug, title: t.title, description: t.description, updatedAt: t.updatedAt })
    .from(t)
    .innerJoin(a, eq(a.id, t.articleId))
    .where(and(eq(t.accountId, accountId), eq(t.locale, locale), eq(t.status, 'published'), where))
    .orderBy(asc(a.position), asc(t.title));
}

/** One published category by slug with its published articles in `locale`, or null. */
export async function getPublishedCategory(db: Database, scope: Pick<AccountScope, 'accountId'>, locale: HelpLocale, slug: string) {
  return (await listPublishedCategories(db, scope, locale)).find((category) => category.slug === slug) ?? null;
}

/**
 * One published article in one language, found by id or by slug, with what its page needs: category, author, the
 * other languages it is published in (for `hreflang` and the language switcher) and a path. Null when the article
 * does not exist in this account or that translation is not published.
 */
export async function getPublishedArticle(db: Database, scope: Pick<AccountScope, 'accountId'>, input: { locale: HelpLocale } & ({ id: string } | { slug: string })) {
  const u = schema.users;
  const [row] = await db
    .select({
      id: a.id,
      categoryId: a.categoryId,
      relatedArticleIds: a.relatedArticleIds,
      authorName: u.name,
      slug: t.slug,
      title: t.title,
      description: t.description,
      body: t.body,
      publishedAt: t.publishedAt,
      updatedAt: t.updatedAt,
    })
    .from(t)
    .innerJoin(a, eq(a.id, t.articleId))
    .leftJoin(u, eq(u.id, a.authorUserId))
    .where(and(eq(t.accountId, scope.accountId), eq(t.locale, input.locale), eq(t.status, 'published'), 'id' in input ? eq(t.articleId, input.id) : eq(t.slug, input.slug)));
  if (!row) return null;
  const [handle, others, category] = await Promise.all([
    handleOf(db, scope.accountId),
    db.select({ locale: t.locale, slug: t.slug }).from(t).where(and(eq(t.accountId, scope.accountId), eq(t.articleId, row.id), eq(t.status, 'published'))),
    row.categoryId ? db.select().from(c).where(and(eq(c.accountId, scope.accountId), eq(c.id, row.categoryId))).then((rows) => rows[0]) : undefined,
  ]);
  return {
    id: row.id,
    locale: input.locale,
    slug: row.slug,
    title: row.title,
    description: row.description || truncateText(markdownToPlainText(row.body), 160),
    /** Markdown, as written: render it with renderArticleMarkdown(). */
    body: row.body,
    authorName: row.authorName ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    url: helpArticlePath(handle, input.locale, row.slug),
    category: category ? { id: category.id, slug: category.slug, name: pickLocalized(category.names as LocalizedText, input.locale) } : null,
    relatedArticleIds: row.relatedArticleIds,
    /** Every language this article is published in, this one included. */
    translations: others.map((other) => ({ locale: other.locale as HelpLocale, slug: other.slug, url: helpArticlePath(handle, other.locale as HelpLocale, other.slug) })),
  };
}

export type PublishedArticle = NonNullable<Awaited<ReturnType<typeof getPublishedArticle>>>;

/** Up to `limit` related articles published in the article's language: the editor's picks first, then the same category's. */
export async function listRelatedArticles(db: Database, scope: Pick<AccountScope, 'accountId'>, article: Pick<PublishedArticle, 'id' | 'locale' | 'category' | 'relatedArticleIds'>, limit = 5) {
  const categoryId = article.category?.id;
  const handle = await handleOf(db, scope.accountId);
  const picked = article.relatedArticleIds.length > 0 ? await listPublishedArticleRows(db, scope.accountId, article.locale, inArray(a.id, article.relatedArticleIds)) : [];
  const ordered = article.relatedArticleIds.map((id) => picked.find((row) => row.id === id)).filter((row) => row !== undefined);
  const sameCategory = categoryId ? await listPublishedArticleRows(db, scope.accountId, article.locale, and(eq(a.categoryId, categoryId), ne(a.id, article.id))) : [];
  const seen = new Set<string>([article.id]);
  const related = [];
  for (const row of [...ordered, ...sameCategory]) {
    if (seen.has(row.id) || related.length >= limit) continue;
    seen.add(row.id);
    related.push({ id: row.id, slug: row.slug, title: row.title, url: helpArticlePath(handle, article.locale, row.slug) });
  }
  return related;
}

/** Every published page of the help center (articles per language, categories per language) for sitemap.xml. */
export async function listHelpSitemapEntries(db: Database, scope: Pick<AccountScope, 'accountId'>) {
  const rows = await db
    .select({ articleId: t.articleId, locale: t.locale, slug: t.slug, updatedAt: t.updatedAt })
    .from(t)
    .where(and(eq(t.accountId, scope.accountId), eq(t.status, 'published')))
    .orderBy(desc(t.updatedAt));
  return rows.map((row) => ({ ...row, locale: row.locale as HelpLocale, updatedAt: row.updatedAt.toISOString() }));
}

/** The newest published articles in `locale`, for the home page when nothing is categorised. */
export async function listRecentPublishedArticles(db: Database, scope: Pick<AccountScope, 'accountId'>, locale: HelpLocale, limit = 10) {
  return db
    .select({ id: t.articleId, slug: t.slug, title: t.title })
    .from(t)
    .where(and(eq(t.accountId, scope.accountId), eq(t.locale, locale), eq(t.status, 'published')))
    .orderBy(desc(sql`${t.updatedAt}`))
    .limit(limit);
}

/** Handles of the help centers with anything published, for the server's robots.txt. */
export async function listPublicHelpCenterHandles(db: Database, limit = 1000) {
  const rows = await db
    .selectDistinct({ handle: schema.accounts.handle })
    .from(schema.accounts)
    .innerJoin(t, and(eq(t.accountId, schema.accounts.id), eq(t.status, 'published')))
    .orderBy(schema.accounts.handle)
    .limit(limit);
  return rows.map((row) => row.handle);
}

/**
 * What the chat widget needs to offer the help center: the handle (its public JSON API is `/api/v1/help/<handle>/…`)
 * and the languages with published articles; null when nothing is published, so the widget shows no help tab.
 */
export async function describeHelpCenterForWidget(db: Database, accountId: string) {
  const locales = await listPublishedLocales(db, { accountId });
  if (locales.length === 0) return null;
  const handle = await handleOf(db, accountId);
  return { handle, locales, searchPath: `/api/v1/help/${handle}/search`, articlesPath: `/api/v1/help/${handle}/articles` };
}

/** Where an old slug of a translation now lives (its current published URL), or null. */
export async function findHelpSlugRedirect(db: Database, scope: Pick<AccountScope, 'accountId'>, locale: HelpLocale, slug: string): Promise<string | null> {
  const r = schema.helpSlugRedirects;
  const [row] = await db.select({ articleId: r.articleId }).from(r).where(and(eq(r.accountId, scope.accountId), eq(r.locale, locale), eq(r.slug, slug)));
  if (!row) return null;
  return (await getPublishedArticle(db, scope, { locale, id: row.articleId }))?.url ?? null;
}

/** The same slug published in other languages (translations share their article's slug), for a page missing in one. */
export async function listOtherLanguagesOfSlug(db: Database, scope: Pick<AccountScope, 'accountId'>, locale: HelpLocale, slug: string) {
  const rows = await db
    .select({ locale: t.locale, title: t.title })
    .from(t)
    .where(and(eq(t.accountId, scope.accountId), eq(t.slug, slug), ne(t.locale, locale), eq(t.status, 'published')));
  const handle = await handleOf(db, scope.accountId);
  return rows.map((row) => ({ locale: row.locale as HelpLocale, title: row.title, url: helpArticlePath(handle, row.locale as HelpLocale, slug) }));
}
