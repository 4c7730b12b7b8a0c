import { and, count, desc, eq } from 'drizzle-orm';
import { notFound, validationFailed } from '@touchpoint/core';
import { type CouponKind, type Database, schema } from '@touchpoint/db';
import { describeBadCode, generateCode, normalizeCode } from './coupon-codes.ts';

const p = schema.couponPools;
const c = schema.coupons;

export type CouponPoolRow = typeof p.$inferSelect;

export interface CouponPoolInput {
  name: string;
  kind: CouponKind;
  /** A percentage (1–100) for `percent`, minor units of `currency` for `amount`, 0 for `free_item`. */
  value: number;
  currency?: string | null;
  minSpendMinor?: number | null;
  expiresAt?: Date | null;
  prefix?: string;
  codeLength?: number;
}

/** The most codes one generate call makes; larger batches are several calls. */
export const MAX_GENERATED_CODES = 10_000;
const INSERT_CHUNK = 1000;
/** Collisions are rare (31^8 codes for the default length); a pool too small to fill after this many rounds is refused. */
const MAX_GENERATE_ROUNDS = 10;

export function serializePool(row: CouponPoolRow, stock?: { available: number; issued: number; redeemed: number }) {
  return {
    id: row.id, name: row.name, kind: row.kind, value: row.value, currency: row.currency, minSpendMinor: row.minSpendMinor,
    expiresAt: row.expiresAt?.toISOString() ?? null, prefix: row.prefix, codeLength: row.codeLength, createdAt: row.createdAt.toISOString(),
    ...(stock ? { stock } : {}),
  };
}

/** Rules the schema cannot state on its own: a percentage is 1–100, an amount off needs its currency. */
function assertPoolRules(input: CouponPoolInput) {
  if (input.kind === 'percent' && (input.value < 1 || input.value > 100)) throw validationFailed([{ path: 'value', message: 'a percentage must be from 1 to 100' }]);
  if (input.kind === 'amount' && input.value < 1) throw validationFailed([{ path: 'value', message: 'an amount off must be at least 1 (minor units)' }]);
  if ((input.kind === 'amount' || input.minSpendMinor != null) && !input.currency) throw validationFailed([{ path: 'currency', message: 'is required for an amount off or a minimum spend' }]);
}

export async function createCouponPool(db: Database, accountId: string, input: CouponPoolInput) {
  assertPoolRules(input);
  const [row] = await db.insert(p).values({
    accountId, name: input.name, kind: input.kind, value: input.kind === 'free_item' ? 0 : input.value, currency: input.currency?.toUpperCase() ?? null,
    minSpendMinor: input.minSpendMinor ?? null, expiresAt: input.expiresAt ?? null, prefix: normalizeCode(input.prefix ?? ''), codeLength: input.codeLength ?? 8,
  }).returning();
  return serializePool(row!, { available: 0, issued: 0, redeemed: 0 });
}

export async function requireCouponPool(db: Database, accountId: string, poolId: string): Promise<CouponPoolRow> {
  const [row] = await db.select().from(p).where(and(eq(p.accountId, accountId), eq(p.id, poolId)));
  if (!row) throw notFound('coupon pool');
  return row;
}

/** The account's pools, newest first, each with how many codes are available, issued and redeemed. */
export async function listCouponPools(db: Database, accountId: string) {
  const pools = await db.select().from(p).where(eq(p.accountId, accountId)).orderBy(desc(p.createdAt));
  const counts = await db.select({ poolId: c.poolId, status: c.status, n: count() }).from(c).where(eq(c.accountId, accountId)).groupBy(c.poolId, c.status);
  return pools.map((pool) => {
    const of = (status: string) => counts.find((row) => row.poolId === pool.id && row.status === status)?.n ?? 0;
    return serializePool(pool, { available: of('available'), issued: of('issued'), redeemed: of('redeemed') });
  });
}

/** Inserts the codes that are new to the account; returns those that were (a code already used anywhere in the account is skipped). */
async function insertNewCodes(db: Database, accountId: string, poolId: string, codes: string[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < codes.length; i += INSERT_CHUNK) {
    const rows = await db.insert(c).values(codes.slice(i, i + INSERT_CHUNK).map((code) => ({ accountId, poolId, code })))
      .onConflictDoNothing({ target: [c.accountId, c.code] }).returning({ code: c.code });
    for (const row of rows) inserted.add(row.code);
  }
  return inserted;
}

/** Makes `n` new unique codes in the pool, drawing again for any that collide with a code the account already has. */
export async function generateCoupons(db: Database, accountId: string, poolId: string, n: number) {
  const pool = await requireCouponPool(db, accountId, poolId);
  let made = 0;
  for (let round = 0; round < MAX_GENERATE_ROUNDS && made < n; round++) {
    const batch = new Set<string>();
    while (batch.size < n - made) batch.add(generateCode(pool.prefix, pool.codeLength));
    made += (await insertNewCodes(db, accountId, pool.id, [...batch])).size;
  }
  if (made < n) throw validationFailed([{ path: 'generate', message: `only ${made} new codes could be made; lengthen the pool's codes` }]);
  return { accepted: made, errors: [] as { index: number; message: string }[] };
}

/** Adds the shop's own codes: a malformed or duplicate code is reported by its index, the rest are added. */
export async function importCoupons(db: Database, accountId: string, poolId: string, rawCodes: string[]) {
  const pool = await requireCouponPool(db, accountId, poolId);
  const errors: { index: number; message: string }[] = [];
  const firstIndex = new Map<string, number>();
  rawCodes.forEach((raw, index) => {
    const code = normalizeCode(raw);
    const bad = describeBadCode(code);
    if (bad) errors.push({ index, message: bad });
    else if (firstIndex.has(code)) errors.push({ index, message: `repeats the code at index ${firstIndex.get(code)}` });
    else firstIndex.set(code, index);
  });
  const inserted = await insertNewCodes(db, accountId, pool.id, [...firstIndex.keys()]);
  for (const [code, index] of firstIndex) if (!inserted.has(code)) errors.push({ index, message: 'this code already exists in the account' });
  errors.sort((a, b) => a.index - b.index);
  return { accepted: inserted.size, errors };
}

