import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type AccountScope, conflict, type FieldError, LOCALES, notFound, validationFailed } from '@touchpoint/core';
import { listVisibleInboxIds, recordAudit } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';

type BotReplies = schema.BotReplies;
import { DatasetError, readCsvExamples } from './datasets.ts';

/**
 * Intents an admin teaches the bot: a name, an answer per language (en/ja/zh), and example phrases. Every change asks
 * for the account's model to be trained again (`requestModelTraining`); the trainer does it in the background.
 */

export const MAX_EXAMPLE_LENGTH = 500;
export const MAX_REPLY_LENGTH = 4000;
export const MAX_EXAMPLES_PER_REQUEST = 1000;
export const MAX_IMPORT_ROWS = 50_000;

const i = schema.botIntents;
const x = schema.botIntentExamples;

export interface IntentInput {
  name: string;
  replies: BotReplies;
  enabled?: boolean;
  examples?: string[];
}

export interface IntentPatch {
  name?: string;
  replies?: BotReplies;
  enabled?: boolean;
}

/** Records that the model no longer matches the intents; the trainer picks this up (see training.ts). */
export async function requestModelTraining(tx: Database, accountId: string) {
  await tx
    .insert(schema.botModels)
    .values({ accountId, wantedVersion: 1 })
    .onConflictDoUpdate({ target: schema.botModels.accountId, set: { wantedVersion: sql`${schema.botModels.wantedVersion} + 1` } });
}

function checkName(name: string | undefined, errors: FieldError[]) {
  if (name === undefined) return;
  if (!name.trim()) errors.push({ path: 'name', message: 'must not be empty' });
  else if (name.trim().length > 100) errors.push({ path: 'name', message: 'must have at most 100 characters' });
}

function cleanReplies(replies: BotReplies | undefined, errors: FieldError[]): BotReplies | undefined {
  if (replies === undefined) return undefined;
  const clean: BotReplies = {};
  for (const [locale, text] of Object.entries(replies)) {
    if (!(LOCALES as readonly string[]).includes(locale)) {
      errors.push({ path: `replies.${locale}`, message: 'must be en, ja or zh' });
      continue;
    }
    if (typeof text !== 'string') continue;
    if (text.length > MAX_REPLY_LENGTH) errors.push({ path: `replies.${locale}`, message: `must have at most ${MAX_REPLY_LENGTH} characters` });
    if (text.trim()) clean[locale as keyof BotReplies] = text.trim();
  }
  return clean;
}

function cleanExamples(texts: string[] | undefined, errors: FieldError[], path = 'examples'): string[] {
  const seen = new Set<string>();
  const clean: string[] = [];
  (texts ?? []).forEach((raw, index) => {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (!text) return errors.push({ path: `${path}.${index}`, message: 'must not be empty' });
    if (text.length > MAX_EXAMPLE_LENGTH) return errors.push({ path: `${path}.${index}`, message: `must have at most ${MAX_EXAMPLE_LENGTH} characters` });
    if (!seen.has(text.toLowerCase())) {
      seen.add(text.toLowerCase());
      clean.push(text);
    }
  });
  if (clean.length > MAX_EXAMPLES_PER_REQUEST) errors.push({ path, message: `must have at most ${MAX_EXAMPLES_PER_REQUEST} phrases at once` });
  return clean;
}

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
};

export async function listIntents(db: Database, scope: AccountScope) {
  return db
    .select({
      id: i.id,
      name: i.name,
      replies: i.replies,
      enabled: i.enabled,
      exampleCount: sql<number>`(select count(*)::int from bot_intent_examples e where e.intent_id = "bot_intents"."id")`,
      updatedAt: i.updatedAt,
    })
    .from(i)
    .where(eq(i.accountId, scope.accountId))
    .orderBy(asc(sql`lower(${i.name})`))
    .then((rows) => rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() })));
}

export async function getIntent(db: Database, scope: AccountScope, intentId: string) {
  const [intent] = await db.select().from(i).where(and(eq(i.accountId, scope.accountId), eq(i.id, intentId)));
  if (!intent) throw notFound('intent');
  const examples = await db
    .select({ id: x.id, text: x.text, source: x.source, messageId: x.messageId, createdAt: x.createdAt })
    .from(x)
    .where(and(eq(x.accountId, scope.accountId), eq(x.intentId, intentId)))
    .orderBy(asc(x.createdAt), asc(x.id));
  return {
    id: intent.id,
    name: intent.name,
    replies: intent.replies,
    enabled: intent.enabled,
    updatedAt: intent.updatedAt.toISOString(),
    examples: examples.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
  };
}

