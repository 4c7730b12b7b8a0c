import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AccountScope, OutreachRequest, TouchpointRef } from '@touchpoint/core';
import { updateContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import type { RecordedCustomerEvent } from '@touchpoint/customer-events';
import { type Database, schema } from '@touchpoint/db';
import { signWebhookBody } from '@touchpoint/webhooks';
import type { JourneyStep } from './journey-definition.ts';
import { nextLocalTime, resolveZone } from '@touchpoint/core';
import type { JourneyPorts } from './ports.ts';

export const TRACE_OUTCOMES = ['entered', 'waited', 'branched', 'sent', 'suppressed', 'deferred', 'updated', 'called', 'created', 'exited', 'converted', 'failed'] as const;
export type TraceOutcome = (typeof TRACE_OUTCOMES)[number];

/** A webhook step is tried this many times, waiting these delays between tries, then logged `failed` and passed. */
export const WEBHOOK_RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000];

export interface StepContext {
  db: Database;
  ports: JourneyPorts;
  accountId: string;
  journeyId: string;
  runId: string;
  contactId: string;
  visit: number;
  attempts: number;
  priority: number;
  webhookSecret: string;
  event: RecordedCustomerEvent | null;
  test: boolean;
  now: Date;
}

export interface StepResult {
  outcome: TraceOutcome;
  next: string | null;
  reason?: string | null;
  detail: Record<string, unknown>;
  /** The run waits at this step until `dueAt` (or the awaited event). */
  wait?: { dueAt: Date; awaitingEvent: string | null };
  /** Try the step again at this time (a webhook that failed). */
  retryAt?: Date;
  splitPath?: string;
}

const systemScope = (accountId: string): AccountScope => ({ accountId, actor: { type: 'system', id: null, name: 'Journey', role: 'admin' } });

/** A number in [0, 100) fixed by the run and the step: a replay of the run takes the same split path. */
export function splitRoll(runId: string, stepId: string): number {
  return createHash('sha256').update(`${runId}:${stepId}`).digest().readUInt32BE(0) % 100;
}

export function pickSplitPath<P extends { percent: number }>(paths: P[], roll: number): P {
  let upTo = 0;
  for (const path of paths) {
    upTo += path.percent;
    if (roll < upTo) return path;
  }
  return paths.at(-1)!;
}

async function zoneOf(db: Database, accountId: string, contactId: string) {
  const [row] = await db.select({ contactZone: schema.contacts.timeZone, accountZone: schema.accounts.timeZone })
    .from(schema.contacts).innerJoin(schema.accounts, eq(schema.accounts.id, schema.contacts.accountId))
    .where(eq(schema.contacts.id, contactId));
  return resolveZone(row?.contactZone, resolveZone(row?.accountZone));
}

const mapSend = (result: Awaited<ReturnType<JourneyPorts['outreach']['send']>>): Pick<StepResult, 'outcome' | 'reason' | 'detail'> => {
  switch (result.status) {
    case 'sent':
      return { outcome: 'sent', reason: null, detail: { messageId: result.messageId } };
    case 'duplicate':
      return { outcome: 'sent', reason: null, detail: { duplicate: true } };
    case 'deferred':
      return { outcome: 'deferred', reason: result.reason, detail: { until: result.until } };
    case 'suppressed':
      return { outcome: 'suppressed', reason: result.reason, detail: { detail: result.detail } };
  }
};

/**
 * Executes one step for one customer, calling the ports outside any transaction. Waits return when to continue;
 * the caller (the worker, or test mode which fast-forwards them) moves the run.
 */
export async function executeStep(ctx: StepContext, step: JourneyStep): Promise<StepResult> {
  try {
    return await executeStepKind(ctx, step);
  } catch (error) {
    // A step whose port or write fails is logged `failed` and the customer goes on: one broken step never strands a run.
    const next = step.kind === 'branch' ? step.no : step.kind === 'split' ? (step.paths[0]?.next ?? null) : step.kind === 'wait_for_event' ? step.timeoutNext : step.next;
    return { outcome: 'failed', next, reason: 'step_error', detail: { error: error instanceof Error ? error.message : String(error) } };
  }
}

