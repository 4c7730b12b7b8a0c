import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@touchpoint/db';
import { eq } from 'drizzle-orm';
import { deliverQueuedReplies, postAgentReply } from '../testing/channel-delivery.ts';
import { createChannelInbox } from '../testing/channel-inbox.ts';
import { eventsSettled } from '../testing/events-settled.ts';
import { type FakeReply, type ReceivedRequest, startFakeProvider } from '../testing/fake-provider.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

/**
 * The SMS channel against a fake of Twilio's HTTP API on loopback: it serves MMS media (only with the account's
 * credentials) and takes messages at the Messages API path, recording what Touchpoint sent. Webhooks are posted as
 * Twilio posts them: form-encoded, signed with the auth token over the URL it called and the sorted fields.
 */
const ACCOUNT_SID = `AC${'1a2b3c4d'.repeat(4)}`;
const AUTH_TOKEN = 'twilio-auth-token-1';
const OUR_NUMBER = '+15005550006';
const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let inboxId: string;
let webhookUrl: string;
let twilio: Awaited<ReturnType<typeof startFakeProvider>>;
let cdn: Awaited<ReturnType<typeof startFakeProvider>>;

/** Media the fake serves at Twilio media paths: bytes, or a redirect to the storage host. */
const media = new Map<string, { body: string; type: string } | { redirect: string }>();
const MESSAGES_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
let sendAnswer: (request: ReceivedRequest) => FakeReply = () => ({ status: 201, json: { sid: sid('SM'), status: 'queued', num_segments: '1' } });

function fakeTwilioApi(request: ReceivedRequest): FakeReply {
  if (request.headers.authorization !== basic(ACCOUNT_SID, AUTH_TOKEN)) return { status: 401, json: { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 } };
  if (request.method === 'POST' && request.path === MESSAGES_PATH) return sendAnswer(request);
  const file = request.method === 'GET' ? media.get(request.path) : undefined;
  if (!file) return { status: 404, json: { code: 20404, message: 'The requested resource was not found', status: 404 } };
  if ('redirect' in file) return { status: 307, headers: { location: file.redirect } };
  return { status: 200, body: file.body, headers: { 'content-type': file.type } };
}

const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const pathOf = (href: string) => new URL(href).pathname + new URL(href).search;

/** Signs as Twilio's docs describe it, written out here rather than through the code under test. */
function twilioSign(token: string, calledUrl: string, fields: [string, string][]) {
  const sorted = [...fields].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1));
  return createHmac('sha1', token).update(calledUrl + sorted.map(([k, v]) => k + v).join('')).digest('base64');
}

/** Posts a form to the inbox's webhook (or `…/status`), signed for `signedUrl` (default: the URL it is posted to). */
function postTwilio(app: TestApp['app'], target: string, fields: Record<string, string> | [string, string][], options: { signedUrl?: string; token?: string; tamper?: (body: string) => string } = {}) {
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
  const body = new URLSearchParams(pairs).toString();
  return app.inject({
    method: 'POST',
    url: pathOf(target),
    payload: options.tamper ? options.tamper(body) : body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSign(options.token ?? AUTH_TOKEN, options.signedUrl ?? target, pairs) },
  });
}

/** An inbound SMS as Twilio's messaging webhook posts it. */
const inboundSms = (from: string, text: string, extra: Record<string, string> = {}) => ({
  ToCountry: 'US', ToState: 'CA', SmsMessageSid: '', NumMedia: '0', FromCountry: 'US', SmsStatus: 'received',
  Body: text, To: OUR_NUMBER, NumSegments: '1', MessageSid: sid('SM'), AccountSid: ACCOUNT_SID, From: from, ApiVersion: '2010-04-01',
  ...extra,
});

interface MessageView { id: string; direction: string; body: string; deliveryStatus: string | null; deliveryError: string | null; channelData: Record<string, unknown>; attachments: { id: string; fileName: string; contentType: string; url: string }[] }

