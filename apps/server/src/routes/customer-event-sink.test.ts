import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { createOrder, upsertOrder } from '@touchpoint/commerce';
import { createContact } from '@touchpoint/contacts';
import { createConversation, postAgentMessage, receiveCustomerMessage } from '@touchpoint/conversations';
import { getContactTraits } from '@touchpoint/customer-events';
import { schema } from '@touchpoint/db';
import { createOutreach, DEFAULT_OUTREACH_SETTINGS, saveOutreachSettings } from '@touchpoint/outreach';
import { eventsSettled } from '../testing/events-settled.ts';
import { createTestApp, createTestWorkspace, type TestApp, type TestWorkspace } from '../testing/test-app.ts';
import { getTestDatabase } from '../testing/test-database.ts';

let t: TestApp;
let ws: TestWorkspace;
let scope: AccountScope;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Timeline sink');
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
});
afterAll(async () => {
  await t.close();
});

async function timelineOf(contactId: string) {
  const { db } = await getTestDatabase();
  return db.select().from(schema.customerEvents).where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.contactId, contactId))).orderBy(schema.customerEvents.occurredAt);
}

describe('product events on the customer timeline', () => {
  it('puts a customer message as message.received and a reply as message.sent on the channel touchpoint, notes left out, each once', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Aiko', email: `aiko-${randomUUID().slice(0, 8)}@example.test` });
    const conversation = await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'Size', messages: [] });
    await receiveCustomerMessage(db, scope, conversation.id, { body: 'Do you have it in M?' });
    await postAgentMessage(db, { ...scope, actor: { type: 'user', id: ws.admin.id, name: 'Admin', role: 'admin' } }, conversation.id, { kind: 'reply', body: 'Yes!' });
    await postAgentMessage(db, { ...scope, actor: { type: 'user', id: ws.admin.id, name: 'Admin', role: 'admin' } }, conversation.id, { kind: 'note', body: 'VIP' });
    await eventsSettled(ws.accountId);
    const events = await timelineOf(contact.id);
    expect(events.map((event) => `${event.name}:${event.touchpointKind}:${event.touchpointId}`)).toEqual(['message.received:channel:web_chat', 'message.sent:channel:web_chat']);
    expect(events[1]!.properties).toMatchObject({ conversationId: conversation.id, sentBy: 'agent' });
    expect(events.every((event) => event.messageId.startsWith('domain:message.created:'))).toBe(true);
    const traits = await getContactTraits(db, ws.accountId, contact.id);
    expect(traits.eventCount).toBe(2);
    // Only the customer's own message counts as being seen.
    expect(traits.lastSeenAt).toBe(events[0]!.occurredAt.toISOString());
  });

  it('keeps one message.sent for an SMS that outreach sent (its own, on the journey touchpoint), not the conversation copy too', async () => {
    const { db } = await getTestDatabase();
    await saveOutreachSettings(db, ws.accountId, DEFAULT_OUTREACH_SETTINGS);
    await db.insert(schema.inboxes).values({ accountId: ws.accountId, name: 'Texts', channel: 'sms', channelConnectedAt: new Date() });
    const contact = await createContact(db, scope, { name: 'Kenji', phone: '+815055501234' });
    await db.update(schema.contacts).set({ communicationConsent: { sms: { granted: true, at: new Date().toISOString(), source: 'test' } } }).where(eq(schema.contacts.id, contact.id));
    const outreach = createOutreach({ db, mailer: t.services.mailer });
    const sent = await outreach.send({ accountId: ws.accountId, contactId: contact.id, channel: 'sms', dedupeKey: randomUUID(), touchpoint: { kind: 'journey', id: 'welcome', stepId: 'text' }, content: { text: 'Welcome to the shop!' } });
    expect(sent).toMatchObject({ status: 'sent' });
    await eventsSettled(ws.accountId);
    const events = await timelineOf(contact.id);
    expect(events.filter((event) => event.name === 'message.sent').map((event) => `${event.touchpointKind}:${event.touchpointId}`)).toEqual(['journey:welcome']);
  });

  it('records orders with their amount and keeps order count and lifetime value per currency, dropping a cancelled order', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Ben', email: `ben-${randomUUID().slice(0, 8)}@example.test` });
    await createOrder(db, scope, { number: `A-${randomUUID().slice(0, 6)}`, contactId: contact.id, currency: 'EUR', lines: [{ title: 'Mug', quantity: 2, unitPriceMinor: 1500 }], placedAt: new Date('2026-03-01T10:00:00Z') });
    const second = `B-${randomUUID().slice(0, 6)}`;
    await createOrder(db, scope, { number: second, contactId: contact.id, currency: 'EUR', lines: [{ title: 'Pot', quantity: 1, unitPriceMinor: 4000 }], placedAt: new Date('2026-03-05T10:00:00Z') });
    await createOrder(db, scope, { number: `C-${randomUUID().slice(0, 6)}`, contactId: contact.id, currency: 'JPY', lines: [{ title: 'Tea', quantity: 1, unitPriceMinor: 1200 }], placedAt: new Date('2026-03-02T10:00:00Z') });
    await eventsSettled(ws.accountId);
    expect(await getContactTraits(db, ws.accountId, contact.id)).toMatchObject({
      orderCount: 3,
      lifetimeValue: [{ currency: 'EUR', amountMinor: 7000 }, { currency: 'JPY', amountMinor: 1200 }],
      lastOrderAt: '2026-03-05T10:00:00.000Z',
    });
    await upsertOrder(db, scope, { number: second, contactId: contact.id, currency: 'EUR', lines: [{ title: 'Pot', quantity: 1, unitPriceMinor: 4000 }], cancelledAt: new Date(), externalId: null });
    await eventsSettled(ws.accountId);
    expect(await getContactTraits(db, ws.accountId, contact.id)).toMatchObject({ orderCount: 2, lifetimeValue: [{ currency: 'EUR', amountMinor: 3000 }, { currency: 'JPY', amountMinor: 1200 }] });
    const names = (await timelineOf(contact.id)).map((event) => event.name);
    expect(names.filter((name) => name === 'order.placed')).toHaveLength(3);
    expect(names).toContain('order.updated');
  });
});
