import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { DomainEvent, PublishedEvent } from '@touchpoint/core';
import type { DatabaseHandle } from '@touchpoint/db';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { createInProcessBus, createRedisBus, type EventBus } from './bus.ts';
import { createOutboxDispatcher, type OutboxDispatcher } from './dispatcher.ts';
import { recordEvents } from './outbox.ts';

/**
 * The outbox is shared with every other test on this database (and, in the integration tier, with other workers'
 * dispatchers), so each test writes events for an account id of its own and looks only at those. Publications are
 * watched where every dispatcher's output ends up: on Redis in the integration tier (so an event claimed by some other
 * test's dispatcher still counts), on each dispatcher's in-process bus otherwise.
 */
const redisUrl = inject('redisUrl');

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await getTestDatabase();
});

interface Observer {
  /** Events for the watched account, in the order they were received. */
  readonly events: PublishedEvent[];
  watch(bus: EventBus): void;
  close(): Promise<void>;
}

async function observeAccount(accountId: string): Promise<Observer> {
  const events: PublishedEvent[] = [];
  const listener = (event: PublishedEvent) => {
    if (event.accountId === accountId) events.push(event);
  };
  if (redisUrl) {
    const everything = await createRedisBus(redisUrl);
    everything.subscribe(listener);
    return { events, watch: () => {}, close: () => everything.close() };
  }
  const unsubscribes: (() => void)[] = [];
  return {
    events,
    watch: (bus) => void unsubscribes.push(bus.subscribe(listener)),
    async close() {
      for (const unsubscribe of unsubscribes) unsubscribe();
    },
  };
}

const createBus = (): Promise<EventBus> => (redisUrl ? createRedisBus(redisUrl) : Promise.resolve(createInProcessBus()));

const eventFor = (accountId: string, seq: number): DomainEvent => ({ type: 'contact.created', accountId, payload: { seq }, audience: { kind: 'account' } });

async function commitEvents(events: DomainEvent[]) {
  await handle.db.transaction((tx) => recordEvents(tx, events));
}

async function unpublishedCount(accountId: string): Promise<number> {
  const { rows } = await handle.query<{ n: string | number }>('select count(*) as n from outbox where account_id = $1 and published_at is null', [accountId]);
  return Number(rows[0]?.n);
}

/** A dispatcher on its own bus, watched by `observer`; stop() also closes the bus. */
async function startDispatcher(observer: Observer, options: { pollIntervalMs?: number; batchSize?: number } = {}) {
  const bus = await createBus();
  observer.watch(bus);
  const errors: unknown[] = [];
  const dispatcher: OutboxDispatcher = createOutboxDispatcher({ handle, bus, ...options, onError: (error) => errors.push(error) });
  return {
    dispatcher,
    errors,
    async stop() {
      await dispatcher.stop();
      await bus.close();
    },
  };
}

