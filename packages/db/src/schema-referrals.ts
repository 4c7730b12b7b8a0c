/* Tables of the referrals domain (issue 8): referral programs, codes, clicks, referrals, review asks. Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
// Circular with schema.ts (which re-exports this file): only used inside `references(() => ...)`, evaluated lazily.
import { accounts, contacts } from './schema.ts';
import { accountRef, createdAt, id, updatedAt } from './schema-columns.ts';

export type ReferralProgramStatus = 'draft' | 'live' | 'paused';
/** What one side of a referral gets: points on the ledger, or one code of a coupon pool. */
export type ReferralReward = { kind: 'points'; points: number } | { kind: 'coupon'; poolId: string } | { kind: 'none' };
export type ReferralStatus = 'pending' | 'rewarded' | 'rejected';
/** A reward as it was granted: the points entry or the coupon code, for the console and the portal. */
export interface GrantedReward { kind: 'points' | 'coupon'; points?: number; entryId?: string; couponId?: string; code?: string; grantedAt: string; /** Set when nothing could be granted (the pool ran out). */ failed?: 'out_of_stock' }
export type ReviewAskStatus = 'pending' | 'sent' | 'suppressed' | 'deferred';
export interface ReviewPlatform { id: string; name: string; url: string; /** null: every language. */ locale: 'en' | 'ja' | 'zh' | null }

/**
 * One program per account. `ipSalt` is random per account: click IPs are stored only as HMAC-SHA256 with it.
 * Caps: at most `capPerReferrer` rewarded referrals per referrer in any `capPeriodDays` (null: no cap).
 */
export const referralPrograms = pgTable('referral_programs', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  status: text('status').$type<ReferralProgramStatus>().notNull().default('draft'),
  referrerReward: jsonb('referrer_reward').$type<ReferralReward>().notNull(),
  friendReward: jsonb('friend_reward').$type<ReferralReward>().notNull(),
  minOrderMinor: integer('min_order_minor'),
  currency: text('currency'),
  attributionDays: integer('attribution_days').notNull().default(30),
  capPerReferrer: integer('cap_per_referrer'),
  capPeriodDays: integer('cap_period_days').notNull().default(30),
  /** Same IP hash as the referrer's within this many days counts as the same person. */
  ipWindowDays: integer('ip_window_days').notNull().default(30),
  offerText: jsonb('offer_text').$type<Partial<Record<'en' | 'ja' | 'zh', string>>>().notNull().default({}),
  ipSalt: text('ip_salt').notNull(),
  updatedAt: updatedAt(),
}, (t) => [
  check('referral_programs_status_check', sql`${t.status} IN ('draft', 'live', 'paused')`),
]);

/** A contact's own code: stable, unguessable, unique across accounts (the landing `/r/<code>` carries no account). */
export const referralCodes = pgTable('referral_codes', {
  id: id(),
  accountId: accountRef(),
  contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
  code: text('code').notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('referral_codes_code_key').on(t.code),
  uniqueIndex('referral_codes_contact_key').on(t.accountId, t.contactId),
]);

/**
 * Where a person was seen: a click on a link (`kind` click) or the referrer opening their own page (`referrer`).
 * `deviceHash` = SHA-256 of the device id cookie and the user agent; `ipHash` = HMAC of the IP; no raw IP is kept.
 */
