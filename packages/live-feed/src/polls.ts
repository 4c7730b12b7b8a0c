import { and, count, desc, eq, ne } from 'drizzle-orm';
import { AppError, conflict, notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { type LiveFeedRow, requireFeed } from './feeds.ts';
import { assertNotBanned, type LiveViewer } from './viewers.ts';

const pl = schema.liveFeedPolls;
const vt = schema.liveFeedVotes;

type PollRow = typeof pl.$inferSelect;

const OPTION_IDS = ['a', 'b', 'c', 'd', 'e', 'f'];

async function resultsOf(db: Database, poll: PollRow) {
  const rows = await db.select({ optionId: vt.optionId, n: count() }).from(vt).where(eq(vt.pollId, poll.id)).groupBy(vt.optionId);
  const options = poll.options.map((option) => ({ ...option, votes: rows.find((row) => row.optionId === option.id)?.n ?? 0 }));
  return {
    id: poll.id, feedId: poll.feedId, question: poll.question, status: poll.status, options, total: options.reduce((sum, option) => sum + option.votes, 0),
    openedAt: poll.openedAt?.toISOString() ?? null, closedAt: poll.closedAt?.toISOString() ?? null, createdAt: poll.createdAt.toISOString(),
  };
}

export type LivePollView = Awaited<ReturnType<typeof resultsOf>>;

async function announcePoll(tx: Database, poll: PollRow) {
  const results = await resultsOf(tx, poll);
  await recordEvents(tx, [{ type: 'live_poll.changed', accountId: poll.accountId, payload: { feedId: poll.feedId, poll: results }, audience: { kind: 'account' } }]);
  return results;
}

async function requirePoll(db: Database, accountId: string, feedId: string, pollId: string) {
  const [row] = await db.select().from(pl).where(and(eq(pl.accountId, accountId), eq(pl.feedId, feedId), eq(pl.id, pollId)));
  if (!row) throw notFound('poll');
  return row;
}

export async function createPoll(db: Database, accountId: string, feedId: string, input: { question: string; options: string[] }) {
  await requireFeed(db, accountId, feedId);
  const options = input.options.map((label, index) => ({ id: OPTION_IDS[index]!, label: label.trim() }));
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(pl).values({ accountId, feedId, question: input.question.trim(), options }).returning();
    return announcePoll(tx, row!);
  });
}

export async function listPolls(db: Database, accountId: string, feedId: string) {
  await requireFeed(db, accountId, feedId);
  const rows = await db.select().from(pl).where(and(eq(pl.accountId, accountId), eq(pl.feedId, feedId))).orderBy(desc(pl.createdAt));
  return Promise.all(rows.map((row) => resultsOf(db, row)));
}

export async function getPollResults(db: Database, accountId: string, feedId: string, pollId: string) {
  return resultsOf(db, await requirePoll(db, accountId, feedId, pollId));
}

/** Opens a poll (closing the one open before it: one poll on screen at a time) or closes it. Votes are kept. */
export async function setPollStatus(db: Database, accountId: string, feedId: string, pollId: string, status: 'open' | 'closed') {
  await requirePoll(db, accountId, feedId, pollId);
  return db.transaction(async (tx) => {
    const [poll] = await tx.select().from(pl).where(eq(pl.id, pollId)).for('update');
    if (poll!.status === status) return resultsOf(tx, poll!);
    if (status === 'open') {
      // Two polls opened at once take turns on the feed's row instead of racing the one-open-poll unique index.
      await tx.select({ id: schema.liveFeeds.id }).from(schema.liveFeeds).where(eq(schema.liveFeeds.id, feedId)).for('update');
      if (poll!.status === 'closed') throw conflict('A closed poll cannot be opened again; create a new one.');
      const closed = await tx.update(pl).set({ status: 'closed', closedAt: new Date() }).where(and(eq(pl.feedId, feedId), eq(pl.status, 'open'), ne(pl.id, pollId))).returning();
      for (const other of closed) await announcePoll(tx, other);
    }
    const [next] = await tx.update(pl).set(status === 'open' ? { status, openedAt: new Date() } : { status, closedAt: new Date() }).where(eq(pl.id, pollId)).returning();
    return announcePoll(tx, next!);
  });
}

/** The feed's poll on screen: the open one, else the last closed one (its final results). */
export async function findCurrentPoll(db: Database, feed: LiveFeedRow) {
  const [row] = await db.select().from(pl).where(and(eq(pl.feedId, feed.id), ne(pl.status, 'draft'))).orderBy(desc(pl.openedAt)).limit(1);
  return row ? resultsOf(db, row) : null;
}

/**
 * One vote per viewer per poll, decided by the unique key (two taps at once count once): a second vote answers 409
 * and the first stands. Only an open poll of this feed takes votes.
 */
export async function castVote(db: Database, feed: LiveFeedRow, viewer: LiveViewer, pollId: string, optionId: string) {
  assertNotBanned(viewer);
  const poll = await requirePoll(db, feed.accountId, feed.id, pollId);
  if (poll.status !== 'open') throw new AppError('conflict', 'Voting is closed', 'This poll is not open for votes.');
  if (!poll.options.some((option) => option.id === optionId)) throw notFound('poll option');
  return db.transaction(async (tx) => {
    // Read under a share lock: a vote racing the moderator's close either lands before it or is refused.
    const [locked] = await tx.select({ status: pl.status }).from(pl).where(eq(pl.id, pollId)).for('share');
    if (locked?.status !== 'open') throw new AppError('conflict', 'Voting is closed', 'This poll is not open for votes.');
    const [row] = await tx.insert(vt).values({ accountId: feed.accountId, pollId, viewerId: viewer.id, optionId }).onConflictDoNothing().returning();
    if (!row) throw new AppError('conflict', 'Already voted', 'You have already voted in this poll.');
    return announcePoll(tx, poll);
  });
}

/** Which option this viewer chose, if any. */
export async function findViewerVote(db: Database, pollId: string, viewerId: string) {
  const [row] = await db.select({ optionId: vt.optionId }).from(vt).where(and(eq(vt.pollId, pollId), eq(vt.viewerId, viewerId)));
  return row?.optionId ?? null;
}
