import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { AppError, conflict, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { type JourneyDefinition, JourneyDefinitionSchema } from './journey-definition.ts';
import { exitRun } from './run-events.ts';
import { checkDefinition, toFieldErrors } from './validate-definition.ts';

const j = schema.journeys;
type JourneyRow = typeof j.$inferSelect;

/** The API's Journey: the draft definition and where the live version stands. */
export function presentJourney(row: JourneyRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    definition: row.definition as unknown as JourneyDefinition,
    liveVersion: row.liveVersion,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    hasUnpublishedChanges: row.draftChanged,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type Journey = ReturnType<typeof presentJourney>;

/** A draft may be incomplete, but it must be a JourneyDefinition's shape (ids may still dangle until publishing). */
function parseDraft(definition: unknown): JourneyDefinition {
  const parsed = JourneyDefinitionSchema.safeParse(definition);
  if (!parsed.success) throw validationFailed(parsed.error.issues.map((issue) => ({ path: ['definition', ...issue.path].join('.'), message: issue.message })));
  return parsed.data;
}

export async function listJourneys(db: Database, accountId: string) {
  const rows = await db.select().from(j).where(eq(j.accountId, accountId)).orderBy(sql`${j.status} = 'archived'`, desc(j.updatedAt));
  return rows.map(presentJourney);
}

export async function findJourneyRow(db: Database, accountId: string, journeyId: string, forUpdate = false) {
  const query = db.select().from(j).where(and(eq(j.accountId, accountId), eq(j.id, journeyId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('journey');
  return row;
}

export async function getJourney(db: Database, accountId: string, journeyId: string) {
  return presentJourney(await findJourneyRow(db, accountId, journeyId));
}

export async function createJourney(db: Database, accountId: string, input: { name: string; description?: string; definition: unknown }) {
  const definition = parseDraft(input.definition);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(j).values({ accountId, name: input.name, description: input.description ?? '', definition: definition as unknown as Record<string, unknown>, webhookSecret: randomBytes(24).toString('hex') }).returning();
    await recordEvents(tx, [{ type: 'journey.changed', accountId, payload: { journeyId: row!.id }, audience: { kind: 'account' } }]);
    return presentJourney(row!);
  });
}

export async function updateJourney(db: Database, accountId: string, journeyId: string, patch: { name?: string; description?: string; definition?: unknown }) {
  const definition = patch.definition !== undefined ? parseDraft(patch.definition) : undefined;
  return db.transaction(async (tx) => {
    const row = await findJourneyRow(tx, accountId, journeyId, true);
    if (row.status === 'archived') throw conflict('An archived journey cannot be edited.');
    const [updated] = await tx.update(j).set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(definition ? { definition: definition as unknown as Record<string, unknown>, draftChanged: true } : {}),
      updatedAt: new Date(),
    }).where(eq(j.id, journeyId)).returning();
    await recordEvents(tx, [{ type: 'journey.changed', accountId, payload: { journeyId }, audience: { kind: 'account' } }]);
    return presentJourney(updated!);
  });
}

/**
 * Publishes the draft as a new immutable version and makes the journey live (a paused journey with no draft
 * changes goes live again on its current version). Customers inside move to the new version by the edit rule
 * (docs/journeys.md#editing-a-live-journey): a run whose current step id still exists continues from it — a wait of
 * the same kind keeps its original due time, a step whose kind changed runs afresh; a run at a removed step exits
 * with reason `step_removed`.
 */
export async function publishJourney(db: Database, accountId: string, journeyId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await findJourneyRow(tx, accountId, journeyId, true);
    if (row.status === 'archived') throw conflict('An archived journey cannot be published.');
    if (row.liveVersion !== null && !row.draftChanged) {
      const [resumed] = await tx.update(j).set({ status: 'live', updatedAt: now }).where(eq(j.id, journeyId)).returning();
      await recordEvents(tx, [{ type: 'journey.changed', accountId, payload: { journeyId, status: 'live' }, audience: { kind: 'account' } }]);
      return presentJourney(resumed!);
    }
    const checked = checkDefinition(row.definition);
    if (!checked.definition) throw new AppError('unprocessable', 'The journey cannot be published', checked.errors.map((e) => (e.stepId ? `${e.stepId}: ${e.message}` : e.message)).join('; '), { errors: toFieldErrors(checked.errors) });
    const definition = checked.definition;
    const version = (row.liveVersion ?? 0) + 1;
    await tx.insert(schema.journeyVersions).values({ journeyId, version, accountId, definition: definition as unknown as Record<string, unknown>, publishedAt: now });
    const [published] = await tx.update(j).set({ status: 'live', liveVersion: version, publishedAt: now, draftChanged: false, updatedAt: now }).where(eq(j.id, journeyId)).returning();
    await moveRunsToVersion(tx, accountId, journeyId, version, definition, now);
    await recordEvents(tx, [{ type: 'journey.changed', accountId, payload: { journeyId, status: 'live', version }, audience: { kind: 'account' } }]);
    return presentJourney(published!);
  });
}

