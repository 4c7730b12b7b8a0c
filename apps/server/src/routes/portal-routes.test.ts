import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userHashOf } from '@touchpoint/channels';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { createConversation, updateConversation } from '@touchpoint/conversations';
import { handleOfAccount, mintSignInLink } from '@touchpoint/customers';
import { schema } from '@touchpoint/db';
import { multipartBody } from '../testing/multipart.ts';
import { startSmtpSink } from '../testing/smtp-sink.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type TestApp, type TestWorkspace } from '../testing/test-app.ts';
import { getTestDatabase } from '../testing/test-database.ts';

const RUN = randomUUID().slice(0, 8);
const SITE = 'https://portal-shop.example';
const IDENTITY_SECRET = 'portal-identity-secret';

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let t: TestApp;
let ws: TestWorkspace;
let scope: AccountScope;
let handle: string;
let aiko: { id: string; email: string };
let ben: { id: string; email: string };
let aikoConversation: string;
let benConversation: string;

let addresses = 0;
const fromAddress = () => `10.66.${RUN.charCodeAt(2)}.${(addresses += 1) % 250}`;
const portal = (path = '') => `/api/portal/${handle}${path}`;

interface Customer {
  cookie: string;
  csrfToken: string;
}

const mailsTo = (to: string) => sink.received.filter((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '') === to);

/** The token of the next sign-in email sent to `to` after `seen` earlier ones (read from a real SMTP listener). */
async function tokenMailedTo(to: string, seen = 0) {
  for (let i = 0; i < 100; i += 1) {
    const mail = mailsTo(to)[seen];
    if (mail) return { mail, token: /#token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]! };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no sign-in email reached ${to}`);
}

async function signInByEmail(email: string): Promise<Customer> {
  const seen = mailsTo(email).length;
  const asked = await t.app.inject({ method: 'POST', url: portal('/auth/link'), payload: { email }, remoteAddress: fromAddress() });
  expect(asked.statusCode, asked.body).toBe(202);
  const { token } = await tokenMailedTo(email, seen);
  const redeemed = await t.app.inject({ method: 'POST', url: portal('/auth/redeem'), payload: { token } });
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  const cookie = (redeemed.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_customer')!;
  return { cookie: `tp_customer=${cookie.value}`, csrfToken: redeemed.json().csrfToken };
}

/** Signs a contact in without email (a minted one-time link), for tests about what comes after sign-in. */
async function signInDirectly(contactId: string): Promise<Customer> {
  const link = await mintSignInLink((await getTestDatabase()).db, ws.accountId, contactId, 'widget');
  const redeemed = await t.app.inject({ method: 'POST', url: portal('/auth/redeem'), payload: { token: link.token } });
  expect(redeemed.statusCode, redeemed.body).toBe(200);
  const cookie = (redeemed.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_customer')!;
  return { cookie: `tp_customer=${cookie.value}`, csrfToken: redeemed.json().csrfToken };
}

const as = (who: Customer, options: InjectOptions) => t.app.inject({ ...options, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, ...(options.headers ?? {}) } });

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ env: { SMTP_URL: sink.url, MAIL_FROM: 'Shop <shop@example.test>' } });
  ws = await createTestWorkspace('Portal shop');
  const { db } = await getTestDatabase();
  handle = await handleOfAccount(db, ws.accountId);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const a = await createContact(db, scope, { name: 'Aiko Mori', email: `aiko-${RUN}@example.test`, locale: 'ja' });
  const b = await createContact(db, scope, { name: 'Ben Ito', email: `ben-${RUN}@example.test` });
  aiko = { id: a.id, email: a.email! };
  ben = { id: b.id, email: b.email! };
  const at = new Date(Date.now() - 60_000);
  aikoConversation = (await createConversation(db, scope, { inboxId: ws.inboxes.other, contactId: aiko.id, subject: 'Where is my vase?', messages: [{ direction: 'inbound', body: 'My vase has not arrived.', at }, { direction: 'note', body: 'INTERNAL: courier lost it', at }] })).id;
  benConversation = (await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: ben.id, subject: 'Ben’s secret', messages: [{ direction: 'inbound', body: 'Ben only', at }] })).id;
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

