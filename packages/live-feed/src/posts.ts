import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { AppError, notFound, validationFailed } from '@touchpoint/core';
import { type Database, type LivePostSource, type LivePostStatus, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { type BlockVerdict, checkText, describeBlock, loadBlocklistPhrases } from './blocklist.ts';
import { type LiveFeedRow, requireFeed } from './feeds.ts';
import { assertNotBanned, type LiveViewer } from './viewers.ts';

const p = schema.liveFeedPosts;

export type LivePostRow = typeof p.$inferSelect;

export const MAX_POST_TEXT = 280;
/** One to eight emoji (with their modifiers and joiners), nothing else. */
const EMOJI = /^(?:[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f\u20e3#*0-9](?:\s)?){1,24}$/u;

/** What moderators see. */
export function serializePost(row: LivePostRow) {
  return {
    id: row.id, feedId: row.feedId, source: row.source, authorName: row.authorName, text: row.text, emoji: row.emoji, photo: row.photoType !== null,
    status: row.status, blockReason: row.blockReason, pinned: row.pinned, moderatedAt: row.moderatedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(),
  };
}

export type LivePostView = ReturnType<typeof serializePost>;

/** What the overlay and the phones see: only ever an approved post, without moderation details. */
export function publicPost(post: LivePostView) {
  return { id: post.id, source: post.source, authorName: post.authorName, text: post.text, emoji: post.emoji, photo: post.photo, pinned: post.pinned, createdAt: post.createdAt };
}

export type PublicLivePost = ReturnType<typeof publicPost>;

async function rulesOf(db: Database, feed: LiveFeedRow) {
  return { builtin: feed.builtinBlocklist, blockLinks: feed.blockLinks, custom: await loadBlocklistPhrases(db, feed.accountId) };
}

function checkPost(text: string, rules: Parameters<typeof checkText>[1]): BlockVerdict | null {
  return text ? checkText(text, rules) : null;
}

async function announce(tx: Database, type: 'live_post.received' | 'live_post.approved' | 'live_post.removed' | 'live_post.pinned', row: LivePostRow, extra: Record<string, unknown> = {}) {
  await recordEvents(tx, [{ type, accountId: row.accountId, payload: { feedId: row.feedId, post: serializePost(row), ...extra }, audience: { kind: 'account' } }]);
}

export interface ViewerPostInput {
  text?: string;
  emoji?: string | null;
  photo?: { bytes: Buffer; contentType: string } | null;
}

const notLive = () => new AppError('conflict', 'The feed is not live', 'Posts open when the show goes live.');

/**
 * A viewer's post. Refused, with nothing stored, when the feed is not live, the kind is not allowed, the text or emoji
 * fail the blocklist (422 post_blocked), or the viewer is over the feed's posts per minute (429; checked under a lock
 * on the viewer so parallel posts cannot slip past it). Approved at once in automatic mode, queued in manual mode.
 */
export async function submitViewerPost(db: Database, feed: LiveFeedRow, viewer: LiveViewer, input: ViewerPostInput) {
  if (feed.status !== 'live') throw notLive();
  assertNotBanned(viewer);
  const text = (input.text ?? '').trim();
  const emoji = input.emoji?.trim() || null;
  if (!text && !emoji && !input.photo) throw validationFailed([{ path: 'text', message: 'write something, pick an emoji or add a photo' }]);
  if (text && !feed.allowedKinds.includes('text')) throw validationFailed([{ path: 'text', message: 'this feed takes no text posts' }]);
  if (emoji && !feed.allowedKinds.includes('emoji')) throw validationFailed([{ path: 'emoji', message: 'this feed takes no emoji' }]);
  if (input.photo && !feed.allowedKinds.includes('photo')) throw validationFailed([{ path: 'photo', message: 'this feed takes no photos' }]);
  if (emoji && !EMOJI.test(emoji)) throw validationFailed([{ path: 'emoji', message: 'must be emoji only' }]);
  if ([...text].length > MAX_POST_TEXT) throw validationFailed([{ path: 'text', message: `must be at most ${MAX_POST_TEXT} characters` }]);
  const verdict = checkPost(text, await rulesOf(db, feed));
  if (verdict) throw new AppError('post_blocked', 'Post refused', describeBlock(verdict, feed.locale));
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from live_feed_viewers where id = ${viewer.id} for update`);
    const since = new Date(Date.now() - 60_000);
    const [recent] = await tx.select({ n: count(), first: sql<string>`min(${p.createdAt})` }).from(p).where(and(eq(p.viewerId, viewer.id), gt(p.createdAt, since)));
    if ((recent?.n ?? 0) >= feed.postsPerMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((new Date(recent!.first).getTime() + 60_000 - Date.now()) / 1000));
      throw new AppError('rate_limited', 'Slow down', `You can post ${feed.postsPerMinute} times a minute; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
    const status: LivePostStatus = feed.moderation === 'automatic' ? 'approved' : 'pending';
    const [row] = await tx.insert(p).values({
      accountId: feed.accountId, feedId: feed.id, source: 'viewer', viewerId: viewer.id, authorName: viewer.displayName, text, emoji, photoType: input.photo?.contentType ?? null, status,
      ...(status === 'approved' ? { moderatedAt: new Date() } : {}),
    }).returning();
    if (input.photo) await tx.insert(schema.liveFeedPhotos).values({ postId: row!.id, accountId: feed.accountId, contentType: input.photo.contentType, bytes: input.photo.bytes });
    await announce(tx, 'live_post.received', row!);
    return serializePost(row!);
  });
}

export interface ImportedPostInput {
  source: Exclude<LivePostSource, 'viewer'>;
  externalId: string;
  authorName: string;
  text: string;
}

/**
 * A comment from a social channel or the import API. It passes the same blocklist, but cannot be refused back to
 * its author: a match is kept as `blocked` (never shown), so a redelivery of the same item is still recognised.
 * One post per (feed, source, external id): a replay answers `replayed` and changes nothing.
 */
export async function importPost(db: Database, feed: LiveFeedRow, input: ImportedPostInput) {
  if (feed.status !== 'live') throw notLive();
  const text = [...input.text.trim()].slice(0, MAX_POST_TEXT).join('');
  const verdict = checkPost(text, await rulesOf(db, feed));
  const status: LivePostStatus = verdict ? 'blocked' : feed.moderation === 'automatic' ? 'approved' : 'pending';
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(p).values({
      accountId: feed.accountId, feedId: feed.id, source: input.source, externalId: input.externalId, authorName: input.authorName.trim().slice(0, 80) || 'Guest', text, status,
      blockReason: verdict ? (verdict.phrase ? `${verdict.reason}: ${verdict.phrase}` : verdict.reason) : null, ...(status === 'approved' ? { moderatedAt: new Date() } : {}),
    }).onConflictDoNothing().returning();
    if (!row) {
      const [existing] = await tx.select().from(p).where(and(eq(p.feedId, feed.id), eq(p.source, input.source), eq(p.externalId, input.externalId)));
      return { post: serializePost(existing!), replayed: true };
    }
    await announce(tx, 'live_post.received', row);
    return { post: serializePost(row), replayed: false };
  });
}

