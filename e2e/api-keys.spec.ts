import { randomUUID } from 'node:crypto';
import { findAccountId } from './support/api.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

test('admin creates an API key and sees it once, then revokes it', async ({ openPage, adminApi, playwright, baseURL }) => {
  const t = createTranslator(DEMO_USERS.aiko.locale);
  const accountId = findAccountId(adminApi.me);
  const name = `E2E key ${randomUUID().slice(0, 6)}`;
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/api-keys`);
  await expect(page.getByRole('heading', { level: 1, name: t('settings.apiKeys') })).toBeVisible();

  await page.getByLabel(t('apiKeys.name')).fill(name);
  await page.getByRole('button', { name: t('apiKeys.create') }).click();

  const reveal = page.getByRole('region', { name: t('apiKeys.createdLabel') });
  const secret = reveal.getByLabel(t('apiKeys.secret'));
  await expect(secret).toHaveValue(/^tp_/);
  const key = await secret.inputValue();

  // The key works against the API, without a cookie or CSRF token…
  const bearer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  expect((await bearer.get(`/api/v1/accounts/${accountId}/home`)).status()).toBe(200);

  // …and is never shown again: not after "done", not after a reload.
  await reveal.getByRole('button', { name: t('apiKeys.savedIt') }).click();
  await expect(reveal).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(key.slice(0, 10));
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
  expect(await page.content()).not.toContain(key);

  await page.getByRole('button', { name: t('apiKeys.revokeNamed', { name }) }).click();
  await page.getByRole('button', { name: t('apiKeys.revokeConfirm') }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  expect((await bearer.get(`/api/v1/accounts/${accountId}/home`)).status()).toBe(401);
  await bearer.dispose();
});
