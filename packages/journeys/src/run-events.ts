import { and, eq } from 'drizzle-orm';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';

export type JourneyRunRow = typeof schema.journeyRuns.$inferSelect;
type RunRef = Pick<JourneyRunRow, 'id' | 'accountId' | 'journeyId' | 'contactId' | 'version' | 'currentStepId' | 'test'>;

/**
 * Records what happened to a customer in a journey twice, in the caller's transaction: as a domain event
 * (`journey.entered|exited|converted`, payload `{ journeyId, runId, contactId, version, … }`) and as a customer
 * event on their timeline with touchpoint `{ kind: 'journey', id, stepId }`. Test runs record neither.
 */
export async function recordRunEvent(tx: Database, run: RunRef, name: 'journey.entered' | 'journey.exited' | 'journey.converted', extra: Record<string, unknown>, at: Date) {
  if (run.test) return;
  const payload = { journeyId: run.journeyId, runId: run.id, contactId: run.contactId, version: run.version, stepId: run.currentStepId, ...extra };
  await recordEvents(tx, [{ type: name, accountId: run.accountId, payload, audience: { kind: 'account' } }]);
  await recordCustomerEvents(tx, run.accountId, [{
    contactId: run.contactId,
    kind: 'system',
    name,
    properties: { runId: run.id, version: run.version, ...extra },
    touchpoint: { kind: 'journey', id: run.journeyId, stepId: run.currentStepId },
    messageId: `${name}:${run.id}`,
    source: 'system',
    occurredAt: at,
  }]);
}

/** Ends a run with a reason (`completed`, `goal`, `exit_event`, `step_removed`, `journey_archived`). */
export async function exitRun(tx: Database, run: RunRef, reason: string, at: Date, changes: Partial<JourneyRunRow> = {}) {
  const exited = await tx.update(schema.journeyRuns).set({ ...changes, status: 'exited', exitReason: reason, exitedAt: at, dueAt: null, awaitingEvent: null, leaseToken: null, leaseUntil: null })
    .where(and(eq(schema.journeyRuns.id, run.id), eq(schema.journeyRuns.status, 'active'))).returning({ id: schema.journeyRuns.id });
  // Already ended (an exit event and the last step at the same moment): it exits once.
  if (exited.length === 0) return;
  await recordRunEvent(tx, { ...run, ...changes }, 'journey.exited', { reason }, at);
}
