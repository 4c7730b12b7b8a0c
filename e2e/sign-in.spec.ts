import { createAgent } from './support/api.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { readText } from './support/ui-text.ts';

test.describe('sign-in', () => {
  test('signs in with a demo login and sees the purpose statement', async ({ openPage }) => {
    const page = await openPage(null);
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

    await page.getByLabel('Email').fill(DEMO_USERS.sam.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(/\/a\/[0-9a-f-]{36}$/);
    const purpose = page.getByRole('region', { name: readText('en', 'home.purposeHeading') });
    await expect(purpose).toBeVisible();
    await expect(purpose.getByTestId('purpose-statement')).not.toBeEmpty();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
  });

  test('a wrong password shows an error', async ({ openPage, adminApi, baseURL }) => {
    // A fresh login, so failed attempts never count against the shared demo logins' rate limit.
    const agent = await createAgent(baseURL ?? '', adminApi, 'wrong-password');
    const page = await openPage(null);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(agent.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('alert')).toHaveText(readText('en', 'error.invalidCredentials'));
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByLabel('Password')).toBeEmpty();
    await agent.session.dispose();
  });

  test('a rate-limited sign-in says how many minutes to wait', async ({ openPage }) => {
    const page = await openPage(null);
    // The server's limiter is shared by every test from this IP, so its 429 answer is played back here instead.
    await page.route('**/api/v1/auth/sign-in', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '540' },
        body: JSON.stringify({ type: 'https://touchpoint.dev/problems/rate_limited', title: 'Too many sign-in attempts', status: 429, code: 'rate_limited', detail: 'Too many failed sign-ins.' }),
      }),
    );
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(DEMO_USERS.sam.email);
    await page.getByLabel('Password').fill('whatever-it-is');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText(readText('en', 'error.rateLimitedOther', { minutes: 9 }));
  });

  test('a signed-out visitor is sent back to the page they asked for after signing in', async ({ openPage, adminApi }) => {
    const accountId = adminApi.me.accounts[0]?.id ?? '';
    const page = await openPage(null);
    await page.goto(`/a/${accountId}/contacts`);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await page.getByLabel('Email').fill(DEMO_USERS.sam.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`/a/${accountId}/contacts$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
  });
});
