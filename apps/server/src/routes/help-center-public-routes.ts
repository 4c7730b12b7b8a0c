import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Locale, LOCALES, notFound } from '@touchpoint/core';
import {
  findHelpCenterByHandle, findHelpSlugRedirect, getPublishedArticle, listOtherLanguagesOfSlug, getPublishedCategory, type HelpCenter, listHelpSitemapEntries, listPublishedCategories, listPublishedLocales,
  listPublicHelpCenterHandles, listRecentPublishedArticles, listRelatedArticles, openHelpImage, recordHelpfulVote, recordHelpSearch, renderArticleMarkdown, searchPublishedArticles,
} from '@touchpoint/help-center';
import { createFixedWindowLimiter } from '../http/fixed-window-limiter.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { defineRoute, registerRoutes } from '../http/route.ts';
import { HELP_COPY, negotiateLocale } from '../pages/help-center-copy.ts';
import { HELP_PAGE_SECURITY, type HelpSite } from '../pages/help-center-page.ts';
import { type ArticleState, renderArticlePage, renderCategoryPage, renderHomePage, renderNotFoundPage, renderSearchPage } from '../pages/help-center-views.ts';
import type { Services } from '../services.ts';
import { helpImageStoreOf } from './help-center-routes.ts';
import { LocaleSchema, UuidSchema } from './schemas.ts';

/** Public requests per minute, per client address and help center. */
export const HELP_LIMITS_PER_MINUTE = { search: 120, article: 120, vote: 30 };

const VISITOR_COOKIE = 'tp_help_visitor';
/** The language a visitor chose with the switcher; read only by the `/help/<handle>` redirect. */
const LOCALE_COOKIE = 'tp_help_locale';
/** Pages change when an article is edited: a minute in caches, then revalidated in the background. */
const PAGE_CACHE = 'public, max-age=60, stale-while-revalidate=600';
const HandleSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/, 'not a help-center handle');

const helpCenterByRequest = new WeakMap<FastifyRequest, HelpCenter>();
const helpCenterOf = (request: FastifyRequest) => helpCenterByRequest.get(request)!;

const ResultSchema = z.object({ id: z.string(), slug: z.string(), locale: LocaleSchema, title: z.string(), excerpt: z.string(), url: z.string(), score: z.number() });

/** The JSON side of the public help center: search as you type (the site, the widget), one article, votes. No auth, CORS open. */
export const helpCenterPublicRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/help/:handle/search', auth: 'public', summary: 'Search the published articles of a help center in one language (results while typing; `record=true` when the visitor finished typing, for reports)', tags: ['Help center (public)'],
    params: z.strictObject({ handle: HandleSchema }),
    query: z.strictObject({ q: z.string().max(200), locale: LocaleSchema, limit: z.coerce.number().int().min(1).max(20).optional(), record: z.enum(['true', 'false']).optional() }),
    response: z.object({ results: z.array(ResultSchema) }),
    handler: async ({ query }, { services, request }) => {
      const center = helpCenterOf(request);
      const results = await searchPublishedArticles(services.db, center, { query: query.q, locale: query.locale, limit: query.limit ?? 8 });
      if (query.record === 'true') await recordHelpSearch(services.db, center, { query: query.q, locale: query.locale, resultCount: results.length });
      return { results };
    },
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/help/:handle/articles/:articleId', auth: 'public', summary: 'One published article in one language, its body as sanitised HTML (for the widget)', tags: ['Help center (public)'],
    params: z.strictObject({ handle: HandleSchema, articleId: UuidSchema }), query: z.strictObject({ locale: LocaleSchema }),
    response: z.object({ id: z.string(), locale: LocaleSchema, slug: z.string(), title: z.string(), description: z.string(), html: z.string(), url: z.string(), authorName: z.string().nullable(), updatedAt: z.string(), related: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), url: z.string() })) }),
    handler: async ({ params, query }, { services, request }) => {
      const center = helpCenterOf(request);
      const article = await getPublishedArticle(services.db, center, { locale: query.locale, id: params.articleId });
      if (!article) throw notFound('article');
      const related = await listRelatedArticles(services.db, center, article);
      return { id: article.id, locale: article.locale, slug: article.slug, title: article.title, description: article.description, html: renderArticleMarkdown(article.body), url: article.url, authorName: article.authorName, updatedAt: article.updatedAt, related };
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/help/:handle/articles/:articleId/votes', auth: 'public', summary: '“Was this helpful?” — one vote per visitor and article (a later one replaces it)', tags: ['Help center (public)'],
    params: z.strictObject({ handle: HandleSchema, articleId: UuidSchema }),
    body: z.strictObject({ locale: LocaleSchema, visitorId: z.string().min(8).max(100), helpful: z.boolean() }),
    handler: async ({ params, body }, { services, request }) => {
      await recordHelpfulVote(services.db, helpCenterOf(request), { articleId: params.articleId, ...body });
    },
  }),
];

