import { and, eq } from 'drizzle-orm';
import { type Database, type ReferralReward, schema } from '@touchpoint/db';
import { findReferralCode } from './referral-codes.ts';
import { findReferralProgram, type Localized } from './referral-programs.ts';

/** A reward as a customer reads it (the page and the portal word it per language). */
export type RewardOffer =
  | { kind: 'points'; points: number }
  | { kind: 'coupon'; couponKind: 'percent' | 'amount' | 'free_item'; value: number; currency: string | null; minSpendMinor: number | null }
  | { kind: 'none' };

export async function describeReward(db: Database, accountId: string, reward: ReferralReward): Promise<RewardOffer> {
  if (reward.kind !== 'coupon') return reward;
  const [pool] = await db.select().from(schema.couponPools).where(and(eq(schema.couponPools.accountId, accountId), eq(schema.couponPools.id, reward.poolId)));
  if (!pool) return { kind: 'none' };
  return { kind: 'coupon', couponKind: pool.kind, value: pool.value, currency: pool.currency, minSpendMinor: pool.minSpendMinor };
}

export interface LandingView {
  accountId: string;
  accountName: string;
  handle: string;
  code: string;
  codeId: string;
  referrerFirstName: string;
  live: boolean;
  friendOffer: RewardOffer;
  referrerOffer: RewardOffer;
  offerText: Localized;
  minOrderMinor: number | null;
  currency: string | null;
  attributionDays: number;
}

/** What the landing page `/r/<code>` shows; null for an unknown code. The referrer is named by first name only. */
export async function describeReferralLanding(db: Database, codeValue: string): Promise<LandingView | null> {
  const code = await findReferralCode(db, codeValue);
  if (!code) return null;
  const [program, [account], [referrer]] = await Promise.all([
    findReferralProgram(db, code.accountId),
    db.select({ name: schema.accounts.name, handle: schema.accounts.handle }).from(schema.accounts).where(eq(schema.accounts.id, code.accountId)),
    db.select({ name: schema.contacts.name }).from(schema.contacts).where(eq(schema.contacts.id, code.contactId)),
  ]);
  if (!account) return null;
  return {
    accountId: code.accountId, accountName: account.name, handle: account.handle, code: code.code, codeId: code.id,
    referrerFirstName: (referrer?.name ?? '').split(/[\s@]/)[0]!.slice(0, 40),
    live: program?.status === 'live',
    friendOffer: program ? await describeReward(db, code.accountId, program.friendReward) : { kind: 'none' },
    referrerOffer: program ? await describeReward(db, code.accountId, program.referrerReward) : { kind: 'none' },
    offerText: program?.offerText ?? {}, minOrderMinor: program?.minOrderMinor ?? null, currency: program?.currency ?? null, attributionDays: program?.attributionDays ?? 30,
  };
}
