import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError, notFound, validationFailed } from '@touchpoint/core';
import { type Database, type GiftCampaignStatus, type GiftItem, schema } from '@touchpoint/db';
import { requireCouponPool } from '@touchpoint/rewards';
import { type GiftCampaignRow, serializeCampaign } from './gift-model.ts';

const gc = schema.giftCampaigns;

export interface GiftCampaignInput {
  name: string;
  description?: string;
  status?: GiftCampaignStatus;
  item: GiftItem;
  swapOptions?: GiftItem[];
  stock?: number | null;
  perPersonLimit?: number;
  requireOtherCountry?: boolean;
  claimDays?: number;
  startsAt?: Date | null;
  endsAt?: Date | null;
}

/** Every voucher a campaign can hand out must come from one of the account's pools. */
async function assertItemsInAccount(db: Database, accountId: string, items: GiftItem[]) {
  for (const item of items) if (item.kind === 'voucher') await requireCouponPool(db, accountId, item.poolId);
}

function assertDates(startsAt: Date | null | undefined, endsAt: Date | null | undefined) {
  if (startsAt && endsAt && endsAt <= startsAt) throw validationFailed([{ path: 'endsAt', message: 'must be after startsAt' }]);
}

export async function createGiftCampaign(db: Database, accountId: string, input: GiftCampaignInput) {
  assertDates(input.startsAt, input.endsAt);
  await assertItemsInAccount(db, accountId, [input.item, ...(input.swapOptions ?? [])]);
  const [row] = await db.insert(gc).values({
    accountId, name: input.name, description: input.description ?? '', status: input.status ?? 'draft', item: input.item, swapOptions: input.swapOptions ?? [],
    stock: input.stock ?? null, perPersonLimit: input.perPersonLimit ?? 1, requireOtherCountry: input.requireOtherCountry ?? false, claimDays: input.claimDays ?? 14,
    startsAt: input.startsAt ?? null, endsAt: input.endsAt ?? null,
  }).returning();
  return serializeCampaign(row!);
}

export async function requireGiftCampaign(db: Database, accountId: string, campaignId: string): Promise<GiftCampaignRow> {
  const [row] = await db.select().from(gc).where(and(eq(gc.accountId, accountId), eq(gc.id, campaignId)));
  if (!row) throw notFound('gift campaign');
  return row;
}

/** Updates the given fields. Stock may not go below what was already sent (409). */
export async function updateGiftCampaign(db: Database, accountId: string, campaignId: string, patch: Partial<GiftCampaignInput>) {
  const current = await requireGiftCampaign(db, accountId, campaignId);
  assertDates(patch.startsAt === undefined ? current.startsAt : patch.startsAt, patch.endsAt === undefined ? current.endsAt : patch.endsAt);
  await assertItemsInAccount(db, accountId, [...(patch.item ? [patch.item] : []), ...(patch.swapOptions ?? [])]);
  const [row] = await db.update(gc).set({ ...patch, updatedAt: new Date() })
    .where(and(eq(gc.accountId, accountId), eq(gc.id, campaignId), patch.stock == null ? undefined : sql`${gc.sentCount} <= ${patch.stock}`)).returning();
  if (!row) throw new AppError('conflict', 'Conflict', `This campaign has already sent ${current.sentCount} gifts; its stock cannot be lower than that.`);
  return serializeCampaign(row);
}

export async function listGiftCampaigns(db: Database, accountId: string) {
  const rows = await db.select().from(gc).where(eq(gc.accountId, accountId)).orderBy(desc(gc.createdAt));
  return rows.map(serializeCampaign);
}

/** Live campaigns a customer may send from now (running, inside their dates, with stock left). */
export async function listOpenGiftCampaigns(db: Database, accountId: string, now = new Date()) {
  const rows = await db.select().from(gc).where(and(
    eq(gc.accountId, accountId), eq(gc.status, 'live'),
    sql`(${gc.startsAt} IS NULL OR ${gc.startsAt} <= ${now.toISOString()}::timestamptz)`, sql`(${gc.endsAt} IS NULL OR ${gc.endsAt} > ${now.toISOString()}::timestamptz)`,
  )).orderBy(desc(gc.createdAt));
  return rows.map(serializeCampaign);
}

/**
 * Takes one unit of the campaign's stock, atomically: a conditional update that succeeds only while the campaign is
 * live, inside its dates and not sold out, so concurrent sends never oversell (409 out_of_stock, or 409 conflict
 * when the campaign is not open).
 */
export async function reserveCampaignUnit(tx: Database, accountId: string, campaignId: string, now: Date): Promise<GiftCampaignRow> {
  const [row] = await tx.update(gc).set({ sentCount: sql`${gc.sentCount} + 1` }).where(and(
    eq(gc.accountId, accountId), eq(gc.id, campaignId), eq(gc.status, 'live'),
    sql`(${gc.startsAt} IS NULL OR ${gc.startsAt} <= ${now.toISOString()}::timestamptz)`, sql`(${gc.endsAt} IS NULL OR ${gc.endsAt} > ${now.toISOString()}::timestamptz)`,
    sql`(${gc.stock} IS NULL OR ${gc.sentCount} < ${gc.stock})`,
  )).returning();
  if (row) return row;
  const campaign = await requireGiftCampaign(tx, accountId, campaignId);
  if (campaign.status === 'live' && campaign.stock !== null && campaign.sentCount >= campaign.stock && (!campaign.endsAt || campaign.endsAt > now)) {
    throw new AppError('out_of_stock', 'Out of stock', 'This gift campaign has no gifts left to send.');
  }
  throw new AppError('conflict', 'Conflict', 'This gift campaign is not open for sending right now.');
}

/** Gives back the unit a gift held (it was cancelled or lapsed unclaimed). */
export async function releaseCampaignUnit(tx: Database, accountId: string, campaignId: string) {
  await tx.update(gc).set({ sentCount: sql`greatest(${gc.sentCount} - 1, 0)` }).where(and(eq(gc.accountId, accountId), eq(gc.id, campaignId)));
}
