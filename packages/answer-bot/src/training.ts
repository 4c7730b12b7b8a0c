import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { type IntentClassifier, trainClassifierInSlices } from './classifier.ts';
import { BACKGROUND_PHRASES, NONE_LABEL } from './background-phrases.ts';
import { type ClassifierJson, deserializeClassifier, serializeClassifier } from './model-json.ts';

/**
 * Training of each account's intent model, off the request path: a change records that a new version is wanted
 * (`requestModelTraining`), and `trainPendingModels` — run by a background worker on every node and kicked right
 * after a change by `queueModelTraining` — trains the accounts whose model is behind. A burst of changes costs one
 * training; two nodes training the same account at once both store a correct model for what they read.
 */

const m = schema.botModels;

/**
 * Small sets (an admin's intents) train longer and more regularised: it costs milliseconds, makes two intents with
 * the same phrases come out nearly equal (so the bot asks which one), and keeps confidences from saturating.
 */
const SMALL_SET = 3000;

export async function trainAccountModel(db: Database, accountId: string, now = () => new Date()) {
  const [row] = await db.select({ wanted: m.wantedVersion, trained: m.trainedVersion }).from(m).where(eq(m.accountId, accountId));
  if (!row || row.trained >= row.wanted) return null;
  const examples = await db
    .select({ text: schema.botIntentExamples.text, label: schema.botIntentExamples.intentId })
    .from(schema.botIntentExamples)
    .innerJoin(schema.botIntents, eq(schema.botIntents.id, schema.botIntentExamples.intentId))
    .where(and(eq(schema.botIntentExamples.accountId, accountId), eq(schema.botIntents.enabled, true)));
  const labels = new Set(examples.map((e) => e.label));
  const started = performance.now();
  let model: ClassifierJson | null = null;
  let error: string | null = null;
  if (labels.size >= 1) {
    try {
      const background = BACKGROUND_PHRASES.map((text) => ({ text, label: NONE_LABEL }));
      const small = examples.length < SMALL_SET;
      model = serializeClassifier(await trainClassifierInSlices([...examples, ...background], { threshold: 0, outOfScopeLabel: NONE_LABEL, ...(small ? { l2: 1e-4, epochs: 40 } : {}) }));
    } catch (caught) {
      error = (caught as Error).message;
    }
  }
  const trainingMs = Math.round(performance.now() - started);
  // Only moves forward: a slower, older training never overwrites a newer one.
  await db
    .update(m)
    .set({ model: model as unknown as Record<string, unknown> | null, trainedVersion: row.wanted, intentCount: labels.size, exampleCount: examples.length, trainingMs, trainedAt: now(), error })
    .where(and(eq(m.accountId, accountId), lt(m.trainedVersion, row.wanted)));
  return { version: row.wanted, intents: labels.size, examples: examples.length, trainingMs, error };
}

/** Trains every account whose model is behind its intents. Returns how many it trained. */
export async function trainPendingModels(db: Database, now = () => new Date()) {
  const behind = await db.select({ accountId: m.accountId }).from(m).where(gt(m.wantedVersion, m.trainedVersion)).limit(20);
  for (const { accountId } of behind) await trainAccountModel(db, accountId, now);
  return behind.length;
}

const queued = new Map<Database, Set<string>>();
let running: Promise<void> = Promise.resolve();

/**
 * Trains the account's model soon, in this process, after the current request's transaction has committed. Calls
 * for the same account while one is queued collapse into one.
 */
export function queueModelTraining(db: Database, accountId: string, onError: (error: unknown) => void = () => {}) {
  const accounts = queued.get(db) ?? queued.set(db, new Set()).get(db)!;
  if (accounts.has(accountId)) return running;
  accounts.add(accountId);
  running = running
    .then(() => new Promise((resolve) => setTimeout(resolve, 50)))
    .then(async () => {
      accounts.delete(accountId);
      await trainAccountModel(db, accountId);
    })
    .catch(onError);
  return running;
}

/** Waits for the in-process training queue to drain (for tests and shutdown). */
export const settleModelTraining = () => running;

export interface ModelStatus {
  /** not_enough_data: no enabled intent has an example phrase yet. */
  state: 'none' | 'training' | 'ready' | 'not_enough_data' | 'failed';
  intentCount: number;
  exampleCount: number;
  trainedAt: string | null;
  trainingMs: number | null;
  error: string | null;
}

export async function getModelStatus(db: Database, accountId: string): Promise<ModelStatus> {
  const [row] = await db.select({ wanted: m.wantedVersion, trained: m.trainedVersion, hasModel: sql<boolean>`${m.model} is not null`, intentCount: m.intentCount, exampleCount: m.exampleCount, trainedAt: m.trainedAt, trainingMs: m.trainingMs, error: m.error }).from(m).where(eq(m.accountId, accountId));
  if (!row) return { state: 'none', intentCount: 0, exampleCount: 0, trainedAt: null, trainingMs: null, error: null };
  const state = row.trained < row.wanted ? 'training' : row.error ? 'failed' : row.hasModel ? 'ready' : 'not_enough_data';
  return { state, intentCount: row.intentCount, exampleCount: row.exampleCount, trainedAt: row.trainedAt?.toISOString() ?? null, trainingMs: row.trainingMs, error: row.error };
}

const cache = new Map<string, { trainedAt: number; classifier: IntentClassifier | null }>();

/**
 * The account's current classifier, from memory when the stored one has not changed since (one small query per
 * call); null when there is none yet.
 */
export async function loadAccountClassifier(db: Database, accountId: string): Promise<IntentClassifier | null> {
  const [stamp] = await db.select({ trainedAt: m.trainedAt }).from(m).where(eq(m.accountId, accountId));
  if (!stamp?.trainedAt) return null;
  const hit = cache.get(accountId);
  if (hit && hit.trainedAt === stamp.trainedAt.getTime()) return hit.classifier;
  const [row] = await db.select({ model: m.model, trainedAt: m.trainedAt }).from(m).where(eq(m.accountId, accountId));
  const classifier = row?.model ? deserializeClassifier(row.model as unknown as ClassifierJson) : null;
  cache.set(accountId, { trainedAt: row?.trainedAt?.getTime() ?? 0, classifier });
  return classifier;
}
