import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createOrder } from '@touchpoint/commerce';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { schema } from '@touchpoint/db';
import { type GiftSender, sendDelightGesture, type SendGiftInput } from '@touchpoint/delight';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let scope: AccountScope;
let poolId: string;
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const key = () => `key-${randomUUID()}`;

async function newConversation(name: string, inbox: 'mine' | 'other' = 'mine') {
  const contact = await createContact(t.services.db, scope, { name, email: `${name.toLowerCase().replace(/\W/g, '')}-${randomUUID().slice(0, 6)}@example.test` });
  const conversation = await createConversation(t.services.db, scope, { inboxId: ws.inboxes[inbox], contactId: contact.id, subject: `${name}'s order`, messages: [{ direction: 'inbound', body: 'My order arrived broken', at: new Date() }] });
  return { contactId: contact.id, conversationId: conversation.id };
}
const setAgentBudget = (payload: Record<string, unknown>) => requestAs(t.app, admin, { method: 'PUT', url: url(`/delight/budgets/agents/${ws.agent.id}`), payload });
const send = (conversationId: string, payload: Record<string, unknown>) =>
  requestAs(t.app, agent, { method: 'POST', url: url(`/conversations/${conversationId}/delight`), payload: { clientKey: key(), message: 'So sorry about this.', ...payload } });
const myBudget = async () => (await requestAs(t.app, agent, { method: 'GET', url: url('/delight/me') })).json<{ spentMinor: number; leftMinor: number; budget: { amountMinor: number; own: boolean } | null }>();
const gesturesOf = (conversationId: string) => t.services.db.select().from(schema.delightGestures).where(eq(schema.delightGestures.conversationId, conversationId));
const notesOf = (conversationId: string) => t.services.db.select().from(schema.messages).where(and(eq(schema.messages.conversationId, conversationId), eq(schema.messages.direction, 'note')));

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  poolId = (await requestAs(t.app, admin, { method: 'POST', url: url('/coupon-pools'), payload: { name: 'Sorry voucher', kind: 'amount', value: 1500, currency: 'EUR', prefix: 'SORRY-' } })).json<{ id: string }>().id;
  await requestAs(t.app, admin, { method: 'POST', url: url(`/coupon-pools/${poolId}/codes`), payload: { generate: 50 } });
});
afterAll(() => t.close());

describe('budgets', () => {
  it('lets an admin set a default and an agent’s own budget, which the agent then sees, and refuses bad input', async () => {
    expect((await myBudget()).budget).toBeNull();
    const byDefault = await requestAs(t.app, admin, { method: 'PUT', url: url('/delight/budgets/default'), payload: { period: 'month', amountMinor: 2000, currency: 'eur' } });
    expect(byDefault.json()).toMatchObject({ userId: null, period: 'month', amountMinor: 2000, currency: 'EUR' });
    expect((await myBudget()).budget).toMatchObject({ amountMinor: 2000, own: false });
    expect((await setAgentBudget({ period: 'month', amountMinor: 5000, currency: 'EUR' })).statusCode).toBe(200);
    expect(await myBudget()).toMatchObject({ budget: { amountMinor: 5000, own: true }, spentMinor: 0, leftMinor: 5000 });
    expect((await setAgentBudget({ period: 'year', amountMinor: -1, currency: 'EURO' })).json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['amountMinor', 'currency', 'period']);
    const byAgent = await requestAs(t.app, agent, { method: 'PUT', url: url('/delight/budgets/default'), payload: { period: 'week', amountMinor: 1, currency: 'EUR' } });
    expect(byAgent.statusCode).toBe(403);
    const list = (await requestAs(t.app, admin, { method: 'GET', url: url('/delight/budgets') })).json();
    expect(list.defaultBudget.amountMinor).toBe(2000);
    expect(list.agentBudgets).toMatchObject([{ userId: ws.agent.id, amountMinor: 5000 }]);
    const audit = await t.services.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.accountId, ws.accountId), eq(schema.auditLog.action, 'delight.budget_set')));
    expect(audit).toHaveLength(2);
  });
});

