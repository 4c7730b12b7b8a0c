import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { createWebhookDeliveryWorker, deliverDueWebhooks, verifyWebhookSignature } from '@touchpoint/webhooks';
import { eventsSettled } from '../testing/events-settled.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}${path}`;

async function newContact(name = 'Customer', attributes: Record<string, string> = {}) {
  const response = await requestAs(t.app, admin, { method: 'POST', url: url('/contacts'), payload: { name, attributes } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

async function newConversation(body: string, options: { inbox?: 'mine' | 'other'; attributes?: Record<string, string> } = {}) {
  const contactId = await newContact('Customer', options.attributes);
  const response = await requestAs(t.app, admin, { method: 'POST', url: url('/conversations'), payload: { inboxId: ws.inboxes[options.inbox ?? 'mine'], contactId, subject: body.slice(0, 40), message: { body } } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

const getConversation = async (id: string) => (await requestAs(t.app, admin, { method: 'GET', url: url(`/conversations/${id}`) })).json();

async function createRule(body: object) {
  const response = await requestAs(t.app, admin, { method: 'POST', url: url('/automation-rules'), payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}
const disableRule = (id: string) => requestAs(t.app, admin, { method: 'PATCH', url: url(`/automation-rules/${id}`), payload: { enabled: false } });

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
});
afterAll(() => t.close());

describe('automation rules', () => {
  it('fires on a new conversation and acts: priority, label and a canned reply with variables', async () => {
    const label = (await requestAs(t.app, admin, { method: 'POST', url: url('/labels'), payload: { name: 'refund' } })).json();
    const canned = (await requestAs(t.app, admin, { method: 'POST', url: url('/canned-replies'), payload: { shortcut: 'refund', title: 'Refund', body: 'Hi {{ contact.first_name | default: "there" }}, we are on it.' } })).json();
    const ruleId = await createRule({
      name: 'Refunds are urgent', event: 'conversation.created',
      conditions: [{ field: 'channel', operator: 'equals', value: 'web_chat' }, { field: 'contact_attribute', operator: 'equals', value: { key: 'plan', value: 'gold' } }],
      actions: [{ type: 'set_priority', params: { priority: 'urgent' } }, { type: 'add_label', params: { labelId: label.id } }, { type: 'send_canned_reply', params: { cannedReplyId: canned.id } }],
    });
    const id = await newConversation('I want a refund', { attributes: { plan: 'gold' } });
    await vi.waitFor(async () => {
      const conversation = await getConversation(id);
      expect(conversation.priority).toBe('urgent');
      expect(conversation.labels.map((l: { name: string }) => l.name)).toEqual(['refund']);
      expect(conversation.messages.at(-1)).toMatchObject({ direction: 'outbound', body: 'Hi Customer, we are on it.' });
    }, { timeout: 5000 });
    const runs = (await requestAs(t.app, admin, { method: 'GET', url: url(`/automation-rules/${ruleId}/runs`) })).json();
    expect(runs).toEqual([expect.objectContaining({ eventType: 'conversation.created', conversationId: id, outcome: 'succeeded' })]);
    await disableRule(ruleId);
  });

  it('names the rule as the author of its replies and notes, following a rename, and plain “Automation” once deleted', async () => {
    const canned = (await requestAs(t.app, admin, { method: 'POST', url: url('/canned-replies'), payload: { shortcut: 'welcome', title: 'Welcome', body: 'Welcome!' } })).json();
    const ruleId = await createRule({
      name: 'Greeter', event: 'conversation.created', conditions: [{ field: 'channel', operator: 'equals', value: 'email' }],
      actions: [{ type: 'send_canned_reply', params: { cannedReplyId: canned.id } }, { type: 'add_note', params: { body: 'Greeted automatically' } }],
    });
    const id = await newConversation('hello by email', { inbox: 'other' });
    // Both are written in the same instant, so their order is not part of the contract.
    const automated = async () => (await getConversation(id)).messages.filter((m: { direction: string }) => m.direction !== 'inbound').sort((x: { direction: string }, y: { direction: string }) => x.direction.localeCompare(y.direction));
    await vi.waitFor(async () => expect(await automated()).toHaveLength(2), { timeout: 5000 });
    expect(await automated()).toEqual([
      expect.objectContaining({ direction: 'note', body: 'Greeted automatically', authorName: 'Automation: Greeter', automation: { ruleId, ruleName: 'Greeter' } }),
      expect.objectContaining({ direction: 'outbound', body: 'Welcome!', authorName: 'Automation: Greeter', automation: { ruleId, ruleName: 'Greeter' } }),
    ]);
    await requestAs(t.app, admin, { method: 'PATCH', url: url(`/automation-rules/${ruleId}`), payload: { name: 'Welcomer' } });
    expect((await automated())[0]).toMatchObject({ authorName: 'Automation: Welcomer', automation: { ruleId, ruleName: 'Welcomer' } });
    await requestAs(t.app, admin, { method: 'DELETE', url: url(`/automation-rules/${ruleId}`) });
    expect((await automated())[0]).toMatchObject({ authorName: 'Automation', automation: { ruleId, ruleName: null } });
    // An agent's own messages have no automation author, and nobody can pose as a rule through the client key.
    const forged = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${id}/messages`), payload: { kind: 'note', body: 'me', clientKey: `automation:${ruleId}:1:0` } });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().errors[0].path).toBe('clientKey');
    const mine = await requestAs(t.app, admin, { method: 'POST', url: url(`/conversations/${id}/messages`), payload: { kind: 'note', body: 'me' } });
    expect(mine.json()).toMatchObject({ automation: null, authorName: expect.stringContaining('Admin') });
  });

  it('leaves conversations alone when a condition does not hold, and matches Japanese text case-insensitively', async () => {
    const ruleId = await createRule({
      name: 'Returns', event: 'message.created',
      conditions: [{ field: 'message_direction', operator: 'equals', value: 'inbound' }, { field: 'message_text', operator: 'contains', value: '返品' }],
      actions: [{ type: 'set_priority', params: { priority: 'high' } }],
    });
    const matching = await newConversation('hello');
    const other = await newConversation('hello');
    await requestAs(t.app, admin, { method: 'POST', url: url(`/conversations/${matching}/customer-messages`), payload: { body: '返品したいです' } });
    await requestAs(t.app, admin, { method: 'POST', url: url(`/conversations/${other}/customer-messages`), payload: { body: '配送について' } });
    // An outbound reply containing the word does not match the inbound-only rule.
    await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${other}/messages`), payload: { kind: 'reply', body: '返品はこちら' } });
    await vi.waitFor(async () => expect((await getConversation(matching)).priority).toBe('high'), { timeout: 5000 });
    await eventsSettled(ws.accountId);
    expect((await getConversation(other)).priority).toBe('normal');
    await disableRule(ruleId);
  });

  it('stops a rule whose action re-triggers itself: it never fires on its own event, and chains end at depth 3', async () => {
    // A and B each react to conversation.updated and change the conversation again: without protection they ping-pong.
    const a = await createRule({ name: 'Ping', event: 'conversation.updated', conditions: [{ field: 'inbox', operator: 'equals', value: ws.inboxes.other }], actions: [{ type: 'add_note', params: { body: 'ping' } }, { type: 'set_priority', params: { priority: 'high' } }] });
    const b = await createRule({ name: 'Pong', event: 'conversation.updated', conditions: [{ field: 'inbox', operator: 'equals', value: ws.inboxes.other }], actions: [{ type: 'add_note', params: { body: 'pong' } }, { type: 'set_priority', params: { priority: 'low' } }] });
    const id = await newConversation('loop', { inbox: 'other' });
    await requestAs(t.app, admin, { method: 'PATCH', url: url(`/conversations/${id}`), payload: { priority: 'urgent' } });
    await vi.waitFor(async () => {
      const notes = (await getConversation(id)).messages.filter((m: { direction: string }) => m.direction === 'note');
      expect(notes.length).toBeGreaterThanOrEqual(3);
    }, { timeout: 5000 });
    await eventsSettled(ws.accountId);
    const notes = (await getConversation(id)).messages.filter((m: { direction: string }) => m.direction === 'note').map((m: { body: string }) => m.body);
    // Agent's change → Ping (depth 1, priority high) and Pong (depth 1, low). Ping's change → Pong (depth 2; already
    // low, no change). Pong's change → Ping (depth 2, high) → Pong (depth 3, low) → its event is at depth 3: stop.
    expect([...notes].sort()).toEqual(['ping', 'ping', 'pong', 'pong', 'pong']);
    const [runsA, runsB] = await Promise.all([a, b].map(async (ruleId) => (await requestAs(t.app, admin, { method: 'GET', url: url(`/automation-rules/${ruleId}/runs`) })).json()));
    expect(runsA.length + runsB.length).toBe(notes.length);
    await disableRule(a);
    await disableRule(b);
  });

  it('acts on an SLA breach for the named target only', async () => {
    const ruleId = await createRule({ name: 'Escalate', event: 'sla.breached', conditions: [{ field: 'sla_target', operator: 'equals', value: 'first_response' }], actions: [{ type: 'set_priority', params: { priority: 'urgent' } }] });
    const breached = await newConversation('late');
    const other = await newConversation('late too');
    const { db } = await getTestDatabase();
    const breach = (conversationId: string, target: string) => ({ type: 'sla.breached' as const, accountId: ws.accountId, payload: { conversationId, target, dueAt: new Date().toISOString() }, audience: { kind: 'inbox' as const, inboxId: ws.inboxes.mine } });
    await db.transaction((tx) => recordEvents(tx, [breach(breached, 'first_response'), breach(other, 'resolution')]));
    await vi.waitFor(async () => expect((await getConversation(breached)).priority).toBe('urgent'), { timeout: 5000 });
    expect((await getConversation(other)).priority).toBe('normal');
    await disableRule(ruleId);
  });

  it('records a failing action and still runs the next rule', async () => {
    // The label exists when the rule is saved, and is deleted before the rule runs.
    const label = (await requestAs(t.app, admin, { method: 'POST', url: url('/labels'), payload: { name: 'soon gone' } })).json();
    const broken = await createRule({ name: 'Broken', event: 'conversation.created', conditions: [{ field: 'inbox', operator: 'equals', value: ws.inboxes.mine }], actions: [{ type: 'set_priority', params: { priority: 'high' } }, { type: 'add_label', params: { labelId: label.id } }] });
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: url(`/labels/${label.id}`) })).statusCode).toBe(204);
    const working = await createRule({ name: 'Working', event: 'conversation.created', conditions: [{ field: 'inbox', operator: 'equals', value: ws.inboxes.mine }], actions: [{ type: 'add_note', params: { body: 'still here' } }] });
    const id = await newConversation('broken rule');
    await vi.waitFor(async () => expect((await getConversation(id)).messages.at(-1)).toMatchObject({ direction: 'note', body: 'still here' }), { timeout: 5000 });
    // The failing rule's earlier action was undone with it: a rule applies all its actions or none.
    expect((await getConversation(id)).priority).toBe('normal');
    const runs = (await requestAs(t.app, admin, { method: 'GET', url: url(`/automation-rules/${broken}/runs`) })).json();
    expect(runs[0]).toMatchObject({ conversationId: id, outcome: 'failed', error: expect.stringContaining('label') });
    await disableRule(broken);
    await disableRule(working);
  });

  it('answers 400 naming an unknown field, operator or action, and writes nothing', async () => {
    const before = (await requestAs(t.app, admin, { method: 'GET', url: url('/automation-rules') })).json().length;
    const badField = await requestAs(t.app, admin, { method: 'POST', url: url('/automation-rules'), payload: { name: 'x', event: 'conversation.created', conditions: [{ field: 'shoe_size', operator: 'equals', value: 1 }], actions: [{ type: 'resolve' }] } });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().detail).toContain('shoe_size');
    const badOperator = await requestAs(t.app, admin, { method: 'POST', url: url('/automation-rules'), payload: { name: 'x', event: 'conversation.created', conditions: [{ field: 'status', operator: 'resembles', value: 'open' }], actions: [{ type: 'resolve' }] } });
    expect(badOperator.statusCode).toBe(400);
    expect(badOperator.json().detail).toContain('resembles');
    const badAction = await requestAs(t.app, admin, { method: 'POST', url: url('/automation-rules'), payload: { name: 'x', event: 'conversation.created', conditions: [], actions: [{ type: 'launch_rocket' }] } });
    expect(badAction.statusCode).toBe(400);
    expect(badAction.json().detail).toContain('launch_rocket');
    const elsewhere = await createTestWorkspace('Elsewhere');
    const foreignRule = await requestAs(t.app, admin, { method: 'POST', url: url('/automation-rules'), payload: { name: 'x', event: 'conversation.created', conditions: [{ field: 'inbox', operator: 'equals', value: elsewhere.inboxes.mine }], actions: [{ type: 'assign_agent', params: { userId: elsewhere.agent.id } }] } });
    expect(foreignRule.statusCode).toBe(400);
    expect(foreignRule.json().errors.map((e: { path: string }) => e.path)).toEqual(['actions.0.params.userId', 'conditions.0.value']);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url('/automation-rules') })).json().length).toBe(before);
  });

  it('forbids agents to write rules, macros, routing and webhooks', async () => {
    const writes = [
      { method: 'POST' as const, url: url('/automation-rules'), payload: { name: 'x', event: 'conversation.created', conditions: [], actions: [{ type: 'resolve' }] } },
      { method: 'POST' as const, url: url('/macros'), payload: { name: 'x', actions: [{ type: 'resolve' }] } },
      { method: 'PATCH' as const, url: url(`/inboxes/${ws.inboxes.mine}/assignment`), payload: { mode: 'round_robin' } },
      { method: 'POST' as const, url: url('/webhooks'), payload: { url: 'https://example.com/hook', events: ['*'] } },
    ];
    for (const write of writes) expect((await requestAs(t.app, agent, write)).statusCode).toBe(403);
  });

  it('sets the run order from a full list of ids, and refuses a list that misses, repeats or invents a rule', async () => {
    const local = await createTestWorkspace('Rule order');
    const localAdmin = await signInAs(t.app, local.admin.email);
    const base = `/api/v1/accounts/${local.accountId}/automation-rules`;
    const create = async (name: string) => (await requestAs(t.app, localAdmin, { method: 'POST', url: base, payload: { name, event: 'conversation.created', conditions: [], actions: [{ type: 'resolve' }] } })).json<{ id: string }>().id;
    const [first, second, third] = [await create('First'), await create('Second'), await create('Third')];
    const names = async () => (await requestAs(t.app, localAdmin, { method: 'GET', url: base })).json().map((rule: { name: string }) => rule.name);
    expect(await names()).toEqual(['First', 'Second', 'Third']);

    const reordered = await requestAs(t.app, localAdmin, { method: 'PUT', url: `${base}/order`, payload: { ruleIds: [third, first, second] } });
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().map((rule: { name: string; position: number }) => [rule.name, rule.position])).toEqual([['Third', 0], ['First', 1], ['Second', 2]]);
    for (const ruleIds of [[third, first], [third, first, first], [third, first, second, crypto.randomUUID()]]) {
      const refused = await requestAs(t.app, localAdmin, { method: 'PUT', url: `${base}/order`, payload: { ruleIds } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].path).toBe('ruleIds');
    }
    expect(await names()).toEqual(['Third', 'First', 'Second']);
    expect((await requestAs(t.app, agent, { method: 'PUT', url: url('/automation-rules/order'), payload: { ruleIds: [] } })).statusCode).toBe(403);
  });
});

