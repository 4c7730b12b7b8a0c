import { z } from 'zod';
import { GIFT_LOCALES, GiftItemSchema, MAX_GIFT_MESSAGE_LENGTH } from '@touchpoint/gifts';
import { IsoDateSchema } from './schemas.ts';

/** Shapes shared by the gift routes (console, portal, public claim). */
export { GiftItemSchema };
export const GiftLocaleSchema = z.enum(GIFT_LOCALES);
export const GIFT_STATUSES = ['scheduled', 'delivered', 'opened', 'claimed', 'swapped', 'reacted', 'expired', 'cancelled'] as const;
export const CountrySchema = z.string().regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166 country code');
export const FutureDateSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
export const GiftMessageSchema = z.string().trim().max(MAX_GIFT_MESSAGE_LENGTH).default('');
export const RecipientSchema = z.strictObject({
  email: z.string().trim().max(254).optional(), phone: z.string().trim().max(40).optional(), name: z.string().trim().max(120).optional(), country: CountrySchema.optional(),
});
export const ReferenceSchema = z.string().trim().min(8, 'must be 8–200 characters').max(200);

const ItemOutSchema = z.record(z.string(), z.unknown()).describe('a gift item: { kind: voucher | product | card, … }');
export const ReactionSchema = z.object({
  id: z.string(), kind: z.enum(['photo', 'video', 'text']), text: z.string(), contentType: z.string().nullable(), byteSize: z.number().nullable(),
  durationMs: z.number().nullable(), shared: z.boolean(), sharePath: z.string().nullable(), createdAt: IsoDateSchema,
});
export const GiftSchema = z.object({
  id: z.string(), campaignId: z.string().nullable(), senderKind: z.enum(['contact', 'agent']), senderContactId: z.string().nullable(), senderUserId: z.string().nullable(),
  conversationId: z.string().nullable(), senderName: z.string(), recipientContactId: z.string().nullable(), recipientEmail: z.string().nullable(), recipientPhone: z.string().nullable(),
  recipientName: z.string().nullable(), recipientCountry: z.string().nullable(), channel: z.enum(['email', 'sms', 'whatsapp', 'link']), deliveryResult: z.string().nullable(),
  item: ItemOutSchema, claimedItem: ItemOutSchema.nullable(), message: z.string(), locale: z.string(), status: z.enum(GIFT_STATUSES), couponCode: z.string().nullable(),
  deliverAt: IsoDateSchema, expiresAt: IsoDateSchema, deliveredAt: IsoDateSchema.nullable(), openedAt: IsoDateSchema.nullable(), claimedAt: IsoDateSchema.nullable(),
  reactedAt: IsoDateSchema.nullable(), createdAt: IsoDateSchema, reaction: ReactionSchema.nullable(),
});
export const CampaignSchema = z.object({
  id: z.string(), name: z.string(), description: z.string(), status: z.enum(['draft', 'live', 'paused', 'ended']), item: ItemOutSchema, swapOptions: z.array(ItemOutSchema),
  stock: z.number().nullable(), sentCount: z.number(), remaining: z.number().nullable(), perPersonLimit: z.number(), requireOtherCountry: z.boolean(), claimDays: z.number(),
  startsAt: IsoDateSchema.nullable(), endsAt: IsoDateSchema.nullable(), createdAt: IsoDateSchema, updatedAt: IsoDateSchema,
});
export const SendResultSchema = z.object({ giftId: z.string(), claimUrl: z.string().describe('the claim page’s path, /gift/<token>'), replayed: z.boolean() });
export const RecipientViewSchema = z.object({
  giftId: z.string(), businessName: z.string(), senderName: z.string(), recipientName: z.string().nullable(), message: z.string(), locale: z.string(),
  status: z.enum(GIFT_STATUSES), item: ItemOutSchema, itemTitle: z.string(), claimedItem: ItemOutSchema.nullable(),
  swapOptions: z.array(z.object({ index: z.number(), item: ItemOutSchema, title: z.string() })), requireCountry: z.boolean(), couponCode: z.string().nullable(),
  deliverAt: IsoDateSchema, expiresAt: IsoDateSchema, reaction: ReactionSchema.nullable(),
});
