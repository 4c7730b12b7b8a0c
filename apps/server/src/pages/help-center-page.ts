import { createHash } from 'node:crypto';
import type { Locale } from '@touchpoint/core';
import type { HelpCopy } from './help-center-copy.ts';

/** What every public help-center page knows: whose it is, in which language, and where it lives. */
export interface HelpSite {
  name: string;
  handle: string;
  locale: Locale;
  /** Languages with published articles, for the switcher. */
  locales: Locale[];
  /** The server's public origin, for canonical and hreflang URLs (absolute, as search engines want). */
  origin: string;
  timeZone: string;
  copy: HelpCopy;
}

export interface PageLink {
  locale: Locale;
  path: string;
}

export interface PageFrame {
  title: string;
  description: string;
  /** This page's path; also its canonical URL. */
  path: string;
  /** The same page in other languages (this one included), for `hreflang` and the language switcher. */
  alternates: PageLink[];
  /** Where `x-default` points: the page that picks a language itself. */
  defaultPath: string;
  noindex?: boolean;
  /** The search box's query, on the results page. */
  query?: string;
  /** schema.org data for search engines (an article and its breadcrumb); a data block, never run. */
  structuredData?: object;
  main: string;
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * Search while typing, for visitors with JavaScript: asks the public JSON endpoint (the form's data-api) and lists the
 * first results as links under the box; a live region says how many; arrow keys move between the box and the results,
 * Escape closes them. Without JavaScript the form still submits to
 * the results page. Static text, so a CSP hash allows it and nothing else.
 */
const SEARCH_SCRIPT = `(()=>{const f=document.getElementById('hc-search');if(!f)return;const i=f.querySelector('input'),o=document.getElementById('hc-suggest'),s=document.getElementById('hc-status');let t,c;i.addEventListener('input',()=>{clearTimeout(t);t=setTimeout(async()=>{const q=i.value.trim();if(c)c.abort();if(q.length<2){o.hidden=true;o.textContent='';s.textContent='';return}c=new AbortController();try{const r=await fetch(f.dataset.api+'&q='+encodeURIComponent(q),{signal:c.signal});if(!r.ok)return;const d=await r.json();o.textContent='';for(const a of d.results){const l=document.createElement('li'),x=document.createElement('a');x.href=a.url;x.textContent=a.title;l.append(x);o.append(l)}o.hidden=!d.results.length;s.textContent=d.results.length?f.dataset.count.replace('#',d.results.length):f.dataset.none}catch(e){}},150)});f.addEventListener('keydown',e=>{const l=[...o.querySelectorAll('a')],k=l.indexOf(document.activeElement);if(e.key==='Escape'){o.hidden=true;i.focus()}else if(!o.hidden&&(e.key==='ArrowDown'||e.key==='ArrowUp')&&l.length){e.preventDefault();const n=e.key==='ArrowDown'?k+1:k-1;(n<0?i:l[Math.min(n,l.length-1)]).focus()}})})()`;

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.65 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP","Noto Sans CJK SC","PingFang SC",sans-serif;color:#1d2130;background:#fff}a{color:#1d4ed8}a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}header{background:#3b1f5c;color:#fff}header .w{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px;padding-top:12px;padding-bottom:12px}header a{color:#fff;text-decoration:none;font-weight:700}.w{max-width:760px;margin:0 auto;padding:0 16px}nav.lang ul{display:flex;gap:4px;list-style:none;margin:0;padding:0}nav.lang a{display:inline-block;padding:6px 10px;border-radius:6px;font-weight:500;font-size:14px}nav.lang a[aria-current]{background:#fff;color:#3b1f5c}.hero{background:#3b1f5c;color:#fff;padding:8px 0 24px}.hero h1{margin:0 0 12px;font-size:26px;line-height:1.3}form.search .row{display:flex;gap:8px}form.search input{flex:1;min-width:0;font:inherit;padding:10px 12px;border:1px solid #6b7280;border-radius:8px}form.search button{font:inherit;padding:10px 16px;border:0;border-radius:8px;background:#f5c542;color:#1d2130;font-weight:600;cursor:pointer}#hc-suggest{list-style:none;margin:8px 0 0;padding:0;background:#fff;border-radius:8px;box-shadow:0 4px 16px #0003}#hc-suggest a{display:block;padding:10px 12px;color:#1d2130}#hc-suggest li+li{border-top:1px solid #e5e7eb}main>.w{padding-top:20px;padding-bottom:40px}h1{font-size:28px;line-height:1.3;margin:8px 0 12px}h2{font-size:20px;line-height:1.35;margin:28px 0 8px}.muted{color:#4b5563;font-size:14px}.cats{display:grid;gap:12px;list-style:none;padding:0;margin:0}@media(min-width:640px){.cats{grid-template-columns:1fr 1fr}}.cat{border:1px solid #e5e7eb;border-radius:12px;padding:14px 16px}.cat h3{margin:0 0 4px;font-size:18px}.cat p{margin:0 0 8px}.list{list-style:none;padding:0;margin:0}.list li{padding:10px 0;border-bottom:1px solid #e5e7eb}.list li p{margin:2px 0 0}.crumbs ol{display:flex;flex-wrap:wrap;gap:6px;list-style:none;margin:0;padding:0;font-size:14px}.crumbs li+li:before{content:"›";margin-right:6px;color:#6b7280}article img{max-width:100%;height:auto}article table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}article th,article td{border:1px solid #d1d5db;padding:6px 8px;text-align:left}article pre{overflow-x:auto;background:#f3f4f6;padding:12px;border-radius:8px}.feedback{margin-top:32px;padding:16px;border:1px solid #e5e7eb;border-radius:12px}.feedback fieldset{border:0;margin:0;padding:0}.feedback legend{font-weight:600;margin-bottom:8px}.feedback button{font:inherit;padding:8px 18px;margin-right:8px;border:1px solid #3b1f5c;border-radius:8px;background:#fff;color:#3b1f5c;cursor:pointer}.feedback p{margin:0}footer{border-top:1px solid #e5e7eb;padding:16px 0 32px}mark{background:#fde68a;color:inherit}`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Only our one script; styles inline (article tables may align cells); images from anywhere over HTTPS. */
export const HELP_PAGE_SECURITY = `default-src 'none'; script-src ${hash(SEARCH_SCRIPT)}; style-src 'unsafe-inline'; img-src 'self' https: data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const LANG_TAG: Record<Locale, string> = { en: 'en', ja: 'ja', zh: 'zh-CN' };

export function formatHelpDate(site: HelpSite, iso: string) {
  return new Intl.DateTimeFormat(site.copy.dateLocale, { dateStyle: 'long', timeZone: site.timeZone }).format(new Date(iso));
}

export function searchForm(site: HelpSite, query = '') {
  const { copy } = site;
  const base = `/help/${site.handle}/${site.locale}`;
  return `<form class="search" id="hc-search" role="search" action="${base}/search" method="get" data-api="/api/v1/help/${escapeHtml(site.handle)}/search?locale=${site.locale}&amp;limit=6" data-count="${escapeHtml(copy.suggestions)}: #" data-none="${escapeHtml(copy.noResults)}">
<div class="row"><label class="skip" for="hc-q">${escapeHtml(copy.searchLabel)}</label><input id="hc-q" type="search" name="q" value="${escapeHtml(query)}" placeholder="${escapeHtml(copy.searchPlaceholder)}" autocomplete="off" maxlength="200" aria-describedby="hc-status"><button type="submit">${escapeHtml(copy.searchButton)}</button></div>
<ul id="hc-suggest" hidden></ul><p id="hc-status" class="skip" role="status" aria-live="polite"></p></form>`;
}

/** The whole document: head with SEO tags, header with language switcher, the page's main part, footer. */
export function renderHelpPage(site: HelpSite, page: PageFrame, options: { hero?: boolean } = {}) {
  const { copy } = site;
  const url = (path: string) => site.origin + path;
  const alternates = page.alternates
    .map((link) => `<link rel="alternate" hreflang="${LANG_TAG[link.locale]}" href="${escapeHtml(url(link.path))}">`)
    .join('');
  const switcher = page.alternates.length > 1
    ? `<nav class="lang" aria-label="${escapeHtml(copy.languages)}"><ul>${page.alternates
        .map((link) => `<li><a href="${escapeHtml(link.locale === site.locale ? link.path : languageSwitchPath(site.handle, link.path))}" lang="${LANG_TAG[link.locale]}" hreflang="${LANG_TAG[link.locale]}"${link.locale === site.locale ? ' aria-current="page"' : ''}>${escapeHtml(HELP_LANGUAGE_NAMES[link.locale])}</a></li>`)
        .join('')}</ul></nav>`
    : '';
  const home = `/help/${site.handle}/${site.locale}`;
  const hero = options.hero
    ? `<div class="hero"><div class="w"><h1>${escapeHtml(copy.tagline)}</h1>${searchForm(site, page.query)}</div></div>`
    : `<div class="hero"><div class="w">${searchForm(site, page.query)}</div></div>`;
  // The hero (the home page's h1 and the search box) is part of the main content, inside the landmark.
  return `<!doctype html><html lang="${LANG_TAG[site.locale]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(page.title)}</title><meta name="description" content="${escapeHtml(page.description)}">
<link rel="canonical" href="${escapeHtml(url(page.path))}">${alternates}<link rel="alternate" hreflang="x-default" href="${escapeHtml(url(page.defaultPath))}">
${page.noindex ? '<meta name="robots" content="noindex">' : ''}<meta property="og:title" content="${escapeHtml(page.title)}"><meta property="og:description" content="${escapeHtml(page.description)}"><meta property="og:type" content="website"><meta property="og:url" content="${escapeHtml(url(page.path))}">
<meta name="theme-color" content="#3b1f5c"><link rel="icon" href="data:,"><style>${STYLE}</style>${page.structuredData ? `<script type="application/ld+json">${JSON.stringify(page.structuredData).replace(/</g, '\\u003c')}</script>` : ''}</head>
<body><a class="skip" href="#main">${escapeHtml(copy.skipToContent)}</a>
<header><div class="w"><a href="${home}">${escapeHtml(copy.helpCenter(site.name))}</a>${switcher}</div></header>
<main id="main">${hero}<div class="w">${page.main}</div></main>
<footer><div class="w muted">© ${escapeHtml(site.name)}</div></footer>
<script>${SEARCH_SCRIPT}</script></body></html>`;
}

/**
 * The language switcher goes through `/help/<handle>/language?to=…`, which remembers the choice in a cookie before
 * going on, so `/help/<handle>` opens in that language next time (the visitor's choice beats the browser's). The pages
 * themselves set no cookie and stay cacheable.
 */
export const languageSwitchPath = (handle: string, to: string) => `/help/${handle}/language?to=${encodeURIComponent(to)}`;

export const HELP_LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語', zh: '中文' };
