import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { eq } from 'drizzle-orm';
import { createTestWorkspace } from '../../../apps/server/src/testing/test-app.ts';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { createHelpArticle, setHelpArticleStatus } from './articles.ts';
import { createHelpCategory } from './categories.ts';
import { getPublishedArticle, listRelatedArticles } from './published.ts';
import { recordHelpSearch, searchPublishedArticles } from './search.ts';
import { buildHelpSearchTerms, renderTerm } from './search-terms.ts';
import { listSearchesWithoutResults } from './votes.ts';

describe('buildHelpSearchTerms', () => {
  it('splits Japanese and Chinese into character pairs and matches other words as prefixes', () => {
    expect(buildHelpSearchTerms('返品 ship').map((term) => renderTerm(term))).toEqual(["'返品'", "'ship':*"]);
    expect(buildHelpSearchTerms('退货运费').map((term) => renderTerm(term))).toEqual(["'退货'", "'货运'", "'运费'"]);
  });

  it('leaves out stop words and hiragana-only pairs when the question has a topic', () => {
    expect(buildHelpSearchTerms('How do I track my order?').map((term) => term.lexeme)).toEqual(['track', 'order']);
    expect(buildHelpSearchTerms('返品したいです').map((term) => term.lexeme)).toEqual(['返品', '品し']);
    expect(buildHelpSearchTerms('how').map((term) => term.lexeme)).toEqual(['how']);
  });

  it('restricts a term to titles with weight A, and matches numbers after a hyphen too', () => {
    expect(renderTerm({ lexeme: 'ship', prefix: true }, true)).toBe("'ship':*A");
    expect(renderTerm({ lexeme: '返品', prefix: false }, true)).toBe("'返品':A");
    expect(renderTerm({ lexeme: '1042', prefix: true })).toBe("('1042':* | '-1042':*)");
  });
});

