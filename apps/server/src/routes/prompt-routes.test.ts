import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Condition, ConditionPort, PublishedEvent } from '@touchpoint/core';
import { userHashOf } from '@touchpoint/channels';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { openCustomerSession } from '@touchpoint/customers';
import { schema } from '@touchpoint/db';
import { createPrompt, createPromptTriggerSink, deliverInAppMessage, type PromptInput, triggerPrompt } from '@touchpoint/prompts';
import { eventsSettled } from '../testing/events-settled.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

const SITE = 'https://shop.example';
const SECRET = 'identity-secret-for-prompt-tests';

let t: TestApp;
let base: string;
let ws: TestWorkspace;
let other: TestWorkspace;
let admin: SignedIn;
const keys: Record<string, string> = {};
const sockets: WebSocket[] = [];

type Received = { type: string; prompt?: { deliveryId: string; kind: string; content: Record<string, { title: string }>; locale: string | null }; deliveryId?: string };

const api = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const userAuth = (userId: string) => `User ${Buffer.from(userId).toString('base64url')}.${userHashOf(SECRET, userId)}`;

async function connectInbox(workspace: TestWorkspace) {
  const signedIn = await signInAs(t.app, workspace.admin.email);
  const response = await requestAs(t.app, signedIn, { method: 'PUT', url: `/api/v1/accounts/${workspace.accountId}/inboxes/${workspace.inboxes.mine}/channel`, payload: { config: { allowedOrigins: SITE }, secrets: { identitySecret: SECRET } } });
  expect(response.statusCode, response.body).toBe(200);
  const { db } = await getTestDatabase();
  const [row] = await db.select({ channelKey: schema.inboxes.channelKey }).from(schema.inboxes).where(eq(schema.inboxes.id, workspace.inboxes.mine));
  keys[workspace.accountId] = row!.channelKey!;
}

/** A signed-in shopper of the host site: their widget contact, made by the profile call the widget sends. */
async function newShopper(workspace: TestWorkspace, locale = 'en') {
  const userId = `user-${randomUUID().slice(0, 8)}`;
  const email = `${userId}@example.test`;
  const response = await t.app.inject({ method: 'POST', url: `/widget/v1/${keys[workspace.accountId]}/profile`, headers: { origin: SITE, authorization: userAuth(userId) }, payload: { name: userId, email, locale }, remoteAddress: `10.55.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
  expect(response.statusCode, response.body).toBeLessThan(300);
  const { db } = await getTestDatabase();
  const [contact] = await db.select({ id: schema.contacts.id }).from(schema.contacts).where(and(eq(schema.contacts.accountId, workspace.accountId), eq(schema.contacts.email, email)));
  return { userId, contactId: contact!.id, authorization: userAuth(userId), workspace };
}

async function openWidget(shopper: Awaited<ReturnType<typeof newShopper>>) {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/widget/v1/${keys[shopper.workspace.accountId]}/socket`, { headers: { origin: SITE } });
  sockets.push(socket);
  const received: Received[] = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as Received));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => resolve());
  });
  socket.send(JSON.stringify({ type: 'auth', authorization: shopper.authorization }));
  await vi.waitFor(() => expect(received.some((m) => m.type === 'ready')).toBe(true));
  return { socket, received, prompts: () => received.filter((m) => m.type === 'prompt').map((m) => m.prompt!) };
}

async function record(workspace: TestWorkspace, contactId: string, name: string) {
  const { db } = await getTestDatabase();
  await db.transaction((tx) => recordCustomerEvents(tx, workspace.accountId, [{ contactId, kind: 'track', name, source: 'api' }]));
  await eventsSettled(workspace.accountId);
}

async function newPrompt(input: Partial<PromptInput> & { triggerEvent: string }, workspace = ws) {
  const { db } = await getTestDatabase();
  return createPrompt(db, workspace.accountId, { name: `On ${input.triggerEvent}`, kind: 'banner', status: 'live', content: { en: { title: `Hello from ${input.triggerEvent}` }, ja: { title: 'こんにちは' } }, ...input });
}

