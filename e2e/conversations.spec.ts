import { findAccountId } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';
import { createConversation, findRow } from './support/inbox.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator('en');

test('conversation list opens a conversation', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('sam');
  await page.goto(`/a/${accountId}`);
  await page.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name: t('nav.conversations') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('conversations.title') })).toBeVisible();

  const subject = (await page.locator('.inbox-row-link .inbox-row-subject').first().innerText()).trim();
  // By its subject: other tests add conversations, and the list may reload between reading a row and clicking it.
  await findRow(page, subject).locator('.inbox-row-link').first().click();

  await expect(page).toHaveURL(new RegExp(`/a/${accountId}/conversations/[0-9a-f-]{36}$`));
  await expect(page.getByRole('heading', { level: 2, name: subject })).toBeVisible();
  await expect(page.locator('.thread .message').first()).toBeVisible();
});

test('the status filter shows only conversations with that status', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const open = await createConversation(adminApi);
  const resolved = await createConversation(adminApi);
  await adminApi.send('PATCH', `/accounts/${accountId}/conversations/${resolved.id}`, { status: 'resolved' });
  const page = await openPage('sam');
  await page.goto(`/a/${accountId}/conversations?view=all`);
  await expect(findRow(page, open.subject)).toBeVisible();
  await page.getByLabel(t('inbox.status'), { exact: true }).first().selectOption('resolved');
  await expect(page).toHaveURL(/status=resolved/);
  // The list has been reloaded once the resolved conversation is in it and the open one is gone.
  await expect(findRow(page, open.subject)).toHaveCount(0);
  await findRow(page, resolved.subject).locator('.inbox-row-link').click();
  await expect(page.locator('.conversation-subline .badge-status-resolved')).toHaveText(t('status.resolved'));
});

test('contact search finds a contact and opens their orders and conversations', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('sam');
  await page.goto(`/a/${accountId}/contacts`);
  await page.getByRole('searchbox', { name: t('contacts.searchLabel') }).fill('Emma');
  await expect(page).toHaveURL(/q=Emma/);
  await expect(page.locator('.contact-list a')).toHaveCount(1);
  await page.locator('.contact-list a').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Emma Johnson' })).toBeVisible();
  await expect(page.getByRole('region', { name: t('contact.orders') }).getByRole('article', { name: 'SG-1042' })).toBeVisible();
  await expect(page.getByRole('region', { name: t('contact.conversations') }).getByRole('link').first()).toBeVisible();
});

test('admin switches to the second account with the account switcher', async ({ openPage, adminApi }) => {
  const ja = createTranslator('ja');
  const accountId = findAccountId(adminApi.me);
  const outletId = findAccountId(adminApi.me, 'Sakura Goods Outlet');
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/conversations`);
  await page.getByLabel(ja('account.switch')).selectOption({ label: 'Sakura Goods Outlet' });
  await expect(page).toHaveURL(new RegExp(`/a/${outletId}/conversations$`));
  await expect(page.getByLabel(ja('account.switch'))).toHaveValue(outletId);
});