async function moveRunsToVersion(tx: Database, accountId: string, journeyId: string, version: number, definition: JourneyDefinition, now: Date) {
  const r = schema.journeyRuns;
  const runs = await tx.select().from(r).where(and(eq(r.journeyId, journeyId), eq(r.status, 'active'), eq(r.test, false), lt(r.version, version))).for('update');
  if (runs.length === 0) return;
  const oldVersions = new Map<number, JourneyDefinition>();
  for (const old of await tx.select().from(schema.journeyVersions).where(eq(schema.journeyVersions.journeyId, journeyId))) oldVersions.set(old.version, old.definition as unknown as JourneyDefinition);
  for (const run of runs) {
    if (run.phase === 'entering') {
      await tx.update(r).set({ version, currentStepId: definition.start }).where(eq(r.id, run.id));
      continue;
    }
    const step = definition.steps.find((candidate) => candidate.id === run.currentStepId);
    if (!step) {
      await exitRun(tx, run, 'step_removed', now, { version });
      continue;
    }
    const before = oldVersions.get(run.version)?.steps.find((candidate) => candidate.id === run.currentStepId);
    const sameKind = before?.kind === step.kind;
    await tx.update(r).set(sameKind ? { version } : { version, phase: 'ready', visit: run.visit + 1, dueAt: now, awaitingEvent: null, attempts: 0 }).where(eq(r.id, run.id));
  }
}

export async function pauseJourney(db: Database, accountId: string, journeyId: string) {
  return db.transaction(async (tx) => {
    const row = await findJourneyRow(tx, accountId, journeyId, true);
    if (row.status !== 'live') throw conflict('Only a live journey can be paused.');
    const [paused] = await tx.update(j).set({ status: 'paused', updatedAt: new Date() }).where(eq(j.id, journeyId)).returning();
    await recordEvents(tx, [{ type: 'journey.changed', accountId, payload: { journeyId, status: 'paused' }, audience: { kind: 'account' } }]);
    return presentJourney(paused!);
  });
}

/** A journey never published is deleted; a published one is archived (its runs exit with `journey_archived`, its figures stay). */
export async function deleteJourney(db: Database, accountId: string, journeyId: string, now = new Date()) {
  await db.transaction(async (tx) => {
    const row = await findJourneyRow(tx, accountId, journeyId, true);
    if (row.liveVersion === null) {
      await tx.delete(j).where(eq(j.id, journeyId));
    } else {
      await tx.update(j).set({ status: 'archived', updatedAt: now }).where(eq(j.id, journeyId));
      const r = schema.journeyRuns;
      const runs = await tx.select().from(r).where(and(eq(r.journeyId, journeyId), eq(r.status, 'active'))).orderBy(asc(r.enteredAt)).for('update');
      for (const run of runs) await exitRun(tx, run, 'journey_archived', now);
    }
    await recordEvents(tx, [{ type: 'journey.changed', accountId, payload: { journeyId, status: 'archived' }, audience: { kind: 'account' } }]);
  });
}

/** A live version's definition (cached by callers per pass). */
export async function loadVersion(db: Database, journeyId: string, version: number): Promise<JourneyDefinition | null> {
  const [row] = await db.select().from(schema.journeyVersions).where(and(eq(schema.journeyVersions.journeyId, journeyId), eq(schema.journeyVersions.version, version)));
  return row ? (row.definition as unknown as JourneyDefinition) : null;
}

/** Names of an account's journeys by id, for the touchpoint map's directory. */
export async function describeJourneys(db: Database, accountId: string, journeyIds: string[]): Promise<Map<string, { name: string }>> {
  if (journeyIds.length === 0) return new Map();
  const rows = await db.select({ id: j.id, name: j.name }).from(j).where(and(eq(j.accountId, accountId), inArray(j.id, journeyIds)));
  return new Map(rows.map((row) => [row.id, { name: row.name }]));
}
