import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signWhatsAppBody } from '@touchpoint/channels';
import { schema } from '@touchpoint/db';
import { setCommunicationConsent } from '@touchpoint/customers';
import { whatsAppFixture } from '../../../../packages/channels/src/whatsapp/fixtures/whatsapp-fixtures.ts';
import { deliverQueuedReplies, postAgentReply } from '../testing/channel-delivery.ts';
import { eventsSettled } from '../testing/events-settled.ts';
import { createChannelInbox } from '../testing/channel-inbox.ts';
import { type ReceivedRequest, startFakeProvider } from '../testing/fake-provider.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let graph: Awaited<ReturnType<typeof startFakeProvider>>;
let inboxId: string;
let webhookPath: string;

const APP_SECRET = 'test-app-secret';
const VERIFY_TOKEN = 'test-verify-token';
const ACCESS_TOKEN = 'test-access-token';
const PHONE_NUMBER_ID = '1122334455667';
const WABA_ID = '1234567890987654321';
const IMAGE_BYTES = 'JFIF-not-really-a-jpeg-but-bytes-all-the-same';

const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
let sequence = 0;
const unique = (prefix: string) => `${prefix}${Date.now()}${(sequence += 1)}`;

/** The Graph API as the tests need it: sends, uploads, media, templates; every call must carry the access token. */
let sentCount = 0;
function answerGraph(request: ReceivedRequest) {
  if (request.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return { status: 401, json: { error: { message: 'Invalid OAuth access token', code: 190 } } };
  const path = request.path.split('?')[0];
  if (request.method === 'POST' && path === `/v21.0/${PHONE_NUMBER_ID}/messages`) return { json: { messaging_product: 'whatsapp', messages: [{ id: `wamid.out-${(sentCount += 1)}` }] } };
  if (request.method === 'POST' && path === `/v21.0/${PHONE_NUMBER_ID}/media`) return { json: { id: `media-up-${(sentCount += 1)}` } };
  if (request.method === 'GET' && path === '/v21.0/65463453') return { json: { url: `${graph.url}/lookaside/65463453?hash=abc`, mime_type: 'image/jpeg', file_size: IMAGE_BYTES.length, id: '65463453' } };
  if (request.method === 'GET' && path === '/lookaside/65463453') return { body: IMAGE_BYTES, headers: { 'content-type': 'image/jpeg' } };
  if (request.method === 'GET' && path === `/v21.0/${WABA_ID}/message_templates`) {
    const after = new URLSearchParams(request.path.split('?')[1]).get('after');
    if (!after) return { json: { data: [ORDER_UPDATE], paging: { cursors: { after: 'page-2' }, next: `${graph.url}${path}?after=page-2` } } };
    return { json: { data: [PENDING_PROMO, WITH_IMAGE_HEADER], paging: { cursors: { before: 'page-2' } } } };
  }
  return { status: 404, json: { error: { message: 'Unsupported get request', code: 100 } } };
}

const ORDER_UPDATE = {
  id: '101', name: 'order_update', language: 'en_US', category: 'UTILITY', status: 'APPROVED', parameter_format: 'POSITIONAL',
  components: [{ type: 'HEADER', format: 'TEXT', text: 'Order update' }, { type: 'BODY', text: 'Hi {{1}}, your order {{2}} is on its way.' }, { type: 'FOOTER', text: 'Touchpoint Shop' }],
};
const PENDING_PROMO = { id: '102', name: 'spring_sale', language: 'en_US', category: 'MARKETING', status: 'PENDING', components: [{ type: 'BODY', text: 'Spring sale!' }] };
const WITH_IMAGE_HEADER = { id: '103', name: 'new_arrival', language: 'ja', category: 'MARKETING', status: 'APPROVED', components: [{ type: 'HEADER', format: 'IMAGE' }, { type: 'BODY', text: '新商品 {{1}}' }] };

/** A real webhook body from the fixtures, made this test's own: its message id, sender and time. */
function customerMessage(file: string, variant: string, options: { id?: string; from: string; at?: Date; mutate?: (message: Record<string, unknown>) => void }) {
  const body = whatsAppFixture(file, variant) as { entry: { changes: { value: { contacts?: { wa_id: string }[]; messages: Record<string, unknown>[] } }[] }[] };
  const value = body.entry[0]!.changes[0]!.value;
  const message = value.messages[0]!;
  message.id = options.id ?? unique('wamid.in-');
  message.from = options.from;
  message.timestamp = String(Math.floor((options.at ?? new Date()).getTime() / 1000));
  for (const contact of value.contacts ?? []) contact.wa_id = options.from;
  options.mutate?.(message);
  return body;
}

function statusUpdate(variant: 'sent' | 'delivered' | 'read' | 'failed', messageId: string) {
  const body = whatsAppFixture('message_status', variant) as { entry: { changes: { value: { statuses: { id: string }[] } }[] }[] };
  body.entry[0]!.changes[0]!.value.statuses[0]!.id = messageId;
  return body;
}

/** Posts to the inbox's webhook as Meta does: the JSON bytes, signed with the app secret. */
function postSigned(body: unknown, secret = APP_SECRET) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return t.app.inject({ method: 'POST', url: webhookPath, payload, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsAppBody(secret, payload) } });
}