const timeline = async (contactId: string) => {
  const { db } = await getTestDatabase();
  return db.select({ name: schema.customerEvents.name, touchpointKind: schema.customerEvents.touchpointKind, touchpointId: schema.customerEvents.touchpointId }).from(schema.customerEvents).where(eq(schema.customerEvents.contactId, contactId));
};

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  ws = await createTestWorkspace('Prompt shop');
  other = await createTestWorkspace('Other shop');
  admin = await signInAs(t.app, ws.admin.email);
  await connectInbox(ws);
  await connectInbox(other);
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await t.close();
});

describe('prompts in the console API', () => {
  it('creates a prompt, refuses a tooltip without its anchor, and lists it with its figures', async () => {
    const created = await requestAs(t.app, admin, { method: 'POST', url: api('/prompts'), payload: { name: 'Welcome', kind: 'modal', content: { en: { title: 'Welcome!', body: 'Glad you are here', ctaLabel: 'Tour' } }, action: { kind: 'url', url: 'https://shop.example/tour' }, triggerEvent: 'portal.signed_in', triggerFirstOnly: true } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'draft', kind: 'modal', frequency: 'once', surfaces: 'both' });
    const tooltip = await requestAs(t.app, admin, { method: 'POST', url: api('/prompts'), payload: { name: 'Tip', kind: 'tooltip', content: { en: { title: 'Look here' } } } });
    expect(tooltip.statusCode).toBe(400);
    expect(tooltip.headers['content-type']).toContain('application/problem+json');
    expect(tooltip.json().errors.map((e: { path: string }) => e.path)).toEqual(['anchorSelector']);
    const noLabel = await requestAs(t.app, admin, { method: 'POST', url: api('/prompts'), payload: { name: 'CTA', kind: 'banner', content: { en: { title: 'Go' } }, action: { kind: 'open_chat' } } });
    expect(noLabel.json().errors.map((e: { path: string }) => e.path)).toEqual(['content.en.ctaLabel']);
    const list = await requestAs(t.app, admin, { method: 'GET', url: api('/prompts') });
    expect(list.json().prompts.find((p: { id: string }) => p.id === created.json().id)).toMatchObject({ name: 'Welcome', stats: { triggered: 0, shown: 0, clicked: 0, dismissed: 0, clickRate: 0 } });
  });

  it('takes a button link to a URL or to a path on the same site, never a script or another host by //', async () => {
    const link = (url: string) => requestAs(t.app, admin, { method: 'POST', url: api('/prompts'), payload: { name: 'Orders', kind: 'banner', content: { en: { title: 'Your orders', ctaLabel: 'See them' } }, action: { kind: 'url', url } } });
    expect((await link('/portal/shop/orders')).statusCode).toBe(201);
    for (const bad of ['javascript:alert(1)', '//evil.example/x', 'orders', '/\\evil.example']) {
      const refused = await link(bad);
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual(['action.url']);
    }
  });

  it('pauses and resumes a prompt through its status', async () => {
    const prompt = await newPrompt({ triggerEvent: 'pause.tested', status: 'draft' });
    const live = await requestAs(t.app, admin, { method: 'PATCH', url: api(`/prompts/${prompt.id}`), payload: { status: 'live' } });
    expect(live.json().status).toBe('live');
    const paused = await requestAs(t.app, admin, { method: 'PATCH', url: api(`/prompts/${prompt.id}`), payload: { status: 'paused' } });
    expect(paused.json()).toMatchObject({ status: 'paused', name: prompt.name, content: prompt.content });
  });
});

