import type { Locale } from '@touchpoint/core';
import { buildHelpSearchTerms, type HelpSearchResult, type PublishedArticle, renderArticleMarkdown } from '@touchpoint/help-center';
import { escapeHtml, formatHelpDate, HELP_LANGUAGE_NAMES, type HelpSite, renderHelpPage } from './help-center-page.ts';

export interface CategoryView {
  slug: string;
  name: string;
  description: string;
  articles: { slug: string; title: string; description: string }[];
}

const homePath = (site: HelpSite, locale: Locale = site.locale) => `/help/${site.handle}/${locale}`;
const articlePath = (site: HelpSite, slug: string, locale: Locale = site.locale) => `${homePath(site, locale)}/articles/${slug}`;
const categoryPath = (site: HelpSite, slug: string, locale: Locale = site.locale) => `${homePath(site, locale)}/categories/${slug}`;

function articleList(site: HelpSite, articles: { slug: string; title: string; description?: string; excerpt?: string }[]) {
  return `<ul class="list">${articles
    .map((article) => `<li><a href="${articlePath(site, article.slug)}">${escapeHtml(article.title)}</a>${article.description || article.excerpt ? `<p class="muted">${escapeHtml(article.description || article.excerpt || '')}</p>` : ''}</li>`)
    .join('')}</ul>`;
}

function categoryCards(site: HelpSite, categories: CategoryView[], headingLevel = 3) {
  return `<ul class="cats">${categories
    .map((category) => `<li class="cat"><h${headingLevel}><a href="${categoryPath(site, category.slug)}">${escapeHtml(category.name)}</a></h${headingLevel}>${category.description ? `<p class="muted">${escapeHtml(category.description)}</p>` : ''}<ul class="list">${category.articles
      .slice(0, 4)
      .map((article) => `<li><a href="${articlePath(site, article.slug)}">${escapeHtml(article.title)}</a></li>`)
      .join('')}</ul>${category.articles.length > 4 ? `<p><a href="${categoryPath(site, category.slug)}">${escapeHtml(site.copy.articlesCount(category.articles.length))} →</a></p>` : ''}</li>`)
    .join('')}</ul>`;
}

const everyLocale = (site: HelpSite, path: (locale: Locale) => string) => site.locales.map((locale) => ({ locale, path: path(locale) }));

export function renderHomePage(site: HelpSite, categories: CategoryView[], uncategorised: { slug: string; title: string }[]) {
  const { copy } = site;
  const main = categories.length === 0 && uncategorised.length === 0
    ? `<p>${escapeHtml(copy.empty)}</p>`
    : `<h2>${escapeHtml(copy.categories)}</h2>${categoryCards(site, categories)}${uncategorised.length > 0 ? articleList(site, uncategorised) : ''}`;
  return renderHelpPage(site, {
    title: copy.helpCenter(site.name),
    description: `${copy.tagline} ${categories.map((category) => category.name).join(' · ')}`.slice(0, 300),
    path: homePath(site),
    alternates: everyLocale(site, (locale) => homePath(site, locale)),
    defaultPath: `/help/${site.handle}`,
    main,
  }, { hero: true });
}

export function renderCategoryPage(site: HelpSite, category: CategoryView, alternates: Locale[]) {
  const { copy } = site;
  const main = `<nav class="crumbs" aria-label="${escapeHtml(copy.breadcrumb)}"><ol><li><a href="${homePath(site)}">${escapeHtml(copy.home)}</a></li><li aria-current="page">${escapeHtml(category.name)}</li></ol></nav>
<h1>${escapeHtml(category.name)}</h1>${category.description ? `<p class="muted">${escapeHtml(category.description)}</p>` : ''}${articleList(site, category.articles)}`;
  return renderHelpPage(site, {
    title: `${category.name} – ${copy.helpCenter(site.name)}`,
    description: category.description || category.articles.map((article) => article.title).join(' · ').slice(0, 300),
    path: categoryPath(site, category.slug),
    alternates: alternates.map((locale) => ({ locale, path: categoryPath(site, category.slug, locale) })),
    defaultPath: `/help/${site.handle}`,
    main,
  });
}

export interface ArticleState {
  voted?: 'yes' | 'no';
  contactPath: string;
}

