import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { PublishedEvent } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { createTestWorkspace } from '../../../apps/server/src/testing/test-app.ts';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { translateDomainEvents } from './domain-event-sink.ts';
import { recordCustomerEvents } from './record-events.ts';
import { getContactTraits } from './traits.ts';

const at = (iso: string) => new Date(iso);

/** The account's unpublished outbox rows, as the dispatcher would hand them to the sink. */
async function claimOutbox(tx: Database, accountId: string): Promise<PublishedEvent[]> {
  const rows = await tx.update(schema.outbox).set({ publishedAt: sql`now()` }).where(and(eq(schema.outbox.accountId, accountId), sql`${schema.outbox.publishedAt} is null`)).returning();
  return rows
    .sort((a, b) => a.id - b.id)
    .map((row) => ({ id: row.id, type: row.type as PublishedEvent['type'], accountId: row.accountId, payload: row.payload, audience: row.audience as unknown as PublishedEvent['audience'], occurredAt: row.occurredAt.toISOString() }));
}

async function setUp() {
  const { db } = await getTestDatabase();
  const ws = await createTestWorkspace('Traits');
  const [contact] = await db.insert(schema.contacts).values({ accountId: ws.accountId, name: 'Mika' }).returning();
  return { db, accountId: ws.accountId, contactId: contact!.id };
}

// Each case runs in ONE transaction: its outbox rows stay invisible to the dispatchers of other tests sharing the
// database (integration tier), so only this test's hand-made claims fold them.
describe('computed traits folded by the outbox sink', () => {
  it('count every event once the claim runs, and move first and last seen only on the customer’s own activity', async () => {
    const { db, accountId, contactId } = await setUp();
    await db.transaction(async (tx) => {
      await recordCustomerEvents(tx, accountId, [
        { contactId, kind: 'track', name: 'Paid', source: 'api', occurredAt: at('2026-01-02T00:00:00Z') },
        { contactId, kind: 'system', name: 'message.sent', source: 'system', occurredAt: at('2026-01-05T00:00:00Z') },
        { contactId, kind: 'system', name: 'message.received', source: 'system', occurredAt: at('2026-01-03T00:00:00Z') },
        { contactId: null, anonymousId: 'anon-1', kind: 'page', name: 'Home', source: 'sdk', occurredAt: at('2026-01-01T00:00:00Z') },
      ]);
      // Nothing yet: recording the events leaves contact_traits alone.
      expect((await getContactTraits(tx, accountId, contactId)).eventCount).toBe(0);
      await translateDomainEvents(tx, await claimOutbox(tx, accountId));
      expect(await getContactTraits(tx, accountId, contactId)).toMatchObject({ eventCount: 3, firstSeenAt: '2026-01-02T00:00:00.000Z', lastSeenAt: '2026-01-03T00:00:00.000Z' });
      // A claim that is run again finds nothing unpublished: nothing counts twice.
      await translateDomainEvents(tx, await claimOutbox(tx, accountId));
      expect((await getContactTraits(tx, accountId, contactId)).eventCount).toBe(3);
    });
  });

  it('leave events still waiting for their fold out of a recompute, so a link during a busy ingest counts each event once', async () => {
    const { db, accountId, contactId } = await setUp();
    await db.transaction(async (tx) => {
      await recordCustomerEvents(tx, accountId, [1, 2, 3].map((day) => ({ contactId, kind: 'track' as const, name: 'Viewed', source: 'api' as const, occurredAt: at(`2026-02-0${day}T00:00:00Z`) })));
      const waiting = await tx.select({ id: schema.outbox.id }).from(schema.outbox).where(and(eq(schema.outbox.accountId, accountId), sql`${schema.outbox.publishedAt} is null`));
      expect(waiting).toHaveLength(1);
      // A recompute (a link that moved anonymous events onto the contact) is handled while the three wait.
      const relink: PublishedEvent = { id: 0, type: 'customer_event.recorded', accountId, payload: { eventIds: [], refreshTraitsOf: [contactId] }, audience: { kind: 'admins' }, occurredAt: new Date().toISOString() };
      await translateDomainEvents(tx, [relink]);
      expect((await getContactTraits(tx, accountId, contactId)).eventCount).toBe(0);
      await translateDomainEvents(tx, await claimOutbox(tx, accountId));
      expect(await getContactTraits(tx, accountId, contactId)).toMatchObject({ eventCount: 3, firstSeenAt: '2026-02-01T00:00:00.000Z', lastSeenAt: '2026-02-03T00:00:00.000Z' });
      // Once they are folded, a recompute finds the same figure.
      await translateDomainEvents(tx, [relink]);
      expect((await getContactTraits(tx, accountId, contactId)).eventCount).toBe(3);
    });
  });
});
