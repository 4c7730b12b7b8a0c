/* Tables of the live-feed domain (issue 8): feeds, their social sources, viewers, posts, photos, blocked phrases, polls and votes. Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, id, updatedAt } from './schema-columns.ts';

export type LiveFeedStatus = 'scheduled' | 'live' | 'ended';
export type LiveFeedModeration = 'automatic' | 'manual';
export type LivePostKind = 'text' | 'emoji' | 'photo';
export type LivePostSource = 'viewer' | 'instagram' | 'facebook' | 'hashtag';
export type LivePostStatus = 'pending' | 'approved' | 'rejected' | 'blocked';
export type LiveFeedSourceKind = 'instagram' | 'facebook' | 'hashtag';
export type LivePollStatus = 'draft' | 'open' | 'closed';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** A show's or event's feed, public at `/live/<handle>/<slug>`. `postsPerMinute` is each viewer's limit. */
export const liveFeeds = pgTable('live_feeds', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  status: text('status').$type<LiveFeedStatus>().notNull().default('scheduled'),
  moderation: text('moderation').$type<LiveFeedModeration>().notNull().default('manual'),
  postsPerMinute: integer('posts_per_minute').notNull().default(3),
  allowedKinds: text('allowed_kinds').array().$type<LivePostKind[]>().notNull().default(sql`'{text,emoji,photo}'::text[]`),
  locale: text('locale').notNull().default('en'),
  builtinBlocklist: boolean('builtin_blocklist').notNull().default(true),
  blockLinks: boolean('block_links').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('live_feeds_account_slug_key').on(t.accountId, t.slug),
  check('live_feeds_status_check', sql`${t.status} IN ('scheduled', 'live', 'ended')`),
  check('live_feeds_moderation_check', sql`${t.moderation} IN ('automatic', 'manual')`),
]);

/**
 * A social source connected to a feed: comments arriving in a Messenger/Instagram inbox (optionally only those on
 * one post, or only those carrying a hashtag) are copied into the feed; `hashtag` sources take the import API too.
 */
export const liveFeedSources = pgTable('live_feed_sources', {
  id: id(),
  accountId: accountRef(),
  feedId: uuid('feed_id').notNull().references(() => liveFeeds.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<LiveFeedSourceKind>().notNull(),
  inboxId: uuid('inbox_id'),
  postId: text('post_id'),
  hashtag: text('hashtag'),
  createdAt: createdAt(),
}, (t) => [
  index('live_feed_sources_inbox_idx').on(t.accountId, t.inboxId),
  index('live_feed_sources_feed_idx').on(t.feedId),
  check('live_feed_sources_kind_check', sql`${t.kind} IN ('instagram', 'facebook', 'hashtag')`),
]);

/** A viewer's light sign-in on one feed: the token is given once, only its SHA-256 is kept. */
export const liveFeedViewers = pgTable('live_feed_viewers', {
  id: id(),
  accountId: accountRef(),
  feedId: uuid('feed_id').notNull().references(() => liveFeeds.id, { onDelete: 'cascade' }),
  displayName: text('display_name').notNull(),
  email: text('email'),
  tokenHash: text('token_hash').notNull(),
  ip: text('ip'),
  /** Set when a moderator bans the viewer: they can still watch, never post or vote again in this feed. */
  bannedAt: timestamp('banned_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('live_feed_viewers_token_key').on(t.tokenHash),
  index('live_feed_viewers_feed_idx').on(t.feedId, t.createdAt),
]);

/**
 * One post. `externalId` is the source's id (a comment id, an import's key): one post per source item, so a
 * redelivered webhook or a retried import adds nothing. `blocked` posts matched the blocklist and are never shown.
 */
export const liveFeedPosts = pgTable('live_feed_posts', {
  id: id(),
  accountId: accountRef(),
  feedId: uuid('feed_id').notNull().references(() => liveFeeds.id, { onDelete: 'cascade' }),
  source: text('source').$type<LivePostSource>().notNull(),
  externalId: text('external_id'),
  viewerId: uuid('viewer_id'),
  authorName: text('author_name').notNull(),
  text: text('text').notNull().default(''),
  emoji: text('emoji'),
  photoType: text('photo_type'),
  status: text('status').$type<LivePostStatus>().notNull(),
  blockReason: text('block_reason'),
  pinned: boolean('pinned').notNull().default(false),
  moderatedBy: uuid('moderated_by'),
  moderatedAt: timestamp('moderated_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('live_feed_posts_external_key').on(t.feedId, t.source, t.externalId).where(sql`external_id is not null`),
  index('live_feed_posts_feed_status_idx').on(t.feedId, t.status, t.createdAt),
  index('live_feed_posts_viewer_idx').on(t.viewerId, t.createdAt),
  uniqueIndex('live_feed_posts_one_pinned_key').on(t.feedId).where(sql`pinned`),
  check('live_feed_posts_source_check', sql`${t.source} IN ('viewer', 'instagram', 'facebook', 'hashtag')`),
  check('live_feed_posts_status_check', sql`${t.status} IN ('pending', 'approved', 'rejected', 'blocked')`),
]);

/** A post's photo: the bytes, checked by their signature (never by the name or the declared type). */
export const liveFeedPhotos = pgTable('live_feed_photos', {
  postId: uuid('post_id').primaryKey().references(() => liveFeedPosts.id, { onDelete: 'cascade' }),
  accountId: accountRef(),
  contentType: text('content_type').notNull(),
  bytes: bytea('bytes').notNull(),
});

/** The account's own blocked phrases, on top of the built-in lists; `normalized` is what is matched. */
export const liveFeedBlockedPhrases = pgTable('live_feed_blocked_phrases', {
  id: id(),
  accountId: accountRef(),
  phrase: text('phrase').notNull(),
  normalized: text('normalized').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('live_feed_blocked_phrases_key').on(t.accountId, t.normalized)]);

/** A poll during the show: 2–6 options `{ id, label }`; at most one open per feed. */
export const liveFeedPolls = pgTable('live_feed_polls', {
  id: id(),
  accountId: accountRef(),
  feedId: uuid('feed_id').notNull().references(() => liveFeeds.id, { onDelete: 'cascade' }),
  question: text('question').notNull(),
  options: jsonb('options').$type<{ id: string; label: string }[]>().notNull(),
  status: text('status').$type<LivePollStatus>().notNull().default('draft'),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('live_feed_polls_feed_idx').on(t.feedId, t.createdAt),
  uniqueIndex('live_feed_polls_one_open_key').on(t.feedId).where(sql`status = 'open'`),
  check('live_feed_polls_status_check', sql`${t.status} IN ('draft', 'open', 'closed')`),
]);

/** One vote per viewer per poll (the unique key decides a race). */
export const liveFeedVotes = pgTable('live_feed_votes', {
  id: id(),
  accountId: accountRef(),
  pollId: uuid('poll_id').notNull().references(() => liveFeedPolls.id, { onDelete: 'cascade' }),
  viewerId: uuid('viewer_id').notNull().references(() => liveFeedViewers.id, { onDelete: 'cascade' }),
  optionId: text('option_id').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('live_feed_votes_one_key').on(t.pollId, t.viewerId)]);
