import { and, eq } from 'drizzle-orm';
import { validationFailed, type FieldError } from '@touchpoint/core';
import { type Database, type ReferralProgramStatus, type ReferralReward, schema } from '@touchpoint/db';
import { generateIpSalt } from './referral-identity.ts';

const p = schema.referralPrograms;
type ProgramRow = typeof p.$inferSelect;
export type ReferralProgram = ProgramRow;
export type Localized = Partial<Record<'en' | 'ja' | 'zh', string>>;

export interface ReferralProgramInput {
  status: ReferralProgramStatus;
  referrerReward: ReferralReward;
  friendReward: ReferralReward;
  minOrderMinor: number | null;
  currency: string | null;
  attributionDays: number;
  capPerReferrer: number | null;
  capPeriodDays: number;
  ipWindowDays: number;
  offerText: Localized;
}

/** What an account that never saved its program sees: a draft with no rewards. */
const DEFAULT_PROGRAM: ReferralProgramInput = {
  status: 'draft', referrerReward: { kind: 'points', points: 500 }, friendReward: { kind: 'none' }, minOrderMinor: null, currency: null,
  attributionDays: 30, capPerReferrer: 10, capPeriodDays: 30, ipWindowDays: 30, offerText: {},
};

export function presentProgram(row: ProgramRow | null) {
  const value = row ?? { ...DEFAULT_PROGRAM, updatedAt: null };
  return {
    status: value.status, referrerReward: value.referrerReward, friendReward: value.friendReward, minOrderMinor: value.minOrderMinor, currency: value.currency,
    attributionDays: value.attributionDays, capPerReferrer: value.capPerReferrer, capPeriodDays: value.capPeriodDays, ipWindowDays: value.ipWindowDays,
    offerText: value.offerText, updatedAt: value.updatedAt?.toISOString() ?? null,
  };
}

export async function findReferralProgram(db: Database, accountId: string): Promise<ProgramRow | null> {
  const [row] = await db.select().from(p).where(eq(p.accountId, accountId));
  return row ?? null;
}

async function checkReward(db: Database, accountId: string, reward: ReferralReward, path: string, errors: FieldError[]) {
  if (reward.kind !== 'coupon') return;
  const [pool] = await db.select({ id: schema.couponPools.id }).from(schema.couponPools).where(and(eq(schema.couponPools.accountId, accountId), eq(schema.couponPools.id, reward.poolId)));
  if (!pool) errors.push({ path: `${path}.poolId`, message: 'is not a coupon pool of this account' });
}

/** Saves the program (created on first save, with its own IP salt). A coupon reward must name one of the account's pools. */
export async function saveReferralProgram(db: Database, accountId: string, input: ReferralProgramInput) {
  const errors: FieldError[] = [];
  await checkReward(db, accountId, input.referrerReward, 'referrerReward', errors);
  await checkReward(db, accountId, input.friendReward, 'friendReward', errors);
  if (input.minOrderMinor !== null && !input.currency) errors.push({ path: 'currency', message: 'is required with a minimum order value' });
  if (input.status === 'live' && input.referrerReward.kind === 'none' && input.friendReward.kind === 'none') errors.push({ path: 'status', message: 'a live program rewards at least one side' });
  if (errors.length > 0) throw validationFailed(errors);
  const values = { ...input, currency: input.currency?.toUpperCase() ?? null, updatedAt: new Date() };
  const [row] = await db.insert(p).values({ accountId, ...values, ipSalt: generateIpSalt() })
    .onConflictDoUpdate({ target: p.accountId, set: values }).returning();
  return presentProgram(row!);
}