async function conversationOf(contactPhone: string) {
  const contacts = await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts?q=${encodeURIComponent(contactPhone)}`) });
  const contact = contacts.json<{ items: { id: string; name: string; phone: string | null }[] }>().items.find((c) => c.phone === contactPhone);
  const list = await requestAs(t.app, admin, { method: 'GET', url: url(`/conversations?inboxId=${inboxId}&status=any`) });
  const conversation = list.json<{ items: { id: string; contact: { id: string } }[] }>().items.find((c) => c.contact.id === contact?.id);
  return { contact, conversationId: conversation?.id };
}

async function messagesOf(conversationId: string) {
  const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/conversations/${conversationId}`) });
  return response.json<{ messages: MessageView[] }>().messages;
}

async function storedExternalId(messageId: string) {
  const { db } = await getTestDatabase();
  const [row] = await db.select({ externalId: schema.messages.externalId }).from(schema.messages).where(eq(schema.messages.id, messageId));
  return row?.externalId ?? null;
}

async function reply(conversationId: string, body: string, attachmentIds: string[] = []) {
  return postAgentReply(t, agent, ws.accountId, conversationId, { body, attachmentIds });
}

async function deliver(app: TestApp = t, accountId = ws.accountId, backoffMs = [0]) {
  await deliverQueuedReplies(app, accountId, backoffMs);
}

/** A customer's first message, so there is a conversation to reply in. */
async function conversationWith(from: string) {
  expect((await postTwilio(t.app, webhookUrl, inboundSms(from, 'Hello?'))).statusCode).toBe(200);
  const { conversationId } = await conversationOf(from);
  return conversationId!;
}

const sentSince = (count: number) => twilio.received.slice(count).filter((request) => request.path === MESSAGES_PATH);

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  twilio = await startFakeProvider(fakeTwilioApi);
  cdn = await startFakeProvider(() => ({ status: 200, body: 'PNG-FROM-STORAGE', headers: { 'content-type': 'image/png' } }));
  inboxId = await createChannelInbox(t, ws, admin, 'Shop SMS', 'sms');
});
afterAll(async () => {
  await twilio.close();
  await cdn.close();
  await t.close();
});

describe('connecting an SMS channel', () => {
  it('asks for the account SID and auth token, defaults the API address to Twilio, and never shows the token back', async () => {
    const missing = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { fromNumber: OUR_NUMBER }, secrets: {} } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['config.accountSid', 'secrets.authToken']);

    const connected = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { accountSid: ACCOUNT_SID, fromNumber: OUR_NUMBER, apiBaseUrl: twilio.url }, secrets: { authToken: AUTH_TOKEN } } });
    expect(connected.statusCode, connected.body).toBe(200);
    expect(connected.body).not.toContain(AUTH_TOKEN);
    const channel = connected.json<{ webhookUrl: string; secretsSet: string[]; fields: { key: string; defaultValue?: string }[] }>();
    expect(channel.secretsSet).toEqual(['authToken']);
    expect(channel.fields.find((field) => field.key === 'apiBaseUrl')?.defaultValue).toBe('https://api.twilio.com');
    webhookUrl = channel.webhookUrl;
    expect(webhookUrl).toMatch(/^http:\/\/touchpoint\.test\/channels\/sms\/[0-9a-f]{32}$/);
  });
});