export const referralSightings = pgTable('referral_sightings', {
  id: id(),
  accountId: accountRef(),
  codeId: uuid('code_id').notNull().references(() => referralCodes.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<'click' | 'referrer'>().notNull(),
  deviceId: text('device_id'),
  deviceHash: text('device_hash'),
  ipHash: text('ip_hash'),
  createdAt: createdAt(),
}, (t) => [
  index('referral_sightings_code_idx').on(t.codeId, t.kind, t.createdAt),
  index('referral_sightings_account_idx').on(t.accountId, t.createdAt),
  check('referral_sightings_kind_check', sql`${t.kind} IN ('click', 'referrer')`),
]);

/**
 * A friend attributed to a referrer. Rejected referrals keep their reason (and a detail for the console). A friend
 * has at most one referral that is not rejected, ever (`referrals_friend_key`); rewards are granted once each, marked
 * by `friendRewardedAt` / `referrerRewardedAt` under a conditional update.
 */
export const referrals = pgTable('referrals', {
  id: id(),
  accountId: accountRef(),
  codeId: uuid('code_id').notNull().references(() => referralCodes.id, { onDelete: 'cascade' }),
  referrerContactId: uuid('referrer_contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
  friendContactId: uuid('friend_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
  clickId: uuid('click_id'),
  status: text('status').$type<ReferralStatus>().notNull().default('pending'),
  rejectionReason: text('rejection_reason'),
  rejectionDetail: text('rejection_detail'),
  source: text('source').$type<'landing' | 'checkout' | 'portal'>().notNull(),
  deviceHash: text('device_hash'),
  ipHash: text('ip_hash'),
  addressHash: text('address_hash'),
  orderId: uuid('order_id'),
  orderTotalMinor: integer('order_total_minor'),
  friendReward: jsonb('friend_reward').$type<GrantedReward>(),
  referrerReward: jsonb('referrer_reward').$type<GrantedReward>(),
  friendRewardedAt: timestamp('friend_rewarded_at', { withTimezone: true }),
  referrerRewardedAt: timestamp('referrer_rewarded_at', { withTimezone: true }),
  convertedAt: timestamp('converted_at', { withTimezone: true }),
  /** The qualifying order was refunded or cancelled: the referrer's points were reversed, an unused coupon voided. */
  reversedAt: timestamp('reversed_at', { withTimezone: true }),
  reversalNote: text('reversal_note'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('referrals_friend_key').on(t.accountId, t.friendContactId).where(sql`status <> 'rejected' and friend_contact_id is not null`),
  index('referrals_account_idx').on(t.accountId, t.createdAt),
  index('referrals_referrer_idx').on(t.accountId, t.referrerContactId, t.createdAt),
  check('referrals_status_check', sql`${t.status} IN ('pending', 'rewarded', 'rejected')`),
]);

/** Where and when to ask a happy customer for a public review or a share. */
export const reviewSettings = pgTable('review_settings', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  platforms: jsonb('platforms').$type<ReviewPlatform[]>().notNull().default([]),
  shareText: jsonb('share_text').$type<Partial<Record<'en' | 'ja' | 'zh', string>>>().notNull().default({}),
  csatMin: integer('csat_min').notNull().default(4),
  npsMin: integer('nps_min').notNull().default(9),
  cooldownDays: integer('cooldown_days').notNull().default(90),
  channel: text('channel').$type<'email' | 'in_app'>().notNull().default('email'),
  updatedAt: updatedAt(),
}, (t) => [
  check('review_settings_channel_check', sql`${t.channel} IN ('email', 'in_app')`),
]);

/** One ask, made from one high answer (`responseId`, once); `token` is the tracked redirect's key. */
export const reviewAsks = pgTable('review_asks', {
  id: id(),
  accountId: accountRef(),
  contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
  responseId: uuid('response_id').notNull(),
  surveyKind: text('survey_kind').notNull(),
  score: integer('score').notNull(),
  channel: text('channel').$type<'email' | 'in_app'>().notNull(),
  token: text('token').notNull(),
  status: text('status').$type<ReviewAskStatus>().notNull().default('pending'),
  suppressionReason: text('suppression_reason'),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  clickedAt: timestamp('clicked_at', { withTimezone: true }),
  clickedPlatform: text('clicked_platform'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('review_asks_response_key').on(t.accountId, t.responseId),
  uniqueIndex('review_asks_token_key').on(t.token),
  index('review_asks_contact_idx').on(t.accountId, t.contactId, t.createdAt),
  index('review_asks_pending_idx').on(t.createdAt).where(sql`status = 'pending'`),
  check('review_asks_status_check', sql`${t.status} IN ('pending', 'sent', 'suppressed', 'deferred')`),
]);
