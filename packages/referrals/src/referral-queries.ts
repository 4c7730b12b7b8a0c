import { and, count, desc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Database, type GrantedReward, type ReferralStatus, schema } from '@touchpoint/db';
import type { RejectionReason } from './referral-guards.ts';

const r = schema.referrals;
const DAY_MS = 24 * 3600_000;

const present = (row: typeof r.$inferSelect) => ({
  id: row.id, status: row.status, rejectionReason: row.rejectionReason as RejectionReason | null, rejectionDetail: row.rejectionDetail, source: row.source,
  referrerContactId: row.referrerContactId, friendContactId: row.friendContactId, orderId: row.orderId, orderTotalMinor: row.orderTotalMinor,
  friendReward: row.friendReward, referrerReward: row.referrerReward, convertedAt: row.convertedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(),
  reversedAt: row.reversedAt?.toISOString() ?? null, reversalNote: row.reversalNote,
});

export interface ReferralFilter { status?: ReferralStatus; reason?: string; referrerContactId?: string; limit?: number }

/** The account's referrals, newest first, with both people's names; filtered by status, rejection reason or referrer. */
export async function listReferrals(db: Database, accountId: string, filter: ReferralFilter = {}) {
  const referrer = alias(schema.contacts, 'referrer');
  const friend = alias(schema.contacts, 'friend');
  const rows = await db.select({ referral: r, referrerName: referrer.name, friendName: friend.name, friendEmail: friend.email }).from(r)
    .innerJoin(referrer, eq(referrer.id, r.referrerContactId)).leftJoin(friend, eq(friend.id, r.friendContactId))
    .where(and(eq(r.accountId, accountId), filter.status ? eq(r.status, filter.status) : undefined, filter.reason ? eq(r.rejectionReason, filter.reason) : undefined,
      filter.referrerContactId ? eq(r.referrerContactId, filter.referrerContactId) : undefined))
    .orderBy(desc(r.createdAt), desc(r.id)).limit(Math.min(filter.limit ?? 100, 500));
  return rows.map((row) => ({ ...present(row.referral), referrerName: row.referrerName, friendName: row.friendName, friendEmail: row.friendEmail }));
}

/**
 * The funnel over the last `days` days: clicks (distinct devices) → sign-ups (referrals) → conversions (a first
 * order) → rewarded, plus rejections by reason and review asks sent and clicked.
 */
export async function getReferralStats(db: Database, accountId: string, days = 30, now = new Date()) {
  const since = new Date(now.getTime() - days * DAY_MS);
  const s = schema.referralSightings;
  const [clicks] = await db.select({ n: sql<number>`count(distinct coalesce(${s.deviceHash}, ${s.id}::text))::int` }).from(s).where(and(eq(s.accountId, accountId), eq(s.kind, 'click'), gte(s.createdAt, since)));
  const byStatus = await db.select({ status: r.status, reason: r.rejectionReason, converted: sql<boolean>`${r.orderId} is not null`, n: count() }).from(r)
    .where(and(eq(r.accountId, accountId), gte(r.createdAt, since))).groupBy(r.status, r.rejectionReason, sql`${r.orderId} is not null`);
  const total = (pick: (row: (typeof byStatus)[number]) => boolean) => byStatus.filter(pick).reduce((sum, row) => sum + row.n, 0);
  const reasons: Record<string, number> = {};
  for (const row of byStatus) if (row.status === 'rejected' && row.reason) reasons[row.reason] = (reasons[row.reason] ?? 0) + row.n;
  const a = schema.reviewAsks;
  const [asks] = await db.select({ sent: sql<number>`count(*) filter (where ${a.status} = 'sent')::int`, clicked: sql<number>`count(${a.clickedAt})::int`, suppressed: sql<number>`count(*) filter (where ${a.status} = 'suppressed')::int` })
    .from(a).where(and(eq(a.accountId, accountId), gte(a.createdAt, since)));
  return {
    days,
    funnel: { clicks: clicks?.n ?? 0, signUps: total((row) => row.status !== 'rejected' || row.converted), conversions: total((row) => row.converted), rewarded: total((row) => row.status === 'rewarded') },
    rejected: total((row) => row.status === 'rejected'),
    rejectionReasons: reasons,
    reviewAsks: { sent: asks?.sent ?? 0, clicked: asks?.clicked ?? 0, suppressed: asks?.suppressed ?? 0 },
  };
}

/** A referrer's own view: their referrals (friends shown by first name only) and the rewards they earned. */
export async function listMyReferrals(db: Database, accountId: string, contactId: string) {
  const friend = alias(schema.contacts, 'friend');
  const rows = await db.select({ referral: r, friendName: friend.name }).from(r).leftJoin(friend, eq(friend.id, r.friendContactId))
    .where(and(eq(r.accountId, accountId), eq(r.referrerContactId, contactId))).orderBy(desc(r.createdAt)).limit(200);
  const firstName = (name: string | null) => (name ?? '').split(/[\s@]/)[0]!.slice(0, 40) || '—';
  return rows.map(({ referral, friendName }) => ({
    id: referral.id, friendName: firstName(friendName), status: referral.status, rejectionReason: referral.rejectionReason as RejectionReason | null,
    reward: referral.referrerReward as GrantedReward | null, createdAt: referral.createdAt.toISOString(), convertedAt: referral.convertedAt?.toISOString() ?? null,
    reversed: referral.reversedAt !== null,
  }));
}

/** Rewards this contact received as a friend (their welcome coupon or points). */
export async function listFriendRewards(db: Database, accountId: string, contactId: string) {
  const rows = await db.select({ reward: r.friendReward, at: r.friendRewardedAt }).from(r)
    .where(and(eq(r.accountId, accountId), eq(r.friendContactId, contactId), isNotNull(r.friendReward)));
  return rows.map((row) => ({ reward: row.reward!, at: row.at?.toISOString() ?? null }));
}
