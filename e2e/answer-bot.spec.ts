import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { findAccountId, openApiSession, type ApiSession } from './support/api.ts';
import { readAuthFile } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { type ChatHostSite, startChatHostSite } from './support/host-site.ts';
import { inboxUrl } from './support/inbox.ts';
import { createTranslator } from './support/ui-text.ts';

/**
 * The answer bot end to end: a customer on a phone asks in the web chat, the bot answers from an intent an admin
 * taught it, offers quick replies and a "talk to a person" button; the customer asks for a person; the agent sees
 * the handover in the normal queue with what the bot said and why. Axe checks the widget and the console's parts.
 */

const ja = createTranslator('ja');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const TAG = randomUUID().slice(0, 6);
const INBOX_NAME = `Bot chat ${TAG}`;
const INTENT_NAME = `Gift wrapping ${TAG}`;
const REPLY = 'We wrap any order in furoshiki cloth for ¥300: tick “Gift wrap” at checkout.';

interface Setup {
  accountId: string;
  inboxId: string;
  host: string;
}

let site: ChatHostSite | null = null;
let setup: Promise<Setup> | null = null;

async function putJson(admin: ApiSession, method: 'PUT' | 'PATCH', path: string, data: unknown) {
  const response = await admin.request.fetch(`/api/v1${path}`, { method, data, headers: { 'x-csrf-token': admin.me.csrfToken } });
  if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${await response.text()}`);
  return response.json();
}

/** A web_chat inbox with the bot on, a host page allowed to embed it, and two intents (once per worker). */
async function setUpBot(baseURL: string): Promise<Setup> {
  const admin = await openApiSession(baseURL, readAuthFile('aiko'));
  try {
    const accountId = findAccountId(admin.me);
    site = await startChatHostSite(admin, { baseURL, accountId, inboxName: INBOX_NAME });
    await admin.send('POST', `/accounts/${accountId}/bot/intents`, {
      name: INTENT_NAME,
      replies: { en: REPLY, ja: 'ご注文は風呂敷で300円にてお包みします。', zh: '我们可用风吕敷包装，费用300日元。' },
      examples: ['can you gift wrap my order', 'do you offer gift wrapping', 'i want it wrapped as a present', 'gift wrap please', 'is gift wrapping free', 'ギフト包装はできますか', '礼品包装吗'],
    });
    await admin.send('POST', `/accounts/${accountId}/bot/intents`, {
      name: `Loyalty points ${TAG}`,
      replies: { en: 'Your Sakura points are on your account page.' },
      examples: ['how many loyalty points do i have', 'check my points balance', 'when do my points expire', 'ポイント残高を確認したい'],
    });
    await putJson(admin, 'PATCH', `/accounts/${accountId}/bot/inboxes/${site.inboxId}`, { enabled: true });
    await expect(async () => {
      expect(((await admin.get(`/accounts/${accountId}/bot/model`)) as { state: string }).state).toBe('ready');
    }).toPass({ timeout: 20_000 });
    return { accountId, inboxId: site.inboxId, host: site.url };
  } finally {
    await admin.dispose();
  }
}

test.afterAll(async () => {
  await site?.close();
});

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((violation) => ({ rule: violation.id, nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`) }));
  expect(summary, JSON.stringify(summary, null, 2)).toEqual([]);
}

test('a customer on a phone asks, the bot answers, the customer asks for a person, and the agent sees the handover with the bot’s reasons', async ({ openPage, adminApi, baseURL }) => {
  const { accountId, inboxId, host } = await (setup ??= setUpBot(baseURL ?? ''));
  const phone = await openPage(null, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(`${host}/`);
  await phone.getByRole('button', { name: /^Open chat/ }).click();
  const dialog = phone.getByRole('dialog', { name: INBOX_NAME });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/^Email/).fill(`gift-${TAG}@example.test`);
  await dialog.getByRole('button', { name: 'Start chat' }).click();
  const message = dialog.getByRole('textbox', { name: 'Message' });
  await message.fill(`Do you offer gift wrapping? ${TAG}`);
  await message.press('Enter');

  // The bot answers with the intent's reply, offers quick replies, and a person stays one tap away.
  const log = dialog.getByRole('log', { name: 'Messages' });
  const answer = log.locator('.tp-msg').filter({ hasText: REPLY });
  await expect(answer).toBeVisible();
  await expect(answer).toContainText('Answer bot');
  await expect(dialog.getByRole('list', { name: 'Suggested replies' }).getByRole('button', { name: 'Yes, thanks' })).toBeVisible();
  const talk = dialog.getByRole('button', { name: 'Talk to a person' });
  await expect(talk).toBeVisible();
  await expectNoAxeViolations(phone);

  await talk.click();
  await expect(log.locator('.tp-msg').filter({ hasText: 'passing you to a person' })).toBeVisible();
  await expect(talk).toBeHidden();

  // The agent finds it open in the normal queue, with what the bot said and why.
  let conversationId = '';
  await expect(async () => {
    const list = (await adminApi.get(`/accounts/${accountId}/conversations?view=all&inboxId=${inboxId}`)) as { items: { id: string; subject: string; status: string }[] };
    const found = list.items.find((item) => item.subject.includes(TAG));
    expect(found?.status).toBe('open');
    conversationId = found!.id;
  }).toPass();
  const agent = await openPage('aiko');
  await agent.goto(inboxUrl(accountId, conversationId));
  const activity = agent.getByTestId('bot-activity');
  await expect(activity.getByTestId('bot-state')).toHaveText(ja('bot.stateHandedOver', { reason: ja('bot.reason.customer_asked') }));
  await activity.getByText(ja('bot.activityTitle'), { exact: true }).click();
  await expect(activity).toContainText(ja('bot.action.answer'));
  await expect(activity).toContainText(ja('bot.turnWhy', { reason: ja('bot.reason.confident') }));
  await expect(activity).toContainText(`${ja('bot.kindIntent')}「${INTENT_NAME}」`);
  await expect(agent.locator('.message-outbound').filter({ hasText: REPLY })).toContainText(ja('bot.activityTitle'));
  await expectNoAxeViolations(agent);
});

test('an admin tries the bot in settings and sees the deflection report', async ({ openPage, baseURL }) => {
  const { accountId } = await (setup ??= setUpBot(baseURL ?? ''));
  const admin = await openPage('aiko');
  await admin.goto(`/a/${accountId}/settings/answer-bot`);
  await expect(admin.getByRole('heading', { level: 1, name: ja('settings.answerBot') })).toBeVisible();
  await expect(admin.getByTestId('bot-model-status')).not.toBeEmpty();
  const tryIt = admin.getByRole('region', { name: ja('bot.tryHeading') });
  await tryIt.getByLabel(ja('bot.tryQuestion')).fill('is gift wrapping free?');
  await tryIt.getByLabel(ja('bot.tryLanguage')).selectOption('en');
  await tryIt.getByRole('button', { name: ja('bot.tryButton') }).click();
  await expect(admin.getByTestId('bot-try-verdict')).toHaveText(ja('bot.tryAnswer', { title: INTENT_NAME }));
  await expect(admin.getByRole('checkbox', { name: new RegExp(INBOX_NAME) })).toBeChecked();
  await expectNoAxeViolations(admin);

  await admin.goto(`/a/${accountId}/reports`);
  const report = admin.getByTestId('bot-report');
  await expect(report.getByRole('heading', { name: ja('bot.reportHeading') })).toBeVisible();
  await expect(report.getByTestId('bot-deflection-rate')).toHaveText(/%$/);
  await expectNoAxeViolations(admin);
});
