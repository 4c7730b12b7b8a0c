/* Tables of the commerce domain (issue 6): returns, return policies, shop connections. Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
// Circular with schema.ts (which re-exports this file): only used inside `references(() => ...)`, evaluated lazily.
import { accounts, contacts, orders, users } from './schema.ts';
import type { LocalizedText } from './schema-types.ts';
import { id, createdAt, accountRef } from './schema-columns.ts';

/** Text in the three console/portal languages; a missing language falls back to English. */

export interface ReturnReasonSetting {
  /** Stable code stored on returns (`damaged`, `wrong_size`...). */
  code: string;
  label: LocalizedText;
  /** The customer must attach at least one photo for this reason. */
  photoRequired: boolean;
}

export interface AutoApproveRule {
  enabled: boolean;
  /** Refunds up to this amount (in the order's minor units) are approved at once; null: any amount. */
  maxRefundMinor: number | null;
  /** Only these reasons; empty: any reason. */
  reasons: string[];
}

/** One account's return policy. An account without a row uses DEFAULT_RETURN_POLICY (packages/commerce). */
export const returnPolicies = pgTable('return_policies', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  windowDays: integer('window_days').notNull(),
  nonReturnableTags: text('non_returnable_tags').array().notNull().default(sql`'{}'::text[]`),
  reasons: jsonb('reasons').$type<ReturnReasonSetting[]>().notNull(),
  autoApprove: jsonb('auto_approve').$type<AutoApproveRule>().notNull(),
  allowExchange: boolean('allow_exchange').notNull().default(true),
  /** The policy as customers read it, per language. */
  policyText: jsonb('policy_text').$type<LocalizedText>().notNull().default({}),
  /** Printed on the return slip: how to pack and where to drop the parcel. */
  instructions: jsonb('instructions').$type<LocalizedText>().notNull().default({}),
  returnAddress: text('return_address').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const RETURN_STATUSES = ['requested', 'approved', 'rejected', 'received', 'refunded', 'exchanged', 'cancelled'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export interface ReturnLine {
  orderLineId: string;
  title: string;
  sku: string | null;
  variant: string | null;
  quantity: number;
  unitPriceMinor: number;
  /** What this line gives back: its share of the order line's total (after line discounts). */
  refundMinor: number;
}

export const returns = pgTable('returns', {
  id: id(),
  accountId: accountRef(),
  /** Per-account sequence, shown as `R-<number>`. */
  number: integer('number').notNull(),
  orderId: uuid('order_id').notNull().references(() => orders.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
  status: text('status', { enum: RETURN_STATUSES }).notNull().default('requested'),
  resolution: text('resolution', { enum: ['refund', 'exchange'] }).notNull(),
  reason: text('reason').notNull(),
  note: text('note').notNull().default(''),
  source: text('source', { enum: ['portal', 'store', 'agent', 'api'] }).notNull(),
  lines: jsonb('lines').$type<ReturnLine[]>().notNull(),
  currency: text('currency').notNull(),
  refundMinor: integer('refund_minor').notNull(),
  /** The customer's language when they asked: the slip and the notifications use it. */
  locale: text('locale').notNull().default('en'),
  /** Why it was rejected, for the customer. */
  decisionNote: text('decision_note').notNull().default(''),
  autoApproved: boolean('auto_approved').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('returns_number_key').on(t.accountId, t.number),
  index('returns_account_status_idx').on(t.accountId, t.status, t.createdAt),
  index('returns_order_idx').on(t.orderId),
  index('returns_contact_idx').on(t.contactId),
]);

/** Every step of a return: who moved it from which status to which, and when. */
export const returnTransitions = pgTable('return_transitions', {
  id: id(),
  accountId: accountRef(),
  returnId: uuid('return_id').notNull().references(() => returns.id, { onDelete: 'cascade' }),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  actorType: text('actor_type').notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  note: text('note').notNull().default(''),
  createdAt: createdAt(),
}, (t) => [index('return_transitions_return_idx').on(t.returnId, t.createdAt)]);

/**
 * A Shopify store connected to an account: its orders webhooks arrive at `/webhooks/shopify/<webhookKey>`. The
 * webhook secret is write-only: never returned by the API, never logged.
 */
export const shopifyConnections = pgTable('shopify_connections', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  shopDomain: text('shop_domain').notNull(),
  webhookSecret: text('webhook_secret').notNull(),
  webhookKey: text('webhook_key').notNull().unique().default(sql`replace(gen_random_uuid()::text, '-', '')`),
  connectedBy: uuid('connected_by').references(() => users.id, { onDelete: 'set null' }),
  lastWebhookAt: timestamp('last_webhook_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Webhook deliveries already applied, by the provider's delivery id, so a replay is acknowledged and ignored. */
export const commerceWebhookReceipts = pgTable('commerce_webhook_receipts', {
  accountId: accountRef(),
  provider: text('provider').notNull(),
  deliveryId: text('delivery_id').notNull(),
  topic: text('topic').notNull(),
  receivedAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.accountId, t.provider, t.deliveryId] }), index('commerce_webhook_receipts_received_idx').on(t.receivedAt)]);
