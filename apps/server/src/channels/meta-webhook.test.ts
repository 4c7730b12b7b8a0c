import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { signMetaBody } from '@touchpoint/channels';
import { schema } from '@touchpoint/db';
import { loadMetaFixture } from '../../../../packages/channels/src/meta/fixtures/meta-fixtures.ts';
import { deliverQueuedReplies, postAgentReply } from '../testing/channel-delivery.ts';
import { eventsSettled } from '../testing/events-settled.ts';
import { type ReceivedRequest, startFakeProvider } from '../testing/fake-provider.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

const TOKEN = 'page-token-EAAB';
const APP_SECRET = 'meta-app-secret-1';
const VERIFY_TOKEN = 'verify-me-1';
const PAGE_ID = '104857600000001';
const PSID = '6001234567890123';
const IGSID = '1100223344556677';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let graph: Awaited<ReturnType<typeof startFakeProvider>>;
const inboxes = { messenger: { id: '', path: '' }, instagram: { id: '', path: '' } };
/** Names the fake Graph API knows; any other id is refused, as Meta refuses a profile it will not share. */
const profiles = new Map<string, { name?: string; username?: string }>([[PSID, { name: 'Aiko Tanaka' }], [IGSID, { name: '', username: 'kenji.makes' }]]);
let sent = 0;

type Channel = 'messenger' | 'instagram';
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const fresh = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;

/** The Graph API and Meta's CDN, faked on loopback: profiles, the Send API, comment replies, files. */
function answerAsMeta(request: ReceivedRequest) {
  const { pathname, searchParams } = new URL(request.path, 'http://graph.test');
  if (pathname.startsWith('/cdn/missing/')) return { status: 404, body: 'gone' };
  if (pathname.startsWith('/cdn/')) return { status: 200, body: 'PNG-BYTES', headers: { 'content-type': 'image/png' } };
  if (searchParams.get('access_token') !== TOKEN) return { status: 400, json: { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } } };
  const [, version, node, edge] = pathname.split('/');
  if (version !== 'v21.0') return { status: 400, json: { error: { message: 'Unknown version', code: 2635 } } };
  if (request.method === 'GET' && !edge) {
    const profile = profiles.get(node!);
    return profile ? { json: { id: node, ...profile } } : { status: 400, json: { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100, error_subcode: 33 } } };
  }
  const body = JSON.parse(request.text || '{}') as { recipient?: { id?: string; comment_id?: string } };
  if (node === 'me' && edge === 'messages') return { json: { recipient_id: body.recipient?.id, message_id: `m_sent_${++sent}` } };
  if (node === PAGE_ID && edge === 'messages') return { json: { recipient_id: `psid-of-${body.recipient?.comment_id}`, message_id: `m_private_${++sent}` } };
  if (edge === 'comments' || edge === 'replies') return { json: { id: `reply_${++sent}` } };
  return { status: 404, json: { error: { message: 'Unknown path', code: 803 } } };
}

/** Posts a payload to an inbox's webhook as Meta does: the raw JSON, signed with the app secret. */
function postWebhook(channel: Channel, payload: string, secret = APP_SECRET) {
  return t.app.inject({ method: 'POST', url: inboxes[channel].path, payload, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(secret, payload) } });
}

async function deliver(backoffMs = [0]) {
  await deliverQueuedReplies(t, ws.accountId, backoffMs);
}

async function messageByExternalId(externalId: string) {
  const { db } = await getTestDatabase();
  const [row] = await db.select().from(schema.messages).where(and(eq(schema.messages.accountId, ws.accountId), eq(schema.messages.externalId, externalId)));
  return row ?? null;
}

interface ShownMessage { id: string; direction: string; body: string; deliveryStatus: string | null; deliveryError: string | null; channelData: Record<string, unknown>; attachments: { fileName: string; contentType: string }[] }

