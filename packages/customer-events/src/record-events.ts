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
  const rows = await tx
    .insert(schema.customerEvents)
    .values(inputs.map((input) => ({
      accountId,
      contactId: input.contactId,
      anonymousId: input.anonymousId ?? null,
      kind: input.kind,
      name: input.name,
      properties: input.properties ?? {},
      touchpointKind: input.touchpoint?.kind ?? null,
      touchpointId: input.touchpoint?.id ?? null,
      touchpointStepId: input.touchpoint?.stepId ?? null,
      messageId: input.messageId ?? randomUUID(),
      source: input.source,
      occurredAt: input.occurredAt ?? now,
    })))
    .onConflictDoNothing({ target: [schema.customerEvents.accountId, schema.customerEvents.messageId] })
    .returning();
  const recorded = rows.map((row): RecordedCustomerEvent => ({
    id: row.id,
    contactId: row.contactId,
    anonymousId: row.anonymousId,
    kind: row.kind,
    name: row.name,
    properties: row.properties,
    touchpoint: row.touchpointKind ? { kind: row.touchpointKind as TouchpointRef['kind'], id: row.touchpointId, stepId: row.touchpointStepId } : null,
    occurredAt: row.occurredAt.toISOString(),
  }));
  await applyTraitDeltas(tx, accountId, summarizeTraitDeltas(rows));
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
