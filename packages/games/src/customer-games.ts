import { and, desc, eq, inArray } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { isCampaignOpen, listCampaigns, requireCampaignRow } from './campaigns.ts';
import { serializeCommit, serializeReceipt } from './plays.ts';
import { evaluateOrderUnlocks, listContactUnlocks, readUnlockProgress } from './unlocks.ts';

const p = schema.gamePlays;
const pz = schema.gamePrizes;

/**
 * The customer's games in the portal (after unlocking what their orders have earned): every open campaign with the plays waiting for them (unlocked, maybe
 * committed), their progress towards the next unlock (order games) and their last plays with receipts.
 */
export async function listCustomerGames(db: Database, accountId: string, contactId: string) {
  // Catch up first: orders placed before a campaign went live unlock plays when the customer next looks (exactly once).
  await db.transaction((tx) => evaluateOrderUnlocks(tx, accountId, [contactId]));
  const campaigns = (await listCampaigns(db, accountId, { status: 'live' })).filter((campaign) =>
    isCampaignOpen({ status: campaign.status, startsAt: campaign.startsAt ? new Date(campaign.startsAt) : null, endsAt: campaign.endsAt ? new Date(campaign.endsAt) : null }));
  const ids = campaigns.map((campaign) => campaign.id);
  const unlocks = await listContactUnlocks(db, accountId, contactId, ids);
  const plays = ids.length === 0 ? [] : await db.select().from(p).where(and(eq(p.accountId, accountId), eq(p.contactId, contactId), inArray(p.campaignId, ids))).orderBy(desc(p.committedAt));
  const prizeIds = plays.map((play) => play.prizeId).filter((id): id is string => Boolean(id));
  const prizes = prizeIds.length === 0 ? [] : await db.select().from(pz).where(inArray(pz.id, prizeIds));
  const playByUnlock = new Map(plays.map((play) => [play.unlockId, play]));
  const result = [];
  for (const campaign of campaigns) {
    const row = await requireCampaignRow(db, accountId, campaign.id);
    const waiting = unlocks.filter((unlock) => unlock.campaignId === campaign.id && playByUnlock.get(unlock.id)?.status !== 'played');
    result.push({
      id: campaign.id, slug: campaign.slug, name: campaign.name, kind: campaign.kind, cardCount: campaign.cardCount, endsAt: campaign.endsAt,
      progress: campaign.kind === 'order_game' ? await readUnlockProgress(db, row, contactId) : null,
      unlocked: waiting.map((unlock) => {
        const play = playByUnlock.get(unlock.id);
        return { unlockId: unlock.id, unlockedAt: unlock.unlockedAt.toISOString(), commit: play ? serializeCommit(play) : null };
      }),
      history: plays.filter((play) => play.campaignId === campaign.id && play.status === 'played').slice(0, 10).map((play) => ({
        receipt: serializeReceipt(play, row, prizes.find((prize) => prize.id === play.prizeId) ?? null), couponCode: play.couponCode, points: play.points,
      })),
    });
  }
  return result;
}