async function conversationOf(from: string) {
  const { db } = await getTestDatabase();
  const { and, eq } = await import('drizzle-orm');
  const [identity] = await db.select().from(schema.contactIdentities).where(and(eq(schema.contactIdentities.accountId, ws.accountId), eq(schema.contactIdentities.channel, 'whatsapp'), eq(schema.contactIdentities.externalId, from)));
  const [conversation] = await db.select().from(schema.conversations).where(and(eq(schema.conversations.accountId, ws.accountId), eq(schema.conversations.contactId, identity!.contactId)));
  return conversation!.id;
}

interface ApiMessage { id: string; direction: string; body: string; deliveryStatus: string | null; deliveryError: string | null; channelData: Record<string, unknown>; attachments: { id: string; fileName: string; contentType: string; byteSize: number; url: string }[] }

async function messagesOf(conversationId: string) {
  const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/conversations/${conversationId}`) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ messages: ApiMessage[] }>().messages;
}

async function reply(conversationId: string, body: string, attachmentIds?: string[]) {
  return postAgentReply(t, agent, ws.accountId, conversationId, { body, ...(attachmentIds ? { attachmentIds } : {}) });
}

async function deliver(backoffMs = [0]) {
  await deliverQueuedReplies(t, ws.accountId, backoffMs);
}

const sentToGraph = (since: number) => graph.received.slice(since).filter((request) => request.path.endsWith('/messages')).map((request) => JSON.parse(request.text) as Record<string, unknown>);

/** A customer who wrote just now, in a conversation of their own. */
async function customerWhoJustWrote(text = 'Hello from WhatsApp') {
  const from = unique('8190');
  const response = await postSigned(customerMessage('message', 'text', { from, mutate: (message) => { message.text = { body: text }; } }));
  expect(response.statusCode, response.body).toBe(200);
  return { from, conversationId: await conversationOf(from) };
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  graph = await startFakeProvider(answerGraph);
  inboxId = await createChannelInbox(t, ws, admin, 'WhatsApp', 'whatsapp');
});
afterAll(async () => {
  await graph.close();
  await t.close();
});

describe('connecting a WhatsApp inbox', () => {
  it('asks for the phone number id and the three secrets, with the Graph API address as a default', async () => {
    const missing = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: {}, secrets: {} } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['config.phoneNumberId', 'secrets.accessToken', 'secrets.appSecret', 'secrets.verifyToken']);
    const channels = await requestAs(t.app, admin, { method: 'GET', url: url('/channels') });
    expect(channels.json().find((c: { channel: string }) => c.channel === 'whatsapp').fields).toContainEqual({ key: 'apiBaseUrl', kind: 'url', defaultValue: 'https://graph.facebook.com' });
  });

  it('connects and shows the webhook URL, never the secrets', async () => {
    const connected = await requestAs(t.app, admin, {
      method: 'PUT', url: url(`/inboxes/${inboxId}/channel`),
      payload: { config: { phoneNumberId: PHONE_NUMBER_ID, businessAccountId: WABA_ID, apiBaseUrl: graph.url, apiVersion: 'v21.0' }, secrets: { accessToken: ACCESS_TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN } },
    });
    expect(connected.statusCode, connected.body).toBe(200);
    expect(connected.json()).toMatchObject({ connected: true, secretsSet: ['accessToken', 'appSecret', 'verifyToken'] });
    for (const secret of [ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN]) expect(connected.body).not.toContain(secret);
    webhookPath = new URL(connected.json<{ webhookUrl: string }>().webhookUrl).pathname;
    expect(webhookPath).toMatch(/^\/channels\/whatsapp\/[0-9a-f]{32}$/);
  });
});

describe('the WhatsApp webhook', () => {
  it('answers Meta’s verification handshake with the challenge, as text, only for the inbox’s verify token', async () => {
    const ok = await t.app.inject({ method: 'GET', url: `${webhookPath}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444` });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/plain');
    expect(ok.body).toBe('1158201444');
    const wrong = await t.app.inject({ method: 'GET', url: `${webhookPath}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444` });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.body).not.toContain('1158201444');
    const unknown = await t.app.inject({ method: 'GET', url: `/channels/whatsapp/0123456789abcdef0123456789abcdef?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1` });
    expect(unknown.statusCode).toBe(404);
  });

  it('stores a signed text message once, however often Meta delivers it, with the sender’s profile name', async () => {
    const from = unique('8190');
    const body = customerMessage('message', 'text', { from });
    const first = await postSigned(body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ received: 1, duplicates: 0, statuses: 0, ignored: 0 });
    const again = await postSigned(body);
    expect(again.json()).toEqual({ received: 0, duplicates: 1, statuses: 0, ignored: 0 });
    const conversationId = await conversationOf(from);
    const messages = await messagesOf(conversationId);
    expect(messages.filter((m) => m.direction === 'inbound')).toHaveLength(1);
    expect(messages[0]).toMatchObject({ body: 'Body Text', channelData: { type: 'text' } });
    const conversation = await requestAs(t.app, admin, { method: 'GET', url: url(`/conversations/${conversationId}`) });
    const contact = await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts/${conversation.json().contact.id}`) });
    expect(contact.json()).toMatchObject({ name: 'Test Name', phone: `+${from}` });
  });

  it('answers 401 for a wrong signature and 400 for a malformed body, storing nothing', async () => {
    const from = unique('8190');
    const forged = await postSigned(customerMessage('message', 'text', { from }), 'not-the-app-secret');
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    const unsigned = await t.app.inject({ method: 'POST', url: webhookPath, payload: JSON.stringify(customerMessage('message', 'text', { from })), headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
    const malformed = await postSigned('{"object": "whatsapp_business_account",');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().detail).toContain('not valid JSON');
    const noId = await postSigned(customerMessage('message', 'text', { from, mutate: (message) => { delete message.id; } }));
    expect(noId.statusCode).toBe(400);
    expect(noId.json().errors[0].path).toBe('entry.0.changes.0.value.messages.0.id');
    const { db } = await getTestDatabase();
    const { eq } = await import('drizzle-orm');
    expect(await db.select().from(schema.contactIdentities).where(eq(schema.contactIdentities.externalId, from))).toHaveLength(0);
  });

  it('downloads an image through the Graph API with the access token and attaches it to the message', async () => {
    const from = unique('8190');
    const before = graph.received.length;
    const body = customerMessage('message', 'image', { from });
    const response = await postSigned(body);
    expect(response.json()).toMatchObject({ received: 1 });
    const calls = graph.received.slice(before);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /v21.0/65463453', 'GET /lookaside/65463453?hash=abc']);
    expect(calls.every((call) => call.headers.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
    const [message] = await messagesOf(await conversationOf(from));
    expect(message!.attachments).toEqual([expect.objectContaining({ fileName: expect.stringMatching(/^image-.+\.jpg$/), contentType: 'image/jpeg', byteSize: IMAGE_BYTES.length })]);
    const file = await requestAs(t.app, admin, { method: 'GET', url: message!.attachments[0]!.url });
    expect(file.body).toBe(IMAGE_BYTES);
    // Delivered again: no second download.
    const count = graph.received.length;
    expect((await postSigned(body)).json()).toMatchObject({ duplicates: 1 });
    expect(graph.received.length).toBe(count);
  });

  it('keeps a message whose file cannot be downloaded, saying what failed', async () => {
    const from = unique('8190');
    const response = await postSigned(customerMessage('message', 'document', { from }));
    expect(response.json()).toMatchObject({ received: 1 });
    const [message] = await messagesOf(await conversationOf(from));
    expect(message!.attachments).toEqual([]);
    expect(message!.body).toBe('caption\n[document could not be downloaded from WhatsApp: WhatsApp did not give the file: (#100) Unsupported get request]');
    expect(message!.channelData).toMatchObject({ type: 'document', mediaError: 'WhatsApp did not give the file: (#100) Unsupported get request' });
  });

  it('does not download a file larger than the attachment limit, and keeps the message saying so', async () => {
    const small = await createTestApp({ env: { ATTACHMENT_MAX_BYTES: '10' } });
    try {
      const from = unique('8190');
      const payload = JSON.stringify(customerMessage('message', 'video', { from, mutate: (message) => { message.type = 'image'; message.image = { id: '65463453', mime_type: 'image/jpeg' }; } }));
      const before = graph.received.length;
      const response = await small.app.inject({ method: 'POST', url: webhookPath, payload, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsAppBody(APP_SECRET, payload) } });
      expect(response.json()).toMatchObject({ received: 1 });
      expect(graph.received.slice(before).map((call) => call.path)).toEqual(['/v21.0/65463453']);
      const [message] = await messagesOf(await conversationOf(from));
      expect(message).toMatchObject({ attachments: [], channelData: { mediaError: `the file is ${IMAGE_BYTES.length} bytes, more than the 10 bytes allowed` } });
      expect(message!.body).toBe(`[image could not be downloaded from WhatsApp: the file is ${IMAGE_BYTES.length} bytes, more than the 10 bytes allowed]`);
    } finally {
      await small.close();
    }
  });

  it('stores locations, shared contacts and button replies with a readable body', async () => {
    const from = unique('8190');
    const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000);
    await postSigned(customerMessage('message', 'chosen_location', { from, at: secondsAgo(3) }));
    await postSigned(customerMessage('message', 'contacts', { from, at: secondsAgo(2) }));
    await postSigned(customerMessage('callback_selection', 'description', { from, at: secondsAgo(1) }));
    const messages = await messagesOf(await conversationOf(from));
    expect(messages.map((m) => m.body.split('\n')[0])).toEqual(['📍 Facebook HQ, 1 Hacker Way, Menlo Park, CA 94025 (37.4611978, -122.2164385)', '👤 Chandler Bing · +1 555-555-5555', 'title']);
    expect(messages[2]!.channelData).toMatchObject({ reply: { type: 'list_reply', id: 'callback_data' } });
  });

  it('ignores changes for a business number no inbox of the account has', async () => {
    const body = customerMessage('message', 'text', { from: unique('8190') }) as unknown as { entry: { changes: { value: { metadata: { phone_number_id: string } } }[] }[] };
    body.entry[0]!.changes[0]!.value.metadata.phone_number_id = '999999999';
    expect((await postSigned(body)).json()).toEqual({ received: 0, duplicates: 0, statuses: 0, ignored: 1 });
  });
});