describe('macros', () => {
  it('applies its actions in order with the agent as the actor', async () => {
    const macro = (await requestAs(t.app, admin, { method: 'POST', url: url('/macros'), payload: { name: 'Close politely', actions: [{ type: 'add_note', params: { body: 'closing' } }, { type: 'resolve' }] } })).json();
    const id = await newConversation('macro please');
    const run = await requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${id}/macros/${macro.id}/run`) });
    expect(run.statusCode).toBe(204);
    const conversation = await getConversation(id);
    expect(conversation.status).toBe('resolved');
    expect(conversation.messages.at(-1)).toMatchObject({ direction: 'note', body: 'closing', authorName: expect.stringContaining('Agent') });
  });
});

describe('auto-assignment', () => {
  it('assigns new conversations round robin to available agents, skipping those away or at capacity', async () => {
    const local = await createTestWorkspace('Routing');
    const localAdmin = await signInAs(t.app, local.admin.email);
    const localAgent = await signInAs(t.app, local.agent.email);
    const { db } = await getTestDatabase();
    // The admin also works in the inbox, so there are two candidates.
    await db.insert(schema.inboxMembers).values({ accountId: local.accountId, inboxId: local.inboxes.mine, userId: local.admin.id });
    const base = `/api/v1/accounts/${local.accountId}`;
    expect((await requestAs(t.app, localAdmin, { method: 'PATCH', url: `${base}/inboxes/${local.inboxes.mine}/assignment`, payload: { mode: 'capacity' } })).statusCode).toBe(200);
    const me = await requestAs(t.app, localAgent, { method: 'PUT', url: `${base}/me/availability`, payload: { maxOpenConversations: 1 } });
    expect(me.json()).toMatchObject({ status: 'online', maxOpenConversations: 1 });
    const contact = (await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/contacts`, payload: { name: 'C' } })).json();
    const open = async () => (await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/conversations`, payload: { inboxId: local.inboxes.mine, contactId: contact.id, message: { body: 'hi' } } })).json().id as string;
    const assigneeOf = async (id: string) => (await requestAs(t.app, localAdmin, { method: 'GET', url: `${base}/conversations/${id}` })).json().assignee?.id ?? null;
    const assigned: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await open();
      await vi.waitFor(async () => expect(await assigneeOf(id)).not.toBeNull(), { timeout: 5000 });
      assigned.push(await assigneeOf(id));
    }
    // The agent has a capacity of one: one conversation, the admin takes the rest.
    expect(assigned.filter((id) => id === local.agent.id)).toHaveLength(1);
    expect(assigned.filter((id) => id === local.admin.id)).toHaveLength(2);
    // Away agents are skipped.
    await requestAs(t.app, localAdmin, { method: 'PUT', url: `${base}/members/${local.admin.id}/availability`, payload: { status: 'away' } });
    const last = await open();
    await eventsSettled(local.accountId);
    expect(await assigneeOf(last)).toBeNull();
  });
});

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

async function startReceiver(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => { server.closeAllConnections(); return new Promise((resolve) => server.close(resolve)); } };
}

describe('outgoing webhooks', () => {
  it('refuses plain http except to localhost, and unknown event types', async () => {
    const http = await requestAs(t.app, admin, { method: 'POST', url: url('/webhooks'), payload: { url: 'http://example.com/hook', events: ['*'] } });
    expect(http.statusCode).toBe(400);
    const unknown = await requestAs(t.app, admin, { method: 'POST', url: url('/webhooks'), payload: { url: 'https://example.com/hook', events: ['pizza.delivered'] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('pizza.delivered');
  });

  it('signs deliveries, retries a 500, and a hanging endpoint never delays a healthy one', async () => {
    const local = await createTestWorkspace('Hooks');
    const localAdmin = await signInAs(t.app, local.admin.email);
    const base = `/api/v1/accounts/${local.accountId}`;
    const healthy = await startReceiver((_req, res) => res.writeHead(200).end('ok'));
    const broken = await startReceiver((_req, res) => res.writeHead(500).end('nope'));
    const hanging = await startReceiver(() => {});
    const subscribe = async (target: string) => (await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/webhooks`, payload: { url: target, events: ['conversation.created'] } })).json();
    // The hanging one first, so it is claimed first.
    const hangHook = await subscribe(hanging.url);
    const okHook = await subscribe(healthy.url);
    const badHook = await subscribe(broken.url);
    expect(okHook.secret).toMatch(/^whsec_/);
    expect((await requestAs(t.app, localAdmin, { method: 'GET', url: `${base}/webhooks` })).json()[0].secret).toBeUndefined();
    const worker = createWebhookDeliveryWorker(t.services.db, { accountId: local.accountId, intervalMs: 50, timeoutMs: 60_000, concurrency: 4, perWebhookConcurrency: 1 });
    worker.start();
    try {
      const contact = (await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/contacts`, payload: { name: 'C' } })).json();
      const created = (await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/conversations`, payload: { inboxId: local.inboxes.mine, contactId: contact.id } })).json();
      // The hanging endpoint holds its slot for the whole test (60 s timeout): everything the healthy endpoint gets
      // below arrives while that request is still open, so a dead endpoint provably never holds the others up.
      await vi.waitFor(() => expect(healthy.received).toHaveLength(1), { timeout: 15_000 });
      // The hanging endpoint was claimed first, but its request may reach the receiver after the healthy one's.
      await vi.waitFor(() => expect(hanging.received).toHaveLength(1), { timeout: 15_000 });
      const delivery = healthy.received[0]!;
      expect(verifyWebhookSignature(okHook.secret, delivery.body, String(delivery.headers['x-touchpoint-signature']))).toBe(true);
      expect(verifyWebhookSignature(okHook.secret, `${delivery.body} `, String(delivery.headers['x-touchpoint-signature']))).toBe(false);
      expect(delivery.headers['x-touchpoint-event']).toBe('conversation.created');
      expect(JSON.parse(delivery.body)).toMatchObject({ type: 'conversation.created', accountId: local.accountId, data: { conversationId: created.id } });
      // A second event while the hanging delivery still holds its slot: the healthy endpoint gets it promptly too.
      await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/conversations`, payload: { inboxId: local.inboxes.mine, contactId: contact.id } });
      await vi.waitFor(() => expect(healthy.received).toHaveLength(2), { timeout: 15_000 });
      // A burst larger than the worker's slots: the dead endpoint holds one slot, the rest keep flowing.
      await Promise.all([1, 2, 3, 4, 5].map(() => requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/conversations`, payload: { inboxId: local.inboxes.mine, contactId: contact.id } })));
      await vi.waitFor(() => expect(healthy.received).toHaveLength(7), { timeout: 15_000 });
      expect(hanging.received).toHaveLength(1);
      const log = async (hookId: string) => (await requestAs(t.app, localAdmin, { method: 'GET', url: `${base}/webhooks/${hookId}/deliveries` })).json();
      await vi.waitFor(async () => expect((await log(badHook.id))[0]).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500 }), { timeout: 3000 });
      expect((await log(okHook.id))[0]).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200 });
      expect((await log(okHook.id))[0].durationMs).toBeGreaterThanOrEqual(0);
      expect((await log(hangHook.id)).every((d: { status: string }) => d.status === 'pending')).toBe(true);
    } finally {
      await hanging.close();
      await worker.stop();
    }
    // The broken endpoint: every retry fails, then the delivery is failed and the webhook marked failing.
    const { db } = await getTestDatabase();
    let now = Date.now();
    for (let attempt = 0; attempt < 6; attempt++) {
      now += 7 * 3600_000;
      await db.update(schema.webhooks).set({ active: false }).where(and(eq(schema.webhooks.accountId, local.accountId), eq(schema.webhooks.id, hangHook.id)));
      const options = { accountId: local.accountId, now: () => new Date(now), timeoutMs: 2000, perWebhookConcurrency: 20 };
      while ((await deliverDueWebhooks(db, options)) > 0);
    }
    const hooks = (await requestAs(t.app, localAdmin, { method: 'GET', url: `${base}/webhooks` })).json();
    expect(hooks.find((h: { id: string }) => h.id === badHook.id).failingSince).not.toBeNull();
    expect(hooks.find((h: { id: string }) => h.id === okHook.id).failingSince).toBeNull();
    const failed = (await requestAs(t.app, localAdmin, { method: 'GET', url: `${base}/webhooks/${badHook.id}/deliveries` })).json();
    expect(failed[0]).toMatchObject({ status: 'failed', attempts: 6, responseStatus: 500 });
    const failing = await db.select().from(schema.outbox).where(and(eq(schema.outbox.accountId, local.accountId), eq(schema.outbox.type, 'webhook.failing')));
    expect(failing.length).toBeGreaterThanOrEqual(1);
    const retried = await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/webhooks/${badHook.id}/deliveries/${failed[0].id}/retry` });
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await healthy.close();
    await broken.close();
  });

  it('rotates a signing secret: the new one is shown once and signs the next delivery, the old one no longer verifies', async () => {
    const local = await createTestWorkspace('Rotation');
    const localAdmin = await signInAs(t.app, local.admin.email);
    const base = `/api/v1/accounts/${local.accountId}`;
    const receiver = await startReceiver((_req, res) => res.writeHead(200).end('ok'));
    try {
      const hook = (await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/webhooks`, payload: { url: receiver.url, events: ['conversation.created'] } })).json();
      const rotated = await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/webhooks/${hook.id}/rotate-secret` });
      expect(rotated.statusCode).toBe(200);
      const { secret } = rotated.json<{ secret: string }>();
      expect(secret).toMatch(/^whsec_/);
      expect(secret).not.toBe(hook.secret);
      expect((await requestAs(t.app, localAdmin, { method: 'GET', url: `${base}/webhooks` })).json()[0]).not.toHaveProperty('secret');

      const contact = (await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/contacts`, payload: { name: 'C' } })).json();
      await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/conversations`, payload: { inboxId: local.inboxes.mine, contactId: contact.id } });
      const { db } = await getTestDatabase();
      // The delivery row is written when the event fans out (through the job queue), then sent here.
      await vi.waitFor(async () => {
        await deliverDueWebhooks(db, { accountId: local.accountId, timeoutMs: 2000 });
        expect(receiver.received).toHaveLength(1);
      }, { timeout: 5000 });
      const [delivery] = receiver.received;
      const signature = String(delivery!.headers['x-touchpoint-signature']);
      expect(verifyWebhookSignature(secret, delivery!.body, signature)).toBe(true);
      expect(verifyWebhookSignature(hook.secret, delivery!.body, signature)).toBe(false);

      const audit = (await requestAs(t.app, localAdmin, { method: 'GET', url: `${base}/audit-log` })).json();
      const entry = audit.items.find((item: { action: string }) => item.action === 'webhook.secret_rotated');
      expect(entry).toMatchObject({ targetId: hook.id });
      expect(JSON.stringify(audit)).not.toContain(secret);
      expect((await requestAs(t.app, localAdmin, { method: 'POST', url: `${base}/webhooks/${crypto.randomUUID()}/rotate-secret` })).statusCode).toBe(404);
    } finally {
      await receiver.close();
    }
  });
});
