import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from '@touchpoint/webhooks';
import { deliverQueuedReplies, postAgentReply } from '../testing/channel-delivery.ts';
import { eventsSettled } from '../testing/events-settled.ts';
import { createChannelInbox } from '../testing/channel-inbox.ts';
import { startFakeProvider } from '../testing/fake-provider.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let provider: Awaited<ReturnType<typeof startFakeProvider>>;
let inboxId: string;
let webhookUrl: string;
const SECRET = 'api-channel-secret-1';

const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;

/** Posts to the inbox's webhook as the customer's system does: JSON, signed with the inbox's secret. */
function postSigned(path: 'messages' | 'statuses', body: unknown, secret = SECRET) {
  const payload = JSON.stringify(body);
  return t.app.inject({
    method: 'POST',
    url: `${new URL(webhookUrl).pathname}/${path}`,
    payload,
    headers: { 'content-type': 'application/json', 'x-touchpoint-signature': signWebhookBody(secret, payload, new Date()) },
  });
}

const messageFrom = (id: string, senderId: string, text: string, extra: object = {}) => ({ id, sender: { id: senderId, name: 'Kiosk Customer' }, text, ...extra });

async function messagesOf(conversationId: string) {
  const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/conversations/${conversationId}`) });
  return response.json<{ messages: { id: string; direction: string; body: string; deliveryStatus: string | null; deliveryError: string | null }[] }>().messages;
}

async function reply(conversationId: string, body: string) {
  return postAgentReply(t, agent, ws.accountId, conversationId, { body });
}


async function deliver(backoffMs?: number[]) {
  await deliverQueuedReplies(t, ws.accountId, backoffMs);
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  provider = await startFakeProvider((request) => ({ status: 202, json: { id: `ext-${request.text.length}-${Date.now()}` } }));
  inboxId = await createChannelInbox(t, ws, admin, 'Kiosk', 'api');
});
afterAll(async () => {
  await provider.close();
  await t.close();
});

describe('connecting an API channel', () => {
  it('refuses missing and unknown settings with 400 and changes nothing', async () => {
    const missing = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: {}, secrets: {} } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['config.outboundUrl', 'secrets.signingSecret']);
    const unknown = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { outboundUrl: provider.url, colour: 'red' }, secrets: { signingSecret: SECRET } } });
    expect(unknown.statusCode).toBe(400);
    const state = await requestAs(t.app, admin, { method: 'GET', url: url(`/inboxes/${inboxId}/channel`) });
    expect(state.json()).toMatchObject({ connected: false, secretsSet: [] });
  });

  it('connects for admins only, and never shows the secret back', async () => {
    const asAgent = await requestAs(t.app, agent, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { outboundUrl: `${provider.url}/touchpoint` }, secrets: { signingSecret: SECRET } } });
    expect(asAgent.statusCode).toBe(403);
    const connected = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { outboundUrl: `${provider.url}/touchpoint` }, secrets: { signingSecret: SECRET } } });
    expect(connected.statusCode, connected.body).toBe(200);
    expect(connected.json()).toMatchObject({ connected: true, channel: 'api', secretsSet: ['signingSecret'], config: { outboundUrl: `${provider.url}/touchpoint` } });
    expect(connected.body).not.toContain(SECRET);
    webhookUrl = connected.json<{ webhookUrl: string }>().webhookUrl;
    expect(webhookUrl).toMatch(/^http:\/\/touchpoint\.test\/channels\/api\/[0-9a-f]{32}$/);
    // Saving again without the secret keeps it.
    const again = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { outboundUrl: `${provider.url}/touchpoint` } } });
    expect(again.json()).toMatchObject({ secretsSet: ['signingSecret'] });
  });
});

describe('messages in through the API channel', () => {
  it('stores a signed message once, however often it is delivered, and answers 401 for a bad signature', async () => {
    const first = await postSigned('messages', messageFrom('m-1', 'cust-1', 'Is the café open on Sunday?'));
    expect(first.statusCode, first.body).toBe(201);
    const again = await postSigned('messages', messageFrom('m-1', 'cust-1', 'Is the café open on Sunday?'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, duplicate: true });
    const { conversationId } = first.json<{ conversationId: string }>();
    expect((await messagesOf(conversationId)).filter((m) => m.direction === 'inbound')).toHaveLength(1);

    const forged = await postSigned('messages', messageFrom('m-2', 'cust-1', 'forged'), 'wrong-secret');
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect((await messagesOf(conversationId)).map((m) => m.body)).not.toContain('forged');
  });

  it('answers 400 naming the problem for malformed JSON and a missing sender, and 404 for an unknown inbox key', async () => {
    const payload = '{"id": "m-3",';
    const malformed = await t.app.inject({ method: 'POST', url: `${new URL(webhookUrl).pathname}/messages`, payload, headers: { 'content-type': 'application/json', 'x-touchpoint-signature': signWebhookBody(SECRET, payload, new Date()) } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().detail).toContain('not valid JSON');
    const noSender = await postSigned('messages', { id: 'm-4', text: 'hello' });
    expect(noSender.statusCode).toBe(400);
    expect(noSender.json().errors[0].path).toBe('sender');
    const unknown = await t.app.inject({ method: 'POST', url: '/channels/api/0123456789abcdef0123456789abcdef/messages', payload: '{}', headers: { 'content-type': 'application/json' } });
    expect(unknown.statusCode).toBe(404);
  });

  it('keeps one customer in one open conversation, and opens a new one once it is closed', async () => {
    const a = (await postSigned('messages', messageFrom('m-10', 'cust-2', 'First question'))).json<{ conversationId: string }>();
    const b = (await postSigned('messages', messageFrom('m-11', 'cust-2', 'Second question'))).json<{ conversationId: string }>();
    expect(b.conversationId).toBe(a.conversationId);
    await requestAs(t.app, admin, { method: 'PATCH', url: url(`/conversations/${a.conversationId}`), payload: { status: 'closed' } });
    const c = (await postSigned('messages', messageFrom('m-12', 'cust-2', 'A new matter'))).json<{ conversationId: string }>();
    expect(c.conversationId).not.toBe(a.conversationId);
    const contacts = await requestAs(t.app, admin, { method: 'GET', url: url('/contacts?q=Kiosk') });
    expect(contacts.json<{ items: unknown[] }>().items.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps the sender\'s own data under channelData.data, where it cannot pose as what Touchpoint records', async () => {
    const posted = await postSigned('messages', messageFrom('m-25', 'cust-25', 'Hello', { data: { html: '<b>bold</b>', visitor: 'someone-else', order: 'A-1' } }));
    expect(posted.statusCode, posted.body).toBe(201);
    const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/conversations/${posted.json().conversationId}`) });
    const stored = response.json<{ messages: { channelData: Record<string, unknown> }[] }>().messages.find((m) => m.channelData.data);
    expect(stored?.channelData).toEqual({ data: { html: '<b>bold</b>', visitor: 'someone-else', order: 'A-1' } });
  });

  it('lands two first messages sent at the same moment in one conversation', async () => {
    const [x, y] = await Promise.all([
      postSigned('messages', messageFrom('m-20', 'cust-3', 'hello?')),
      postSigned('messages', messageFrom('m-21', 'cust-3', 'anyone?')),
    ]);
    expect(x!.json().conversationId).toBe(y!.json().conversationId);
  });
});

