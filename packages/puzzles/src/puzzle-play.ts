import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { type AccountScope, AppError, type Locale, notFound, validationFailed } from '@touchpoint/core';
import { type Database, type PuzzleDealText, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { earnPoints, issueCoupon } from '@touchpoint/rewards';
import { localDayOf } from './local-day.ts';
import { applyMoves, findInvalidMove, isSolvedArrangement, MAX_MOVES, type PuzzleMove, shufflePieces } from './puzzle-board.ts';
import { puzzleNotSolved, puzzleSessionExpired, puzzleSessionUsed } from './puzzle-errors.ts';
import { describePuzzleAccount, imageUrlOf, type PuzzleRow } from './puzzle-schedule.ts';

const pz = schema.puzzles;
const ps = schema.puzzleSessions;
const solves = schema.puzzleSolves;
type SessionRow = typeof ps.$inferSelect;
type SolveRow = typeof solves.$inferSelect;

/** How long one play stays open after it starts (it also ends with its day). */
export const PUZZLE_SESSION_TTL_MS = 2 * 60 * 60 * 1000;
/** The idempotency key of a day's deal for one customer in the points ledger. */
export const puzzleRewardReference = (puzzleId: string, contactId: string) => `puzzle:${puzzleId}:${contactId}`;

const puzzleScope = (accountId: string): AccountScope => ({ accountId, actor: { type: 'system', id: null, name: 'daily puzzle', role: 'agent' } });
const touchpoint = (puzzleId: string) => ({ kind: 'puzzle' as const, id: puzzleId });
export const pickDealText = (text: PuzzleDealText, locale: Locale) => text[locale] || text.en || '';

async function findTodaysPuzzle(db: Database, accountId: string, now: Date) {
  const account = await describePuzzleAccount(db, accountId);
  const today = localDayOf(now, account.timeZone);
  const [row] = await db.select().from(pz).where(and(eq(pz.accountId, accountId), eq(pz.day, today)));
  return { account, today, puzzle: row ?? null };
}

/** What a solve revealed: the code (with its offer) or the points, and the day's deal text. */
async function presentDeal(db: Database, puzzle: PuzzleRow, solve: SolveRow, locale: Locale) {
  const text = pickDealText(puzzle.dealText, locale);
  if (solve.couponId) {
    const [coupon] = await db.select({ code: schema.coupons.code, pool: schema.couponPools }).from(schema.coupons)
      .innerJoin(schema.couponPools, eq(schema.couponPools.id, schema.coupons.poolId))
      .where(and(eq(schema.coupons.accountId, puzzle.accountId), eq(schema.coupons.id, solve.couponId)));
    if (coupon) {
      const { pool } = coupon;
      return { kind: 'coupon' as const, text, code: coupon.code, offer: { kind: pool.kind, value: pool.value, currency: pool.currency, minSpendMinor: pool.minSpendMinor, expiresAt: pool.expiresAt?.toISOString() ?? null }, points: null };
    }
  }
  if (solve.pointsEntryId) {
    const [entry] = await db.select({ points: schema.pointsEntries.points }).from(schema.pointsEntries)
      .where(and(eq(schema.pointsEntries.accountId, puzzle.accountId), eq(schema.pointsEntries.id, solve.pointsEntryId)));
    return { kind: 'points' as const, text, code: null, offer: null, points: entry?.points ?? puzzle.points ?? 0 };
  }
  return { kind: 'missed' as const, text, code: null, offer: null, points: null };
}
export type PuzzleDealView = Awaited<ReturnType<typeof presentDeal>>;

const presentSession = (row: SessionRow) => ({
  id: row.id, gridSize: Math.round(Math.sqrt(row.shuffle.length)), arrangement: row.shuffle, startedAt: row.startedAt.toISOString(), expiresAt: row.expiresAt.toISOString(),
});

async function presentSolve(db: Database, puzzle: PuzzleRow, solve: SolveRow, locale: Locale) {
  return { seconds: solve.seconds, moves: solve.moves, solvedAt: solve.createdAt.toISOString(), deal: await presentDeal(db, puzzle, solve, locale) };
}

async function findSolve(db: Database, accountId: string, puzzleId: string, contactId: string) {
  const [row] = await db.select().from(solves).where(and(eq(solves.accountId, accountId), eq(solves.puzzleId, puzzleId), eq(solves.contactId, contactId)));
  return row ?? null;
}

async function findOpenSession(db: Database, accountId: string, puzzleId: string, contactId: string, now: Date) {
  const [row] = await db.select().from(ps)
    .where(and(eq(ps.accountId, accountId), eq(ps.puzzleId, puzzleId), eq(ps.contactId, contactId), eq(ps.status, 'playing'), gt(ps.expiresAt, now)))
    .orderBy(desc(ps.startedAt)).limit(1);
  return row ?? null;
}

/**
 * Today's puzzle for a customer (today in the account's time zone): null when the day has none; the open play to
 * resume, if any; the solve and its deal once solved. The deal itself stays hidden until a verified solve. On a day
 * without one, `nextDay` is the next day that has a puzzle (if any is scheduled).
 */
export async function getTodaysPuzzle(db: Database, accountId: string, contactId: string, locale: Locale, now = new Date()) {
  const { account, today, puzzle } = await findTodaysPuzzle(db, accountId, now);
  if (!puzzle) {
    const [next] = await db.select({ day: pz.day }).from(pz).where(and(eq(pz.accountId, accountId), gt(pz.day, today))).orderBy(asc(pz.day)).limit(1);
    return { day: today, nextDay: next?.day ?? null, puzzle: null, session: null, solved: null };
  }
  const solve = await findSolve(db, accountId, puzzle.id, contactId);
  const session = solve ? null : await findOpenSession(db, accountId, puzzle.id, contactId, now);
  return {
    day: today,
    nextDay: null,
    puzzle: { id: puzzle.id, gridSize: puzzle.gridSize, imageUrl: imageUrlOf(account.handle, puzzle), dealKind: puzzle.dealKind },
    session: session ? presentSession(session) : null,
    solved: solve ? await presentSolve(db, puzzle, solve, locale) : null,
  };
}

/**
 * Starts (or resumes) a play of today's puzzle: the server shuffles the pieces with the crypto RNG and binds the
 * shuffle to this customer and this day. A customer who has an open play gets it back (same shuffle, same clock);
 * one who has already solved today's puzzle gets 409 with nothing started.
 */
export async function startPuzzleSession(db: Database, accountId: string, contactId: string, now = new Date()) {
  const { puzzle } = await findTodaysPuzzle(db, accountId, now);
  if (!puzzle) throw notFound('puzzle for today');
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`puzzle:${puzzle.id}:${contactId}`}))`);
    if (await findSolve(tx, accountId, puzzle.id, contactId)) throw new AppError('conflict', 'Already solved', 'You have already solved today’s puzzle; come back tomorrow for a new one.');
    const open = await findOpenSession(tx, accountId, puzzle.id, contactId, now);
    if (open) return { session: presentSession(open), resumed: true };
    const [row] = await tx.insert(ps).values({
      accountId, puzzleId: puzzle.id, contactId, shuffle: shufflePieces(puzzle.gridSize * puzzle.gridSize), startedAt: now, expiresAt: new Date(now.getTime() + PUZZLE_SESSION_TTL_MS),
    }).returning();
    await recordCustomerEvents(tx, accountId, [{
      contactId, kind: 'system', name: 'puzzle.started', source: 'system', occurredAt: now, touchpoint: touchpoint(puzzle.id),
      properties: { puzzleId: puzzle.id, day: puzzle.day, sessionId: row!.id, pieces: row!.shuffle.length },
    }]);
    return { session: presentSession(row!), resumed: false };
  });
}

/** Grants the day's deal inside the solve's transaction: a code from the pool (none left → recorded as missed), or points. */
async function grantDeal(tx: Database, puzzle: PuzzleRow, contactId: string) {
  if (puzzle.dealKind === 'points') {
    const { entry } = await earnPoints(tx, puzzleScope(puzzle.accountId), { contactId, points: puzzle.points!, reason: `Daily puzzle ${puzzle.day}`, reference: puzzleRewardReference(puzzle.id, contactId) });
    return { pointsEntryId: entry.id };
  }
  try {
    const coupon = await issueCoupon(tx, puzzle.accountId, puzzle.couponPoolId!, contactId);
    return { couponId: coupon.id };
  } catch (error) {
    if (error instanceof AppError && (error.code === 'out_of_stock' || error.code === 'conflict')) return { dealMissed: error.code === 'out_of_stock' ? 'out_of_stock' : 'pool_expired' };
    throw error;
  }
}

/**
 * Verifies a play and grants the day's deal, all in one transaction. The session must be this customer's (404
 * otherwise), of today's puzzle and unexpired (410), not yet submitted (409); the moves, replayed from the
 * session's own shuffle, must complete the picture (422). Only then is the deal granted — once per customer and
 * day (a customer who already solved with another play gets that first deal back, nothing new). Time to solve is
 * the server's clock from start to this submission. Every refusal leaves everything as it was.
 */
export async function submitPuzzleSolution(db: Database, accountId: string, contactId: string, input: { sessionId: string; moves: PuzzleMove[] }, locale: Locale, now = new Date()) {
  if (input.moves.length > MAX_MOVES) throw validationFailed([{ path: 'moves', message: `must be at most ${MAX_MOVES} moves` }]);
  const account = await describePuzzleAccount(db, accountId);
  return db.transaction(async (tx) => {
    const [session] = await tx.select().from(ps).where(and(eq(ps.accountId, accountId), eq(ps.id, input.sessionId))).for('update');
    if (!session || session.contactId !== contactId) throw notFound('puzzle session');
    const [puzzle] = await tx.select().from(pz).where(and(eq(pz.accountId, accountId), eq(pz.id, session.puzzleId)));
    if (!puzzle) throw notFound('puzzle session');
    if (session.status === 'solved') throw puzzleSessionUsed();
    if (puzzle.day !== localDayOf(now, account.timeZone)) throw puzzleSessionExpired('other_day');
    if (session.expiresAt <= now) throw puzzleSessionExpired('expired');
    const invalid = findInvalidMove(input.moves, session.shuffle.length);
    if (invalid !== null) throw validationFailed([{ path: `moves.${invalid}`, message: `names a slot off the board (0–${session.shuffle.length - 1})` }]);
    if (!isSolvedArrangement(applyMoves(session.shuffle, input.moves))) throw puzzleNotSolved();

    const seconds = Math.max(0, Math.round((now.getTime() - session.startedAt.getTime()) / 1000));
    await tx.update(ps).set({ status: 'solved', solvedAt: now, moves: input.moves.length }).where(and(eq(ps.accountId, accountId), eq(ps.id, session.id)));
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`puzzle:${puzzle.id}:${contactId}`}))`);
    const earlier = await findSolve(tx, accountId, puzzle.id, contactId);
    if (earlier) return { granted: false, solved: await presentSolve(tx, puzzle, earlier, locale) };
    const grant = await grantDeal(tx, puzzle, contactId);
    const [solve] = await tx.insert(solves).values({ accountId, puzzleId: puzzle.id, contactId, sessionId: session.id, seconds, moves: input.moves.length, createdAt: now, ...grant }).returning();
    const deal = await presentDeal(tx, puzzle, solve!, locale);
    await recordCustomerEvents(tx, accountId, [{
      contactId, kind: 'system', name: 'puzzle.solved', source: 'system', occurredAt: now, touchpoint: touchpoint(puzzle.id),
      properties: { puzzleId: puzzle.id, day: puzzle.day, sessionId: session.id, seconds, moves: input.moves.length, deal: deal.kind, ...(deal.code ? { code: deal.code } : {}), ...(deal.points ? { points: deal.points } : {}) },
    }]);
    return { granted: true, solved: { seconds, moves: input.moves.length, solvedAt: now.toISOString(), deal } };
  });
}
