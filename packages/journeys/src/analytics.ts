import { and, desc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import { notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import type { JourneyDefinition } from './journey-definition.ts';
import { findJourneyRow } from './journeys.ts';

const r = schema.journeyRuns;
const log = schema.journeyStepLog;

/**
 * Per-step figures over runs that entered in [from, to), test runs left out. A step's `entered` counts runs that
 * reached it, `sent`/`suppressed` its message outcomes, `converted` the runs that reached it and then met the goal.
 * Every step of the draft is listed (zeros included), then any step only older versions had.
 */
export async function describeJourneyAnalytics(db: Database, accountId: string, journeyId: string, range: { from: Date; to: Date }) {
  const journey = await findJourneyRow(db, accountId, journeyId);
  const inRange = and(eq(r.accountId, accountId), eq(r.journeyId, journeyId), eq(r.test, false), ne(r.phase, 'entering'), gte(r.enteredAt, range.from), lt(r.enteredAt, range.to));
  const [totals] = await db.select({
    entered: sql<number>`count(*)::int`,
    active: sql<number>`(count(*) filter (where ${r.status} = 'active'))::int`,
    converted: sql<number>`(count(*) filter (where ${r.convertedAt} is not null))::int`,
    exited: sql<number>`(count(*) filter (where ${r.status} = 'exited'))::int`,
  }).from(r).where(inRange);
  const rows = await db.select({
    stepId: log.stepId,
    outcome: log.outcome,
    reason: log.reason,
    runs: sql<number>`count(distinct ${log.runId})::int`,
    events: sql<number>`count(*)::int`,
    converted: sql<number>`(count(distinct ${log.runId}) filter (where ${r.convertedAt} is not null))::int`,
  }).from(log).innerJoin(r, eq(r.id, log.runId)).where(and(inRange, ne(log.outcome, 'pending'))).groupBy(log.stepId, log.outcome, log.reason);
  const reached = await db.select({ stepId: log.stepId, runs: sql<number>`count(distinct ${log.runId})::int`, converted: sql<number>`(count(distinct ${log.runId}) filter (where ${r.convertedAt} is not null))::int` })
    .from(log).innerJoin(r, eq(r.id, log.runId)).where(and(inRange, ne(log.outcome, 'pending'))).groupBy(log.stepId);
  const order = (journey.definition as unknown as JourneyDefinition).steps.map((step) => step.id);
  for (const row of reached) if (!order.includes(row.stepId)) order.push(row.stepId);
  const steps = order.map((stepId) => {
    const mine = rows.filter((row) => row.stepId === stepId);
    const suppressed: Record<string, number> = {};
    for (const row of mine) if (row.outcome === 'suppressed') suppressed[row.reason ?? 'unknown'] = (suppressed[row.reason ?? 'unknown'] ?? 0) + row.events;
    const total = reached.find((row) => row.stepId === stepId);
    return { stepId, entered: total?.runs ?? 0, sent: mine.filter((row) => row.outcome === 'sent').reduce((sum, row) => sum + row.events, 0), suppressed, converted: total?.converted ?? 0 };
  });
  return { totals: totals ?? { entered: 0, active: 0, converted: 0, exited: 0 }, steps };
}

const presentRun = (row: typeof r.$inferSelect) => ({
  id: row.id,
  journeyId: row.journeyId,
  contactId: row.contactId,
  version: row.version,
  status: row.status,
  phase: row.phase,
  currentStepId: row.currentStepId,
  dueAt: row.dueAt?.toISOString() ?? null,
  awaitingEvent: row.awaitingEvent,
  splitPath: row.splitPath,
  test: row.test,
  enteredAt: row.enteredAt.toISOString(),
  convertedAt: row.convertedAt?.toISOString() ?? null,
  exitedAt: row.exitedAt?.toISOString() ?? null,
  exitReason: row.exitReason,
});
export type JourneyRun = ReturnType<typeof presentRun>;

/** A journey's runs, newest first (test runs included, flagged). */
export async function listJourneyRuns(db: Database, accountId: string, journeyId: string, options: { status?: 'active' | 'exited'; limit?: number } = {}) {
  await findJourneyRow(db, accountId, journeyId);
  const rows = await db.select().from(r).where(and(eq(r.accountId, accountId), eq(r.journeyId, journeyId), options.status ? eq(r.status, options.status) : undefined))
    .orderBy(desc(r.enteredAt)).limit(Math.min(options.limit ?? 50, 200));
  return rows.map(presentRun);
}

/** A customer's runs across journeys, newest first, with each journey's name. */
export async function listContactJourneyRuns(db: Database, accountId: string, contactId: string, options: { limit?: number } = {}) {
  const rows = await db.select({ run: r, journeyName: schema.journeys.name }).from(r).innerJoin(schema.journeys, eq(schema.journeys.id, r.journeyId))
    .where(and(eq(r.accountId, accountId), eq(r.contactId, contactId))).orderBy(desc(r.enteredAt)).limit(Math.min(options.limit ?? 50, 200));
  return rows.map((row) => ({ ...presentRun(row.run), journeyName: row.journeyName }));
}

/** One run of a journey with its step log in the order the steps were reached. */
export async function getJourneyRun(db: Database, accountId: string, journeyId: string, runId: string) {
  const [run] = await db.select().from(r).where(and(eq(r.accountId, accountId), eq(r.journeyId, journeyId), eq(r.id, runId)));
  if (!run) throw notFound('journey run');
  const rows = await db.select().from(log).where(and(eq(log.accountId, accountId), eq(log.runId, runId))).orderBy(log.visit);
  return { run: presentRun(run), steps: rows.map((row) => ({ stepId: row.stepId, visit: row.visit, kind: row.kind, outcome: row.outcome, reason: row.reason, detail: row.detail, at: row.at.toISOString() })) };
}
