import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { createTestWorkspace } from '../../../apps/server/src/testing/test-app.ts';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { createHelpArticle, deleteHelpArticle, getHelpArticle, listHelpArticles, saveHelpArticleTranslation, setHelpArticleStatus, updateHelpArticle } from './articles.ts';
import { createHelpCategory, deleteHelpCategory, listHelpCategories, reorderHelpCategories } from './categories.ts';
import { renderArticleMarkdown } from './markdown.ts';
import { slugify } from './text.ts';
import { listHelpfulVoteCounts, recordHelpfulVote } from './votes.ts';

describe('help-center articles', () => {
  let db: Database;
  let scope: AccountScope;
  let other: AccountScope;

  beforeAll(async () => {
    db = (await getTestDatabase()).db;
    const ws = await createTestWorkspace('Help articles shop');
    const ws2 = await createTestWorkspace('Other articles shop');
    scope = { accountId: ws.accountId, actor: { type: 'user', id: ws.admin.id, name: 'Admin', role: 'admin' } };
    other = { accountId: ws2.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  });

  it('makes slugs from Latin titles and none from Japanese ones', () => {
    expect(slugify('Crème brûlée: care & cleaning!')).toBe('creme-brulee-care-cleaning');
    expect(slugify('返品の方法')).toBe('');
  });

  it('gives a Japanese translation the English slug, and tells per language what is missing, draft or published', async () => {
    const article = await createHelpArticle(db, scope, { translations: { en: { title: 'Gift wrapping', body: 'We wrap for free.', status: 'published' } } });
    expect(article.authorUserId).toBe(scope.actor.id);
    const withJa = await saveHelpArticleTranslation(db, scope, article.id, 'ja', { title: 'ギフト包装', body: '無料で包装します。' });
    expect(withJa.translations.ja).toMatchObject({ slug: 'gift-wrapping', status: 'draft', publishedAt: null });
    const listed = (await listHelpArticles(db, scope, { locale: 'ja' })).find((row) => row.id === article.id);
    expect(listed).toMatchObject({ title: 'ギフト包装', coverage: { en: 'published', ja: 'draft', zh: 'missing' } });
  });

  it('refuses a slug another article of the same language uses, and a title left empty, changing nothing', async () => {
    const first = await createHelpArticle(db, scope, { translations: { en: { title: 'Size guide' } } });
    const second = await createHelpArticle(db, scope, { translations: { en: { title: 'Size chart' } } });
    await expect(saveHelpArticleTranslation(db, scope, second.id, 'en', { title: 'Size chart', slug: 'size-guide' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(saveHelpArticleTranslation(db, scope, second.id, 'en', { title: '  ' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(saveHelpArticleTranslation(db, scope, second.id, 'en', { title: 'Size chart', slug: 'Not A Slug' })).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await getHelpArticle(db, scope, second.id)).translations.en?.slug).toBe('size-chart');
    expect((await getHelpArticle(db, scope, first.id)).translations.en?.slug).toBe('size-guide');
  });

  it('publishes one language at a time and records the event in the outbox', async () => {
    const article = await createHelpArticle(db, scope, { translations: { en: { title: 'Store hours' }, zh: { title: '营业时间' } } });
    const published = await setHelpArticleStatus(db, scope, article.id, 'zh', 'published');
    expect(published.translations.zh?.status).toBe('published');
    expect(published.translations.zh?.publishedAt).not.toBeNull();
    expect(published.translations.en?.status).toBe('draft');
    const events = await db.select().from(schema.outbox).where(and(eq(schema.outbox.accountId, scope.accountId), eq(schema.outbox.type, 'help_article.published')));
    expect(events.map((event) => event.payload)).toContainEqual({ articleId: article.id, locale: 'zh' });
    await expect(setHelpArticleStatus(db, scope, article.id, 'ja', 'published')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps every account’s articles and categories to itself', async () => {
    const article = await createHelpArticle(db, scope, { translations: { en: { title: 'Private article' } } });
    const category = await createHelpCategory(db, scope, { names: { en: 'Mine' } });
    await expect(getHelpArticle(db, other, article.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteHelpArticle(db, other, article.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(createHelpArticle(db, other, { categoryId: category.id, translations: { en: { title: 'x' } } })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(updateHelpArticle(db, other, article.id, { categoryId: null })).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateHelpArticle(db, scope, article.id, { relatedArticleIds: [crypto.randomUUID()] })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(deleteHelpCategory(db, other, category.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('orders categories, refuses a duplicate slug, and leaves articles uncategorised when their category is deleted', async () => {
    const a = await createHelpCategory(db, scope, { names: { en: 'Payment', ja: 'お支払い' } });
    const b = await createHelpCategory(db, scope, { names: { ja: 'アカウント' }, slug: 'account' });
    await expect(createHelpCategory(db, scope, { names: { en: 'Payment' } })).rejects.toMatchObject({ code: 'conflict' });
    const all = (await listHelpCategories(db, scope)).map((category) => category.id);
    const reordered = await reorderHelpCategories(db, scope, [...all].reverse());
    expect(reordered.map((category) => category.id)).toEqual([...all].reverse());
    await expect(reorderHelpCategories(db, scope, [a.id])).rejects.toMatchObject({ code: 'validation_failed' });
    const article = await createHelpArticle(db, scope, { categoryId: b.id, translations: { en: { title: 'Delete my account' } } });
    expect((await listHelpCategories(db, scope)).find((category) => category.id === b.id)?.articleCount).toBe(1);
    await deleteHelpCategory(db, scope, b.id);
    expect((await getHelpArticle(db, scope, article.id)).categoryId).toBeNull();
  });

  it('counts one helpful vote per visitor and article, the latest one, and only on published translations', async () => {
    const article = await createHelpArticle(db, scope, { translations: { en: { title: 'Voting article', status: 'published' }, ja: { title: '投票' } } });
    await recordHelpfulVote(db, scope, { articleId: article.id, locale: 'en', visitorId: 'visitor-1', helpful: false });
    await recordHelpfulVote(db, scope, { articleId: article.id, locale: 'en', visitorId: 'visitor-1', helpful: true });
    await recordHelpfulVote(db, scope, { articleId: article.id, locale: 'en', visitorId: 'visitor-2', helpful: false });
    await expect(recordHelpfulVote(db, scope, { articleId: article.id, locale: 'ja', visitorId: 'visitor-3', helpful: true })).rejects.toMatchObject({ code: 'not_found' });
    await expect(recordHelpfulVote(db, other, { articleId: article.id, locale: 'en', visitorId: 'visitor-3', helpful: true })).rejects.toMatchObject({ code: 'not_found' });
    const counts = await listHelpfulVoteCounts(db, scope, new Date(Date.now() - 60_000));
    expect(counts.find((row) => row.articleId === article.id)).toEqual({ articleId: article.id, locale: 'en', title: 'Voting article', helpful: 1, notHelpful: 1 });
  });

  it('renders Markdown without letting scripts or raw HTML through', () => {
    const html = renderArticleMarkdown('# Care\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1)) [ok](https://example.test) ![pic](https://example.test/a.png)\n\n<img src=x onerror=alert(1)>');
    expect(html).toContain('<h1>Care</h1>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img src="x"');
    expect(html).not.toMatch(/href="javascript/);
    expect(html).toContain('<a href="https://example.test" rel="noopener noreferrer">ok</a>');
    expect(html).toContain('<img src="https://example.test/a.png" alt="pic" loading="lazy" decoding="async" />');
  });
});
