/* Tables of the puzzles domain (issue 8): the daily puzzle, its images, play sessions and solves. Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, id, updatedAt } from './schema-columns.ts';
import { users } from './schema.ts';
import { couponPools, coupons, pointsEntries } from './schema-rewards.ts';

export type PuzzleDealKind = 'coupon' | 'points';
export type PuzzleSessionStatus = 'playing' | 'solved';
/** A deal's text per language (en, ja, zh); a missing language falls back to English. */
export type PuzzleDealText = Partial<Record<'en' | 'ja' | 'zh', string>>;

/**
 * Uploaded puzzle pictures. Public once uploaded (the portal and the console show them) at an unguessable id; the
 * bytes live in the file store under `puzzles/`, away from conversation attachments and their sweeping.
 */
export const puzzleImages = pgTable('puzzle_images', {
  id: id(),
  accountId: accountRef(),
  fileName: text('file_name').notNull(),
  /** image/png | image/jpeg | image/webp, as read from the file's first bytes. */
  contentType: text('content_type').notNull(),
  byteSize: integer('byte_size').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [index('puzzle_images_account_idx').on(t.accountId, t.createdAt)]);

/**
 * One puzzle per account and day (`day` is a date in the account's time zone). The picture is either a built-in one
 * (`builtinImage`, a key of the built-in set) or an upload (`imageId`), never both. The deal is a code from a coupon
 * pool or a number of points, granted once per customer per day after the server has verified a solution.
 */
export const puzzles = pgTable('puzzles', {
  id: id(),
  accountId: accountRef(),
  day: date('day', { mode: 'string' }).notNull(),
  builtinImage: text('builtin_image'),
  imageId: uuid('image_id').references(() => puzzleImages.id, { onDelete: 'restrict' }),
  /** Pieces per side: the puzzle has gridSize × gridSize pieces. */
  gridSize: integer('grid_size').notNull(),
  dealKind: text('deal_kind').$type<PuzzleDealKind>().notNull(),
  couponPoolId: uuid('coupon_pool_id').references(() => couponPools.id, { onDelete: 'restrict' }),
  points: integer('points'),
  dealText: jsonb('deal_text').$type<PuzzleDealText>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('puzzles_account_day_key').on(t.accountId, t.day),
  check('puzzles_grid_size_check', sql`${t.gridSize} BETWEEN 3 AND 6`),
  check('puzzles_image_check', sql`(${t.builtinImage} IS NULL) <> (${t.imageId} IS NULL)`),
  check('puzzles_deal_check', sql`(${t.dealKind} = 'coupon' AND ${t.couponPoolId} IS NOT NULL AND ${t.points} IS NULL) OR (${t.dealKind} = 'points' AND ${t.couponPoolId} IS NULL AND ${t.points} > 0)`),
]);

/**
 * One play: the server's shuffle (`shuffle[slot]` = the piece shown in that slot at the start) bound to a customer
 * and the puzzle's day. Submitted once: `playing` → `solved` under a row lock, so a session never grants twice.
 */
export const puzzleSessions = pgTable('puzzle_sessions', {
  id: id(),
  accountId: accountRef(),
  puzzleId: uuid('puzzle_id').notNull().references(() => puzzles.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull(),
  shuffle: jsonb('shuffle').$type<number[]>().notNull(),
  status: text('status').$type<PuzzleSessionStatus>().notNull().default('playing'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  /** Refused submissions of this session (wrong arrangement); the session stays open for the honest player. */
  failedAttempts: integer('failed_attempts').notNull().default(0),
  moves: integer('moves'),
  solvedAt: timestamp('solved_at', { withTimezone: true }),
}, (t) => [
  index('puzzle_sessions_puzzle_idx').on(t.accountId, t.puzzleId, t.contactId),
  check('puzzle_sessions_status_check', sql`${t.status} IN ('playing', 'solved')`),
]);

/** The first verified solve of a customer for a day's puzzle, and the deal it granted: one row per puzzle and contact. */
export const puzzleSolves = pgTable('puzzle_solves', {
  id: id(),
  accountId: accountRef(),
  puzzleId: uuid('puzzle_id').notNull().references(() => puzzles.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull(),
  sessionId: uuid('session_id').notNull().references(() => puzzleSessions.id, { onDelete: 'cascade' }),
  seconds: integer('seconds').notNull(),
  moves: integer('moves').notNull(),
  couponId: uuid('coupon_id').references(() => coupons.id, { onDelete: 'set null' }),
  pointsEntryId: uuid('points_entry_id').references(() => pointsEntries.id, { onDelete: 'set null' }),
  /** Set when the pool had no code left at the solve: the customer is told, the solve still counts. */
  dealMissed: text('deal_missed'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('puzzle_solves_puzzle_contact_key').on(t.puzzleId, t.contactId),
  index('puzzle_solves_account_idx').on(t.accountId, t.puzzleId, t.createdAt),
]);
