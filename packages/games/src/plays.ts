import { and, asc, count, eq, gte, sql } from 'drizzle-orm';
import { AppError, type AccountScope, isAppError, notFound } from '@touchpoint/core';
import { type Database, type GamePrizeKind, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { earnPoints, issueCoupon } from '@touchpoint/rewards';
import { type CampaignRow, isCampaignOpen, type PrizeRow } from './campaigns.ts';
import { computeRoll, DRAW_ALGORITHM, drawServerSeed, mapRollToLine } from './fair-draw.ts';
import { lockCustomerGame } from './unlocks.ts';

const g = schema.gameCampaigns;
const pz = schema.gamePrizes;
const u = schema.gameUnlocks;
const p = schema.gamePlays;
type PlayRow = typeof p.$inferSelect;

const DAY_MS = 24 * 3600_000;
export const playRefused = (detail: string) => new AppError('play_refused', 'Play refused', detail);
const limitReached = (detail: string) => new AppError('limit_reached', 'Play limit reached', detail);
const gameClosed = () => new AppError('game_closed', 'Game closed', 'This game is not open for plays (not started, ended or paused).');
/** Thrown inside the award savepoint so the prize's stock and budget roll back together with a failed grant. */
class PrizeUnavailable extends Error {}

export interface PlayInput {
  clientSeed: string;
  /** The nonce the commit answered; any other is refused (a replayed or forged play). */
  nonce: number;
  /** The client's key: the same key again answers the same result. */
  idempotencyKey: string;
  /** A random id the device keeps (best effort: a device that clears it counts as new). */
  deviceId?: string | null;
}

/** Commit: the hash is public before the play; the seed itself only once played. */
export function serializeCommit(row: PlayRow) {
  return { playId: row.id, unlockId: row.unlockId, campaignId: row.campaignId, serverSeedHash: row.serverSeedHash, nonce: row.nonce, algorithm: row.algorithm, status: row.status, committedAt: row.committedAt.toISOString() };
}

/** The receipt of a played play: everything needed to recompute it, and nothing about who played. */
export function serializeReceipt(row: PlayRow, campaign: Pick<CampaignRow, 'slug' | 'name'>, prize: Pick<PrizeRow, 'label' | 'kind'> | null) {
  if (row.status !== 'played') throw notFound('receipt');
  return {
    playId: row.id, campaignId: row.campaignId, campaignSlug: campaign.slug, campaignName: campaign.name, algorithm: row.algorithm,
    serverSeedHash: row.serverSeedHash, serverSeed: row.serverSeed, clientSeed: row.clientSeed!, nonce: row.nonce, roll: row.roll!,
    table: row.table ?? [], drawnPrizeId: row.drawnPrizeId, prizeId: row.prizeId, outcome: row.outcome as 'won' | 'lost',
    fallback: row.drawnPrizeId !== null && row.prizeId === null && row.table?.find((line) => line.id === row.drawnPrizeId)?.kind !== 'try_again',
    prize: prize && row.prizeId ? { label: prize.label, kind: prize.kind } : null,
    committedAt: row.committedAt.toISOString(), playedAt: row.playedAt!.toISOString(),
  };
}
export type Receipt = ReturnType<typeof serializeReceipt>;

/** What the customer sees after a play: the receipt and, when won, the coupon code or points. */
function serializeResult(row: PlayRow, campaign: CampaignRow, prize: PrizeRow | null, replayed: boolean) {
  return { receipt: serializeReceipt(row, campaign, prize), couponCode: row.couponCode, points: row.points, replayed };
}

async function requireOwnUnlock(tx: Database, accountId: string, contactId: string, unlockId: string) {
  // Another customer's unlock is 404, like one that does not exist.
  const [unlock] = await tx.select().from(u).where(and(eq(u.accountId, accountId), eq(u.id, unlockId), eq(u.contactId, contactId)));
  if (!unlock) throw notFound('unlocked play');
  const [campaign] = await tx.select().from(g).where(eq(g.id, unlock.campaignId));
  return { unlock, campaign: campaign! };
}

/**
 * Commits one play for an unlock: a fresh server seed from the CSPRNG, its SHA-256 and the customer's next nonce.
 * One play per unlock (unique index): a second commit answers the first (its hash and nonce never change).
 */
export async function commitPlay(db: Database, accountId: string, contactId: string, unlockId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const { unlock, campaign } = await requireOwnUnlock(tx, accountId, contactId, unlockId);
    await lockCustomerGame(tx, campaign.id, contactId);
    const [existing] = await tx.select().from(p).where(eq(p.unlockId, unlock.id));
    if (existing) return serializeCommit(existing);
    if (!isCampaignOpen(campaign, now)) throw gameClosed();
    const [last] = await tx.select({ n: sql<number>`coalesce(max(${p.nonce}), 0)::int` }).from(p).where(and(eq(p.campaignId, campaign.id), eq(p.contactId, contactId)));
    const { serverSeed, serverSeedHash } = drawServerSeed();
    const [row] = await tx.insert(p).values({
      accountId, campaignId: campaign.id, unlockId: unlock.id, contactId, algorithm: DRAW_ALGORITHM, serverSeed, serverSeedHash, nonce: (last?.n ?? 0) + 1, committedAt: now,
    }).returning();
    return serializeCommit(row!);
  });
}

