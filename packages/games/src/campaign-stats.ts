import { and, asc, count, countDistinct, eq, sql } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { getCampaign, requireCampaignRow } from './campaigns.ts';
import { DRAW_ALGORITHM } from './fair-draw.ts';

const p = schema.gamePlays;
const u = schema.gameUnlocks;
const c = schema.contacts;

/** Plays, winners, players, unlocks, stock left per prize and plays per day (UTC) of one campaign. */
export async function getCampaignStats(db: Database, accountId: string, campaignId: string) {
  const campaign = await getCampaign(db, accountId, campaignId);
  const [totals] = await db.select({
    plays: count(), winners: sql<number>`count(*) filter (where ${p.outcome} = 'won')::int`, players: countDistinct(p.contactId),
  }).from(p).where(and(eq(p.accountId, accountId), eq(p.campaignId, campaignId), eq(p.status, 'played')));
  const [unlocks] = await db.select({ n: count() }).from(u).where(and(eq(u.accountId, accountId), eq(u.campaignId, campaignId)));
  const daily = await db.select({
    day: sql<string>`to_char(${p.playedAt} at time zone 'UTC', 'YYYY-MM-DD')`, plays: count(), winners: sql<number>`count(*) filter (where ${p.outcome} = 'won')::int`,
  }).from(p).where(and(eq(p.accountId, accountId), eq(p.campaignId, campaignId), eq(p.status, 'played')))
    .groupBy(sql`1`).orderBy(asc(sql`1`));
  return {
    plays: totals?.plays ?? 0, winners: totals?.winners ?? 0, players: totals?.players ?? 0, unlocks: unlocks?.n ?? 0,
    spentMinor: campaign.spentMinor, budgetMinor: campaign.budgetMinor, currency: campaign.currency,
    prizes: campaign.prizes.map((prize) => ({ id: prize.id, label: prize.label, kind: prize.kind, odds: prize.odds, stock: prize.stock, awarded: prize.awarded, stockLeft: prize.stockLeft })),
    daily, slug: campaign.slug,
  };
}

/**
 * The evidence of a campaign: its configuration (odds, stock, limits, dates), the algorithm, and every play with its
 * participant, seed hash, revealed seed (played only), client seed, nonce, roll and outcome, in play order.
 */
export async function exportCampaignEvidence(db: Database, accountId: string, campaignId: string) {
  await requireCampaignRow(db, accountId, campaignId);
  const campaign = await getCampaign(db, accountId, campaignId);
  const rows = await db.select({ play: p, name: c.name, email: c.email }).from(p).leftJoin(c, eq(c.id, p.contactId))
    .where(and(eq(p.accountId, accountId), eq(p.campaignId, campaignId))).orderBy(asc(p.committedAt), asc(p.id));
  const labelOf = new Map(campaign.prizes.map((prize) => [prize.id, prize.label]));
  return {
    campaign, algorithm: DRAW_ALGORITHM, exportedAt: new Date().toISOString(),
    plays: rows.map(({ play, name, email }) => ({
      playId: play.id, contactId: play.contactId, participantName: name, participantEmail: email, deviceId: play.deviceId, status: play.status,
      algorithm: play.algorithm, serverSeedHash: play.serverSeedHash, serverSeed: play.status === 'played' ? play.serverSeed : null,
      clientSeed: play.clientSeed, nonce: play.nonce, roll: play.roll, drawnPrize: play.drawnPrizeId ? (labelOf.get(play.drawnPrizeId) ?? play.drawnPrizeId) : null,
      outcome: play.outcome, prize: play.prizeId ? (labelOf.get(play.prizeId) ?? play.prizeId) : null, couponCode: play.couponCode, points: play.points,
      committedAt: play.committedAt.toISOString(), playedAt: play.playedAt?.toISOString() ?? null,
    })),
  };
}

const CSV_COLUMNS = ['playId', 'contactId', 'participantName', 'participantEmail', 'deviceId', 'status', 'algorithm', 'serverSeedHash', 'serverSeed', 'clientSeed', 'nonce', 'roll', 'drawnPrize', 'outcome', 'prize', 'couponCode', 'points', 'committedAt', 'playedAt'] as const;

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function formatEvidenceCsv(evidence: Awaited<ReturnType<typeof exportCampaignEvidence>>) {
  const lines = [CSV_COLUMNS.join(',')];
  for (const play of evidence.plays) lines.push(CSV_COLUMNS.map((column) => csvCell(play[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
