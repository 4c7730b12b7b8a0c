import { and, asc, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { conflict, notFound, type PublishedEvent } from '@touchpoint/core';
import { type Database, type GameEligibility, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { type CampaignRow, isCampaignOpen, requireCampaignRow } from './campaigns.ts';

const g = schema.gameCampaigns;
const u = schema.gameUnlocks;
const o = schema.orders;
const DAY_MS = 24 * 3600_000;

/** Every change to one customer's unlocks and plays in one campaign runs under this lock (in the caller's transaction). */
export const lockCustomerGame = (tx: Database, campaignId: string, contactId: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`game:${campaignId}:${contactId}`}))`);

export function serializeUnlock(row: typeof u.$inferSelect) {
  return { id: row.id, campaignId: row.campaignId, contactId: row.contactId, sequence: row.sequence, source: row.source, orderIds: row.orderIds, unlockedAt: row.unlockedAt.toISOString() };
}

interface CountedOrder { id: string; placedAt: Date }

const uniqueKeyOf = (order: CountedOrder, uniqueBy: GameEligibility['uniqueBy']) => (uniqueBy === 'day' ? order.placedAt.toISOString().slice(0, 10) : order.id);

/**
 * Groups orders (oldest first) into unlocks: a group closes once it holds `ordersRequired` unique keys placed
 * within `windowDays` of each other (older orders drop out of the open group as newer ones arrive). Returns the
 * closed groups and the open group's progress. Pure, so the rules page and the sink agree on what counts.
 */
export function groupOrdersIntoUnlocks(orders: CountedOrder[], eligibility: GameEligibility, now = new Date()) {
  const closed: string[][] = [];
  let open: CountedOrder[] = [];
  for (const order of orders) {
    if (eligibility.windowDays !== null) open = open.filter((kept) => order.placedAt.getTime() - kept.placedAt.getTime() <= eligibility.windowDays! * DAY_MS);
    open.push(order);
    const keys = new Set(open.map((kept) => uniqueKeyOf(kept, eligibility.uniqueBy)));
    if (keys.size >= eligibility.ordersRequired) {
      closed.push(open.map((kept) => kept.id));
      open = [];
    }
  }
  // Progress counts what can still close a group: orders that have not left the window by now.
  if (eligibility.windowDays !== null) open = open.filter((kept) => now.getTime() - kept.placedAt.getTime() <= eligibility.windowDays! * DAY_MS);
  return { closed, progress: new Set(open.map((kept) => uniqueKeyOf(kept, eligibility.uniqueBy))).size };
}

/** The customer's orders that count for the campaign and no unlock has used yet, oldest first. */
async function readCountableOrders(tx: Database, campaign: CampaignRow, contactId: string) {
  const used = await tx.select({ orderIds: u.orderIds }).from(u).where(and(eq(u.campaignId, campaign.id), eq(u.contactId, contactId)));
  const consumed = new Set(used.flatMap((row) => row.orderIds));
  const rows = await tx.select({ id: o.id, placedAt: o.placedAt }).from(o).where(and(
    eq(o.accountId, campaign.accountId), eq(o.contactId, contactId), isNull(o.cancelledAt), ne(o.status, 'cancelled'),
    campaign.startsAt ? gte(o.placedAt, campaign.startsAt) : undefined, campaign.endsAt ? lte(o.placedAt, campaign.endsAt) : undefined,
    campaign.eligibility.minOrderMinor !== null ? gte(o.totalMinor, campaign.eligibility.minOrderMinor) : undefined,
  )).orderBy(asc(o.placedAt), asc(o.id));
  return rows.filter((row) => !consumed.has(row.id));
}

async function nextSequence(tx: Database, campaignId: string, contactId: string) {
  const [row] = await tx.select({ n: sql<number>`coalesce(max(${u.sequence}), 0)::int` }).from(u).where(and(eq(u.campaignId, campaignId), eq(u.contactId, contactId)));
  return (row?.n ?? 0) + 1;
}

async function insertUnlock(tx: Database, campaign: CampaignRow, contactId: string, source: string, orderIds: string[]) {
  const sequence = await nextSequence(tx, campaign.id, contactId);
  const [row] = await tx.insert(u).values({ accountId: campaign.accountId, campaignId: campaign.id, contactId, sequence, source, orderIds }).onConflictDoNothing().returning();
  if (!row) return null;
  await recordCustomerEvents(tx, campaign.accountId, [{
    contactId, kind: 'system', name: 'game.unlocked', source: 'system', messageId: `game.unlocked:${row.id}`, touchpoint: { kind: 'game', id: campaign.id },
    properties: { campaignId: campaign.id, campaignName: campaign.name, campaignSlug: campaign.slug, unlockId: row.id, sequence, source, orderCount: orderIds.length },
  }]);
  return row;
}

/**
 * Unlocks plays the customer's orders have earned in every open order game of the account, exactly once: under
 * the customer's lock, orders already used by an unlock never count again, and (campaign, customer, sequence) is
 * unique. Safe to run again for the same orders (the outbox sink may).
 */
export async function evaluateOrderUnlocks(tx: Database, accountId: string, contactIds: string[]) {
  if (contactIds.length === 0) return [];
  const campaigns = (await tx.select().from(g).where(and(eq(g.accountId, accountId), eq(g.kind, 'order_game'), eq(g.status, 'live')))).filter((row) => isCampaignOpen(row));
  const created = [];
  for (const campaign of campaigns) {
    for (const contactId of [...new Set(contactIds)].sort()) {
      await lockCustomerGame(tx, campaign.id, contactId);
      const { closed } = groupOrdersIntoUnlocks(await readCountableOrders(tx, campaign, contactId), campaign.eligibility);
      for (const orderIds of closed) {
        const row = await insertUnlock(tx, campaign, contactId, 'orders', orderIds);
        if (row) created.push(serializeUnlock(row));
      }
    }
  }
  return created;
}

/**
 * The outbox sink (background.ts `listEventSinks`): orders placed or changed may unlock plays. Each account runs in
 * a savepoint, so a failure is reported and skipped without failing the other sinks' batch.
 */
export function createGameUnlockSink(options: { onError?: (error: unknown, accountId: string) => void } = {}) {
  return async (tx: Database, events: PublishedEvent[]) => {
    const byAccount = new Map<string, string[]>();
    for (const event of events) {
      if (event.type !== 'order.placed' && event.type !== 'order.updated') continue;
      const contactId = (event.payload as { contactId?: string | null }).contactId;
      if (contactId) byAccount.set(event.accountId, [...(byAccount.get(event.accountId) ?? []), contactId]);
    }
    for (const [accountId, contactIds] of byAccount) {
      try {
        await tx.transaction((sp) => evaluateOrderUnlocks(sp, accountId, contactIds));
      } catch (error) {
        options.onError?.(error, accountId);
      }
    }
  };
}

/** How far the customer is towards the next unlock of an order game (unique orders counted so far). */
export async function readUnlockProgress(db: Database, campaign: CampaignRow, contactId: string) {
  const { progress } = groupOrdersIntoUnlocks(await readCountableOrders(db, campaign, contactId), campaign.eligibility);
  return { counted: progress, required: campaign.eligibility.ordersRequired };
}

/**
 * One more unlock for a customer outside the order rule: `draw` (a customer enters an open draw; at most one
 * unplayed entry at a time), `alternative` (a no-purchase-necessary entry staff recorded) or `manual`.
 */
export async function grantUnlock(db: Database, accountId: string, campaignId: string, contactId: string, source: 'draw' | 'alternative' | 'manual') {
  return db.transaction(async (tx) => {
    const campaign = await requireCampaignRow(tx, accountId, campaignId);
    if (!isCampaignOpen(campaign)) throw conflict('This game is not open for plays.');
    if (source === 'draw' && campaign.kind !== 'draw') throw notFound('draw');
    await lockCustomerGame(tx, campaign.id, contactId);
    if (source === 'draw') {
      const [open] = await tx.select({ id: u.id }).from(u).where(and(eq(u.campaignId, campaign.id), eq(u.contactId, contactId),
        sql`not exists (select 1 from ${schema.gamePlays} p where p.unlock_id = ${u.id} and p.status = 'played')`)).limit(1);
      if (open) {
        const [row] = await tx.select().from(u).where(eq(u.id, open.id));
        return serializeUnlock(row!);
      }
    }
    const row = await insertUnlock(tx, campaign, contactId, source, []);
    if (!row) throw conflict('Another unlock was recorded at the same moment; try again.');
    return serializeUnlock(row);
  });
}

export async function listContactUnlocks(db: Database, accountId: string, contactId: string, campaignIds: string[]) {
  if (campaignIds.length === 0) return [];
  return db.select().from(u).where(and(eq(u.accountId, accountId), eq(u.contactId, contactId), inArray(u.campaignId, campaignIds))).orderBy(asc(u.unlockedAt));
}
