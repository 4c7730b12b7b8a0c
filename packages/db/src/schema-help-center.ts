/* Tables of the help-center domain (issue 6). Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema.ts';
import type { LocalizedText } from './schema-types.ts';
import { tsvector, id, createdAt, updatedAt, accountRef } from './schema-columns.ts';

export const helpCategories = pgTable('help_categories', {
  id: id(),
  accountId: accountRef(),
  /** In URLs: `/help/<handle>/<locale>/categories/<slug>`; one per account, all locales. */
  slug: text('slug').notNull(),
  names: jsonb('names').$type<LocalizedText>().notNull().default({}),
  descriptions: jsonb('descriptions').$type<LocalizedText>().notNull().default({}),
  /** Display order, smallest first. */
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('help_categories_account_slug_key').on(t.accountId, t.slug), index('help_categories_account_position_idx').on(t.accountId, t.position)]);

export const helpArticles = pgTable('help_articles', {
  id: id(),
  accountId: accountRef(),
  categoryId: uuid('category_id').references(() => helpCategories.id, { onDelete: 'set null' }),
  authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
  /** Related articles an editor picked, in order; shown before other articles of the same category. */
  relatedArticleIds: uuid('related_article_ids').array().notNull().default(sql`'{}'::uuid[]`),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('help_articles_account_category_idx').on(t.accountId, t.categoryId, t.position)]);

/** One article in one language; each translation is drafted and published on its own. */
export const helpArticleTranslations = pgTable('help_article_translations', {
  id: id(),
  accountId: accountRef(),
  articleId: uuid('article_id').notNull().references(() => helpArticles.id, { onDelete: 'cascade' }),
  /** en | ja | zh */
  locale: text('locale').notNull(),
  title: text('title').notNull(),
  /** The meta description and the excerpt in lists. */
  description: text('description').notNull().default(''),
  /** Markdown, rendered and sanitised on the public pages. */
  body: text('body').notNull().default(''),
  /** In URLs: `/help/<handle>/<locale>/articles/<slug>`; one per account and locale. */
  slug: text('slug').notNull(),
  /** draft | published */
  status: text('status').notNull().default('draft'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  /** Who last edited this translation. */
  updatedByUserId: uuid('updated_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  searchVector: tsvector('search_vector').generatedAlwaysAs(
    sql`setweight(to_tsvector('simple', tp_search_text(title)), 'A') || setweight(to_tsvector('simple', tp_search_text(description)), 'B') || setweight(to_tsvector('simple', tp_search_text(body)), 'C')`,
  ),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('help_article_translations_article_locale_key').on(t.articleId, t.locale),
  uniqueIndex('help_article_translations_account_locale_slug_key').on(t.accountId, t.locale, t.slug),
  index('help_article_translations_search_idx').using('gin', t.searchVector),
  index('help_article_translations_title_trgm_idx').using('gin', sql`lower(${t.title}) gin_trgm_ops`),
]);

/** "Was this helpful?": one vote per visitor and article (a later vote replaces it), counted per translation. */
export const helpArticleVotes = pgTable('help_article_votes', {
  id: id(),
  accountId: accountRef(),
  articleId: uuid('article_id').notNull().references(() => helpArticles.id, { onDelete: 'cascade' }),
  locale: text('locale').notNull(),
  /** An opaque id from the visitor's cookie or the widget; never a person's identity. */
  visitorId: text('visitor_id').notNull(),
  helpful: boolean('helpful').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('help_article_votes_article_visitor_key').on(t.articleId, t.visitorId), index('help_article_votes_account_idx').on(t.accountId, t.createdAt)]);

/** Searches visitors ran to the end (results page, widget), so reports can show what found nothing. */
export const helpSearches = pgTable('help_searches', {
  id: id(),
  accountId: accountRef(),
  query: text('query').notNull(),
  locale: text('locale').notNull(),
  resultCount: integer('result_count').notNull(),
  createdAt: createdAt(),
}, (t) => [index('help_searches_account_created_idx').on(t.accountId, t.createdAt)]);

/**
 * Images inserted into articles. Public once uploaded (an article's reader needs no sign-in), at an unguessable id;
 * the bytes live in the file store under `help-center/`, away from conversation attachments and their sweeping.
 */
export const helpImages = pgTable('help_images', {
  id: id(),
  accountId: accountRef(),
  fileName: text('file_name').notNull(),
  /** image/png | image/jpeg | image/gif | image/webp, as read from the file's first bytes. */
  contentType: text('content_type').notNull(),
  byteSize: integer('byte_size').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [index('help_images_account_idx').on(t.accountId, t.createdAt)]);

/** Slugs a translation had before: their URLs answer 301 to the article's current one, so shared links keep working. */
export const helpSlugRedirects = pgTable('help_slug_redirects', {
  accountId: accountRef(),
  locale: text('locale').notNull(),
  slug: text('slug').notNull(),
  articleId: uuid('article_id').notNull().references(() => helpArticles.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('help_slug_redirects_key').on(t.accountId, t.locale, t.slug)]);
