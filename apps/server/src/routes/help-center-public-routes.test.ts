import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { schema } from '@touchpoint/db';
import { createHelpArticle, createHelpCategory, listHelpfulVoteCounts, listSearchesWithoutResults } from '@touchpoint/help-center';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let scope: AccountScope;
let handle: string;
let adminEmail: string;
const ids = {} as Record<'returns' | 'tracking' | 'draft', string>;

beforeAll(async () => {
  t = await createTestApp();
  const ws = await createTestWorkspace('Public help shop');
  adminEmail = ws.admin.email;
  const { db } = await getTestDatabase();
  handle = `public-${crypto.randomUUID().slice(0, 8)}`;
  await db.update(schema.accounts).set({ handle, defaultLocale: 'en' }).where(eq(schema.accounts.id, ws.accountId));
  scope = { accountId: ws.accountId, actor: { type: 'user', id: ws.admin.id, name: 'Admin', role: 'admin' } };
  const returns = await createHelpCategory(db, scope, { names: { en: 'Returns', ja: '返品' }, descriptions: { en: 'Sending things back.', ja: '返品について。' } });
  ids.returns = (await createHelpArticle(db, scope, {
    categoryId: returns.id,
    translations: {
      en: { title: 'How to return an item', description: 'Return unused items within 30 days.', body: '## Steps\n\n1. Open **My orders**\n\n<script>alert(1)</script>', status: 'published' },
      ja: { title: '返品の方法', description: '30日以内の未使用品は返品できます。', body: '商品到着後30日以内に返品できます。', status: 'published' },
    },
  })).id;
  ids.tracking = (await createHelpArticle(db, scope, { categoryId: returns.id, translations: { en: { title: 'Refund timing', body: 'Refunds take 5 days after the return arrives.', status: 'published' } } })).id;
  ids.draft = (await createHelpArticle(db, scope, { categoryId: returns.id, translations: { en: { title: 'Unreleased return policy', body: 'secret' } } })).id;
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('public help center pages', () => {
  it('sends a visitor of /help/<handle> to the language their browser prefers among the published ones', async () => {
    const ja = await get(`/help/${handle}`, { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' });
    expect(ja.statusCode).toBe(302);
    expect(ja.headers.location).toBe(`/help/${handle}/ja`);
    expect(ja.headers.vary).toContain('accept-language');
    // Nothing is published in Chinese: the account's default language instead.
    expect((await get(`/help/${handle}`, { 'accept-language': 'zh-CN' })).headers.location).toBe(`/help/${handle}/en`);
  });

  it('remembers the language a visitor picks in the switcher over their browser’s, and redirects only within the help center', async () => {
    const page = await get(`/help/${handle}/ja/articles/how-to-return-an-item`);
    const switchPath = `/help/${handle}/language?to=${encodeURIComponent(`/help/${handle}/en/articles/how-to-return-an-item`)}`;
    expect(page.body).toContain(`href="${switchPath.replace(/&/g, '&#38;')}"`);
    const switched = await get(switchPath);
    expect(switched.statusCode).toBe(302);
    expect(switched.headers.location).toBe(`/help/${handle}/en/articles/how-to-return-an-item`);
    const cookie = (switched.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_help_locale')!;
    expect(cookie.value).toBe('en');
    const back = await get(`/help/${handle}`, { 'accept-language': 'ja', cookie: `tp_help_locale=${cookie.value}` });
    expect(back.headers.location).toBe(`/help/${handle}/en`);
    const search = `/help/${handle}/ja/search?q=${encodeURIComponent('返品')}`;
    expect((await get(`/help/${handle}/language?to=${encodeURIComponent(search)}`)).headers.location).toBe(search);
    expect((await get(`/help/${handle}/language?to=${encodeURIComponent('https://evil.example/')}`)).statusCode).toBe(400);
    expect((await get(`/help/${handle}/language?to=${encodeURIComponent('/help/other-shop/en')}`)).statusCode).toBe(400);
  });

  it('renders the home page with categories, a search box and SEO tags, without drafts', async () => {
    const home = await get(`/help/${handle}/en`);
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
    expect(home.headers['cache-control']).toContain('max-age=60');
    expect(home.headers['content-security-policy']).toMatch(/script-src 'sha256-/);
    expect(home.body).toContain('<html lang="en">');
    expect(home.body).toMatch(/<title>Public help shop [0-9a-f]+ Help Center<\/title>/);
    expect(home.body).toContain(`<link rel="canonical" href="http://touchpoint.test/help/${handle}/en">`);
    expect(home.body).toContain(`<link rel="alternate" hreflang="ja" href="http://touchpoint.test/help/${handle}/ja">`);
    expect(home.body).toContain(`<link rel="alternate" hreflang="x-default" href="http://touchpoint.test/help/${handle}">`);
    expect(home.body).toContain('<meta name="description"');
    expect(home.body).toContain(`href="/help/${handle}/en/articles/how-to-return-an-item"`);
    expect(home.body).toContain('role="search"');
    expect(home.body).not.toContain('Unreleased');
    const ja = await get(`/help/${handle}/ja`);
    expect(ja.body).toContain('<html lang="ja">');
    expect(ja.body).toContain('返品の方法');
    expect(ja.body).not.toContain('Refund timing');
  });

  it('renders an article with its author, date, related articles, safe Markdown and a vote form that needs no script', async () => {
    const page = await get(`/help/${handle}/en/articles/how-to-return-an-item`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>How to return an item – ');
    expect(page.body).toContain('<meta name="description" content="Return unused items within 30 days.">');
    expect(page.body).toContain('<h2>Steps</h2>');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('Written by Admin');
    expect(page.body).toMatch(/<time datetime="[^"]+">Updated \d+ \w+ \d{4}<\/time>/);
    expect(page.body).toContain(`<a href="/help/${handle}/en/articles/refund-timing">Refund timing</a>`);
    expect(page.body).toContain(`<form class="feedback" id="feedback" method="post" action="/help/${handle}/en/articles/how-to-return-an-item/vote">`);
    expect(page.body).toContain(`hreflang="ja" href="http://touchpoint.test/help/${handle}/ja/articles/how-to-return-an-item"`);
    expect(page.body).toContain('<nav class="lang"');
    const data = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(page.body)![1]!);
    expect(data['@graph'][0]).toMatchObject({ '@type': 'Article', headline: 'How to return an item', author: { name: expect.stringMatching(/^Admin /) }, inLanguage: 'en' });
    expect(data['@graph'][1].itemListElement.map((item: { name: string }) => item.name)).toEqual(['Help Center', 'Returns', 'How to return an item']);
  });

  it('sends an old slug to the article’s new URL for good (301) after an editor changes it', async () => {
    const { db } = await getTestDatabase();
    const { saveHelpArticleTranslation } = await import('@touchpoint/help-center');
    await saveHelpArticleTranslation(db, scope, ids.tracking, 'en', { title: 'Refund timing', slug: 'when-refunds-arrive' });
    const old = await get(`/help/${handle}/en/articles/refund-timing`);
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(`/help/${handle}/en/articles/when-refunds-arrive`);
    await saveHelpArticleTranslation(db, scope, ids.tracking, 'en', { title: 'Refund timing', slug: 'refund-timing' });
    expect((await get(`/help/${handle}/en/articles/refund-timing`)).statusCode).toBe(200);
    expect((await get(`/help/${handle}/en/articles/when-refunds-arrive`)).headers.location).toBe(`/help/${handle}/en/articles/refund-timing`);
  });

  it('answers 404 pages for drafts, unknown slugs, languages and handles', async () => {
    expect((await get(`/help/${handle}/en/articles/unreleased-return-policy`)).statusCode).toBe(404);
    const onlyInEnglish = await get(`/help/${handle}/ja/articles/refund-timing`);
    expect(onlyInEnglish.statusCode).toBe(404);
    expect(onlyInEnglish.body).toContain('この記事はほかの言語で読めます：');
    expect(onlyInEnglish.body).toContain(`<a href="/help/${handle}/en/articles/refund-timing" lang="en" hreflang="en">Refund timing</a>`);
    expect((await get(`/help/${handle}/fr`)).statusCode).toBe(404);
    expect((await get('/help/no-such-shop-here/en')).statusCode).toBe(404);
  });

  it('counts one vote per visitor from the form, replacing it when they change their mind', async () => {
    const vote = (helpful: string, cookie?: string) => t.app.inject({
      method: 'POST', url: `/help/${handle}/en/articles/how-to-return-an-item/vote`, payload: `helpful=${helpful}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    });
    const first = await vote('no');
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/help/${handle}/en/articles/how-to-return-an-item?voted=no#feedback`);
    const cookie = (first.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_help_visitor')!;
    await vote('yes', `tp_help_visitor=${cookie.value}`);
    await vote('yes');
    const { db } = await getTestDatabase();
    const counts = await listHelpfulVoteCounts(db, scope, new Date(Date.now() - 60_000));
    expect(counts.find((row) => row.articleId === ids.returns)).toMatchObject({ helpful: 2, notHelpful: 0 });
    const thanks = await get(`/help/${handle}/en/articles/how-to-return-an-item?voted=no`);
    expect(thanks.body).toContain('Thanks for your feedback!');
    expect(thanks.body).toContain(`href="/portal/${handle}"`);
  });

  it('shows search results, and remembers searches that found nothing', async () => {
    const found = await get(`/help/${handle}/ja/search?q=${encodeURIComponent('返品したい')}`);
    expect(found.body).toContain('<mark>返品</mark>の方法');
    expect(found.body).toContain('<meta name="robots" content="noindex">');
    const none = await get(`/help/${handle}/en/search?q=gift+wrapping`);
    expect(none.body).toContain('No articles match your search.');
    const { db } = await getTestDatabase();
    expect((await listSearchesWithoutResults(db, scope, new Date(Date.now() - 60_000))).map((row) => row.query)).toContain('gift wrapping');
  });

  it('publishes a sitemap with every published translation and its hreflang siblings', async () => {
    const sitemap = await get(`/help/${handle}/sitemap.xml`);
    expect(sitemap.headers['content-type']).toContain('application/xml');
    expect(sitemap.body).toContain(`<loc>http://touchpoint.test/help/${handle}/ja/articles/how-to-return-an-item</loc>`);
    expect(sitemap.body).toContain(`hreflang="en" href="http://touchpoint.test/help/${handle}/en/articles/how-to-return-an-item"`);
    expect(sitemap.body).toContain(`<loc>http://touchpoint.test/help/${handle}/ja/categories/returns</loc>`);
    expect(sitemap.body).not.toContain('unreleased');
    const robots = await get('/robots.txt');
    expect(robots.body).toContain(`Sitemap: http://touchpoint.test/help/${handle}/sitemap.xml`);
  });
});

describe('public help center JSON API', () => {
  it('searches published articles as the visitor types, from any origin', async () => {
    const answer = await get(`/api/v1/help/${handle}/search?locale=en&q=retu`, { origin: 'https://shop.example' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.json().results.map((result: { title: string }) => result.title)).toEqual(['How to return an item', 'Refund timing']);
    const ja = await get(`/api/v1/help/${handle}/search?locale=ja&q=${encodeURIComponent('返品')}`);
    expect(ja.json().results[0]).toMatchObject({ id: ids.returns, url: `/help/${handle}/ja/articles/how-to-return-an-item` });
    const bad = await get(`/api/v1/help/${handle}/search?locale=fr&q=x`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('serves one published article as HTML for the widget, and takes a vote as JSON', async () => {
    const article = await get(`/api/v1/help/${handle}/articles/${ids.returns}?locale=en`);
    expect(article.json()).toMatchObject({ title: 'How to return an item', related: [{ title: 'Refund timing' }] });
    expect(article.json().html).toContain('<h2>Steps</h2>');
    expect((await get(`/api/v1/help/${handle}/articles/${ids.draft}?locale=en`)).statusCode).toBe(404);
    const vote = await t.app.inject({ method: 'POST', url: `/api/v1/help/${handle}/articles/${ids.tracking}/votes`, payload: { locale: 'en', visitorId: 'widget-visitor-1', helpful: false } });
    expect(vote.statusCode).toBe(204);
    const preflight = await t.app.inject({ method: 'OPTIONS', url: `/api/v1/help/${handle}/articles/${ids.tracking}/votes`, headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('content-type');
  });

  it('is described in the OpenAPI document with the admin routes', async () => {
    const paths = Object.keys((await get('/api/openapi.json')).json().paths);
    expect(paths).toEqual(expect.arrayContaining([
      '/api/v1/help/{handle}/search',
      '/api/v1/help/{handle}/articles/{articleId}',
      '/api/v1/help/{handle}/articles/{articleId}/votes',
      '/api/v1/accounts/{accountId}/help-center/articles/{articleId}/translations/{locale}',
    ]));
    expect(paths.some((path) => path.startsWith('/help/'))).toBe(false);
  });

  it('limits how fast one address may search (429 with Retry-After)', async () => {
    let last = 0;
    for (let i = 0; i < 125 && last !== 429; i++) last = (await t.app.inject({ method: 'GET', url: `/api/v1/help/${handle}/search?locale=en&q=a${i}`, remoteAddress: '10.77.0.1' })).statusCode;
    expect(last).toBe(429);
  });

  it('serves an uploaded image publicly, cached for a year', async () => {
    const admin = await signInAs(t.app, adminEmail);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6d4a10000000049454e44ae426082', 'hex');
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), 'dot.png');
    const request = new Request('http://local/', { method: 'POST', body: form });
    const upload = await requestAs(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${scope.accountId}/help-center/images`, payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } });
    expect(upload.statusCode).toBe(201);
    const image = await get(upload.json().url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(image.rawPayload.equals(png)).toBe(true);
    expect((await get(`/help/${handle}/images/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});
