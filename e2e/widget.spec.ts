import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { findAccountId, openApiSession, type ApiSession } from './support/api.ts';
import { readAuthFile } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { inboxUrl } from './support/inbox.ts';
import { createTranslator } from './support/ui-text.ts';

/**
 * The chat widget on a host site: a page of its own origin (a small server started here), with the one script tag
 * a site adds. The visitor uses the widget in Chromium, the agent answers from the console.
 */

const ja = createTranslator('ja');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const IDENTITY_SECRET = `e2e-identity-${randomUUID()}`;
const INBOX_NAME = `Website chat ${randomUUID().slice(0, 6)}`;
const GREETING = 'Hi! Ask us about vases, shipping or returns.';

interface Chat {
  accountId: string;
  inboxId: string;
  channelKey: string;
  host: string;
}

let hostServer: Server | null = null;
let chat: Promise<Chat> | null = null;

const HOSTILE_CSS = `<style>
  * { all: unset !important; }
  html { font-size: 40px !important; }
  body { display: block !important; font: 40px/3 serif !important; color: #c00 !important; background: #ffe !important; }
  div, button, p { font-size: 44px !important; letter-spacing: 4px !important; box-sizing: content-box !important; }
  head, script, style { display: none !important; }
</style>`;

/** The host site: `/` (anonymous visitors), `/hostile` (CSS that tries to break the widget), `/user` (a signed-in user through the init call). */
function renderHostPage(url: URL, server: string, channelKey: string) {
  const loader = `${server}/widget/loader.js`;
  const head = url.pathname === '/hostile' ? HOSTILE_CSS : '';
  let widget = `<script src="${loader}" data-channel-key="${channelKey}" async></script>`;
  if (url.pathname === '/user') {
    const options = { channelKey, userId: url.searchParams.get('id'), userHash: url.searchParams.get('hash'), name: url.searchParams.get('name'), email: url.searchParams.get('email') };
    widget = `<script src="${loader}" async onload='TouchpointWidget.init(${JSON.stringify(options).replace(/'/g, '&#39;')})'></script>`;
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sakura Goods — vases</title>${head}</head>
<body><main><h1>Sakura Goods</h1><p>Hand-made vases from Kyoto.</p></main>${widget}</body></html>`;
}

/** A web_chat inbox of the demo account, connected for the host site (once per worker); Aiko, an admin, answers in it. */
async function setUpChat(baseURL: string): Promise<Chat> {
  const admin = await openApiSession(baseURL, readAuthFile('aiko'));
  try {
    const accountId = findAccountId(admin.me);
    let channelKey = '';
    hostServer = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://host.test');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderHostPage(url, baseURL, channelKey));
    });
    await new Promise<void>((resolve) => hostServer!.listen(0, '127.0.0.1', resolve));
    const host = `http://127.0.0.1:${(hostServer.address() as AddressInfo).port}`;
    const inbox = (await admin.send('POST', `/accounts/${accountId}/inboxes`, { name: INBOX_NAME, channel: 'web_chat' })) as { id: string };
    const connected = (await putChannel(admin, `/accounts/${accountId}/inboxes/${inbox.id}/channel`, {
      config: { allowedOrigins: host, greeting: GREETING, color: '#b4235a' },
      secrets: { identitySecret: IDENTITY_SECRET },
    })) as { webhookUrl: string };
    channelKey = connected.webhookUrl.split('/').at(-1)!;
    return { accountId, inboxId: inbox.id, channelKey, host };
  } finally {
    await admin.dispose();
  }
}

async function putChannel(admin: ApiSession, path: string, data: unknown) {
  const response = await admin.request.fetch(`/api/v1${path}`, { method: 'PUT', data, headers: { 'x-csrf-token': admin.me.csrfToken } });
  if (!response.ok()) throw new Error(`PUT ${path} answered ${response.status()}: ${await response.text()}`);
  return response.json();
}

