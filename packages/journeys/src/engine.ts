import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { createPollingWorker } from '@touchpoint/core';
import type { RecordedCustomerEvent } from '@touchpoint/customer-events';
import { type Database, schema } from '@touchpoint/db';
import type { JourneyDefinition, JourneyStep } from './journey-definition.ts';
import { loadVersion } from './journeys.ts';
import type { JourneyPorts } from './ports.ts';
import { exitRun, type JourneyRunRow, recordRunEvent } from './run-events.ts';
import { executeStep, type StepResult } from './steps.ts';

const r = schema.journeyRuns;
const log = schema.journeyStepLog;

/** A run holds its lease this long; a worker that dies mid-run frees it when the lease runs out. */
const LEASE_MS = 60_000;
/** Steps one pass executes for one run before yielding (a loop without waits cannot hold a worker). */
const MAX_STEPS_PER_PASS = 50;

/**
 * Claims up to `limit` runs that are due, of live journeys, with a lease: `FOR UPDATE SKIP LOCKED`, so several
 * nodes share the work and never take the same run.
 */
export async function claimDueRuns(db: Database, limit: number, now = new Date(), journeyId?: string): Promise<{ id: string; leaseToken: string }[]> {
  if (limit <= 0) return [];
  const onlyJourney = journeyId ? sql`and run.journey_id = ${journeyId}::uuid` : sql``;
  const token = randomUUID();
  const result = await db.execute(sql`
    update journey_runs set lease_token = ${token}::uuid, lease_until = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
    where id in (
      select run.id from journey_runs run join journeys journey on journey.id = run.journey_id
      where run.status = 'active' and run.test = false and run.due_at <= ${now.toISOString()}::timestamptz
        and (run.lease_until is null or run.lease_until < ${now.toISOString()}::timestamptz) and journey.status = 'live' ${onlyJourney}
      order by run.due_at limit ${limit} for update of run skip locked)
    returning id`);
  return (result as unknown as { rows: { id: string }[] }).rows.map((row) => ({ id: row.id, leaseToken: token }));
}

interface Loaded {
  run: JourneyRunRow;
  definition: JourneyDefinition;
  journey: typeof schema.journeys.$inferSelect;
}

async function loadLeased(db: Database, runId: string, leaseToken: string): Promise<Loaded | null> {
  const [row] = await db.select({ run: r, journey: schema.journeys }).from(r).innerJoin(schema.journeys, eq(schema.journeys.id, r.journeyId))
    .where(and(eq(r.id, runId), eq(r.leaseToken, leaseToken), eq(r.status, 'active')));
  if (!row) return null;
  const definition = await loadVersion(db, row.run.journeyId, row.run.version);
  return definition ? { run: row.run, journey: row.journey, definition } : null;
}

const stepOf = (definition: JourneyDefinition, stepId: string | null) => definition.steps.find((step) => step.id === stepId) ?? null;

/** Moves a run to `next` (or ends it there, `completed`), in the caller's transaction. */
async function moveRun(tx: Database, run: JourneyRunRow, next: string | null, now: Date, extra: Partial<JourneyRunRow> = {}) {
  if (next === null) {
    await exitRun(tx, run, 'completed', now, extra);
    return;
  }
  await tx.update(r).set({ ...extra, currentStepId: next, visit: run.visit + 1, phase: 'ready', dueAt: now, awaitingEvent: null, attempts: 0 }).where(and(eq(r.id, run.id), eq(r.status, 'active')));
}

const releaseLease = (db: Database, runId: string, leaseToken: string) =>
  db.update(r).set({ leaseToken: null, leaseUntil: null }).where(and(eq(r.id, runId), eq(r.leaseToken, leaseToken)));

/**
 * Advances one leased run: checks the entry condition of a new run, ends waits that are due, and executes steps until
 * the run waits, ends, or must retry. Each step executes once per (run, step, visit): a `pending` row in the step log
 * claims it before the side effect, and a step already logged is never executed again (sends also carry a dedupe
 * key, so a worker that died between sending and logging does not send twice).
 */
