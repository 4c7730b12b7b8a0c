/* Tables of the surveys domain (issue 7). Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accountRef, createdAt, id, updatedAt } from './schema-columns.ts';

export type SurveyLocale = 'en' | 'ja' | 'zh';
/** What a survey says in one language: the score question, the follow-up comment question and the thank-you. */
export interface SurveyText {
  question: string;
  followUp: string;
  thanks: string;
}

/**
 * Where a survey is attached: after a conversation is resolved (in the listed inboxes, all when empty), after an order
 * is placed or delivered, after a return is completed (refunded or exchanged), each `delayDays` later. Journey steps
 * and shareable links ask through `requestSurvey` directly and need no rule.
 */
export type SurveyTrigger =
  | { kind: 'conversation_resolved'; inboxIds: string[] }
  | { kind: 'order_placed'; delayDays: number }
  | { kind: 'order_delivered'; delayDays: number }
  | { kind: 'return_completed'; delayDays: number };

/** Per account: the fatigue window (at most one survey per customer per `fatigueDays`) and the key link tokens are signed with. */
export const surveySettings = pgTable('survey_settings', {
  accountId: accountRef().primaryKey(),
  fatigueDays: integer('fatigue_days').notNull().default(30),
  signingKey: text('signing_key').notNull(),
  updatedAt: updatedAt(),
});

/**
 * A CSAT (1–5), NPS (0–10) or CES (1–7) survey. `builtIn` is `conversation_csat` for the helpdesk's satisfaction
 * survey (csat_surveys/csat_ratings), mirrored here so its answers count in the same reports. A detractor is a score
 * at or below `detractorMaxScore`; with `detractorAction` on, each detractor answer opens one conversation.
 */
export const surveys = pgTable('surveys', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  kind: text('kind').$type<'csat' | 'nps' | 'ces'>().notNull(),
  status: text('status').$type<'draft' | 'live' | 'paused'>().notNull().default('draft'),
  builtIn: text('built_in').$type<'conversation_csat'>(),
  texts: jsonb('texts').$type<Partial<Record<SurveyLocale, SurveyText>>>().notNull().default({}),
  triggers: jsonb('triggers').$type<SurveyTrigger[]>().notNull().default([]),
  channel: text('channel').$type<'email' | 'in_app' | 'link'>().notNull().default('email'),
  detractorMaxScore: integer('detractor_max_score').notNull(),
  detractorAction: boolean('detractor_action').notNull().default(true),
  detractorInboxId: uuid('detractor_inbox_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('surveys_account_idx').on(t.accountId, t.createdAt),
  uniqueIndex('surveys_built_in_key').on(t.accountId, t.builtIn).where(sql`built_in is not null`),
]);

/**
 * One ask of one customer: `dedupeKey` makes the same ask happen once (an order's delivery, a journey run's step).
 * `status`: `scheduled` until `dueAt`, then `open` (deliverable, answerable), or `suppressed` with its reason.
 */
export const surveyRequests = pgTable('survey_requests', {
  id: id(),
  accountId: accountRef(),
  surveyId: uuid('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull(),
  channel: text('channel').$type<'email' | 'in_app' | 'link'>().notNull(),
  aboutKind: text('about_kind'),
  aboutId: text('about_id'),
  touchpointKind: text('touchpoint_kind'),
  touchpointId: text('touchpoint_id'),
  touchpointStepId: text('touchpoint_step_id'),
  dedupeKey: text('dedupe_key').notNull(),
  status: text('status').$type<'scheduled' | 'open' | 'suppressed'>().notNull(),
  suppressionReason: text('suppression_reason'),
  /** Counted by the fatigue rule (false for the helpdesk's own CSAT mirror only when asked outside it). */
  countsForFatigue: boolean('counts_for_fatigue').notNull().default(true),
  /** Asked by a journey's test mode: sent at once, outside fatigue, left out of reports and the map. */
  test: boolean('test').notNull().default(false),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('survey_requests_dedupe_key').on(t.accountId, t.dedupeKey),
  index('survey_requests_contact_idx').on(t.accountId, t.contactId, t.dueAt),
  index('survey_requests_survey_idx').on(t.accountId, t.surveyId, t.createdAt),
  index('survey_requests_due_idx').on(t.dueAt).where(sql`status = 'scheduled'`),
]);

/** The answer to one request (one row per request: answering again updates the comment or score, never adds a row). */
export const surveyResponses = pgTable('survey_responses', {
  id: id(),
  accountId: accountRef(),
  surveyId: uuid('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
  requestId: uuid('request_id').notNull().references(() => surveyRequests.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull(),
  score: integer('score').notNull(),
  comment: text('comment').notNull().default(''),
  aboutKind: text('about_kind'),
  aboutId: text('about_id'),
  /** The answer to a test ask (its request's `test`): kept, but left out of reports. */
  test: boolean('test').notNull().default(false),
  /** The conversation a detractor answer opened (at most one per answer). */
  followUpConversationId: uuid('follow_up_conversation_id'),
  answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('survey_responses_request_key').on(t.requestId),
  index('survey_responses_survey_idx').on(t.accountId, t.surveyId, t.answeredAt),
]);