function sendHtml(reply: FastifyReply, html: string, status = 200, cache = PAGE_CACHE) {
  return reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', HELP_PAGE_SECURITY).header('x-content-type-options', 'nosniff').header('cache-control', cache).header('vary', 'accept-encoding').send(html);
}

const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

/**
 * The public help center, server-rendered at `/help/<handle>/<locale>/...`: home, category, article, search results,
 * sitemap.xml, images; `/help/<handle>` picks the language from Accept-Language. Works without JavaScript (the vote
 * is a form); the search box lists results while typing with a few lines of inline script.
 */
export function registerHelpCenterPages(app: FastifyInstance, services: Services) {
  const limit = createFixedWindowLimiter(HELP_LIMITS_PER_MINUTE);

  // The JSON API: found by handle, open to any origin (published content only, no cookies), rate-limited per address.
  void app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      reply.header('access-control-allow-origin', '*');
      if (request.method === 'OPTIONS') return;
      const { handle } = request.params as { handle?: string };
      const center = handle ? await findHelpCenterByHandle(services.db, handle) : null;
      if (!center) throw notFound('help center');
      helpCenterByRequest.set(request, center);
      const action = request.method === 'POST' ? 'vote' : request.url.includes('/search') ? 'search' : 'article';
      limit(action, request.ip, center.accountId);
    });
    scope.options('/api/v1/help/:handle/*', { schema: { hide: true } }, async (_request, reply) => reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '600')
      .send());
    registerRoutes(scope, services, helpCenterPublicRoutes);
  });

  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    async function siteOf(request: FastifyRequest, locale: Locale): Promise<HelpSite | null> {
      const { handle } = request.params as { handle: string };
      const center = await findHelpCenterByHandle(services.db, handle);
      if (!center) return null;
      const locales = await listPublishedLocales(services.db, center);
      return { name: center.name, handle: center.handle, locale, locales: locales.length > 0 ? locales : [center.defaultLocale], origin: publicBaseUrl(request, services.config).origin, timeZone: center.timeZone, copy: HELP_COPY[locale] };
    }

    async function notFoundPage(request: FastifyRequest, reply: FastifyReply, locale: Locale = 'en', elsewhere: Parameters<typeof renderNotFoundPage>[1] = []) {
      const site = await siteOf(request, locale);
      if (!site) return reply.code(404).type('text/plain; charset=utf-8').send('No such help center.');
      return sendHtml(reply, renderNotFoundPage(site, elsewhere), 404, 'no-cache');
    }

    scope.get('/help/:handle', { schema: { hide: true } }, async (request, reply) => {
      const { handle } = request.params as { handle: string };
      const center = await findHelpCenterByHandle(services.db, handle);
      if (!center) return notFoundPage(request, reply);
      const locales = await listPublishedLocales(services.db, center);
      const available = locales.length > 0 ? locales : [center.defaultLocale];
      const chosen = request.cookies[LOCALE_COOKIE];
      const locale = chosen && available.includes(chosen as Locale) ? (chosen as Locale) : negotiateLocale(request.headers['accept-language'], available, center.defaultLocale);
      return reply.header('vary', 'accept-language').header('cache-control', 'private, max-age=0').redirect(`/help/${center.handle}/${locale}`, 302);
    });

    scope.get('/help/:handle/language', { schema: { hide: true } }, async (request, reply) => {
      const { handle } = request.params as { handle: string };
      const to = String((request.query as { to?: unknown }).to ?? '');
      // Only pages of this help center: never a way to send someone elsewhere.
      const match = new RegExp(`^/help/${handle.replace(/[^a-z0-9-]/g, '')}/(en|ja|zh)(/[a-z0-9/-]*)?(\\?[A-Za-z0-9%=&._~+-]*)?$`).exec(to);
      if (!match) return reply.code(400).type('text/plain; charset=utf-8').send('Not a page of this help center.');
      reply.setCookie(LOCALE_COOKIE, match[1]!, { path: `/help/${handle}`, httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: 365 * 86_400 });
      return reply.header('cache-control', 'no-store').redirect(to, 302);
    });

    scope.get('/help/:handle/sitemap.xml', { schema: { hide: true } }, async (request, reply) => {
      const { handle } = request.params as { handle: string };
      const center = await findHelpCenterByHandle(services.db, handle);
      if (!center) return reply.code(404).type('text/plain; charset=utf-8').send('No such help center.');
      const origin = publicBaseUrl(request, services.config).origin;
      const [entries, locales] = await Promise.all([listHelpSitemapEntries(services.db, center), listPublishedLocales(services.db, center)]);
      const byArticle = new Map<string, typeof entries>();
      for (const entry of entries) byArticle.set(entry.articleId, [...(byArticle.get(entry.articleId) ?? []), entry]);
      const tag: Record<Locale, string> = { en: 'en', ja: 'ja', zh: 'zh-CN' };
      const xmlEscape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
      // Categories per language, each with the languages it has published articles in.
      const categoryLocales = new Map<string, Locale[]>();
      for (const locale of locales) {
        for (const category of await listPublishedCategories(services.db, center, locale)) categoryLocales.set(category.slug, [...(categoryLocales.get(category.slug) ?? []), locale]);
      }
      const categoryUrls = [...categoryLocales].flatMap(([slug, inLocales]) => inLocales.map((locale) =>
        `<url><loc>${xmlEscape(`${origin}/help/${center.handle}/${locale}/categories/${slug}`)}</loc>${inLocales.map((other) => `<xhtml:link rel="alternate" hreflang="${tag[other]}" href="${xmlEscape(`${origin}/help/${center.handle}/${other}/categories/${slug}`)}"/>`).join('')}</url>`));
      const urls = [
        ...categoryUrls,
        ...locales.map((locale) => `<url><loc>${xmlEscape(`${origin}/help/${center.handle}/${locale}`)}</loc>${locales.map((other) => `<xhtml:link rel="alternate" hreflang="${tag[other]}" href="${xmlEscape(`${origin}/help/${center.handle}/${other}`)}"/>`).join('')}</url>`),
        ...entries.map((entry) => {
          const siblings = byArticle.get(entry.articleId) ?? [];
          const alternates = siblings.map((sibling) => `<xhtml:link rel="alternate" hreflang="${tag[sibling.locale]}" href="${xmlEscape(`${origin}/help/${center.handle}/${sibling.locale}/articles/${sibling.slug}`)}"/>`).join('');
          return `<url><loc>${xmlEscape(`${origin}/help/${center.handle}/${entry.locale}/articles/${entry.slug}`)}</loc><lastmod>${entry.updatedAt}</lastmod>${alternates}</url>`;
        }),
      ];
      return reply
        .type('application/xml; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.join('')}</urlset>\n`);
    });

    scope.get('/help/:handle/robots.txt', { schema: { hide: true } }, async (request, reply) => {
      const { handle } = request.params as { handle: string };
      const center = await findHelpCenterByHandle(services.db, handle);
      if (!center) return reply.code(404).type('text/plain; charset=utf-8').send('No such help center.');
      const origin = publicBaseUrl(request, services.config).origin;
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(`User-agent: *\nAllow: /help/${center.handle}/\nDisallow: /help/${center.handle}/*/search\nSitemap: ${origin}/help/${center.handle}/sitemap.xml\n`);
    });

    scope.get('/help/:handle/images/:imageId', { schema: { hide: true } }, async (request, reply) => {
      const { handle, imageId } = request.params as { handle: string; imageId: string };
      const center = await findHelpCenterByHandle(services.db, handle);
      if (!center || !/^[0-9a-f-]{36}$/.test(imageId)) return reply.code(404).type('text/plain; charset=utf-8').send('No such image.');
      const { image, content } = await openHelpImage(services.db, helpImageStoreOf(services), center, imageId);
      // An image never changes under its id: a year in any cache.
      return reply.type(image.contentType).header('content-length', image.byteSize).header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=31536000, immutable').header('content-security-policy', "default-src 'none'").send(content);
    });

    scope.get('/robots.txt', { schema: { hide: true } }, async (request, reply) => {
      const origin = publicBaseUrl(request, services.config).origin;
      const handles = await listPublicHelpCenterHandles(services.db);
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600')
        .send(`User-agent: *\nDisallow: /api/\nDisallow: /a/\nDisallow: /help/*/search\nAllow: /help/\n${handles.map((handle) => `Sitemap: ${origin}/help/${handle}/sitemap.xml\n`).join('')}`);
    });

    scope.get('/help/:handle/:locale', { schema: { hide: true } }, async (request, reply) => {
      const { locale } = request.params as { locale: string };
      if (!isLocale(locale)) return notFoundPage(request, reply);
      const site = await siteOf(request, locale);
      if (!site) return notFoundPage(request, reply, locale);
      const center = (await findHelpCenterByHandle(services.db, site.handle))!;
      const categories = await listPublishedCategories(services.db, center, locale);
      const categorised = new Set(categories.flatMap((category) => category.articles.map((article) => article.id)));
      const uncategorised = (await listRecentPublishedArticles(services.db, center, locale, 50)).filter((article) => !categorised.has(article.id));
      return sendHtml(reply, renderHomePage(site, categories, uncategorised));
    });

    scope.get('/help/:handle/:locale/categories/:slug', { schema: { hide: true } }, async (request, reply) => {
      const { locale, slug } = request.params as { locale: string; slug: string };
      if (!isLocale(locale)) return notFoundPage(request, reply);
      const site = await siteOf(request, locale);
      if (!site) return notFoundPage(request, reply, locale);
      const center = (await findHelpCenterByHandle(services.db, site.handle))!;
      const category = await getPublishedCategory(services.db, center, locale, slug);
      if (!category) return notFoundPage(request, reply, locale);
      const alternates: Locale[] = [];
      for (const other of site.locales) if (other === locale || (await getPublishedCategory(services.db, center, other, slug))) alternates.push(other);
      return sendHtml(reply, renderCategoryPage(site, category, alternates));
    });

    scope.get('/help/:handle/:locale/articles/:slug', { schema: { hide: true } }, async (request, reply) => {
      const { locale, slug } = request.params as { locale: string; slug: string };
      const { voted } = request.query as { voted?: string };
      if (!isLocale(locale)) return notFoundPage(request, reply);
      const site = await siteOf(request, locale);
      if (!site) return notFoundPage(request, reply, locale);
      const center = (await findHelpCenterByHandle(services.db, site.handle))!;
      const article = await getPublishedArticle(services.db, center, { locale, slug });
      if (!article) {
        const moved = await findHelpSlugRedirect(services.db, center, locale, slug);
        if (moved) return reply.header('cache-control', PAGE_CACHE).redirect(moved, 301);
        return notFoundPage(request, reply, locale, await listOtherLanguagesOfSlug(services.db, center, locale, slug));
      }
      const related = await listRelatedArticles(services.db, center, article);
      const state: ArticleState = { ...(voted === 'yes' || voted === 'no' ? { voted } : {}), contactPath: `/portal/${site.handle}` };
      return sendHtml(reply, renderArticlePage(site, article, related, state), 200, state.voted ? 'private, no-store' : PAGE_CACHE);
    });

    // The vote works without JavaScript: a form post, then back to the article (303) saying thanks.
    scope.post('/help/:handle/:locale/articles/:slug/vote', { schema: { hide: true } }, async (request, reply) => {
      const { locale, slug, handle } = request.params as { locale: string; slug: string; handle: string };
      if (!isLocale(locale)) return notFoundPage(request, reply);
      const center = await findHelpCenterByHandle(services.db, handle);
      if (!center) return notFoundPage(request, reply, locale);
      limit('vote', request.ip, center.accountId);
      const article = await getPublishedArticle(services.db, center, { locale, slug });
      if (!article) return notFoundPage(request, reply, locale);
      const helpful = (request.body as { helpful?: string } | undefined)?.helpful;
      if (helpful !== 'yes' && helpful !== 'no') return reply.redirect(`${article.url}#feedback`, 303);
      let visitorId = request.cookies[VISITOR_COOKIE];
      if (!visitorId || !/^[0-9a-f-]{36}$/.test(visitorId)) {
        visitorId = randomUUID();
        reply.setCookie(VISITOR_COOKIE, visitorId, { path: '/help/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: 365 * 86_400 });
      }
      await recordHelpfulVote(services.db, center, { articleId: article.id, locale, visitorId, helpful: helpful === 'yes' });
      return reply.header('cache-control', 'no-store').redirect(`${article.url}?voted=${helpful}#feedback`, 303);
    });

    scope.get('/help/:handle/:locale/search', { schema: { hide: true } }, async (request, reply) => {
      const { locale } = request.params as { locale: string };
      const q = String((request.query as { q?: unknown }).q ?? '').trim().slice(0, 200);
      if (!isLocale(locale)) return notFoundPage(request, reply);
      const site = await siteOf(request, locale);
      if (!site) return notFoundPage(request, reply, locale);
      const center = (await findHelpCenterByHandle(services.db, site.handle))!;
      limit('search', request.ip, center.accountId);
      const results = q ? await searchPublishedArticles(services.db, center, { query: q, locale, limit: 20 }) : [];
      if (q) await recordHelpSearch(services.db, center, { query: q, locale, resultCount: results.length });
      const categories = results.length === 0 ? await listPublishedCategories(services.db, center, locale) : [];
      return sendHtml(reply, renderSearchPage(site, q, results, categories), 200, 'private, no-store');
    });
  });
}

