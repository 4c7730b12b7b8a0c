import { Redis } from 'ioredis';
import type { PublishedEvent } from '@touchpoint/core';

export type EventListener = (event: PublishedEvent) => void;

/** Carries published events to every node's realtime sockets. */
export interface EventBus {
  readonly kind: 'in-process' | 'redis';
  publish(events: PublishedEvent[]): Promise<void>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

function createListenerSet() {
  const listeners = new Set<EventListener>();
  return {
    add(listener: EventListener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(event: PublishedEvent) {
      for (const listener of listeners) listener(event);
    },
  };
}

export function createInProcessBus(): EventBus {
  const listeners = createListenerSet();
  return {
    kind: 'in-process',
    async publish(events) {
      for (const event of events) listeners.emit(event);
    },
    subscribe: listeners.add,
    async close() {},
  };
}

const CHANNEL = 'touchpoint:events';

/** Redis pub/sub: every node publishes what it drains from the outbox and receives what any node drained. */
export async function createRedisBus(url: string, onError: (error: Error) => void = () => {}): Promise<EventBus> {
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(url, { lazyConnect: true });
  publisher.on('error', onError);
  subscriber.on('error', onError);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const listeners = createListenerSet();
  subscriber.on('message', (channel, message) => {
    if (channel !== CHANNEL) return;
    for (const event of JSON.parse(message) as PublishedEvent[]) listeners.emit(event);
  });
  await subscriber.subscribe(CHANNEL);
  return {
    kind: 'redis',
    async publish(events) {
      if (events.length > 0) await publisher.publish(CHANNEL, JSON.stringify(events));
    },
    subscribe: listeners.add,
    async close() {
      subscriber.disconnect();
      await publisher.quit().catch(() => publisher.disconnect());
    },
  };
}
