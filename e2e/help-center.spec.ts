import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

/** The demo account's public handle (packages/demo) and a phone like the ones most customers read help on. */
const HANDLE = 'sakura';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

test.describe('public help center on a phone', () => {
  test('picks Japanese from the browser, searches as the customer types, opens an article and takes a vote without fuss', async ({ openPage }) => {
    const page = await openPage(null, { ...PHONE, locale: 'ja-JP' });
    await page.goto(`/help/${HANDLE}`);
    await expect(page).toHaveURL(new RegExp(`/help/${HANDLE}/ja$`));
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByRole('heading', { level: 1, name: 'お困りですか？' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('searchbox', { name: 'ヘルプセンターを検索' }).pressSequentially('返品', { delay: 40 });
    const suggestion = page.locator('#hc-suggest').getByRole('link', { name: '返品の方法' });
    await expect(suggestion).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /候補: \d/ })).toBeAttached();
    // The keyboard reaches the results from the box (first result first), and Enter opens one.
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('#hc-suggest a').first()).toBeFocused();
    await suggestion.click();

    await expect(page).toHaveURL(new RegExp(`/help/${HANDLE}/ja/articles/return-an-item$`));
    await expect(page.getByRole('heading', { level: 1, name: '返品の方法' })).toBeVisible();
    await expect(page.getByText('作成者：Aiko Tanaka')).toBeVisible();
    await expect(page.getByRole('heading', { name: '関連記事' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'いいえ' }).click();
    await expect(page.getByText('フィードバックありがとうございました。')).toBeVisible();
    await expect(page.getByRole('link', { name: 'お問い合わせ' }).first()).toBeVisible();

    await page.getByRole('navigation', { name: '言語' }).getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(new RegExp(`/help/${HANDLE}/en/articles/return-an-item$`));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'How to return an item' })).toBeVisible();
  });

  test('shows search results and a category in Chinese, axe-clean, and lists the pages in its sitemap', async ({ openPage, request }) => {
    const page = await openPage(null, { ...PHONE, locale: 'zh-CN' });
    await page.goto(`/help/${HANDLE}/zh`);
    await page.getByRole('searchbox', { name: '搜索帮助中心' }).fill('退款');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect(page).toHaveURL(/\/zh\/search\?q=/);
    await expect(page.getByRole('heading', { level: 1, name: '“退款”的搜索结果' })).toBeVisible();
    await expect(page.getByRole('link', { name: '退款什么时候到账？' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto(`/help/${HANDLE}/zh/categories/shipping-delivery`);
    await expect(page.getByRole('heading', { level: 1, name: '配送与收货' })).toBeVisible();
    await expectNoAxeViolations(page);

    const sitemap = await request.get(`/help/${HANDLE}/sitemap.xml`);
    expect(await sitemap.text()).toContain(`/help/${HANDLE}/zh/articles/track-your-order</loc>`);
  });
});

test.describe('help center editor in the console', () => {
  test('an admin writes an article, translates it, publishes both languages and finds it on the public site', async ({ openPage, adminApi }) => {
    const accountId = findAccountId(adminApi.me);
    const t = createTranslator('ja');
    const page = await openPage('aiko');
    const unique = Date.now().toString(36);
    const title = `Gift wrapping ${unique}`;

    await page.goto(`/a/${accountId}/help-center`);
    await expect(page.getByRole('heading', { level: 1, name: t('help.title') })).toBeVisible();
    await expect(page.getByRole('link', { name: 'How to return an item' }).or(page.getByRole('link', { name: '返品の方法' }))).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: t('help.newArticle') }).click();
    await page.getByRole('tab', { name: /English/ }).click();
    await page.getByLabel(t('help.field.title')).fill(title);
    await page.getByLabel(t('help.field.description')).fill('We wrap any order for free.');
    await page.getByLabel(t('help.field.body')).fill('## Free wrapping\n\nTick **Gift wrap** at checkout.');
    await expect(page.getByRole('region', { name: t('help.preview') }).getByRole('heading', { name: 'Free wrapping' })).toBeVisible();
    // An image goes into the Markdown at the cursor, served from the public site.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6d4a10000000049454e44ae426082', 'hex');
    await page.getByTestId('help-image-input').setInputFiles({ name: 'ribbon.png', mimeType: 'image/png', buffer: png });
    await expect(page.getByLabel(t('help.field.body'))).toHaveValue(new RegExp(`!\\[ribbon\\]\\(/help/${HANDLE}/images/[0-9a-f-]{36}\\)`));
    await expect(page.getByRole('region', { name: t('help.preview') }).getByRole('img', { name: 'ribbon' })).toBeVisible();
    await page.getByRole('button', { name: t('help.saveDraft') }).click();
    await expect(page).toHaveURL(/\/help-center\/articles\/[0-9a-f-]{36}\?lang=en$/);
    await expect(page.getByRole('tab', { name: /English/ })).toContainText(t('help.status.draft'));
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: t('help.publish') }).click();
    await expect(page.getByRole('tab', { name: /English/ })).toContainText(t('help.status.published'));

    await page.getByRole('tab', { name: /日本語/ }).click();
    await page.getByLabel(t('help.field.title')).fill(`ギフト包装 ${unique}`);
    await page.getByLabel(t('help.field.body')).fill('ご注文時に**ギフト包装**を選んでください。');
    await page.getByRole('button', { name: t('help.publish') }).click();
    await expect(page.getByRole('tab', { name: /日本語/ })).toContainText(t('help.status.published'));

    const slug = `gift-wrapping-${unique}`;
    const english = await openPage(null, { ...PHONE });
    await english.goto(`/help/${HANDLE}/en/articles/${slug}`);
    await expect(english.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(english.getByRole('heading', { name: 'Free wrapping' })).toBeVisible();
    await expect(english.getByRole('img', { name: 'ribbon' })).toBeVisible();
    await english.goto(`/help/${HANDLE}/ja/articles/${slug}`);
    await expect(english.getByRole('heading', { level: 1, name: `ギフト包装 ${unique}` })).toBeVisible();

    // Clean up so reruns and other specs see the demo as it was.
    const articleId = new URL(page.url()).pathname.split('/').pop()!;
    await adminApi.send('DELETE', `/accounts/${accountId}/help-center/articles/${articleId}`);
  });
});