test.afterAll(async () => {
  await new Promise((resolve) => (hostServer ? hostServer.close(resolve) : resolve(undefined)));
});

function setUp(baseURL: string | undefined) {
  chat ??= setUpChat(baseURL ?? '');
  return chat;
}

/** The widget's parts, found inside its shadow root (Playwright's locators pierce open shadow roots). */
function widgetOf(page: Page) {
  const dialog = page.getByRole('dialog', { name: INBOX_NAME });
  return {
    launcher: page.getByRole('button', { name: /^Open chat/ }),
    dialog,
    log: dialog.getByRole('log', { name: 'Messages' }),
    message: dialog.getByRole('textbox', { name: 'Message' }),
  };
}

async function openWidget(page: Page) {
  const widget = widgetOf(page);
  await widget.launcher.click();
  await expect(widget.dialog).toBeVisible();
  return widget;
}

async function findConversationId(admin: ApiSession, setup: Chat, text: string) {
  let id: string | undefined;
  await expect(async () => {
    const list = (await admin.get(`/accounts/${setup.accountId}/conversations?view=all&inboxId=${setup.inboxId}`)) as { items: { id: string; subject: string }[] };
    id = list.items.find((item) => item.subject.includes(text))?.id;
    expect(id).toBeTruthy();
  }).toPass();
  return id!;
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const summary = results.violations.map((violation) => ({ rule: violation.id, nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`) }));
  expect(summary, JSON.stringify(summary, null, 2)).toEqual([]);
}

const lastMessage = (log: Locator, text: string) => log.locator('.tp-msg').filter({ hasText: text });

test('a visitor writes from the host page, the agent answers from the console, and the reply shows live and after a reload', async ({ openPage, adminApi, baseURL }) => {
  const setup = await setUp(baseURL);
  const tag = randomUUID().slice(0, 8);
  const visitorPage = await openPage(null);
  await visitorPage.goto(`${setup.host}/`);
  const widget = await openWidget(visitorPage);
  await expect(widget.log).toContainText(GREETING);

  // The pre-chat form (or, with nobody online, the offline form asking for an email).
  await widget.dialog.getByLabel('Your name').fill(`Mika ${tag}`);
  await widget.dialog.getByLabel(/^Email/).fill(`mika-${tag}@example.test`);
  await widget.dialog.getByRole('button', { name: 'Start chat' }).click();
  await widget.message.fill(`Do you ship vases to Osaka? ${tag}`);
  await widget.message.press('Enter');
  await expect(lastMessage(widget.log, `Do you ship vases to Osaka? ${tag}`)).toBeVisible();
  await expect(widget.message).toHaveValue('');

  // The agent opens it in the console: the visitor sees it was read, then sees the agent typing, then the reply.
  const conversationId = await findConversationId(adminApi, setup, tag);
  const agentPage = await openPage('aiko');
  await agentPage.goto(inboxUrl(setup.accountId, conversationId));
  await expect(agentPage.locator('.message-inbound').filter({ hasText: `Do you ship vases to Osaka? ${tag}` })).toBeVisible();
  await expect(lastMessage(widget.log, tag)).toContainText('Seen');
  const composer = agentPage.getByLabel(ja('inbox.replyLabel'));
  // The console says "typing" at most every 3 s, and only once its socket is up: keep typing until the visitor sees it.
  const typing = widget.dialog.getByRole('status').filter({ hasText: 'Aiko Tanaka is typing…' });
  await expect(async () => {
    await composer.pressSequentially('Yes');
    await expect(typing).toBeVisible({ timeout: 1500 });
  }).toPass({ intervals: [3500], timeout: 20_000 });
  await composer.fill(`Yes, we ship to Osaka in two days. ${tag}`);
  await composer.press('Control+Enter');
  await expect(lastMessage(widget.log, `Yes, we ship to Osaka in two days. ${tag}`)).toContainText('Aiko Tanaka');

  // A reload keeps the conversation: no form again, both messages there.
  await visitorPage.reload();
  const again = await openWidget(visitorPage);
  await expect(lastMessage(again.log, `Do you ship vases to Osaka? ${tag}`)).toBeVisible();
  await expect(lastMessage(again.log, `Yes, we ship to Osaka in two days. ${tag}`)).toBeVisible();
  await expect(again.dialog.getByLabel('Your name')).toHaveCount(0);

  // Resolved: the visitor is asked to rate the help, and the agent sees the rating.
  await adminApi.send('PATCH', `/accounts/${setup.accountId}/conversations/${conversationId}`, { status: 'resolved' });
  const rating = again.dialog.getByRole('group', { name: 'How would you rate our help?' });
  await expect(rating).toBeVisible();
  // The fourth star, as a person clicks it; its radio button is named for screen readers.
  await rating.getByText('★').nth(3).click();
  await expect(rating.getByRole('radio', { name: '4 of 5' })).toBeChecked();
  await rating.getByLabel('Anything to add? (optional)').fill('Fast answer');
  await rating.getByRole('button', { name: 'Send rating' }).click();
  await expect(again.dialog.getByText('Thanks for your rating!')).toBeVisible();
  await expect(async () => {
    const view = (await adminApi.get(`/accounts/${setup.accountId}/conversations/${conversationId}`)) as { csat: { rating: number | null; comment: string } | null };
    expect(view.csat).toMatchObject({ rating: 4, comment: 'Fast answer' });
  }).toPass();
});

test('a signed-in user sends a file, continues on another device, sees unread replies on the launcher, and a wrong hash is refused', async ({ openPage, adminApi, baseURL }) => {
  const setup = await setUp(baseURL);
  const tag = randomUUID().slice(0, 8);
  const userId = `customer-${tag}`;
  const hash = createHmac('sha256', IDENTITY_SECRET).update(userId).digest('hex');
  const userPage = (h: string) => `${setup.host}/user?id=${encodeURIComponent(userId)}&hash=${h}&name=Ken%20Ito&email=${userId}%40example.test`;

  const laptop = await openPage(null);
  await laptop.goto(userPage(hash));
  const onLaptop = await openWidget(laptop);
  // The host page vouched for the user: no pre-chat form.
  await expect(onLaptop.dialog.getByLabel('Your name')).toHaveCount(0);
  await onLaptop.message.fill(`Where is order SG-1042? ${tag}`);
  await onLaptop.dialog.locator('input[type=file]').setInputFiles({ name: 'レシート.txt', mimeType: 'text/plain', buffer: Buffer.from('receipt SG-1042') });
  await expect(onLaptop.dialog.getByRole('button', { name: 'Remove レシート.txt' })).toBeVisible();
  await onLaptop.dialog.getByRole('button', { name: 'Send' }).click();
  await expect(lastMessage(onLaptop.log, tag)).toContainText('Download レシート.txt');

  const phone = await openPage(null, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(userPage(hash));
  const onPhone = await openWidget(phone);
  await expect(lastMessage(onPhone.log, `Where is order SG-1042? ${tag}`)).toBeVisible();

  // The agent has the file; their reply, while the laptop's chat is closed, shows as unread on its launcher.
  const conversationId = await findConversationId(adminApi, setup, tag);
  const view = (await adminApi.get(`/accounts/${setup.accountId}/conversations/${conversationId}`)) as { messages: { attachments: { fileName: string }[] }[] };
  expect(view.messages.flatMap((message) => message.attachments.map((file) => file.fileName))).toEqual(['レシート.txt']);
  await onLaptop.dialog.getByRole('button', { name: 'Close chat' }).click();
  await expect(onLaptop.dialog).toBeHidden();
  await adminApi.send('POST', `/accounts/${setup.accountId}/conversations/${conversationId}/messages`, { kind: 'reply', body: 'It ships tomorrow.' });
  await expect(laptop.getByRole('button', { name: 'Open chat (1 unread)' })).toBeVisible();
  await laptop.getByRole('button', { name: 'Open chat (1 unread)' }).click();
  await expect(lastMessage(onLaptop.log, 'It ships tomorrow.')).toBeVisible();
  await onLaptop.dialog.getByRole('button', { name: 'Close chat' }).click();
  await expect(laptop.getByRole('button', { name: 'Open chat', exact: true })).toBeVisible();

  const forged = await openPage(null);
  await forged.goto(userPage(createHmac('sha256', 'guessed-secret').update(userId).digest('hex')));
  const refused = await openWidget(forged);
  await expect(refused.dialog.getByRole('alert')).toHaveText('We could not verify who you are, so the chat is not available.');
  await expect(refused.log).toHaveCount(0);
});

test('the open widget passes axe on desktop and on a phone, where it fills the screen', async ({ openPage, baseURL }) => {
  const setup = await setUp(baseURL);
  const desktop = await openPage(null);
  await desktop.goto(`${setup.host}/`);
  const widget = await openWidget(desktop);
  await expect(widget.dialog.getByLabel('Your name')).toBeVisible();
  await expectNoAxeViolations(desktop);
  await widget.dialog.getByLabel(/^Email/).fill('axe@example.test');
  await widget.dialog.getByRole('button', { name: 'Start chat' }).click();
  await widget.message.fill('Checking accessibility');
  await widget.message.press('Enter');
  await expect(lastMessage(widget.log, 'Checking accessibility')).toBeVisible();
  await widget.dialog.getByRole('button', { name: 'Insert emoji' }).click();
  await expectNoAxeViolations(desktop);

  const phone = await openPage(null, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(`${setup.host}/`);
  const onPhone = await openWidget(phone);
  const box = await onPhone.dialog.boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
  await expectNoAxeViolations(phone);
  // Escape closes it and gives the launcher back.
  await phone.keyboard.press('Escape');
  await expect(onPhone.dialog).toBeHidden();
  await expect(onPhone.launcher).toBeFocused();
});

test('host page CSS that resets everything and sets huge fonts does not change the widget', async ({ openPage, baseURL }) => {
  const setup = await setUp(baseURL);
  const page = await openPage(null);
  await page.goto(`${setup.host}/hostile`);
  const widget = widgetOf(page);
  const launcherBox = await widget.launcher.boundingBox();
  expect(launcherBox).toMatchObject({ width: 56, height: 56 });
  await widget.launcher.click();
  await expect(widget.dialog).toBeVisible();
  const style = await widget.dialog.evaluate((element) => {
    const title = element.querySelector('h2')!;
    const computed = getComputedStyle(title);
    return { panelWidth: element.getBoundingClientRect().width, titleSize: computed.fontSize, titleColor: computed.color, position: getComputedStyle(element).position };
  });
  expect(style).toEqual({ panelWidth: 370, titleSize: '17px', titleColor: 'rgb(255, 255, 255)', position: 'fixed' });
  const fieldSize = await widget.dialog.getByLabel('Your name').evaluate((input) => getComputedStyle(input).fontSize);
  expect(fieldSize).toBe('16px');
});

test('speaks the browser’s language: Japanese and Chinese', async ({ openPage, baseURL }) => {
  const setup = await setUp(baseURL);
  const languages = [
    { locale: 'ja-JP', open: 'チャットを開く', title: 'チャットを始める前に', name: 'お名前', close: 'チャットを閉じる' },
    { locale: 'zh-CN', open: '打开聊天', title: '开始之前', name: '您的姓名', close: '关闭聊天' },
  ];
  for (const language of languages) {
    const page = await openPage(null, { locale: language.locale });
    await page.goto(`${setup.host}/`);
    await page.getByRole('button', { name: language.open }).click();
    const dialog = page.getByRole('dialog', { name: INBOX_NAME });
    await expect(dialog.getByRole('heading', { name: language.title })).toBeVisible();
    await expect(dialog.getByLabel(language.name)).toBeVisible();
    await expect(dialog.getByRole('button', { name: language.close })).toBeVisible();
  }
});
