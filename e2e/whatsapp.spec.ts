import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { inboxUrl } from './support/inbox.ts';
import { createTranslator } from './support/ui-text.ts';

const ja = createTranslator('ja');
const APP_SECRET = 'e2e-app-secret';
const ACCESS_TOKEN = 'e2e-access-token';

/** Meta's Graph API on loopback: the templates of the business account, and every message Touchpoint sends. */
async function startFakeGraph() {
  const sent: Record<string, unknown>[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return reply(401, { error: { message: 'Invalid OAuth access token', code: 190 } });
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method === 'GET' && path.endsWith('/message_templates')) {
        return reply(200, { data: [{ name: 'delivery_update', language: 'ja', category: 'UTILITY', status: 'APPROVED', components: [{ type: 'BODY', text: '{{1}}様、ご注文{{2}}は本日発送しました。' }, { type: 'FOOTER', text: 'Sakura Goods' }] }] });
      }
      if (req.method === 'POST' && path.endsWith('/messages')) {
        sent.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
        return reply(200, { messaging_product: 'whatsapp', messages: [{ id: `wamid.e2e-${sent.length}` }] });
      }
      return reply(404, { error: { message: 'Unsupported request', code: 100 } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('an admin connects WhatsApp and syncs templates; outside the 24-hour window an agent sends a template with its variables', async ({ openPage, adminApi }) => {
  const graph = await startFakeGraph();
  try {
    const accountId = findAccountId(adminApi.me);
    const tag = randomUUID().slice(0, 8);
    const inbox = (await adminApi.send('POST', `/accounts/${accountId}/inboxes`, { name: `WhatsApp E2E ${tag}`, channel: 'whatsapp' })) as { id: string };
    const phoneNumberId = `e2e${Date.now()}`;
    const connected = await adminApi.request.fetch(`/api/v1/accounts/${accountId}/inboxes/${inbox.id}/channel`, {
      method: 'PUT',
      headers: { 'x-csrf-token': adminApi.me.csrfToken },
      data: { config: { phoneNumberId, businessAccountId: 'waba-e2e', apiBaseUrl: graph.url }, secrets: { accessToken: ACCESS_TOKEN, appSecret: APP_SECRET, verifyToken: 'e2e-verify' } },
    });
    expect(connected.status()).toBe(200);
    const webhookPath = new URL(((await connected.json()) as { webhookUrl: string }).webhookUrl).pathname;
    // The admin fetches the inbox's templates from its settings page.
    const settings = await openPage('aiko');
    await settings.goto(`/a/${accountId}/settings/inboxes/${inbox.id}`);
    await expect(settings.getByText(ja('whatsapp.noTemplatesYet'))).toBeVisible();
    await settings.getByRole('button', { name: ja('whatsapp.syncTemplates') }).click();
    await expect(settings.getByRole('listitem').filter({ hasText: 'delivery_update' })).toBeVisible();
    await expect(settings.getByRole('status').filter({ hasText: ja('whatsapp.synced', { count: '1' }) })).toHaveCount(1);
    await expectNoAxeViolations(settings);

    // The customer wrote two days ago: the window is closed.
    const from = `8190${Date.now()}`;
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: 'waba-e2e', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '81312345678', phone_number_id: phoneNumberId },
        contacts: [{ profile: { name: `Haruka ${tag}` }, wa_id: from }],
        messages: [{ from, id: `wamid.e2e-in-${tag}`, timestamp: String(Math.floor(Date.now() / 1000) - 48 * 3600), type: 'text', text: { body: '注文はいつ届きますか？' } }],
      } }] }],
    });
    const posted = await adminApi.request.post(webhookPath, { data: body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}` } });
    expect(posted.status()).toBe(200);
    const conversations = (await adminApi.get(`/accounts/${accountId}/conversations?inboxId=${inbox.id}&view=all`)) as { items: { id: string }[] };
    const conversationId = conversations.items[0]!.id;

    const page = await openPage('aiko');
    await page.goto(inboxUrl(accountId, conversationId));
    await expect(page.locator('.thread').getByText('注文はいつ届きますか？')).toBeVisible();
    const notice = page.locator('.whatsapp-window');
    await expect(notice.getByRole('status')).toContainText(ja('whatsapp.windowClosed').split('{time}')[1]!.trim());
    await notice.getByRole('button', { name: ja('whatsapp.sendTemplate') }).click();

    const dialog = page.getByRole('dialog', { name: ja('whatsapp.templateTitle') });
    await expect(dialog.getByLabel(ja('whatsapp.template'))).toHaveValue('delivery_update:ja');
    const send = dialog.getByRole('button', { name: ja('whatsapp.send') });
    await expect(send).toBeDisabled();
    await dialog.getByLabel(ja('whatsapp.variable', { name: '{{1}}' })).fill('田中');
    await dialog.getByLabel(ja('whatsapp.variable', { name: '{{2}}' })).fill('#1042');
    await expect(dialog.locator('.whatsapp-template-preview')).toHaveText('田中様、ご注文#1042は本日発送しました。\n\nSakura Goods');
    await expectNoAxeViolations(page);
    await send.click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('.thread').getByText('田中様、ご注文#1042は本日発送しました。', { exact: false })).toBeVisible();

    // The server's delivery worker sends it as a template, variables as body parameters.
    await expect.poll(() => graph.sent.length, { timeout: 15_000 }).toBe(1);
    expect(graph.sent[0]).toMatchObject({ to: from, type: 'template', template: { name: 'delivery_update', language: { code: 'ja' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '田中' }, { type: 'text', text: '#1042' }] }] } });

    // The customer reacts to it: the reaction shows on the message, and as a message of its own.
    const reaction = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: 'waba-e2e', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '81312345678', phone_number_id: phoneNumberId },
        contacts: [{ profile: { name: `Haruka ${tag}` }, wa_id: from }],
        messages: [{ from, id: `wamid.e2e-reaction-${tag}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'reaction', reaction: { message_id: 'wamid.e2e-1', emoji: '🙏' } }],
      } }] }],
    });
    await adminApi.request.post(webhookPath, { data: reaction, headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(reaction).digest('hex')}` } });
    const templateMessage = page.locator('.message').filter({ hasText: '田中様、ご注文#1042は本日発送しました。' });
    await expect(templateMessage.locator('.message-reactions')).toHaveText(`${ja('message.reactions', { emojis: '🙏' })}🙏`);
    await expect(page.locator('.thread').getByText('Reacted 🙏 to “田中様、ご注文#1042は本日発送しました。”')).toBeVisible();
    // The window is open again: the bar says until when.
    await expect(notice.getByRole('status')).toContainText(ja('whatsapp.windowOpen').split('{time}')[1]!.trim());

    // On a phone the window notice and its button stay reachable.
    await page.setViewportSize({ width: 390, height: 800 });
    await expect(notice.getByRole('button', { name: ja('whatsapp.sendTemplate') })).toBeInViewport();
  } finally {
    await graph.close();
  }
});