describe('replies out through WhatsApp', () => {
  it('sends a text reply inside the window to the customer’s number, records the wamid, and follows statuses forward only', async () => {
    const { from, conversationId } = await customerWhoJustWrote();
    const replyId = await reply(conversationId, 'Your parcel left the warehouse today.');
    const before = graph.received.length;
    await deliver();
    const sent = graph.received.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: `/v21.0/${PHONE_NUMBER_ID}/messages` });
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(JSON.parse(sent[0]!.text)).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: from, type: 'text', text: { body: 'Your parcel left the warehouse today.', preview_url: false } });
    const stored = (await messagesOf(conversationId)).find((m) => m.id === replyId)!;
    expect(stored.deliveryStatus).toBe('sent');
    const wamid = (stored.channelData.whatsappMessageIds as string[])[0]!;

    expect((await postSigned(statusUpdate('read', wamid))).json()).toMatchObject({ statuses: 1 });
    await postSigned(statusUpdate('delivered', wamid));
    expect((await messagesOf(conversationId)).find((m) => m.id === replyId)?.deliveryStatus).toBe('read');
  });

  it('marks a reply failed with WhatsApp’s reason when a failed status arrives', async () => {
    const { conversationId } = await customerWhoJustWrote();
    const replyId = await reply(conversationId, 'Can you confirm your address?');
    await deliver();
    const wamid = ((await messagesOf(conversationId)).find((m) => m.id === replyId)!.channelData.whatsappMessageIds as string[])[0]!;
    await postSigned(statusUpdate('failed', wamid));
    expect((await messagesOf(conversationId)).find((m) => m.id === replyId)).toMatchObject({ deliveryStatus: 'failed', deliveryError: "(#130472) User's number is part of an experiment: Failed to send message because this user's phone number is part of an experiment" });
  });

  it('uploads a file to WhatsApp and sends it with the reply as its caption', async () => {
    const { from, conversationId } = await customerWhoJustWrote('Can I see it?');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], { type: 'image/png' }), 'label.png');
    const request = new Request('http://local/', { method: 'POST', body: form });
    const uploaded = await requestAs(t.app, agent, { method: 'POST', url: url('/attachments'), payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    await reply(conversationId, 'Here is the label.', [uploaded.json<{ id: string }>().id]);
    const before = graph.received.length;
    await deliver();
    const calls = graph.received.slice(before);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([`POST /v21.0/${PHONE_NUMBER_ID}/media`, `POST /v21.0/${PHONE_NUMBER_ID}/messages`]);
    expect(calls[0]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(calls[0]!.text).toContain('name="messaging_product"\r\n\r\nwhatsapp');
    expect(calls[0]!.text).toContain('filename="label.png"');
    expect(calls[0]!.body.includes(Buffer.from([137, 80, 78, 71, 1, 2, 3]))).toBe(true);
    const mediaId = `media-up-${sentCount - 1}`;
    expect(JSON.parse(calls[1]!.text)).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: from, type: 'image', image: { id: mediaId, caption: 'Here is the label.' } });
  });

  it('refuses a free-form reply once 24 hours have passed since the customer wrote, without calling WhatsApp', async () => {
    const from = unique('8190');
    await postSigned(customerMessage('message', 'text', { from, at: new Date(Date.now() - 25 * 3600_000) }));
    const conversationId = await conversationOf(from);
    const replyId = await reply(conversationId, 'Sorry for the slow answer!');
    const before = graph.received.length;
    await deliver([0, 0, 0]);
    expect(graph.received.length).toBe(before);
    const stored = (await messagesOf(conversationId)).find((m) => m.id === replyId)!;
    expect(stored.deliveryStatus).toBe('failed');
    expect(stored.deliveryError).toMatch(/^outside WhatsApp's 24-hour window: the customer last wrote at .+; send an approved template$/);
  });

  it('fails at once with WhatsApp’s message on a 4xx, and retries a 5xx', async () => {
    const { conversationId } = await customerWhoJustWrote();
    graph.setResponder(() => ({ status: 400, json: { error: { message: '(#131030) Recipient phone number not in allowed list', type: 'OAuthException', code: 131030, error_data: { messaging_product: 'whatsapp', details: 'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.' } } } }));
    const refused = await reply(conversationId, 'Hello!');
    await deliver([0, 0]);
    expect((await messagesOf(conversationId)).find((m) => m.id === refused)).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'WhatsApp did not take the message: (#131030) Recipient phone number not in allowed list: Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.' });
    graph.setResponder(() => ({ status: 503, body: 'unavailable' }));
    const retried = await reply(conversationId, 'Hello again!');
    await deliver([0, 0]);
    expect((await messagesOf(conversationId)).find((m) => m.id === retried)).toMatchObject({ deliveryStatus: 'pending', deliveryError: 'WhatsApp did not take the message: HTTP 503 unavailable' });
    graph.setResponder(answerGraph);
    await deliver([0, 0]);
    expect((await messagesOf(conversationId)).find((m) => m.id === retried)).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });
  });

  it('shows a customer’s reaction on the reply it is about, and as a message in the thread', async () => {
    const { from, conversationId } = await customerWhoJustWrote();
    const replyId = await reply(conversationId, 'Your refund is on its way.');
    await deliver();
    const wamid = ((await messagesOf(conversationId)).find((m) => m.id === replyId)!.channelData.whatsappMessageIds as string[])[0]!;
    const reacted = await postSigned(customerMessage('message', 'reaction', { from, mutate: (message) => { message.reaction = { message_id: wamid, emoji: '👍' }; } }));
    expect(reacted.json()).toMatchObject({ received: 1 });
    await eventsSettled(ws.accountId);
    const messages = await messagesOf(conversationId);
    expect(messages.find((m) => m.id === replyId)!.channelData.reactions).toEqual({ [from]: { emoji: '👍', at: expect.any(String) } });
    const reaction = messages.find((m) => m.channelData.type === 'reaction')!;
    expect(reaction).toMatchObject({ direction: 'inbound', body: 'Reacted 👍 to “Your refund is on its way.”', channelData: { type: 'reaction', reaction: { messageId: wamid, emoji: '👍', targetMessageId: replyId } } });
    await postSigned(customerMessage('message', 'unreaction_empty', { from, mutate: (message) => { message.reaction = { message_id: wamid, emoji: '' }; } }));
    expect((await messagesOf(conversationId)).find((m) => m.id === replyId)!.channelData.reactions).toEqual({});
  });
});

