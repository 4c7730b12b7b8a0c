/* Tables of the gifts domain (issue 8): gift campaigns, gifts, and the recipients' reactions. Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, id, updatedAt } from './schema-columns.ts';

export type GiftStatus = 'scheduled' | 'delivered' | 'opened' | 'claimed' | 'swapped' | 'reacted' | 'expired' | 'cancelled';
export type GiftCampaignStatus = 'draft' | 'live' | 'paused' | 'ended';
export type GiftReactionKind = 'photo' | 'video' | 'text';

/** What a gift holds: a code from a coupon pool (issued at claim), a product the shop fulfils, or a card (the message alone). */
export type GiftItem =
  | { kind: 'voucher'; poolId: string; title?: string }
  | { kind: 'product'; title: string; sku?: string; imageUrl?: string; valueMinor?: number; currency?: string }
  | { kind: 'card' };

/**
 * A brand's gift campaign ("send a free drink to someone in another country"): `sentCount` counts gifts holding one
 * unit of `stock` (null = unlimited); a cancelled or expired gift gives its unit back. `swapOptions` are what a
 * recipient may take instead of `item`.
 */
export const giftCampaigns = pgTable('gift_campaigns', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  status: text('status').$type<GiftCampaignStatus>().notNull().default('draft'),
  item: jsonb('item').$type<GiftItem>().notNull(),
  swapOptions: jsonb('swap_options').$type<GiftItem[]>().notNull().default([]),
  stock: integer('stock'),
  sentCount: integer('sent_count').notNull().default(0),
  perPersonLimit: integer('per_person_limit').notNull().default(1),
  requireOtherCountry: boolean('require_other_country').notNull().default(false),
  claimDays: integer('claim_days').notNull().default(14),
  startsAt: timestamp('starts_at', { withTimezone: true }),
  endsAt: timestamp('ends_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('gift_campaigns_account_idx').on(t.accountId, t.createdAt),
  check('gift_campaigns_status_check', sql`${t.status} IN ('draft', 'live', 'paused', 'ended')`),
  check('gift_campaigns_stock_check', sql`${t.stock} IS NULL OR ${t.sentCount} <= ${t.stock}`),
  check('gift_campaigns_sent_check', sql`${t.sentCount} >= 0`),
]);

/**
 * One gift. `reference` is the sender's idempotency key. The claim token is stored only as its SHA-256
 * (`tokenHash`); `pendingToken` holds the raw token while a scheduled gift waits for delivery (the message needs the
 * link) and is cleared once delivered.
 */
export const gifts = pgTable('gifts', {
  id: id(),
  accountId: accountRef(),
  campaignId: uuid('campaign_id').references(() => giftCampaigns.id, { onDelete: 'set null' }),
  reference: text('reference').notNull(),
  senderKind: text('sender_kind').$type<'contact' | 'agent'>().notNull(),
  senderContactId: uuid('sender_contact_id'),
  senderUserId: uuid('sender_user_id'),
  conversationId: uuid('conversation_id'),
  senderName: text('sender_name').notNull(),
  senderCountry: text('sender_country'),
  recipientContactId: uuid('recipient_contact_id'),
  recipientEmail: text('recipient_email'),
  recipientPhone: text('recipient_phone'),
  recipientName: text('recipient_name'),
  recipientCountry: text('recipient_country'),
  channel: text('channel').$type<'email' | 'sms' | 'whatsapp' | 'link'>().notNull(),
  deliveryResult: text('delivery_result'),
  item: jsonb('item').$type<GiftItem>().notNull(),
  claimedItem: jsonb('claimed_item').$type<GiftItem>(),
  message: text('message').notNull().default(''),
  locale: text('locale').notNull().default('en'),
  status: text('status').$type<GiftStatus>().notNull(),
  tokenHash: text('token_hash').notNull(),
  pendingToken: text('pending_token'),
  couponId: uuid('coupon_id'),
  couponCode: text('coupon_code'),
  deliverAt: timestamp('deliver_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  reactedAt: timestamp('reacted_at', { withTimezone: true }),
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('gifts_account_reference_key').on(t.accountId, t.reference),
  uniqueIndex('gifts_token_hash_key').on(t.tokenHash),
  index('gifts_account_created_idx').on(t.accountId, t.createdAt),
  index('gifts_sender_contact_idx').on(t.accountId, t.senderContactId, t.createdAt),
  index('gifts_campaign_idx').on(t.campaignId, t.senderContactId),
  index('gifts_due_idx').on(t.deliverAt).where(sql`status = 'scheduled'`),
  index('gifts_open_expiry_idx').on(t.expiresAt).where(sql`status IN ('delivered', 'opened')`),
  check('gifts_status_check', sql`${t.status} IN ('scheduled', 'delivered', 'opened', 'claimed', 'swapped', 'reacted', 'expired', 'cancelled')`),
  check('gifts_sender_kind_check', sql`${t.senderKind} IN ('contact', 'agent')`),
  check('gifts_channel_check', sql`${t.channel} IN ('email', 'sms', 'whatsapp', 'link')`),
]);

/**
 * The recipient's one reaction to a gift: a photo or a short video (bytes in the reaction file store under
 * `storageKey`, type checked from the bytes) or a text. `shareSlug` is set when the giver publishes it.
 */
export const giftReactions = pgTable('gift_reactions', {
  id: id(),
  accountId: accountRef(),
  giftId: uuid('gift_id').notNull().references(() => gifts.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<GiftReactionKind>().notNull(),
  text: text('text').notNull().default(''),
  contentType: text('content_type'),
  byteSize: integer('byte_size'),
  durationMs: integer('duration_ms'),
  storageKey: text('storage_key'),
  shareSlug: text('share_slug'),
  sharedAt: timestamp('shared_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('gift_reactions_gift_key').on(t.giftId),
  uniqueIndex('gift_reactions_share_slug_key').on(t.shareSlug),
  check('gift_reactions_kind_check', sql`${t.kind} IN ('photo', 'video', 'text')`),
]);
