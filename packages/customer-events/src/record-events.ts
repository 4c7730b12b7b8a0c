import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TouchpointRef } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { applyTraitDeltas, summarizeTraitDeltas } from './traits.ts';

export type CustomerEventKind = 'track' | 'identify' | 'page' | 'alias' | 'system';

export interface CustomerEventInput {
  contactId: string | null;
  anonymousId?: string | null;
  kind: CustomerEventKind;
  /** `noun.past_tense` for events the product records (`survey.answered`); any name the host sends for `track`. */
  name: string;
  properties?: Record<string, unknown>;
  touchpoint?: TouchpointRef | null;
  /** The client's id for de-duplication; generated when the product records the event itself. */
  messageId?: string;
  source: 'api' | 'sdk' | 'system';
  occurredAt?: Date;
}

/** What `customer_event.recorded` carries for each event, and what subscribers (segments, journeys, prompts) read. */
export interface RecordedCustomerEvent {
  id: string;
  contactId: string | null;
  anonymousId: string | null;
  kind: CustomerEventKind;
  name: string;
  properties: Record<string, unknown>;
  touchpoint: TouchpointRef | null;
  occurredAt: string;
}

/**
 * Stores events on the customers' timelines and announces the new ones in one `customer_event.recorded` domain
 * event (payload `{ events: RecordedCustomerEvent[] }`), in the caller's transaction. A `messageId` already stored
 * for the account is skipped, so a replayed event counts once; returns only the events that were new.
 */
export async function recordCustomerEvents(tx: Database, accountId: string, inputs: CustomerEventInput[]): Promise<RecordedCustomerEvent[]> {
  if (inputs.length === 0) return [];
  const now = new Date();
  const byMessageId = new Map<string, CustomerEventInput & { messageId: string; occurredAt: Date }>();
  for (const input of inputs) {
    const messageId = input.messageId ?? randomUUID();
    if (!byMessageId.has(messageId)) byMessageId.set(messageId, { ...input, messageId, occurredAt: input.occurredAt ?? now });
  }
  // One statement for the whole batch: the rows travel as one JSON parameter (no per-row parameters or round trips).
  const batch = JSON.stringify([...byMessageId.values()].map((input) => ({
    contact_id: input.contactId,
    anonymous_id: input.anonymousId ?? null,
    kind: input.kind,
    name: input.name,
    properties: input.properties ?? {},
    touchpoint_kind: input.touchpoint?.kind ?? null,
    touchpoint_id: input.touchpoint?.id ?? null,
    touchpoint_step_id: input.touchpoint?.stepId ?? null,
    message_id: input.messageId,
    source: input.source,
    occurred_at: input.occurredAt.toISOString(),
  })));
  const result = await tx.execute(sql`
    insert into customer_events (account_id, contact_id, anonymous_id, kind, name, properties, touchpoint_kind, touchpoint_id, touchpoint_step_id, message_id, source, occurred_at)
    select ${accountId}::uuid, r.contact_id, r.anonymous_id, r.kind, r.name, coalesce(r.properties, '{}'::jsonb), r.touchpoint_kind, r.touchpoint_id, r.touchpoint_step_id, r.message_id, r.source, r.occurred_at
    from jsonb_to_recordset(${batch}::jsonb) as r(contact_id uuid, anonymous_id text, kind text, name text, properties jsonb, touchpoint_kind text, touchpoint_id text, touchpoint_step_id text, message_id text, source text, occurred_at timestamptz)
    on conflict (account_id, message_id) do nothing
    returning id, message_id`);
  const stored = (result as unknown as { rows: { id: string; message_id: string }[] }).rows;
  const recorded = stored.map(({ id, message_id: messageId }): RecordedCustomerEvent => {
    const input = byMessageId.get(messageId)!;
    return {
      id,
      contactId: input.contactId,
      anonymousId: input.anonymousId ?? null,
      kind: input.kind,
      name: input.name,
      properties: input.properties ?? {},
      touchpoint: input.touchpoint ? { kind: input.touchpoint.kind, id: input.touchpoint.id ?? null, stepId: input.touchpoint.stepId ?? null } : null,
      occurredAt: input.occurredAt.toISOString(),
    };
  });
  await applyTraitDeltas(tx, accountId, summarizeTraitDeltas(recorded.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt) }))));
  if (recorded.length > 0) {
    await recordEvents(tx, [{ type: 'customer_event.recorded', accountId, payload: { events: recorded }, audience: { kind: 'admins' } }]);
  }
  return recorded;
}

/** Reads the events a `customer_event.recorded` domain event carries (subscribers call this on its payload). */
export function readRecordedEvents(payload: Record<string, unknown>): RecordedCustomerEvent[] {
  return Array.isArray(payload.events) ? (payload.events as RecordedCustomerEvent[]) : [];
}

/** A customer's events, newest first by their own timestamp, `limit` at a time before `before`. */
export async function listCustomerEvents(db: Database, accountId: string, contactId: string, options: { before?: Date; limit?: number } = {}) {
  const limit = Math.min(options.limit ?? 50, 200);
  const before = options.before ?? new Date('9999-12-31T00:00:00Z');
  return db.select().from(schema.customerEvents)
    .where(sql`${schema.customerEvents.accountId} = ${accountId} and ${schema.customerEvents.contactId} = ${contactId} and ${schema.customerEvents.occurredAt} < ${before}`)
    .orderBy(sql`${schema.customerEvents.occurredAt} desc`)
    .limit(limit);
}