describe('the message webhook', () => {
  it('answers a signed message with empty TwiML, so Twilio itself sends nothing back', async () => {
    const response = await postTwilio(t.app, webhookUrl, inboundSms('+15551230001', 'Do you have the blue one in size 38?', { ProfileName: 'Aiko Tanaka' }));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/xml');
    expect(response.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('refuses a tampered body, a signature for another URL, another token, or none with 401, and stores nothing', async () => {
    const fields = inboundSms('+15551230002', 'Original text');
    const tampered = await postTwilio(t.app, webhookUrl, fields, { tamper: (body) => body.replace('Original+text', 'Forged+text') });
    expect(tampered.statusCode).toBe(401);
    expect(tampered.headers['content-type']).toContain('application/problem+json');
    const otherHost = await postTwilio(t.app, webhookUrl, fields, { signedUrl: webhookUrl.replace('touchpoint.test', 'attacker.example') });
    expect(otherHost.statusCode).toBe(401);
    const statusUrl = await postTwilio(t.app, webhookUrl, fields, { signedUrl: `${webhookUrl}/status` });
    expect(statusUrl.statusCode).toBe(401);
    const otherToken = await postTwilio(t.app, webhookUrl, fields, { token: 'not-the-token' });
    expect(otherToken.statusCode).toBe(401);
    const unsigned = await t.app.inject({ method: 'POST', url: pathOf(webhookUrl), payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(unsigned.statusCode).toBe(401);
    expect((await conversationOf('+15551230002')).contact).toBeUndefined();
  });

  it('checks the signature over the URL with its query string and with the default port spelled out', async () => {
    const withQuery = `${webhookUrl}?shop=ginza`;
    expect((await postTwilio(t.app, withQuery, inboundSms('+15551230003', 'query string'))).statusCode).toBe(200);
    expect((await postTwilio(t.app, withQuery, inboundSms('+15551230003', 'query dropped'), { signedUrl: webhookUrl })).statusCode).toBe(401);
    const withPort = webhookUrl.replace('touchpoint.test', 'touchpoint.test:80');
    expect((await postTwilio(t.app, webhookUrl, inboundSms('+15551230003', 'port'), { signedUrl: withPort })).statusCode).toBe(200);
  });

  it('stores a text from a new number as a contact with that phone, named by the profile name, in one open conversation', async () => {
    const from = '+15551230004';
    await postTwilio(t.app, webhookUrl, inboundSms(from, 'Is the Ginza store open today?', { ProfileName: 'Kenji' }));
    await postTwilio(t.app, webhookUrl, inboundSms(from, 'Until what time?'));
    const { contact, conversationId } = await conversationOf(from);
    expect(contact).toMatchObject({ name: 'Kenji', phone: from });
    const messages = await messagesOf(conversationId!);
    expect(messages.map((m) => [m.direction, m.body])).toEqual([['inbound', 'Is the Ginza store open today?'], ['inbound', 'Until what time?']]);
    expect(messages[0]!.channelData).toMatchObject({ from, to: OUR_NUMBER, segments: 1 });
  });

  it('stores a MessageSid once, however often Twilio posts it', async () => {
    const fields = inboundSms('+15551230005', 'Only once please');
    expect((await postTwilio(t.app, webhookUrl, fields)).statusCode).toBe(200);
    expect((await postTwilio(t.app, webhookUrl, fields)).statusCode).toBe(200);
    const { conversationId } = await conversationOf('+15551230005');
    expect((await messagesOf(conversationId!)).filter((m) => m.body === 'Only once please')).toHaveLength(1);
  });

  it('downloads both files of an MMS with the account credentials, keeping them off the storage host a file redirects to', async () => {
    const messageSid = sid('MM');
    const [photo, scan] = [sid('ME'), sid('ME')];
    const base = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${messageSid}/Media`;
    media.set(`${base}/${photo}`, { body: 'JPEG-BYTES', type: 'image/jpeg' });
    media.set(`${base}/${scan}`, { redirect: `${cdn.url}/s3/object-8812?X-Amz-Signature=abc` });
    const fields = inboundSms('+15551230006', 'Photos of the scratch', {
      MessageSid: messageSid, NumMedia: '2',
      MediaUrl0: `${twilio.url}${base}/${photo}`, MediaContentType0: 'image/jpeg',
      MediaUrl1: `${twilio.url}${base}/${scan}`, MediaContentType1: 'image/png',
    });
    const before = twilio.received.length;
    const posted = await postTwilio(t.app, webhookUrl, fields);
    expect(posted.statusCode, posted.body).toBe(200);
    const fetched = twilio.received.slice(before);
    expect(fetched.map((request) => request.path).sort()).toEqual([`${base}/${photo}`, `${base}/${scan}`].sort());
    expect(fetched.every((request) => request.headers.authorization === basic(ACCOUNT_SID, AUTH_TOKEN))).toBe(true);
    expect(cdn.received.at(-1)!.path).toBe('/s3/object-8812?X-Amz-Signature=abc');
    expect(cdn.received.at(-1)!.headers.authorization).toBeUndefined();

    const { conversationId } = await conversationOf('+15551230006');
    const [message] = (await messagesOf(conversationId!)).filter((m) => m.direction === 'inbound');
    expect(message!.body).toBe('Photos of the scratch');
    expect(message!.attachments.map((a) => [a.fileName, a.contentType]).sort()).toEqual([[`${photo}.jpg`, 'image/jpeg'], [`${scan}.png`, 'image/png']].sort());
    const contents = await Promise.all(message!.attachments.map(async (a) => (await requestAs(t.app, admin, { method: 'GET', url: a.url })).body));
    expect(contents.sort()).toEqual(['JPEG-BYTES', 'PNG-FROM-STORAGE']);

    // Twilio posting the same MMS again fetches nothing and stores nothing new.
    const count = twilio.received.length;
    expect((await postTwilio(t.app, webhookUrl, fields)).statusCode).toBe(200);
    expect(twilio.received.length).toBe(count);
    expect((await messagesOf(conversationId!)).filter((m) => m.direction === 'inbound')).toHaveLength(1);
  });

  it('keeps a message whose file cannot be downloaded, saying which and why', async () => {
    const messageSid = sid('MM');
    const base = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${messageSid}/Media`;
    const [kept, gone] = [sid('ME'), sid('ME')];
    media.set(`${base}/${kept}`, { body: 'VCARD', type: 'text/vcard' });
    const fields = inboundSms('+15551230007', 'My card and a photo', {
      MessageSid: messageSid, NumMedia: '2',
      MediaUrl0: `${twilio.url}${base}/${kept}`, MediaContentType0: 'text/vcard',
      MediaUrl1: `${twilio.url}${base}/${gone}`, MediaContentType1: 'image/jpeg',
    });
    expect((await postTwilio(t.app, webhookUrl, fields)).statusCode).toBe(200);
    const { conversationId } = await conversationOf('+15551230007');
    const [message] = await messagesOf(conversationId!);
    expect(message!.body).toBe('My card and a photo\n\n[1 of 2 files sent with this message could not be downloaded from Twilio: HTTP 404]');
    expect(message!.attachments.map((a) => a.fileName)).toEqual([`${kept}.vcf`]);
    expect(message!.channelData.mediaErrors).toEqual([{ index: 1, url: `${twilio.url}${base}/${gone}`, contentType: 'image/jpeg', error: 'HTTP 404' }]);
  });

  it('answers 400 naming the field for a missing sender or a missing media URL, and 404 for an unknown inbox key', async () => {
    const { From: _from, ...noSender } = inboundSms('+15551230008', 'who am I');
    const missingSender = await postTwilio(t.app, webhookUrl, noSender);
    expect(missingSender.statusCode).toBe(400);
    expect(missingSender.json().errors.map((e: { path: string }) => e.path)).toEqual(['From']);
    const missingMedia = await postTwilio(t.app, webhookUrl, inboundSms('+15551230008', 'a photo', { NumMedia: '1' }));
    expect(missingMedia.statusCode).toBe(400);
    expect(missingMedia.json().errors.map((e: { path: string }) => e.path)).toEqual(['MediaUrl0']);
    expect((await conversationOf('+15551230008')).contact).toBeUndefined();
    const unknown = await postTwilio(t.app, 'http://touchpoint.test/channels/sms/0123456789abcdef0123456789abcdef', inboundSms('+15551230008', 'hi'));
    expect(unknown.statusCode).toBe(404);
  });
});

describe('replies by SMS through the Messages API', () => {
  it('posts the reply to the account’s Messages.json with Basic auth, the customer’s number, our number and the status URL', async () => {
    const conversationId = await conversationWith('+15551230010');
    const replyId = await reply(conversationId, 'Yes, size 38 is in stock — see you at 3 pm!');
    const before = twilio.received.length;
    await deliver();
    const [sent] = sentSince(before);
    expect(sent).toBeDefined();
    expect(sent!.headers.authorization).toBe(basic(ACCOUNT_SID, AUTH_TOKEN));
    expect(sent!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(sent!.text);
    expect(Object.fromEntries(form)).toEqual({ To: '+15551230010', From: OUR_NUMBER, Body: 'Yes, size 38 is in stock — see you at 3 pm!', StatusCallback: `${webhookUrl}/status` });
    const stored = (await messagesOf(conversationId)).find((m) => m.id === replyId)!;
    expect(stored).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });
    expect(await storedExternalId(replyId)).toMatch(/^sms:SM[0-9a-f]{32}$/);
  });

  it('sends a reply’s files as signed links that serve the file', async () => {
    const conversationId = await conversationWith('+15551230011');
    const form = new FormData();
    form.append('file', new Blob(['RECEIPT-PDF'], { type: 'application/pdf' }), 'receipt.pdf');
    const request = new Request('http://local/', { method: 'POST', body: form });
    const uploaded = await requestAs(t.app, agent, { method: 'POST', url: url('/attachments'), payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    await reply(conversationId, 'Your receipt', [uploaded.json<{ id: string }>().id]);
    const before = twilio.received.length;
    await deliver();
    const links = new URLSearchParams(sentSince(before)[0]!.text).getAll('MediaUrl');
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^http:\/\/touchpoint\.test\/channels\/media\/[0-9a-f-]{36}\/receipt\.pdf\?expires=\d+&signature=/);
    const served = await t.app.inject({ method: 'GET', url: pathOf(links[0]!) });
    expect(served.statusCode).toBe(200);
    expect(served.body).toBe('RECEIPT-PDF');
    expect(served.headers['content-type']).toBe('application/pdf');
  });

  it('follows status callbacks forward only, and records an undelivered reply as failed with a reason an agent can read', async () => {
    const conversationId = await conversationWith('+15551230012');
    const first = await reply(conversationId, 'First');
    const second = await reply(conversationId, 'Second');
    await deliver();
    const statusUrl = `${webhookUrl}/status`;
    const callback = async (messageId: string, status: string, extra: Record<string, string> = {}) => {
      const messageSid = (await storedExternalId(messageId))!.slice('sms:'.length);
      const response = await postTwilio(t.app, statusUrl, { SmsSid: messageSid, SmsStatus: status, MessageStatus: status, To: '+15551230012', MessageSid: messageSid, AccountSid: ACCOUNT_SID, From: OUR_NUMBER, ApiVersion: '2010-04-01', ...extra });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ changed: boolean }>().changed;
    };
    expect(await callback(first, 'sending')).toBe(false);
    expect(await callback(first, 'delivered')).toBe(true);
    expect(await callback(first, 'sent')).toBe(false);
    expect(await callback(first, 'delivered')).toBe(false);
    expect((await messagesOf(conversationId)).find((m) => m.id === first)!.deliveryStatus).toBe('delivered');

    expect(await callback(second, 'undelivered', { ErrorCode: '30003' })).toBe(true);
    expect(await callback(second, 'delivered')).toBe(false);
    const failed = (await messagesOf(conversationId)).find((m) => m.id === second)!;
    expect(failed.deliveryStatus).toBe('failed');
    expect(failed.deliveryError).toBe('Twilio reported the message undelivered: error 30003, the phone is switched off or out of coverage (unreachable destination handset)');

    // Signed for the message URL instead of the status URL: refused.
    const messageSid = (await storedExternalId(first))!.slice('sms:'.length);
    const misdirected = await postTwilio(t.app, statusUrl, { MessageSid: messageSid, MessageStatus: 'read' }, { signedUrl: webhookUrl });
    expect(misdirected.statusCode).toBe(401);
  });

  it('fails a reply Twilio refuses with a 4xx at once, with Twilio’s message, and sends nothing for a text over 1,600 characters', async () => {
    const conversationId = await conversationWith('+15551230013');
    sendAnswer = () => ({ status: 400, json: { code: 21211, message: "The 'To' number +15551230013 is not a valid phone number.", more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 } });
    const refused = await reply(conversationId, 'Hello');
    const before = twilio.received.length;
    await deliver(t, ws.accountId, [0, 0, 0]);
    expect(sentSince(before)).toHaveLength(1);
    expect((await messagesOf(conversationId)).find((m) => m.id === refused)).toMatchObject({
      deliveryStatus: 'failed',
      deliveryError: "Twilio refused the message: The 'To' number +15551230013 is not a valid phone number. (error 21211)",
    });

    const tooLong = await reply(conversationId, 'x'.repeat(1601));
    const count = twilio.received.length;
    await deliver();
    expect(sentSince(count)).toHaveLength(0);
    const long = (await messagesOf(conversationId)).find((m) => m.id === tooLong)!;
    expect(long.deliveryStatus).toBe('failed');
    expect(long.deliveryError).toContain('1601 characters long; an SMS can be at most 1600');
  });

  it('retries a reply Twilio answers with 429 or 503, and sends it once Twilio takes it', async () => {
    const conversationId = await conversationWith('+15551230014');
    const answers = [{ status: 429, json: { code: 20429, message: 'Too Many Requests', status: 429 } }, { status: 503, json: { message: 'Service Unavailable' } }];
    sendAnswer = () => answers.shift() ?? { status: 201, json: { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' } };
    const replyId = await reply(conversationId, 'On its way');
    await deliver(t, ws.accountId, [0, 0, 0]);
    expect((await messagesOf(conversationId)).find((m) => m.id === replyId)).toMatchObject({ deliveryStatus: 'pending', deliveryError: 'Twilio answered HTTP 429 (error 20429)' });
    await deliver(t, ws.accountId, [0, 0, 0]);
    expect((await messagesOf(conversationId)).find((m) => m.id === replyId)).toMatchObject({ deliveryStatus: 'pending', deliveryError: 'Twilio answered HTTP 503' });
    await deliver(t, ws.accountId, [0, 0, 0]);
    expect((await messagesOf(conversationId)).find((m) => m.id === replyId)).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });
    expect(await storedExternalId(replyId)).toBe('sms:SM0123456789abcdef0123456789abcdef');
    sendAnswer = () => ({ status: 201, json: { sid: sid('SM'), status: 'queued' } });
  });

  it('sends through the messaging service when no from number is set, and fails at once when Twilio refuses the credentials', async () => {
    const conversationId = await conversationWith('+15551230015');
    const connect = (config: Record<string, string>, secrets: Record<string, string> = {}) => requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { accountSid: ACCOUNT_SID, apiBaseUrl: twilio.url, ...config }, secrets } });
    const service = `MG${'9'.repeat(32)}`;
    expect((await connect({ messagingServiceSid: service })).statusCode).toBe(200);
    await reply(conversationId, 'From the pool');
    const before = twilio.received.length;
    await deliver();
    const form = new URLSearchParams(sentSince(before)[0]!.text);
    expect(form.get('MessagingServiceSid')).toBe(service);
    expect(form.has('From')).toBe(false);

    expect((await connect({ fromNumber: OUR_NUMBER }, { authToken: 'a-rotated-token' })).statusCode).toBe(200);
    const refused = await reply(conversationId, 'Wrong token');
    await deliver(t, ws.accountId, [0, 0, 0]);
    expect((await messagesOf(conversationId)).find((m) => m.id === refused)).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'Twilio refused the message: Authenticate (error 20003)' });
    expect((await connect({ fromNumber: OUR_NUMBER }, { authToken: AUTH_TOKEN })).statusCode).toBe(200);
  });
});

