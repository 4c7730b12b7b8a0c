import type { Page } from '@playwright/test';
import type { Locale } from '../apps/console/src/api/types.ts';
import { createAgent } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';
import { readText } from './support/ui-text.ts';

function findNavLink(page: Page, locale: Locale, key: 'nav.home' | 'nav.conversations' | 'nav.settings') {
  return page.getByRole('navigation', { name: readText(locale, 'nav.label') }).getByRole('link', { name: readText(locale, key), exact: true });
}

test('switches language to 日本語 and 中文 and the UI changes and persists after reload', async ({ openPage, adminApi, baseURL }) => {
  // A fresh agent: changing a demo login's language would change what other tests read.
  const agent = await createAgent(baseURL ?? '', adminApi, 'language');
  const page = await openPage(await agent.session.request.storageState());

  await page.goto('/');
  await expect(findNavLink(page, 'en', 'nav.home')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByLabel(readText('en', 'language.label'), { exact: true }).selectOption({ label: '日本語' });
  await expect(findNavLink(page, 'ja', 'nav.home')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.reload();
  await expect(findNavLink(page, 'ja', 'nav.conversations')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  await page.getByLabel(readText('ja', 'language.label'), { exact: true }).selectOption({ label: '中文（简体）' });
  await expect(findNavLink(page, 'zh', 'nav.home')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(findNavLink(page, 'zh', 'nav.settings')).toBeVisible();
  await expect(page.getByRole('region', { name: readText('zh', 'home.purposeHeading') })).toBeVisible();

  // The choice is saved on the profile (it follows the person to other devices)…
  const me = (await agent.session.get('/me')) as { user: { locale: string | null } };
  expect(me.user.locale).toBe('zh');
  // …and in the browser, so the sign-in page after signing out speaks it too.
  await page.getByRole('button', { name: readText('zh', 'shell.signOut') }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1, name: readText('zh', 'signIn.title') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await agent.session.dispose();
});

test('the language chosen on the sign-in page is kept before anyone signs in', async ({ openPage }) => {
  const page = await openPage(null);
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: readText('en', 'signIn.title') })).toBeVisible();
  await page.getByLabel(readText('en', 'language.label'), { exact: true }).selectOption({ label: '日本語' });
  await expect(page.getByRole('heading', { level: 1, name: readText('ja', 'signIn.title') })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(readText('ja', 'signIn.email'))).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
});

test('a Japanese browser gets the Japanese sign-in page', async ({ openPage }) => {
  const page = await openPage(null, { locale: 'ja-JP' });
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: readText('ja', 'signIn.title') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
});
