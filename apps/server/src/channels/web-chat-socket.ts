import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { PublishedEvent } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import type { EventBus } from '@touchpoint/events';
import {
  type ChannelInbox, type WidgetVisitor, VISITOR_PRESENCE_HEARTBEAT_MS, announceVisitors, isPublicMessage, listVisitorConversationIds, resolveVisitor,
  toVisitorMessage,
} from '@touchpoint/channels';
import { attachWidgetPrompts } from './web-chat-prompts.ts';

interface VisitorConnection {
  socket: WebSocket;
  inbox: ChannelInbox;
  visitor: WidgetVisitor;
  /** The conversations this visitor may see; grows when they open a new one. */
  conversationIds: Set<string>;
}

/** A visitor has this long after the socket opens to say who they are. */
const AUTH_TIMEOUT_MS = 10_000;

type PresentedMessage = Parameters<typeof toVisitorMessage>[1] & { status: string; channelData?: Record<string, unknown> };

/**
 * The customer's side of realtime: each widget's socket, fed from the same bus as the agents' sockets. A visitor
 * receives only events of conversations they may see (`listVisitorConversationIds`): their messages and the agents'
 * replies (never notes or scheduled ones), agents typing, the conversation's status, and when an agent read it.
 *
 * Sockets authenticate with their first message, `{ "type": "auth", "authorization": "Visitor <token>" }` (or
 * `User <id>.<hash>`), so no credential ever appears in a URL or an access log.
 */
export function createVisitorHub(options: { db: Database; bus: EventBus; pingMs?: number; onError?: (error: unknown) => void }) {
  const { db, bus, pingMs = 25_000, onError = () => {} } = options;
  const node = randomUUID();
  const connections = new Set<VisitorConnection>();
  const socketsPerVisitor = new Map<string, number>();
  const presenceId = (connection: VisitorConnection) => `${connection.inbox.id} ${connection.visitor.key}`;

  const send = (connection: VisitorConnection, message: unknown) => {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(message));
  };
  const following = (conversationId: unknown) => [...connections].filter((connection) => typeof conversationId === 'string' && connection.conversationIds.has(conversationId));

  function deliver(event: PublishedEvent) {
    const { payload } = event;
    switch (event.type) {
      case 'message.created': {
        const message = payload.message as PresentedMessage;
        if (!isPublicMessage(message)) return;
        const conversationId = payload.conversationId as string;
        const author = message.direction === 'inbound' ? message.channelData?.visitor : undefined;
        // A visitor's first message opens a conversation their sockets do not know yet (other tabs, other devices).
        if (typeof author === 'string' && event.audience.kind === 'inbox') {
          for (const connection of connections) if (connection.visitor.key === author && connection.inbox.id === event.audience.inboxId) connection.conversationIds.add(conversationId);
        }
        for (const connection of following(conversationId)) send(connection, { type: 'message', message: toVisitorMessage(conversationId, message) });
        return;
      }
      case 'presence.changed': {
        if (payload.widgetVisitors || typeof payload.userId !== 'string' || payload.userId.startsWith('visitor:')) return;
        for (const connection of following(payload.conversationId)) send(connection, { type: 'typing', conversationId: payload.conversationId, name: payload.name, typing: payload.state === 'typing' });
        return;
      }
      case 'conversation.read':
        for (const connection of following(payload.conversationId)) send(connection, { type: 'seen', conversationId: payload.conversationId, at: event.occurredAt });
        return;
      case 'conversation.merged':
        // The visitor's conversation went into another: follow it there if it is theirs to see (same contact).
        for (const connection of following(payload.sourceConversationId)) {
          listVisitorConversationIds(db, connection.inbox, connection.visitor).then((ids) => {
            connection.conversationIds = new Set(ids);
            send(connection, { type: 'conversation', conversationId: payload.conversationId });
          }).catch(onError);
        }
        return;
      case 'conversation.updated':
      case 'csat.requested':
        // The widget reads the conversation again: its status, or the satisfaction question.
        for (const connection of following(payload.conversationId)) send(connection, { type: 'conversation', conversationId: payload.conversationId });
        return;
      default:
    }
  }

  const unsubscribe = bus.subscribe((event) => {
    try {
      deliver(event);
    } catch (error) {
      onError(error);
    }
  });

  const pinger = setInterval(() => {
    for (const connection of connections) send(connection, { type: 'ping' });
  }, pingMs);
  pinger.unref();

  // Repeats who is connected here, so every node (and a node started later) knows whom not to email.
  const heartbeat = setInterval(() => {
    const visitors = new Map([...connections].map((connection) => [presenceId(connection), { inboxId: connection.inbox.id, key: connection.visitor.key }]));
    announceVisitors(bus, node, [...visitors.values()], true).catch(onError);
  }, VISITOR_PRESENCE_HEARTBEAT_MS);
  heartbeat.unref();

  async function attach(socket: WebSocket, inbox: ChannelInbox, visitor: WidgetVisitor) {
    if (socket.readyState !== socket.OPEN) return;
    // Listed (and its close handled) from the moment it is added: a first message committed while its conversations
    // are being read still reaches it, since that message's event adds the new conversation.
    const connection: VisitorConnection = { socket, inbox, visitor, conversationIds: new Set() };
    const id = presenceId(connection);
    connections.add(connection);
    socketsPerVisitor.set(id, (socketsPerVisitor.get(id) ?? 0) + 1);
    socket.on('close', () => {
      connections.delete(connection);
      const left = (socketsPerVisitor.get(id) ?? 1) - 1;
      if (left > 0) return void socketsPerVisitor.set(id, left);
      socketsPerVisitor.delete(id);
      announceVisitors(bus, node, [{ inboxId: inbox.id, key: visitor.key }], false).catch(onError);
    });
    if (socketsPerVisitor.get(id) === 1) await announceVisitors(bus, node, [{ inboxId: inbox.id, key: visitor.key }], true);
    for (const conversationId of await listVisitorConversationIds(db, inbox, visitor)) connection.conversationIds.add(conversationId);
    send(connection, { type: 'ready' });
    await attachWidgetPrompts(db, bus, socket, inbox, visitor, onError);
  }

  return {
    /** Takes a widget's socket: waits for its `auth` message, then delivers its visitor's events. */
    add(socket: WebSocket, inbox: ChannelInbox) {
      const timer = setTimeout(() => socket.close(4401, 'no auth message'), AUTH_TIMEOUT_MS);
      timer.unref();
      socket.once('message', (data) => {
        clearTimeout(timer);
        let visitor: WidgetVisitor;
        try {
          const message = JSON.parse(String(data)) as { type?: unknown; authorization?: unknown };
          if (message.type !== 'auth' || typeof message.authorization !== 'string') throw new Error('not an auth message');
          visitor = resolveVisitor(message.authorization, inbox.secrets.identitySecret);
        } catch {
          socket.close(4401, 'not authenticated');
          return;
        }
        attach(socket, inbox, visitor).catch((error: unknown) => {
          onError(error);
          socket.close(1011, 'could not start');
        });
      });
    },
    get size() {
      return connections.size;
    },
    /** Closes every socket with 1001 (going away): widgets reconnect, to another node if this one stops. */
    closeAll() {
      unsubscribe();
      clearInterval(pinger);
      clearInterval(heartbeat);
      for (const connection of connections) connection.socket.close(1001, 'server shutting down');
    },
  };
}

export type VisitorHub = ReturnType<typeof createVisitorHub>;