describe('searchPublishedArticles', () => {
  let db: Database;
  let scope: AccountScope;
  let other: AccountScope;
  let handle: string;
  const ids = {} as Record<'returns' | 'refunds' | 'tracking' | 'draft', string>;

  beforeAll(async () => {
    db = (await getTestDatabase()).db;
    const ws = await createTestWorkspace('Help search shop');
    const ws2 = await createTestWorkspace('Other help shop');
    scope = { accountId: ws.accountId, actor: { type: 'user', id: ws.admin.id, name: 'Admin', role: 'admin' } };
    other = { accountId: ws2.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    handle = (await db.select({ handle: schema.accounts.handle }).from(schema.accounts).where(eq(schema.accounts.id, ws.accountId)))[0]!.handle;
    const shipping = await createHelpCategory(db, scope, { names: { en: 'Shipping', ja: '配送', zh: '配送' } });
    const returns = await createHelpCategory(db, scope, { names: { en: 'Returns', ja: '返品', zh: '退货' } });
    ids.returns = (await createHelpArticle(db, scope, {
      categoryId: returns.id,
      translations: {
        en: { title: 'How to return an item', description: 'Send back anything within 30 days.', body: 'You can return unused items within **30 days** of delivery.', status: 'published' },
        ja: { title: '返品の方法', body: '商品到着後30日以内であれば、未使用の商品を返品できます。', status: 'published' },
        zh: { title: '如何退货', body: '收到商品后30天内，未使用的商品可以退货。', status: 'published' },
      },
    })).id;
    ids.refunds = (await createHelpArticle(db, scope, {
      categoryId: returns.id,
      translations: { en: { title: 'When will I get my refund?', body: 'Refunds reach your card 5 to 10 days after we receive the return.', status: 'published' } },
    })).id;
    ids.tracking = (await createHelpArticle(db, scope, {
      categoryId: shipping.id,
      relatedArticleIds: [ids.refunds],
      translations: {
        en: { title: 'Track your order', body: 'Open the tracking link in your shipping email.', status: 'published' },
        ja: { title: '注文の追跡', body: '発送メールの追跡リンクを開いてください。', status: 'published' },
      },
    })).id;
    ids.draft = (await createHelpArticle(db, scope, {
      categoryId: shipping.id,
      translations: { en: { title: 'Secret return policy draft', body: 'Not yet public: return everything forever.' } },
    })).id;
    await createHelpArticle(db, other, { translations: { en: { title: 'Return to sender', body: 'Another shop’s return article.', status: 'published' } } });
  });

  const search = (query: string, locale: 'en' | 'ja' | 'zh' = 'en') => searchPublishedArticles(db, scope, { query, locale });

  it('finds articles while a word is still being typed, best first, with a path on the public site', async () => {
    const results = await search('retur');
    expect(results.map((result) => result.id)).toEqual([ids.returns, ids.refunds]);
    expect(results[0]).toMatchObject({ slug: 'how-to-return-an-item', locale: 'en', title: 'How to return an item', excerpt: 'Send back anything within 30 days.', url: `/help/${handle}/en/articles/how-to-return-an-item` });
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
  });

  it('finds Japanese and Chinese articles from a query in those languages', async () => {
    expect((await search('返品したい', 'ja')).map((result) => result.id)).toEqual([ids.returns]);
    expect((await search('追跡', 'ja')).map((result) => result.id)).toEqual([ids.tracking]);
    expect((await search('退货', 'zh')).map((result) => result.title)).toEqual(['如何退货']);
  });

  it('answers a whole question by its topic words', async () => {
    const [best] = await search('How do I track my order?');
    expect(best).toMatchObject({ id: ids.tracking, score: 1 });
  });

  it('never returns drafts, other languages’ translations or other accounts’ articles', async () => {
    const found = await search('return');
    expect(found.map((result) => result.id)).not.toContain(ids.draft);
    expect(found.every((result) => result.locale === 'en')).toBe(true);
    expect(await search('sender')).toEqual([]);
    expect(await search('refund', 'ja')).toEqual([]);
  });

  it('still finds a title when a word is misspelt', async () => {
    expect((await search('trak your ordr')).map((result) => result.id)).toEqual([ids.tracking]);
  });

  it('prefixes urls with a base URL when given', async () => {
    const [result] = await searchPublishedArticles(db, scope, { query: 'track', locale: 'en', baseUrl: 'https://help.example.test/' });
    expect(result!.url).toBe(`https://help.example.test/help/${handle}/en/articles/track-your-order`);
  });

  it('reads one published article by slug or id, with its published languages, and none that is a draft', async () => {
    const article = await getPublishedArticle(db, scope, { locale: 'ja', slug: 'track-your-order' });
    expect(article).toMatchObject({ id: ids.tracking, title: '注文の追跡', authorName: expect.any(String), category: { name: '配送' } });
    expect(article!.translations.map((translation) => translation.locale).sort()).toEqual(['en', 'ja']);
    expect(await getPublishedArticle(db, scope, { locale: 'en', id: ids.draft })).toBeNull();
    expect(await getPublishedArticle(db, other, { locale: 'en', id: ids.tracking })).toBeNull();
    await setHelpArticleStatus(db, scope, ids.tracking, 'ja', 'draft');
    expect(await getPublishedArticle(db, scope, { locale: 'ja', id: ids.tracking })).toBeNull();
    await setHelpArticleStatus(db, scope, ids.tracking, 'ja', 'published');
  });

  it('lists the editor’s related picks first, then the same category’s published articles', async () => {
    const tracking = await getPublishedArticle(db, scope, { locale: 'en', id: ids.tracking });
    expect((await listRelatedArticles(db, scope, tracking!)).map((article) => article.id)).toEqual([ids.refunds]);
    const returns = await getPublishedArticle(db, scope, { locale: 'en', id: ids.returns });
    expect((await listRelatedArticles(db, scope, returns!)).map((article) => article.id)).toEqual([ids.refunds]);
  });

  it('reports the searches that found nothing, most frequent first', async () => {
    await recordHelpSearch(db, scope, { query: 'gift wrapping', locale: 'en', resultCount: 0 });
    await recordHelpSearch(db, scope, { query: 'Gift wrapping', locale: 'en', resultCount: 0 });
    await recordHelpSearch(db, scope, { query: 'ラッピング', locale: 'ja', resultCount: 0 });
    await recordHelpSearch(db, scope, { query: 'return', locale: 'en', resultCount: 2 });
    const missed = await listSearchesWithoutResults(db, scope, new Date(Date.now() - 60_000));
    expect(missed.map((row) => [row.query.toLowerCase(), row.locale, row.searches])).toEqual([['gift wrapping', 'en', 2], ['ラッピング', 'ja', 1]]);
    expect(await listSearchesWithoutResults(db, other, new Date(Date.now() - 60_000))).toEqual([]);
  });
});