describe('gestures', () => {
  it('sends a voucher from the conversation without approval: a code for the customer, a note, the timeline, the audit, the budget spent once', async () => {
    await setAgentBudget({ period: 'month', amountMinor: 5000, currency: 'EUR' });
    const before = await myBudget();
    const { contactId, conversationId } = await newConversation('Aiko');
    const clientKey = key();
    const first = await send(conversationId, { kind: 'voucher', poolId, clientKey, cardStyle: 'sorry' });
    expect(first.statusCode).toBe(201);
    const { gesture } = first.json<{ gesture: { id: string; valueMinor: number; couponId: string; cardPath: string; delivery: string } }>();
    expect(gesture.valueMinor).toBe(1500);
    expect(['sent', 'suppressed', 'deferred']).toContain(gesture.delivery);
    const [coupon] = await t.services.db.select().from(schema.coupons).where(eq(schema.coupons.id, gesture.couponId));
    expect(coupon).toMatchObject({ status: 'issued', contactId });
    const again = await send(conversationId, { kind: 'voucher', poolId, clientKey, cardStyle: 'sorry' });
    expect(again.json()).toMatchObject({ replayed: true, gesture: { id: gesture.id } });
    expect(await gesturesOf(conversationId)).toHaveLength(1);
    expect((await myBudget()).spentMinor).toBe(before.spentMinor + 1500);
    const notes = await notesOf(conversationId);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain(coupon!.code);
    const events = await t.services.db.select().from(schema.customerEvents).where(and(eq(schema.customerEvents.contactId, contactId), eq(schema.customerEvents.name, 'delight.sent')));
    expect(events).toHaveLength(1);
    expect(events[0]!.properties).toMatchObject({ kind: 'voucher', valueMinor: 1500, conversationId, agentId: ws.agent.id });
    const audit = await t.services.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.accountId, ws.accountId), eq(schema.auditLog.action, 'delight.gesture_sent'), eq(schema.auditLog.targetId, conversationId)));
    expect(audit).toMatchObject([{ actorId: ws.agent.id }]);
    const card = await t.app.inject({ method: 'GET', url: gesture.cardPath });
    expect(card.statusCode).toBe(200);
    expect(card.body).toContain('So sorry about this.');
    expect(card.body).toContain(coupon!.code);
    expect((await t.app.inject({ method: 'GET', url: '/card/not-a-real-card-token' })).statusCode).toBe(404);
  });

  it('refuses a gesture over budget with a clear message and sends nothing', async () => {
    await setAgentBudget({ period: 'week', amountMinor: 1000, currency: 'EUR' });
    const { contactId, conversationId } = await newConversation('Ben');
    const spentBefore = (await myBudget()).spentMinor;
    const refused = await send(conversationId, { kind: 'voucher', poolId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'over_budget' });
    expect(refused.json().detail).toMatch(/Nothing was sent/);
    expect(await gesturesOf(conversationId)).toHaveLength(0);
    expect(await notesOf(conversationId)).toHaveLength(0);
    expect(await t.services.db.select().from(schema.coupons).where(eq(schema.coupons.contactId, contactId))).toHaveLength(0);
    expect((await myBudget()).spentMinor).toBe(spentBefore);
  });

  it('never goes over budget under concurrent gestures: of ten 300-point gifts against 1,000, exactly three go out', async () => {
    const other = await createTestWorkspace('Concurrent');
    const otherAdmin = await signInAs(t.app, other.admin.email);
    const otherAgent = await signInAs(t.app, other.agent.email);
    const otherScope: AccountScope = { accountId: other.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    await requestAs(t.app, otherAdmin, { method: 'PUT', url: `/api/v1/accounts/${other.accountId}/delight/budgets/default`, payload: { period: 'quarter', amountMinor: 1000, currency: 'USD' } });
    const contact = await createContact(t.services.db, otherScope, { name: 'Chloe', email: `chloe-${randomUUID().slice(0, 6)}@example.test` });
    const conversation = await createConversation(t.services.db, otherScope, { inboxId: other.inboxes.mine, contactId: contact.id, subject: 'Late', messages: [{ direction: 'inbound', body: 'Late again', at: new Date() }] });
    const answers = await Promise.all(Array.from({ length: 10 }, () => requestAs(t.app, otherAgent, {
      method: 'POST', url: `/api/v1/accounts/${other.accountId}/conversations/${conversation.id}/delight`, payload: { kind: 'points', points: 300, clientKey: key(), message: 'For the wait' },
    })));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'over_budget')).toBe(true);
    const rows = await gesturesOf(conversation.id);
    expect(rows.reduce((sum, row) => sum + row.valueMinor, 0)).toBe(900);
    const entries = await t.services.db.select().from(schema.pointsEntries).where(eq(schema.pointsEntries.contactId, contact.id));
    expect(entries.map((e) => e.reference).sort()).toEqual(rows.map((row) => `delight:${row.id}`).sort());
  });

  it('sends a card (no cost), refuses a gift without its cost, and a conversation outside the agent’s inboxes is 404', async () => {
    await setAgentBudget({ period: 'month', amountMinor: 100_000, currency: 'EUR' });
    const { conversationId } = await newConversation('Dana');
    const card = await send(conversationId, { kind: 'card', cardStyle: 'sympathy', message: 'Thinking of you <3' });
    expect(card.json()).toMatchObject({ gesture: { kind: 'card', valueMinor: 0, cardStyle: 'sympathy' } });
    const page = await t.app.inject({ method: 'GET', url: card.json().gesture.cardPath });
    expect(page.body).toContain('Thinking of you &lt;3');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await send(conversationId, { kind: 'card', message: '' })).statusCode).toBe(400);
    expect((await send(conversationId, { kind: 'gift', gift: { title: 'Flowers' } })).statusCode).toBe(400);
    const hidden = await newConversation('Hidden', 'other');
    expect((await send(hidden.conversationId, { kind: 'card', message: 'Hi' })).statusCode).toBe(404);
  });

  it('sends a gift through the gifts port inside the gesture, and rolls the gesture back when the gift fails', async () => {
    await setAgentBudget({ period: 'month', amountMinor: 100_000, currency: 'EUR' });
    const { conversationId, contactId } = await newConversation('Eve');
    const calls: SendGiftInput[] = [];
    // The smallest honest stand-in for @touchpoint/gifts' sendGift: it records the contract input and answers as the contract says.
    const gifts: GiftSender = { sendGift: async (_tx, accountId, input) => { expect(accountId).toBe(ws.accountId); calls.push(input); return { giftId: randomUUID(), claimUrl: '/gift/stand-in-token', replayed: false }; } };
    const agentScope: AccountScope = { accountId: ws.accountId, actor: { type: 'user', id: ws.agent.id, name: 'Agent', role: 'agent' } };
    const sent = await sendDelightGesture(t.services.db, agentScope, { conversationId, kind: 'gift', clientKey: key(), message: 'Flowers for you', gift: { title: 'White lilies' }, valueMinor: 4500 }, { gifts });
    expect(calls).toEqual([{ sender: { kind: 'agent', userId: ws.agent.id, conversationId }, recipient: { contactId }, item: { kind: 'product', title: 'White lilies', sku: undefined, imageUrl: undefined, valueMinor: 4500, currency: 'EUR' }, message: 'Flowers for you', reference: `delight:${sent.gesture.id}` }]);
    expect(sent.gesture).toMatchObject({ kind: 'gift', valueMinor: 4500, giftUrl: '/gift/stand-in-token' });
    const failing: GiftSender = { sendGift: async () => { throw new Error('gift service down'); } };
    await expect(sendDelightGesture(t.services.db, agentScope, { conversationId, kind: 'gift', clientKey: key(), message: 'Again', gift: { title: 'Roses' }, valueMinor: 100 }, { gifts: failing })).rejects.toThrow('gift service down');
    expect(await gesturesOf(conversationId)).toHaveLength(1);
  });
  it('sends a real gift through the route: a gift from the agent to the conversation’s customer, announced at once', async () => {
    await setAgentBudget({ period: 'month', amountMinor: 100_000, currency: 'EUR' });
    const { conversationId, contactId } = await newConversation('Gen');
    const sent = await send(conversationId, { kind: 'gift', message: 'Flowers, with our sympathy', gift: { title: 'White lilies' }, valueMinor: 4500 });
    expect(sent.statusCode).toBe(201);
    const { gesture } = sent.json<{ gesture: { giftId: string; giftUrl: string; delivery: string } }>();
    expect(gesture.giftUrl).toMatch(/^\/gift\/[A-Za-z0-9_-]+$/);
    const [gift] = await t.services.db.select().from(schema.gifts).where(eq(schema.gifts.id, gesture.giftId));
    expect(gift).toMatchObject({ accountId: ws.accountId, recipientContactId: contactId, message: 'Flowers, with our sympathy' });
    expect(gift!.status).not.toBe('scheduled');
    expect(gesture.delivery).toBe('sent');
  });
});

