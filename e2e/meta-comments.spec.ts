import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadMetaFixture } from '../packages/channels/src/meta/fixtures/meta-fixtures.ts';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { inboxUrl } from './support/inbox.ts';
import { createTranslator } from './support/ui-text.ts';

// The demo admin reads Japanese.
const ja = createTranslator('ja');
const APP_SECRET = 'e2e-meta-app-secret';
const PAGE_ID = '104857600000001';

/** Meta's Graph API on loopback: records what the server sends and answers like the Send API. */
async function startFakeGraph() {
  const received: { method: string; path: string; body: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(request.method === 'GET' ? 400 : 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(request.method === 'GET' ? { error: { message: 'no profile', code: 100 } } : { recipient_id: 'psid-e2e', message_id: `m_${randomUUID()}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('an agent answers a Facebook comment privately from the inbox, and the reply leaves as a private reply', async ({ openPage, adminApi }) => {
  const graph = await startFakeGraph();
  try {
    const accountId = findAccountId(adminApi.me);
    const inbox = (await adminApi.send('POST', `/accounts/${accountId}/inboxes`, { name: `Facebook ${randomUUID().slice(0, 6)}`, channel: 'messenger' })) as { id: string };
    const connected = await adminApi.request.fetch(`/api/v1/accounts/${accountId}/inboxes/${inbox.id}/channel`, {
      method: 'PUT',
      headers: { 'x-csrf-token': adminApi.me.csrfToken },
      data: { config: { pageId: PAGE_ID, apiBaseUrl: graph.url }, secrets: { pageAccessToken: 'e2e-token', appSecret: APP_SECRET, verifyToken: 'e2e-verify' } },
    });
    expect(connected.status()).toBe(200);
    const webhook = new URL(((await connected.json()) as { webhookUrl: string }).webhookUrl).pathname;

    const commentId = `880000000000001_${randomUUID().slice(0, 8)}`;
    const text = `Do you ship to Osaka? ${randomUUID().slice(0, 6)}`;
    const payload = loadMetaFixture('messenger-feed-comment', { at: new Date(), replace: { '880000000000001_990000000000001': commentId, 'Do you ship the linen shirt to Osaka?': text } });
    const posted = await adminApi.request.post(webhook, { data: payload, headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(payload).digest('hex')}` } });
    expect(posted.status()).toBe(200);

    const list = (await adminApi.get(`/accounts/${accountId}/conversations?inboxId=${inbox.id}`)) as { items: { id: string }[] };
    const conversationId = list.items[0]!.id;
    const page = await openPage('aiko');
    await page.goto(inboxUrl(accountId, conversationId));
    await expect(page.locator('.message-body').getByText(text)).toBeVisible();

    const publicly = page.getByRole('radio', { name: ja('inbox.replyPublicly'), exact: true });
    const privately = page.getByRole('radio', { name: ja('inbox.replyPrivately'), exact: true });
    await expect(publicly).toBeChecked();
    await expect(page.getByText(ja('inbox.replyPubliclyHint'))).toBeVisible();
    await privately.check();
    await expect(page.getByText(ja('inbox.replyPrivatelyHint'))).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel(ja('inbox.replyLabel')).fill('サイズ表をメッセージでお送りしました。');
    await page.getByRole('button', { name: ja('inbox.send'), exact: true }).click();
    await expect(page.locator('.message-outbound').filter({ hasText: 'サイズ表をメッセージでお送りしました。' })).toBeVisible();

    // The server's delivery worker sends it to the Graph API as a private reply to the comment.
    await expect.poll(() => graph.received.filter((request) => request.method === 'POST').map((request) => [new URL(request.path, graph.url).pathname, JSON.parse(request.body) as unknown])).toEqual([
      [`/v21.0/${PAGE_ID}/messages`, { recipient: { comment_id: commentId }, message: { text: 'サイズ表をメッセージでお送りしました。', metadata: expect.stringMatching(/^touchpoint:/) } }],
    ]);

    // On a phone the choice is still there, above the reply box.
    const phone = await openPage('aiko', { viewport: { width: 390, height: 844 } });
    await phone.goto(inboxUrl(accountId, conversationId));
    await expect(phone.getByRole('radio', { name: ja('inbox.replyPublicly'), exact: true })).toBeVisible();
    await expect(phone.getByRole('radio', { name: ja('inbox.replyPublicly'), exact: true })).toBeChecked();
  } finally {
    await graph.close();
  }
});
