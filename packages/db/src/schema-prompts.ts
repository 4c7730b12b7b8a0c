/* Tables of the prompts domain (issue 7). Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, id, updatedAt } from './schema-columns.ts';

/**
 * In-app prompts: a banner, modal or tooltip shown in the widget and/or portal when a customer does something.
 * `content` holds one entry per language (`en`, `ja`, `zh`); `action` is what the call to action does. A prompt with a
 * `triggerEvent` fires on that customer event (the outbox sink); any prompt can also be fired by a journey step.
 * `condition` (a core `Condition`) and `segmentId` narrow who sees it. Only `live` prompts inside their schedule fire.
 */
export const prompts = pgTable('prompts', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  kind: text('kind').$type<'banner' | 'modal' | 'tooltip'>().notNull(),
  /** Banner edge; ignored for other kinds. */
  placement: text('placement').$type<'top' | 'bottom'>().notNull().default('top'),
  /** Tooltip anchor: a CSS selector on the host page; the tooltip falls back to a corner card when it is missing. */
  anchorSelector: text('anchor_selector'),
  status: text('status').$type<'draft' | 'live' | 'paused'>().notNull().default('draft'),
  content: jsonb('content').$type<Record<string, { title: string; body: string; ctaLabel?: string | null; imageUrl?: string | null }>>().notNull().default({}),
  action: jsonb('action').$type<{ kind: 'url'; url: string } | { kind: 'open_chat' } | { kind: 'dismiss' }>().notNull().default({ kind: 'dismiss' }),
  triggerEvent: text('trigger_event'),
  /** Fire only on the customer's first event of that name (first sign-in, first order). */
  triggerFirstOnly: boolean('trigger_first_only').notNull().default(false),
  condition: jsonb('condition').$type<Record<string, unknown> | null>(),
  segmentId: uuid('segment_id'),
  surfaces: text('surfaces').$type<'widget' | 'portal' | 'both'>().notNull().default('both'),
  frequency: text('frequency').$type<'once' | 'every_n_days' | 'every_time'>().notNull().default('once'),
  frequencyDays: integer('frequency_days'),
  startsAt: timestamp('starts_at', { withTimezone: true }),
  endsAt: timestamp('ends_at', { withTimezone: true }),
  priority: integer('priority').notNull().default(0),
  /** How long a triggered prompt waits for the customer to open the widget or portal before it lapses. */
  pendingMinutes: integer('pending_minutes').notNull().default(1440),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('prompts_trigger_idx').on(t.accountId, t.triggerEvent).where(sql`status = 'live'`),
  index('prompts_account_idx').on(t.accountId, t.createdAt),
]);

/**
 * One prompt (or in-app message) queued for one customer: pushed over their open sockets the moment it is stored,
 * and handed to a socket that connects later until `expiresAt`. `payload` is the snapshot the client renders.
 * `dedupeKey` makes triggering idempotent (the customer event id, a journey run's step).
 */
export const promptDeliveries = pgTable('prompt_deliveries', {
  id: id(),
  accountId: accountRef(),
  contactId: uuid('contact_id').notNull(),
  promptId: uuid('prompt_id'),
  touchpointKind: text('touchpoint_kind').notNull(),
  touchpointId: text('touchpoint_id'),
  touchpointStepId: text('touchpoint_step_id'),
  /** What fired it when that is not the prompt itself: the journey step, an outreach send. */
  /** The journey step that fired it; `test` when that was the journey's test mode. */
  via: jsonb('via').$type<{ kind: string; id?: string | null; stepId?: string | null; test?: boolean } | null>(),
  reason: text('reason').notNull(),
  surfaces: text('surfaces').$type<'widget' | 'portal' | 'both'>().notNull(),
  priority: integer('priority').notNull().default(0),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  status: text('status').$type<'pending' | 'shown' | 'clicked' | 'dismissed'>().notNull().default('pending'),
  dedupeKey: text('dedupe_key').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  shownAt: timestamp('shown_at', { withTimezone: true }),
  clickedAt: timestamp('clicked_at', { withTimezone: true }),
  dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('prompt_deliveries_dedupe_key').on(t.accountId, t.dedupeKey),
  index('prompt_deliveries_contact_idx').on(t.accountId, t.contactId, t.status, t.expiresAt),
  index('prompt_deliveries_prompt_idx').on(t.accountId, t.promptId, t.contactId, t.createdAt),
]);