describe('report', () => {
  it('shows each agent’s spend against budget and each gesture’s outcome: resolved, CSAT, orders after', async () => {
    await setAgentBudget({ period: 'month', amountMinor: 100_000, currency: 'EUR' });
    const { conversationId, contactId } = await newConversation('Fumi');
    const sent = await send(conversationId, { kind: 'points', points: 200 });
    const gestureId = sent.json().gesture.id;
    await t.services.db.update(schema.conversations).set({ status: 'resolved', resolvedAt: new Date() }).where(eq(schema.conversations.id, conversationId));
    await t.services.db.insert(schema.csatRatings).values({ accountId: ws.accountId, conversationId, contactId, agentId: ws.agent.id, rating: 5 });
    await createOrder(t.services.db, scope, { number: `F-${randomUUID().slice(0, 6)}`, contactId, currency: 'EUR', placedAt: new Date(Date.now() + 60_000), lines: [{ title: 'Tea', quantity: 1, unitPriceMinor: 2400 }] });
    const report = await requestAs(t.app, admin, { method: 'GET', url: url('/delight/report') });
    expect(report.statusCode).toBe(200);
    const body = report.json();
    expect(body.gestures.find((g: { id: string }) => g.id === gestureId)).toMatchObject({ agentName: expect.any(String), contactName: 'Fumi', outcome: { resolved: true, csat: 5, ordersAfter: 1, orderValueAfterMinor: 2400 } });
    const me = body.agents.find((a: { userId: string }) => a.userId === ws.agent.id);
    expect(me).toMatchObject({ budgetMinor: 100_000, currency: 'EUR' });
    expect(me.spentMinor + me.leftMinor).toBe(100_000);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url('/delight/report') })).statusCode).toBe(403);
  });
});
