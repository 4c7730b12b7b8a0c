import { randomUUID } from 'node:crypto';
import { createAgent, findAccountId, signInApi } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator('en');

test('an agent changes their password and signs in with the new one', async ({ openPage, adminApi, baseURL }) => {
  const agent = await createAgent(baseURL ?? '', adminApi, 'password');
  const page = await openPage(await agent.session.request.storageState());
  await page.goto(`/a/${findAccountId(agent.session.me)}/settings/profile`);

  const newPassword = `new-${randomUUID()}`;
  await page.getByLabel(t('profile.currentPassword'), { exact: true }).fill(agent.password);
  await page.getByLabel(t('profile.newPassword'), { exact: true }).fill(newPassword);
  await page.getByLabel(t('profile.confirmPassword')).fill(newPassword);
  await page.getByRole('button', { name: t('profile.changePassword') }).click();
  await expect(page.getByRole('status').filter({ hasText: t('profile.passwordChanged') })).toBeVisible();

  const again = await signInApi(baseURL ?? '', agent.email, newPassword);
  expect(again.me.user.email).toBe(agent.email);
  await again.dispose();
  await agent.session.dispose();
});

test('signing out everywhere also signs out another open tab', async ({ openPage, adminApi, baseURL }) => {
  // The server re-checks the sessions of open sockets every 30 s.
  test.setTimeout(90_000);
  const agent = await createAgent(baseURL ?? '', adminApi, 'everywhere');
  const accountId = findAccountId(agent.session.me);
  const otherDevice = await signInApi(baseURL ?? '', agent.email, agent.password);

  const other = await openPage(await otherDevice.request.storageState());
  await other.goto(`/a/${accountId}`);
  await expect(other.locator('.live-open')).toBeVisible();

  const page = await openPage(await agent.session.request.storageState());
  await page.goto(`/a/${accountId}/settings/profile`);
  await page.getByRole('button', { name: t('profile.signOutEverywhere'), exact: true }).click();
  await page.getByRole('button', { name: t('profile.signOutEverywhereConfirm') }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await expect(other.getByRole('heading', { level: 1, name: t('signIn.title') })).toBeVisible({ timeout: 45_000 });
  await otherDevice.dispose();
  await agent.session.dispose();
});