export function renderArticlePage(site: HelpSite, article: PublishedArticle, related: { slug: string; title: string }[], state: ArticleState) {
  const { copy } = site;
  const crumbs = [`<li><a href="${homePath(site)}">${escapeHtml(copy.home)}</a></li>`];
  if (article.category) crumbs.push(`<li><a href="${categoryPath(site, article.category.slug)}">${escapeHtml(article.category.name)}</a></li>`);
  const meta = [article.authorName ? escapeHtml(copy.by(article.authorName)) : '', `<time datetime="${article.updatedAt}">${escapeHtml(copy.updated(formatHelpDate(site, article.updatedAt)))}</time>`].filter(Boolean).join(' · ');
  const feedback = state.voted
    ? `<div class="feedback" id="feedback" role="status"><p><strong>${escapeHtml(copy.thanks)}</strong></p>${state.voted === 'no' ? `<p>${escapeHtml(copy.sorry)} ${escapeHtml(copy.stillNeedHelp)} <a href="${escapeHtml(state.contactPath)}">${escapeHtml(copy.contactUs)}</a></p>` : ''}</div>`
    : `<form class="feedback" id="feedback" method="post" action="${articlePath(site, article.slug)}/vote"><fieldset><legend>${escapeHtml(copy.helpful)}</legend><button type="submit" name="helpful" value="yes">${escapeHtml(copy.yes)}</button><button type="submit" name="helpful" value="no">${escapeHtml(copy.no)}</button></fieldset></form>`;
  const main = `<nav class="crumbs" aria-label="${escapeHtml(copy.breadcrumb)}"><ol>${crumbs.join('')}</ol></nav>
<article><h1>${escapeHtml(article.title)}</h1><p class="muted">${meta}</p>${renderArticleMarkdown(article.body)}</article>
${feedback}${related.length > 0 ? `<section aria-labelledby="related"><h2 id="related">${escapeHtml(copy.related)}</h2>${articleList(site, related)}</section>` : ''}
<p class="muted">${escapeHtml(copy.stillNeedHelp)} <a href="${escapeHtml(state.contactPath)}">${escapeHtml(copy.contactUs)}</a></p>`;
  const alternates = article.translations
    .filter((translation) => site.locales.includes(translation.locale))
    .sort((a, b) => site.locales.indexOf(a.locale) - site.locales.indexOf(b.locale))
    .map((translation) => ({ locale: translation.locale, path: translation.url }));
  const url = (path: string) => site.origin + path;
  const trail = [{ name: copy.home, path: homePath(site) }, ...(article.category ? [{ name: article.category.name, path: categoryPath(site, article.category.slug) }] : []), { name: article.title, path: articlePath(site, article.slug) }];
  return renderHelpPage(site, {
    title: `${article.title} – ${copy.helpCenter(site.name)}`,
    description: article.description,
    path: articlePath(site, article.slug),
    alternates,
    defaultPath: alternates.find((link) => link.locale === 'en')?.path ?? alternates[0]?.path ?? articlePath(site, article.slug),
    main,
    structuredData: {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Article', headline: article.title, description: article.description, inLanguage: copy.htmlLang, dateModified: article.updatedAt, ...(article.publishedAt ? { datePublished: article.publishedAt } : {}), ...(article.authorName ? { author: { '@type': 'Person', name: article.authorName } } : {}), publisher: { '@type': 'Organization', name: site.name }, mainEntityOfPage: url(articlePath(site, article.slug)) },
        { '@type': 'BreadcrumbList', itemListElement: trail.map((item, index) => ({ '@type': 'ListItem', position: index + 1, name: item.name, item: url(item.path) })) },
      ],
    },
  });
}

/** `text` escaped, with the query's words marked (split before escaping, so a term never matches inside an entity). */
export function highlightTerms(text: string, query: string): string {
  const lexemes = buildHelpSearchTerms(query).map((term) => term.lexeme.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length);
  if (lexemes.length === 0) return escapeHtml(text);
  const pattern = new RegExp(`(${lexemes.join('|')})`, 'giu');
  return text.split(pattern).map((part, index) => (index % 2 === 1 ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part))).join('');
}

function resultList(site: HelpSite, query: string, results: HelpSearchResult[]) {
  return `<ul class="list">${results
    .map((result) => `<li><a href="${articlePath(site, result.slug)}">${highlightTerms(result.title, query)}</a><p class="muted">${highlightTerms(result.excerpt, query)}</p></li>`)
    .join('')}</ul>`;
}

export function renderSearchPage(site: HelpSite, query: string, results: HelpSearchResult[], categories: CategoryView[]) {
  const { copy } = site;
  const main = query
    ? `<h1>${escapeHtml(copy.resultsFor(query))}</h1><p class="muted" role="status">${escapeHtml(results.length > 0 ? copy.resultsCount(results.length) : copy.noResults)}</p>${results.length > 0 ? resultList(site, query, results) : `<p>${escapeHtml(copy.noResultsHint)}</p>${categoryCards(site, categories, 2)}`}`
    : `<h1>${escapeHtml(copy.searchLabel)}</h1>${categoryCards(site, categories, 2)}`;
  return renderHelpPage(site, {
    title: `${query ? copy.resultsFor(query) : copy.searchLabel} – ${copy.helpCenter(site.name)}`,
    description: copy.searchLabel,
    path: `${homePath(site)}/search${query ? `?q=${encodeURIComponent(query)}` : ''}`,
    alternates: everyLocale(site, (locale) => `${homePath(site, locale)}/search${query ? `?q=${encodeURIComponent(query)}` : ''}`),
    defaultPath: `/help/${site.handle}`,
    noindex: true,
    query,
    main,
  });
}

export function renderNotFoundPage(site: HelpSite, elsewhere: { locale: Locale; title: string; url: string }[] = []) {
  const { copy } = site;
  const others = elsewhere.length > 0
    ? `<p>${escapeHtml(copy.otherLanguages)}</p><ul class="list">${elsewhere.map((other) => `<li><a href="${escapeHtml(other.url)}" lang="${other.locale === 'zh' ? 'zh-CN' : other.locale}" hreflang="${other.locale === 'zh' ? 'zh-CN' : other.locale}">${escapeHtml(other.title)}</a> <span class="muted">(${escapeHtml(HELP_LANGUAGE_NAMES[other.locale])})</span></li>`).join('')}</ul>`
    : '';
  return renderHelpPage(site, {
    title: `${copy.notFoundTitle} – ${copy.helpCenter(site.name)}`,
    description: copy.notFoundBody,
    path: homePath(site),
    alternates: [],
    defaultPath: `/help/${site.handle}`,
    noindex: true,
    main: `<h1>${escapeHtml(copy.notFoundTitle)}</h1><p>${escapeHtml(copy.notFoundBody)}</p>${others}<p><a href="${homePath(site)}">${escapeHtml(copy.home)}</a></p>`,
  });
}