describe('an event triggering a prompt', () => {
  it('pushes it to that customer’s open widget socket only, and records shown on the ack and clicked on the click', async () => {
    const prompt = await newPrompt({ triggerEvent: 'order.placed', kind: 'modal', action: { kind: 'url', url: 'https://shop.example/thanks' }, content: { en: { title: 'Thanks for your order', ctaLabel: 'See it' } } });
    const shopper = await newShopper(ws, 'ja');
    const neighbour = await newShopper(ws);
    const stranger = await newShopper(other);
    await newPrompt({ triggerEvent: 'order.placed' }, other);
    const [mine, theirs, foreign] = [await openWidget(shopper), await openWidget(neighbour), await openWidget(stranger)];
    await record(ws, shopper.contactId, 'order.placed');
    await vi.waitFor(() => expect(mine.prompts()).toHaveLength(1));
    const pushed = mine.prompts()[0]!;
    expect(pushed).toMatchObject({ kind: 'modal', locale: 'ja', content: { en: { title: 'Thanks for your order' } } });
    // Their own next event travels the same sink, bus and sockets: once it has arrived, the other push would have too.
    await record(ws, neighbour.contactId, 'page.viewed');
    await record(other, stranger.contactId, 'page.viewed');
    expect(theirs.prompts()).toEqual([]);
    expect(foreign.prompts()).toEqual([]);

    mine.socket.send(JSON.stringify({ type: 'prompt.ack', deliveryId: pushed.deliveryId }));
    await vi.waitFor(async () => expect((await timeline(shopper.contactId)).map((e) => e.name)).toContain('prompt.shown'));
    const click = await t.app.inject({ method: 'POST', url: `/widget/v1/${keys[ws.accountId]}/prompts/${pushed.deliveryId}/clicked`, headers: { origin: SITE, authorization: shopper.authorization } });
    expect(click.statusCode, click.body).toBe(204);
    const again = await t.app.inject({ method: 'POST', url: `/widget/v1/${keys[ws.accountId]}/prompts/${pushed.deliveryId}/clicked`, headers: { origin: SITE, authorization: shopper.authorization } });
    expect(again.statusCode).toBe(204);
    const events = (await timeline(shopper.contactId)).filter((e) => e.name.startsWith('prompt.'));
    expect(events.map((e) => e.name).sort()).toEqual(['prompt.clicked', 'prompt.shown', 'prompt.triggered']);
    expect(events.every((e) => e.touchpointKind === 'prompt' && e.touchpointId === prompt.id)).toBe(true);
    // Someone else cannot answer for this delivery.
    const hijack = await t.app.inject({ method: 'POST', url: `/widget/v1/${keys[ws.accountId]}/prompts/${pushed.deliveryId}/dismissed`, headers: { origin: SITE, authorization: neighbour.authorization } });
    expect(hijack.statusCode).toBe(404);
    await eventsSettled(ws.accountId);
    const list = await requestAs(t.app, admin, { method: 'GET', url: api('/prompts') });
    expect(list.json().prompts.find((p: { id: string }) => p.id === prompt.id).stats).toEqual({ triggered: 1, shown: 1, clicked: 1, dismissed: 0, clickRate: 1 });
    // Once per customer: a second order does not show it again.
    await record(ws, shopper.contactId, 'order.placed');
    await record(ws, shopper.contactId, 'page.viewed');
    expect(mine.prompts()).toHaveLength(1);
  });

  it('keeps a prompt for a customer who is not connected and hands it over when they connect', async () => {
    await newPrompt({ triggerEvent: 'payment.failed', placement: 'bottom' });
    const shopper = await newShopper(ws);
    await record(ws, shopper.contactId, 'payment.failed');
    const later = await openWidget(shopper);
    await vi.waitFor(() => expect(later.prompts().map((p) => p.content.en?.title)).toEqual(['Hello from payment.failed']));
    later.socket.send(JSON.stringify({ type: 'prompt.ack', deliveryId: later.prompts()[0]!.deliveryId }));
    await vi.waitFor(async () => expect((await timeline(shopper.contactId)).map((e) => e.name)).toContain('prompt.shown'));
    // Shown: the next connection does not get it again.
    const third = await openWidget(shopper);
    await record(ws, shopper.contactId, 'page.viewed');
    expect(third.prompts()).toEqual([]);
  });

  it('fires the higher-priority prompt of two on the same event, on the first occurrence only when asked, and never outside its dates', async () => {
    await newPrompt({ triggerEvent: 'return.requested', priority: 1, content: { en: { title: 'low' } } });
    await newPrompt({ triggerEvent: 'return.requested', priority: 5, content: { en: { title: 'high' } }, frequency: 'every_time' });
    await newPrompt({ triggerEvent: 'return.requested', priority: 9, content: { en: { title: 'expired' } }, startsAt: '2020-01-01T00:00:00Z', endsAt: '2020-02-01T00:00:00Z' });
    await newPrompt({ triggerEvent: 'portal.signed_in', triggerFirstOnly: true, frequency: 'every_time', content: { en: { title: 'first sign-in' } } });
    const shopper = await newShopper(ws);
    const widget = await openWidget(shopper);
    await record(ws, shopper.contactId, 'return.requested');
    await vi.waitFor(() => expect(widget.prompts().map((p) => p.content.en?.title)).toEqual(['high']));
    await record(ws, shopper.contactId, 'portal.signed_in');
    await vi.waitFor(() => expect(widget.prompts().map((p) => p.content.en?.title)).toEqual(['high', 'first sign-in']));
    widget.socket.send(JSON.stringify({ type: 'prompt.ack', deliveryId: widget.prompts()[1]!.deliveryId }));
    await vi.waitFor(async () => expect((await timeline(shopper.contactId)).map((e) => e.name)).toContain('prompt.shown'));
    await record(ws, shopper.contactId, 'portal.signed_in');
    await record(ws, shopper.contactId, 'page.viewed');
    expect(widget.prompts()).toHaveLength(2);
  });

  it('does not fire a segment-targeted prompt without a condition evaluator (targeting fails closed)', async () => {
    await newPrompt({ triggerEvent: 'vip.visited', segmentId: randomUUID() });
    const shopper = await newShopper(ws);
    const widget = await openWidget(shopper);
    await record(ws, shopper.contactId, 'vip.visited');
    await record(ws, shopper.contactId, 'page.viewed');
    expect(widget.prompts()).toEqual([]);
  });
});

