/* Tables of the segments domain (issue 7). Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, id, updatedAt } from './schema-columns.ts';

/**
 * A named group of customers. `dynamic`: everyone matching `condition`, kept up to date as events arrive;
 * `manual`: a static list people are added to and removed from by hand, by a journey step or by the API.
 * `memberCount` is a counter moved with every membership row written or deleted (never count(*) on a page load).
 * `dependencies` is what the condition reads (event names, profile fields, traits, other segments), so an incoming
 * change re-evaluates only the segments it can affect. A build (after a create or a condition edit) walks the
 * contacts in batches: `buildStatus` building/ready with `buildDone` of `buildTotal`, resumed from `buildCursor`.
 */
export const segments = pgTable('segments', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  kind: text('kind').$type<'dynamic' | 'manual'>().notNull(),
  condition: jsonb('condition').$type<Record<string, unknown> | null>(),
  dependencies: text('dependencies').array().notNull().default(sql`'{}'::text[]`),
  memberCount: integer('member_count').notNull().default(0),
  buildStatus: text('build_status').$type<'building' | 'ready'>().notNull().default('ready'),
  buildVersion: integer('build_version').notNull().default(0),
  buildDone: integer('build_done').notNull().default(0),
  buildTotal: integer('build_total').notNull().default(0),
  buildCursor: uuid('build_cursor'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('segments_account_idx').on(t.accountId, t.name), index('segments_dependencies_idx').using('gin', t.dependencies)]);

/** Who is in a segment, since when. One row per member; a manual segment's rows are its list. */
export const segmentMemberships = pgTable('segment_memberships', {
  segmentId: uuid('segment_id').notNull().references(() => segments.id, { onDelete: 'cascade' }),
  accountId: accountRef(),
  contactId: uuid('contact_id').notNull(),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.segmentId, t.contactId] }), index('segment_memberships_contact_idx').on(t.accountId, t.contactId)]);

/**
 * When time alone can change whether a contact matches a windowed condition ("3 orders in the last 30 days",
 * "signed up within 7 days"): the earliest moment an event leaves its window or a date crosses its threshold.
 * The re-check job evaluates the due rows and writes the next one.
 */
export const segmentRechecks = pgTable('segment_rechecks', {
  segmentId: uuid('segment_id').notNull().references(() => segments.id, { onDelete: 'cascade' }),
  accountId: accountRef(),
  contactId: uuid('contact_id').notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.segmentId, t.contactId] }), index('segment_rechecks_due_idx').on(t.dueAt)]);
