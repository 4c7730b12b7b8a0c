import { and, eq, inArray } from 'drizzle-orm';
import type { PublishedEvent } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import type { EventSink } from '@touchpoint/events';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { listSourcesOfInbox, normalizeHashtag } from './feeds.ts';
import { importPost } from './posts.ts';

interface CommentMessage {
  direction?: unknown;
  body?: unknown;
  authorName?: unknown;
  channelData?: { comment?: { commentId?: unknown; postId?: unknown } } | null;
}

/** The hashtags in a text, normalized like the sources' (NFKC, lower case, without '#'; full-width '＃' counts). */
export function hashtagsOf(text: string): Set<string> {
  return new Set([...text.normalize('NFKC').matchAll(/#([\p{L}\p{N}_]+)/gu)].map((match) => normalizeHashtag(match[1]!)));
}

async function contactOfConversation(tx: Database, accountId: string, conversationId: unknown): Promise<string | null> {
  if (typeof conversationId !== 'string') return null;
  const [row] = await tx.select({ contactId: schema.conversations.contactId }).from(schema.conversations)
    .where(and(eq(schema.conversations.accountId, accountId), eq(schema.conversations.id, conversationId)));
  return row?.contactId ?? null;
}

async function copyComment(tx: Database, event: PublishedEvent) {
  const message = event.payload.message as CommentMessage | undefined;
  const comment = message?.channelData?.comment;
  if (!message || message.direction !== 'inbound' || !comment || typeof comment.commentId !== 'string') return;
  if (event.audience.kind !== 'inbox') return;
  const sources = await listSourcesOfInbox(tx, event.accountId, event.audience.inboxId);
  if (sources.length === 0) return;
  const text = typeof message.body === 'string' ? message.body : '';
  const tags = hashtagsOf(text);
  const matching = sources.filter((source) => (!source.postId || source.postId === comment.postId) && (!source.hashtag || tags.has(source.hashtag)));
  const feedIds = [...new Set(matching.map((source) => source.feedId))];
  if (feedIds.length === 0) return;
  const feeds = await tx.select().from(schema.liveFeeds).where(and(eq(schema.liveFeeds.accountId, event.accountId), inArray(schema.liveFeeds.id, feedIds), eq(schema.liveFeeds.status, 'live')));
  const contactId = await contactOfConversation(tx, event.accountId, event.payload.conversationId);
  for (const feed of feeds) {
    const source = matching.find((candidate) => candidate.feedId === feed.id)!;
    const { post, replayed } = await importPost(tx, feed, {
      source: source.kind === 'instagram' ? 'instagram' : 'facebook', externalId: comment.commentId, authorName: typeof message.authorName === 'string' ? message.authorName : 'Guest', text,
    });
    // The commenter is a known contact (the inbox made one): the post goes on their timeline, once.
    if (!replayed && contactId) {
      await recordCustomerEvents(tx, event.accountId, [{
        contactId, kind: 'system', name: 'feed.posted', source: 'system', messageId: `feed.posted:${post.id}`,
        properties: { feedId: feed.id, feedName: feed.name, postId: post.id, source: post.source, status: post.status },
      }]);
    }
  }
}

/**
 * An outbox sink: a comment that arrives in a Messenger or Instagram inbox (through the signed Meta webhook, unchanged)
 * is copied into every live feed connected to that inbox, when it is on the connected post and carries the connected
 * hashtag (if set). The copy passes the feed's blocklist and moderation like any post; the comment id keys it, so a
 * replayed event adds nothing. The receiver and the inbox conversation are not touched.
 */
export function createLiveFeedSocialSink(options: { onError?: (error: unknown, event: PublishedEvent) => void } = {}): EventSink {
  return async (tx, events) => {
    for (const event of events) {
      if (event.type !== 'message.created') continue;
      try {
        await tx.transaction((inner) => copyComment(inner, event));
      } catch (error) {
        options.onError?.(error, event);
      }
    }
  };
}
