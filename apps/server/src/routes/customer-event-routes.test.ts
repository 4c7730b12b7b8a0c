import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@touchpoint/accounts';
import type { AccountScope } from '@touchpoint/core';
import { schema } from '@touchpoint/db';
import { eventsSettled } from '../testing/events-settled.ts';
import { createTestApp, createTestWorkspace, type TestApp, type TestWorkspace } from '../testing/test-app.ts';
import { getTestDatabase } from '../testing/test-database.ts';

let t: TestApp;
let ws: TestWorkspace;
let key: string;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Events');
  const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const { db } = await getTestDatabase();
  key = (await createApiKey(db, scope, { name: 'Server' })).key;
});
afterAll(async () => {
  await t.close();
});

const send = (batch: unknown[]) => t.app.inject({ method: 'POST', url: `/api/v1/accounts/${ws.accountId}/events/batch`, headers: { authorization: `Bearer ${key}` }, payload: { batch } });
const get = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1/accounts/${ws.accountId}${url}`, headers: { authorization: `Bearer ${key}` } });

async function contactOf(userId: string) {
  const { db } = await getTestDatabase();
  const [row] = await db.select().from(schema.contacts).where(and(eq(schema.contacts.accountId, ws.accountId), eq(schema.contacts.externalId, userId)));
  return row!;
}

describe('batched ingest for server keys', () => {
  it('stores the good items, reports each malformed one by its index, and counts a replayed messageId once', async () => {
    const user = `u-${randomUUID().slice(0, 8)}`;
    const batch = [
      { type: 'track', messageId: `${user}-1`, userId: user, event: 'Signed Up', timestamp: '2026-05-01T10:00:00Z', properties: { plan: 'pro' } },
      { type: 'track', messageId: `${user}-2`, userId: user, timestamp: '2026-05-01T10:01:00Z' },
      { type: 'page', messageId: `${user}-3`, userId: user, name: 'Pricing', timestamp: '2026-05-01T09:00:00Z' },
      { type: 'track', messageId: `${user}-4`, event: 'No one' },
      { type: 'shout', messageId: `${user}-5`, userId: user },
    ];
    const first = await send(batch);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(first.json().errors.map((error: { index: number }) => error.index)).toEqual([1, 3, 4]);
    const replay = await send([batch[0], batch[2], batch[0]]);
    expect(replay.json()).toEqual({ accepted: 0, duplicates: 3, errors: [] });

    const contact = await contactOf(user);
    const timeline = await get(`/contacts/${contact.id}/events`);
    // Ordered by the client's timestamp, not by arrival: the earlier page view comes last (newest first).
    expect(timeline.json().events.map((event: { name: string }) => event.name)).toEqual(['Signed Up', 'Pricing']);
    await eventsSettled(ws.accountId);
    const traits = await get(`/contacts/${contact.id}/traits`);
    expect(traits.json()).toMatchObject({ eventCount: 2, firstSeenAt: '2026-05-01T09:00:00.000Z', lastSeenAt: '2026-05-01T10:00:00.000Z' });
  });

  it('hands a webhook subscribed to customer_event.recorded the events themselves, though the outbox carries their ids', async () => {
    const { db } = await getTestDatabase();
    const [hook] = await db.insert(schema.webhooks).values({ accountId: ws.accountId, url: 'https://example.test/events', secret: 'test-secret', events: ['customer_event.recorded'] }).returning();
    const user = `u-${randomUUID().slice(0, 8)}`;
    const sent = await send([{ type: 'track', messageId: `${user}-1`, userId: user, event: 'Plan Chosen', properties: { plan: 'team' } }]);
    expect(sent.json()).toMatchObject({ accepted: 1 });
    await eventsSettled(ws.accountId);
    const deliveries = await db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.webhookId, hook!.id));
    expect(deliveries).toHaveLength(1);
    const body = deliveries[0]!.payload as { type: string; data: { events: { name: string; messageId: string; contactId: string; properties: Record<string, unknown> }[] } };
    expect(body.type).toBe('customer_event.recorded');
    expect(body.data.events).toEqual([expect.objectContaining({ name: 'Plan Chosen', messageId: `${user}-1`, contactId: (await contactOf(user)).id, properties: { plan: 'team' } })]);
    await db.update(schema.webhooks).set({ active: false }).where(eq(schema.webhooks.id, hook!.id));
  });

  it('maps identify’s userId to the contact’s external id and applies traits to profile fields and typed attributes, latest timestamp winning', async () => {
    const user = `u-${randomUUID().slice(0, 8)}`;
    const result = await send([
      { type: 'identify', messageId: `${user}-b`, userId: user, timestamp: '2026-05-02T00:00:00Z', traits: { name: 'Mika Sato', plan: 'team', seats: 5 } },
      { type: 'identify', messageId: `${user}-a`, userId: user, timestamp: '2026-05-01T00:00:00Z', traits: { email: 'MIKA@example.test', plan: 'free', language: 'ja', timeZone: 'asia/tokyo', beta: true } },
      { type: 'identify', messageId: `${user}-c`, userId: user, traits: { email: 'not-an-email' } },
    ]);
    expect(result.json()).toMatchObject({ accepted: 2, errors: [{ index: 2 }] });
    const contact = await contactOf(user);
    expect(contact).toMatchObject({ name: 'Mika Sato', email: 'mika@example.test', locale: 'ja', timeZone: 'Asia/Tokyo', attributes: { plan: 'team', seats: 5, beta: true } });
    await send([{ type: 'identify', messageId: `${user}-b`, userId: user, traits: { name: 'Replayed' } }]);
    expect((await contactOf(user)).name).toBe('Mika Sato');
  });

  it('alias links an anonymous id to the user and moves its earlier anonymous events onto the profile', async () => {
    const user = `u-${randomUUID().slice(0, 8)}`;
    const anonymousId = `anon-${randomUUID()}`;
    await send([
      { type: 'page', messageId: `${anonymousId}-1`, anonymousId, name: 'Home', timestamp: '2026-05-01T08:00:00Z' },
      { type: 'track', messageId: `${anonymousId}-2`, anonymousId, event: 'Added to Cart', timestamp: '2026-05-01T08:05:00Z' },
    ]);
    const aliased = await send([{ type: 'alias', messageId: `${user}-alias`, userId: user, previousId: anonymousId, timestamp: '2026-05-01T08:10:00Z' }]);
    expect(aliased.json()).toMatchObject({ accepted: 1, errors: [] });
    await send([{ type: 'track', messageId: `${anonymousId}-3`, anonymousId, event: 'Checkout', timestamp: '2026-05-01T08:20:00Z' }]);
    const contact = await contactOf(user);
    const names = (await get(`/contacts/${contact.id}/events`)).json().events.map((event: { name: string }) => event.name);
    expect(names).toEqual(['Checkout', 'alias', 'Added to Cart', 'Home']);
    await eventsSettled(ws.accountId);
    expect((await get(`/contacts/${contact.id}/traits`)).json()).toMatchObject({ eventCount: 4 });
  });
});
