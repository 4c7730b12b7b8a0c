import type { PublishedEvent } from '@touchpoint/core';
import type { Database, DatabaseHandle } from '@touchpoint/db';
import type { EventBus } from './bus.ts';
import { claimAndPublishEvents, OUTBOX_CHANNEL } from './outbox.ts';

export interface OutboxDispatcherOptions {
  handle: DatabaseHandle;
  bus: EventBus;
  /** A safety net for missed notifications (e.g. a dropped LISTEN connection). */
  pollIntervalMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
  /**
   * Consumers that must see every event exactly once (webhooks, automations): they run inside the transaction that
   * claims the events, so what they write commits together with the claim, or not at all and they run again.
   */
  sinks?: EventSink[];
}

export type EventSink = (tx: Database, events: PublishedEvent[]) => Promise<void>;

const BUSY_RETRY_MS = 25;

/** Publishes outbox events to the bus right after their transaction commits (LISTEN/NOTIFY), and by polling. */
export function createOutboxDispatcher({ handle, bus, pollIntervalMs = 1000, batchSize = 200, onError = () => {}, sinks = [] }: OutboxDispatcherOptions) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let unlisten: (() => Promise<void>) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let retry: NodeJS.Timeout | null = null;

  async function drainOnce(): Promise<void> {
    do {
      again = false;
      let published: number | null;
      do
        published = await claimAndPublishEvents(handle, batchSize, async (events, tx) => {
          for (const sink of sinks) await sink(tx, events);
          await bus.publish(events);
        });
      while (!stopped && published === batchSize);
      // Another node is draining; it may have claimed its batch before our event committed, so look again shortly.
      if (published === null && !stopped && !retry) {
        retry = setTimeout(() => {
          retry = null;
          void drain();
        }, BUSY_RETRY_MS);
        retry.unref();
      }
    } while (again && !stopped);
  }

  /** Drains the outbox; concurrent calls coalesce into one extra pass. */
  function drain(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = drainOnce()
      .catch(onError)
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    async start() {
      unlisten = await handle.listen(OUTBOX_CHANNEL, () => void drain());
      timer = setInterval(() => void drain(), pollIntervalMs);
      timer.unref();
      await drain();
    },
    drain,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (retry) clearTimeout(retry);
      await unlisten?.();
      await running;
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