export async function createIntent(db: Database, scope: AccountScope, input: IntentInput) {
  const errors: FieldError[] = [];
  checkName(input.name, errors);
  const replies = cleanReplies(input.replies, errors) ?? {};
  const examples = cleanExamples(input.examples, errors);
  if (errors.length) throw validationFailed(errors);
  const id = await db.transaction(async (tx) => {
    let created;
    try {
      [created] = await tx.transaction((sp) => sp.insert(i).values({ accountId: scope.accountId, name: input.name.trim(), replies, enabled: input.enabled ?? true }).returning());
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`An intent named “${input.name.trim()}” already exists.`);
      throw error;
    }
    if (examples.length) await tx.insert(x).values(examples.map((text) => ({ accountId: scope.accountId, intentId: created!.id, text }))).onConflictDoNothing();
    await requestModelTraining(tx, scope.accountId);
    await recordAudit(tx, scope, { action: 'bot_intent.created', targetType: 'bot_intent', targetId: created!.id, details: { name: created!.name } });
    return created!.id;
  });
  return getIntent(db, scope, id);
}

export async function updateIntent(db: Database, scope: AccountScope, intentId: string, patch: IntentPatch, now = new Date()) {
  const errors: FieldError[] = [];
  checkName(patch.name, errors);
  const replies = cleanReplies(patch.replies, errors);
  if (errors.length) throw validationFailed(errors);
  await db.transaction(async (tx) => {
    const values: Partial<typeof i.$inferInsert> = { updatedAt: now };
    if (patch.name !== undefined) values.name = patch.name.trim();
    if (replies !== undefined) values.replies = replies;
    if (patch.enabled !== undefined) values.enabled = patch.enabled;
    let updated;
    try {
      updated = await tx.transaction((sp) => sp.update(i).set(values).where(and(eq(i.accountId, scope.accountId), eq(i.id, intentId))).returning({ id: i.id }));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`An intent named “${patch.name?.trim()}” already exists.`);
      throw error;
    }
    if (updated.length === 0) throw notFound('intent');
    // Names and replies do not change the model, but whether an intent is trained does.
    if (patch.enabled !== undefined) await requestModelTraining(tx, scope.accountId);
    await recordAudit(tx, scope, { action: 'bot_intent.updated', targetType: 'bot_intent', targetId: intentId, details: { changed: Object.keys(patch) } });
  });
  return getIntent(db, scope, intentId);
}

export async function deleteIntent(db: Database, scope: AccountScope, intentId: string) {
  await db.transaction(async (tx) => {
    const deleted = await tx.delete(i).where(and(eq(i.accountId, scope.accountId), eq(i.id, intentId))).returning({ name: i.name });
    if (deleted.length === 0) throw notFound('intent');
    await requestModelTraining(tx, scope.accountId);
    await recordAudit(tx, scope, { action: 'bot_intent.deleted', targetType: 'bot_intent', targetId: intentId, details: { name: deleted[0]!.name } });
  });
}

/** Adds example phrases to an intent; phrases it already has (ignoring case) are skipped. Returns how many were new. */
export async function addIntentExamples(db: Database, scope: AccountScope, intentId: string, texts: string[], source: 'manual' | 'import' | 'conversation' = 'manual', messageId: string | null = null) {
  const errors: FieldError[] = [];
  const examples = cleanExamples(texts, errors);
  if (errors.length) throw validationFailed(errors);
  if (examples.length === 0) throw validationFailed([{ path: 'examples', message: 'must have at least one phrase' }]);
  return db.transaction(async (tx) => {
    const [intent] = await tx.select({ id: i.id }).from(i).where(and(eq(i.accountId, scope.accountId), eq(i.id, intentId)));
    if (!intent) throw notFound('intent');
    const added = await tx.insert(x).values(examples.map((text) => ({ accountId: scope.accountId, intentId, text, source, messageId }))).onConflictDoNothing().returning({ id: x.id });
    if (added.length) await requestModelTraining(tx, scope.accountId);
    return { added: added.length, skipped: examples.length - added.length };
  });
}

export async function deleteIntentExample(db: Database, scope: AccountScope, intentId: string, exampleId: string) {
  await db.transaction(async (tx) => {
    const deleted = await tx.delete(x).where(and(eq(x.accountId, scope.accountId), eq(x.intentId, intentId), eq(x.id, exampleId))).returning({ id: x.id });
    if (deleted.length === 0) throw notFound('example');
    await requestModelTraining(tx, scope.accountId);
  });
}

export interface IntentImportInput {
  csv: string;
  textColumn: string;
  labelColumn: string;
  /** The file's name, for messages. */
  fileName?: string;
}

