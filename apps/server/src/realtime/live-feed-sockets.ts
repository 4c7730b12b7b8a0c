import type { WebSocket } from 'ws';
import type { PublishedEvent } from '@touchpoint/core';
import type { EventBus } from '@touchpoint/events';
import { type LivePollView, type LivePostView, publicPost } from '@touchpoint/live-feed';

/**
 * What a public screen (overlay or phone) is told, built once per event from the bus: approved posts, removals,
 * the pin, poll results and the feed's status. Pending, rejected and blocked posts never leave the server this way.
 */
export function describeForScreens(event: PublishedEvent): string | null {
  const post = event.payload.post as LivePostView | undefined;
  switch (event.type) {
    case 'live_post.received':
    case 'live_post.approved':
      return post?.status === 'approved' ? JSON.stringify({ type: 'post', post: publicPost(post) }) : null;
    case 'live_post.removed':
      return post ? JSON.stringify({ type: 'removed', postId: post.id }) : null;
    case 'live_post.pinned':
      return JSON.stringify({ type: 'pinned', post: post?.pinned ? publicPost(post) : null, unpinnedId: event.payload.unpinnedId ?? null });
    case 'live_poll.changed': {
      const poll = event.payload.poll as LivePollView;
      return poll.status === 'draft' ? null : JSON.stringify({ type: 'poll', poll });
    }
    case 'live_feed.changed':
      return JSON.stringify({ type: 'feed', status: (event.payload.feed as { status: string }).status });
    default:
      return null;
  }
}

/**
 * The open overlay and phone sockets of every feed on this node, fed from the bus: an approval on any node reaches
 * every screen of that feed on every node (Redis bus), and the message is serialized once for all of them.
 * One registry per bus (`liveFeedSocketsFor`).
 */
export function createLiveFeedSockets(options: { bus: EventBus; onError?: (error: unknown) => void }) {
  const byFeed = new Map<string, Set<WebSocket>>();
  const unsubscribe = options.bus.subscribe((event) => {
    try {
      if (!event.type.startsWith('live_')) return;
      const sockets = byFeed.get(String(event.payload.feedId));
      if (!sockets) return;
      const text = describeForScreens(event);
      if (!text) return;
      // Encoded once for every socket (ws would otherwise encode the string per send), sent as a text frame.
      const message = Buffer.from(text);
      for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(message, { binary: false });
    } catch (error) {
      options.onError?.(error);
    }
  });
  return {
    attach(socket: WebSocket, feedId: string) {
      const set = byFeed.get(feedId) ?? new Set();
      set.add(socket);
      byFeed.set(feedId, set);
      socket.on('close', () => {
        set.delete(socket);
        if (set.size === 0 && byFeed.get(feedId) === set) byFeed.delete(feedId);
      });
    },
    get size() {
      let n = 0;
      for (const set of byFeed.values()) n += set.size;
      return n;
    },
    close() {
      unsubscribe();
      for (const set of byFeed.values()) for (const socket of set) socket.close(1001, 'server shutting down');
      byFeed.clear();
    },
  };
}

export type LiveFeedSockets = ReturnType<typeof createLiveFeedSockets>;

const registries = new WeakMap<EventBus, LiveFeedSockets>();

export function liveFeedSocketsFor(bus: EventBus, onError?: (error: unknown) => void): LiveFeedSockets {
  let registry = registries.get(bus);
  if (!registry) {
    registry = createLiveFeedSockets({ bus, ...(onError ? { onError } : {}) });
    registries.set(bus, registry);
  }
  return registry;
}

export function closeLiveFeedSockets(bus: EventBus) {
  registries.get(bus)?.close();
  registries.delete(bus);
}