describe('WhatsApp templates', () => {
  it('syncs an inbox’s templates from Meta for admins, across pages', async () => {
    const asAgent = await requestAs(t.app, agent, { method: 'POST', url: url(`/inboxes/${inboxId}/whatsapp-templates/sync`) });
    expect(asAgent.statusCode).toBe(403);
    const before = graph.received.length;
    const synced = await requestAs(t.app, admin, { method: 'POST', url: url(`/inboxes/${inboxId}/whatsapp-templates/sync`) });
    expect(synced.statusCode, synced.body).toBe(200);
    expect(graph.received.slice(before).map((call) => call.path)).toEqual([
      expect.stringMatching(new RegExp(`^/v21\\.0/${WABA_ID}/message_templates\\?limit=100&fields=`)),
      expect.stringContaining('after=page-2'),
    ]);
    const templates = synced.json<{ name: string; status: string; variables: string[]; sendable: boolean; preview: string }[]>();
    expect(templates.map((template) => [template.name, template.status, template.sendable])).toEqual([['new_arrival', 'APPROVED', false], ['order_update', 'APPROVED', true], ['spring_sale', 'PENDING', false]]);
    expect(templates[1]).toMatchObject({ variables: ['1', '2'], preview: 'Order update\n\nHi {{1}}, your order {{2}} is on its way.\n\nTouchpoint Shop' });
    const listed = await requestAs(t.app, admin, { method: 'GET', url: url(`/inboxes/${inboxId}/whatsapp-templates`) });
    expect(listed.json()).toHaveLength(3);
  });

  it('tells the composer the window is closed and offers the approved templates', async () => {
    const from = unique('8190');
    await postSigned(customerMessage('message', 'text', { from, at: new Date(Date.now() - 30 * 3600_000) }));
    const conversationId = await conversationOf(from);
    const state = await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversationId}/whatsapp-templates`) });
    expect(state.statusCode, state.body).toBe(200);
    expect(state.json()).toMatchObject({ connected: true, window: { open: false, lastInboundAt: expect.any(String) } });
    expect(state.json().templates.map((template: { name: string }) => template.name)).toEqual(['new_arrival', 'order_update']);
    const { conversationId: fresh } = await customerWhoJustWrote();
    expect((await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${fresh}/whatsapp-templates`) })).json().window.open).toBe(true);
  });

  it('sends an approved template with its variables outside the window, as a template', async () => {
    const from = unique('8190');
    await postSigned(customerMessage('message', 'text', { from, at: new Date(Date.now() - 48 * 3600_000) }));
    const conversationId = await conversationOf(from);
    const send = (payload: object) => requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversationId}/whatsapp-template`), payload });
    const tooFew = await send({ name: 'order_update', language: 'en_US', variables: ['Aiko'] });
    expect(tooFew.statusCode).toBe(400);
    expect(tooFew.json().errors).toEqual([{ path: 'variables', message: 'the template has 2 variables, 1 given' }]);
    expect((await send({ name: 'spring_sale', language: 'en_US', variables: [] })).statusCode).toBe(400);
    expect((await send({ name: 'no_such_template', language: 'en_US', variables: [] })).statusCode).toBe(404);

    const sent = await send({ name: 'order_update', language: 'en_US', variables: ['Aiko', '#1042'] });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ direction: 'outbound', body: 'Order update\n\nHi Aiko, your order #1042 is on its way.\n\nTouchpoint Shop', channelData: { template: { name: 'order_update', language: 'en_US' } } });
    await eventsSettled(ws.accountId);
    const before = graph.received.length;
    await deliver();
    expect(sentToGraph(before)).toEqual([{
      messaging_product: 'whatsapp', recipient_type: 'individual', to: from, type: 'template',
      template: { name: 'order_update', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Aiko' }, { type: 'text', text: '#1042' }] }] },
    }]);
    expect((await messagesOf(conversationId)).find((m) => m.id === sent.json().id)?.deliveryStatus).toBe('sent');
  });

  it('sends no template to a customer who turned WhatsApp off in their preferences', async () => {
    const from = unique('8190');
    await postSigned(customerMessage('message', 'text', { from, at: new Date(Date.now() - 48 * 3600_000) }));
    const conversationId = await conversationOf(from);
    const { db } = await getTestDatabase();
    const [conversation] = await db.select({ contactId: schema.conversations.contactId }).from(schema.conversations).where(eq(schema.conversations.id, conversationId));
    await setCommunicationConsent(db, ws.accountId, conversation!.contactId, { whatsapp: false }, 'portal');
    const refused = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversationId}/whatsapp-template`), payload: { name: 'order_update', language: 'en_US', variables: ['Aiko', '#1042'] } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('turned off WhatsApp');
    await setCommunicationConsent(db, ws.accountId, conversation!.contactId, { whatsapp: true }, 'agent');
    expect((await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversationId}/whatsapp-template`), payload: { name: 'order_update', language: 'en_US', variables: ['Aiko', '#1042'] } })).statusCode).toBe(201);
  });

  it('keeps a template’s status current from Meta’s template status webhook', async () => {
    const body = whatsAppFixture('template_status_update', 'rejected') as { entry: { changes: { value: { message_template_name: string; message_template_language: string } }[] }[] };
    body.entry[0]!.changes[0]!.value.message_template_name = 'order_update';
    body.entry[0]!.changes[0]!.value.message_template_language = 'en_US';
    expect((await postSigned(body)).statusCode).toBe(200);
    const listed = await requestAs(t.app, admin, { method: 'GET', url: url(`/inboxes/${inboxId}/whatsapp-templates`) });
    expect(listed.json().find((template: { name: string }) => template.name === 'order_update')).toMatchObject({ status: 'REJECTED', sendable: false });
  });

  it('refuses templates in a conversation that is not on WhatsApp', async () => {
    const { db } = await getTestDatabase();
    const { createConversation } = await import('@touchpoint/conversations');
    const { createContact } = await import('@touchpoint/contacts');
    const scope = { accountId: ws.accountId, actor: { type: 'system' as const, id: null, name: 'test', role: 'admin' as const } };
    const contact = await createContact(db, scope, { name: 'Chat customer' });
    const chat = await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'Chat', messages: [{ direction: 'inbound', body: 'hi', at: new Date() }] });
    const response = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${chat.id}/whatsapp-template`), payload: { name: 'order_update', language: 'en_US', variables: ['a', 'b'] } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toEqual({ path: 'conversationId', message: 'is not a WhatsApp conversation' });
  });
});

describe('disconnecting a WhatsApp inbox', () => {
  it('stops the webhook and refuses templates, keeping the conversations', async () => {
    const { conversationId } = await customerWhoJustWrote();
    const disconnected = await requestAs(t.app, admin, { method: 'DELETE', url: url(`/inboxes/${inboxId}/channel`) });
    expect(disconnected.json()).toMatchObject({ connected: false, secretsSet: [] });
    expect((await postSigned(customerMessage('message', 'text', { from: unique('8190') }))).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${webhookPath}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1` })).statusCode).toBe(404);
    const template = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversationId}/whatsapp-template`), payload: { name: 'order_update', language: 'en_US', variables: ['a', 'b'] } });
    expect(template.statusCode).toBe(400);
    expect(template.json().errors[0].message).toContain('not connected');
    const state = await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversationId}/whatsapp-templates`) });
    expect(state.json().connected).toBe(false);
    expect(await messagesOf(conversationId)).toHaveLength(1);
  });
});