async function requirePost(tx: Database, accountId: string, feedId: string, postId: string) {
  const [row] = await tx.select().from(p).where(and(eq(p.accountId, accountId), eq(p.feedId, feedId), eq(p.id, postId))).for('update');
  if (!row) throw notFound('post');
  return row;
}

export type ModerationAction = 'approve' | 'reject' | 'pin' | 'unpin';

/**
 * A moderator's decision, applied under a lock on the post so two moderators pressing keys at once settle it once:
 * approve (from pending, rejected or blocked), reject (takes an approved post off the screen), pin (approves it
 * first if needed; the feed's previous pin is released), unpin.
 */
export async function moderatePost(db: Database, accountId: string, feedId: string, postId: string, action: ModerationAction, moderatorId: string | null) {
  await requireFeed(db, accountId, feedId);
  return db.transaction(async (tx) => {
    const row = await requirePost(tx, accountId, feedId, postId);
    const at = new Date();
    const set = (values: Partial<LivePostRow>) => tx.update(p).set(values).where(eq(p.id, row.id)).returning().then((rows) => rows[0]!);
    switch (action) {
      case 'approve': {
        if (row.status === 'approved') return serializePost(row);
        const next = await set({ status: 'approved', moderatedBy: moderatorId, moderatedAt: at });
        await announce(tx, 'live_post.approved', next);
        return serializePost(next);
      }
      case 'reject': {
        if (row.status === 'rejected') return serializePost(row);
        const next = await set({ status: 'rejected', pinned: false, moderatedBy: moderatorId, moderatedAt: at });
        await announce(tx, 'live_post.removed', next, { wasShown: row.status === 'approved' });
        return serializePost(next);
      }
      case 'pin': {
        if (row.pinned) return serializePost(row);
        // One pin per feed: pins of two posts at once take turns on the feed's row instead of racing the unique index.
        await tx.select({ id: schema.liveFeeds.id }).from(schema.liveFeeds).where(eq(schema.liveFeeds.id, feedId)).for('update');
        const released = await tx.update(p).set({ pinned: false }).where(and(eq(p.feedId, feedId), eq(p.pinned, true))).returning({ id: p.id });
        const wasApproved = row.status === 'approved';
        const next = await set({ status: 'approved', pinned: true, moderatedBy: moderatorId, moderatedAt: wasApproved ? row.moderatedAt : at });
        if (!wasApproved) await announce(tx, 'live_post.approved', next);
        await announce(tx, 'live_post.pinned', next, { unpinnedId: released[0]?.id ?? null });
        return serializePost(next);
      }
      case 'unpin': {
        if (!row.pinned) return serializePost(row);
        const next = await set({ pinned: false });
        await announce(tx, 'live_post.pinned', { ...next, pinned: false }, { unpinnedId: row.id, cleared: true });
        return serializePost(next);
      }
    }
  });
}

