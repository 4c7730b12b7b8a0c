import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { conflict, notFound, validationFailed, type FieldError } from '@touchpoint/core';
import { type Database, type GameEligibility, type GameKind, type GameLimits, type GamePrizeKind, schema } from '@touchpoint/db';
import { computeOdds } from './fair-draw.ts';

const g = schema.gameCampaigns;
const pz = schema.gamePrizes;

export type CampaignRow = typeof g.$inferSelect;
export type PrizeRow = typeof pz.$inferSelect;

export interface PrizeInput {
  /** Kept when the line already exists (its awarded count stays); absent for a new line. */
  id?: string;
  label: string;
  kind: GamePrizeKind;
  poolId?: string | null;
  points?: number | null;
  weight: number;
  stock?: number | null;
  valueMinor?: number;
}

export interface CampaignInput {
  name: string;
  slug?: string;
  kind: GameKind;
  startsAt?: Date | null;
  endsAt?: Date | null;
  eligibility?: Partial<GameEligibility>;
  limits?: Partial<GameLimits>;
  cardCount?: number;
  rulesText?: string;
  alternativeEntry?: string;
  budgetMinor?: number | null;
  currency?: string | null;
  prizes: PrizeInput[];
}

export const DEFAULT_ELIGIBILITY: GameEligibility = { ordersRequired: 3, windowDays: null, uniqueBy: 'order', minOrderMinor: null };
export const DEFAULT_LIMITS: GameLimits = { perCustomer: null, perDevice: null, perPeriod: null };

export function serializePrize(row: PrizeRow, totalWeight: number) {
  return {
    id: row.id, position: row.position, label: row.label, kind: row.kind, poolId: row.poolId, points: row.points, weight: row.weight,
    odds: totalWeight > 0 ? row.weight / totalWeight : 0, stock: row.stock, awarded: row.awarded,
    stockLeft: row.stock === null ? null : row.stock - row.awarded, valueMinor: row.valueMinor,
  };
}

export function serializeCampaign(row: CampaignRow, prizes: PrizeRow[]) {
  const total = prizes.reduce((sum, prize) => sum + prize.weight, 0);
  return {
    id: row.id, slug: row.slug, name: row.name, kind: row.kind, status: row.status,
    startsAt: row.startsAt?.toISOString() ?? null, endsAt: row.endsAt?.toISOString() ?? null,
    eligibility: row.eligibility, limits: row.limits, cardCount: row.cardCount, rulesText: row.rulesText, alternativeEntry: row.alternativeEntry,
    budgetMinor: row.budgetMinor, spentMinor: row.spentMinor, currency: row.currency,
    publishedAt: row.publishedAt?.toISOString() ?? null, endedAt: row.endedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
    prizes: prizes.map((prize) => serializePrize(prize, total)),
  };
}
export type Campaign = ReturnType<typeof serializeCampaign>;

const slugify = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);

async function listPrizes(db: Database, campaignIds: string[]) {
  if (campaignIds.length === 0) return [];
  return db.select().from(pz).where(inArray(pz.campaignId, campaignIds)).orderBy(asc(pz.position));
}

export async function requireCampaignRow(db: Database, accountId: string, campaignId: string) {
  const [row] = await db.select().from(g).where(and(eq(g.accountId, accountId), eq(g.id, campaignId)));
  if (!row) throw notFound('game campaign');
  return row;
}

export async function getCampaign(db: Database, accountId: string, campaignId: string) {
  const row = await requireCampaignRow(db, accountId, campaignId);
  return serializeCampaign(row, await listPrizes(db, [row.id]));
}

/** A campaign by its public slug; drafts are not public (404). */
export async function getPublicCampaign(db: Database, accountId: string, slug: string) {
  const [row] = await db.select().from(g).where(and(eq(g.accountId, accountId), eq(g.slug, slug), inArray(g.status, ['live', 'ended'])));
  if (!row) throw notFound('game');
  return serializeCampaign(row, await listPrizes(db, [row.id]));
}

export async function listCampaigns(db: Database, accountId: string, filter: { status?: 'draft' | 'live' | 'ended' } = {}) {
  const rows = await db.select().from(g).where(and(eq(g.accountId, accountId), filter.status ? eq(g.status, filter.status) : undefined)).orderBy(desc(g.createdAt));
  const prizes = await listPrizes(db, rows.map((row) => row.id));
  return rows.map((row) => serializeCampaign(row, prizes.filter((prize) => prize.campaignId === row.id)));
}

