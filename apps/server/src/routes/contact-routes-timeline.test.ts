import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { createOrder, startReturn } from '@touchpoint/commerce';
import { addContactNote, createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { eventsSettled } from '../testing/events-settled.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

const RUN = randomUUID().slice(0, 8);
let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let scope: AccountScope;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}${path}`;
const mail = (name: string) => `${name}-${RUN}@example.test`;

interface Item { kind: string; id: string; at: string; summary: string; name?: string; stepId?: string; [field: string]: unknown }
interface Page { items: Item[]; nextCursor: string | null }

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Timeline');
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
});
afterAll(() => t.close());

async function timeline(who: SignedIn, contactId: string, query = '') {
  const response = await requestAs(t.app, who, { method: 'GET', url: url(`/contacts/${contactId}/timeline${query}`) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page>();
}

/** Every page from the first to the last, `limit` at a time. */
async function walk(who: SignedIn, contactId: string, limit: number, extra = '') {
  const pages: Page[] = [];
  let before: string | null = null;
  do {
    const page = await timeline(who, contactId, `?limit=${limit}${extra}${before ? `&before=${encodeURIComponent(before)}` : ''}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page);
    before = page.nextCursor;
  } while (before && pages.length < 100);
  return pages;
}

const keyOf = (item: Item) => `${item.kind}:${item.id}:${item.stepId ?? ''}`;

async function recordEvents(contactId: string, events: { name: string; kind?: 'track' | 'page' | 'identify' | 'system'; properties?: Record<string, unknown>; at: Date }[]) {
  const { db } = await getTestDatabase();
  await db.transaction((tx) => recordCustomerEvents(tx, ws.accountId, events.map((event) => ({
    contactId, kind: event.kind ?? 'system', name: event.name, properties: event.properties ?? {}, source: 'system' as const, occurredAt: event.at,
  }))));
}

