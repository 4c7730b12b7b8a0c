import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError } from '@touchpoint/core';
import { createDiskFileStore } from '@touchpoint/conversations';
import {
  createHelpArticle, createHelpCategory, deleteHelpArticle, deleteHelpArticleTranslation, deleteHelpCategory, getHelpArticle, getHelpCenterSettings,
  type HelpImageStore, listHelpArticles, listHelpCategories, listHelpfulVoteCounts, listSearchesWithoutResults, MAX_HELP_IMAGE_BYTES, renderArticleMarkdown,
  reorderHelpCategories, saveHelpArticleTranslation, setHelpArticleStatus, updateAccountHandle, updateHelpArticle, updateHelpCategory, uploadHelpImage,
} from '@touchpoint/help-center';
import { defineRoute } from '../http/route.ts';
import type { Services } from '../services.ts';
import { AccountParamsSchema, accountParamsWith, IsoDateSchema, LocaleSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Help center'];
const BASE = '/api/v1/accounts/:accountId/help-center';

const LocalizedTextSchema = z.strictObject({ en: z.string().max(200).optional(), ja: z.string().max(200).optional(), zh: z.string().max(200).optional() });
const LocalizedDescriptionSchema = z.strictObject({ en: z.string().max(500).optional(), ja: z.string().max(500).optional(), zh: z.string().max(500).optional() });
const SlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and hyphens').max(100);
const StatusSchema = z.enum(['draft', 'published']);
const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-23');

const CategorySchema = z.object({ id: z.string(), slug: z.string(), names: LocalizedTextSchema, descriptions: LocalizedDescriptionSchema, position: z.number(), articleCount: z.number(), updatedAt: IsoDateSchema });
const CategoryBodySchema = z.strictObject({ slug: SlugSchema.optional(), names: LocalizedTextSchema, descriptions: LocalizedDescriptionSchema.optional(), position: z.number().int().min(0).max(10_000).optional() });

const TranslationBodySchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().max(500).optional(),
  body: z.string().max(100_000).optional(),
  slug: SlugSchema.optional(),
  status: StatusSchema.optional(),
});
const TranslationSchema = z.object({ locale: LocaleSchema, title: z.string(), description: z.string(), body: z.string(), slug: z.string(), status: StatusSchema, publishedAt: IsoDateSchema.nullable(), updatedAt: IsoDateSchema });
const ArticleSchema = z.object({
  id: z.string(),
  categoryId: z.string().nullable(),
  authorUserId: z.string().nullable(),
  authorName: z.string().nullable(),
  relatedArticleIds: z.array(z.string()),
  position: z.number(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
  translations: z.object({ en: TranslationSchema.optional(), ja: TranslationSchema.optional(), zh: TranslationSchema.optional() }),
});
const CoverageSchema = z.enum(['draft', 'published', 'missing']);
const ArticleListItemSchema = z.object({
  id: z.string(), categoryId: z.string().nullable(), position: z.number(), title: z.string(), titleLocale: LocaleSchema.nullable(),
  coverage: z.object({ en: CoverageSchema, ja: CoverageSchema, zh: CoverageSchema }), updatedAt: IsoDateSchema,
});
const ArticleBodySchema = z.strictObject({
  categoryId: UuidSchema.nullable().optional(),
  relatedArticleIds: z.array(UuidSchema).max(20).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
const TranslationParamsSchema = z.strictObject({ accountId: UuidSchema, articleId: UuidSchema, locale: LocaleSchema });
const SettingsSchema = z.object({ handle: z.string(), defaultLocale: z.string(), publishedLocales: z.array(LocaleSchema), path: z.string() });

const storeByDir = new Map<string, HelpImageStore>();
/** Article images live under the file store's `help-center/` folder, apart from attachments (which are swept). */
export function helpImageStoreOf(services: Services): HelpImageStore {
  const dir = join(services.config.files.dir, 'help-center');
  let store = storeByDir.get(dir);
  if (!store) storeByDir.set(dir, (store = createDiskFileStore(dir)));
  return store;
}

async function* readUpload(file: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk as Buffer;
  } catch (error) {
    throw new AppError('malformed_body', 'Malformed body', `The upload could not be read: ${(error as Error).message}`);
  }
}

export const helpCenterRoutes = [
  defineRoute({
    method: 'GET', url: `${BASE}/settings`, auth: 'account', summary: 'The help center’s public handle and the languages it has published', tags: TAGS,
    params: AccountParamsSchema, response: SettingsSchema,
    handler: (_input, { services, scope }) => getHelpCenterSettings(services.db, scope),
  }),
  defineRoute({
    method: 'PATCH', url: `${BASE}/settings`, auth: 'admin', summary: 'Change the account’s public handle (moves /help/<handle> and /portal/<handle>; 409 when taken)', tags: TAGS,
    params: AccountParamsSchema, body: z.strictObject({ handle: z.string().max(40) }), response: SettingsSchema,
    handler: ({ body }, { services, scope }) => updateAccountHandle(services.db, scope, body.handle),
  }),
  defineRoute({
    method: 'GET', url: `${BASE}/categories`, auth: 'account', summary: 'Categories in display order, with article counts', tags: TAGS,
    params: AccountParamsSchema, response: z.array(CategorySchema),
    handler: (_input, { services, scope }) => listHelpCategories(services.db, scope),
  }),
  defineRoute({
    method: 'POST', url: `${BASE}/categories`, auth: 'admin', summary: 'Add a category (names per language; slug from the name when not given)', tags: TAGS,
    params: AccountParamsSchema, body: CategoryBodySchema, response: CategorySchema, status: 201,
    handler: ({ body }, { services, scope }) => createHelpCategory(services.db, scope, body),
  }),
  defineRoute({
    method: 'PUT', url: `${BASE}/categories/order`, auth: 'admin', summary: 'Put the categories in this order (every category once)', tags: TAGS,
    params: AccountParamsSchema, body: z.strictObject({ ids: z.array(UuidSchema).max(500) }), response: z.array(CategorySchema),
    handler: ({ body }, { services, scope }) => reorderHelpCategories(services.db, scope, body.ids),
  }),
  defineRoute({
    method: 'PATCH', url: `${BASE}/categories/:categoryId`, auth: 'admin', summary: 'Rename, describe, re-slug or move a category', tags: TAGS,
    params: accountParamsWith('categoryId'), body: CategoryBodySchema.partial(), response: CategorySchema,
    handler: ({ params, body }, { services, scope }) => updateHelpCategory(services.db, scope, params.categoryId, body),
  }),
  defineRoute({
    method: 'DELETE', url: `${BASE}/categories/:categoryId`, auth: 'admin', summary: 'Delete a category (its articles stay, uncategorised)', tags: TAGS,
    params: accountParamsWith('categoryId'),
    handler: ({ params }, { services, scope }) => deleteHelpCategory(services.db, scope, params.categoryId),
  }),
  defineRoute({
    method: 'GET', url: `${BASE}/articles`, auth: 'account', summary: 'Articles, last edited first, each with its title in `locale` and its status per language', tags: TAGS,
    params: AccountParamsSchema, query: z.strictObject({ locale: LocaleSchema.optional(), categoryId: UuidSchema.optional() }), response: z.array(ArticleListItemSchema),
    handler: ({ query }, { services, scope }) => listHelpArticles(services.db, scope, query),
  }),
  defineRoute({
    method: 'POST', url: `${BASE}/articles`, auth: 'account', summary: 'Write an article (you are its author), with any of its translations', tags: TAGS,
    params: AccountParamsSchema,
    body: ArticleBodySchema.extend({ translations: z.strictObject({ en: TranslationBodySchema.optional(), ja: TranslationBodySchema.optional(), zh: TranslationBodySchema.optional() }).optional() }),
    response: ArticleSchema, status: 201,
    handler: ({ body }, { services, scope }) => createHelpArticle(services.db, scope, body),
  }),
  defineRoute({
    method: 'GET', url: `${BASE}/articles/:articleId`, auth: 'account', summary: 'An article with all its translations', tags: TAGS,
    params: accountParamsWith('articleId'), response: ArticleSchema,
    handler: ({ params }, { services, scope }) => getHelpArticle(services.db, scope, params.articleId),
  }),
  defineRoute({
    method: 'PATCH', url: `${BASE}/articles/:articleId`, auth: 'account', summary: 'Change an article’s category, related articles or position', tags: TAGS,
    params: accountParamsWith('articleId'), body: ArticleBodySchema, response: ArticleSchema,
    handler: ({ params, body }, { services, scope }) => updateHelpArticle(services.db, scope, params.articleId, body),
  }),
  defineRoute({
    method: 'DELETE', url: `${BASE}/articles/:articleId`, auth: 'admin', summary: 'Delete an article in every language', tags: TAGS,
    params: accountParamsWith('articleId'),
    handler: ({ params }, { services, scope }) => deleteHelpArticle(services.db, scope, params.articleId),
  }),
  defineRoute({
    method: 'PUT', url: `${BASE}/articles/:articleId/translations/:locale`, auth: 'account', summary: 'Write one translation (title, description, Markdown body, slug); a draft unless `status` says otherwise', tags: TAGS,
    params: TranslationParamsSchema, body: TranslationBodySchema, response: ArticleSchema,
    handler: ({ params, body }, { services, scope }) => saveHelpArticleTranslation(services.db, scope, params.articleId, params.locale, body),
  }),
  defineRoute({
    method: 'DELETE', url: `${BASE}/articles/:articleId/translations/:locale`, auth: 'admin', summary: 'Remove one translation', tags: TAGS,
    params: TranslationParamsSchema, response: ArticleSchema,
    handler: ({ params }, { services, scope }) => deleteHelpArticleTranslation(services.db, scope, params.articleId, params.locale),
  }),
  defineRoute({
    method: 'POST', url: `${BASE}/articles/:articleId/translations/:locale/publish`, auth: 'admin', summary: 'Publish one translation on the public help center', tags: TAGS,
    params: TranslationParamsSchema, response: ArticleSchema,
    handler: ({ params }, { services, scope }) => setHelpArticleStatus(services.db, scope, params.articleId, params.locale, 'published'),
  }),
  defineRoute({
    method: 'POST', url: `${BASE}/articles/:articleId/translations/:locale/unpublish`, auth: 'admin', summary: 'Take one translation off the public help center (back to draft)', tags: TAGS,
    params: TranslationParamsSchema, response: ArticleSchema,
    handler: ({ params }, { services, scope }) => setHelpArticleStatus(services.db, scope, params.articleId, params.locale, 'draft'),
  }),
  defineRoute({
    method: 'POST', url: `${BASE}/preview`, auth: 'account', summary: 'Markdown rendered exactly as the public page will show it (sanitised HTML)', tags: TAGS,
    params: AccountParamsSchema, body: z.strictObject({ body: z.string().max(100_000) }), response: z.object({ html: z.string() }),
    handler: async ({ body }) => ({ html: renderArticleMarkdown(body.body) }),
  }),
  defineRoute({
    method: 'POST', url: `${BASE}/images`, auth: 'account',
    summary: `Upload an image for articles (multipart/form-data, one part named \`file\`): PNG, JPEG, GIF or WebP, at most ${MAX_HELP_IMAGE_BYTES / 1024 / 1024} MB; its URL is public`,
    tags: TAGS, params: AccountParamsSchema,
    multipartBody: z.object({ file: z.file().describe('the image') }),
    response: z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), byteSize: z.number(), url: z.string() }), status: 201,
    handler: async (_input, { services, scope, request }) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Unsupported media type', 'Send the image as multipart/form-data.');
      const maxBytes = Math.min(MAX_HELP_IMAGE_BYTES, services.config.files.maxBytes);
      const part = await request.file({ limits: { files: 1, fileSize: maxBytes + 1 }, throwFileSizeLimit: false });
      if (!part) throw new AppError('validation_failed', 'Invalid request', 'file: is missing', { errors: [{ path: 'file', message: 'is missing' }] });
      return uploadHelpImage(services.db, helpImageStoreOf(services), scope, { fileName: part.filename, content: readUpload(part.file) }, maxBytes);
    },
  }),
  defineRoute({
    method: 'GET', url: `${BASE}/reports`, auth: 'account', summary: 'Helpful / not helpful votes per article and language, and searches that found nothing, from `from` to `to` (dates, UTC) or over the last `days` days (30)', tags: TAGS,
    params: AccountParamsSchema, query: z.strictObject({ days: z.coerce.number().int().min(1).max(366).optional(), from: DateSchema.optional(), to: DateSchema.optional() }),
    response: z.object({
      votes: z.array(z.object({ articleId: z.string(), locale: LocaleSchema, title: z.string(), helpful: z.number(), notHelpful: z.number() })),
      missedSearches: z.array(z.object({ query: z.string(), locale: LocaleSchema, searches: z.number(), lastSearchedAt: IsoDateSchema })),
    }),
    handler: async ({ query }, { services, scope }) => {
      const since = query.from ? new Date(`${query.from}T00:00:00Z`) : new Date(Date.now() - (query.days ?? 30) * 86_400_000);
      const until = query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000) : undefined;
      const [votes, missedSearches] = await Promise.all([listHelpfulVoteCounts(services.db, scope, since, until), listSearchesWithoutResults(services.db, scope, since, until)]);
      return { votes, missedSearches };
    },
  }),
];