describe('without PUBLIC_URL', () => {
  let bare: TestApp;
  let other: TestWorkspace;
  let otherAdmin: SignedIn;
  let otherWebhook: string;

  beforeAll(async () => {
    bare = await createTestApp({ env: { PUBLIC_URL: '' } });
    other = await createTestWorkspace();
    otherAdmin = await signInAs(bare.app, other.admin.email);
    const created = await requestAs(bare.app, otherAdmin, { method: 'POST', url: `/api/v1/accounts/${other.accountId}/inboxes`, payload: { name: 'SMS', channel: 'sms' } });
    const id = created.json<{ id: string }>().id;
    const connected = await requestAs(bare.app, otherAdmin, { method: 'PUT', url: `/api/v1/accounts/${other.accountId}/inboxes/${id}/channel`, payload: { config: { accountSid: ACCOUNT_SID, fromNumber: OUR_NUMBER, apiBaseUrl: twilio.url }, secrets: { authToken: AUTH_TOKEN } } });
    otherWebhook = connected.json<{ webhookUrl: string }>().webhookUrl;
  });
  afterAll(() => bare.close());

  it('checks signatures against the address the request came in on, sends text without a status URL, and fails a reply with files saying why', async () => {
    expect(otherWebhook).toMatch(/^http:\/\/localhost(:80)?\/channels\/sms\//);
    expect((await postTwilio(bare.app, otherWebhook, inboundSms('+15551230020', 'Hi there'))).statusCode).toBe(200);
    const list = await requestAs(bare.app, otherAdmin, { method: 'GET', url: `/api/v1/accounts/${other.accountId}/conversations` });
    const conversationId = list.json<{ items: { id: string }[] }>().items[0]!.id;

    const text = await requestAs(bare.app, otherAdmin, { method: 'POST', url: `/api/v1/accounts/${other.accountId}/conversations/${conversationId}/messages`, payload: { kind: 'reply', body: 'Hello back' } });
    expect(text.statusCode).toBe(201);
    await eventsSettled(other.accountId);
    const before = twilio.received.length;
    await deliver(bare, other.accountId);
    const form = new URLSearchParams(sentSince(before)[0]!.text);
    expect(form.get('Body')).toBe('Hello back');
    expect(form.has('StatusCallback')).toBe(false);

    const formData = new FormData();
    formData.append('file', new Blob(['PHOTO'], { type: 'image/jpeg' }), 'photo.jpg');
    const request = new Request('http://local/', { method: 'POST', body: formData });
    const uploaded = await requestAs(bare.app, otherAdmin, { method: 'POST', url: `/api/v1/accounts/${other.accountId}/attachments`, payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } });
    const withFile = await requestAs(bare.app, otherAdmin, { method: 'POST', url: `/api/v1/accounts/${other.accountId}/conversations/${conversationId}/messages`, payload: { kind: 'reply', body: 'A photo', attachmentIds: [uploaded.json<{ id: string }>().id] } });
    await eventsSettled(other.accountId);
    const count = twilio.received.length;
    await deliver(bare, other.accountId);
    expect(sentSince(count)).toHaveLength(0);
    const detail = await requestAs(bare.app, otherAdmin, { method: 'GET', url: `/api/v1/accounts/${other.accountId}/conversations/${conversationId}` });
    const failed = detail.json<{ messages: MessageView[] }>().messages.find((m) => m.id === withFile.json<{ id: string }>().id)!;
    expect(failed.deliveryStatus).toBe('failed');
    expect(failed.deliveryError).toBe('files cannot be sent by SMS while PUBLIC_URL is not set: Twilio downloads each file from a public link to Touchpoint');
  });
});