export async function advanceRun(db: Database, ports: JourneyPorts, runId: string, leaseToken: string, now = new Date()): Promise<void> {
  for (let steps = 0; steps < MAX_STEPS_PER_PASS; steps += 1) {
    const loaded = await loadLeased(db, runId, leaseToken);
    if (!loaded || loaded.journey.status !== 'live') break;
    const { run, definition, journey } = loaded;
    const event = (run.state.event ?? null) as RecordedCustomerEvent | null;

    if (run.phase === 'entering') {
      const where = definition.entry.kind === 'event' ? definition.entry.where : undefined;
      if (where && !(await ports.conditions.matches(run.accountId, run.contactId, where, now))) {
        // Never entered: the event did not meet the entry condition.
        await db.delete(r).where(and(eq(r.id, run.id), eq(r.leaseToken, leaseToken)));
        return;
      }
      await db.transaction(async (tx) => {
        await tx.update(r).set({ phase: 'ready', currentStepId: definition.start, dueAt: now }).where(eq(r.id, run.id));
        await recordRunEvent(tx, { ...run, currentStepId: definition.start }, 'journey.entered', { entry: definition.entry.kind }, now);
      });
      continue;
    }

    const step = stepOf(definition, run.currentStepId);
    if (!step) {
      await db.transaction((tx) => exitRun(tx, run, 'step_removed', now));
      return;
    }

    if (run.phase === 'waiting') {
      if (!run.dueAt || run.dueAt.getTime() > now.getTime()) break;
      const timedOut = step.kind === 'wait_for_event';
      const next = step.kind === 'wait_for_event' ? step.timeoutNext : 'next' in step ? step.next : null;
      await db.transaction(async (tx) => {
        if (timedOut) await tx.update(log).set({ detail: sql`${log.detail} || ${JSON.stringify({ timedOut: true })}::jsonb` }).where(and(eq(log.runId, run.id), eq(log.stepId, step.id), eq(log.visit, run.visit)));
        await moveRun(tx, run, next, now);
      });
      continue;
    }

    const [claimed] = await db.insert(log).values({ accountId: run.accountId, journeyId: run.journeyId, runId: run.id, stepId: step.id, visit: run.visit, kind: step.kind, outcome: 'pending', at: now })
      .onConflictDoNothing().returning({ id: log.id });
    if (!claimed) {
      const [done] = await db.select().from(log).where(and(eq(log.runId, run.id), eq(log.stepId, step.id), eq(log.visit, run.visit)));
      if (done && done.outcome !== 'pending') {
        // Executed by an earlier pass that stopped before moving the run: move it as that pass decided.
        await db.transaction((tx) => applyResult(tx, run, step, { outcome: done.outcome as StepResult['outcome'], next: done.nextStepId, detail: done.detail, ...(done.outcome === 'waited' ? { wait: { dueAt: new Date(String(done.detail.until ?? done.detail.timeoutAt)), awaitingEvent: step.kind === 'wait_for_event' ? step.eventName : null } } : {}) }, now, false));
        continue;
      }
      // Another pass is executing this step right now; one that died long ago is retried (sends carry a dedupe key).
      if (done && now.getTime() - done.at.getTime() < LEASE_MS) return;
    }
    const result = await executeStep({ db, ports, accountId: run.accountId, journeyId: run.journeyId, runId: run.id, contactId: run.contactId, visit: run.visit, attempts: run.attempts, priority: definition.priority, webhookSecret: journey.webhookSecret, event, test: false, now }, step);
    if (result.retryAt) {
      await db.update(r).set({ attempts: run.attempts + 1, dueAt: result.retryAt, leaseToken: null, leaseUntil: null }).where(and(eq(r.id, run.id), eq(r.leaseToken, leaseToken)));
      await db.update(log).set({ detail: result.detail, reason: result.reason ?? null }).where(and(eq(log.runId, run.id), eq(log.stepId, step.id), eq(log.visit, run.visit)));
      return;
    }
    await db.transaction((tx) => applyResult(tx, run, step, result, now, true));
  }
  await releaseLease(db, runId, leaseToken);
}

async function applyResult(tx: Database, run: JourneyRunRow, step: JourneyStep, result: StepResult, now: Date, writeLog: boolean) {
  if (writeLog) {
    await tx.update(log).set({ outcome: result.outcome, reason: result.reason ?? null, detail: result.detail, nextStepId: result.next, at: now })
      .where(and(eq(log.runId, run.id), eq(log.stepId, step.id), eq(log.visit, run.visit)));
  }
  if (result.wait) {
    await tx.update(r).set({ phase: 'waiting', dueAt: result.wait.dueAt, awaitingEvent: result.wait.awaitingEvent }).where(and(eq(r.id, run.id), eq(r.status, 'active')));
    return;
  }
  await moveRun(tx, run, result.next, now, result.splitPath ? { splitPath: result.splitPath } : {});
}

/** Claims due runs and advances each (the worker's one pass; tests call it directly with a chosen `now`, for one journey). */
export async function advanceDueRuns(db: Database, ports: JourneyPorts, options: { now?: Date; limit?: number; journeyId?: string } = {}) {
  const now = options.now ?? new Date();
  const claimed = await claimDueRuns(db, options.limit ?? 100, now, options.journeyId);
  for (const item of claimed) await advanceRun(db, ports, item.id, item.leaseToken, now);
  return claimed.length;
}

/** The polling worker every node runs: due runs are claimed with SKIP LOCKED and a lease, `concurrency` at a time. */
export function createJourneyWorker(db: Database, ports: JourneyPorts, options: { intervalMs?: number; concurrency?: number; onError?: (error: unknown) => void } = {}) {
  return createPollingWorker<{ id: string; leaseToken: string }>({
    claim: (limit) => claimDueRuns(db, limit),
    run: (item) => advanceRun(db, ports, item.id, item.leaseToken),
    concurrency: options.concurrency ?? 8,
    intervalMs: options.intervalMs ?? 100,
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