/** Rules the schemas cannot state alone: dates in order, each prize's grant is set and its pool fits. */
async function checkCampaignInput(db: Database, accountId: string, input: CampaignInput) {
  const errors: FieldError[] = [];
  if (input.startsAt && input.endsAt && input.endsAt <= input.startsAt) errors.push({ path: 'endsAt', message: 'must be after startsAt' });
  if (input.budgetMinor != null && !input.currency) errors.push({ path: 'currency', message: 'a budget needs its currency' });
  const poolIds = [...new Set(input.prizes.map((prize) => prize.poolId).filter((id): id is string => Boolean(id)))];
  const pools = poolIds.length === 0 ? [] : await db.select({ id: schema.couponPools.id, kind: schema.couponPools.kind }).from(schema.couponPools)
    .where(and(eq(schema.couponPools.accountId, accountId), inArray(schema.couponPools.id, poolIds)));
  const poolKind = new Map(pools.map((pool) => [pool.id, pool.kind]));
  input.prizes.forEach((prize, index) => {
    const path = `prizes.${index}`;
    if (prize.kind === 'free_item' || prize.kind === 'discount') {
      const kind = prize.poolId ? poolKind.get(prize.poolId) : undefined;
      if (!kind) errors.push({ path: `${path}.poolId`, message: 'must be a coupon pool of this account' });
      else if (prize.kind === 'free_item' && kind !== 'free_item') errors.push({ path: `${path}.poolId`, message: 'a free item needs a free-item pool' });
      else if (prize.kind === 'discount' && kind === 'free_item') errors.push({ path: `${path}.poolId`, message: 'a discount needs a percent or amount pool' });
    }
    if (prize.kind === 'points' && !(prize.points && prize.points > 0)) errors.push({ path: `${path}.points`, message: 'a points prize needs a positive number of points' });
  });
  if (errors.length > 0) throw validationFailed(errors);
}

function prizeValues(accountId: string, campaignId: string, prize: PrizeInput, position: number) {
  return {
    accountId, campaignId, position, label: prize.label, kind: prize.kind,
    poolId: prize.kind === 'free_item' || prize.kind === 'discount' ? (prize.poolId ?? null) : null,
    points: prize.kind === 'points' ? (prize.points ?? null) : null,
    weight: prize.weight, stock: prize.kind === 'try_again' ? null : (prize.stock ?? null), valueMinor: prize.valueMinor ?? 0,
  };
}

function campaignValues(input: CampaignInput) {
  return {
    name: input.name, kind: input.kind, startsAt: input.startsAt ?? null, endsAt: input.endsAt ?? null,
    eligibility: { ...DEFAULT_ELIGIBILITY, ...input.eligibility }, limits: { ...DEFAULT_LIMITS, ...input.limits },
    cardCount: input.cardCount ?? 3, rulesText: input.rulesText ?? '', alternativeEntry: input.alternativeEntry ?? '',
    budgetMinor: input.budgetMinor ?? null, currency: input.currency?.toUpperCase() ?? null,
  };
}

export async function createCampaign(db: Database, accountId: string, input: CampaignInput) {
  await checkCampaignInput(db, accountId, input);
  const base = slugify(input.slug || input.name) || 'game';
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ n: sql<number>`count(*)::int` }).from(g).where(and(eq(g.accountId, accountId), eq(g.slug, base)));
    const slug = taken && taken.n > 0 ? `${base}-${randomBytes(3).toString('hex')}` : base;
    const [row] = await tx.insert(g).values({ accountId, slug, ...campaignValues(input) }).returning();
    if (input.prizes.length > 0) await tx.insert(pz).values(input.prizes.map((prize, index) => prizeValues(accountId, row!.id, prize, index)));
    return serializeCampaign(row!, await listPrizes(tx, [row!.id]));
  });
}

/**
 * Replaces a campaign's settings and prize table. A draft changes freely. Once live, the published odds hold:
 * the lines and their weights stay as they are (a changed line is 409); only the stock can grow, and the
 * name, end date, limits, rules and budget can change.
 */
