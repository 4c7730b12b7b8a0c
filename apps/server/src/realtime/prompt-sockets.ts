import type { WebSocket } from 'ws';
import type { PublishedEvent } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import type { EventBus } from '@touchpoint/events';
import { listPendingPrompts, type PromptPayload, type PromptSurface, recordPromptResponse, showsOn } from '@touchpoint/prompts';

interface PromptConnection {
  socket: WebSocket;
  accountId: string;
  contactId: string;
  surface: PromptSurface;
}

const keyOf = (accountId: string, contactId: string) => `${accountId} ${contactId}`;

/**
 * Customers' open sockets (widget and portal) by account and contact, fed from the bus: a `prompt.triggered` on any
 * node reaches this customer's sockets on every node (Redis bus), and nobody else's. A socket also gets the prompts
 * still waiting for it when it is attached, and its `{ type: 'prompt.ack', deliveryId }` messages record `prompt.shown`.
 * One registry per bus (`promptSocketsFor`), shared by the widget's and the portal's hubs.
 */
export function createPromptSockets(options: { db: Database; bus: EventBus; onError?: (error: unknown) => void }) {
  const { db, bus, onError = () => {} } = options;
  const byContact = new Map<string, Set<PromptConnection>>();

  const send = (connection: PromptConnection, message: unknown) => {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(message));
  };

  function deliver(event: PublishedEvent) {
    if (event.type !== 'prompt.triggered' && event.type !== 'prompt.closed') return;
    const contactId = event.payload.contactId;
    if (typeof contactId !== 'string') return;
    const connections = byContact.get(keyOf(event.accountId, contactId));
    if (!connections) return;
    for (const connection of connections) {
      if (event.type === 'prompt.closed') send(connection, { type: 'prompt.closed', deliveryId: event.payload.deliveryId });
      else {
        const prompt = event.payload.prompt as PromptPayload;
        if (showsOn(prompt.surfaces, connection.surface)) send(connection, { type: 'prompt', prompt });
      }
    }
  }

  const unsubscribe = bus.subscribe((event) => {
    try {
      deliver(event);
    } catch (error) {
      onError(error);
    }
  });

  return {
    /**
     * Delivers this contact's prompts to the socket from now on, sends the ones waiting, and listens for its acks.
     * Registered before the waiting ones are read, so a prompt triggered meanwhile is not missed (at worst sent twice:
     * clients ignore a delivery id they already have).
     */
    async attach(socket: WebSocket, accountId: string, contactId: string, surface: PromptSurface) {
      const connection: PromptConnection = { socket, accountId, contactId, surface };
      const key = keyOf(accountId, contactId);
      const set = byContact.get(key) ?? new Set();
      set.add(connection);
      byContact.set(key, set);
      socket.on('close', () => {
        set.delete(connection);
        if (set.size === 0 && byContact.get(key) === set) byContact.delete(key);
      });
      socket.on('message', (data) => {
        let message: { type?: unknown; deliveryId?: unknown };
        try {
          message = JSON.parse(String(data)) as typeof message;
        } catch {
          return;
        }
        if (message.type !== 'prompt.ack' || typeof message.deliveryId !== 'string' || !/^[0-9a-f-]{36}$/i.test(message.deliveryId)) return;
        recordPromptResponse(db, accountId, contactId, message.deliveryId, 'shown').catch(onError);
      });
      for (const prompt of await listPendingPrompts(db, accountId, contactId, surface)) send(connection, { type: 'prompt', prompt });
    },
    get size() {
      let count = 0;
      for (const set of byContact.values()) count += set.size;
      return count;
    },
    close() {
      unsubscribe();
      byContact.clear();
    },
  };
}

export type PromptSockets = ReturnType<typeof createPromptSockets>;

const registries = new WeakMap<EventBus, PromptSockets>();

/** The registry of this bus (created on first use): the widget and the portal share it. */
export function promptSocketsFor(db: Database, bus: EventBus, onError?: (error: unknown) => void): PromptSockets {
  let registry = registries.get(bus);
  if (!registry) {
    registry = createPromptSockets({ db, bus, ...(onError ? { onError } : {}) });
    registries.set(bus, registry);
  }
  return registry;
}

/** Stops a bus's registry (app shutdown). */
export function closePromptSockets(bus: EventBus) {
  registries.get(bus)?.close();
  registries.delete(bus);
}
