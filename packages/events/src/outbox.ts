import { and, isNotNull, lt, sql } from 'drizzle-orm';
import type { DomainEvent, PublishedEvent } from '@touchpoint/core';
import { type Database, type DatabaseHandle, schema } from '@touchpoint/db';

export const OUTBOX_CHANNEL = 'touchpoint_outbox';

/**
 * Writes domain events to the outbox. Call it with the transaction that makes the change, so the event exists
 * if and only if the change committed. The NOTIFY is delivered by PostgreSQL only after that commit.
 */
export async function recordEvents(tx: Database, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(schema.outbox).values(
    events.map((event) => ({ accountId: event.accountId, type: event.type, payload: event.payload, audience: event.audience })),
  );
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}

interface OutboxRow {
  id: string | number;
  account_id: string;
  type: string;
  payload: Record<string, unknown>;
  audience: Record<string, unknown>;
  occurred_at: string | Date;
}

/** Any constant: the same on every node, so that one node drains the outbox at a time. */
const DRAIN_LOCK_KEY = 7_462_002;

/**
 * Marks up to `limit` unpublished events as published and hands them to `publish` inside the same transaction:
 * if publishing throws, the claim rolls back and the events are tried again (at-least-once).
 * One node drains at a time (a transaction-scoped advisory lock), so events are published in the order they were
 * recorded; `null` means another node holds the lock and will publish them.
 */
export async function claimAndPublishEvents(
  handle: DatabaseHandle,
  limit: number,
  publish: (events: PublishedEvent[], tx: Database) => Promise<void>,
): Promise<number | null> {
  return handle.db.transaction(async (tx) => {
    const lock = await tx.execute(sql`select pg_try_advisory_xact_lock(${DRAIN_LOCK_KEY}) as locked`);
    if (!(lock as unknown as { rows: { locked: boolean }[] }).rows[0]?.locked) return null;
    const result = await tx.execute(sql`
      update outbox set published_at = now()
      where id in (select id from outbox where published_at is null order by id limit ${limit} for update skip locked)
      returning id, account_id, type, payload, audience, occurred_at`);
    const rows = (result as unknown as { rows: OutboxRow[] }).rows;
    if (rows.length === 0) return 0;
    const events = rows
      .map((row): PublishedEvent => ({
        id: Number(row.id),
        accountId: row.account_id,
        type: row.type as PublishedEvent['type'],
        payload: row.payload,
        audience: row.audience as unknown as PublishedEvent['audience'],
        occurredAt: new Date(row.occurred_at).toISOString(),
      }))
      .sort((a, b) => a.id - b.id);
    await publish(events, tx);
    return events.length;
  });
}

/** Deletes published events older than `olderThan`; returns how many. */
export async function purgePublishedEvents(db: Database, olderThan: Date): Promise<number> {
  const deleted = await db
    .delete(schema.outbox)
    .where(and(isNotNull(schema.outbox.publishedAt), lt(schema.outbox.publishedAt, olderThan)))
    .returning({ id: schema.outbox.id });
  return deleted.length;
}
