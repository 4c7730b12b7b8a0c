import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { AppError, type AccountScope, conflict, notFound } from '@touchpoint/core';
import { type Database, type PointsEntryKind, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';

const e = schema.pointsEntries;
type EntryRow = typeof e.$inferSelect;

export interface PointsInput {
  contactId: string;
  /** A positive whole number; spending records it negative. */
  points: number;
  reason: string;
  /** The caller's idempotency key, unique in the account: the same reference twice records one entry. */
  reference: string;
  /** When earned points lapse (`expireDuePoints`); earn only. */
  expiresAt?: Date | null;
}

export const insufficientPoints = (balance: number, wanted: number) =>
  new AppError('insufficient_points', 'Not enough points', `The balance is ${balance} points; ${wanted} are needed.`);
const alreadySettled = () => new AppError('already_settled', 'Entry already settled', 'This entry has already been reversed or has expired.');

export function serializeEntry(row: EntryRow) {
  return {
    id: row.id, contactId: row.contactId, kind: row.kind, points: row.points, balanceAfter: row.balanceAfter, reason: row.reason, reference: row.reference,
    reversesEntryId: row.reversesEntryId, expiresAt: row.expiresAt?.toISOString() ?? null, actor: row.actor, createdAt: row.createdAt.toISOString(),
  };
}

const actorOf = (scope: AccountScope) => `${scope.actor.type}:${scope.actor.id ?? scope.actor.name}`;

/** Every change to one contact's points runs under this lock, so a balance read and the entry written from it cannot interleave. */
const lockContactPoints = (tx: Database, accountId: string, contactId: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`points:${accountId}:${contactId}`}))`);

async function readBalance(tx: Database, accountId: string, contactId: string) {
  const [row] = await tx.select({ balance: sql<number>`coalesce(sum(${e.points}), 0)::int` }).from(e).where(and(eq(e.accountId, accountId), eq(e.contactId, contactId)));
  return row?.balance ?? 0;
}

export async function getPointsBalance(db: Database, accountId: string, contactId: string) {
  return readBalance(db, accountId, contactId);
}

/** The balance and the entries, newest first (at most `limit`). */
export async function listPointsEntries(db: Database, accountId: string, contactId: string, limit = 100) {
  const rows = await db.select().from(e).where(and(eq(e.accountId, accountId), eq(e.contactId, contactId))).orderBy(desc(e.createdAt), desc(e.id)).limit(limit);
  return { balance: await readBalance(db, accountId, contactId), entries: rows.map(serializeEntry) };
}

/** An entry already recorded under this reference: replayed when it is the same request, a conflict otherwise. */
async function findReplay(tx: Database, accountId: string, input: { reference: string; contactId: string; kind: PointsEntryKind; points: number }) {
  const [existing] = await tx.select().from(e).where(and(eq(e.accountId, accountId), eq(e.reference, input.reference)));
  if (!existing) return null;
  if (existing.contactId !== input.contactId || existing.kind !== input.kind || existing.points !== input.points) {
    throw conflict(`The reference "${input.reference}" is already used by another points entry.`);
  }
  return existing;
}

/**
 * Adds one entry for an earn or a spend. Serialised per contact (advisory lock), idempotent on `reference`
 * (a replay answers the first entry, `replayed: true`), refused when a spend would take the balance below zero.
 */
async function recordPoints(db: Database, scope: AccountScope, kind: 'earn' | 'spend', input: PointsInput) {
  const points = kind === 'earn' ? input.points : -input.points;
  return db.transaction(async (tx) => {
    // The reference first, then the contact (always this order): a reference reused for two contacts at once is a replay check, not a unique violation.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`points-ref:${scope.accountId}:${input.reference}`}))`);
    await lockContactPoints(tx, scope.accountId, input.contactId);
    const replay = await findReplay(tx, scope.accountId, { reference: input.reference, contactId: input.contactId, kind, points });
    if (replay) return { entry: serializeEntry(replay), replayed: true };
    const balance = await readBalance(tx, scope.accountId, input.contactId);
    if (balance + points < 0) throw insufficientPoints(balance, input.points);
    const now = new Date();
    const [row] = await tx.insert(e).values({
      accountId: scope.accountId, contactId: input.contactId, kind, points, balanceAfter: balance + points, reason: input.reason, reference: input.reference,
      expiresAt: kind === 'earn' ? (input.expiresAt ?? null) : null, actor: actorOf(scope), createdAt: now,
    }).returning();
    await recordCustomerEvents(tx, scope.accountId, [{
      contactId: input.contactId, kind: 'system', name: kind === 'earn' ? 'points.earned' : 'points.spent', source: 'system', occurredAt: now, touchpoint: null,
      properties: { entryId: row!.id, points: input.points, balance: row!.balanceAfter, reason: input.reason, reference: input.reference },
    }]);
    return { entry: serializeEntry(row!), replayed: false };
  });
}