async function conversationOf(conversationId: string) {
  const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/conversations/${conversationId}`) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ contact: { id: string; name: string }; messages: ShownMessage[] }>();
}

async function reply(conversationId: string, body: string, channelOptions?: Record<string, string>) {
  return postAgentReply(t, admin, ws.accountId, conversationId, { body, ...(channelOptions ? { channelOptions } : {}) });
}

/** A customer's direct message: returns its conversation. */
async function customerWrites(channel: Channel, options: { sender?: string; mid?: string; at?: Date; text?: string } = {}) {
  const fixture = channel === 'messenger' ? 'messenger-text' : 'instagram-text';
  const replace: Record<string, string> = {};
  if (options.sender) replace[channel === 'messenger' ? PSID : IGSID] = options.sender;
  const mid = options.mid ?? fresh('m_');
  replace[channel === 'messenger' ? 'm_text-1' : 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAx'] = mid;
  if (options.text) replace[channel === 'messenger' ? 'Hi! Has my order #1042 shipped yet?' : 'Do you have the tote in green?'] = options.text;
  const response = await postWebhook(channel, loadMetaFixture(fixture, { at: options.at ?? new Date(), replace }));
  expect(response.statusCode, response.body).toBe(200);
  const message = await messageByExternalId(`${channel}:${mid}`);
  return { conversationId: message!.conversationId, mid };
}

const sentSince = (before: number) => graph.received.slice(before).filter((request) => !request.path.startsWith('/cdn/'));

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  graph = await startFakeProvider(answerAsMeta);
  for (const channel of ['messenger', 'instagram'] as const) {
    const created = await requestAs(t.app, admin, { method: 'POST', url: url('/inboxes'), payload: { name: channel === 'messenger' ? 'Facebook page' : 'Instagram', channel } });
    inboxes[channel].id = created.json<{ id: string }>().id;
  }
});
afterAll(async () => {
  await graph.close();
  await t.close();
});

describe('connecting Messenger and Instagram', () => {
  it('asks for the page id, the page access token, the app secret and the verify token', async () => {
    const missing = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxes.messenger.id}/channel`), payload: { config: {}, secrets: {} } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['config.pageId', 'secrets.appSecret', 'secrets.pageAccessToken', 'secrets.verifyToken']);
    const channels = await requestAs(t.app, admin, { method: 'GET', url: url(`/inboxes/${inboxes.instagram.id}/channel`) });
    expect(channels.json().fields).toContainEqual({ key: 'apiBaseUrl', kind: 'url', defaultValue: 'https://graph.facebook.com' });
  });

  it('connects both inboxes with the Graph API address as a setting, never showing a secret back', async () => {
    for (const channel of ['messenger', 'instagram'] as const) {
      const connected = await requestAs(t.app, admin, {
        method: 'PUT',
        url: url(`/inboxes/${inboxes[channel].id}/channel`),
        payload: { config: { pageId: PAGE_ID, apiBaseUrl: graph.url }, secrets: { pageAccessToken: TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN } },
      });
      expect(connected.statusCode, connected.body).toBe(200);
      expect(connected.json()).toMatchObject({ connected: true, secretsSet: ['appSecret', 'pageAccessToken', 'verifyToken'] });
      for (const secret of [TOKEN, APP_SECRET, VERIFY_TOKEN]) expect(connected.body).not.toContain(secret);
      inboxes[channel].path = new URL(connected.json<{ webhookUrl: string }>().webhookUrl).pathname;
      expect(inboxes[channel].path).toMatch(new RegExp(`^/channels/${channel}/[0-9a-f]{32}$`));
    }
  });
});

describe('the Meta webhook', () => {
  it('answers the subscription handshake with the challenge for the inbox’s verify token, 403 otherwise', async () => {
    const ok = await t.app.inject({ method: 'GET', url: `${inboxes.messenger.path}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444` });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/plain');
    expect(ok.body).toBe('1158201444');
    const wrong = await t.app.inject({ method: 'GET', url: `${inboxes.instagram.path}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444` });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).not.toContain('1158201444');
    const unknown = await t.app.inject({ method: 'GET', url: `/channels/messenger/${'0'.repeat(32)}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1` });
    expect(unknown.statusCode).toBe(404);
  });

  it('answers 401 for a missing or wrong X-Hub-Signature-256 and stores nothing', async () => {
    const mid = fresh('m_forged-');
    const payload = loadMetaFixture('messenger-text', { at: new Date(), replace: { 'm_text-1': mid } });
    const unsigned = await t.app.inject({ method: 'POST', url: inboxes.messenger.path, payload, headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
    const forged = await postWebhook('messenger', payload, 'not-the-app-secret');
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect(await messageByExternalId(`messenger:${mid}`)).toBeNull();
  });

  it('answers 400 naming the problem for malformed JSON, a malformed event and another channel’s object', async () => {
    const malformed = await postWebhook('messenger', '{"object":"page","entry":[');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().detail).toContain('not valid JSON');
    const noSender = await postWebhook('messenger', JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, messaging: [{ recipient: { id: PAGE_ID }, message: { mid: 'm_x', text: 'hi' } }] }] }));
    expect(noSender.statusCode).toBe(400);
    expect(noSender.json().errors[0].path).toBe('entry.0.messaging.0.sender');
    const instagramToMessenger = await postWebhook('messenger', loadMetaFixture('instagram-text'));
    expect(instagramToMessenger.statusCode).toBe(400);
    expect(instagramToMessenger.json().errors[0].path).toBe('object');
  });
});