async function executeStepKind(ctx: StepContext, step: JourneyStep): Promise<StepResult> {
  const touchpoint: TouchpointRef = { kind: 'journey', id: ctx.journeyId, stepId: step.id };
  switch (step.kind) {
    case 'wait_duration': {
      const dueAt = new Date(ctx.now.getTime() + step.seconds * 1000);
      return { outcome: 'waited', next: step.next, detail: { until: dueAt.toISOString() }, wait: { dueAt, awaitingEvent: null } };
    }
    case 'wait_until_time': {
      const zone = await zoneOf(ctx.db, ctx.accountId, ctx.contactId);
      const dueAt = nextLocalTime(ctx.now, step.time, zone, step.weekdays);
      return { outcome: 'waited', next: step.next, detail: { until: dueAt.toISOString(), zone }, wait: { dueAt, awaitingEvent: null } };
    }
    case 'wait_for_event': {
      const dueAt = new Date(ctx.now.getTime() + step.timeoutSeconds * 1000);
      return { outcome: 'waited', next: step.next, detail: { eventName: step.eventName, timeoutAt: dueAt.toISOString() }, wait: { dueAt, awaitingEvent: step.eventName } };
    }
    case 'branch': {
      const matched = await ctx.ports.conditions.matches(ctx.accountId, ctx.contactId, step.condition, ctx.now);
      return { outcome: 'branched', next: matched ? step.yes : step.no, detail: { path: matched ? 'yes' : 'no' } };
    }
    case 'split': {
      const roll = splitRoll(ctx.runId, step.id);
      const path = pickSplitPath(step.paths, roll);
      return { outcome: 'branched', next: path.next, detail: { path: path.label, roll }, splitPath: path.label };
    }
    case 'send_message': {
      const request: Omit<OutreachRequest, 'content'> = {
        accountId: ctx.accountId,
        contactId: ctx.contactId,
        channel: step.channel,
        touchpoint,
        priority: ctx.priority,
        dedupeKey: `journey:${ctx.runId}:${step.id}:${ctx.visit}`,
        ...(ctx.test ? { test: true } : {}),
      };
      const rendered = await ctx.ports.templates.render(ctx.accountId, step.templateId, { contactId: ctx.contactId, event: ctx.event });
      if (!rendered.ok) {
        await ctx.ports.outreach.recordSuppression(request, 'template_error', rendered.error);
        return { outcome: 'suppressed', next: step.next, reason: 'template_error', detail: { error: rendered.error } };
      }
      return { next: step.next, ...mapSend(await ctx.ports.outreach.send({ ...request, content: rendered.content })) };
    }
    case 'show_prompt': {
      const result = await ctx.ports.prompts.trigger({ accountId: ctx.accountId, contactId: ctx.contactId, promptId: step.promptId, touchpoint, reason: 'journey', test: ctx.test });
      return result.status === 'triggered'
        ? { outcome: 'sent', next: step.next, detail: { promptId: step.promptId } }
        : { outcome: 'suppressed', next: step.next, reason: result.reason, detail: { promptId: step.promptId } };
    }
    case 'send_survey': {
      const result = await ctx.ports.surveys.request({ accountId: ctx.accountId, contactId: ctx.contactId, surveyId: step.surveyId, channel: step.channel, about: touchpoint, touchpoint, test: ctx.test });
      return result.status === 'requested'
        ? { outcome: 'sent', next: step.next, detail: { surveyId: step.surveyId, requestId: result.requestId } }
        : { outcome: 'suppressed', next: step.next, reason: result.reason, detail: { surveyId: step.surveyId } };
    }
    case 'update_attribute': {
      const key = step.key.startsWith('attributes.') ? step.key.slice('attributes.'.length) : step.key;
      await updateContact(ctx.db, systemScope(ctx.accountId), ctx.contactId, { attributes: { [key]: step.value } });
      return { outcome: 'updated', next: step.next, detail: { key, value: step.value } };
    }
    case 'add_to_segment': {
      await ctx.ports.segments.add(ctx.accountId, step.segmentId, ctx.contactId);
      return { outcome: 'updated', next: step.next, detail: { segmentId: step.segmentId } };
    }
    case 'call_webhook':
      return callWebhook(ctx, step);
    case 'create_conversation': {
      const note = [`Journey step “${step.name ?? step.id}” opened this conversation${ctx.test ? ' (test mode)' : ''}.`, step.note ?? '', ctx.event ? `Entered on ${ctx.event.name} at ${ctx.event.occurredAt}.` : ''].filter(Boolean).join('\n\n');
      const conversation = await createConversation(ctx.db, systemScope(ctx.accountId), { inboxId: step.inboxId, contactId: ctx.contactId, subject: step.subject, messages: [{ direction: 'note', body: note, at: ctx.now }] }, ctx.now);
      return { outcome: 'created', next: step.next, detail: { conversationId: conversation.id } };
    }
  }
}

async function callWebhook(ctx: StepContext, step: Extract<JourneyStep, { kind: 'call_webhook' }>): Promise<StepResult> {
  const body = JSON.stringify({ journeyId: ctx.journeyId, runId: ctx.runId, stepId: step.id, contactId: ctx.contactId, event: ctx.event, test: ctx.test, at: ctx.now.toISOString() });
  const doFetch = ctx.ports.fetch ?? fetch;
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await doFetch(step.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-touchpoint-signature': signWebhookBody(ctx.webhookSecret, body, ctx.now), 'idempotency-key': `${ctx.runId}:${step.id}:${ctx.visit}` },
      body,
      signal: AbortSignal.timeout(ctx.ports.webhookTimeoutMs ?? 10_000),
      redirect: 'manual',
    });
    status = response.status;
    await response.body?.cancel();
    if (status >= 200 && status < 300) return { outcome: 'called', next: step.next, detail: { status, attempts: ctx.attempts + 1 } };
    error = `HTTP ${status}`;
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const delay = WEBHOOK_RETRY_DELAYS_MS[ctx.attempts];
  if (!ctx.test && delay !== undefined) return { outcome: 'failed', next: step.next, reason: 'webhook_error', detail: { status, error, attempts: ctx.attempts + 1 }, retryAt: new Date(ctx.now.getTime() + delay) };
  return { outcome: 'failed', next: step.next, reason: 'webhook_error', detail: { status, error, attempts: ctx.attempts + 1 } };
}
