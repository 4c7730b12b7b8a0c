import { and, count, desc, eq, lt, sql } from 'drizzle-orm';
import { notFound } from '@touchpoint/core';
import { type Database, type GiftStatus, schema } from '@touchpoint/db';
import { claimPathOf, type GiftReactionRow, type GiftRow, serializeGift } from './gift-model.ts';

const g = schema.gifts;
const r = schema.giftReactions;

export interface GiftListFilter {
  status?: GiftStatus;
  campaignId?: string;
  /** Gifts created before this one (keyset paging, newest first). */
  before?: Date;
  limit: number;
}

async function withReactions(db: Database, rows: { gift: GiftRow; reaction: GiftReactionRow | null }[]) {
  return rows.map(({ gift, reaction }) => serializeGift(gift, reaction));
}

/** The account's gifts, newest first, each with its reaction (console). */
export async function listGifts(db: Database, accountId: string, filter: GiftListFilter) {
  const rows = await db.select({ gift: g, reaction: r }).from(g).leftJoin(r, eq(r.giftId, g.id)).where(and(
    eq(g.accountId, accountId), filter.status ? eq(g.status, filter.status) : undefined, filter.campaignId ? eq(g.campaignId, filter.campaignId) : undefined,
    filter.before ? lt(g.createdAt, filter.before) : undefined,
  )).orderBy(desc(g.createdAt)).limit(filter.limit);
  return withReactions(db, rows);
}

export async function getGift(db: Database, accountId: string, giftId: string) {
  const [row] = await db.select({ gift: g, reaction: r }).from(g).leftJoin(r, eq(r.giftId, g.id)).where(and(eq(g.accountId, accountId), eq(g.id, giftId)));
  if (!row) throw notFound('gift');
  return serializeGift(row.gift, row.reaction);
}

/**
 * A giver's own gifts (portal), newest first; an unclaimed gift carries its link so the giver can share it again.
 * The recipient's voucher code is never shown to the giver (it is the recipient's to use).
 */
export async function listSentGifts(db: Database, accountId: string, senderContactId: string, limit = 50) {
  const rows = await db.select({ gift: g, reaction: r }).from(g).leftJoin(r, eq(r.giftId, g.id))
    .where(and(eq(g.accountId, accountId), eq(g.senderContactId, senderContactId))).orderBy(desc(g.createdAt)).limit(limit);
  return rows.map(({ gift, reaction }) => ({ ...serializeGift(gift, reaction), couponCode: null, claimPath: gift.pendingToken ? claimPathOf(gift.pendingToken) : null }));
}

/** Counts by status and by reaction kind, and per campaign: sent, claimed, reacted. */
export async function summarizeGifts(db: Database, accountId: string) {
  const [byStatus, byReaction, byCampaign] = await Promise.all([
    db.select({ status: g.status, n: count() }).from(g).where(eq(g.accountId, accountId)).groupBy(g.status),
    db.select({ kind: r.kind, n: count() }).from(r).where(eq(r.accountId, accountId)).groupBy(r.kind),
    db.select({
      campaignId: g.campaignId, sent: count(),
      claimed: sql<number>`count(*) filter (where ${g.status} in ('claimed', 'swapped', 'reacted'))::int`,
      reacted: sql<number>`count(*) filter (where ${g.status} = 'reacted')::int`,
    }).from(g).where(and(eq(g.accountId, accountId), sql`${g.campaignId} IS NOT NULL`)).groupBy(g.campaignId),
  ]);
  const statuses = Object.fromEntries(byStatus.map((row) => [row.status, row.n])) as Partial<Record<GiftStatus, number>>;
  const total = byStatus.reduce((sum, row) => sum + row.n, 0);
  const claimed = (statuses.claimed ?? 0) + (statuses.swapped ?? 0) + (statuses.reacted ?? 0);
  return {
    total, byStatus: statuses, claimed, claimRate: total ? claimed / total : 0, reactionRate: claimed ? (statuses.reacted ?? 0) / claimed : 0,
    reactions: Object.fromEntries(byReaction.map((row) => [row.kind, row.n])) as Partial<Record<'photo' | 'video' | 'text', number>>,
    campaigns: byCampaign.map((row) => ({ campaignId: row.campaignId!, sent: row.sent, claimed: row.claimed, reacted: row.reacted })),
  };
}