async function checkLimits(tx: Database, campaign: CampaignRow, contactId: string, deviceId: string | null, now: Date) {
  const { perCustomer, perDevice, perPeriod } = campaign.limits;
  const played = (extra: ReturnType<typeof eq> | undefined) => tx.select({ n: count() }).from(p).where(and(eq(p.campaignId, campaign.id), eq(p.status, 'played'), extra)).then((rows) => rows[0]?.n ?? 0);
  if (perCustomer !== null && (await played(eq(p.contactId, contactId))) >= perCustomer) throw limitReached(`This game allows ${perCustomer} play(s) per customer.`);
  if (perPeriod !== null && (await played(and(eq(p.contactId, contactId), gte(p.playedAt, new Date(now.getTime() - perPeriod.days * DAY_MS))))) >= perPeriod.plays) {
    throw limitReached(`This game allows ${perPeriod.plays} play(s) every ${perPeriod.days} day(s); come back later.`);
  }
  if (perDevice !== null && deviceId) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`game-device:${campaign.id}:${deviceId}`}))`);
    if ((await played(eq(p.deviceId, deviceId))) >= perDevice) throw limitReached(`This game allows ${perDevice} play(s) per device.`);
  }
}

/**
 * Takes one of the drawn prize (stock, then budget) and grants it, all inside a savepoint: if any step finds
 * nothing left (stock, budget, the coupon pool), the savepoint rolls back and the play falls back to "try again".
 */
async function awardPrize(tx: Database, scope: AccountScope, campaign: CampaignRow, prize: PrizeRow, contactId: string, playId: string) {
  try {
    return await tx.transaction(async (sp) => {
      const [taken] = await sp.update(pz).set({ awarded: sql`${pz.awarded} + 1` })
        .where(and(eq(pz.id, prize.id), sql`(${pz.stock} is null or ${pz.awarded} < ${pz.stock})`)).returning({ id: pz.id });
      if (!taken) throw new PrizeUnavailable();
      if (campaign.budgetMinor !== null && prize.valueMinor > 0) {
        const [within] = await sp.update(g).set({ spentMinor: sql`${g.spentMinor} + ${prize.valueMinor}` })
          .where(and(eq(g.id, campaign.id), sql`${g.spentMinor} + ${prize.valueMinor} <= ${g.budgetMinor}`)).returning({ id: g.id });
        if (!within) throw new PrizeUnavailable();
      }
      if (prize.kind === 'points') {
        await earnPoints(sp, scope, { contactId, points: prize.points!, reason: `${campaign.name}: ${prize.label}`, reference: `game:${playId}` });
        return { couponId: null, couponCode: null, points: prize.points! };
      }
      try {
        const coupon = await issueCoupon(sp, campaign.accountId, prize.poolId!, contactId);
        return { couponId: coupon.id, couponCode: coupon.code, points: null };
      } catch (error) {
        if (isAppError(error) && (error.code === 'out_of_stock' || error.code === 'conflict' || error.code === 'not_found')) throw new PrizeUnavailable();
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof PrizeUnavailable) return null;
    throw error;
  }
}

/**
 * Plays a committed play once, in one transaction: checks it is the customer's, unplayed, with the committed
 * nonce, within the limits; rolls with hmac-sha256-v1; awards the drawn prize if it still has stock and budget
 * (else "try again"); reveals the seed. The same idempotency key and client seed again answer the same result
 * (`replayed: true`); anything else on a played play is refused and changes nothing.
 */
export async function playGame(db: Database, accountId: string, contactId: string, playId: string, input: PlayInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(p).where(and(eq(p.accountId, accountId), eq(p.id, playId), eq(p.contactId, contactId)));
    if (!found) throw notFound('play');
    const [campaign] = await tx.select().from(g).where(eq(g.id, found.campaignId));
    await lockCustomerGame(tx, campaign!.id, contactId);
    const [play] = await tx.select().from(p).where(eq(p.id, found.id));
    if (play!.status === 'played') {
      if (play!.idempotencyKey === input.idempotencyKey && play!.clientSeed === input.clientSeed && play!.nonce === input.nonce) {
        const prize = play!.prizeId ? (await tx.select().from(pz).where(eq(pz.id, play!.prizeId)))[0] ?? null : null;
        return serializeResult(play!, campaign!, prize, true);
      }
      throw playRefused('This play has already been played; each unlock plays once and its result cannot change.');
    }
    if (input.nonce !== play!.nonce) throw playRefused(`The nonce does not match this play's commitment (expected ${play!.nonce}).`);
    if (!isCampaignOpen(campaign!, now)) throw gameClosed();
    await checkLimits(tx, campaign!, contactId, input.deviceId ?? null, now);

    const prizes = await tx.select().from(pz).where(eq(pz.campaignId, campaign!.id)).orderBy(asc(pz.position));
    const table = prizes.map((prize) => ({ id: prize.id, label: prize.label, kind: prize.kind as GamePrizeKind, weight: prize.weight }));
    const roll = computeRoll(play!.serverSeed, input.clientSeed, play!.nonce);
    const drawn = mapRollToLine(roll, prizes).line;
    const scope: AccountScope = { accountId, actor: { type: 'system', id: null, name: `Game: ${campaign!.name}`.slice(0, 200), role: 'admin' } };
    const grant = drawn && drawn.kind !== 'try_again' ? await awardPrize(tx, scope, campaign!, drawn, contactId, play!.id) : null;
    const [played] = await tx.update(p).set({
      status: 'played', clientSeed: input.clientSeed, idempotencyKey: input.idempotencyKey, deviceId: input.deviceId ?? null, roll, table,
      drawnPrizeId: drawn?.id ?? null, prizeId: grant ? drawn!.id : null, outcome: grant ? 'won' : 'lost',
      couponId: grant?.couponId ?? null, couponCode: grant?.couponCode ?? null, points: grant?.points ?? null, playedAt: now,
    }).where(and(eq(p.id, play!.id), eq(p.status, 'committed'))).returning();
    if (!played) throw playRefused('This play has already been played.');
    const touchpoint = { kind: 'game' as const, id: campaign!.id };
    const base = { contactId, kind: 'system' as const, source: 'system' as const, occurredAt: now, touchpoint };
    await recordCustomerEvents(tx, accountId, [
      { ...base, name: 'game.played', messageId: `game.played:${played.id}`, properties: { campaignId: campaign!.id, campaignName: campaign!.name, playId: played.id, outcome: played.outcome, prizeLabel: grant ? drawn!.label : null } },
      ...(grant ? [{ ...base, name: 'prize.won', messageId: `prize.won:${played.id}`, properties: { campaignId: campaign!.id, playId: played.id, prizeId: drawn!.id, prizeLabel: drawn!.label, prizeKind: drawn!.kind, couponCode: grant.couponCode, points: grant.points } }] : []),
    ]);
    return serializeResult(played, campaign!, grant ? drawn : null, false);
  });
}

/** A played play's receipt, for the public verify page (the play id is the secret-free handle to it). */
export async function getReceipt(db: Database, accountId: string, playId: string) {
  const [row] = await db.select().from(p).where(and(eq(p.accountId, accountId), eq(p.id, playId), eq(p.status, 'played')));
  if (!row) throw notFound('receipt');
  const [campaign] = await db.select().from(g).where(eq(g.id, row.campaignId));
  const prize = row.prizeId ? (await db.select().from(pz).where(eq(pz.id, row.prizeId)))[0] ?? null : null;
  return serializeReceipt(row, campaign!, prize);
}