describe('portal sign-in by emailed link', () => {
  it('answers the same for known and unknown addresses, and emails only the known one, in their language', async () => {
    const known = await t.app.inject({ method: 'POST', url: portal('/auth/link'), payload: { email: aiko.email, locale: 'en' }, remoteAddress: fromAddress() });
    const unknown = await t.app.inject({ method: 'POST', url: portal('/auth/link'), payload: { email: `stranger-${RUN}@example.test` }, remoteAddress: fromAddress() });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const { mail } = await tokenMailedTo(aiko.email);
    expect(mail.subject).toContain('サインイン');
    expect(mail.text).toContain(`http://touchpoint.test/portal/${handle}/sign-in#token=`);
    expect(sink.received.some((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '') === `stranger-${RUN}@example.test`)).toBe(false);
  });

  it('signs in once: the cookie is httpOnly and sent only to this portal’s API; the link then stops working', async () => {
    const seen = mailsTo(ben.email).length;
    await t.app.inject({ method: 'POST', url: portal('/auth/link'), payload: { email: ben.email }, remoteAddress: fromAddress() });
    const { token } = await tokenMailedTo(ben.email, seen);
    const first = await t.app.inject({ method: 'POST', url: portal('/auth/redeem'), payload: { token } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ contactId: ben.id, name: 'Ben Ito', account: { handle } });
    const cookie = (first.cookies as { name: string; path?: string; httpOnly?: boolean }[]).find((c) => c.name === 'tp_customer')!;
    expect(cookie).toMatchObject({ path: `/api/portal/${handle}`, httpOnly: true });
    const again = await t.app.inject({ method: 'POST', url: portal('/auth/redeem'), payload: { token } });
    expect(again.statusCode).toBe(410);
    expect(again.headers['content-type']).toContain('application/problem+json');
    // The sign-in is on Ben's timeline once, on the portal touchpoint (a refused second try adds nothing).
    const { db } = await getTestDatabase();
    const signIns = await db.select().from(schema.customerEvents).where(and(eq(schema.customerEvents.contactId, ben.id), eq(schema.customerEvents.name, 'portal.signed_in')));
    expect(signIns.map((event) => event.touchpointKind)).toEqual(['portal']);
  });

  it('refuses a link on another account’s portal, and an unknown handle is 404', async () => {
    const other = await createTestWorkspace('Other portal');
    const otherHandle = await handleOfAccount((await getTestDatabase()).db, other.accountId);
    const seen = mailsTo(aiko.email).length;
    await t.app.inject({ method: 'POST', url: portal('/auth/link'), payload: { email: aiko.email }, remoteAddress: fromAddress() });
    const { token } = await tokenMailedTo(aiko.email, seen);
    expect((await t.app.inject({ method: 'POST', url: `/api/portal/${otherHandle}/auth/redeem`, payload: { token } })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'POST', url: '/api/portal/no-such-shop/auth/redeem', payload: { token } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/no-such-shop' })).statusCode).toBe(404);
  });

  it('limits links per address (429), known or not', async () => {
    const email = `limited-${RUN}@example.test`;
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await t.app.inject({ method: 'POST', url: portal('/auth/link'), payload: { email }, remoteAddress: fromAddress() })).statusCode);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('needs a session for the customer routes, a CSRF token for writes, and signs out', async () => {
    expect((await t.app.inject({ method: 'GET', url: portal('/me') })).statusCode).toBe(401);
    const customer = await signInByEmail(ben.email);
    const withoutCsrf = await t.app.inject({ method: 'PATCH', url: portal('/me'), payload: { name: 'Ben I.' }, headers: { cookie: customer.cookie } });
    expect(withoutCsrf.statusCode).toBe(403);
    const other = await createTestWorkspace('Cookie elsewhere');
    const otherHandle = await handleOfAccount((await getTestDatabase()).db, other.accountId);
    expect((await as(customer, { method: 'GET', url: `/api/portal/${otherHandle}/me` })).statusCode).toBe(401);
    expect((await as(customer, { method: 'POST', url: portal('/auth/sign-out') })).statusCode).toBe(204);
    expect((await as(customer, { method: 'GET', url: portal('/me') })).statusCode).toBe(401);
  });
});

describe('the signed-in customer', () => {
  it('changes their name, language and time zone, and their consent per channel with time and source', async () => {
    const customer = await signInDirectly(aiko.id);
    const changed = await as(customer, { method: 'PATCH', url: portal('/me'), payload: { name: 'Aiko M.', locale: 'zh', timeZone: 'Asia/Tokyo' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Aiko M.', locale: 'zh', timeZone: 'Asia/Tokyo' });
    expect((await as(customer, { method: 'PATCH', url: portal('/me'), payload: { timeZone: 'Mars/Olympus' } })).statusCode).toBe(400);
    const consent = await as(customer, { method: 'PUT', url: portal('/me/consent'), payload: { email: true, whatsapp: false } });
    expect(consent.statusCode, consent.body).toBe(200);
    expect(consent.json()).toMatchObject({ email: { granted: true, source: 'portal' }, whatsapp: { granted: false, source: 'portal' }, sms: null, messenger: null });
    const { db } = await getTestDatabase();
    const history = await db.select().from(schema.contactConsentChanges).where(eq(schema.contactConsentChanges.contactId, aiko.id));
    expect(history.map((row) => [row.channel, row.granted, row.source]).sort()).toEqual([['email', true, 'portal'], ['whatsapp', false, 'portal']]);
  });

  it('sees only their own conversations, without internal notes; another customer’s is 404', async () => {
    const customer = await signInByEmail(aiko.email);
    const list = await as(customer, { method: 'GET', url: portal('/conversations') });
    expect(list.json().conversations.map((c: { id: string }) => c.id)).toEqual([aikoConversation]);
    expect(list.json().conversations[0]).toMatchObject({ subject: 'Where is my vase?', channel: 'email', preview: 'My vase has not arrived.' });
    const thread = await as(customer, { method: 'GET', url: portal(`/conversations/${aikoConversation}`) });
    expect(thread.json().messages.map((m: { body: string }) => m.body)).toEqual(['My vase has not arrived.']);
    expect(thread.body).not.toContain('INTERNAL');
    expect((await as(customer, { method: 'GET', url: portal(`/conversations/${benConversation}`) })).statusCode).toBe(404);
    expect((await as(customer, { method: 'POST', url: portal(`/conversations/${benConversation}/messages`), payload: { body: 'hi', clientId: 'intrude-0001' } })).statusCode).toBe(404);
    expect((await as(customer, { method: 'POST', url: portal(`/conversations/${benConversation}/rating`), payload: { rating: 1 } })).statusCode).toBe(404);
  });

  it('replies as a customer message once per clientId, reopening a resolved conversation, and rates it once resolved', async () => {
    const { db } = await getTestDatabase();
    const admin = await signInAs(t.app, ws.admin.email);
    await requestAs(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${ws.accountId}/conversations/${aikoConversation}/messages`, payload: { kind: 'reply', body: 'It ships tomorrow.' } });
    const customer = await signInByEmail(aiko.email);
    expect((await as(customer, { method: 'POST', url: portal(`/conversations/${aikoConversation}/rating`), payload: { rating: 5 } })).statusCode).toBe(409);
    await updateConversation(db, scope, aikoConversation, { status: 'resolved' });
    const rated = await as(customer, { method: 'POST', url: portal(`/conversations/${aikoConversation}/rating`), payload: { rating: 4, comment: 'Quick answer' } });
    expect(rated.statusCode, rated.body).toBe(204);
    const reply = { body: 'Thank you!', clientId: `reply-${RUN}` };
    const first = await as(customer, { method: 'POST', url: portal(`/conversations/${aikoConversation}/messages`), payload: reply });
    const second = await as(customer, { method: 'POST', url: portal(`/conversations/${aikoConversation}/messages`), payload: reply });
    expect(first.statusCode, first.body).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const thread = (await as(customer, { method: 'GET', url: portal(`/conversations/${aikoConversation}`) })).json();
    expect(thread).toMatchObject({ status: 'open', rating: 4 });
    expect(thread.messages.map((m: { direction: string; body: string }) => `${m.direction}:${m.body}`)).toEqual(['inbound:My vase has not arrived.', 'outbound:It ships tomorrow.', 'inbound:Thank you!']);
    const [stored] = await db.select().from(schema.messages).where(eq(schema.messages.id, first.json().id));
    expect(stored).toMatchObject({ direction: 'inbound', channelData: { source: 'portal' } });
  });

  it('sends a file with a reply; nobody else can attach their upload, and only the customer can open it', async () => {
    const aikoSession = await signInDirectly(aiko.id);
    const benSession = await signInDirectly(ben.id);
    const { body, contentType } = multipartBody([{ name: 'file', value: Buffer.from('receipt 1042'), fileName: 'receipt.txt', contentType: 'text/plain' }]);
    const uploaded = await as(aikoSession, { method: 'POST', url: portal('/attachments'), payload: body, headers: { 'content-type': contentType } });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const fileId = uploaded.json().id;
    const stolen = await as(benSession, { method: 'POST', url: portal(`/conversations/${benConversation}/messages`), payload: { body: '', clientId: `steal-${RUN}`, attachmentIds: [fileId] } });
    expect(stolen.statusCode).toBe(400);
    const sent = await as(aikoSession, { method: 'POST', url: portal(`/conversations/${aikoConversation}/messages`), payload: { body: '', clientId: `file-${RUN}`, attachmentIds: [fileId] } });
    expect(sent.statusCode, sent.body).toBe(201);
    const thread = (await as(aikoSession, { method: 'GET', url: portal(`/conversations/${aikoConversation}`) })).json();
    expect(thread.messages.at(-1).attachments).toEqual([expect.objectContaining({ id: fileId, fileName: 'receipt.txt' })]);
    const opened = await as(aikoSession, { method: 'GET', url: portal(`/attachments/${fileId}`) });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toBe('receipt 1042');
    expect((await as(benSession, { method: 'GET', url: portal(`/attachments/${fileId}`) })).statusCode).toBe(404);
  });

  it('starts a conversation that agents find in the web chat inbox', async () => {
    const customer = await signInDirectly(ben.id);
    const started = await as(customer, { method: 'POST', url: portal('/conversations'), payload: { body: 'Do you ship to Osaka?\nThanks', clientId: `start-${RUN}` } });
    expect(started.statusCode, started.body).toBe(201);
    const { db } = await getTestDatabase();
    const [conversation] = await db.select().from(schema.conversations).where(eq(schema.conversations.id, started.json().id));
    expect(conversation).toMatchObject({ inboxId: ws.inboxes.mine, contactId: ben.id, subject: 'Do you ship to Osaka?', status: 'open' });
  });
});

describe('sign-in from the chat widget', () => {
  let channelKey: string;
  beforeAll(async () => {
    const { db } = await getTestDatabase();
    const admin = await signInAs(t.app, ws.admin.email);
    const connected = await requestAs(t.app, admin, { method: 'PUT', url: `/api/v1/accounts/${ws.accountId}/inboxes/${ws.inboxes.mine}/channel`, payload: { config: { allowedOrigins: SITE }, secrets: { identitySecret: IDENTITY_SECRET } } });
    expect(connected.statusCode, connected.body).toBe(200);
    [{ channelKey }] = (await db.select({ channelKey: schema.inboxes.channelKey }).from(schema.inboxes).where(eq(schema.inboxes.id, ws.inboxes.mine))) as [{ channelKey: string }];
  });

  const askLink = (authorization: string, profile?: object) => t.app.inject({ method: 'POST', url: `/widget/v1/${channelKey}/portal-link`, headers: { origin: SITE, authorization }, remoteAddress: fromAddress(), ...(profile ? { payload: profile } : {}) });

  it('gives a verified user a one-time link that opens the portal signed in as their contact', async () => {
    const userId = `shop-user-${RUN}`;
    const linked = await askLink(`User ${Buffer.from(userId).toString('base64url')}.${userHashOf(IDENTITY_SECRET, userId)}`, { name: 'Kai Ono', email: `kai-${RUN}@example.test` });
    expect(linked.statusCode, linked.body).toBe(201);
    const url = new URL(linked.json().url);
    expect(url.pathname).toBe(`/portal/${handle}/sign-in`);
    const token = url.hash.replace('#token=', '');
    const redeemed = await t.app.inject({ method: 'POST', url: portal('/auth/redeem'), payload: { token } });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    expect(redeemed.json()).toMatchObject({ name: 'Kai Ono', email: `kai-${RUN}@example.test` });
    expect((await t.app.inject({ method: 'POST', url: portal('/auth/redeem'), payload: { token } })).statusCode).toBe(410);
  });

  it('refuses anonymous visitors and wrong hashes', async () => {
    const anonymous = await askLink(`Visitor ${'a'.repeat(43)}`);
    expect(anonymous.statusCode, anonymous.body).toBe(403);
    expect((await askLink(`User ${Buffer.from('someone').toString('base64url')}.${'0'.repeat(64)}`)).statusCode).toBe(401);
  });
});