describe('Messenger messages in', () => {
  it('stores a message once however often Meta sends it, naming the contact from their Graph profile', async () => {
    const before = graph.received.length;
    const mid = fresh('m_');
    const payload = loadMetaFixture('messenger-text', { at: new Date(), replace: { 'm_text-1': mid } });
    const first = await postWebhook('messenger', payload);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ stored: 1, duplicates: 0 });
    expect((await postWebhook('messenger', payload)).json()).toMatchObject({ stored: 0, duplicates: 1 });
    const stored = (await messageByExternalId(`messenger:${mid}`))!;
    const conversation = await conversationOf(stored.conversationId);
    expect(conversation.contact.name).toBe('Aiko Tanaka');
    expect(conversation.messages.filter((m) => m.direction === 'inbound').map((m) => m.body)).toContain('Hi! Has my order #1042 shipped yet?');
    const lookups = sentSince(before);
    expect(lookups).toHaveLength(1);
    const lookup = new URL(lookups[0]!.path, 'http://graph.test');
    expect(lookups[0]!.method).toBe('GET');
    expect(lookup.pathname).toBe(`/v21.0/${PSID}`);
    expect(lookup.searchParams.get('fields')).toBe('name');
    expect(lookup.searchParams.get('access_token')).toBe(TOKEN);
    expect(lookup.searchParams.get('appsecret_proof')).toMatch(/^[0-9a-f]{64}$/);
    // A known sender's next message needs no look-up, and continues their conversation.
    const next = await customerWrites('messenger', { text: 'Any news?' });
    expect(next.conversationId).toBe(stored.conversationId);
    expect(sentSince(before)).toHaveLength(1);
  });

  it('falls back to a plain name when Meta will not share the profile', async () => {
    const { conversationId } = await customerWrites('messenger', { sender: '6009999999994321' });
    expect((await conversationOf(conversationId)).contact.name).toBe('Messenger user 4321');
  });

  it('keeps downloaded files with the message, and the message with a link when a download fails', async () => {
    const sender = fresh('600');
    const mid = fresh('m_files-');
    const response = await postWebhook('messenger', loadMetaFixture('messenger-attachments', { at: new Date(), cdn: `${graph.url}/cdn`, replace: { 'm_attachments-1': mid, [PSID]: sender } }));
    expect(response.json()).toMatchObject({ stored: 1 });
    const stored = (await messageByExternalId(`messenger:${mid}`))!;
    const shown = (await conversationOf(stored.conversationId)).messages.find((m) => m.id === stored.id)!;
    expect(shown.attachments).toEqual([expect.objectContaining({ fileName: 'receipt.png', contentType: 'image/png' })]);
    expect(shown.body).toBe(`[file: ${graph.url}/cdn/missing/invoice.pdf]`);
    expect(shown.channelData.files).toEqual([{ type: 'image', stored: true }, { type: 'file', stored: false }]);
  });

  it('turns a location, a shared link, a quick reply and a postback into readable messages', async () => {
    const sender = fresh('600');
    const at = new Date();
    const ids = { location: fresh('m_'), quick: fresh('m_'), postback: fresh('m_') };
    await postWebhook('messenger', loadMetaFixture('messenger-location-fallback', { at, replace: { 'm_location-1': ids.location, [PSID]: sender } }));
    await postWebhook('messenger', loadMetaFixture('messenger-quick-reply', { at, replace: { 'm_quick-reply-1': ids.quick, [PSID]: sender } }));
    await postWebhook('messenger', loadMetaFixture('messenger-postback', { at, replace: { 'm_postback-1': ids.postback, [PSID]: sender } }));
    const location = (await messageByExternalId(`messenger:${ids.location}`))!;
    expect(location.body).toBe("Aiko's Location: 34.6937, 135.5023\nSpring linen collection https://shop.example.com/collections/linen");
    expect(location.channelData).toMatchObject({ location: { latitude: 34.6937, longitude: 135.5023 }, links: [{ type: 'fallback', url: 'https://shop.example.com/collections/linen' }] });
    const quick = (await messageByExternalId(`messenger:${ids.quick}`))!;
    expect(quick).toMatchObject({ body: 'Returns', channelData: { quickReply: { payload: 'TOPIC_RETURNS' } } });
    const postback = (await messageByExternalId(`messenger:${ids.postback}`))!;
    expect(postback).toMatchObject({ body: 'Track my order', channelData: { postback: { title: 'Track my order', payload: 'TRACK_ORDER' } } });
    expect(new Set([location.conversationId, quick.conversationId, postback.conversationId]).size).toBe(1);
  });
});

