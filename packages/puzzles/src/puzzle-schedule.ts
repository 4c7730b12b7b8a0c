import { and, asc, count, eq, gte, lte } from 'drizzle-orm';
import { type AccountScope, conflict, notFound, validationFailed } from '@touchpoint/core';
import { type Database, type PuzzleDealText, schema } from '@touchpoint/db';
import { requireCouponPool } from '@touchpoint/rewards';
import { type BuiltinImage, isBuiltinImage } from './builtin-images.ts';
import { addDays, isValidDay, localDayOf } from './local-day.ts';
import { MAX_GRID_SIZE, MIN_GRID_SIZE } from './puzzle-board.ts';
import { builtinImagePath, puzzleImagePath, requirePuzzleImage } from './puzzle-images.ts';

const pz = schema.puzzles;
export type PuzzleRow = typeof pz.$inferSelect;

export type PuzzleImageChoice = { kind: 'builtin'; key: BuiltinImage } | { kind: 'upload'; imageId: string };
export type PuzzleDeal = { kind: 'coupon'; poolId: string } | { kind: 'points'; points: number };

export interface PuzzleDayInput {
  image: PuzzleImageChoice;
  gridSize: number;
  deal: PuzzleDeal;
  /** English is required (the fallback of every language); Japanese and Chinese are optional. */
  dealText: PuzzleDealText;
}

/** The account's handle (for picture URLs) and time zone (the series' calendar). */
export async function describePuzzleAccount(db: Database, accountId: string) {
  const [account] = await db.select({ handle: schema.accounts.handle, timeZone: schema.accounts.timeZone }).from(schema.accounts).where(eq(schema.accounts.id, accountId));
  if (!account) throw notFound('account');
  return account;
}

export const imageUrlOf = (handle: string, row: PuzzleRow) => (row.imageId ? puzzleImagePath(handle, row.imageId) : builtinImagePath(handle, row.builtinImage!));

export function serializePuzzle(handle: string, row: PuzzleRow) {
  return {
    id: row.id, day: row.day, gridSize: row.gridSize, imageUrl: imageUrlOf(handle, row),
    image: row.imageId ? { kind: 'upload' as const, imageId: row.imageId } : { kind: 'builtin' as const, key: row.builtinImage as BuiltinImage },
    deal: row.dealKind === 'coupon' ? { kind: 'coupon' as const, poolId: row.couponPoolId! } : { kind: 'points' as const, points: row.points! },
    dealText: row.dealText, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}
export type PuzzleView = ReturnType<typeof serializePuzzle>;

/** Days of the account's calendar from `from` to `to` (inclusive) with their puzzle or null, and which day is today. */
export async function listPuzzleSchedule(db: Database, accountId: string, range: { from?: string; to?: string } = {}, now = new Date()) {
  const account = await describePuzzleAccount(db, accountId);
  const today = localDayOf(now, account.timeZone);
  const from = range.from ?? addDays(today, -7);
  const to = range.to ?? addDays(today, 21);
  if (!isValidDay(from) || !isValidDay(to)) throw validationFailed([{ path: 'from', message: 'must be a date, YYYY-MM-DD' }]);
  if (to < from || addDays(from, 366) < to) throw validationFailed([{ path: 'to', message: 'must be on or after from, within a year' }]);
  const rows = await db.select().from(pz).where(and(eq(pz.accountId, accountId), gte(pz.day, from), lte(pz.day, to))).orderBy(asc(pz.day));
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const days = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const row = byDay.get(day);
    days.push({ day, puzzle: row ? serializePuzzle(account.handle, row) : null });
  }
  return { today, timeZone: account.timeZone, days };
}

export async function getPuzzleDay(db: Database, accountId: string, day: string) {
  if (!isValidDay(day)) throw notFound('puzzle');
  const account = await describePuzzleAccount(db, accountId);
  const [row] = await db.select().from(pz).where(and(eq(pz.accountId, accountId), eq(pz.day, day)));
  if (!row) throw notFound('puzzle');
  return serializePuzzle(account.handle, row);
}

async function assertDayInput(db: Database, accountId: string, input: PuzzleDayInput) {
  if (!Number.isInteger(input.gridSize) || input.gridSize < MIN_GRID_SIZE || input.gridSize > MAX_GRID_SIZE) {
    throw validationFailed([{ path: 'gridSize', message: `must be from ${MIN_GRID_SIZE} to ${MAX_GRID_SIZE}` }]);
  }
  if (!input.dealText.en?.trim()) throw validationFailed([{ path: 'dealText.en', message: 'the English text is required (other languages fall back to it)' }]);
  if (input.image.kind === 'builtin' && !isBuiltinImage(input.image.key)) throw validationFailed([{ path: 'image.key', message: 'is not a built-in picture' }]);
  if (input.image.kind === 'upload') await requirePuzzleImage(db, accountId, input.image.imageId);
  if (input.deal.kind === 'coupon') await requireCouponPool(db, accountId, input.deal.poolId);
  if (input.deal.kind === 'points' && (!Number.isInteger(input.deal.points) || input.deal.points < 1)) throw validationFailed([{ path: 'deal.points', message: 'must be a whole number of at least 1' }]);
}

/**
 * Creates or replaces the puzzle of a day (today or later in the account's time zone; a past day is history and
 * stays as it was). Sessions already started keep their own shuffle, so a grid change applies to new plays only.
 */
export async function savePuzzleDay(db: Database, scope: AccountScope, day: string, input: PuzzleDayInput, now = new Date()) {
  if (!isValidDay(day)) throw validationFailed([{ path: 'day', message: 'must be a date, YYYY-MM-DD' }]);
  const account = await describePuzzleAccount(db, scope.accountId);
  if (day < localDayOf(now, account.timeZone)) throw conflict('This day is over; its puzzle can no longer be changed.');
  await assertDayInput(db, scope.accountId, input);
  const dealText = Object.fromEntries(Object.entries(input.dealText).map(([lang, text]) => [lang, String(text ?? '').trim()]).filter(([, text]) => text)) as PuzzleDealText;
  const values = {
    builtinImage: input.image.kind === 'builtin' ? input.image.key : null,
    imageId: input.image.kind === 'upload' ? input.image.imageId : null,
    gridSize: input.gridSize,
    dealKind: input.deal.kind,
    couponPoolId: input.deal.kind === 'coupon' ? input.deal.poolId : null,
    points: input.deal.kind === 'points' ? input.deal.points : null,
    dealText,
  };
  const [row] = await db.insert(pz).values({ accountId: scope.accountId, day, ...values })
    .onConflictDoUpdate({ target: [pz.accountId, pz.day], set: { ...values, updatedAt: now } }).returning();
  return serializePuzzle(account.handle, row!);
}

/** Removes a day's puzzle; refused once someone has solved it (the solve and its deal are history). */
export async function deletePuzzleDay(db: Database, accountId: string, day: string) {
  if (!isValidDay(day)) throw notFound('puzzle');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(pz).where(and(eq(pz.accountId, accountId), eq(pz.day, day))).for('update');
    if (!row) throw notFound('puzzle');
    const [solved] = await tx.select({ n: count() }).from(schema.puzzleSolves).where(and(eq(schema.puzzleSolves.accountId, accountId), eq(schema.puzzleSolves.puzzleId, row.id)));
    if ((solved?.n ?? 0) > 0) throw conflict('Customers have solved this puzzle; it stays as the record of the deals they got.');
    await tx.delete(pz).where(and(eq(pz.accountId, accountId), eq(pz.id, row.id)));
  });
}