export async function updateCampaign(db: Database, accountId: string, campaignId: string, input: CampaignInput) {
  await checkCampaignInput(db, accountId, input);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(g).where(and(eq(g.accountId, accountId), eq(g.id, campaignId))).for('update');
    if (!current) throw notFound('game campaign');
    if (current.status === 'ended') throw conflict('This campaign has ended; it can no longer be changed.');
    const prizes = await listPrizes(tx, [current.id]);
    const values = campaignValues(input);
    if (current.status === 'draft') {
      await tx.update(g).set({ ...values, updatedAt: new Date() }).where(eq(g.id, current.id));
      await tx.delete(pz).where(eq(pz.campaignId, current.id));
      if (input.prizes.length > 0) await tx.insert(pz).values(input.prizes.map((prize, index) => prizeValues(accountId, current.id, prize, index)));
    } else {
      const same = input.prizes.length === prizes.length && input.prizes.every((prize, index) => prize.id === prizes[index]!.id && prize.weight === prizes[index]!.weight && prize.kind === prizes[index]!.kind);
      if (!same || input.kind !== current.kind) throw conflict('A live campaign keeps its prize table and odds; only stock can be added. End it and start a new one to change the odds.');
      for (const [index, prize] of input.prizes.entries()) {
        const row = prizes[index]!;
        if (row.stock !== null && prize.stock != null && prize.stock < row.awarded) throw validationFailed([{ path: `prizes.${index}.stock`, message: `must be at least the ${row.awarded} already awarded` }]);
        await tx.update(pz).set({ label: prize.label, stock: row.stock === null ? null : (prize.stock ?? row.stock) }).where(eq(pz.id, row.id));
      }
      if (values.budgetMinor !== null && values.budgetMinor < current.spentMinor) throw validationFailed([{ path: 'budgetMinor', message: `must be at least the ${current.spentMinor} already spent` }]);
      await tx.update(g).set({ name: values.name, endsAt: values.endsAt, limits: values.limits, rulesText: values.rulesText, alternativeEntry: values.alternativeEntry, budgetMinor: values.budgetMinor, updatedAt: new Date() }).where(eq(g.id, current.id));
    }
    const [row] = await tx.select().from(g).where(eq(g.id, current.id));
    return serializeCampaign(row!, await listPrizes(tx, [current.id]));
  });
}

/** Draft → live (needs a prize with weight), live → ended. Anything else is 409. */
export async function setCampaignStatus(db: Database, accountId: string, campaignId: string, to: 'live' | 'ended') {
  const row = await requireCampaignRow(db, accountId, campaignId);
  const prizes = await listPrizes(db, [row.id]);
  if (to === 'live') {
    if (row.status !== 'draft') throw conflict(`Only a draft can be published; this campaign is ${row.status}.`);
    if (!prizes.some((prize) => prize.weight > 0)) throw validationFailed([{ path: 'prizes', message: 'add at least one prize with a weight above 0 before publishing' }]);
  } else if (row.status !== 'live') throw conflict(`Only a live campaign can be ended; this campaign is ${row.status}.`);
  const now = new Date();
  const [updated] = await db.update(g).set(to === 'live' ? { status: 'live', publishedAt: now, updatedAt: now } : { status: 'ended', endedAt: now, updatedAt: now })
    .where(and(eq(g.id, row.id), eq(g.status, to === 'live' ? 'draft' : 'live'))).returning();
  if (!updated) throw conflict('The campaign changed meanwhile; reload it.');
  return serializeCampaign(updated, prizes);
}

/** Deletes a draft (a campaign that was ever live keeps its evidence). */
export async function deleteCampaign(db: Database, accountId: string, campaignId: string) {
  const row = await requireCampaignRow(db, accountId, campaignId);
  if (row.status !== 'draft') throw conflict('Only a draft can be deleted; a published campaign keeps its plays as evidence.');
  await db.delete(g).where(and(eq(g.id, row.id), eq(g.status, 'draft')));
}

/** Whether a campaign accepts plays now. */
export const isCampaignOpen = (row: Pick<CampaignRow, 'status' | 'startsAt' | 'endsAt'>, now = new Date()) =>
  row.status === 'live' && (!row.startsAt || row.startsAt <= now) && (!row.endsAt || row.endsAt > now);

export { computeOdds };
