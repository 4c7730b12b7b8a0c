/* Tables of the events domain (issue 7). Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef } from './schema-columns.ts';

/**
 * Everything a customer did or was sent, on one timeline: `track`/`identify`/`page`/`alias` calls from the API and
 * the browser SDK, and `system` events the product records itself (message.sent, order.placed, survey.answered,
 * prompt.shown, message.suppressed…). `messageId` is the client's id for de-duplication: a replayed event is stored
 * once. `occurredAt` is the client's timestamp (events are ordered by it), `receivedAt` the server's.
 * `contactId` is null for an anonymous visitor until a verified identify links their `anonymousId`.
 * No foreign key to contacts: ingest stays one index write per event, and merges re-point rows in bulk.
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
  index('customer_events_touchpoint_idx').on(t.accountId, t.touchpointKind, t.touchpointId, t.occurredAt),
  index('customer_events_anonymous_idx').on(t.accountId, t.anonymousId),
]);