describe('the contact timeline', () => {
  it('merges conversations, orders, return steps, notes and customer events newest first, each happening once', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Mirror', email: mail('mirror') });
    const hour = 3600_000;
    const now = Date.now();
    const order = await createOrder(db, scope, { contactId: contact.id, number: `TL-${RUN}`, currency: 'JPY', lines: [{ title: 'Teapot', quantity: 1, unitPriceMinor: 5000 }], shipments: [{ status: 'delivered' }], placedAt: new Date(now - 6 * hour) });
    await startReturn(db, scope, contact.id, { orderId: order.id, lines: [{ lineId: 'L1', quantity: 1 }], reason: 'changed_mind', resolution: 'refund', source: 'agent' }, new Date(now - 5 * hour));
    const conversation = await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'Lid is chipped', messages: [{ direction: 'inbound', body: 'The lid is chipped', at: new Date(now - 4 * hour) }] });
    await recordEvents(contact.id, [
      { name: 'Pricing', kind: 'page', properties: { title: 'Pricing', url: 'https://shop.example/pricing' }, at: new Date(now - 3 * hour) },
      { name: 'message.suppressed', properties: { channel: 'email', reason: 'quiet_hours' }, at: new Date(now - 2 * hour) },
      { name: 'prompt.shown', at: new Date(now - 90 * 60_000) },
      { name: 'survey.answered', properties: { score: 9 }, at: new Date(now - hour) },
      // Written by something other than the sink, but about records already on the timeline: left out as well.
      { name: 'message.sent', properties: { conversationId: conversation.id, channel: 'web_chat' }, at: new Date(now - 50 * 60_000) },
      { name: 'order.updated', properties: { orderId: order.id, status: 'refunded' }, at: new Date(now - 40 * 60_000) },
    ]);
    // The conversation's message, the order and the return step are also mirrored as customer events by the sink.
    await eventsSettled(ws.accountId);
    await addContactNote(db, scope, contact.id, { body: 'Prefers email', createdAt: new Date(now - 30 * 60_000) });

    const page = await timeline(admin, contact.id);
    expect(page.nextCursor).toBeNull();
    const kinds = page.items.map((item) => item.kind);
    // The conversation's place depends on when the return's notice to the customer lands in it (a sink's message).
    expect(kinds.filter((kind) => kind !== 'conversation')).toEqual(['note', 'survey', 'prompt', 'message', 'event', 'return', 'order']);
    expect(kinds.filter((kind) => kind === 'order')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'conversation')).toHaveLength(1);
    expect(page.items.map((item) => item.name).filter(Boolean)).toEqual(['survey.answered', 'prompt.shown', 'message.suppressed', 'Pricing']);
    expect(new Set(page.items.map(keyOf)).size).toBe(page.items.length);
    const ats = page.items.map((item) => item.at);
    expect([...ats].sort().reverse()).toEqual(ats);

    expect(page.items.find((item) => item.kind === 'conversation')).toMatchObject({ id: conversation.id, number: String(conversation.number), status: 'open', channel: 'web_chat', inboxId: ws.inboxes.mine, summary: expect.stringContaining('Lid is chipped') });
    expect(page.items.find((item) => item.kind === 'message')).toMatchObject({ name: 'message.suppressed', channel: 'email', reason: 'quiet_hours', eventType: 'system' });
    expect(page.items.find((item) => item.kind === 'event')).toMatchObject({ eventType: 'page', summary: 'Viewed Pricing' });
    expect(page.items.find((item) => item.kind === 'order')).toMatchObject({ id: order.id, number: `TL-${RUN}`, totalMinor: 5000, currency: 'JPY' });
    expect(page.items.find((item) => item.kind === 'return')).toMatchObject({ status: 'requested', orderId: order.id, orderNumber: `TL-${RUN}`, stepId: expect.any(String) });
    expect(page.items.find((item) => item.kind === 'note')).toMatchObject({ summary: 'Prefers email', actorName: null });
  });

  it('pages with an exact cursor when many items share one timestamp, across sources and to the microsecond', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Ties', email: mail('ties') });
    const at = new Date('2024-05-01T10:00:00.000Z');
    for (let i = 0; i < 3; i++) await createOrder(db, scope, { contactId: contact.id, number: `TIE-${RUN}-${i}`, currency: 'EUR', lines: [{ title: 'Cup', quantity: 1, unitPriceMinor: 900 }], placedAt: at });
    for (let i = 0; i < 4; i++) await addContactNote(db, scope, contact.id, { body: `note ${i}`, createdAt: at });
    await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'Same moment', messages: [{ direction: 'inbound', body: 'hi', at }] });
    await recordEvents(contact.id, Array.from({ length: 5 }, (_, i) => ({ name: `Clicked ${i}`, kind: 'track' as const, at })));
    await eventsSettled(ws.accountId);
    // Two notes a few microseconds after the others: a millisecond cursor would lose or repeat them.
    await db.execute(sql`update contact_notes set created_at = created_at + interval '300 microseconds' where contact_id = ${contact.id} and body in ('note 0', 'note 1')`);

    const all = await timeline(admin, contact.id, '?limit=200');
    expect(all.items).toHaveLength(3 + 4 + 1 + 5);
    expect(all.items.slice(0, 2).map((item) => item.summary).sort()).toEqual(['note 0', 'note 1']);
    for (const limit of [1, 2, 5]) {
      const pages = await walk(admin, contact.id, limit);
      const walked = pages.flatMap((page) => page.items);
      expect(walked.map(keyOf)).toEqual(all.items.map(keyOf));
      expect(pages.at(-1)!.nextCursor).toBeNull();
    }
  });

  it('takes 50 items by default and at most 200, and refuses a cursor or kind it does not know', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Busy', email: mail('busy') });
    const start = Date.now() - 86_400_000;
    await recordEvents(contact.id, Array.from({ length: 60 }, (_, i) => ({ name: 'Viewed Product', kind: 'track' as const, at: new Date(start + i * 1000) })));
    const first = await timeline(agent, contact.id);
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await timeline(agent, contact.id, `?before=${encodeURIComponent(first.nextCursor!)}`);
    expect(rest.items).toHaveLength(10);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...first.items, ...rest.items].map((item) => item.id)).size).toBe(60);

    for (const query of ['?limit=201', '?limit=0', '?before=not-a-cursor', `?before=${Buffer.from('["2024","event","x"]').toString('base64url')}`, '?kinds=order,parcel']) {
      const refused = await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts/${contact.id}/timeline${query}`) });
      expect(refused.statusCode, query).toBe(400);
    }
  });

  it('keeps only the kinds asked for, customer events split by name', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Kinds', email: mail('kinds') });
    const now = Date.now();
    await createOrder(db, scope, { contactId: contact.id, number: `K-${RUN}`, currency: 'JPY', lines: [{ title: 'Bowl', quantity: 1, unitPriceMinor: 3000 }], placedAt: new Date(now - 5000) });
    await addContactNote(db, scope, contact.id, { body: 'Note', createdAt: new Date(now - 4000) });
    await recordEvents(contact.id, [
      { name: 'message.sent', properties: { channel: 'sms' }, at: new Date(now - 3000) },
      { name: 'prompt.clicked', at: new Date(now - 2000) },
      { name: 'survey.requested', at: new Date(now - 1500) },
      { name: 'Signed Up', kind: 'track', at: new Date(now - 1000) },
    ]);
    await eventsSettled(ws.accountId);
    const kindsOf = async (kinds: string) => (await timeline(agent, contact.id, `?kinds=${kinds}`)).items.map((item) => `${item.kind}:${item.name ?? ''}`);
    expect(await kindsOf('order,note')).toEqual(['note:', 'order:']);
    expect(await kindsOf('message')).toEqual(['message:message.sent']);
    expect(await kindsOf('prompt,survey')).toEqual(['survey:survey.requested', 'prompt:prompt.clicked']);
    expect(await kindsOf('event')).toEqual(['event:Signed Up']);
    // Paging within a filter continues within it.
    const pages = await walk(agent, contact.id, 1, '&kinds=event,message,note');
    expect(pages.flatMap((page) => page.items).map((item) => item.kind)).toEqual(['event', 'message', 'note']);
  });

  it('shows an agent only the conversations of inboxes they work in, and nothing of another account', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Scoped', email: mail('scoped') });
    const mine = await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'In chat', messages: [{ direction: 'inbound', body: 'a', at: new Date(Date.now() - 2000) }] });
    const other = await createConversation(db, scope, { inboxId: ws.inboxes.other, contactId: contact.id, subject: 'By email', messages: [{ direction: 'inbound', body: 'b', at: new Date(Date.now() - 1000) }] });
    await eventsSettled(ws.accountId);

    const seenByAgent = await timeline(agent, contact.id);
    expect(seenByAgent.items.map((item) => item.id)).toEqual([mine.id]);
    const seenByAdmin = await timeline(admin, contact.id);
    expect(seenByAdmin.items.map((item) => item.id)).toEqual([other.id, mine.id]);
    // The mirrored message events of the hidden conversation do not leak it either.
    expect(JSON.stringify(seenByAgent)).not.toContain(other.id);

    const elsewhere = await createTestWorkspace('Timeline elsewhere');
    const stranger = await signInAs(t.app, elsewhere.admin.email);
    const foreign = await requestAs(t.app, stranger, { method: 'GET', url: `/api/v1/accounts/${elsewhere.accountId}/contacts/${contact.id}/timeline` });
    expect(foreign.statusCode).toBe(404);
    // Someone from another account asking for this account's contact is answered like for any account they are not in.
    const notMember = await requestAs(t.app, stranger, { method: 'GET', url: url(`/contacts/${contact.id}/timeline`) });
    expect(notMember.statusCode).toBe(404);
  });
});