describe('an anonymous visitor', () => {
  it('gets prompts on their open socket once their first message made them a contact', async () => {
    const { db } = await getTestDatabase();
    const created = await t.app.inject({ method: 'POST', url: `/widget/v1/${keys[ws.accountId]}/visitors`, headers: { origin: SITE }, remoteAddress: '10.66.1.1' });
    const authorization = `Visitor ${created.json<{ token: string }>().token}`;
    const widget = await openWidget({ userId: '', contactId: '', authorization, workspace: ws });
    const sent = await t.app.inject({ method: 'POST', url: `/widget/v1/${keys[ws.accountId]}/messages`, headers: { origin: SITE, authorization }, payload: { clientId: `c-${randomUUID()}`, body: 'Hello?' }, remoteAddress: '10.66.1.2' });
    expect(sent.statusCode, sent.body).toBe(201);
    await eventsSettled(ws.accountId);
    const [conversation] = await db.select({ contactId: schema.conversations.contactId }).from(schema.conversations).where(eq(schema.conversations.id, sent.json<{ message: { conversationId: string } }>().message.conversationId));
    const prompt = await newPrompt({ triggerEvent: 'anonymous.helped', frequency: 'every_time' });
    await vi.waitFor(async () => {
      const result = await db.transaction((tx) => triggerPrompt(tx, { accountId: ws.accountId, contactId: conversation!.contactId!, promptId: prompt.id, touchpoint: { kind: 'prompt', id: prompt.id }, reason: 'test' }));
      expect(result.status === 'queued' || result.status === 'skipped').toBe(true);
      await eventsSettled(ws.accountId);
      expect(widget.prompts()).toHaveLength(1);
    });
  });
});

