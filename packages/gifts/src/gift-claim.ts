import { and, eq } from 'drizzle-orm';
import { AppError, notFound, validationFailed } from '@touchpoint/core';
import { type Database, type GiftItem, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { issueCoupon } from '@touchpoint/rewards';
import { describeItem, type GiftRow, hashClaimToken, isClaimTokenShaped, serializeReaction } from './gift-model.ts';

const g = schema.gifts;

export const alreadyClaimed = () => new AppError('already_claimed', 'Already claimed', 'This gift has already been claimed.');
export const giftExpired = () => new AppError('gift_expired', 'Gift expired', 'This gift has expired and can no longer be claimed.');

/** The gift a claim token opens (any account: the token is the key); 404 for a malformed or unknown token. */
export async function findGiftByToken(db: Database, token: string, forUpdate = false): Promise<GiftRow> {
  if (!isClaimTokenShaped(token)) throw notFound('gift');
  const query = db.select().from(g).where(eq(g.tokenHash, hashClaimToken(token)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('gift');
  return row;
}

async function swapOptionsOf(db: Database, gift: GiftRow): Promise<GiftItem[]> {
  if (!gift.campaignId) return [];
  const [campaign] = await db.select({ swapOptions: schema.giftCampaigns.swapOptions, requireOtherCountry: schema.giftCampaigns.requireOtherCountry })
    .from(schema.giftCampaigns).where(and(eq(schema.giftCampaigns.accountId, gift.accountId), eq(schema.giftCampaigns.id, gift.campaignId)));
  return campaign?.swapOptions ?? [];
}

async function requiresOtherCountry(db: Database, gift: GiftRow) {
  if (!gift.campaignId) return false;
  const [campaign] = await db.select({ rule: schema.giftCampaigns.requireOtherCountry }).from(schema.giftCampaigns).where(eq(schema.giftCampaigns.id, gift.campaignId));
  return campaign?.rule ?? false;
}

const isClaimed = (gift: GiftRow) => gift.status === 'claimed' || gift.status === 'swapped' || gift.status === 'reacted';

/** What the recipient's page shows: never the recipient's address or the giver's contact details. */
export async function describeGiftForRecipient(db: Database, gift: GiftRow, now = new Date()) {
  const [account] = await db.select({ name: schema.accounts.name }).from(schema.accounts).where(eq(schema.accounts.id, gift.accountId));
  const [reaction] = await db.select().from(schema.giftReactions).where(eq(schema.giftReactions.giftId, gift.id));
  const lapsed = !isClaimed(gift) && gift.status !== 'cancelled' && gift.expiresAt <= now;
  return {
    giftId: gift.id, businessName: account?.name ?? '', senderName: gift.senderName, recipientName: gift.recipientName, message: gift.message, locale: gift.locale,
    status: lapsed ? 'expired' as const : gift.status, item: gift.item, itemTitle: describeItem(gift.item), claimedItem: gift.claimedItem,
    swapOptions: isClaimed(gift) ? [] : (await swapOptionsOf(db, gift)).map((item, index) => ({ index, item, title: describeItem(item) })),
    requireCountry: !isClaimed(gift) && (await requiresOtherCountry(db, gift)), couponCode: gift.couponCode,
    deliverAt: gift.deliverAt.toISOString(), expiresAt: gift.expiresAt.toISOString(), reaction: reaction ? serializeReaction(reaction) : null,
  };
}

/** The recipient opens the link: a delivered gift becomes opened (once; `gift.opened` on the recipient's timeline). */
export async function openGift(db: Database, token: string, now = new Date()) {
  const gift = await findGiftByToken(db, token);
  if (gift.status === 'delivered' && gift.expiresAt > now) {
    const opened = await db.transaction(async (tx) => {
      const [row] = await tx.update(g).set({ status: 'opened', openedAt: now }).where(and(eq(g.id, gift.id), eq(g.status, 'delivered'))).returning();
      if (row?.recipientContactId) {
        await recordCustomerEvents(tx, row.accountId, [{ contactId: row.recipientContactId, kind: 'system', name: 'gift.opened', source: 'system', occurredAt: now, touchpoint: { kind: 'gift', id: row.id }, properties: { giftId: row.id } }]);
      }
      return row;
    });
    return describeGiftForRecipient(db, opened ?? gift, now);
  }
  return describeGiftForRecipient(db, gift, now);
}

export interface AcceptGiftInput {
  /** Take `swapOptions[swapIndex]` of the campaign instead of the gift's item. */
  swapIndex?: number;
  /** ISO 3166 alpha-2, required when the campaign's gifts must cross a border. */
  country?: string;
}

/**
 * Claims the gift, exactly once: the row is locked, so of two concurrent claims one wins and the other gets 409
 * already_claimed with nothing changed; 410 gift_expired past its expiry. A voucher issues one code from its pool
 * (in this transaction, so an empty pool refuses the claim and leaves the gift unclaimed).
 */
export async function acceptGift(db: Database, token: string, input: AcceptGiftInput, now = new Date()) {
  const claimed = await db.transaction(async (tx) => {
    const gift = await findGiftByToken(tx, token, true);
    if (isClaimed(gift)) throw alreadyClaimed();
    if (gift.status === 'expired' || gift.status === 'cancelled' || gift.expiresAt <= now) throw giftExpired();
    if (gift.status === 'scheduled') throw new AppError('conflict', 'Not yet', 'This gift has not arrived yet; open the link again once it is delivered.');
    let item = gift.item;
    if (input.swapIndex !== undefined) {
      const options = await swapOptionsOf(tx, gift);
      const option = options[input.swapIndex];
      if (!option) throw validationFailed([{ path: 'swapIndex', message: 'is not one of this gift’s swap options' }]);
      item = option;
    }
    const country = input.country ? input.country.toUpperCase() : null;
    if (await requiresOtherCountry(tx, gift)) {
      if (!country || !/^[A-Z]{2}$/.test(country)) throw validationFailed([{ path: 'country', message: 'tell us which country you are in' }]);
      if (gift.senderCountry && gift.senderCountry === country) throw new AppError('unprocessable', 'Same country', 'This gift was meant to travel: it can be claimed only in another country than the giver’s.');
    }
    let coupon: { id: string; code: string } | null = null;
    if (item.kind === 'voucher') coupon = await issueCoupon(tx, gift.accountId, item.poolId, gift.recipientContactId);
    const [row] = await tx.update(g).set({
      status: input.swapIndex === undefined ? 'claimed' : 'swapped', claimedAt: now, claimedItem: item, recipientCountry: country ?? gift.recipientCountry,
      couponId: coupon?.id ?? null, couponCode: coupon?.code ?? null, pendingToken: null, openedAt: gift.openedAt ?? now,
    }).where(eq(g.id, gift.id)).returning();
    if (row!.recipientContactId) {
      await recordCustomerEvents(tx, row!.accountId, [{
        contactId: row!.recipientContactId, kind: 'system', name: 'gift.claimed', source: 'system', occurredAt: now, touchpoint: { kind: 'gift', id: row!.id },
        properties: { giftId: row!.id, campaignId: row!.campaignId, item: item.kind, swapped: input.swapIndex !== undefined, senderName: row!.senderName },
      }]);
    }
    return row!;
  });
  return describeGiftForRecipient(db, claimed, now);
}
