/* Tables of the events domain (issue 7). Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef } from './schema-columns.ts';

/**
 * Everything a customer did or was sent, on one timeline: `track`/`identify`/`page`/`alias` calls from the API and
 * the browser SDK, and `system` events the product records itself (message.sent, order.placed, survey.answered,
 * prompt.shown, message.suppressed…). `messageId` is the client's id for de-duplication: a replayed event is stored
 * once. `occurredAt` is the client's timestamp (events are ordered by it), `receivedAt` the server's.
 * `contactId` is null for an anonymous visitor until a verified identify links their `anonymousId`.
 * No foreign key to contacts: ingest stays one index write per event, and merges re-point rows in bulk. The
 * touchpoint and anonymous-id indexes are partial (rows with a value only): a server's track call for a known user writes neither.
 */
export const customerEvents = pgTable('customer_events', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  accountId: accountRef(),
  contactId: uuid('contact_id'),
  anonymousId: text('anonymous_id'),
  kind: text('kind').$type<'track' | 'identify' | 'page' | 'alias' | 'system'>().notNull(),
  name: text('name').notNull(),
  properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
  touchpointKind: text('touchpoint_kind'),
  touchpointId: text('touchpoint_id'),
  touchpointStepId: text('touchpoint_step_id'),
  messageId: text('message_id').notNull(),
  source: text('source').$type<'api' | 'sdk' | 'system'>().notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('customer_events_message_key').on(t.accountId, t.messageId),
  index('customer_events_contact_idx').on(t.accountId, t.contactId, t.occurredAt),
  index('customer_events_name_idx').on(t.accountId, t.name, t.occurredAt),
  index('customer_events_touchpoint_idx').on(t.accountId, t.touchpointKind, t.touchpointId, t.occurredAt).where(sql`touchpoint_kind is not null`),
  index('customer_events_anonymous_idx').on(t.accountId, t.anonymousId).where(sql`anonymous_id is not null`),
]);

/**
 * Computed traits of a contact, kept on write (never computed on read): every stored customer event moves the event
 * count and first/last seen in the same statement batch; order events recompute the order figures of that one
 * contact. `lifetimeValue` is per currency in minor units (no conversion between currencies).
 */
export const contactTraits = pgTable('contact_traits', {
  contactId: uuid('contact_id').primaryKey(),
  accountId: accountRef(),
  eventCount: integer('event_count').notNull().default(0),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  orderCount: integer('order_count').notNull().default(0),
  lifetimeValue: jsonb('lifetime_value').$type<Record<string, number>>().notNull().default({}),
  lastOrderAt: timestamp('last_order_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('contact_traits_account_idx').on(t.accountId)]);

/**
 * An anonymous visitor id (the SDK's `anonymousId`, an alias's `previousId`) linked to a contact by a verified
 * identify or a server-key alias. Events sent later with that anonymous id land on the contact.
 */
export const contactAliases = pgTable('contact_aliases', {
  accountId: accountRef(),
  anonymousId: text('anonymous_id').notNull(),
  contactId: uuid('contact_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.accountId, t.anonymousId] }), index('contact_aliases_contact_idx').on(t.accountId, t.contactId)]);

/**
 * One profile merge, with what it changed, so it can be undone: both profiles as they were, and (in
 * contact_merge_moves) the id of every record that moved from the duplicate to the kept contact.
 */
export const contactMerges = pgTable('contact_merges', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  accountId: accountRef(),
  contactId: uuid('contact_id').notNull(),
  duplicateId: uuid('duplicate_id').notNull(),
  keptBefore: jsonb('kept_before').$type<Record<string, unknown>>().notNull(),
  duplicateBefore: jsonb('duplicate_before').$type<Record<string, unknown>>().notNull(),
  mergedBy: uuid('merged_by'),
  mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
  undoneAt: timestamp('undone_at', { withTimezone: true }),
  undoneBy: uuid('undone_by'),
}, (t) => [index('contact_merges_contact_idx').on(t.accountId, t.contactId), index('contact_merges_duplicate_idx').on(t.accountId, t.duplicateId)]);

export const contactMergeMoves = pgTable('contact_merge_moves', {
  mergeId: uuid('merge_id').notNull().references(() => contactMerges.id, { onDelete: 'cascade' }),
  /** conversation | order | return | note | csat_rating | identity | event | alias | merged_contact */
  kind: text('kind').notNull(),
  recordId: text('record_id').notNull(),
}, (t) => [primaryKey({ columns: [t.mergeId, t.kind, t.recordId] })]);