describe('Messenger replies out', () => {
  it('sends a reply through the Send API as the page, records Meta’s message id, and follows delivery and read receipts', async () => {
    const { conversationId } = await customerWrites('messenger');
    const replyId = await reply(conversationId, 'It left our warehouse this morning.');
    const before = graph.received.length;
    await deliver();
    const [send] = sentSince(before);
    expect(send).toBeDefined();
    const address = new URL(send!.path, 'http://graph.test');
    expect([send!.method, address.pathname, address.searchParams.get('access_token')]).toEqual(['POST', '/v21.0/me/messages', TOKEN]);
    expect(JSON.parse(send!.text)).toEqual({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'It left our warehouse this morning.', metadata: `touchpoint:${replyId}` } });
    const stored = (await conversationOf(conversationId)).messages.find((m) => m.id === replyId)!;
    expect(stored.deliveryStatus).toBe('sent');
    const mid = (await messageByExternalId(`messenger:m_sent_${sent}`))!;
    expect(mid.id).toBe(replyId);

    const delivered = await postWebhook('messenger', loadMetaFixture('messenger-delivery', { at: new Date(Date.now() + 1000) }));
    expect(delivered.json()).toMatchObject({ statuses: 1 });
    expect((await conversationOf(conversationId)).messages.find((m) => m.id === replyId)!.deliveryStatus).toBe('delivered');
    await postWebhook('messenger', loadMetaFixture('messenger-read', { at: new Date(Date.now() + 2000) }));
    expect((await conversationOf(conversationId)).messages.find((m) => m.id === replyId)!.deliveryStatus).toBe('read');
    // A late delivery receipt after the read one changes nothing.
    expect((await postWebhook('messenger', loadMetaFixture('messenger-delivery', { at: new Date(Date.now() + 3000) }))).json()).toMatchObject({ statuses: 0 });
  });

  it('leaves replies written after the watermark as they are', async () => {
    const { conversationId } = await customerWrites('messenger', { sender: fresh('600') });
    const replyId = await reply(conversationId, 'On its way.');
    await deliver();
    const sender = (await conversationOf(conversationId)).messages.find((m) => m.direction === 'inbound')!.channelData.senderId as string;
    await postWebhook('messenger', loadMetaFixture('messenger-read', { at: new Date(Date.now() - 3_600_000), replace: { [PSID]: sender } }));
    expect((await conversationOf(conversationId)).messages.find((m) => m.id === replyId)!.deliveryStatus).toBe('sent');
  });

  it('does not show the echo of its own reply twice, and keeps a message the page sent from Meta’s tools once', async () => {
    const sender = fresh('600');
    const { conversationId } = await customerWrites('messenger', { sender });
    const replyId = await reply(conversationId, 'Thanks, checking now.');
    await deliver();
    const ourMid = `m_sent_${sent}`;
    // Echo of our reply: by the metadata it carries (even under an id Touchpoint has not recorded), and by its id alone.
    const withMetadata = loadMetaFixture('messenger-echo', { at: new Date(), replace: { 'm_echo-1': fresh('m_unrecorded-'), 'Hello from Meta Business Suite': 'Thanks, checking now.', [PSID]: sender, '"app_id"': `"metadata": "touchpoint:${replyId}", "app_id"` } });
    expect((await postWebhook('messenger', withMetadata)).json()).toMatchObject({ echoes: 0, duplicates: 1 });
    const byMid = loadMetaFixture('messenger-echo', { at: new Date(), replace: { 'm_echo-1': ourMid, [PSID]: sender } });
    expect((await postWebhook('messenger', byMid)).json()).toMatchObject({ echoes: 0, duplicates: 1 });
    // A message an agent wrote in Meta Business Suite: stored as a reply already sent, once.
    const toolMid = fresh('m_tool-');
    const fromTools = loadMetaFixture('messenger-echo', { at: new Date(), replace: { 'm_echo-1': toolMid, [PSID]: sender } });
    expect((await postWebhook('messenger', fromTools)).json()).toMatchObject({ echoes: 1 });
    expect((await postWebhook('messenger', fromTools)).json()).toMatchObject({ echoes: 0, duplicates: 1 });
    const outbound = (await conversationOf(conversationId)).messages.filter((m) => m.direction === 'outbound');
    expect(outbound.map((m) => m.body)).toEqual(['Thanks, checking now.', 'Hello from Meta Business Suite']);
    expect(outbound[1]).toMatchObject({ deliveryStatus: 'sent', channelData: { echo: true, appId: '263902037430900' } });
    // It went out through Meta already: nothing is sent for it.
    await eventsSettled(ws.accountId);
    const before = graph.received.length;
    await deliver();
    expect(sentSince(before)).toHaveLength(0);
  });

  it('uses the HUMAN_AGENT tag after 24 hours and fails at once after 7 days, saying why', async () => {
    const late = await customerWrites('messenger', { sender: fresh('600'), at: new Date(Date.now() - 30 * 3_600_000) });
    await reply(late.conversationId, 'Sorry for the wait!');
    let before = graph.received.length;
    await deliver();
    expect(JSON.parse(sentSince(before)[0]!.text)).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    const closed = await customerWrites('messenger', { sender: fresh('600'), at: new Date(Date.now() - 8 * 24 * 3_600_000) });
    const replyId = await reply(closed.conversationId, 'Hello again');
    before = graph.received.length;
    await deliver([0, 0]);
    expect(sentSince(before)).toHaveLength(0);
    const failed = (await conversationOf(closed.conversationId)).messages.find((m) => m.id === replyId)!;
    expect(failed.deliveryStatus).toBe('failed');
    expect(failed.deliveryError).toMatch(/Messenger's 7-day window .* 8 days ago/);
  });

  it('sends files as links Meta fetches from Touchpoint, one message each after the text', async () => {
    const { conversationId } = await customerWrites('messenger', { sender: fresh('600') });
    const upload = await t.app.inject({
      method: 'POST',
      url: url('/attachments'),
      headers: { ...admin.headers, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="label.png"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n--x--\r\n',
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const response = await requestAs(t.app, admin, { method: 'POST', url: url(`/conversations/${conversationId}/messages`), payload: { kind: 'reply', body: 'Here is your label.', attachmentIds: [upload.json<{ id: string }>().id] } });
    expect(response.statusCode, response.body).toBe(201);
    await eventsSettled(ws.accountId);
    const before = graph.received.length;
    await deliver();
    const [text, file] = sentSince(before).map((request) => JSON.parse(request.text) as { message: { text?: string; attachment?: { type: string; payload: { url: string; is_reusable: boolean } } } });
    expect(text!.message.text).toBe('Here is your label.');
    expect(file!.message.attachment).toMatchObject({ type: 'image', payload: { is_reusable: false } });
    const link = new URL(file!.message.attachment!.payload.url);
    expect(link.origin).toBe('http://touchpoint.test');
    const fetched = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect([fetched.statusCode, fetched.body]).toEqual([200, 'PNGDATA']);
    const stored = (await messageByExternalId(`messenger:m_sent_${sent - 1}`))!;
    expect(stored.channelData).toMatchObject({ metaMessageIds: [`m_sent_${sent - 1}`, `m_sent_${sent}`] });
  });

  it('fails a reply Meta refuses with Meta’s reason, and retries one Meta could not take', async () => {
    const { conversationId } = await customerWrites('messenger', { sender: fresh('600') });
    graph.setResponder((request) => (request.method === 'POST'
      ? { status: 400, json: { error: { message: '(#100) The recipient is not available right now.', type: 'OAuthException', code: 100, error_subcode: 2018001 } } }
      : answerAsMeta(request)));
    const refused = await reply(conversationId, 'Hello?');
    await deliver([0, 0]);
    expect((await conversationOf(conversationId)).messages.find((m) => m.id === refused)).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'Meta refused the message: (#100) The recipient is not available right now. (code 100/2018001)' });

    graph.setResponder((request) => (request.method === 'POST' ? { status: 400, json: { error: { message: 'Calls to this API have exceeded the rate limit.', code: 613 } } } : answerAsMeta(request)));
    const limited = await reply(conversationId, 'Hello again?');
    await deliver([0, 0]);
    expect((await conversationOf(conversationId)).messages.find((m) => m.id === limited)).toMatchObject({ deliveryStatus: 'pending', deliveryError: expect.stringContaining('rate limit') });
    graph.setResponder((request) => (request.method === 'POST' ? { status: 503, body: 'unavailable' } : answerAsMeta(request)));
    await deliver([0, 0]);
    expect((await conversationOf(conversationId)).messages.find((m) => m.id === limited)).toMatchObject({ deliveryStatus: 'pending', deliveryError: 'Meta did not take the message: HTTP 503 unavailable' });
    graph.setResponder(answerAsMeta);
    await deliver([0, 0]);
    expect((await conversationOf(conversationId)).messages.find((m) => m.id === limited)!.deliveryStatus).toBe('sent');
  });
});

describe('Facebook comments', () => {
  const feedComment = (options: { commentId?: string; from?: string; parent?: string; text?: string; fixture?: string } = {}) => {
    const fixture = options.fixture ?? 'messenger-feed-comment';
    const commentId = options.commentId ?? fresh('880000000000001_');
    const base = fixture === 'messenger-feed-comment' ? { comment: '880000000000001_990000000000001', from: '7003456789012345', post: '104857600000001_880000000000001', text: 'Do you ship the linen shirt to Osaka?' } : { comment: '880000000000077_990000000000077', from: '7009876543210987', post: '104857600000001_880000000000077', text: 'How much is shipping to Taipei?' };
    const replace: Record<string, string> = { [base.comment]: commentId };
    if (options.from) replace[base.from] = options.from;
    if (options.text) replace[base.text] = options.text;
    if (options.parent) replace[`"parent_id": "${base.post}"`] = `"parent_id": "${options.parent}"`;
    return { commentId, payload: loadMetaFixture(fixture, { at: new Date(), replace }) };
  };

  it('opens a conversation for a comment, once, with the post it was on, and marks a comment on an ad as paid', async () => {
    const { commentId, payload } = feedComment();
    expect((await postWebhook('messenger', payload)).json()).toMatchObject({ stored: 1 });
    expect((await postWebhook('messenger', payload)).json()).toMatchObject({ stored: 0, duplicates: 1 });
    const stored = (await messageByExternalId(`messenger:comment:${commentId}`))!;
    expect(stored.body).toBe('Do you ship the linen shirt to Osaka?');
    expect(stored.channelData).toEqual({ comment: { commentId, threadId: commentId, postId: '104857600000001_880000000000001', parentId: null, permalink: 'https://www.facebook.com/104857600000001/posts/pfbid02linen' } });
    expect((await conversationOf(stored.conversationId)).contact.name).toBe('Aiko Tanaka');

    const ad = feedComment({ fixture: 'messenger-feed-ad-comment' });
    await postWebhook('messenger', ad.payload);
    expect((await messageByExternalId(`messenger:comment:${ad.commentId}`))!.channelData).toMatchObject({ paid: true, paidBy: 'unpublished_post' });
  });

  it('keeps a comment thread per commenter: their replies join it, a new comment or someone else opens another', async () => {
    const from = fresh('700');
    const top = feedComment({ from });
    await postWebhook('messenger', top.payload);
    const again = feedComment({ from, parent: top.commentId, text: 'Also, is it linen or cotton?' });
    await postWebhook('messenger', again.payload);
    const other = feedComment({ from: fresh('700'), parent: top.commentId, text: 'I want to know too' });
    await postWebhook('messenger', other.payload);
    const newTopic = feedComment({ from });
    await postWebhook('messenger', newTopic.payload);
    const [first, second, third, fourth] = await Promise.all([top, again, other, newTopic].map(async ({ commentId }) => (await messageByExternalId(`messenger:comment:${commentId}`))!));
    expect(second!.conversationId).toBe(first!.conversationId);
    expect(second!.channelData).toMatchObject({ comment: { threadId: top.commentId, parentId: top.commentId } });
    expect(third!.conversationId).not.toBe(first!.conversationId);
    expect(third!.channelData).toMatchObject({ comment: { threadId: top.commentId } });
    expect(fourth!.conversationId).not.toBe(first!.conversationId);
  });

  it('answers in public under the comment, and does not store the page’s own comment twice when Meta reports it', async () => {
    const { commentId, payload } = feedComment({ from: fresh('700') });
    await postWebhook('messenger', payload);
    const { conversationId } = (await messageByExternalId(`messenger:comment:${commentId}`))!;
    const replyId = await reply(conversationId, 'Yes, we ship to Osaka in 2 days.');
    const before = graph.received.length;
    await deliver();
    const [request] = sentSince(before);
    const address = new URL(request!.path, 'http://graph.test');
    expect([request!.method, address.pathname, address.searchParams.get('access_token')]).toEqual(['POST', `/v21.0/${commentId}/comments`, TOKEN]);
    expect(JSON.parse(request!.text)).toEqual({ message: 'Yes, we ship to Osaka in 2 days.' });
    const ourComment = `reply_${sent}`;
    expect((await messageByExternalId(`messenger:comment:${ourComment}`))!.id).toBe(replyId);

    // Meta reports the page's own comment on the feed: ours once, one written in Meta's tools as a reply.
    const echo = feedComment({ commentId: ourComment, from: PAGE_ID, parent: commentId, text: 'Yes, we ship to Osaka in 2 days.' });
    expect((await postWebhook('messenger', echo.payload)).json()).toMatchObject({ duplicates: 1, echoes: 0 });
    const tools = feedComment({ from: PAGE_ID, parent: commentId, text: 'PS: free shipping this week!' });
    expect((await postWebhook('messenger', tools.payload)).json()).toMatchObject({ echoes: 1 });
    const outbound = (await conversationOf(conversationId)).messages.filter((m) => m.direction === 'outbound');
    // Facebook gives comment times in whole seconds, so the order of the two is not the point here.
    expect(outbound.map((m) => [m.body, m.deliveryStatus]).sort()).toEqual([['PS: free shipping this week!', 'sent'], ['Yes, we ship to Osaka in 2 days.', 'sent']]);
  });

  it('answers privately with a message to the comment, once, and the commenter’s answer in Messenger joins them', async () => {
    const from = fresh('700');
    const { commentId, payload } = feedComment({ from });
    await postWebhook('messenger', payload);
    const { conversationId } = (await messageByExternalId(`messenger:comment:${commentId}`))!;
    const replyId = await reply(conversationId, 'I sent you the size chart in Messenger.', { replyMode: 'private' });
    const before = graph.received.length;
    await deliver();
    const [request] = sentSince(before);
    const address = new URL(request!.path, 'http://graph.test');
    expect([request!.method, address.pathname, address.searchParams.get('access_token')]).toEqual(['POST', `/v21.0/${PAGE_ID}/messages`, TOKEN]);
    expect(JSON.parse(request!.text)).toEqual({ recipient: { comment_id: commentId }, message: { text: 'I sent you the size chart in Messenger.', metadata: `touchpoint:${replyId}` } });
    const shown = (await conversationOf(conversationId)).messages.find((m) => m.id === replyId)!;
    expect(shown).toMatchObject({ deliveryStatus: 'sent', channelData: { replyMode: 'private', privateReply: { commentId, recipientId: `psid-of-${commentId}` } } });

    const second = await reply(conversationId, 'One more thing…', { replyMode: 'private' });
    await deliver([0, 0]);
    expect((await conversationOf(conversationId)).messages.find((m) => m.id === second)).toMatchObject({ deliveryStatus: 'failed', deliveryError: expect.stringContaining('one private reply per comment') });

    // The commenter answers in Messenger from the id Meta gave the private reply: same contact, same conversation.
    profiles.delete(`psid-of-${commentId}`);
    const answer = await customerWrites('messenger', { sender: `psid-of-${commentId}`, text: 'Thanks! Got it.' });
    expect(answer.conversationId).toBe(conversationId);
  });

  it('refuses an unknown reply mode when sending, saying which modes there are', async () => {
    const { commentId, payload } = feedComment({ from: fresh('700') });
    await postWebhook('messenger', payload);
    const { conversationId } = (await messageByExternalId(`messenger:comment:${commentId}`))!;
    const replyId = await reply(conversationId, 'Hi', { replyMode: 'shout' });
    await deliver([0, 0]);
    expect((await conversationOf(conversationId)).messages.find((m) => m.id === replyId)).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'replyMode must be "public" or "private"' });
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`option${index}`, 'x']));
    const refused = await requestAs(t.app, admin, { method: 'POST', url: url(`/conversations/${conversationId}/messages`), payload: { kind: 'reply', body: 'Hi', channelOptions: tooMany } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].path).toBe('channelOptions');
  });
});

