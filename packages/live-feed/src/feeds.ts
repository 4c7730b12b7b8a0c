import { and, desc, eq } from 'drizzle-orm';
import { conflict, notFound, validationFailed } from '@touchpoint/core';
import { type Database, type LiveFeedModeration, type LiveFeedSourceKind, type LiveFeedStatus, type LivePostKind, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';

const f = schema.liveFeeds;
const s = schema.liveFeedSources;

export type LiveFeedRow = typeof f.$inferSelect;
export type LiveLocale = 'en' | 'ja' | 'zh';

export interface LiveFeedInput {
  name: string;
  slug: string;
  moderation?: LiveFeedModeration;
  postsPerMinute?: number;
  allowedKinds?: LivePostKind[];
  locale?: LiveLocale;
  builtinBlocklist?: boolean;
  blockLinks?: boolean;
}

export interface LiveFeedSourceInput {
  kind: LiveFeedSourceKind;
  inboxId?: string | null;
  postId?: string | null;
  hashtag?: string | null;
}

export const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function serializeFeed(row: LiveFeedRow) {
  return {
    id: row.id, name: row.name, slug: row.slug, status: row.status, moderation: row.moderation, postsPerMinute: row.postsPerMinute,
    allowedKinds: row.allowedKinds, locale: row.locale as LiveLocale, builtinBlocklist: row.builtinBlocklist, blockLinks: row.blockLinks,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

export type LiveFeedView = ReturnType<typeof serializeFeed>;

const serializeSource = (row: typeof s.$inferSelect) => ({ id: row.id, kind: row.kind, inboxId: row.inboxId, postId: row.postId, hashtag: row.hashtag });

/** A hashtag as stored and matched: without its '#', NFKC, lower case. */
export const normalizeHashtag = (tag: string) => tag.normalize('NFKC').replace(/^#+/, '').trim().toLowerCase();

async function announceFeed(tx: Database, row: LiveFeedRow) {
  await recordEvents(tx, [{ type: 'live_feed.changed', accountId: row.accountId, payload: { feedId: row.id, feed: serializeFeed(row) }, audience: { kind: 'account' } }]);
}

export async function requireFeed(db: Database, accountId: string, feedId: string): Promise<LiveFeedRow> {
  const [row] = await db.select().from(f).where(and(eq(f.accountId, accountId), eq(f.id, feedId)));
  if (!row) throw notFound('live feed');
  return row;
}

export async function findFeedBySlug(db: Database, accountId: string, slug: string): Promise<LiveFeedRow> {
  if (!SLUG.test(slug)) throw notFound('live feed');
  const [row] = await db.select().from(f).where(and(eq(f.accountId, accountId), eq(f.slug, slug)));
  if (!row) throw notFound('live feed');
  return row;
}

/** The feeds on air now, for a portal's "live now" card. */
export async function listLiveFeeds(db: Database, accountId: string) {
  const rows = await db.select({ name: f.name, slug: f.slug }).from(f).where(and(eq(f.accountId, accountId), eq(f.status, 'live'))).orderBy(desc(f.updatedAt)).limit(5);
  return rows;
}

export async function listFeeds(db: Database, accountId: string) {
  const rows = await db.select().from(f).where(eq(f.accountId, accountId)).orderBy(desc(f.createdAt));
  return rows.map(serializeFeed);
}

function assertKinds(kinds: LivePostKind[] | undefined) {
  if (kinds && kinds.length === 0) throw validationFailed([{ path: 'allowedKinds', message: 'allow at least one kind of post' }]);
}

export async function createFeed(db: Database, accountId: string, input: LiveFeedInput) {
  assertKinds(input.allowedKinds);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(f).values({ accountId, ...input }).onConflictDoNothing().returning();
    if (!row) throw conflict(`The address /live/…/${input.slug} is already used by another feed.`);
    await announceFeed(tx, row);
    return serializeFeed(row);
  });
}

export async function updateFeed(db: Database, accountId: string, feedId: string, input: Partial<LiveFeedInput> & { status?: LiveFeedStatus }) {
  assertKinds(input.allowedKinds);
  return db.transaction(async (tx) => {
    await requireFeed(tx, accountId, feedId);
    if (input.slug) {
      const [taken] = await tx.select({ id: f.id }).from(f).where(and(eq(f.accountId, accountId), eq(f.slug, input.slug)));
      if (taken && taken.id !== feedId) throw conflict(`The address /live/…/${input.slug} is already used by another feed.`);
    }
    const [row] = await tx.update(f).set({ ...input, updatedAt: new Date() }).where(and(eq(f.accountId, accountId), eq(f.id, feedId))).returning();
    await announceFeed(tx, row!);
    return serializeFeed(row!);
  }).catch((error: unknown) => {
    // Another feed took the slug between the check and the update.
    const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    if (code === '23505') throw conflict(`The address /live/…/${input.slug} is already used by another feed.`);
    throw error;
  });
}

export async function deleteFeed(db: Database, accountId: string, feedId: string) {
  const [row] = await db.delete(f).where(and(eq(f.accountId, accountId), eq(f.id, feedId))).returning({ id: f.id });
  if (!row) throw notFound('live feed');
}

export async function listFeedSources(db: Database, accountId: string, feedId: string) {
  await requireFeed(db, accountId, feedId);
  const rows = await db.select().from(s).where(and(eq(s.accountId, accountId), eq(s.feedId, feedId))).orderBy(s.createdAt);
  return rows.map(serializeSource);
}

/**
 * Connects a social source. Instagram/Facebook sources name an inbox of that channel (checked to be the account's);
 * a hashtag source needs the tag, and may also narrow an inbox source (only comments carrying it).
 */
export async function addFeedSource(db: Database, accountId: string, feedId: string, input: LiveFeedSourceInput) {
  await requireFeed(db, accountId, feedId);
  const hashtag = input.hashtag ? normalizeHashtag(input.hashtag) : null;
  if (input.kind === 'hashtag' && !hashtag) throw validationFailed([{ path: 'hashtag', message: 'is required for a hashtag source' }]);
  if (input.kind !== 'hashtag') {
    if (!input.inboxId) throw validationFailed([{ path: 'inboxId', message: 'is required for an Instagram or Facebook source' }]);
    const channel = input.kind === 'instagram' ? 'instagram' : 'messenger';
    const [inbox] = await db.select({ channel: schema.inboxes.channel }).from(schema.inboxes).where(and(eq(schema.inboxes.accountId, accountId), eq(schema.inboxes.id, input.inboxId)));
    if (!inbox) throw notFound('inbox');
    if (inbox.channel !== channel) throw validationFailed([{ path: 'inboxId', message: `must be a${channel === 'instagram' ? 'n Instagram' : ' Facebook Messenger'} inbox` }]);
  }
  const [row] = await db.insert(s).values({ accountId, feedId, kind: input.kind, inboxId: input.kind === 'hashtag' ? null : input.inboxId!, postId: input.postId?.trim() || null, hashtag }).returning();
  return serializeSource(row!);
}

export async function removeFeedSource(db: Database, accountId: string, feedId: string, sourceId: string) {
  const [row] = await db.delete(s).where(and(eq(s.accountId, accountId), eq(s.feedId, feedId), eq(s.id, sourceId))).returning({ id: s.id });
  if (!row) throw notFound('feed source');
}

/** The sources fed by comments arriving in this inbox. */
export async function listSourcesOfInbox(db: Database, accountId: string, inboxId: string) {
  return db.select().from(s).where(and(eq(s.accountId, accountId), eq(s.inboxId, inboxId)));
}
