import type { Page } from '@playwright/test';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator(DEMO_USERS.sam.locale);
const PHONE = { width: 390, height: 844 };

// From the demo workspace (packages/demo), in inboxes Sam works in: Noah Williams wrote in the web chat about his
// shipping address, and Sam answered "Hi Noah! Yes — it hasn’t been packed yet…".
const NOAH = { query: 'Noah', contact: 'Noah Williams', subject: 'Can I change my shipping address?' };

const shellSearchBox = (page: Page) => page.getByRole('search').getByRole('searchbox', { name: t('search.label') });
const resultSection = (page: Page, title: string) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: title }) });

test('an agent searches from the shell box and sees conversations, a highlighted message and a contact, then opens a result', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('sam');
  await page.goto(`/a/${accountId}/contacts`);
  await expect(page.getByRole('heading', { level: 1, name: t('contacts.title') })).toBeVisible();

  const box = shellSearchBox(page);
  await box.fill(NOAH.query);
  await box.press('Enter');

  await expect(page).toHaveURL(new RegExp(`/a/${accountId}/search\\?q=${NOAH.query}$`));
  const title = t('search.titleFor', { query: NOAH.query });
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveTitle(`${title} · Touchpoint`);
  await expect(box).toHaveValue(NOAH.query);

  const conversations = resultSection(page, t('search.conversations'));
  const conversationLink = conversations.getByRole('link').filter({ hasText: NOAH.subject });
  await expect(conversationLink).toBeVisible();
  await expect(conversationLink).toContainText(NOAH.contact);

  const messages = resultSection(page, t('search.messages'));
  const reply = messages.getByRole('link').filter({ hasText: 'it hasn’t been packed yet' });
  await expect(reply.locator('mark')).toHaveText([NOAH.query]);
  await expect(reply).toContainText(t('search.outbound'));

  const contacts = resultSection(page, t('search.contacts'));
  const contactLink = contacts.getByRole('link').filter({ hasText: NOAH.contact });
  await expect(contactLink).toHaveAttribute('href', new RegExp(`/a/${accountId}/contacts/[0-9a-f-]{36}$`));

  await conversationLink.click();
  await expect(page).toHaveURL(new RegExp(`/a/${accountId}/conversations/[0-9a-f-]{36}$`));
  await expect(page.getByRole('heading', { level: 2, name: NOAH.subject })).toBeVisible();
  // Leaving the search page empties the box.
  await expect(box).toHaveValue('');
});

test('a conversation number lists that conversation on the results page instead of jumping to it', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const found = (await adminApi.get(`/accounts/${accountId}/search?q=${encodeURIComponent(NOAH.subject)}`)) as { conversations: { number: number; subject: string }[] };
  const number = found.conversations.find((conversation) => conversation.subject === NOAH.subject)?.number;
  expect(number).toBeDefined();

  const page = await openPage('sam');
  await page.goto(`/a/${accountId}`);
  await shellSearchBox(page).fill(`#${number}`);
  await shellSearchBox(page).press('Enter');
  const conversations = resultSection(page, t('search.conversations'));
  // Other tests' conversations may hold words starting with these digits, so only this one is looked for.
  await expect(conversations.getByRole('link').filter({ hasText: `#${number} ${NOAH.subject}` })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/search\\?q=%23${number}$`));
});

test('"/" focuses the search box unless the agent is typing in a field', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('sam');
  await page.goto(`/a/${accountId}/contacts`);
  await expect(page.getByRole('heading', { level: 1, name: t('contacts.title') })).toBeVisible();

  const contactSearch = page.getByRole('searchbox', { name: t('contacts.searchLabel') });
  await contactSearch.click();
  await page.keyboard.type('a/b');
  await expect(contactSearch).toHaveValue('a/b');
  await expect(shellSearchBox(page)).not.toBeFocused();

  await page.locator('h1').click();
  await page.keyboard.press('/');
  await expect(shellSearchBox(page)).toBeFocused();
  await expect(shellSearchBox(page)).toHaveValue('');

  // Also in an open conversation, where single keys are shortcuts too.
  await page.goto(`/a/${accountId}/search?q=${NOAH.query}`);
  await resultSection(page, t('search.conversations')).getByRole('link').filter({ hasText: NOAH.subject }).click();
  await expect(page.getByRole('heading', { level: 2, name: NOAH.subject })).toBeVisible();
  await page.locator('.thread').click();
  await page.keyboard.press('/');
  await expect(shellSearchBox(page)).toBeFocused();
});

test('on a phone the search button opens the box, the results read well, and both pass axe', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('sam', { viewport: PHONE });
  await page.goto(`/a/${accountId}`);
  await expect(page.locator('h1')).toBeVisible();

  const box = shellSearchBox(page);
  await expect(box).toBeHidden();
  const opener = page.getByRole('button', { name: t('search.open') });
  await opener.click();
  await expect(opener).toHaveAttribute('aria-expanded', 'true');
  await expect(box).toBeFocused();
  await expectNoAxeViolations(page);

  // Escape in the empty box closes it again and returns to the button.
  await box.press('Escape');
  await expect(box).toBeHidden();
  await expect(opener).toBeFocused();

  await opener.click();
  await box.fill(NOAH.query);
  await box.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: t('search.titleFor', { query: NOAH.query }) })).toBeVisible();
  // On the results page the box stays open with the query, to refine it.
  await expect(box).toBeVisible();
  await expect(box).toHaveValue(NOAH.query);
  const reply = resultSection(page, t('search.messages')).getByRole('link').filter({ hasText: 'it hasn’t been packed yet' });
  await expect(reply.locator('mark')).toHaveText([NOAH.query]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page);
});

test('a search with no results says so and suggests what to try', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('sam');
  const query = 'qqzzxxv';
  await page.goto(`/a/${accountId}/search?q=${query}`);
  await expect(page.getByText(t('search.empty', { query }))).toBeVisible();
  await expect(page.getByText(t('search.emptyHint'))).toBeVisible();
  await expect(page.locator('.search-section')).toHaveCount(0);
});

/*
 * Needs the server's spelling correction (`correctedQuery` in GET /search, being added alongside this page): "refnud"
 * (two letters of "refund" swapped) matches nothing as typed, so the server searches "refund" and says so. Demo data:
 * Sam's note "Refund approved; …" and reply "…I’ve refunded your shipping…" on Sofia's conversation.
 */
test('a misspelt word is searched as corrected and the page says which word it used', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('sam');
  await page.goto(`/a/${accountId}`);
  await shellSearchBox(page).fill('refnud');
  await shellSearchBox(page).press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: t('search.titleFor', { query: 'refnud' }) })).toBeVisible();
  const corrected = page.locator('.search-corrected');
  await expect(corrected).toContainText(t('search.correctedTo', { query: 'refund' }));
  await expect(corrected.locator('b')).toHaveText('refund');
  // The results, and their highlights, are for the corrected word.
  const messages = resultSection(page, t('search.messages'));
  await expect(messages.locator('mark').filter({ hasText: /^refund/i }).first()).toBeVisible();
});
