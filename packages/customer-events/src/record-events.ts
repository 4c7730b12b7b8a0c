import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { PublishedEvent, TouchpointRef } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { toUuidArray } from './traits.ts';

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

/** One stored customer event as subscribers (segments, journeys, prompts) read it (`loadRecordedEvents`). */
export interface RecordedCustomerEvent {
  id: string;
  messageId: string;
  contactId: string | null;
  anonymousId: string | null;
  kind: CustomerEventKind;
  name: string;
  properties: Record<string, unknown>;
  touchpoint: TouchpointRef | null;
  occurredAt: string;
}

/**
 * The payload of `customer_event.recorded`: the new events' ids only (subscribers load the rows with
 * `loadRecordedEvents`), and the contacts whose computed traits must be recomputed because events moved onto them
 * (`refreshTraitsOf`, an anonymous id linked). The outbox sink folds the events into contact_traits.
 */
export interface RecordedEventsPayload {
  eventIds: string[];
  refreshTraitsOf?: string[];
}

/**
 * Stores events on the customers' timelines and announces the new ones in one `customer_event.recorded` domain
 * event (payload `RecordedEventsPayload`: ids, not bodies), in the caller's transaction. A `messageId` already
 * stored for the account is skipped, so a replayed event counts once; returns only the events that were new.
 * Computed traits are not touched here: the outbox sink folds them in once the transaction has committed
 * (traits.ts `foldEventTraits`), so concurrent batches for the same contacts never wait on each other's row locks.
 */
export async function recordCustomerEvents(tx: Database, accountId: string, inputs: CustomerEventInput[], options: { refreshTraitsOf?: string[] } = {}): Promise<RecordedCustomerEvent[]> {
  const refreshTraitsOf = [...new Set(options.refreshTraitsOf ?? [])];
  if (inputs.length === 0) {
    if (refreshTraitsOf.length > 0) await announceRecorded(tx, accountId, { eventIds: [], refreshTraitsOf });
    return [];
  }
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
      messageId,
      contactId: input.contactId,
      anonymousId: input.anonymousId ?? null,
      kind: input.kind,
      name: input.name,
      properties: input.properties ?? {},
      touchpoint: input.touchpoint ? { kind: input.touchpoint.kind, id: input.touchpoint.id ?? null, stepId: input.touchpoint.stepId ?? null } : null,
      occurredAt: input.occurredAt.toISOString(),
    };
  });
  if (recorded.length > 0 || refreshTraitsOf.length > 0) {
    await announceRecorded(tx, accountId, { eventIds: recorded.map((event) => event.id), ...(refreshTraitsOf.length > 0 ? { refreshTraitsOf } : {}) });
  }
  return recorded;
}

async function announceRecorded(tx: Database, accountId: string, payload: RecordedEventsPayload) {
  await recordEvents(tx, [{ type: 'customer_event.recorded', accountId, payload: { ...payload }, audience: { kind: 'admins' } }]);
}

/** The ids a `customer_event.recorded` payload names (none for one written before payloads carried ids only). */
export function readRecordedEventIds(payload: Record<string, unknown>): string[] {
  return Array.isArray(payload.eventIds) ? payload.eventIds.filter((id): id is string => typeof id === 'string') : [];
}

/** The contacts a `customer_event.recorded` payload asks to have their computed traits recomputed. */
export function readRefreshTraitsOf(payload: Record<string, unknown>): string[] {
  return Array.isArray(payload.refreshTraitsOf) ? payload.refreshTraitsOf.filter((id): id is string => typeof id === 'string') : [];
}

// Every sink of one claim transaction receives the same PublishedEvent objects: the rows are read once per claim.
const loaded = new WeakMap<PublishedEvent, Promise<RecordedCustomerEvent[]>>();

/**
 * The events a `customer_event.recorded` announces, read from customer_events by id (in the order recorded), with
 * the contact each belongs to now. Sinks call it with their claim transaction and the claim's events (`claim`): the
 * first call reads the rows of every `customer_event.recorded` of the claim in one query per account, shared by every
 * sink of that claim. A payload written before ids-only payloads still carries the bodies: those are used.
 */
export function loadRecordedEvents(tx: Database, event: PublishedEvent, claim: readonly PublishedEvent[] = [event]): Promise<RecordedCustomerEvent[]> {
  if (Array.isArray(event.payload.events)) return Promise.resolve(event.payload.events as RecordedCustomerEvent[]);
  if (!loaded.has(event)) prefetchRecordedEvents(tx, claim.includes(event) ? claim : [event]);
  return loaded.get(event)!;
}

function prefetchRecordedEvents(tx: Database, claim: readonly PublishedEvent[]) {
  const byAccount = new Map<string, PublishedEvent[]>();
  for (const event of claim) {
    if (event.type !== 'customer_event.recorded' || Array.isArray(event.payload.events) || loaded.has(event)) continue;
    const list = byAccount.get(event.accountId);
    if (list) list.push(event);
    else byAccount.set(event.accountId, [event]);
  }
  for (const [accountId, events] of byAccount) {
    const idsOf = new Map(events.map((event) => [event, readRecordedEventIds(event.payload)]));
    const rows = selectRecordedEvents(tx, accountId, [...idsOf.values()].flat());
    // A failed read is not kept: the sink's savepoint rolled back, the next sink may try again.
    rows.catch(() => events.forEach((event) => loaded.delete(event)));
    for (const [event, ids] of idsOf) {
      const picked = rows.then((byId) => ids.flatMap((id) => byId.get(id) ?? []));
      // Sinks that never ask for this event must not turn a failed read into an unhandled rejection.
      picked.catch(() => {});
      loaded.set(event, picked);
    }
  }
}

async function selectRecordedEvents(tx: Database, accountId: string, ids: string[]): Promise<Map<string, RecordedCustomerEvent>> {
  const byId = new Map<string, RecordedCustomerEvent>();
  if (ids.length === 0) return byId;
  const e = schema.customerEvents;
  const rows = await tx
    .select({ id: e.id, messageId: e.messageId, contactId: e.contactId, anonymousId: e.anonymousId, kind: e.kind, name: e.name, properties: e.properties, touchpointKind: e.touchpointKind, touchpointId: e.touchpointId, touchpointStepId: e.touchpointStepId, occurredAt: e.occurredAt })
    .from(e)
    .where(and(sql`${e.id} = any(${toUuidArray(ids)}::uuid[])`, eq(e.accountId, accountId)));
  for (const row of rows) {
    byId.set(row.id, {
      id: row.id,
      messageId: row.messageId,
      contactId: row.contactId,
      anonymousId: row.anonymousId,
      kind: row.kind,
      name: row.name,
      properties: row.properties,
      touchpoint: row.touchpointKind ? { kind: row.touchpointKind, id: row.touchpointId, stepId: row.touchpointStepId } as TouchpointRef : null,
      occurredAt: row.occurredAt.toISOString(),
    });
  }
  return byId;
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
