/* Tables of the answer-bot domain (issue 6). Re-exported by schema.ts. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts, conversations, inboxes, messages } from './schema.ts';
import { id, createdAt, accountRef } from './schema-columns.ts';

/** The intent's answer per language; a missing language falls back to the account's default, then any. */
export type BotReplies = Partial<Record<'en' | 'ja' | 'zh', string>>;

/** What an admin teaches the bot: a name, its answer in each language, and example phrases (bot_intent_examples). */
export const botIntents = pgTable('bot_intents', {
  id: id(),
  accountId: accountRef(),
  name: text('name').notNull(),
  replies: jsonb('replies').$type<BotReplies>().notNull().default({}),
  /** A disabled intent is kept with its examples but neither trained nor answered. */
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('bot_intents_account_name_key').on(t.accountId, sql`lower(${t.name})`)]);

export const botIntentExamples = pgTable('bot_intent_examples', {
  id: id(),
  accountId: accountRef(),
  intentId: uuid('intent_id').notNull().references(() => botIntents.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  /** manual | import | conversation (an agent marked a resolved conversation's question) */
  source: text('source').notNull().default('manual'),
  /** The customer message it was learnt from (source = conversation). */
  messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('bot_intent_examples_text_key').on(t.intentId, sql`lower(${t.text})`),
  index('bot_intent_examples_account_idx').on(t.accountId),
]);

/**
 * The account's trained classifier. `wantedVersion` moves on every change to intents or examples; the background
 * trainer trains when it is ahead of `trainedVersion`, so changes in a burst cost one training.
 */
export const botModels = pgTable('bot_models', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  wantedVersion: integer('wanted_version').notNull().default(1),
  trainedVersion: integer('trained_version').notNull().default(0),
  /** The classifier as `serializeClassifier` writes it; null until first trained or when there is too little to train. */
  model: jsonb('model').$type<Record<string, unknown>>(),
  intentCount: integer('intent_count').notNull().default(0),
  exampleCount: integer('example_count').notNull().default(0),
  trainingMs: integer('training_ms'),
  trainedAt: timestamp('trained_at', { withTimezone: true }),
  error: text('error'),
});

/** An inbox's bot settings; no row means the bot is off there. */
export const botInboxSettings = pgTable('bot_inbox_settings', {
  inboxId: uuid('inbox_id').primaryKey().references(() => inboxes.id, { onDelete: 'cascade' }),
  accountId: accountRef(),
  enabled: boolean('enabled').notNull().default(false),
  /** Confidence (0–1) from which the bot answers on its own. */
  answerThreshold: real('answer_threshold').notNull().default(0.5),
  /** The bot answers at most this many questions of a conversation before a person takes over. */
  maxAnswers: integer('max_answers').notNull().default(3),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The bot's part in one conversation: `handling` while it answers, `handed_over` once a person has it (reason kept),
 * `resolved` when the customer said the answer helped.
 */
export const botConversations = pgTable('bot_conversations', {
  conversationId: uuid('conversation_id').primaryKey().references(() => conversations.id, { onDelete: 'cascade' }),
  accountId: accountRef(),
  inboxId: uuid('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
  state: text('state', { enum: ['handling', 'handed_over', 'resolved'] }).notNull().default('handling'),
  answers: integer('answers').notNull().default(0),
  /** customer_asked | low_confidence | answer_failed | max_answers | agent_replied */
  handoverReason: text('handover_reason'),
  /** The choices of the bot's last clarifying question, which a reply of "1", "2"… or a button picks. */
  pendingChoices: jsonb('pending_choices').$type<{ kind: 'intent' | 'article'; id: string; title: string }[]>().notNull().default([]),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
}, (t) => [index('bot_conversations_account_started_idx').on(t.accountId, t.startedAt)]);

/**
 * One bot decision per customer message (the primary key makes the bot idempotent): what it did, why, and the
 * message it wrote.
 */
export const botTurns = pgTable('bot_turns', {
  customerMessageId: uuid('customer_message_id').notNull().references(() => messages.id, { onDelete: 'cascade' }),
  accountId: accountRef(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  botMessageId: uuid('bot_message_id').references(() => messages.id, { onDelete: 'set null' }),
  /** answer | clarify | handover | resolved */
  action: text('action').notNull(),
  /** Why: confident, close_match, low_confidence, customer_asked, answer_failed, max_answers, helped. */
  reason: text('reason').notNull(),
  intentId: uuid('intent_id').references(() => botIntents.id, { onDelete: 'set null' }),
  articleId: uuid('article_id'),
  /** What the bot matched and how well, best first: `{ kind, id, title, score }`. */
  candidates: jsonb('candidates').$type<{ kind: 'intent' | 'article'; id: string; title: string; score: number }[]>().notNull().default([]),
  score: real('score'),
  /**
   * With an LLM configured, an article answer is drafted off the event path: `pending` until the draft worker claims
   * it (`drafting`, claimed at `draftClaimedAt`), then `drafted` or `failed` (the plain article went out instead).
   */
  draftStatus: text('draft_status', { enum: ['pending', 'drafting', 'drafted', 'failed'] }),
  /** What the worker needs: the question, language, matched articles, the plain answer to fall back on. */
  draftContext: jsonb('draft_context').$type<Record<string, unknown>>(),
  draftClaimedAt: timestamp('draft_claimed_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('bot_turns_draft_idx').on(t.draftStatus).where(sql`draft_status in ('pending', 'drafting')`),
  primaryKey({ columns: [t.customerMessageId] }),
  index('bot_turns_conversation_idx').on(t.conversationId, t.createdAt),
  index('bot_turns_account_created_idx').on(t.accountId, t.createdAt),
]);
