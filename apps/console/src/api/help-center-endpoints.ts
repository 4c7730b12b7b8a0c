import { buildQuery, requestJson, uploadFile } from './client.ts';
import type { Locale } from './types.ts';

/** The help center: categories, articles with one translation per language, images, settings and reports. */

export type LocalizedText = Partial<Record<Locale, string>>;
export type HelpStatus = 'draft' | 'published';

export interface HelpCategory {
  id: string;
  slug: string;
  names: LocalizedText;
  descriptions: LocalizedText;
  position: number;
  articleCount: number;
  updatedAt: string;
}

export interface HelpTranslation {
  locale: Locale;
  title: string;
  description: string;
  body: string;
  slug: string;
  status: HelpStatus;
  publishedAt: string | null;
  updatedAt: string;
}

export interface HelpArticle {
  id: string;
  categoryId: string | null;
  authorUserId: string | null;
  authorName: string | null;
  relatedArticleIds: string[];
  position: number;
  createdAt: string;
  updatedAt: string;
  translations: Partial<Record<Locale, HelpTranslation>>;
}

export interface HelpArticleListItem {
  id: string;
  categoryId: string | null;
  position: number;
  title: string;
  titleLocale: Locale | null;
  coverage: Record<Locale, HelpStatus | 'missing'>;
  updatedAt: string;
}

export interface HelpCenterSettings {
  handle: string;
  defaultLocale: string;
  publishedLocales: Locale[];
  path: string;
}

export interface HelpTranslationInput {
  title: string;
  description?: string;
  body?: string;
  slug?: string;
  status?: HelpStatus;
}

export interface HelpCenterReport {
  votes: { articleId: string; locale: Locale; title: string; helpful: number; notHelpful: number }[];
  missedSearches: { query: string; locale: Locale; searches: number; lastSearchedAt: string }[];
}

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/help-center`;
const article = (accountId: string, articleId: string) => `${base(accountId)}/articles/${encodeURIComponent(articleId)}`;

export const getHelpCenterSettings = (accountId: string, signal?: AbortSignal) => requestJson<HelpCenterSettings>('GET', `${base(accountId)}/settings`, { signal });
export const updateHelpCenterHandle = (accountId: string, handle: string) => requestJson<HelpCenterSettings>('PATCH', `${base(accountId)}/settings`, { body: { handle } });

export const listHelpCategories = (accountId: string, signal?: AbortSignal) => requestJson<HelpCategory[]>('GET', `${base(accountId)}/categories`, { signal });
export const createHelpCategory = (accountId: string, body: { names: LocalizedText; descriptions?: LocalizedText; slug?: string }) =>
  requestJson<HelpCategory>('POST', `${base(accountId)}/categories`, { body });
export const updateHelpCategory = (accountId: string, categoryId: string, body: { names?: LocalizedText; descriptions?: LocalizedText; slug?: string }) =>
  requestJson<HelpCategory>('PATCH', `${base(accountId)}/categories/${encodeURIComponent(categoryId)}`, { body });
export const deleteHelpCategory = (accountId: string, categoryId: string) => requestJson<void>('DELETE', `${base(accountId)}/categories/${encodeURIComponent(categoryId)}`);
export const reorderHelpCategories = (accountId: string, ids: string[]) => requestJson<HelpCategory[]>('PUT', `${base(accountId)}/categories/order`, { body: { ids } });

export const listHelpArticles = (accountId: string, params: { locale?: Locale; categoryId?: string }, signal?: AbortSignal) =>
  requestJson<HelpArticleListItem[]>('GET', `${base(accountId)}/articles${buildQuery({ ...params })}`, { signal });
export const getHelpArticle = (accountId: string, articleId: string, signal?: AbortSignal) => requestJson<HelpArticle>('GET', article(accountId, articleId), { signal });
export const createHelpArticle = (accountId: string, body: { categoryId?: string | null; translations?: Partial<Record<Locale, HelpTranslationInput>> }) =>
  requestJson<HelpArticle>('POST', `${base(accountId)}/articles`, { body });
export const updateHelpArticle = (accountId: string, articleId: string, body: { categoryId?: string | null; relatedArticleIds?: string[]; position?: number }) =>
  requestJson<HelpArticle>('PATCH', article(accountId, articleId), { body });
export const deleteHelpArticle = (accountId: string, articleId: string) => requestJson<void>('DELETE', article(accountId, articleId));
export const saveHelpTranslation = (accountId: string, articleId: string, locale: Locale, body: HelpTranslationInput) =>
  requestJson<HelpArticle>('PUT', `${article(accountId, articleId)}/translations/${locale}`, { body });
export const setHelpTranslationPublished = (accountId: string, articleId: string, locale: Locale, published: boolean) =>
  requestJson<HelpArticle>('POST', `${article(accountId, articleId)}/translations/${locale}/${published ? 'publish' : 'unpublish'}`);
export const previewHelpMarkdown = (accountId: string, body: string, signal?: AbortSignal) => requestJson<{ html: string }>('POST', `${base(accountId)}/preview`, { body: { body }, signal });
export const uploadHelpImage = (accountId: string, file: File) => uploadFile<{ id: string; url: string; fileName: string }>(`${base(accountId)}/images`, file);
export const getHelpCenterReport = (accountId: string, range: { from: string; to: string }, signal?: AbortSignal) => requestJson<HelpCenterReport>('GET', `${base(accountId)}/reports${buildQuery({ from: range.from, to: range.to })}`, { signal });
