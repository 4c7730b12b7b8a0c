import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { OutreachPort, OutreachResult } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { releaseCampaignUnit } from './gift-campaigns.ts';
import { composeGiftMessage, composeGiftReminder } from './gift-copy.ts';
import { claimPathOf, type GiftRow, REMINDER_BEFORE_MS } from './gift-model.ts';

const g = schema.gifts;

export interface GiftDeliveryDeps {
  outreach: Pick<OutreachPort, 'send'>;
  /** The absolute claim URL of a path such as `/gift/<token>`. */
  absoluteUrl: (path: string) => string;
}

const resultText = (result: OutreachResult) => (result.status === 'suppressed' ? `suppressed:${result.reason}` : result.status === 'deferred' ? `deferred:${result.reason}` : result.status);

async function businessName(db: Database, accountId: string) {
  const [row] = await db.select({ name: schema.accounts.name }).from(schema.accounts).where(eq(schema.accounts.id, accountId));
  return row?.name ?? '';
}

/**
 * Delivers one due gift. Messages go through outreach as TRANSACTIONAL (a person chose to send this to this
 * recipient): an explicit no on the channel still blocks it, caps and quiet hours do not; the dedupe key makes a
 * retry after a crash a no-op. A suppressed message still delivers the gift: the giver can share its link.
 */
async function deliverOne(db: Database, deps: GiftDeliveryDeps, gift: GiftRow, now: Date) {
  let deliveryResult = gift.channel === 'link' ? 'link' : null;
  if (gift.channel !== 'link' && gift.recipientContactId && gift.pendingToken) {
    const content = composeGiftMessage({
      locale: gift.locale, senderName: gift.senderName, businessName: await businessName(db, gift.accountId), message: gift.message, url: deps.absoluteUrl(claimPathOf(gift.pendingToken)),
    });
    const result = await deps.outreach.send({
      accountId: gift.accountId, contactId: gift.recipientContactId, channel: gift.channel, content, touchpoint: { kind: 'gift', id: gift.id },
      dedupeKey: `gift:${gift.id}:delivery`, transactional: true,
    });
    deliveryResult = resultText(result);
  }
  await db.transaction(async (tx) => {
    const [row] = await tx.update(g).set({ status: 'delivered', deliveredAt: now, deliveryResult }).where(and(eq(g.id, gift.id), eq(g.status, 'scheduled'))).returning();
    if (row?.recipientContactId) {
      await recordCustomerEvents(tx, row.accountId, [{
        contactId: row.recipientContactId, kind: 'system', name: 'gift.received', source: 'system', occurredAt: now, touchpoint: { kind: 'gift', id: row.id },
        properties: { giftId: row.id, campaignId: row.campaignId, senderName: row.senderName, channel: row.channel, delivery: deliveryResult },
      }]);
    }
  });
}

/** Gifts due for delivery (every account, or the one `giftId` right after it was sent), oldest first. */
export async function deliverDueGifts(db: Database, deps: GiftDeliveryDeps, now = new Date(), limit = 100, giftId?: string) {
  const due = await db.select().from(g)
    .where(and(eq(g.status, 'scheduled'), lte(g.deliverAt, now), giftId ? eq(g.id, giftId) : undefined))
    .orderBy(asc(g.deliverAt)).limit(limit);
  for (const gift of due) await deliverOne(db, deps, gift, now);
  return due.length;
}

/**
 * One reminder per unclaimed gift, two days before it lapses, to a recipient the business knows. Unlike the
 * delivery it is a nudge, so it goes as marketing: consent, caps and quiet hours all apply.
 */
export async function remindUnclaimedGifts(db: Database, deps: GiftDeliveryDeps, now = new Date(), limit = 100) {
  const due = await db.select().from(g).where(and(
    inArray(g.status, ['delivered', 'opened']), isNull(g.remindedAt), sql`${g.channel} <> 'link'`, sql`${g.recipientContactId} IS NOT NULL`,
    lte(g.expiresAt, new Date(now.getTime() + REMINDER_BEFORE_MS)), sql`${g.expiresAt} > ${now.toISOString()}::timestamptz`,
  )).orderBy(asc(g.expiresAt)).limit(limit);
  for (const gift of due) {
    const [claimedNow] = await db.update(g).set({ remindedAt: now }).where(and(eq(g.id, gift.id), isNull(g.remindedAt))).returning({ id: g.id });
    if (!claimedNow) continue;
    const content = composeGiftReminder({ locale: gift.locale, senderName: gift.senderName, expiresAt: gift.expiresAt, url: gift.pendingToken ? deps.absoluteUrl(claimPathOf(gift.pendingToken)) : null });
    await deps.outreach.send({
      accountId: gift.accountId, contactId: gift.recipientContactId!, channel: gift.channel === 'link' ? 'email' : gift.channel, content,
      touchpoint: { kind: 'gift', id: gift.id }, dedupeKey: `gift:${gift.id}:reminder`,
    });
  }
  return due.length;
}

/** Unclaimed gifts past their expiry lapse: the raw token is dropped, the campaign unit goes back, the giver is told. */
export async function expireGifts(db: Database, now = new Date()) {
  return db.transaction(async (tx) => {
    const lapsed = await tx.update(g).set({ status: 'expired', endedAt: now, pendingToken: null })
      .where(and(inArray(g.status, ['scheduled', 'delivered', 'opened']), lte(g.expiresAt, now))).returning();
    for (const gift of lapsed) if (gift.campaignId) await releaseCampaignUnit(tx, gift.accountId, gift.campaignId);
    const byAccount = new Map<string, GiftRow[]>();
    for (const gift of lapsed.filter((row) => row.senderContactId)) byAccount.set(gift.accountId, [...(byAccount.get(gift.accountId) ?? []), gift]);
    for (const [accountId, rows] of byAccount) {
      await recordCustomerEvents(tx, accountId, rows.map((gift) => ({
        contactId: gift.senderContactId, kind: 'system' as const, name: 'gift.expired', source: 'system' as const, occurredAt: now, touchpoint: { kind: 'gift' as const, id: gift.id }, properties: { giftId: gift.id },
      })));
    }
    return lapsed.length;
  });
}
