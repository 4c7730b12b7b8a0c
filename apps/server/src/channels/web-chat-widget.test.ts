import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { InjectOptions } from 'fastify';
import { userHashOf } from '@touchpoint/channels';
import { schema } from '@touchpoint/db';
import { eq } from 'drizzle-orm';
import { deliverQueuedReplies, postAgentReply } from '../testing/channel-delivery.ts';
import { eventsSettled } from '../testing/events-settled.ts';
import { startSmtpSink } from '../testing/smtp-sink.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

const SITE = 'https://shop.example';
const IDENTITY_SECRET = 'identity-secret-for-tests';

let t: TestApp;
let base: string;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let channelKey: string;
const sockets: WebSocket[] = [];

const api = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const widget = (path: string, key = channelKey) => `/widget/v1/${key}${path}`;

const randomAddress = () => `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/**
 * A widget request as a browser on the host page sends it: the page's Origin and the visitor's credential, from an
 * address of its own (the widget's writes are rate-limited per address, and these tests make many visitors).
 */
function asVisitor(authorization: string | null, options: InjectOptions & { url: string }, origin = SITE) {
  return t.app.inject({ remoteAddress: randomAddress(), ...options, headers: { origin, ...(authorization ? { authorization } : {}), ...(options.headers ?? {}) } });
}

async function newVisitor() {
  const response = await asVisitor(null, { method: 'POST', url: widget('/visitors') });
  expect(response.statusCode, response.body).toBe(201);
  return `Visitor ${response.json<{ token: string }>().token}`;
}

const userAuth = (userId: string, hash = userHashOf(IDENTITY_SECRET, userId)) => `User ${Buffer.from(userId).toString('base64url')}.${hash}`;

let sent = 0;
async function write(visitor: string, body: string, extra: Record<string, unknown> = {}) {
  const response = await asVisitor(visitor, { method: 'POST', url: widget('/messages'), payload: { clientId: `client-${Date.now()}-${(sent += 1)}`, body, pageUrl: `${SITE}/products/vase`, ...extra } });
  expect(response.statusCode, response.body).toBe(201);
  await eventsSettled(ws.accountId);
  return response.json<{ message: { id: string; conversationId: string }; duplicate: boolean }>();
}

interface Chat {
  visitor: { name: string; email: string | null } | null;
  conversation: null | { id: string; status: string; agentReadAt: string | null; csat: { requested: boolean; rating: number | null } | null; messages: { id: string; direction: string; body: string; author: string | null; attachments: { id: string }[] }[] };
}
async function chatOf(visitor: string): Promise<Chat> {
  const response = await asVisitor(visitor, { method: 'GET', url: widget('/chat') });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Chat>();
}

async function reply(conversationId: string, body: string, kind: 'reply' | 'note' = 'reply') {
  return postAgentReply(t, agent, ws.accountId, conversationId, { body, kind });
}

async function deliver() {
  await deliverQueuedReplies(t, ws.accountId);
}

async function deliveryOf(messageId: string) {
  const { db } = await getTestDatabase();
  const [row] = await db.select({ deliveryStatus: schema.messages.deliveryStatus, channelData: schema.messages.channelData }).from(schema.messages).where(eq(schema.messages.id, messageId));
  return row!;
}

/** Opens the visitor's socket from the host page and collects what it receives. */
async function connect(authorization: string) {
  const socket = new WebSocket(`${base.replace('http', 'ws')}${widget('/socket')}`, { headers: { origin: SITE } });
  sockets.push(socket);
  const received: { type: string; [key: string]: unknown }[] = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => resolve());
  });
  socket.send(JSON.stringify({ type: 'auth', authorization }));
  await vi.waitFor(() => expect(received.some((m) => m.type === 'ready')).toBe(true));
  return { socket, received };
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({ env: { SMTP_URL: smtp.url } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  ws = await createTestWorkspace('Widget shop');
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await t.close();
  await smtp.close();
});

describe('connecting a web chat inbox', () => {
  it('asks for the allowed origins, keeps the identity secret write-only, and serves nothing before it is connected', async () => {
    const [{ channelKey: key }] = await (await getTestDatabase()).db.select({ channelKey: schema.inboxes.channelKey }).from(schema.inboxes).where(eq(schema.inboxes.id, ws.inboxes.mine)) as [{ channelKey: string }];
    channelKey = key;
    expect((await asVisitor(null, { method: 'GET', url: widget('/config') })).statusCode).toBe(404);
    const missing = await requestAs(t.app, admin, { method: 'PUT', url: api(`/inboxes/${ws.inboxes.mine}/channel`), payload: { config: {}, secrets: {} } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['config.allowedOrigins']);
    const connected = await requestAs(t.app, admin, {
      method: 'PUT',
      url: api(`/inboxes/${ws.inboxes.mine}/channel`),
      payload: { config: { allowedOrigins: `${SITE} https://www.shop.example`, greeting: 'Hi! Ask us anything.', color: '#D6336C' }, secrets: { identitySecret: IDENTITY_SECRET } },
    });
    expect(connected.statusCode, connected.body).toBe(200);
    expect(connected.json()).toMatchObject({ connected: true, secretsSet: ['identitySecret'] });
    expect(connected.body).not.toContain(IDENTITY_SECRET);
  });
});