describe('replies out through the API channel', () => {
  it('sends a signed reply to the endpoint, records its id, and follows status callbacks forward only', async () => {
    const { conversationId } = (await postSigned('messages', messageFrom('m-30', 'cust-4', 'Where is my order?'))).json<{ conversationId: string }>();
    const replyId = await reply(conversationId, 'It left the warehouse today.');
    expect((await messagesOf(conversationId)).find((m) => m.id === replyId)?.deliveryStatus).toBe('pending');
    const before = provider.received.length;
    await deliver();
    const sent = provider.received.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toBe('/touchpoint');
    expect(verifyWebhookSignature(SECRET, sent[0]!.text, String(sent[0]!.headers['x-touchpoint-signature']))).toBe(true);
    const body = JSON.parse(sent[0]!.text);
    expect(body).toMatchObject({ type: 'message.created', message: { id: replyId, text: 'It left the warehouse today.' }, recipient: { id: 'cust-4' }, conversation: { id: conversationId } });
    expect((await messagesOf(conversationId)).find((m) => m.id === replyId)?.deliveryStatus).toBe('sent');

    const providerId = `ext-${sent[0]!.text.length}`;
    const { db } = await getTestDatabase();
    const { schema } = await import('@touchpoint/db');
    const { eq } = await import('drizzle-orm');
    const [stored] = await db.select({ externalId: schema.messages.externalId }).from(schema.messages).where(eq(schema.messages.id, replyId));
    expect(stored!.externalId).toMatch(new RegExp(`^api:${providerId}-\\d+$`));
    const id = stored!.externalId!.slice('api:'.length);
    expect((await postSigned('statuses', { id, status: 'read' })).json()).toEqual({ changed: true });
    expect((await postSigned('statuses', { id, status: 'delivered' })).json()).toEqual({ changed: false });
    expect((await messagesOf(conversationId)).find((m) => m.id === replyId)?.deliveryStatus).toBe('read');
    // Notes never leave Touchpoint.
    await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversationId}/messages`), payload: { kind: 'note', body: 'internal only' } });
    await eventsSettled(ws.accountId);
    const count = provider.received.length;
    await deliver();
    expect(provider.received.length).toBe(count);
  });

  it('retries a reply the endpoint failed with 500, marks it failed with the reason once attempts run out, and sends it again on retry', async () => {
    const { conversationId } = (await postSigned('messages', messageFrom('m-40', 'cust-5', 'Refund please'))).json<{ conversationId: string }>();
    provider.setResponder(() => ({ status: 500, body: 'down' }));
    const replyId = await reply(conversationId, 'Refund issued.');
    await deliver([0]);
    let stored = (await messagesOf(conversationId)).find((m) => m.id === replyId)!;
    expect(stored).toMatchObject({ deliveryStatus: 'pending', deliveryError: 'the endpoint answered HTTP 500' });
    await deliver([0]);
    stored = (await messagesOf(conversationId)).find((m) => m.id === replyId)!;
    expect(stored).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'the endpoint answered HTTP 500' });

    provider.setResponder(() => ({ status: 200, json: { id: 'ext-after-retry' } }));
    const retried = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversationId}/messages/${replyId}/retry-delivery`) });
    expect(retried.statusCode, retried.body).toBe(200);
    await deliver();
    await vi.waitFor(async () => expect((await messagesOf(conversationId)).find((m) => m.id === replyId)).toMatchObject({ deliveryStatus: 'sent', deliveryError: null }));
    const twice = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversationId}/messages/${replyId}/retry-delivery`) });
    expect(twice.statusCode).toBe(409);
  });

  it('fails at once, without retrying, when the endpoint refuses the reply with a 4xx', async () => {
    const { conversationId } = (await postSigned('messages', messageFrom('m-50', 'cust-6', 'Hi'))).json<{ conversationId: string }>();
    provider.setResponder(() => ({ status: 422, body: 'unknown recipient' }));
    const replyId = await reply(conversationId, 'Hello!');
    await deliver([0, 0, 0]);
    const stored = (await messagesOf(conversationId)).find((m) => m.id === replyId)!;
    expect(stored.deliveryStatus).toBe('failed');
    expect(stored.deliveryError).toContain('HTTP 422 unknown recipient');
    provider.setResponder((request) => ({ status: 202, json: { id: `ext-${request.text.length}-${Date.now()}` } }));
  });

  it('stops accepting messages once disconnected', async () => {
    const disconnected = await requestAs(t.app, admin, { method: 'DELETE', url: url(`/inboxes/${inboxId}/channel`) });
    expect(disconnected.json()).toMatchObject({ connected: false, secretsSet: [] });
    expect((await postSigned('messages', messageFrom('m-60', 'cust-7', 'Hello?'))).statusCode).toBe(404);
  });
});
