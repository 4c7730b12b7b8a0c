import { and, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Condition, ConditionPort, PublishedEvent } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import type { EventSink } from '@touchpoint/events';
import { loadRecordedEvents, type RecordedCustomerEvent } from '@touchpoint/customer-events';
import type { Prompt } from './prompt-definition.ts';
import { isInSchedule, passesFrequency, queuePrompt } from './prompt-delivery.ts';
import { presentPrompt } from './prompt-store.ts';

const p = schema.prompts;
const ce = schema.customerEvents;

/** Names that never trigger a prompt: a prompt firing on prompts being triggered would feed itself. */
const NEVER_TRIGGERS = new Set(['prompt.triggered']);

export interface PromptTriggerOptions {
  /**
   * Evaluates a prompt's condition and target segment on the customer (segments' `createConditionEvaluator`). Without
   * one, prompts that have a condition or a segment do not fire (targeting fails closed, never open). It is built on
   * the sink's transaction: the embedded database has one connection, so a read outside it would wait on it forever.
   */
  conditions: ((tx: Database) => ConditionPort) | null;
  onError?: (error: unknown, event: PublishedEvent) => void;
  now?: () => Date;
}

/** Is this the customer's first event of that name (the one being matched, or an earlier replay of it)? */
async function isFirstOccurrence(tx: Database, accountId: string, event: RecordedCustomerEvent): Promise<boolean> {
  const [row] = await tx
    .select({ id: ce.id })
    .from(ce)
    .where(and(eq(ce.accountId, accountId), eq(ce.contactId, event.contactId!), eq(ce.name, event.name), ne(ce.id, event.id), lte(ce.occurredAt, new Date(event.occurredAt))))
    .limit(1);
  return !row;
}

async function isTargeted(tx: Database, options: PromptTriggerOptions, accountId: string, contactId: string, prompt: Prompt, now: Date): Promise<boolean> {
  const wanted: Condition[] = [];
  if (prompt.segmentId) wanted.push({ kind: 'segment', segmentId: prompt.segmentId, member: true });
  if (prompt.condition) wanted.push(prompt.condition);
  if (wanted.length === 0) return true;
  if (!options.conditions) return false;
  return options.conditions(tx).matches(accountId, contactId, wanted.length === 1 ? wanted[0]! : { kind: 'all', conditions: wanted }, now);
}

/**
 * Picks the prompt one customer event fires, if any: live prompts on that event name, highest priority first; the
 * first whose schedule, first-time rule, targeting and frequency all pass is queued (one prompt per event).
 */
async function matchEvent(tx: Database, options: PromptTriggerOptions, accountId: string, event: RecordedCustomerEvent, candidates: Prompt[], now: Date) {
  const contactId = event.contactId!;
  let first: boolean | null = null;
  for (const prompt of candidates) {
    if (!isInSchedule(prompt, now)) continue;
    if (prompt.triggerFirstOnly) {
      first ??= await isFirstOccurrence(tx, accountId, event);
      if (!first) continue;
    }
    if (!(await isTargeted(tx, options, accountId, contactId, prompt, now))) continue;
    if (!(await passesFrequency(tx, accountId, contactId, prompt, now))) continue;
    const result = await queuePrompt(tx, prompt, { accountId, contactId, touchpoint: { kind: 'prompt', id: prompt.id }, reason: event.name, dedupeKey: `event:${event.id}` }, now);
    if (result.status === 'queued') return;
  }
}

/**
 * The outbox sink behind event-triggered prompts: on `customer_event.recorded` it looks up the live prompts of those
 * event names (one indexed query per batch), and queues the winner for each known customer's event. The queued
 * delivery's `prompt.triggered` reaches the sockets on the dispatcher's next pass, right after this commits.
 */
export function createPromptTriggerSink(options: PromptTriggerOptions): EventSink {
  return async (tx, events) => {
    for (const event of events) {
      if (event.type !== 'customer_event.recorded') continue;
      const recorded = (await loadRecordedEvents(tx, event, events)).filter((item) => item.contactId && !NEVER_TRIGGERS.has(item.name));
      if (recorded.length === 0) continue;
      try {
        // A savepoint: a failure here rolls back this event's prompts only, and the claim transaction stays usable.
        await tx.transaction(async (inner) => {
        const names = [...new Set(recorded.map((item) => item.name))];
        const rows = await inner.select().from(p).where(and(eq(p.accountId, event.accountId), eq(p.status, 'live'), inArray(p.triggerEvent, names))).orderBy(sql`${p.priority} desc, ${p.createdAt}`);
        if (rows.length === 0) return;
        const prompts = rows.map(presentPrompt);
        const now = options.now?.() ?? new Date();
        for (const item of recorded) {
          const candidates = prompts.filter((prompt) => prompt.triggerEvent === item.name);
          if (candidates.length > 0) await matchEvent(inner, options, event.accountId, item, candidates, now);
        }
        });
      } catch (error) {
        // One account's bad prompt must not hold every other event back; it is logged and the batch goes on.
        if (!options.onError) throw error;
        options.onError(error, event);
      }
    }
  };
}
