import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as playwrightRequest } from '@playwright/test';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { inboxUrl } from './support/inbox.ts';
import { createTranslator } from './support/ui-text.ts';

/** The demo admin reads Japanese: the test finds things by what she reads. */
const t = createTranslator(DEMO_USERS.aiko.locale);

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as docs/channels.md "API channel" describes. */
function signBody(secret: string, body: string, at = Math.floor(Date.now() / 1000)): string {
  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}

function hasValidSignature(secret: string, body: string, header: string | undefined): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2] ?? '', 'hex'));
}

interface ReceivedReply {
  signed: boolean;
  body: { type?: string; message?: { id?: string; text?: string } };
}

/**
 * The partner system at the API channel's reply URL, on loopback: it records what Touchpoint posts and answers with
 * the status the test sets.
 */
async function startPartnerSystem(secret: string) {
  const received: ReceivedReply[] = [];
  let answer = { status: 422, body: '{"error":"recipient unknown"}' };
  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer((request, response) => {
    void readBody(request).then((text) => {
      received.push({ signed: hasValidSignature(secret, text, request.headers['x-touchpoint-signature'] as string | undefined), body: JSON.parse(text) as ReceivedReply['body'] });
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/touchpoint/replies`,
    received,
    answerWith(status: number, body: unknown) {
      answer = { status, body: JSON.stringify(body) };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('an admin connects an API channel in the console; a customer message comes in signed, and a reply that fails shows why and goes out on Retry', async ({ openPage, adminApi, baseURL }) => {
  const accountId = findAccountId(adminApi.me);
  const secret = `whsec-${randomUUID()}`;
  const partner = await startPartnerSystem(secret);
  const inboxName = `Partner app ${randomUUID().slice(0, 6)}`;
  const page = await openPage('aiko');

  try {
    // Create the inbox with its channel: it opens on its own page, not connected yet.
    await page.goto(`/a/${accountId}/settings/inboxes`);
    await page.getByLabel(t('inboxes.name'), { exact: true }).fill(inboxName);
    await page.getByLabel(t('inboxes.channel'), { exact: true }).selectOption('api');
    await expect(page.getByText(t('inboxes.channelHintConnect', { channel: t('channel.api') }))).toBeVisible();
    await page.getByRole('button', { name: t('inboxes.create') }).click();
    await expect(page.getByRole('heading', { level: 1, name: inboxName })).toBeVisible();
    const panel = page.getByRole('region', { name: t('channelSettings.heading', { channel: t('channel.api') }) });
    await expect(panel.getByText(t('channelSettings.notConnected'), { exact: true })).toBeVisible();

    // A bad reply URL is refused, and the reason stands next to the field.
    const replyUrl = panel.getByLabel(t('channelField.api.outboundUrl'));
    // The input only: once the secret is set, its label also names the "set" group and the Replace button.
    const secretInput = panel.locator('input').and(panel.getByLabel(t('channelField.api.signingSecret'), { exact: true }));
    await replyUrl.fill('not a url');
    await secretInput.fill(secret);
    await panel.getByRole('button', { name: t('channelSettings.connect') }).click();
    await expect(replyUrl).toHaveAttribute('aria-invalid', 'true');
    await expect(replyUrl).toHaveAccessibleDescription(new RegExp(t('channelSettings.errorUrl').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    await expect(panel.getByText(t('channelSettings.connected'), { exact: true })).toHaveCount(0);

    // Fixed, it connects: the webhook URL is shown to copy, the secret only as "set".
    await replyUrl.fill(partner.url);
    await panel.getByRole('button', { name: t('channelSettings.connect') }).click();
    await expect(panel.getByText(t('channelSettings.connected'), { exact: true })).toBeVisible();
    const webhookField = panel.getByLabel(t('channelSettings.webhookUrl'));
    await expect(webhookField).toHaveValue(/\/channels\/api\/[\w-]+$/);
    await expect(panel.getByRole('button', { name: t('common.copy') })).toBeVisible();
    const webhookUrl = await webhookField.inputValue();
    await expect(panel.getByRole('group', { name: t('channelField.api.signingSecret') })).toContainText(t('channelSettings.secretSet'));
    await expect(secretInput).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
    // …also after a reload, where everything comes from the server; Replace opens an empty input.
    await page.reload();
    await expect(replyUrl).toHaveValue(partner.url);
    expect(await page.content()).not.toContain(secret);
    await panel.getByRole('button', { name: t('channelSettings.replaceNamed', { name: t('channelField.api.signingSecret') }) }).click();
    await expect(secretInput).toHaveValue('');
    await expect(secretInput).toBeFocused();
    await panel.getByRole('button', { name: t('channelSettings.keepSecretNamed', { name: t('channelField.api.signingSecret') }) }).click();
    await expect(secretInput).toHaveCount(0);
    await expect(panel.getByRole('button', { name: t('channelSettings.replaceNamed', { name: t('channelField.api.signingSecret') }) })).toBeFocused();

    // The partner system posts a customer's message, signed, with a location.
    const provider = await playwrightRequest.newContext();
    const customerMessage = JSON.stringify({
      id: `m-${randomUUID()}`,
      sender: { id: `cust-${randomUUID().slice(0, 8)}`, name: 'Kenji Mori' },
      text: 'Is the Shibuya store open today?',
      location: { latitude: 35.6595, longitude: 139.7005, name: '<b>Shibuya crossing</b>', address: 'Shibuya, Tokyo' },
    });
    const posted = await provider.post(`${webhookUrl}/messages`, {
      data: customerMessage,
      headers: { 'content-type': 'application/json', 'x-touchpoint-signature': signBody(secret, customerMessage) },
    });
    expect(posted.status()).toBe(201);
    const { conversationId } = (await posted.json()) as { conversationId: string };
    await provider.dispose();

    // The admin opens it: the location is a map link, its name plain text.
    await page.goto(inboxUrl(accountId, conversationId));
    const inbound = page.locator('.message-inbound').filter({ hasText: 'Is the Shibuya store open today?' });
    const mapLink = inbound.getByRole('link', { name: '<b>Shibuya crossing</b>' });
    await expect(mapLink).toHaveAttribute('href', 'https://www.openstreetmap.org/?mlat=35.659500&mlon=139.700500#map=16/35.659500/139.700500');
    await expect(inbound.locator('b')).toHaveCount(0);

    // The partner refuses the reply (422): it fails at once, with the reason and a Retry button.
    const composer = page.getByLabel(t('inbox.replyLabel'));
    await composer.fill('Yes, until 9 pm.');
    await composer.press('Control+Enter');
    const reply = page.locator('.message-outbound').filter({ hasText: 'Yes, until 9 pm.' });
    await expect(reply.getByText(t('delivery.failed'))).toBeVisible();
    await expect(reply).toContainText('HTTP 422');
    const retry = reply.getByRole('button', { name: t('delivery.retry') });
    await expect(retry).toHaveAccessibleDescription(/HTTP 422/);
    await expectNoAxeViolations(page);
    expect(partner.received).toHaveLength(1);
    expect(partner.received[0]).toMatchObject({ signed: true, body: { type: 'message.created', message: { text: 'Yes, until 9 pm.' } } });

    // It takes the reply now: Retry, and the reply shows as sent, without a reload.
    partner.answerWith(200, { id: 'partner-msg-1' });
    await retry.click();
    await expect(reply.getByText(t('delivery.sent'), { exact: true })).toBeVisible();
    await expect(reply.getByText(t('delivery.failed'))).toHaveCount(0);
    expect(partner.received).toHaveLength(2);

    // The partner reports it read: the status moves on live.
    const statusBody = JSON.stringify({ id: 'partner-msg-1', status: 'read' });
    const statusContext = await playwrightRequest.newContext();
    const status = await statusContext.post(`${webhookUrl}/statuses`, {
      data: statusBody,
      headers: { 'content-type': 'application/json', 'x-touchpoint-signature': signBody(secret, statusBody) },
    });
    expect(status.status()).toBe(200);
    await statusContext.dispose();
    await expect(reply.getByText(t('delivery.read'), { exact: true })).toBeVisible();

    // Disconnecting asks first, then forgets the settings; the webhook answers 404 from then on.
    await page.goto(`/a/${accountId}/settings/inboxes`);
    await page.getByRole('link', { name: inboxName }).click();
    await panel.getByRole('button', { name: t('channelSettings.disconnect'), exact: true }).click();
    await panel.getByRole('button', { name: t('channelSettings.disconnectConfirm') }).click();
    await expect(panel.getByText(t('channelSettings.notConnected'), { exact: true })).toBeVisible();
    await expect(panel.getByLabel(t('channelField.api.outboundUrl'))).toHaveValue('');
    const after = await playwrightRequest.newContext({ baseURL });
    expect((await after.post(`${webhookUrl}/messages`, { data: customerMessage, headers: { 'content-type': 'application/json', 'x-touchpoint-signature': signBody(secret, customerMessage) } })).status()).toBe(404);
    await after.dispose();
  } finally {
    await partner.close();
  }
});

test('an in-store inbox says there is no provider to connect', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const inboxes = (await adminApi.get(`/accounts/${accountId}/inboxes`)) as { id: string; name: string; channel: string }[];
  const store = inboxes.find((inbox) => inbox.channel === 'in_store');
  if (!store) throw new Error('the demo workspace has an in-store inbox');
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/inboxes/${store.id}`);
  await expect(page.getByRole('heading', { level: 1, name: store.name })).toBeVisible();
  await expect(page.getByText(t('channelSettings.unsupported.in_store'))).toBeVisible();
  await expect(page.getByRole('button', { name: t('channelSettings.connect') })).toHaveCount(0);
});

test('an agent cannot open an inbox’s channel settings', async ({ openPage, adminApi }) => {
  const en = createTranslator('en');
  const accountId = findAccountId(adminApi.me);
  const inboxes = (await adminApi.get(`/accounts/${accountId}/inboxes`)) as { id: string }[];
  const page = await openPage('sam');
  await page.goto(`/a/${accountId}/settings/inboxes/${inboxes[0]?.id ?? ''}`);
  await expect(page.getByRole('heading', { level: 1, name: en('notFound.adminOnlyTitle') })).toBeVisible();
});

test('an admin connects a web chat inbox and gets the snippet for the shop’s pages', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const inboxName = `Site chat ${randomUUID().slice(0, 6)}`;
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/inboxes`);
  await page.getByLabel(t('inboxes.name'), { exact: true }).fill(inboxName);
  await page.getByLabel(t('inboxes.channel'), { exact: true }).selectOption('web_chat');
  await page.getByRole('button', { name: t('inboxes.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name: inboxName })).toBeVisible();
  const panel = page.getByRole('region', { name: t('channelSettings.heading', { channel: t('channel.web_chat') }) });
  await panel.getByLabel(t('channelField.web_chat.allowedOrigins')).fill('https://shop.example');
  await panel.getByRole('button', { name: t('channelSettings.connect') }).click();
  await expect(panel.getByLabel(t('channelSettings.widgetSnippet'))).toHaveValue(/^<script src="http:\/\/127\.0\.0\.1:\d+\/widget\/loader\.js" data-channel-key="[0-9a-f]{32}" async><\/script>$/);
  await expectNoAxeViolations(page);
});
