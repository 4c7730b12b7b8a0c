/* Tables of the delight domain (issue 8): agents' discretionary budgets and the gestures spent from them. Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, id, updatedAt } from './schema-columns.ts';
import { conversations, users } from './schema.ts';

export type DelightPeriod = 'week' | 'month' | 'quarter';
export type DelightKind = 'gift' | 'voucher' | 'card' | 'points';
/** How the customer was told: by email (sent/deferred), not (suppressed: no address or no consent), or a link only. */
export type DelightDelivery = 'pending' | 'sent' | 'deferred' | 'suppressed' | 'link_only';

/**
 * What an agent may spend per period (UTC calendar week from Monday, month or quarter), in minor units of
 * `currency`. `userId` null is the default for every agent without a budget of their own. `pointValueMinor` is
 * what one point costs against the budget.
 */
export const delightBudgets = pgTable('delight_budgets', {
  id: id(),
  accountId: accountRef(),
  userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
  period: text('period').$type<DelightPeriod>().notNull(),
  amountMinor: integer('amount_minor').notNull(),
  currency: text('currency').notNull(),
  pointValueMinor: integer('point_value_minor').notNull().default(1),
  updatedBy: text('updated_by').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('delight_budgets_agent_key').on(t.accountId, t.userId).where(sql`user_id is not null`),
  uniqueIndex('delight_budgets_default_key').on(t.accountId).where(sql`user_id is null`),
  check('delight_budgets_period_check', sql`${t.period} IN ('week', 'month', 'quarter')`),
  check('delight_budgets_amount_check', sql`${t.amountMinor} >= 0 AND ${t.pointValueMinor} >= 0`),
]);

/**
 * One gesture an agent made from a conversation, and what it cost the agent's budget. `clientKey` makes a retry
 * return the first gesture; `cardToken` is the public card page's address (`/card/<token>`).
 */
export const delightGestures = pgTable('delight_gestures', {
  id: id(),
  accountId: accountRef(),
  userId: uuid('user_id').notNull(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull(),
  kind: text('kind').$type<DelightKind>().notNull(),
  valueMinor: integer('value_minor').notNull(),
  currency: text('currency').notNull(),
  message: text('message').notNull().default(''),
  reason: text('reason').notNull().default(''),
  status: text('status').$type<'sent'>().notNull().default('sent'),
  delivery: text('delivery').$type<DelightDelivery>().notNull().default('pending'),
  clientKey: text('client_key').notNull(),
  cardToken: text('card_token').notNull(),
  cardStyle: text('card_style').notNull().default('thanks'),
  couponId: uuid('coupon_id'),
  points: integer('points'),
  pointsEntryId: uuid('points_entry_id'),
  giftId: uuid('gift_id'),
  giftUrl: text('gift_url'),
  /** What was sent, as the agent chose it: the pool's name and code, the gift's title. */
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('delight_gestures_client_key').on(t.accountId, t.userId, t.clientKey),
  uniqueIndex('delight_gestures_card_token_key').on(t.cardToken),
  index('delight_gestures_spend_idx').on(t.accountId, t.userId, t.createdAt),
  index('delight_gestures_account_idx').on(t.accountId, t.createdAt),
  index('delight_gestures_conversation_idx').on(t.conversationId),
  check('delight_gestures_kind_check', sql`${t.kind} IN ('gift', 'voucher', 'card', 'points')`),
  check('delight_gestures_status_check', sql`${t.status} IN ('sent')`),
  check('delight_gestures_value_check', sql`${t.valueMinor} >= 0`),
]);