describe('the trigger sink with a condition evaluator', () => {
  it('fires only for customers the condition and segment match', async () => {
    const { db } = await getTestDatabase();
    const allowed = new Set<string>();
    // The smallest honest stand-in for segments' evaluator: membership decided by this test.
    const conditions: ConditionPort = { matches: async (_accountId: string, contactId: string, _condition: Condition) => allowed.has(contactId) };
    const prompt = await newPrompt({ triggerEvent: 'plan.upgraded', condition: { kind: 'attribute', key: 'attributes.plan', operator: 'eq', value: 'pro' } });
    const [yes, no] = [await newShopper(ws), await newShopper(ws)];
    allowed.add(yes.contactId);
    const sink = createPromptTriggerSink({ conditions: () => conditions });
    // The event row only (no outbox row of its own), delivered to this sink by hand.
    const event = async (contactId: string): Promise<PublishedEvent> => {
      const [row] = await db.insert(schema.customerEvents).values({ accountId: ws.accountId, contactId, kind: 'track', name: 'plan.upgraded', messageId: randomUUID(), source: 'api', occurredAt: new Date() }).returning({ id: schema.customerEvents.id });
      return { id: 0, type: 'customer_event.recorded', accountId: ws.accountId, audience: { kind: 'admins' }, occurredAt: new Date().toISOString(), payload: { eventIds: [row!.id] } };
    };
    const events = [await event(yes.contactId), await event(no.contactId)];
    await db.transaction((tx) => sink(tx, events));
    const rows = await db.select({ contactId: schema.promptDeliveries.contactId }).from(schema.promptDeliveries).where(eq(schema.promptDeliveries.promptId, prompt.id));
    expect(rows.map((r) => r.contactId)).toEqual([yes.contactId]);
    await eventsSettled(ws.accountId);
  });
});

describe('journeys and outreach delivering in-app', () => {
  it('triggerPrompt queues a live prompt once per key and skips a paused one; deliverInAppMessage pushes a rendered message', async () => {
    const { db } = await getTestDatabase();
    const live = await newPrompt({ triggerEvent: 'never.happens', frequency: 'every_time', content: { en: { title: 'From a journey' } } });
    const paused = await newPrompt({ triggerEvent: 'never.happens', status: 'paused' });
    const shopper = await newShopper(ws);
    const widget = await openWidget(shopper);
    const touchpoint = { kind: 'journey' as const, id: randomUUID(), stepId: 'welcome' };
    const first = await db.transaction((tx) => triggerPrompt(tx, { accountId: ws.accountId, contactId: shopper.contactId, promptId: live.id, touchpoint, reason: 'journey step', dedupeKey: 'run-1:welcome' }));
    const replay = await db.transaction((tx) => triggerPrompt(tx, { accountId: ws.accountId, contactId: shopper.contactId, promptId: live.id, touchpoint, reason: 'journey step', dedupeKey: 'run-1:welcome' }));
    const skipped = await db.transaction((tx) => triggerPrompt(tx, { accountId: ws.accountId, contactId: shopper.contactId, promptId: paused.id, touchpoint, reason: 'journey step' }));
    expect(first.status).toBe('queued');
    expect(replay).toEqual({ status: 'skipped', reason: 'duplicate' });
    expect(skipped).toEqual({ status: 'skipped', reason: 'not_live' });
    const message = await db.transaction((tx) => deliverInAppMessage(tx, { accountId: ws.accountId, contactId: shopper.contactId, touchpoint, dedupeKey: 'run-1:thanks', title: 'Thank you, Aiko', body: 'Your first order ships today.' }));
    expect(message.status).toBe('queued');
    await vi.waitFor(() => expect(widget.prompts().map((p) => p.content.en?.title)).toEqual(['From a journey', 'Thank you, Aiko']));
    const dismiss = await t.app.inject({ method: 'POST', url: `/widget/v1/${keys[ws.accountId]}/prompts/${widget.prompts()[1]!.deliveryId}/dismissed`, headers: { origin: SITE, authorization: shopper.authorization } });
    expect(dismiss.statusCode).toBe(204);
    const events = await timeline(shopper.contactId);
    expect(events.filter((e) => e.name === 'message.dismissed')).toEqual([{ name: 'message.dismissed', touchpointKind: 'journey', touchpointId: touchpoint.id }]);
    await vi.waitFor(() => expect(widget.received.some((m) => m.type === 'prompt.closed')).toBe(true));
  });

  it('shows a journey test run’s prompt even when paused, and marks its events test, shown included', async () => {
    const { db } = await getTestDatabase();
    const paused = await newPrompt({ triggerEvent: 'never.happens', status: 'paused', content: { en: { title: 'Test of a paused prompt' } } });
    const shopper = await newShopper(ws);
    const widget = await openWidget(shopper);
    const touchpoint = { kind: 'journey' as const, id: randomUUID(), stepId: 'welcome' };
    const result = await db.transaction((tx) => triggerPrompt(tx, { accountId: ws.accountId, contactId: shopper.contactId, promptId: paused.id, touchpoint, reason: 'journey step', test: true }));
    expect(result.status).toBe('queued');
    await vi.waitFor(() => expect(widget.prompts().map((p) => p.content.en?.title)).toEqual(['Test of a paused prompt']));
    const shown = await t.app.inject({ method: 'POST', url: `/widget/v1/${keys[ws.accountId]}/prompts/${widget.prompts()[0]!.deliveryId}/shown`, headers: { origin: SITE, authorization: shopper.authorization } });
    expect(shown.statusCode).toBe(204);
    const rows = await db.select({ name: schema.customerEvents.name, properties: schema.customerEvents.properties }).from(schema.customerEvents)
      .where(and(eq(schema.customerEvents.contactId, shopper.contactId), eq(schema.customerEvents.touchpointKind, 'prompt')));
    expect(rows.map((row) => [row.name, row.properties.test]).sort()).toEqual([['prompt.shown', true], ['prompt.triggered', true]]);
  });
});