test('reports show helpful votes per article and searches that found nothing', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const t = createTranslator('ja');
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/reports`);
  const votes = page.getByRole('region', { name: `${t('help.reportHeading')}: ${t('help.reportVotes')}` });
  await expect(votes.getByRole('img', { name: new RegExp(t('help.reportChartLabel')) })).toBeVisible();
  await expect(votes.getByRole('rowheader', { name: '返品の方法' })).toBeVisible();
  const missed = page.getByRole('region', { name: `${t('help.reportHeading')}: ${t('help.reportMissed')}` });
  await expect(missed.getByRole('rowheader', { name: 'gift wrapping' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an admin adds a category in three languages and edits articles on a phone-sized console', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const t = createTranslator('ja');
  const page = await openPage('aiko', { viewport: { width: 390, height: 844 } });
  const slug = `gifts-${Date.now().toString(36)}`;
  await page.goto(`/a/${accountId}/help-center/categories`);
  await page.getByLabel(t('help.categoryName', { language: 'English' })).fill('Gifts');
  await page.getByLabel(t('help.categoryName', { language: '日本語' })).fill('ギフト');
  await page.getByLabel(t('help.categoryName', { language: '中文（简体）' })).fill('礼品');
  await page.getByLabel(t('help.field.slug')).fill(slug);
  await page.getByRole('button', { name: t('help.createCategory') }).click();
  await expect(page.getByText(slug)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/a/${accountId}/help-center`);
  await page.getByRole('link', { name: '返品の方法' }).click();
  await expect(page.getByRole('tab', { name: /日本語/ })).toHaveAttribute('aria-selected', 'true');
  await expectNoAxeViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const categories = (await adminApi.get(`/accounts/${accountId}/help-center/categories`)) as { id: string; slug: string }[];
  await adminApi.send('DELETE', `/accounts/${accountId}/help-center/categories/${categories.find((category) => category.slug === slug)!.id}`);
});
