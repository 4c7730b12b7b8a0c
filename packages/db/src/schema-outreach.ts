/* Tables of the outreach domain (issue 7). Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './schema.ts';
import { accountRef, createdAt, updatedAt } from './schema-columns.ts';

/** At most `limit` non-transactional messages per `periodDays` days. */
export interface FrequencyCap {
  limit: number;
  periodDays: number;
}

/** Local wall-clock hours ("21:00" → "08:00", may wrap midnight) in the customer's time zone. */
export interface QuietHours {
  start: string;
  end: string;
  /** `defer`: hold the message and send it when quiet hours end; `suppress`: drop it with reason quiet_hours. */
  mode: 'defer' | 'suppress';
}

/** An account's pressure-control settings; a missing row means no caps, no quiet hours, no control group. */
export const outreachSettings = pgTable('outreach_settings', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  globalCap: jsonb('global_cap').$type<FrequencyCap | null>(),
  channelCaps: jsonb('channel_caps').$type<Record<string, FrequencyCap>>().notNull().default({}),
  quietHours: jsonb('quiet_hours').$type<QuietHours | null>(),
  /** Percent (0–50) of customers held out of every non-transactional message, chosen by a stable hash. */
  controlGroupPercent: integer('control_group_percent').notNull().default(0),
  updatedAt: updatedAt(),
});

/**
 * Every send attempt through outreach, keyed by the caller's dedupe key (unique: a key is sent at most once), with
 * what happened. Sent and deferred non-transactional rows count against frequency caps; deferred rows are sent by
 * the outreach worker at `deliverAt`.
 */
export const outreachSends = pgTable('outreach_sends', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  accountId: accountRef(),
  contactId: uuid('contact_id').notNull(),
  channel: text('channel').notNull(),
  dedupeKey: text('dedupe_key').notNull(),
  /** sending → sent | failed; deferred → sending; suppressed is final. */
  status: text('status').$type<'sending' | 'sent' | 'suppressed' | 'deferred' | 'failed'>().notNull(),
  reason: text('reason'),
  detail: text('detail'),
  transactional: boolean('transactional').notNull().default(false),
  /** A journey's test mode: sent at once to the chosen customer, outside caps, and left out of the map's figures. */
  test: boolean('test').notNull().default(false),
  priority: integer('priority').notNull().default(0),
  touchpointKind: text('touchpoint_kind').notNull(),
  touchpointId: text('touchpoint_id'),
  touchpointStepId: text('touchpoint_step_id'),
  /** The content, kept only while the send is deferred (needed to send it later); cleared once sent. */
  content: jsonb('content').$type<Record<string, unknown> | null>(),
  deliverAt: timestamp('deliver_at', { withTimezone: true }),
  /** The mailer's Message-ID or the conversation message id. */
  messageId: text('message_id'),
  createdAt: createdAt(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('outreach_sends_dedupe_key').on(t.accountId, t.dedupeKey),
  index('outreach_sends_contact_idx').on(t.accountId, t.contactId, t.createdAt),
  index('outreach_sends_due_idx').on(t.deliverAt).where(sql`status = 'deferred'`),
]);
