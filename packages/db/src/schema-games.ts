/* Tables of the games domain (issue 8): fair draws, the order game, prize tables, unlocks and plays. Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, id, updatedAt } from './schema-columns.ts';

export type GameKind = 'order_game' | 'draw';
export type GameStatus = 'draft' | 'live' | 'ended';
export type GamePrizeKind = 'free_item' | 'discount' | 'points' | 'try_again';
export type GamePlayStatus = 'committed' | 'played';

/**
 * When an order game unlocks: `ordersRequired` unique orders placed within `windowDays` (rolling; null = the whole
 * campaign), each at least `minOrderMinor` (null = any size). `uniqueBy`: `order` counts distinct orders, `day`
 * counts distinct calendar days (UTC) with an order. Cancelled orders never count.
 */
export interface GameEligibility {
  ordersRequired: number;
  windowDays: number | null;
  uniqueBy: 'order' | 'day';
  minOrderMinor: number | null;
}

/** Caps on plays: per customer over the campaign, per reported device over the campaign, per customer per period. */
export interface GameLimits {
  perCustomer: number | null;
  perDevice: number | null;
  perPeriod: { plays: number; days: number } | null;
}

export const gameCampaigns = pgTable('game_campaigns', {
  id: id(),
  accountId: accountRef(),
  /** The campaign's name in public URLs (`/play/<handle>/<slug>/rules`), unique in the account. */
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<GameKind>().notNull(),
  status: text('status').$type<GameStatus>().notNull().default('draft'),
  startsAt: timestamp('starts_at', { withTimezone: true }),
  endsAt: timestamp('ends_at', { withTimezone: true }),
  eligibility: jsonb('eligibility').$type<GameEligibility>().notNull(),
  limits: jsonb('limits').$type<GameLimits>().notNull(),
  /** Face-down cards shown in the portal (3 or 5); the pick never changes the outcome. */
  cardCount: integer('card_count').notNull().default(3),
  rulesText: text('rules_text').notNull().default(''),
  /** The "no purchase necessary" alternative entry, shown on the rules page when set. */
  alternativeEntry: text('alternative_entry').notNull().default(''),
  /** The most the prizes may cost, in minor units of `currency` (each prize's `valueMinor`); null = no budget. */
  budgetMinor: integer('budget_minor'),
  spentMinor: integer('spent_minor').notNull().default(0),
  currency: text('currency'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('game_campaigns_account_slug_key').on(t.accountId, t.slug),
  index('game_campaigns_account_status_idx').on(t.accountId, t.status),
  check('game_campaigns_kind_check', sql`${t.kind} IN ('order_game', 'draw')`),
  check('game_campaigns_status_check', sql`${t.status} IN ('draft', 'live', 'ended')`),
  check('game_campaigns_budget_check', sql`${t.budgetMinor} IS NULL OR ${t.spentMinor} <= ${t.budgetMinor}`),
]);

/** One line of a prize table: drawn with probability weight / total weight; `awarded` never passes `stock`. */
export const gamePrizes = pgTable('game_prizes', {
  id: id(),
  accountId: accountRef(),
  campaignId: uuid('campaign_id').notNull().references(() => gameCampaigns.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  label: text('label').notNull(),
  kind: text('kind').$type<GamePrizeKind>().notNull(),
  poolId: uuid('pool_id'),
  points: integer('points'),
  weight: integer('weight').notNull(),
  /** null = unlimited. */
  stock: integer('stock'),
  awarded: integer('awarded').notNull().default(0),
  /** What one award costs against the campaign budget, minor units. */
  valueMinor: integer('value_minor').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [
  index('game_prizes_campaign_idx').on(t.campaignId, t.position),
  check('game_prizes_kind_check', sql`${t.kind} IN ('free_item', 'discount', 'points', 'try_again')`),
  check('game_prizes_stock_check', sql`${t.stock} IS NULL OR ${t.awarded} <= ${t.stock}`),
  check('game_prizes_weight_check', sql`${t.weight} >= 0`),
]);

/** One right to play once: earned by orders (`orders`), entered freely (`draw`, `alternative`), or granted by staff. */
export const gameUnlocks = pgTable('game_unlocks', {
  id: id(),
  accountId: accountRef(),
  campaignId: uuid('campaign_id').notNull().references(() => gameCampaigns.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull(),
  /** 1, 2, 3… per customer and campaign: the unique index makes each unlock happen once. */
  sequence: integer('sequence').notNull(),
  source: text('source').notNull(),
  /** The orders this unlock consumed (an order counts towards one unlock only). */
  orderIds: jsonb('order_ids').$type<string[]>().notNull().default([]),
  unlockedAt: timestamp('unlocked_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('game_unlocks_sequence_key').on(t.campaignId, t.contactId, t.sequence),
  index('game_unlocks_contact_idx').on(t.accountId, t.contactId),
]);

/**
 * A play: committed first (server seed drawn, its SHA-256 published with the nonce), then played once with the
 * customer's client seed. `serverSeed` is never shown before `playedAt`.
 */
export const gamePlays = pgTable('game_plays', {
  id: id(),
  accountId: accountRef(),
  campaignId: uuid('campaign_id').notNull().references(() => gameCampaigns.id, { onDelete: 'cascade' }),
  unlockId: uuid('unlock_id').notNull().references(() => gameUnlocks.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull(),
  status: text('status').$type<GamePlayStatus>().notNull().default('committed'),
  algorithm: text('algorithm').notNull(),
  serverSeed: text('server_seed').notNull(),
  serverSeedHash: text('server_seed_hash').notNull(),
  nonce: integer('nonce').notNull(),
  clientSeed: text('client_seed'),
  idempotencyKey: text('idempotency_key'),
  deviceId: text('device_id'),
  roll: doublePrecision('roll'),
  /** The prize the roll drew, and the prize awarded (null when the drawn prize was out of stock or over budget). */
  drawnPrizeId: uuid('drawn_prize_id'),
  prizeId: uuid('prize_id'),
  outcome: text('outcome'),
  /** The prize table as it stood when played (ids, labels, kinds, weights, in order): the receipt maps the roll on it. */
  table: jsonb('prize_table').$type<{ id: string; label: string; kind: GamePrizeKind; weight: number }[]>(),
  couponId: uuid('coupon_id'),
  couponCode: text('coupon_code'),
  points: integer('points'),
  committedAt: timestamp('committed_at', { withTimezone: true }).notNull().defaultNow(),
  playedAt: timestamp('played_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('game_plays_unlock_key').on(t.unlockId),
  uniqueIndex('game_plays_nonce_key').on(t.campaignId, t.contactId, t.nonce),
  index('game_plays_campaign_idx').on(t.campaignId, t.playedAt),
  index('game_plays_device_idx').on(t.campaignId, t.deviceId),
  check('game_plays_status_check', sql`${t.status} IN ('committed', 'played')`),
]);
