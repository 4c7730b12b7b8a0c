/* Tables of the rewards domain: coupon pools, their codes, and the points ledger. Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, id } from './schema-columns.ts';

export type CouponKind = 'percent' | 'amount' | 'free_item';
export type CouponStatus = 'available' | 'issued' | 'redeemed' | 'void';
export type PointsEntryKind = 'earn' | 'spend' | 'expire' | 'reverse';

/**
 * A batch of codes with one offer: `value` is a percentage (1–100) for `percent`, minor units of `currency` for
 * `amount`, and unused (0) for `free_item`. Generated codes are `prefix` + `codeLength` random characters.
 */
export const couponPools = pgTable('coupon_pools', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  kind: text('kind').$type<CouponKind>().notNull(),
  value: integer('value').notNull(),
  currency: text('currency'),
  minSpendMinor: integer('min_spend_minor'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  prefix: text('prefix').notNull().default(''),
  codeLength: integer('code_length').notNull().default(8),
  createdAt: createdAt(),
}, (t) => [
  index('coupon_pools_account_idx').on(t.accountId, t.createdAt),
  check('coupon_pools_kind_check', sql`${t.kind} IN ('percent', 'amount', 'free_item')`),
]);

/** One code. A code is unique per account, whatever its pool; `redemptionRef` is the shop's order id. */
export const coupons = pgTable('coupons', {
  id: id(),
  accountId: accountRef(),
  poolId: uuid('pool_id').notNull().references(() => couponPools.id, { onDelete: 'cascade' }),
  code: text('code').notNull(),
  status: text('status').$type<CouponStatus>().notNull().default('available'),
  contactId: uuid('contact_id'),
  issuedAt: timestamp('issued_at', { withTimezone: true }),
  redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
  redemptionRef: text('redemption_ref'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('coupons_account_code_key').on(t.accountId, t.code),
  index('coupons_pool_available_idx').on(t.poolId, t.createdAt).where(sql`status = 'available'`),
  check('coupons_status_check', sql`${t.status} IN ('available', 'issued', 'redeemed', 'void')`),
]);

/**
 * The points ledger, append-only: `points` is signed (earn +, spend/expire −, reverse the opposite of its entry);
 * `balanceAfter` is the contact's balance once the entry is applied. `reference` is the caller's idempotency key.
 */
export const pointsEntries = pgTable('points_entries', {
  id: id(),
  accountId: accountRef(),
  contactId: uuid('contact_id').notNull(),
  kind: text('kind').$type<PointsEntryKind>().notNull(),
  points: integer('points').notNull(),
  balanceAfter: integer('balance_after').notNull(),
  reason: text('reason').notNull().default(''),
  reference: text('reference').notNull(),
  reversesEntryId: uuid('reverses_entry_id'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  actor: text('actor').notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('points_entries_account_reference_key').on(t.accountId, t.reference),
  uniqueIndex('points_entries_reverses_key').on(t.reversesEntryId).where(sql`reverses_entry_id is not null`),
  index('points_entries_contact_idx').on(t.accountId, t.contactId, t.createdAt),
  check('points_entries_kind_check', sql`${t.kind} IN ('earn', 'spend', 'expire', 'reverse')`),
  check('points_entries_balance_check', sql`${t.balanceAfter} >= 0`),
]);
