/* Tables of the journeys domain (issue 7). Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, id, updatedAt } from './schema-columns.ts';

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived';
/** `entering`: waits for the worker to check the entry condition; `ready`: the current step runs next; `waiting`: at a wait step until `due_at` or the awaited event. */
export type JourneyRunPhase = 'entering' | 'ready' | 'waiting';

/**
 * A journey: its draft definition (JourneyDefinition JSON, edited freely) and, once published, the live version
 * customers walk. `draftChanged` is true while the draft differs from the live version. `webhookSecret` signs the
 * journey's call_webhook requests.
 */
export const journeys = pgTable('journeys', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  status: text('status').$type<JourneyStatus>().notNull().default('draft'),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  liveVersion: integer('live_version'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  draftChanged: boolean('draft_changed').notNull().default(true),
  webhookSecret: text('webhook_secret').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('journeys_account_idx').on(t.accountId, t.status)]);

/** Every published definition, immutable: a run names the version it walks. */
export const journeyVersions = pgTable('journey_versions', {
  journeyId: uuid('journey_id').notNull().references(() => journeys.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  accountId: accountRef(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.journeyId, t.version] }), index('journey_versions_account_idx').on(t.accountId)]);

/**
 * One customer's pass through a journey (one per entry). `entryKey` names what caused the entry (a customer event,
 * a segment entry, a date occurrence) and is unique per journey, so a replayed cause never enters twice. `visit`
 * counts the steps the run has reached; a step executes once per (run, step, visit) — see journeyStepLog.
 * The worker claims due runs with a lease (`leaseToken`, `leaseUntil`).
 */
export const journeyRuns = pgTable('journey_runs', {
  id: id(),
  accountId: accountRef(),
  journeyId: uuid('journey_id').notNull().references(() => journeys.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  contactId: uuid('contact_id').notNull(),
  entryKey: text('entry_key').notNull(),
  status: text('status').$type<'active' | 'exited'>().notNull().default('active'),
  phase: text('phase').$type<JourneyRunPhase>().notNull().default('entering'),
  currentStepId: text('current_step_id'),
  visit: integer('visit').notNull().default(0),
  /** When the worker should look at the run next: now for `ready`, the wait's end for `waiting`, a retry's time. */
  dueAt: timestamp('due_at', { withTimezone: true }),
  awaitingEvent: text('awaiting_event'),
  splitPath: text('split_path'),
  attempts: integer('attempts').notNull().default(0),
  /** The entry event and anything steps pass on. */
  state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
  test: boolean('test').notNull().default(false),
  leaseToken: uuid('lease_token'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  convertedAt: timestamp('converted_at', { withTimezone: true }),
  exitedAt: timestamp('exited_at', { withTimezone: true }),
  exitReason: text('exit_reason'),
}, (t) => [
  uniqueIndex('journey_runs_entry_key').on(t.journeyId, t.entryKey),
  index('journey_runs_due_idx').on(t.dueAt).where(sql`status = 'active'`),
  index('journey_runs_contact_idx').on(t.accountId, t.contactId, t.enteredAt),
  index('journey_runs_journey_idx').on(t.journeyId, t.status, t.enteredAt),
]);

/** What happened at each step of each run: analytics read it; the unique key makes a step execute once per visit. */
export const journeyStepLog = pgTable('journey_step_log', {
  id: id(),
  accountId: accountRef(),
  journeyId: uuid('journey_id').notNull(),
  runId: uuid('run_id').notNull().references(() => journeyRuns.id, { onDelete: 'cascade' }),
  stepId: text('step_id').notNull(),
  visit: integer('visit').notNull(),
  kind: text('kind').notNull(),
  /** `pending` while the step's side effect is in flight; then entered|waited|branched|sent|suppressed|deferred|updated|called|created|exited|failed. */
  outcome: text('outcome').notNull(),
  reason: text('reason'),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  nextStepId: text('next_step_id'),
  test: boolean('test').notNull().default(false),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('journey_step_log_visit_key').on(t.runId, t.stepId, t.visit),
  index('journey_step_log_journey_idx').on(t.journeyId, t.at),
]);