/**
 * Imports example phrases from CSV: one row per phrase, its intent named in the label column. Intents that do not
 * exist yet are created (enabled, with no reply: the bot does not answer with them until an admin writes one).
 * All or nothing: a file with a problem changes nothing and the error names the line or column.
 */
export async function importIntentExamples(db: Database, scope: AccountScope, input: IntentImportInput) {
  const name = input.fileName ?? 'the file';
  let rows;
  try {
    rows = readCsvExamples(name, input.csv, { text: input.textColumn, label: input.labelColumn });
  } catch (error) {
    if (error instanceof DatasetError) throw validationFailed([{ path: 'csv', message: error.message }]);
    throw error;
  }
  const errors: FieldError[] = [];
  if (rows.length > MAX_IMPORT_ROWS) errors.push({ path: 'csv', message: `must have at most ${MAX_IMPORT_ROWS} rows` });
  rows.forEach((row, index) => {
    // Line numbers: the header is line 1 (quoted line breaks aside, which phrases do not have).
    if (row.text.length > MAX_EXAMPLE_LENGTH) errors.push({ path: 'csv', message: `line ${index + 2}: the phrase has more than ${MAX_EXAMPLE_LENGTH} characters` });
    if (row.label.length > 100) errors.push({ path: 'csv', message: `line ${index + 2}: the intent name has more than 100 characters` });
  });
  if (errors.length) throw validationFailed(errors.slice(0, 20));
  return db.transaction(async (tx) => {
    const labels = [...new Map(rows.map((r) => [r.label.toLowerCase(), r.label])).values()];
    const existing = await tx.select({ id: i.id, name: i.name }).from(i).where(and(eq(i.accountId, scope.accountId), inArray(sql`lower(${i.name})`, labels.map((l) => l.toLowerCase()))));
    const idByName = new Map(existing.map((e) => [e.name.toLowerCase(), e.id]));
    const missing = labels.filter((l) => !idByName.has(l.toLowerCase()));
    if (missing.length) {
      const created = await tx.insert(i).values(missing.map((name) => ({ accountId: scope.accountId, name }))).returning({ id: i.id, name: i.name });
      for (const c of created) idByName.set(c.name.toLowerCase(), c.id);
    }
    let added = 0;
    for (let start = 0; start < rows.length; start += 1000) {
      const chunk = rows.slice(start, start + 1000).map((r) => ({ accountId: scope.accountId, intentId: idByName.get(r.label.toLowerCase())!, text: r.text.replace(/\s+/g, ' '), source: 'import' }));
      added += (await tx.insert(x).values(chunk).onConflictDoNothing().returning({ id: x.id })).length;
    }
    await requestModelTraining(tx, scope.accountId);
    await recordAudit(tx, scope, { action: 'bot_intent.imported', targetType: 'bot_intent', details: { rows: rows.length, added, intentsCreated: missing.length } });
    return { rows: rows.length, examplesAdded: added, duplicatesSkipped: rows.length - added, intentsCreated: missing.length };
  });
}

/**
 * An agent marks the customer's question in a resolved conversation as an example of an intent: the bot learns to
 * answer it next time. Only customer messages of resolved or closed conversations qualify.
 */
export async function learnFromConversation(db: Database, scope: AccountScope, conversationId: string, input: { messageId: string; intentId: string }) {
  const [row] = await db
    .select({ body: schema.messages.body, direction: schema.messages.direction, status: schema.conversations.status, inboxId: schema.conversations.inboxId })
    .from(schema.messages)
    .innerJoin(schema.conversations, eq(schema.conversations.id, schema.messages.conversationId))
    .where(and(eq(schema.messages.accountId, scope.accountId), eq(schema.messages.id, input.messageId), eq(schema.messages.conversationId, conversationId)));
  // 404 alike for a conversation of an inbox the agent does not work in: ids cannot be probed.
  if (!row || !(await listVisibleInboxIds(db, scope)).includes(row.inboxId)) throw notFound('message');
  if (row.direction !== 'inbound') throw validationFailed([{ path: 'messageId', message: 'must be a message from the customer' }]);
  if (row.status !== 'resolved' && row.status !== 'closed') throw validationFailed([{ path: 'conversationId', message: 'resolve the conversation first: the bot learns from answered questions' }]);
  const text = row.body.replace(/\s+/g, ' ').trim().slice(0, MAX_EXAMPLE_LENGTH);
  if (!text) throw validationFailed([{ path: 'messageId', message: 'the message has no text' }]);
  const result = await addIntentExamples(db, scope, input.intentId, [text], 'conversation', input.messageId);
  return { ...result, text };
}
