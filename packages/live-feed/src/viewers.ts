import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { AppError } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { checkText, describeBlock, loadBlocklistPhrases } from './blocklist.ts';
import type { LiveFeedRow } from './feeds.ts';

const v = schema.liveFeedViewers;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LiveViewer {
  id: string;
  feedId: string;
  displayName: string;
  bannedAt: Date | null;
}

/** A banned viewer may keep watching; posting and voting are refused. */
export function assertNotBanned(viewer: LiveViewer) {
  if (viewer.bannedAt) throw new AppError('forbidden', 'Not allowed', 'A moderator has stopped you from posting in this feed.');
}

/**
 * The light sign-in: a display name (and an optional email for the brand to follow up) gives an opaque token for
 * this feed only. The token is random and only its hash is stored, so it cannot be forged or guessed; the name
 * passes the same blocklist as posts, since it is shown beside them.
 */
export async function signInViewer(db: Database, feed: LiveFeedRow, input: { displayName: string; email?: string | null; ip?: string | null }) {
  if (feed.status === 'ended') throw new AppError('conflict', 'The show has ended', 'This feed has ended and no longer takes new viewers.');
  const verdict = checkText(input.displayName, { builtin: feed.builtinBlocklist, blockLinks: true, custom: await loadBlocklistPhrases(db, feed.accountId) });
  if (verdict) throw new AppError('post_blocked', 'Name refused', describeBlock('name', feed.locale));
  const token = randomBytes(32).toString('base64url');
  const [row] = await db.insert(v).values({ accountId: feed.accountId, feedId: feed.id, displayName: input.displayName.trim(), email: input.email?.trim() || null, tokenHash: hashToken(token), ip: input.ip ?? null }).returning();
  return { token, viewer: { id: row!.id, feedId: feed.id, displayName: row!.displayName, bannedAt: null } satisfies LiveViewer };
}

/** The viewer a token belongs to, on this feed; 401 for a missing, forged or other feed's token. */
export async function requireViewer(db: Database, feed: LiveFeedRow, token: string | undefined): Promise<LiveViewer> {
  const unauthenticated = new AppError('unauthenticated', 'Sign-in required', 'Enter a display name to take part.');
  if (!token || token.length > 100) throw unauthenticated;
  const [row] = await db.select({ id: v.id, feedId: v.feedId, displayName: v.displayName, bannedAt: v.bannedAt }).from(v).where(and(eq(v.tokenHash, hashToken(token)), eq(v.feedId, feed.id), eq(v.accountId, feed.accountId)));
  if (!row) throw unauthenticated;
  return row;
}
