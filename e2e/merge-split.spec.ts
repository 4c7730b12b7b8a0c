import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { findAccountId, type ApiSession } from './support/api.ts';
import { expect, test } from './support/fixtures.ts';
import { createConversation, findDemoChatInbox, inboxUrl } from './support/inbox.ts';
import { createTranslator } from './support/ui-text.ts';

const t = createTranslator('en');
const zh = createTranslator('zh');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((violation) => ({ rule: violation.id, nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }));
  expect(summary, JSON.stringify(summary, null, 2)).toEqual([]);
}

/** A conversation with a demo contact other than the one createConversation uses, so the contacts differ. */
async function createConversationWithOtherContact(admin: ApiSession, subject: string, body: string) {
  const accountId = findAccountId(admin.me);
  const chat = await findDemoChatInbox(admin);
  const contacts = (await admin.get(`/accounts/${accountId}/contacts`)) as { items: { id: string; name: string }[] };
  const other = contacts.items.find((contact) => !contact.name.startsWith('Emma'))!;
  const created = (await admin.send('POST', `/accounts/${accountId}/conversations`, {
    inboxId: chat.id,
    contactId: other.id,
    subject,
    message: { body },
  })) as { id: string; number: number };
  return { ...created, subject, contactName: other.name };
}

test('an agent merges a conversation into another found by number, lands there, and a colleague’s open view follows', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const tag = randomUUID().slice(0, 8);
  const target = await createConversation(adminApi, { subject: `E2E keep ${tag}`, body: 'My order 1001 has not arrived.', assigneeId: null });
  const source = await createConversationWithOtherContact(adminApi, `E2E duplicate ${tag}`, 'Writing for my wife about order 1001.');

  const li = await openPage('li');
  await li.goto(inboxUrl(accountId, source.id, '?view=all'));
  await expect(li.getByRole('heading', { level: 2, name: source.subject })).toBeVisible();

  const page = await openPage('sam');
  await page.goto(inboxUrl(accountId, source.id, '?view=all'));
  await page.getByRole('button', { name: t('merge.open') }).click();
  const dialog = page.getByRole('dialog', { name: t('merge.title', { number: source.number }) });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(t('merge.search')).fill(String(target.number));
  const choice = dialog.getByRole('radio', { name: new RegExp(target.subject) });
  await choice.check();
  await expect(dialog.locator('.notice-warning')).toContainText(source.contactName);
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: t('merge.confirm', { number: target.number }) }).click();

  // The agent lands on the conversation that stays, with both threads in time order and the note.
  await expect(page).toHaveURL(new RegExp(`/conversations/${target.id}`));
  await expect(page.getByRole('heading', { level: 2, name: target.subject })).toBeVisible();
  await expect(page.locator('.message-inbound')).toHaveText([/My order 1001/, /Writing for my wife/]);
  await expect(page.locator('.message-note').filter({ hasText: `#${source.number}` })).toBeVisible();

  // Li had the merged one open: it now says where it went, and links there.
  await expect(li.locator('.merged-banner')).toContainText(zh('merge.bannerTitle', { number: target.number }));
  await li.getByRole('link', { name: zh('merge.openTarget', { number: target.number }) }).click();
  await expect(li.getByRole('heading', { level: 2, name: target.subject })).toBeVisible();
});

test('on a phone, an agent splits two messages off into a new conversation and is taken there', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const tag = randomUUID().slice(0, 8);
  const conversation = await createConversation(adminApi, { subject: `E2E two topics ${tag}`, body: 'Can I change my delivery address?', assigneeId: null });
  for (const body of ['Also: do you ship to Okinawa?', 'And how long does it take?']) {
    await adminApi.send('POST', `/accounts/${accountId}/conversations/${conversation.id}/customer-messages`, { body });
  }

  const page = await openPage('sam', { viewport: { width: 390, height: 844 } });
  await page.goto(inboxUrl(accountId, conversation.id, '?view=all'));
  const okinawa = page.locator('.message').filter({ hasText: 'Okinawa' });
  await okinawa.getByRole('button', { name: t('split.actionLabel') }).click();
  await page.locator('.message').filter({ hasText: 'how long' }).getByRole('checkbox').check();
  const bar = page.getByRole('toolbar', { name: t('split.toolbar') });
  await expect(bar).toContainText(t('split.selected', { count: 2 }));
  await bar.getByRole('button', { name: t('split.confirmOpen') }).click();

  const dialog = page.getByRole('dialog', { name: t('split.title') });
  await dialog.getByLabel(t('split.subject')).fill(`E2E shipping to Okinawa ${tag}`);
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: t('split.confirm') }).click();

  await expect(page.getByRole('heading', { level: 2, name: `E2E shipping to Okinawa ${tag}` })).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(`/conversations/${conversation.id}`));
  await expect(page.locator('.message-inbound')).toHaveText([/Okinawa/, /how long/]);
  await expect(page.locator('.message-note').filter({ hasText: `#${conversation.number}` })).toBeVisible();

  const original = (await adminApi.get(`/accounts/${accountId}/conversations/${conversation.id}`)) as { messages: { body: string; direction: string }[] };
  expect(original.messages.filter((message) => message.direction === 'inbound').map((message) => message.body)).toEqual(['Can I change my delivery address?']);
});
