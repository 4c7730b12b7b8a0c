import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { AppError } from '@touchpoint/core';
import { requireLiveContact } from '@touchpoint/contacts';
import { type Database, schema } from '@touchpoint/db';
import { findJourneyRow } from './journeys.ts';
import type { JourneyPorts } from './ports.ts';
import { executeStep, type TraceOutcome } from './steps.ts';
import { checkDefinition, toFieldErrors } from './validate-definition.ts';

export interface TraceEntry {
  stepId: string;
  kind: string;
  at: string;
  outcome: TraceOutcome;
  detail: Record<string, unknown>;
}

/** Test mode walks this many steps at most (a loop without waits ends here). */
const MAX_TEST_STEPS = 100;

/**
 * Walks one customer through the journey's DRAFT now, synchronously: waits are fast-forwarded (a wait for an event
 * takes its timeout path), branches and splits are evaluated for real, and every step really happens to that
 * customer — messages are sent, marked `test` (left out of analytics; the run and its step log carry `test`).
 * Nothing is recorded as journey.entered/exited/converted; a `converted` entry says the customer has already met the
 * goal (its event within `withinDays`). Returns the trace.
 */
export async function runJourneyTest(db: Database, ports: JourneyPorts, accountId: string, journeyId: string, contactId: string, now = new Date()): Promise<{ runId: string; trace: TraceEntry[] }> {
  const journey = await findJourneyRow(db, accountId, journeyId);
  const checked = checkDefinition(journey.definition);
  if (!checked.definition) throw new AppError('unprocessable', 'The draft cannot be tested', 'Fix the steps named in errors first.', { errors: toFieldErrors(checked.errors) });
  await requireLiveContact(db, accountId, contactId);
  const definition = checked.definition;
  const [run] = await db.insert(schema.journeyRuns).values({ accountId, journeyId, version: journey.liveVersion ?? 0, contactId, entryKey: `test:${randomUUID()}`, phase: 'ready', currentStepId: definition.start, dueAt: null, test: true, enteredAt: now }).returning();
  const runId = run!.id;
  const trace: TraceEntry[] = [];
  const at = () => new Date().toISOString();
  const where = definition.entry.kind === 'event' ? definition.entry.where : undefined;
  const whereMatched = where ? await ports.conditions.matches(accountId, contactId, where, now) : true;
  trace.push({ stepId: definition.start, kind: definition.entry.kind, at: at(), outcome: 'entered', detail: { entry: definition.entry, ...(where ? { entryConditionMatched: whereMatched } : {}) } });

  let stepId: string | null = definition.start;
  let visit = 0;
  let exitReason = 'completed';
  while (stepId !== null) {
    if (visit >= MAX_TEST_STEPS) {
      exitReason = 'step_limit';
      break;
    }
    const step = definition.steps.find((candidate) => candidate.id === stepId)!;
    const result = await executeStep({ db, ports, accountId, journeyId, runId, contactId, visit, attempts: 0, priority: definition.priority, webhookSecret: journey.webhookSecret, event: null, test: true, now: new Date() }, step);
    let next = result.next;
    const detail: Record<string, unknown> = { ...result.detail, ...(result.reason ? { reason: result.reason } : {}) };
    if (result.wait) {
      detail.fastForwarded = true;
      if (step.kind === 'wait_for_event') {
        next = step.timeoutNext;
        detail.timedOut = true;
      }
    }
    await db.insert(schema.journeyStepLog).values({ accountId, journeyId, runId, stepId: step.id, visit, kind: step.kind, outcome: result.outcome, reason: result.reason ?? null, detail, nextStepId: next, test: true });
    trace.push({ stepId: step.id, kind: step.kind, at: at(), outcome: result.outcome, detail });
    stepId = next;
    visit += 1;
  }
  const last = trace.at(-1)!;
  // The goal, checked for real: has this customer done the goal event within its window?
  if (definition.goal && (await ports.conditions.matches(accountId, contactId, { kind: 'event', name: definition.goal.eventName, operator: 'gte', count: 1, withinDays: definition.goal.withinDays }, new Date()))) {
    trace.push({ stepId: last.stepId, kind: 'goal', at: at(), outcome: 'converted', detail: { goal: definition.goal.eventName } });
  }
  trace.push({ stepId: last.stepId, kind: 'exit', at: at(), outcome: 'exited', detail: { reason: exitReason } });
  await db.update(schema.journeyRuns).set({ status: 'exited', exitReason, exitedAt: new Date(), visit, currentStepId: last.stepId }).where(and(eq(schema.journeyRuns.id, runId), eq(schema.journeyRuns.test, true)));
  return { runId, trace };
}