describe('the widget API', () => {
  it('answers the configuration to allowed sites only, with CORS for them', async () => {
    const config = await asVisitor(null, { method: 'GET', url: widget('/config') });
    expect(config.statusCode, config.body).toBe(200);
    expect(config.headers['access-control-allow-origin']).toBe(SITE);
    expect(config.json()).toMatchObject({ name: 'Chat', greeting: 'Hi! Ask us anything.', color: '#d6336c', identityVerification: true, businessHours: null, maxUploadBytes: expect.any(Number) });
    expect(typeof config.json().agentsOnline).toBe('boolean');

    const preflight = await t.app.inject({ method: 'OPTIONS', url: widget('/messages'), headers: { origin: 'https://www.shop.example', 'access-control-request-method': 'POST' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');

    const elsewhere = await asVisitor(null, { method: 'GET', url: widget('/config') }, 'https://evil.example');
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.headers['content-type']).toContain('application/problem+json');
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
    const noOrigin = await t.app.inject({ method: 'GET', url: widget('/config') });
    expect(noOrigin.statusCode).toBe(403);
    expect((await asVisitor(null, { method: 'GET', url: widget('/config', '0123456789abcdef0123456789abcdef') })).statusCode).toBe(404);
  });

  it('reports an agent online while their console is open and available, and the inbox’s business hours', async () => {
    const { db } = await getTestDatabase();
    // Sessions signed in above are fresh; an agent who set themselves away does not count.
    expect((await asVisitor(null, { method: 'GET', url: widget('/config') })).json().agentsOnline).toBe(true);
    await db.update(schema.sessions).set({ lastSeenAt: new Date(Date.now() - 3_600_000) }).where(eq(schema.sessions.userId, ws.agent.id));
    await db.update(schema.sessions).set({ lastSeenAt: new Date(Date.now() - 3_600_000) }).where(eq(schema.sessions.userId, ws.admin.id));
    expect((await asVisitor(null, { method: 'GET', url: widget('/config') })).json().agentsOnline).toBe(false);
    await db.update(schema.sessions).set({ lastSeenAt: new Date() }).where(eq(schema.sessions.userId, ws.agent.id));
    expect((await asVisitor(null, { method: 'GET', url: widget('/config') })).json().agentsOnline).toBe(true);

    const weekdays = await requestAs(t.app, admin, { method: 'POST', url: api('/business-hours'), payload: { name: 'Office', timeZone: 'Asia/Tokyo', weekly: { '1': [[540, 1080]] }, holidays: [] } });
    expect(weekdays.statusCode, weekdays.body).toBe(201);
    await db.update(schema.inboxes).set({ businessHoursId: weekdays.json().id }).where(eq(schema.inboxes.id, ws.inboxes.mine));
    const withHours = (await asVisitor(null, { method: 'GET', url: widget('/config') })).json();
    expect(withHours.businessHours).toMatchObject({ timeZone: 'Asia/Tokyo', open: expect.any(Boolean) });
    if (!withHours.businessHours.open) {
      expect(new Date(withHours.businessHours.nextOpenAt).getUTCDay()).toBe(1);
      expect(withHours.agentsOnline).toBe(false);
    }
    await db.update(schema.inboxes).set({ businessHoursId: null }).where(eq(schema.inboxes.id, ws.inboxes.mine));
  });

  it('takes an anonymous visitor’s pre-chat form and message into the inbox once, and shows them the agent’s reply but never a note', async () => {
    const visitor = await newVisitor();
    expect(await chatOf(visitor)).toEqual({ visitor: null, conversation: null });
    const profile = await asVisitor(visitor, { method: 'POST', url: widget('/profile'), payload: { name: 'Hana Sato', email: 'Hana@Example.test', locale: 'ja' } });
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json()).toEqual({ visitor: { name: 'Hana Sato', email: 'hana@example.test' } });

    const payload = { clientId: 'first-message-1', body: 'Is the blue vase in stock?', pageUrl: `${SITE}/vase` };
    const first = await asVisitor(visitor, { method: 'POST', url: widget('/messages'), payload });
    expect(first.statusCode, first.body).toBe(201);
    const again = await asVisitor(visitor, { method: 'POST', url: widget('/messages'), payload });
    expect(again.json()).toMatchObject({ duplicate: true, message: { id: first.json().message.id } });
    await eventsSettled(ws.accountId);
    const conversationId = first.json().message.conversationId as string;

    const seen = await requestAs(t.app, agent, { method: 'GET', url: api(`/conversations/${conversationId}`) });
    expect(seen.statusCode).toBe(200);
    const contact = await requestAs(t.app, agent, { method: 'GET', url: api(`/contacts/${seen.json().contact.id}`) });
    expect(contact.json()).toMatchObject({ name: 'Hana Sato', email: 'hana@example.test', locale: 'ja' });
    expect(seen.json().messages.filter((m: { direction: string }) => m.direction === 'inbound').map((m: { body: string }) => m.body)).toEqual(['Is the blue vase in stock?']);

    await reply(conversationId, 'Yes, two left.');
    await reply(conversationId, 'She asked before, VIP', 'note');
    const chat = await chatOf(visitor);
    expect(chat.conversation!.messages.map((m) => [m.direction, m.body, m.author])).toEqual([
      ['inbound', 'Is the blue vase in stock?', null],
      ['outbound', 'Yes, two left.', expect.stringMatching(/^Agent /)],
    ]);
  });

  it('never shows one visitor another’s conversation, and refuses missing or malformed credentials', async () => {
    const alice = await newVisitor();
    const mallory = await newVisitor();
    const { message } = await write(alice, 'My address is 1-2-3 Ginza');
    expect((await chatOf(mallory)).conversation).toBeNull();
    const readOther = await asVisitor(mallory, { method: 'POST', url: widget(`/conversations/${message.conversationId}/read`) });
    expect(readOther.statusCode).toBe(404);
    const rateOther = await asVisitor(mallory, { method: 'POST', url: widget(`/conversations/${message.conversationId}/csat`), payload: { rating: 1 } });
    expect(rateOther.statusCode).toBe(404);
    for (const authorization of [null, 'Visitor short', 'Bearer abc', 'User bm9ib2R5.00']) {
      const response = await asVisitor(authorization, { method: 'GET', url: widget('/chat') });
      expect(response.statusCode, authorization ?? 'none').toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('does not link a visitor to the contact who owns the email they typed', async () => {
    const owner = await requestAs(t.app, admin, { method: 'POST', url: api('/contacts'), payload: { name: 'Real Owner', email: 'owner@example.test' } });
    expect(owner.statusCode, owner.body).toBe(201);
    const impostor = await newVisitor();
    const { message } = await write(impostor, 'Show me my orders', { name: 'Not Owner', email: 'owner@example.test' });
    const conversation = await requestAs(t.app, admin, { method: 'GET', url: api(`/conversations/${message.conversationId}`) });
    expect(conversation.json().contact.id).not.toBe(owner.json().id);
    const contact = await requestAs(t.app, admin, { method: 'GET', url: api(`/contacts/${conversation.json().contact.id}`) });
    expect(contact.json()).toMatchObject({ name: 'Not Owner', email: null });
  });

  it('lands two first messages sent at the same moment in one conversation', async () => {
    const visitor = await newVisitor();
    const send = (clientId: string, body: string) => asVisitor(visitor, { method: 'POST', url: widget('/messages'), payload: { clientId, body } });
    const [a, b] = await Promise.all([send('race-first-1', 'hello?'), send('race-second-1', 'anyone there?')]);
    expect(a!.statusCode, a!.body).toBe(201);
    expect(b!.statusCode, b!.body).toBe(201);
    expect(a!.json().message.conversationId).toBe(b!.json().message.conversationId);
    expect((await chatOf(visitor)).conversation!.messages).toHaveLength(2);
  });

  it('limits how many visitors one address can start per minute, with 429 and Retry-After', async () => {
    const start = (remoteAddress: string) => asVisitor(null, { method: 'POST', url: widget('/visitors'), remoteAddress });
    for (let i = 0; i < 20; i += 1) expect((await start('10.66.1.1')).statusCode).toBe(201);
    const refused = await start('10.66.1.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await start('10.66.1.2')).statusCode).toBe(201);
    // Reading is not limited.
    expect((await asVisitor(null, { method: 'GET', url: widget('/config'), remoteAddress: '10.66.1.1' })).statusCode).toBe(200);
  });

  it('answers 400 naming the problem for a bad message, and stores nothing', async () => {
    const visitor = await newVisitor();
    const empty = await asVisitor(visitor, { method: 'POST', url: widget('/messages'), payload: { clientId: 'empty-body-1', body: '  ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toBe('body');
    const badEmail = await asVisitor(visitor, { method: 'POST', url: widget('/messages'), payload: { clientId: 'bad-email-1', body: 'hi', email: 'not-an-address' } });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().errors[0].path).toBe('email');
    const malformed = await asVisitor(visitor, { method: 'POST', url: widget('/messages'), payload: '{"clientId":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    const foreignUpload = await asVisitor(visitor, { method: 'POST', url: widget('/messages'), payload: { clientId: 'foreign-file-1', body: 'hi', attachmentIds: ['00000000-0000-4000-8000-000000000000'] } });
    expect(foreignUpload.statusCode).toBe(400);
    expect(foreignUpload.json().errors[0].path).toBe('attachmentIds');
    expect(await chatOf(visitor)).toEqual({ visitor: null, conversation: null });
  });

  it('lets a visitor send a file and fetch the files of their own conversation only', async () => {
    const visitor = await newVisitor();
    const boundary = 'widget-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="レシート.png"\r\nContent-Type: image/png\r\n\r\npng-bytes\r\n--${boundary}--\r\n`;
    const upload = await asVisitor(visitor, { method: 'POST', url: widget('/attachments'), payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(upload.statusCode, upload.body).toBe(201);
    const file = upload.json<{ id: string; fileName: string }>();
    expect(file.fileName).toBe('レシート.png');
    const { message } = await write(visitor, '', { attachmentIds: [file.id] });
    const chat = await chatOf(visitor);
    expect(chat.conversation!.messages.at(-1)!.attachments.map((a) => a.id)).toEqual([file.id]);
    const download = await asVisitor(visitor, { method: 'GET', url: widget(`/attachments/${file.id}`) });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('png-bytes');
    expect(download.headers['content-type']).toBe('image/png');
    const stranger = await newVisitor();
    expect((await asVisitor(stranger, { method: 'GET', url: widget(`/attachments/${file.id}`) })).statusCode).toBe(404);
    expect(message.conversationId).toBe(chat.conversation!.id);
  });
});

describe('identified users', () => {
  it('continue their conversation on another device with a valid hash, and are refused with a wrong one', async () => {
    const onLaptop = userAuth('shop-user-42');
    const { message } = await write(onLaptop, 'Hello from my laptop', { name: 'Ken Ito', email: 'ken@example.test' });
    // Another device: no token, only the id the host site signed.
    const onPhone = await chatOf(userAuth('shop-user-42'));
    expect(onPhone.conversation!.id).toBe(message.conversationId);
    expect(onPhone.visitor).toEqual({ name: 'Ken Ito', email: 'ken@example.test' });

    const forged = await asVisitor(userAuth('shop-user-42', userHashOf('not-the-secret', 'shop-user-42')), { method: 'GET', url: widget('/chat') });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().detail).toContain('hash');
    const otherUser = await chatOf(userAuth('shop-user-43'));
    expect(otherUser.conversation).toBeNull();
  });
});

describe('the visitor’s socket and delivery', () => {
  it('pushes the agent’s reply and typing to the visitor live, and nothing of another visitor', async () => {
    const visitor = await newVisitor();
    const other = await newVisitor();
    const { message } = await write(visitor, 'Do you ship to Osaka?');
    await write(other, 'Unrelated question');
    const mine = await connect(visitor);
    const theirs = await connect(other);

    const agentSocket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/realtime`, { headers: { cookie: agent.cookie, origin: base } });
    sockets.push(agentSocket);
    await new Promise((resolve) => agentSocket.once('message', resolve));
    agentSocket.send(JSON.stringify({ type: 'presence', conversationId: message.conversationId, state: 'typing' }));
    await vi.waitFor(() => expect(mine.received.find((m) => m.type === 'typing')).toMatchObject({ typing: true, conversationId: message.conversationId }));

    await reply(message.conversationId, 'Yes, next day.');
    await reply(message.conversationId, 'internal: check stock', 'note');
    await vi.waitFor(() => expect(mine.received.filter((m) => m.type === 'message').map((m) => (m.message as { body: string }).body)).toContain('Yes, next day.'));
    expect(mine.received.filter((m) => m.type === 'message').map((m) => (m.message as { body: string }).body)).not.toContain('internal: check stock');
    expect(theirs.received.filter((m) => m.type === 'message' || m.type === 'typing')).toEqual([]);
  });

  it('follows the visitor’s conversation into the one an agent merged it into, and not into another customer’s', async () => {
    const visitor = await newVisitor();
    const { message } = await write(visitor, 'Second question, same order', { name: 'Merge Mei' });
    const mine = await connect(visitor);
    const conversation = await requestAs(t.app, admin, { method: 'GET', url: api(`/conversations/${message.conversationId}`) });
    const contactId = conversation.json().contact.id as string;
    const earlier = await requestAs(t.app, admin, { method: 'POST', url: api('/conversations'), payload: { inboxId: ws.inboxes.mine, contactId, subject: 'Earlier thread' } });
    expect(earlier.statusCode, earlier.body).toBe(201);
    const merged = await requestAs(t.app, admin, { method: 'POST', url: api(`/conversations/${message.conversationId}/merge`), payload: { targetConversationId: earlier.json().id } });
    expect(merged.statusCode, merged.body).toBe(200);
    await eventsSettled(ws.accountId);
    await vi.waitFor(() => expect(mine.received.some((m) => m.type === 'conversation' && m.conversationId === earlier.json().id)).toBe(true));
    await reply(earlier.json().id, 'Both answered here.');
    await vi.waitFor(() => expect(mine.received.filter((m) => m.type === 'message').map((m) => (m.message as { body: string }).body)).toContain('Both answered here.'));
    expect((await chatOf(visitor)).conversation!.id).toBe(earlier.json().id);

    // Merged into another customer's conversation: the visitor follows it nowhere.
    const other = await newVisitor();
    const { message: theirs } = await write(other, 'Please merge me elsewhere');
    const stranger = await requestAs(t.app, admin, { method: 'POST', url: api('/contacts'), payload: { name: 'Someone Else' } });
    const foreign = await requestAs(t.app, admin, { method: 'POST', url: api('/conversations'), payload: { inboxId: ws.inboxes.mine, contactId: stranger.json().id, subject: 'Someone else’s' } });
    const otherSocket = await connect(other);
    await requestAs(t.app, admin, { method: 'POST', url: api(`/conversations/${theirs.conversationId}/merge`), payload: { targetConversationId: foreign.json().id } });
    await eventsSettled(ws.accountId);
    await reply(foreign.json().id, 'Private to someone else');
    expect((await chatOf(other)).conversation).toBeNull();
    // Their next message travels the same bus and socket after that reply: once it is here, the reply would have been too.
    await write(other, 'Hello again');
    await vi.waitFor(() => expect(otherSocket.received.some((m) => m.type === 'message')).toBe(true));
    expect(otherSocket.received.filter((m) => m.type === 'message').map((m) => (m.message as { body: string }).body)).toEqual(['Hello again']);
  });

  it('tells the agents the visitor is typing', async () => {
    const visitor = await newVisitor();
    const { message } = await write(visitor, 'Hello?', { name: 'Typing Tomo' });
    const agentSocket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/realtime`, { headers: { cookie: agent.cookie, origin: base } });
    sockets.push(agentSocket);
    const events: { type: string; event?: { type: string; payload: Record<string, unknown> } }[] = [];
    agentSocket.on('message', (data) => events.push(JSON.parse(String(data))));
    await vi.waitFor(() => expect(events.some((e) => e.type === 'ready')).toBe(true));
    const typing = await asVisitor(visitor, { method: 'POST', url: widget('/typing'), payload: { typing: true } });
    expect(typing.statusCode).toBe(204);
    await vi.waitFor(() => expect(events.find((e) => e.event?.type === 'presence.changed')?.event?.payload).toMatchObject({ conversationId: message.conversationId, name: 'Typing Tomo', state: 'typing' }));
  });

  it('brings the visitor\'s answer to an emailed reply back into the chat conversation, through the account\'s email inbox', async () => {
    const emailInbox = (await requestAs(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${ws.accountId}/inboxes`, payload: { name: 'Mail', channel: 'email' } })).json<{ id: string }>().id;
    const connected = await requestAs(t.app, admin, { method: 'PUT', url: `/api/v1/accounts/${ws.accountId}/inboxes/${emailInbox}/channel`, payload: { config: { address: 'help@widget-shop.example' }, secrets: { mailgunSigningKey: 'mailgun-key' } } });
    expect(connected.statusCode, connected.body).toBe(200);
    const visitor = await newVisitor();
    const { message } = await write(visitor, 'Please email me when it ships.', { name: 'Mail Mei', email: 'mei@example.test', locale: 'en' });
    const before = smtp.received.length;
    await reply(message.conversationId, 'It shipped today.');
    await deliver();
    await vi.waitFor(() => expect(smtp.received.length).toBe(before + 1));
    const emailed = smtp.received.at(-1)!;
    const replyTo = emailed.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(/^help\+[a-z0-9]+@widget-shop\.example$/);
    expect(emailed.text).toContain('Or simply reply to this email.');

    // Mei answers the email; Mailgun posts it to the email inbox, and it lands in the chat conversation.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const token = randomUUID().replaceAll('-', '');
    const raw = ['From: Mail Mei <mei@example.test>', `To: ${replyTo}`, 'Subject: Re: your chat', `Message-ID: <answer-${token}@example.test>`, '', 'Thank you, that was quick!', ''].join('\r\n');
    const form = new URLSearchParams({ timestamp, token, signature: createHmac('sha256', 'mailgun-key').update(timestamp + token).digest('hex'), recipient: replyTo, sender: 'mei@example.test', 'body-mime': raw });
    const posted = await t.app.inject({ method: 'POST', url: `${new URL(connected.json<{ webhookUrl: string }>().webhookUrl).pathname}/mailgun/mime`, payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json()).toMatchObject({ conversationId: message.conversationId });
    // Without the reply token (the inbox's plain address) the same email opens a conversation of its own.
    const other = new URLSearchParams({ ...Object.fromEntries(form), recipient: 'help@widget-shop.example', token: `${token}x`, signature: createHmac('sha256', 'mailgun-key').update(`${timestamp}${token}x`).digest('hex'), 'body-mime': raw.replace(replyTo, 'help@widget-shop.example').replace(`answer-${token}`, `other-${token}`) });
    const fresh = await t.app.inject({ method: 'POST', url: `${new URL(connected.json<{ webhookUrl: string }>().webhookUrl).pathname}/mailgun/mime`, payload: other.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.json().conversationId).not.toBe(message.conversationId);
  });

  it('marks a reply sent once delivered, read when the visitor saw it, and emails it only while the visitor is away', async () => {
    const visitor = await newVisitor();
    const { message } = await write(visitor, 'Can you email me the invoice?', { name: 'Away Aki', email: 'aki@example.test', locale: 'ja' });
    const conversationId = message.conversationId;

    // The visitor's chat is closed: the reply follows by email, with a link back to the page.
    const before = smtp.received.length;
    const emailed = await reply(conversationId, 'Invoice attached to your account.');
    expect((await deliveryOf(emailed)).deliveryStatus).toBe('pending');
    await deliver();
    expect(await deliveryOf(emailed)).toMatchObject({ deliveryStatus: 'sent', channelData: { emailedTo: 'aki@example.test' } });
    await vi.waitFor(() => expect(smtp.received.length).toBe(before + 1));
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toMatchObject({ text: 'aki@example.test' });
    expect(mail.subject).toContain('Chat');
    expect(mail.text).toContain('Invoice attached to your account.');
    expect(mail.text).toContain(`${SITE}/products/vase`);

    // With the chat open, the reply is only marked sent.
    await connect(visitor);
    const live = await reply(conversationId, 'Anything else?');
    await deliver();
    expect(await deliveryOf(live)).toMatchObject({ deliveryStatus: 'sent' });
    expect((await deliveryOf(live)).channelData).not.toHaveProperty('emailedTo');
    expect(smtp.received.length).toBe(before + 1);

    const read = await asVisitor(visitor, { method: 'POST', url: widget(`/conversations/${conversationId}/read`) });
    expect(read.json()).toEqual({ read: 2 });
    expect((await deliveryOf(emailed)).deliveryStatus).toBe('read');
    expect((await deliveryOf(live)).deliveryStatus).toBe('read');
  });

  it('shows the visitor when an agent read their message', async () => {
    const visitor = await newVisitor();
    const { message } = await write(visitor, 'Did you see this?');
    expect((await chatOf(visitor)).conversation!.agentReadAt).toBeNull();
    const read = await requestAs(t.app, agent, { method: 'POST', url: api(`/conversations/${message.conversationId}/read`) });
    expect(read.statusCode, read.body).toBeLessThan(300);
    expect((await chatOf(visitor)).conversation!.agentReadAt).not.toBeNull();
  });
});

describe('CSAT in the widget', () => {
  it('asks a visitor to rate their resolved conversation and records the rating for the agent', async () => {
    const visitor = await newVisitor();
    const { message } = await write(visitor, 'Where is my parcel?');
    await reply(message.conversationId, 'It arrives tomorrow.');
    expect((await asVisitor(visitor, { method: 'POST', url: widget(`/conversations/${message.conversationId}/csat`), payload: { rating: 5 } })).statusCode).toBe(409);
    const resolved = await requestAs(t.app, agent, { method: 'PATCH', url: api(`/conversations/${message.conversationId}`), payload: { status: 'resolved' } });
    expect(resolved.statusCode, resolved.body).toBe(200);
    await eventsSettled(ws.accountId);
    expect((await chatOf(visitor)).conversation).toMatchObject({ status: 'resolved', csat: { requested: true, rating: null } });
    const bad = await asVisitor(visitor, { method: 'POST', url: widget(`/conversations/${message.conversationId}/csat`), payload: { rating: 9 } });
    expect(bad.statusCode).toBe(400);
    const rated = await asVisitor(visitor, { method: 'POST', url: widget(`/conversations/${message.conversationId}/csat`), payload: { rating: 4, comment: 'Quick answer' } });
    expect(rated.statusCode, rated.body).toBe(204);
    expect((await chatOf(visitor)).conversation!.csat).toEqual({ requested: true, rating: 4 });
    const agentView = await requestAs(t.app, agent, { method: 'GET', url: api(`/conversations/${message.conversationId}`) });
    expect(JSON.stringify(agentView.json())).toContain('Quick answer');
    // Writing again reopens the same conversation.
    const { message: next } = await write(visitor, 'One more thing');
    expect(next.conversationId).toBe(message.conversationId);
  });
});

describe('disconnecting', () => {
  it('stops the widget API for the inbox', async () => {
    const visitor = await newVisitor();
    await requestAs(t.app, admin, { method: 'DELETE', url: api(`/inboxes/${ws.inboxes.mine}/channel`) });
    expect((await asVisitor(visitor, { method: 'GET', url: widget('/chat') })).statusCode).toBe(404);
  });
});
