import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Condition, ConditionPort } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { createTestWorkspace } from '../../../apps/server/src/testing/test-app.ts';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { createConditionEvaluator } from './condition-evaluator.ts';

/** Every call passes an explicit `now`; events and orders are written directly with their own timestamps. */
let db: Database;
let evaluator: ConditionPort;
beforeAll(async () => {
  db = (await getTestDatabase()).db;
  evaluator = createConditionEvaluator(db);
});

const NOW = new Date('2026-06-15T12:00:00Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

async function setUp(contact: Partial<typeof schema.contacts.$inferInsert> = {}) {
  const ws = await createTestWorkspace('Segments shop');
  const [row] = await db.insert(schema.contacts).values({ accountId: ws.accountId, name: 'Yui Tanaka', email: 'yui@example.jp', locale: 'ja', timeZone: 'Asia/Tokyo', createdAt: daysBefore(3), ...contact }).returning();
  const matches = (condition: Condition, contactId = row!.id) => evaluator.matches(ws.accountId, contactId, condition, NOW);
  const track = (name: string, daysAgo: number, properties: Record<string, unknown> = {}) =>
    db.insert(schema.customerEvents).values({ accountId: ws.accountId, contactId: row!.id, kind: name.includes('.') ? 'system' : 'track', name, properties, messageId: randomUUID(), source: 'system', occurredAt: daysBefore(daysAgo) });
  return { ws, contactId: row!.id, matches, track };
}

describe('createConditionEvaluator', () => {
  it('compares profile fields case-insensitively, with exists / not_exists and contains', async () => {
    const { matches } = await setUp();
    expect(await matches({ kind: 'attribute', key: 'email', operator: 'eq', value: 'YUI@example.jp' })).toBe(true);
    expect(await matches({ kind: 'attribute', key: 'locale', operator: 'neq', value: 'ja' })).toBe(false);
    expect(await matches({ kind: 'attribute', key: 'name', operator: 'contains', value: 'tanaka' })).toBe(true);
    expect(await matches({ kind: 'attribute', key: 'phone', operator: 'exists' })).toBe(false);
    expect(await matches({ kind: 'attribute', key: 'phone', operator: 'not_exists' })).toBe(true);
  });

  it('reads typed custom attributes: numbers, booleans, dates and a missing value that is "not equal"', async () => {
    const { matches } = await setUp({ attributes: { plan: 'Gold', seats: 12, vip: true, renewsOn: '2026-06-20' } });
    expect(await matches({ kind: 'attribute', key: 'attributes.plan', operator: 'eq', value: 'gold' })).toBe(true);
    expect(await matches({ kind: 'attribute', key: 'attributes.seats', operator: 'gte', value: 10 })).toBe(true);
    expect(await matches({ kind: 'attribute', key: 'attributes.seats', operator: 'lt', value: 10 })).toBe(false);
    expect(await matches({ kind: 'attribute', key: 'attributes.vip', operator: 'eq', value: true })).toBe(true);
    expect(await matches({ kind: 'attribute', key: 'attributes.renewsOn', operator: 'lt', value: '2026-07-01' })).toBe(true);
    expect(await matches({ kind: 'attribute', key: 'attributes.region', operator: 'neq', value: 'EU' })).toBe(true);
    expect(await matches({ kind: 'attribute', key: 'attributes.region', operator: 'eq', value: 'EU' })).toBe(false);
  });

  it('tests dates against windows: created within 7 days, not before 7 days ago', async () => {
    const { matches } = await setUp();
    expect(await matches({ kind: 'attribute', key: 'createdAt', operator: 'within_days', value: 7 })).toBe(true);
    expect(await matches({ kind: 'attribute', key: 'createdAt', operator: 'within_days', value: 2 })).toBe(false);
    expect(await matches({ kind: 'attribute', key: 'createdAt', operator: 'before_days_ago', value: 2 })).toBe(true);
  });

  it('computes order count and lifetime value from orders (cancelled ones excluded) and last seen from events', async () => {
    const { ws, contactId, matches, track } = await setUp();
    const order = (number: string, totalMinor: number, currency: string, cancelled = false) => ({
      accountId: ws.accountId, contactId, number, currency, totalMinor, status: 'open', lines: [], placedAt: daysBefore(1), cancelledAt: cancelled ? NOW : null,
    });
    await db.insert(schema.orders).values([order('A1', 12_000, 'USD'), order('A2', 3_000, 'JPY'), order('A3', 99_999, 'USD', true)]);
    await track('page_viewed', 4);
    expect(await matches({ kind: 'attribute', key: 'traits.orderCount', operator: 'eq', value: 2 })).toBe(true);
    expect(await matches({ kind: 'attribute', key: 'traits.lifetimeValue', operator: 'eq', value: 3120 })).toBe(true);
    expect(await matches({ kind: 'attribute', key: 'traits.lastSeenAt', operator: 'within_days', value: 5 })).toBe(true);
    expect(await matches({ kind: 'attribute', key: 'traits.lastSeenAt', operator: 'within_days', value: 3 })).toBe(false);
  });

  it('counts events by name within a window and with property filters', async () => {
    const { matches, track } = await setUp();
    await track('order.placed', 2, { orderId: 'o1', total: 50 });
    await track('order.placed', 10, { orderId: 'o2', total: 150 });
    await track('order.placed', 40, { orderId: 'o3', total: 500 });
    expect(await matches({ kind: 'event', name: 'order.placed', operator: 'gte', count: 3 })).toBe(true);
    expect(await matches({ kind: 'event', name: 'order.placed', operator: 'gte', count: 3, withinDays: 30 })).toBe(false);
    expect(await matches({ kind: 'event', name: 'order.placed', operator: 'eq', count: 2, withinDays: 30 })).toBe(true);
    expect(await matches({ kind: 'event', name: 'order.placed', operator: 'gte', count: 2, where: [{ property: 'total', operator: 'gte', value: 100 }] })).toBe(true);
    expect(await matches({ kind: 'event', name: 'order.placed', operator: 'eq', count: 0, withinDays: 30, where: [{ property: 'total', operator: 'gt', value: 400 }] })).toBe(true);
    expect(await matches({ kind: 'event', name: 'never.happened', operator: 'lte', count: 0 })).toBe(true);
  });

  it('counts distinct property values: "3 unique orders in 30 days" ignores a repeated order id', async () => {
    const { matches, track } = await setUp();
    await track('order.placed', 1, { order: { id: 'o1' } });
    await track('order.placed', 2, { order: { id: 'o1' } });
    await track('order.placed', 3, { order: { id: 'o2' } });
    expect(await matches({ kind: 'event', name: 'order.placed', operator: 'gte', count: 3, withinDays: 30 })).toBe(true);
    expect(await matches({ kind: 'event', name: 'order.placed', operator: 'gte', count: 3, withinDays: 30, distinctProperty: 'order.id' })).toBe(false);
    await track('order.placed', 4, { order: { id: 'o3' } });
    expect(await matches({ kind: 'event', name: 'order.placed', operator: 'gte', count: 3, withinDays: 30, distinctProperty: 'order.id' })).toBe(true);
  });

  it('reads survey answers: the latest NPS, any detractor answer, answered within a window', async () => {
    const { matches, track } = await setUp();
    await track('survey.answered', 20, { surveyId: 's1', kind: 'nps', score: 3, about: null });
    await track('survey.answered', 2, { surveyId: 's1', kind: 'nps', score: 9, about: null });
    await track('survey.answered', 1, { surveyId: 's2', kind: 'csat', score: 2, about: null });
    expect(await matches({ kind: 'survey', survey: 'nps', match: 'latest', operator: 'lte', score: 6 })).toBe(false);
    expect(await matches({ kind: 'survey', survey: 'nps', match: 'any', operator: 'lte', score: 6 })).toBe(true);
    expect(await matches({ kind: 'survey', survey: 'nps', match: 'any', operator: 'lte', score: 6, withinDays: 10 })).toBe(false);
    expect(await matches({ kind: 'survey', survey: 'ces', match: 'latest', operator: 'not_answered' })).toBe(true);
    expect(await matches({ kind: 'survey', survey: 'csat', match: 'latest', operator: 'answered', withinDays: 7 })).toBe(true);
  });

  it('tests segment membership and nests all / any groups', async () => {
    const { ws, contactId, matches } = await setUp();
    const [segment] = await db.insert(schema.segments).values({ accountId: ws.accountId, name: 'List', kind: 'manual' }).returning();
    expect(await matches({ kind: 'segment', segmentId: segment!.id, member: true })).toBe(false);
    await db.insert(schema.segmentMemberships).values({ accountId: ws.accountId, segmentId: segment!.id, contactId });
    expect(await matches({ kind: 'segment', segmentId: segment!.id, member: true })).toBe(true);
    const ja = { kind: 'attribute', key: 'locale', operator: 'eq', value: 'ja' } as const;
    const en = { kind: 'attribute', key: 'locale', operator: 'eq', value: 'en' } as const;
    expect(await matches({ kind: 'all', conditions: [ja, en] })).toBe(false);
    expect(await matches({ kind: 'any', conditions: [ja, en] })).toBe(true);
    expect(await matches({ kind: 'all', conditions: [] })).toBe(true);
    expect(await matches({ kind: 'any', conditions: [{ kind: 'all', conditions: [en] }, { kind: 'segment', segmentId: segment!.id, member: false }] })).toBe(false);
  });

  it('matches nothing for a contact of another account or a merged-away contact', async () => {
    const a = await setUp();
    const b = await setUp({ mergedIntoId: a.contactId });
    const always: Condition = { kind: 'all', conditions: [] };
    expect(await a.matches(always, b.contactId)).toBe(false);
    expect(await b.matches(always)).toBe(false);
  });
});