describe('Instagram', () => {
  it('stores direct messages, story mentions (as links only) and story replies, naming the sender by username', async () => {
    const before = graph.received.length;
    const { conversationId } = await customerWrites('instagram');
    expect((await conversationOf(conversationId)).contact.name).toBe('@kenji.makes');
    const lookup = new URL(sentSince(before)[0]!.path, 'http://graph.test');
    expect([lookup.pathname, lookup.searchParams.get('fields')]).toEqual([`/v21.0/${IGSID}`, 'name,username']);

    const mention = fresh('ig-mention-');
    await postWebhook('instagram', loadMetaFixture('instagram-story-mention', { at: new Date(), cdn: `${graph.url}/cdn`, replace: { 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOnN0b3J5LW1lbnRpb24=': mention } }));
    const storedMention = (await messageByExternalId(`instagram:${mention}`))!;
    expect(storedMention.body).toBe(`Mentioned you in their story: ${graph.url}/cdn/stories/story-1.mp4`);
    expect(storedMention.channelData).toMatchObject({ storyMention: { url: `${graph.url}/cdn/stories/story-1.mp4` } });
    expect(graph.received.some((request) => request.path === '/cdn/stories/story-1.mp4')).toBe(false);

    const storyReply = fresh('ig-reply-');
    await postWebhook('instagram', loadMetaFixture('instagram-story-reply', { at: new Date(), cdn: `${graph.url}/cdn`, replace: { 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOnN0b3J5LXJlcGx5': storyReply } }));
    const storedReply = (await messageByExternalId(`instagram:${storyReply}`))!;
    expect(storedReply.body).toBe(`Is this in stock?\nReplied to your story: ${graph.url}/cdn/stories/story-2.jpg`);
    expect(storedReply.channelData).toMatchObject({ storyReply: { id: '18030000000000001' } });
    expect(new Set([conversationId, storedMention.conversationId, storedReply.conversationId]).size).toBe(1);
  });

  it('answers a direct message, does not store the echo of a reply still in flight, and marks it read from the message id', async () => {
    const sender = fresh('1100');
    profiles.set(sender, { name: 'Mei Lin' });
    const { conversationId } = await customerWrites('instagram', { sender });
    const replyId = await reply(conversationId, 'Yes, green is back in stock.');
    // Instagram's echo can arrive before the send returns; the reply is still pending then.
    const echo = loadMetaFixture('instagram-echo', { at: new Date(), replace: { '1100223344556677': sender, 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOmVjaG8tMQ==': 'm_sent_early' } });
    expect((await postWebhook('instagram', echo)).json()).toMatchObject({ echoes: 0, duplicates: 1 });
    const before = graph.received.length;
    await deliver();
    const [request] = sentSince(before);
    expect(new URL(request!.path, 'http://graph.test').pathname).toBe('/v21.0/me/messages');
    expect(JSON.parse(request!.text)).toEqual({ recipient: { id: sender }, messaging_type: 'RESPONSE', message: { text: 'Yes, green is back in stock.' } });
    const outbound = (await conversationOf(conversationId)).messages.filter((m) => m.direction === 'outbound');
    expect(outbound.map((m) => m.id)).toEqual([replyId]);

    await postWebhook('instagram', loadMetaFixture('instagram-read', { at: new Date(), replace: { '1100223344556677': sender, REPLACED_BY_TEST: `m_sent_${sent}` } }));
    expect((await conversationOf(conversationId)).messages.find((m) => m.id === replyId)!.deliveryStatus).toBe('read');
  });

  it('opens a conversation for a comment and for a comment on an ad (paid, with the ad), and answers under it in public', async () => {
    const commentId = fresh('1795');
    await postWebhook('instagram', loadMetaFixture('instagram-comment', { at: new Date(), replace: { '17950000000000001': commentId } }));
    const stored = (await messageByExternalId(`instagram:comment:${commentId}`))!;
    expect(stored.channelData).toMatchObject({ comment: { commentId, threadId: commentId, postId: '17900000000000001' }, mediaProductType: 'FEED' });
    expect(stored.channelData.paid).toBeUndefined();

    const adComment = fresh('1795');
    await postWebhook('instagram', loadMetaFixture('instagram-ad-comment', { at: new Date(), replace: { '17950000000000099': adComment } }));
    const ad = (await messageByExternalId(`instagram:comment:${adComment}`))!;
    expect(ad.channelData).toMatchObject({ paid: true, paidBy: 'ad_id', ad: { id: '120200000000000001', title: 'Spring linen sale' } });
    expect((await conversationOf(ad.conversationId)).contact.name).toBe('@mei.travels');

    await reply(ad.conversationId, 'Yes, dresses are 20% off too!');
    const before = graph.received.length;
    await deliver();
    const [request] = sentSince(before);
    expect(new URL(request!.path, 'http://graph.test').pathname).toBe(`/v21.0/${adComment}/replies`);
    expect(JSON.parse(request!.text)).toEqual({ message: 'Yes, dresses are 20% off too!' });
  });
});