export const earnPoints = (db: Database, scope: AccountScope, input: PointsInput) => recordPoints(db, scope, 'earn', input);
export const spendPoints = (db: Database, scope: AccountScope, input: Omit<PointsInput, 'expiresAt'>) => recordPoints(db, scope, 'spend', input);

/**
 * Undoes an earn or a spend with an opposite entry, once: a second reverse (or a reverse of an earn that has
 * expired) is 409 `already_settled`, enforced by the unique index on `reverses_entry_id`. Reversing an earn whose
 * points were already spent is refused like a spend.
 */
export async function reversePointsEntry(db: Database, scope: AccountScope, entryId: string, reason = '') {
  const [target] = await db.select().from(e).where(and(eq(e.accountId, scope.accountId), eq(e.id, entryId)));
  if (!target) throw notFound('points entry');
  if (target.kind !== 'earn' && target.kind !== 'spend') throw conflict('Only earn and spend entries can be reversed.');
  return db.transaction(async (tx) => {
    await lockContactPoints(tx, scope.accountId, target.contactId);
    const [settled] = await tx.select({ id: e.id }).from(e).where(and(eq(e.accountId, scope.accountId), eq(e.reversesEntryId, target.id)));
    if (settled) throw alreadySettled();
    const balance = await readBalance(tx, scope.accountId, target.contactId);
    if (balance - target.points < 0) throw insufficientPoints(balance, target.points);
    const [row] = await tx.insert(e).values({
      accountId: scope.accountId, contactId: target.contactId, kind: 'reverse', points: -target.points, balanceAfter: balance - target.points,
      reason: reason || `Reverses ${target.kind} ${target.reference}`, reference: `reverse:${target.id}`, reversesEntryId: target.id, actor: actorOf(scope),
    }).returning();
    return serializeEntry(row!);
  });
}

/**
 * Lapses earned points whose `expiresAt` has passed and that were neither reversed nor expired before. Each lapsed
 * earn gets one `expire` entry (linked by `reverses_entry_id`, so it happens once) taking its points off the balance,
 * capped at what is left: points already spent are not taken twice. Returns how many entries lapsed. `accountId`
 * null: every account (the scheduled job's call).
 */
export async function expireDuePoints(db: Database, accountId: string | null, now = new Date()) {
  const settlement = schema.pointsEntries;
  const due = await db.select({ id: e.id, accountId: e.accountId, contactId: e.contactId, points: e.points, reference: e.reference }).from(e)
    .where(and(accountId ? eq(e.accountId, accountId) : undefined, eq(e.kind, 'earn'), lte(e.expiresAt, now),
      sql`not exists (select 1 from ${settlement} s where s.reverses_entry_id = ${e.id})`))
    .orderBy(asc(e.expiresAt));
  let lapsed = 0;
  for (const earn of due) {
    lapsed += await db.transaction(async (tx) => {
      await lockContactPoints(tx, earn.accountId, earn.contactId);
      const [settled] = await tx.select({ id: e.id }).from(e).where(and(eq(e.accountId, earn.accountId), eq(e.reversesEntryId, earn.id)));
      if (settled) return 0;
      const balance = await readBalance(tx, earn.accountId, earn.contactId);
      const points = Math.min(earn.points, balance);
      await tx.insert(e).values({
        accountId: earn.accountId, contactId: earn.contactId, kind: 'expire', points: -points, balanceAfter: balance - points, reason: `Expired: ${earn.reference}`,
        reference: `expire:${earn.id}`, reversesEntryId: earn.id, actor: 'system:points-expiry', createdAt: now,
      });
      return 1;
    });
  }
  return lapsed;
}

