import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope, Condition, EventType, PublishedEvent } from '@touchpoint/core';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { type Database, schema } from '@touchpoint/db';
import { createTestWorkspace } from '../../../apps/server/src/testing/test-app.ts';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { createSegmentSink } from './segment-sink.ts';
import { buildAllSegments, recheckDueMembers } from './segment-worker.ts';
import { addContactToSegment, createSegment, getSegment, listSegmentMembers, previewCondition, removeContactFromSegment, updateSegment } from './segments.ts';

/**
 * The sink is handed the domain events exactly as the outbox dispatcher would hand them (type, account, payload),
 * inside a transaction; every step passes an explicit `now`, so nothing sleeps.
 */
let db: Database;
beforeAll(async () => {
  db = (await getTestDatabase()).db;
});

const NOW = new Date('2026-06-15T12:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
const THREE_ORDERS_IN_30_DAYS: Condition = { kind: 'event', name: 'order.placed', operator: 'gte', count: 3, withinDays: 30, distinctProperty: 'orderId' };

async function setUp() {
  const ws = await createTestWorkspace('Segments shop');
  const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const addContact = async (values: Partial<typeof schema.contacts.$inferInsert> = {}) =>
    (await db.insert(schema.contacts).values({ accountId: ws.accountId, name: `Customer ${randomUUID().slice(0, 4)}`, createdAt: days(-100), ...values }).returning())[0]!.id;
  let sequence = 0;
  const deliver = (type: EventType, payload: Record<string, unknown>, at = NOW) =>
    db.transaction((tx) => createSegmentSink({ now: () => at })(tx, [{ id: ++sequence, type, accountId: ws.accountId, payload, audience: { kind: 'account' }, occurredAt: at.toISOString() } satisfies PublishedEvent]));
  /**
   * Records a customer event and marks its `customer_event.recorded` published in the same transaction: this test
   * delivers it to the sink by hand, at its own clock, and another test's dispatcher sharing the database must not
   * deliver it again at today's date.
   */
  const record = (contactId: string, name: string, properties: Record<string, unknown>, occurredAt: Date) =>
    db.transaction(async (tx) => {
      const recorded = await recordCustomerEvents(tx, ws.accountId, [{ contactId, kind: 'system', name, properties, source: 'system', occurredAt }]);
      await tx.update(schema.outbox).set({ publishedAt: sql`now()` }).where(sql`${schema.outbox.accountId} = ${ws.accountId} and ${schema.outbox.type} = 'customer_event.recorded' and ${schema.outbox.publishedAt} is null`);
      return recorded;
    });
  /** Records customer events and delivers the `customer_event.recorded` they produce to the sink. */
  const track = async (contactId: string, name: string, properties: Record<string, unknown>, occurredAt: Date, at = NOW) => {
    const recorded = await record(contactId, name, properties, occurredAt);
    await deliver('customer_event.recorded', { eventIds: recorded.map((event) => event.id) }, at);
  };
  const outbox = (type: EventType) =>
    db.select({ payload: schema.outbox.payload }).from(schema.outbox).where(sql`${schema.outbox.accountId} = ${ws.accountId} and ${schema.outbox.type} = ${type}`).orderBy(schema.outbox.id);
  const memberIds = async (segmentId: string) => (await listSegmentMembers(db, ws.accountId, segmentId, { limit: 200 })).members.map((m) => m.contactId).sort();
  return { ws, scope, addContact, deliver, record, track, outbox, memberIds };
}

describe('segment membership', () => {
  it('builds a new dynamic segment in batches with progress, without announcing everyone already matching', async () => {
    const f = await setUp();
    const ja = await Promise.all([1, 2, 3].map(() => f.addContact({ locale: 'ja' })));
    await Promise.all([1, 2].map(() => f.addContact({ locale: 'en' })));
    const segment = await createSegment(db, f.scope, { name: 'Japanese', kind: 'dynamic', condition: { kind: 'attribute', key: 'locale', operator: 'eq', value: 'ja' } });
    expect(segment.build).toEqual({ status: 'building', done: 0, total: 5 });
    await buildAllSegments(db, NOW, 2);
    const built = await getSegment(db, f.ws.accountId, segment.id);
    expect(built.build).toEqual({ status: 'ready', done: 5, total: 5 });
    expect(built.memberCount).toBe(3);
    expect(await f.memberIds(segment.id)).toEqual([...ja].sort());
    expect(await f.outbox('segment.entered')).toEqual([]);
  });

  it('enters a customer on their third unique order in 30 days, only once, with segment.entered on the outbox and the timeline', async () => {
    const f = await setUp();
    const contactId = await f.addContact();
    const segment = await createSegment(db, f.scope, { name: 'VIP', kind: 'dynamic', condition: THREE_ORDERS_IN_30_DAYS });
    await buildAllSegments(db, NOW);
    await f.track(contactId, 'order.placed', { orderId: 'o1' }, days(-3));
    await f.track(contactId, 'order.placed', { orderId: 'o1' }, days(-2));
    await f.track(contactId, 'order.placed', { orderId: 'o2' }, days(-1));
    expect((await getSegment(db, f.ws.accountId, segment.id)).memberCount).toBe(0);
    await f.track(contactId, 'order.placed', { orderId: 'o3' }, NOW);
    await f.track(contactId, 'order.placed', { orderId: 'o4' }, NOW);
    expect((await getSegment(db, f.ws.accountId, segment.id)).memberCount).toBe(1);
    expect(await f.outbox('segment.entered')).toEqual([{ payload: { segmentId: segment.id, contactId } }]);
    const timeline = await db.select().from(schema.customerEvents).where(sql`${schema.customerEvents.contactId} = ${contactId} and ${schema.customerEvents.name} = 'segment.entered'`);
    expect(timeline).toMatchObject([{ kind: 'system', properties: { segmentId: segment.id, segmentName: 'VIP' }, touchpointKind: null }]);
  });

  it('evaluates a dispatcher batch once: three orders of one customer in one sink call enter them once', async () => {
    const f = await setUp();
    const contactId = await f.addContact();
    const segment = await createSegment(db, f.scope, { name: 'VIP', kind: 'dynamic', condition: THREE_ORDERS_IN_30_DAYS });
    await buildAllSegments(db, NOW);
    const batch: PublishedEvent[] = [];
    for (const [i, orderId] of ['o1', 'o2', 'o3'].entries()) {
      const recorded = await f.record(contactId, 'order.placed', { orderId }, days(-i));
      batch.push({ id: 1000 + i, type: 'customer_event.recorded', accountId: f.ws.accountId, payload: { eventIds: recorded.map((event) => event.id) }, audience: { kind: 'account' }, occurredAt: NOW.toISOString() });
    }
    await db.transaction((tx) => createSegmentSink({ now: () => NOW })(tx, batch));
    expect((await getSegment(db, f.ws.accountId, segment.id)).memberCount).toBe(1);
    expect(await f.outbox('segment.entered')).toEqual([{ payload: { segmentId: segment.id, contactId } }]);
  });

  it('leaves a windowed segment through the re-check job when the oldest order falls out of the 30 days', async () => {
    const f = await setUp();
    const contactId = await f.addContact();
    const segment = await createSegment(db, f.scope, { name: 'VIP', kind: 'dynamic', condition: THREE_ORDERS_IN_30_DAYS });
    await buildAllSegments(db, NOW);
    await f.track(contactId, 'order.placed', { orderId: 'o1' }, days(-28));
    await f.track(contactId, 'order.placed', { orderId: 'o2' }, days(-10));
    await f.track(contactId, 'order.placed', { orderId: 'o3' }, days(-1));
    expect((await getSegment(db, f.ws.accountId, segment.id)).memberCount).toBe(1);
    const [due] = await db.select().from(schema.segmentRechecks).where(sql`${schema.segmentRechecks.segmentId} = ${segment.id}`);
    expect(due!.dueAt.toISOString()).toBe(days(2).toISOString());
    expect(await recheckDueMembers(db, days(1))).toBe(0);
    expect(await recheckDueMembers(db, days(2))).toBe(1);
    expect((await getSegment(db, f.ws.accountId, segment.id)).memberCount).toBe(0);
    expect(await f.outbox('segment.exited')).toEqual([{ payload: { segmentId: segment.id, contactId } }]);
    // Still two orders in the window: re-checked again when the next one leaves it.
    const [next] = await db.select().from(schema.segmentRechecks).where(sql`${schema.segmentRechecks.segmentId} = ${segment.id}`);
    expect(next!.dueAt.toISOString()).toBe(days(20).toISOString());
  });

  it('re-evaluates only segments that read what changed: an attribute edit moves a customer, an unrelated event does not', async () => {
    const f = await setUp();
    const contactId = await f.addContact({ attributes: { plan: 'free' } });
    const gold = await createSegment(db, f.scope, { name: 'Gold plan', kind: 'dynamic', condition: { kind: 'attribute', key: 'attributes.plan', operator: 'eq', value: 'gold' } });
    await buildAllSegments(db, NOW);
    await db.update(schema.contacts).set({ attributes: { plan: 'gold' } }).where(sql`${schema.contacts.id} = ${contactId}`);
    await f.track(contactId, 'page_viewed', {}, NOW);
    expect((await getSegment(db, f.ws.accountId, gold.id)).memberCount).toBe(0);
    await f.deliver('contact.updated', { contactId, fields: ['attributes'] });
    expect((await getSegment(db, f.ws.accountId, gold.id)).memberCount).toBe(1);
    await db.update(schema.contacts).set({ attributes: { plan: 'free' } }).where(sql`${schema.contacts.id} = ${contactId}`);
    await f.deliver('contact.updated', { contactId, fields: ['attributes'] });
    expect((await getSegment(db, f.ws.accountId, gold.id)).memberCount).toBe(0);
    expect((await f.outbox('segment.exited')).length).toBe(1);
  });

  it('enters detractors on an NPS answer of 6 or less and follows segments built on that segment', async () => {
    const f = await setUp();
    const contactId = await f.addContact({ locale: 'ja' });
    const detractors = await createSegment(db, f.scope, { name: 'Detractors', kind: 'dynamic', condition: { kind: 'survey', survey: 'nps', match: 'latest', operator: 'lte', score: 6 } });
    const japaneseDetractors = await createSegment(db, f.scope, {
      name: 'Japanese detractors', kind: 'dynamic',
      condition: { kind: 'all', conditions: [{ kind: 'segment', segmentId: detractors.id, member: true }, { kind: 'attribute', key: 'locale', operator: 'eq', value: 'ja' }] },
    });
    await buildAllSegments(db, NOW);
    await f.track(contactId, 'survey.answered', { surveyId: randomUUID(), kind: 'nps', score: 4, about: null }, NOW);
    expect(await f.memberIds(detractors.id)).toEqual([contactId]);
    expect(await f.memberIds(japaneseDetractors.id)).toEqual([contactId]);
    await f.track(contactId, 'survey.answered', { surveyId: randomUUID(), kind: 'nps', score: 10, about: null }, days(1), days(1));
    expect(await f.memberIds(detractors.id)).toEqual([]);
    expect(await f.memberIds(japaneseDetractors.id)).toEqual([]);
  });

  it('keeps manual lists: add and remove are idempotent, counted, announced; a dynamic segment refuses them', async () => {
    const f = await setUp();
    const contactId = await f.addContact();
    const list = await createSegment(db, f.scope, { name: 'Beta testers', kind: 'manual' });
    expect(await db.transaction((tx) => addContactToSegment(tx, f.ws.accountId, list.id, contactId))).toBe(true);
    expect(await db.transaction((tx) => addContactToSegment(tx, f.ws.accountId, list.id, contactId))).toBe(false);
    expect((await getSegment(db, f.ws.accountId, list.id)).memberCount).toBe(1);
    expect(await db.transaction((tx) => removeContactFromSegment(tx, f.ws.accountId, list.id, contactId))).toBe(true);
    expect(await db.transaction((tx) => removeContactFromSegment(tx, f.ws.accountId, list.id, contactId))).toBe(false);
    expect((await getSegment(db, f.ws.accountId, list.id)).memberCount).toBe(0);
    expect((await f.outbox('segment.entered')).length).toBe(1);
    expect((await f.outbox('segment.exited')).length).toBe(1);
    const dynamic = await createSegment(db, f.scope, { name: 'Everyone', kind: 'dynamic', condition: { kind: 'all', conditions: [] } });
    await expect(db.transaction((tx) => addContactToSegment(tx, f.ws.accountId, dynamic.id, contactId))).rejects.toThrow(/dynamic segment/);
  });

  it('moves a merged duplicate’s manual lists to the survivor and takes the duplicate out of every segment', async () => {
    const f = await setUp();
    const kept = await f.addContact();
    const duplicate = await f.addContact();
    const list = await createSegment(db, f.scope, { name: 'Beta testers', kind: 'manual' });
    await db.transaction((tx) => addContactToSegment(tx, f.ws.accountId, list.id, duplicate));
    await db.update(schema.contacts).set({ mergedIntoId: kept }).where(sql`${schema.contacts.id} = ${duplicate}`);
    await f.deliver('contact.merged', { contactId: kept, duplicateId: duplicate });
    expect(await f.memberIds(list.id)).toEqual([kept]);
    expect((await getSegment(db, f.ws.accountId, list.id)).memberCount).toBe(1);
  });

  it('rebuilds after a condition edit, refuses a segment that contains itself, and previews without saving', async () => {
    const f = await setUp();
    const ja = await f.addContact({ locale: 'ja' });
    const en = await f.addContact({ locale: 'en' });
    const segment = await createSegment(db, f.scope, { name: 'Locale', kind: 'dynamic', condition: { kind: 'attribute', key: 'locale', operator: 'eq', value: 'ja' } });
    await buildAllSegments(db, NOW);
    expect(await f.memberIds(segment.id)).toEqual([ja]);
    const edited = await updateSegment(db, f.scope, segment.id, { condition: { kind: 'attribute', key: 'locale', operator: 'eq', value: 'en' } });
    expect(edited.build.status).toBe('building');
    await buildAllSegments(db, NOW);
    expect(await f.memberIds(segment.id)).toEqual([en]);
    expect((await getSegment(db, f.ws.accountId, segment.id)).memberCount).toBe(1);
    await expect(updateSegment(db, f.scope, segment.id, { condition: { kind: 'segment', segmentId: segment.id, member: true } })).rejects.toThrow(/must not refer to this segment/);
    await expect(createSegment(db, f.scope, { name: 'Bad', kind: 'dynamic', condition: { kind: 'attribute', key: 'shoeSize', operator: 'eq', value: 1 } })).rejects.toThrow(/condition.key/);
    const preview = await previewCondition(db, f.ws.accountId, { kind: 'attribute', key: 'locale', operator: 'exists' }, NOW);
    expect(preview).toMatchObject({ count: 2, total: 2 });
    expect(preview.sample.map((s) => s.contactId).sort()).toEqual([ja, en].sort());
  });
});