describe('the portal socket', () => {
  it('needs a portal session, and carries portal prompts to the signed-in customer (not to their widget)', async () => {
    const { db } = await getTestDatabase();
    const [account] = await db.select({ handle: schema.accounts.handle }).from(schema.accounts).where(eq(schema.accounts.id, ws.accountId));
    const url = `${base.replace('http', 'ws')}/api/portal/${account!.handle}/socket`;
    const refused = new WebSocket(url, { headers: { origin: base } });
    sockets.push(refused);
    await expect(new Promise((resolve, reject) => {
      refused.once('open', resolve);
      refused.once('unexpected-response', (_request, response) => reject(new Error(String(response.statusCode))));
      refused.once('error', reject);
    })).rejects.toThrow('401');

    await newPrompt({ triggerEvent: 'portal.visited', surfaces: 'portal', frequency: 'every_time' });
    const shopper = await newShopper(ws);
    const widget = await openWidget(shopper);
    const session = await openCustomerSession(db, ws.accountId, shopper.contactId, { ip: '127.0.0.1', userAgent: null });
    const portal = new WebSocket(url, { headers: { origin: base, cookie: `tp_customer=${session.token}` } });
    sockets.push(portal);
    const received: Received[] = [];
    portal.on('message', (data) => received.push(JSON.parse(String(data)) as Received));
    await vi.waitFor(() => expect(received.some((m) => m.type === 'ready')).toBe(true));
    await record(ws, shopper.contactId, 'portal.visited');
    await vi.waitFor(() => expect(received.filter((m) => m.type === 'prompt')).toHaveLength(1));
    expect(widget.prompts()).toEqual([]);
    const deliveryId = received.find((m) => m.type === 'prompt')!.prompt!.deliveryId;
    const pending = await t.app.inject({ method: 'GET', url: `/api/portal/${account!.handle}/prompts`, headers: { cookie: `tp_customer=${session.token}` } });
    expect(pending.json().prompts.map((p: { deliveryId: string }) => p.deliveryId)).toEqual([deliveryId]);
    const dismissed = await t.app.inject({ method: 'POST', url: `/api/portal/${account!.handle}/prompts/${deliveryId}/dismissed`, headers: { cookie: `tp_customer=${session.token}`, 'x-csrf-token': session.csrfToken } });
    expect(dismissed.statusCode, dismissed.body).toBe(204);
    expect((await timeline(shopper.contactId)).map((e) => e.name)).toContain('prompt.dismissed');
  });
});
