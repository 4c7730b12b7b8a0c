import type { PublishedEvent } from '@touchpoint/core';
import type { EventBus } from '@touchpoint/events';

/** Each node repeats who is connected to it this often; an entry not repeated within `VISITOR_PRESENCE_TTL_MS` is gone. */
export const VISITOR_PRESENCE_HEARTBEAT_MS = 30_000;
export const VISITOR_PRESENCE_TTL_MS = 75_000;

/** A visitor of one inbox, as presence names them. */
export interface PresentVisitor {
  inboxId: string;
  key: string;
}

interface PresenceNotice {
  node: string;
  online: boolean;
  visitors: PresentVisitor[];
}

const noticeOf = (event: PublishedEvent): PresenceNotice | null => {
  if (event.type !== 'presence.changed') return null;
  const notice = event.payload.widgetVisitors as PresenceNotice | undefined;
  return notice && typeof notice.node === 'string' && Array.isArray(notice.visitors) ? notice : null;
};

/**
 * Which widget visitors have a chat open on any node, told over the bus (like agents' presence: ephemeral, never
 * through the outbox). Nodes announce a visitor when their first socket opens and when their last one closes, and
 * repeat everyone connected every 30 s, so a node that started later, or one that died without saying goodbye, is
 * right again within 75 s. Audience `users: []`: no console ever receives these.
 */
export function createVisitorPresence(bus: EventBus, now: () => number = Date.now) {
  /** `<inboxId> <key>` → node → expiry. */
  const seen = new Map<string, Map<string, number>>();
  const idOf = (visitor: PresentVisitor) => `${visitor.inboxId} ${visitor.key}`;

  const unsubscribe = bus.subscribe((event) => {
    const notice = noticeOf(event);
    if (!notice) return;
    for (const visitor of notice.visitors) {
      const id = idOf(visitor);
      const nodes = seen.get(id) ?? new Map<string, number>();
      if (notice.online) nodes.set(notice.node, now() + VISITOR_PRESENCE_TTL_MS);
      else nodes.delete(notice.node);
      if (nodes.size > 0) seen.set(id, nodes);
      else seen.delete(id);
    }
  });

  return {
    /** Whether the visitor has the chat open anywhere (as far as the last 75 s of notices tell). */
    isOnline(visitor: PresentVisitor): boolean {
      const nodes = seen.get(idOf(visitor));
      if (!nodes) return false;
      const at = now();
      for (const [node, expires] of nodes) if (expires <= at) nodes.delete(node);
      if (nodes.size === 0) seen.delete(idOf(visitor));
      return nodes.size > 0;
    },
    close: unsubscribe,
  };
}

export type VisitorPresence = ReturnType<typeof createVisitorPresence>;

/** Tells every node that these visitors have (or no longer have) a chat open on `node`. */
export async function announceVisitors(bus: EventBus, node: string, visitors: PresentVisitor[], online: boolean) {
  if (visitors.length === 0) return;
  await bus.publish([{
    id: 0,
    type: 'presence.changed',
    accountId: '',
    payload: { widgetVisitors: { node, online, visitors } satisfies PresenceNotice },
    audience: { kind: 'users', userIds: [] },
    occurredAt: new Date().toISOString(),
  }]);
}