describe('the transactional outbox', () => {
  it('never publishes events recorded in a transaction that rolled back', async () => {
    const accountId = randomUUID();
    const observer = await observeAccount(accountId);
    const running = await startDispatcher(observer, { pollIntervalMs: 100 });
    try {
      await running.dispatcher.start();
      await expect(
        handle.db.transaction(async (tx) => {
          await recordEvents(tx, [eventFor(accountId, 1)]);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      await commitEvents([eventFor(accountId, 2)]);

      await vi.waitFor(() => expect(observer.events.map((event) => event.payload.seq)).toContain(2), { timeout: 5000, interval: 50 });
      expect(observer.events.map((event) => event.payload.seq)).toEqual([2]);
      const { rows } = await handle.query<{ seq: number }>("select (payload->>'seq')::int as seq from outbox where account_id = $1", [accountId]);
      expect(rows).toEqual([{ seq: 2 }]);
      expect(running.errors).toEqual([]);
    } finally {
      await running.stop();
      await observer.close();
    }
  });

  it('publishes committed events exactly once, in the order they were recorded', async () => {
    const accountId = randomUUID();
    // Watch before committing: in the integration tier another worker's dispatcher may publish them at once.
    const observer = await observeAccount(accountId);
    await commitEvents([eventFor(accountId, 1), eventFor(accountId, 2)]);
    await commitEvents([eventFor(accountId, 3)]);
    await commitEvents([eventFor(accountId, 4), eventFor(accountId, 5), eventFor(accountId, 6)]);
    const running = await startDispatcher(observer, { pollIntervalMs: 100, batchSize: 2 });
    try {
      await running.dispatcher.start();
      await vi.waitFor(async () => expect(await unpublishedCount(accountId)).toBe(0), { timeout: 5000, interval: 50 });
      await vi.waitFor(() => expect(observer.events).toHaveLength(6), { timeout: 2000, interval: 20 });
      await running.dispatcher.drain();
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(observer.events.map((event) => event.payload.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      const ids = observer.events.map((event) => event.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(observer.events[0]).toMatchObject({ type: 'contact.created', accountId, audience: { kind: 'account' } });
      expect(Number.isNaN(Date.parse(observer.events[0]!.occurredAt))).toBe(false);
      expect(running.errors).toEqual([]);
    } finally {
      await running.stop();
      await observer.close();
    }
  });

  it('lets two dispatchers drain one outbox at once without publishing any event twice', async () => {
    const accountId = randomUUID();
    const total = 240;
    const observer = await observeAccount(accountId);
    for (let start = 0; start < total; start += 40) {
      await commitEvents(Array.from({ length: 40 }, (_, i) => eventFor(accountId, start + i)));
    }
    const first = await startDispatcher(observer, { pollIntervalMs: 50, batchSize: 7 });
    const second = await startDispatcher(observer, { pollIntervalMs: 50, batchSize: 7 });
    try {
      await Promise.all([first.dispatcher.start(), second.dispatcher.start()]);
      await Promise.all([first.dispatcher.drain(), second.dispatcher.drain(), first.dispatcher.drain(), second.dispatcher.drain()]);
      await vi.waitFor(async () => expect(await unpublishedCount(accountId)).toBe(0), { timeout: 10_000, interval: 50 });
      await vi.waitFor(() => expect(observer.events.length).toBeGreaterThanOrEqual(total), { timeout: 3000, interval: 20 });
      await new Promise((resolve) => setTimeout(resolve, 300));

      const seqs = observer.events.map((event) => event.payload.seq as number);
      expect(seqs).toHaveLength(total);
      expect(new Set(seqs).size).toBe(total);
      expect(new Set(observer.events.map((event) => event.id)).size).toBe(total);
      expect([...first.errors, ...second.errors]).toEqual([]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await observer.close();
    }
  });

  it('is woken by the NOTIFY at commit, without waiting for the next poll', async () => {
    const accountId = randomUUID();
    const observer = await observeAccount(accountId);
    const running = await startDispatcher(observer, { pollIntervalMs: 60_000 });
    try {
      await running.dispatcher.start();
      const committedAt = performance.now();
      await commitEvents([eventFor(accountId, 1)]);
      await vi.waitFor(() => expect(observer.events).toHaveLength(1), { timeout: 2000, interval: 10 });
      expect(performance.now() - committedAt).toBeLessThan(2000);
      expect(running.errors).toEqual([]);
    } finally {
      await running.stop();
      await observer.close();
    }
  });
});

describe('the Redis event bus', () => {
  // Needs a Redis server: only the integration tier (TEST_REDIS_URL) has one; the unit tier uses the in-process bus.
  it.skipIf(!redisUrl)('carries an event published on one node to the subscribers of another', async () => {
    const nodeA = await createRedisBus(redisUrl);
    const nodeB = await createRedisBus(redisUrl);
    try {
      const accountId = randomUUID();
      const onB: PublishedEvent[] = [];
      const onA: PublishedEvent[] = [];
      nodeB.subscribe((event) => event.accountId === accountId && onB.push(event));
      nodeA.subscribe((event) => event.accountId === accountId && onA.push(event));
      const event: PublishedEvent = { ...eventFor(accountId, 1), id: 42, occurredAt: new Date().toISOString() };
      await nodeA.publish([event]);
      await vi.waitFor(() => expect(onB).toEqual([event]), { timeout: 2000, interval: 10 });
      await vi.waitFor(() => expect(onA).toEqual([event]), { timeout: 2000, interval: 10 });
    } finally {
      await Promise.all([nodeA.close(), nodeB.close()]);
    }
  });
});