/** The moderation queue and history: posts of the given statuses, oldest first for pending, newest first otherwise. */
export async function listPosts(db: Database, accountId: string, feedId: string, statuses: LivePostStatus[], limit = 200) {
  await requireFeed(db, accountId, feedId);
  const oldestFirst = statuses.length === 1 && statuses[0] === 'pending';
  const rows = await db.select().from(p).where(and(eq(p.accountId, accountId), eq(p.feedId, feedId), inArray(p.status, statuses)))
    .orderBy(oldestFirst ? asc(p.createdAt) : desc(p.createdAt)).limit(limit);
  const counts = await db.select({ status: p.status, n: count() }).from(p).where(and(eq(p.accountId, accountId), eq(p.feedId, feedId))).groupBy(p.status);
  const of = (status: LivePostStatus) => counts.find((row) => row.status === status)?.n ?? 0;
  return { posts: rows.map(serializePost), counts: { pending: of('pending'), approved: of('approved'), rejected: of('rejected'), blocked: of('blocked') } };
}

/** What a screen shows on arrival: the latest approved posts (newest first) and the pinned one. */
export async function listApprovedPosts(db: Database, feed: LiveFeedRow, limit = 30) {
  const rows = await db.select().from(p).where(and(eq(p.feedId, feed.id), eq(p.status, 'approved'))).orderBy(desc(p.createdAt)).limit(limit);
  const [pinned] = await db.select().from(p).where(and(eq(p.feedId, feed.id), eq(p.pinned, true)));
  return { posts: rows.map((row) => publicPost(serializePost(row))), pinned: pinned ? publicPost(serializePost(pinned)) : null };
}

/** An approved post's photo (a hidden post's photo is not served). */
export async function readPostPhoto(db: Database, feed: LiveFeedRow, postId: string, options: { moderator?: boolean } = {}) {
  const [row] = await db.select({ contentType: schema.liveFeedPhotos.contentType, bytes: schema.liveFeedPhotos.bytes, status: p.status })
    .from(schema.liveFeedPhotos).innerJoin(p, eq(p.id, schema.liveFeedPhotos.postId))
    .where(and(eq(p.feedId, feed.id), eq(p.accountId, feed.accountId), eq(p.id, postId)));
  if (!row || (!options.moderator && row.status !== 'approved')) throw notFound('photo');
  return { contentType: row.contentType, bytes: row.bytes };
}


/**
 * Bans the viewer who wrote a post from this feed: they can no longer post or vote, and every post of theirs still
 * waiting or on screen is rejected (taken off the screens). Only viewers' posts have an author to ban.
 */
export async function banPostAuthor(db: Database, accountId: string, feedId: string, postId: string, moderatorId: string | null) {
  await requireFeed(db, accountId, feedId);
  return db.transaction(async (tx) => {
    const post = await requirePost(tx, accountId, feedId, postId);
    if (!post.viewerId) throw validationFailed([{ path: 'postId', message: 'only a viewer’s post has an author who can be banned; reject social posts instead' }]);
    await tx.update(schema.liveFeedViewers).set({ bannedAt: new Date() }).where(and(eq(schema.liveFeedViewers.id, post.viewerId), eq(schema.liveFeedViewers.accountId, accountId)));
    const mine = and(eq(p.feedId, feedId), eq(p.viewerId, post.viewerId), inArray(p.status, ['pending', 'approved']));
    const shown = new Set((await tx.select({ id: p.id }).from(p).where(and(mine, eq(p.status, 'approved')))).map((row) => row.id));
    const rejected = await tx.update(p).set({ status: 'rejected', pinned: false, moderatedBy: moderatorId, moderatedAt: new Date() }).where(mine).returning();
    for (const row of rejected) await announce(tx, 'live_post.removed', row, { wasShown: shown.has(row.id) });
    return { rejected: rejected.length };
  });
}

/** Approves every post still waiting in the feed's queue (e.g. on switching to automatic mode), oldest first. */
export async function approveAllPending(db: Database, accountId: string, feedId: string, moderatorId: string | null) {
  await requireFeed(db, accountId, feedId);
  return db.transaction(async (tx) => {
    const rows = await tx.update(p).set({ status: 'approved', moderatedBy: moderatorId, moderatedAt: new Date() })
      .where(and(eq(p.accountId, accountId), eq(p.feedId, feedId), eq(p.status, 'pending'))).returning();
    rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (const row of rows) await announce(tx, 'live_post.approved', row);
    return { approved: rows.length };
  });
}
