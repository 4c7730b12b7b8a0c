import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type GiftItem, schema } from '@touchpoint/db';

export type GiftRow = typeof schema.gifts.$inferSelect;
export type GiftCampaignRow = typeof schema.giftCampaigns.$inferSelect;
export type GiftReactionRow = typeof schema.giftReactions.$inferSelect;
export type GiftLocale = 'en' | 'ja' | 'zh';

export const GIFT_LOCALES = ['en', 'ja', 'zh'] as const;
export const MAX_GIFT_MESSAGE_LENGTH = 1000;
/** A gift nobody claims lapses after this many days from delivery, unless its campaign says otherwise. */
export const DEFAULT_CLAIM_DAYS = 14;
/** The reminder goes out once, this long before a gift lapses. */
export const REMINDER_BEFORE_MS = 2 * 24 * 3600_000;

export const GiftItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('voucher'), poolId: z.uuid(), title: z.string().trim().min(1).max(120).optional() }),
  z.strictObject({
    kind: z.literal('product'), title: z.string().trim().min(1, 'must not be empty').max(120), sku: z.string().trim().max(80).optional(),
    imageUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(), valueMinor: z.number().int().min(0).max(100_000_000).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code').optional(),
  }),
  z.strictObject({ kind: z.literal('card') }),
]);

/** A claim token: 32 random bytes, base64url; only its SHA-256 is kept once the gift is delivered. */
export function mintClaimToken() {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashClaimToken(token) };
}

export const hashClaimToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const isClaimTokenShaped = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
export const claimPathOf = (token: string) => `/gift/${token}`;

/** A human label for an item, in the item's own words (a voucher without a title says so). */
export function describeItem(item: GiftItem): string {
  if (item.kind === 'product') return item.title;
  if (item.kind === 'voucher') return item.title ?? 'Voucher';
  return 'Card';
}

export function serializeCampaign(row: GiftCampaignRow) {
  return {
    id: row.id, name: row.name, description: row.description, status: row.status, item: row.item, swapOptions: row.swapOptions,
    stock: row.stock, sentCount: row.sentCount, remaining: row.stock === null ? null : row.stock - row.sentCount, perPersonLimit: row.perPersonLimit,
    requireOtherCountry: row.requireOtherCountry, claimDays: row.claimDays, startsAt: row.startsAt?.toISOString() ?? null, endsAt: row.endsAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

export function serializeReaction(row: GiftReactionRow) {
  return {
    id: row.id, kind: row.kind, text: row.text, contentType: row.contentType, byteSize: row.byteSize, durationMs: row.durationMs,
    shared: row.shareSlug !== null, sharePath: row.shareSlug ? `/gift/reaction/${row.shareSlug}` : null, createdAt: row.createdAt.toISOString(),
  };
}

/** A gift as the giver and the console see it (never its token). */
export function serializeGift(row: GiftRow, reaction: GiftReactionRow | null = null) {
  return {
    id: row.id, campaignId: row.campaignId, senderKind: row.senderKind, senderContactId: row.senderContactId, senderUserId: row.senderUserId, conversationId: row.conversationId,
    senderName: row.senderName, recipientContactId: row.recipientContactId, recipientEmail: row.recipientEmail, recipientPhone: row.recipientPhone, recipientName: row.recipientName,
    recipientCountry: row.recipientCountry, channel: row.channel, deliveryResult: row.deliveryResult, item: row.item, claimedItem: row.claimedItem, message: row.message,
    locale: row.locale, status: row.status, couponCode: row.couponCode, deliverAt: row.deliverAt.toISOString(), expiresAt: row.expiresAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null, openedAt: row.openedAt?.toISOString() ?? null, claimedAt: row.claimedAt?.toISOString() ?? null,
    reactedAt: row.reactedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(), reaction: reaction ? serializeReaction(reaction) : null,
  };
}
