import { and, eq } from 'drizzle-orm';
import type { WebSocket } from 'ws';
import type { PublishedEvent, Role } from '@touchpoint/core';
import { resolveSession } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';
import type { EventBus } from '@touchpoint/events';
import { ACCESS_CHANGING_EVENTS, canReceive, type SocketAccess } from './audience.ts';
import { type PresenceState, parsePresenceMessage, publishPresence } from './presence.ts';

interface Connection {
  socket: WebSocket;
  access: SocketAccess;
  sessionToken: string;
  name: string;
  /** Where this person last said they were viewing or typing: cleared when they leave, told to newcomers. */
  presence: { conversationId: string; state: Exclude<PresenceState, 'idle'> } | null;
}

export async function loadSocketAccess(db: Database, userId: string): Promise<SocketAccess> {
  const memberships = await db.select({ accountId: schema.memberships.accountId, role: schema.memberships.role }).from(schema.memberships).where(eq(schema.memberships.userId, userId));
  const inboxRows = await db.select({ accountId: schema.inboxMembers.accountId, inboxId: schema.inboxMembers.inboxId }).from(schema.inboxMembers).where(and(eq(schema.inboxMembers.userId, userId)));
  const accounts = new Map(memberships.map((m) => [m.accountId, { role: m.role as Role, inboxIds: new Set<string>() }]));
  for (const row of inboxRows) accounts.get(row.accountId)?.inboxIds.add(row.inboxId);
  return { userId, accounts };
}

/**
 * Holds this node's console sockets and delivers each bus event to the sockets allowed to see it.
 * Sessions are checked again every `revalidateMs`, so signing out everywhere also closes sockets on other nodes.
 */
export function createSocketHub(options: { db: Database; bus: EventBus; revalidateMs?: number; pingMs?: number; onError?: (error: unknown) => void }) {
  const { db, bus, revalidateMs = 30_000, pingMs = 25_000, onError = () => {} } = options;
  const connections = new Set<Connection>();

  async function refreshAccess(connection: Connection) {
    connection.access = await loadSocketAccess(db, connection.access.userId);
  }

  /** Someone opened a conversation: the people here who are in it tell them so, whatever node they arrived on. */
  function answerArrival(event: PublishedEvent) {
    const { conversationId, userId } = event.payload;
    if (typeof userId !== 'string') return;
    for (const connection of connections) {
      const present = connection.presence;
      if (!present || present.conversationId !== conversationId || connection.access.userId === userId) continue;
      publishPresence(db, bus, connection.access, connection.name, present.conversationId, present.state, { to: userId }).catch(onError);
    }
  }

  async function deliver(event: PublishedEvent) {
    if (event.type === 'presence.changed' && event.payload.arrived === true) answerArrival(event);
    const message = JSON.stringify({ type: 'event', event: { id: event.id, type: event.type, accountId: event.accountId, payload: event.payload, occurredAt: event.occurredAt } });
    for (const connection of connections) {
      try {
        if (ACCESS_CHANGING_EVENTS.has(event.type) && (connection.access.accounts.has(event.accountId) || event.payload.userId === connection.access.userId)) {
          await refreshAccess(connection);
        }
        const ownPresence = event.type === 'presence.changed' && event.payload.userId === connection.access.userId;
        if (!ownPresence && canReceive(connection.access, event) && connection.socket.readyState === connection.socket.OPEN) connection.socket.send(message);
      } catch (error) {
        onError(error);
      }
    }
  }

  const unsubscribe = bus.subscribe((event) => void deliver(event));

  const pinger = setInterval(() => {
    for (const connection of connections) if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send('{"type":"ping"}');
  }, pingMs);
  pinger.unref();

  const revalidator = setInterval(async () => {
    for (const connection of connections) {
      const session = await resolveSession(db, connection.sessionToken).catch(() => undefined);
      if (session === null) connection.socket.close(4401, 'session ended');
    }
  }, revalidateMs);
  revalidator.unref();

  return {
    async add(socket: WebSocket, userId: string, sessionToken: string) {
      const [user] = await db.select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, userId));
      const connection: Connection = { socket, access: await loadSocketAccess(db, userId), sessionToken, name: user?.name ?? '', presence: null };
      connections.add(connection);
      const announce = (conversationId: string, state: PresenceState, arrived = false) =>
        publishPresence(db, bus, connection.access, connection.name, conversationId, state, { arrived }).catch(onError);
      socket.on('message', (data) => {
        const presence = parsePresenceMessage(String(data));
        if (!presence) return;
        const previous = connection.presence?.conversationId ?? null;
        if (previous && previous !== presence.conversationId) void announce(previous, 'idle');
        connection.presence = presence.state === 'idle' ? null : { conversationId: presence.conversationId, state: presence.state };
        void announce(presence.conversationId, presence.state, presence.state !== 'idle' && previous !== presence.conversationId);
      });
      socket.on('close', () => {
        connections.delete(connection);
        if (connection.presence) void announce(connection.presence.conversationId, 'idle');
      });
      socket.send(JSON.stringify({ type: 'ready' }));
    },
    get size() {
      return connections.size;
    },
    /** Closes every socket with 1001 (going away) so clients reconnect to another node. */
    closeAll() {
      unsubscribe();
      clearInterval(pinger);
      clearInterval(revalidator);
      for (const connection of connections) connection.socket.close(1001, 'server shutting down');
    },
  };
}

export type SocketHub = ReturnType<typeof createSocketHub>;
