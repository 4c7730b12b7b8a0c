import { and, eq, inArray, like } from 'drizzle-orm';
import { OUTREACH_CLIENT_KEY_PREFIX, type PublishedEvent, type TouchpointRef } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import type { EventSink } from '@touchpoint/events';
import { type CustomerEventInput, readRecordedEventIds, readRefreshTraitsOf, recordCustomerEvents } from './record-events.ts';
import { foldEventTraits, refreshContactTraits, refreshOrderTraits } from './traits.ts';

const RETURN_STEPS = new Set(['return.requested', 'return.approved', 'return.rejected', 'return.received', 'return.refunded', 'return.exchanged', 'return.cancelled']);
const TRANSLATED = new Set(['message.created', 'order.placed', 'order.updated', 'csat.rated', ...RETURN_STEPS]);

interface MessagePayload {
  conversationId: string;
  number: number;
  message: { id: string; direction: 'inbound' | 'outbound' | 'note'; status?: string; createdAt: string; channelData?: Record<string, unknown> };
}
interface OrderPayload { orderId: string; contactId: string | null; number: string; status: string; previousStatus?: string }
interface ReturnPayload { returnId: string; number: string; orderId: string; orderNumber: string; contactId: string | null; status: string }
interface CsatPayload { conversationId: string; number: number; rating: number }

/**
 * The customer event's id for a product domain event: derived from the outbox event's id, so a sink that runs again
 * (its claim transaction rolled back) records the same customer event once.
 */
export const customerEventIdOf = (event: PublishedEvent) => `domain:${event.type}:${event.id}`;

/** Replies that outreach sent (it already put `message.sent` on the timeline, with its touchpoint). */
async function findOutreachMessages(tx: Database, events: PublishedEvent[]): Promise<Set<string>> {
  const ids = events
    .filter((event) => event.type === 'message.created')
    .map((event) => (event.payload as unknown as MessagePayload).message)
    .filter((message) => message.direction === 'outbound')
    .map((message) => message.id);
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: schema.messages.id })
    .from(schema.messages)
    .where(and(inArray(schema.messages.id, ids), like(schema.messages.clientKey, `${OUTREACH_CLIENT_KEY_PREFIX}%`)));
  return new Set(rows.map((row) => row.id));
}

/**
 * Turns product domain events into customer events on the same timeline: a customer's message is
 * `message.received` and a reply (agent or bot) `message.sent`, on the channel's touchpoint (`{ kind: 'channel',
 * id: <channel type> }`); orders, return steps and CSAT ratings keep their names (`order.placed`, `return.approved`,
 * `csat.rated`). Private notes, scheduled replies not yet sent, replies outreach sent (it records its own
 * `message.sent`) and events without a contact are not customer events.
 * Order events also refresh that contact's order traits (order count, lifetime value, last order at).
 */
export async function translateDomainEvents(tx: Database, events: PublishedEvent[]) {
  await applyRecordedTraits(tx, events);
  // A merge or its undo moved events and orders between two contacts: both get their traits recomputed.
  for (const event of events) {
    if (event.type !== 'contact.merged' && event.type !== 'contact.unmerged') continue;
    const { contactId, duplicateId } = event.payload as { contactId: string; duplicateId: string };
    await refreshContactTraits(tx, event.accountId, [contactId, duplicateId]);
  }
  const relevant = events.filter((event) => TRANSLATED.has(event.type));
  if (relevant.length === 0) return;
  const conversationIds = new Set<string>();
  const orderIds = new Set<string>();
  for (const event of relevant) {
    if (event.type === 'message.created' || event.type === 'csat.rated') conversationIds.add((event.payload as unknown as MessagePayload).conversationId);
    if (event.type === 'order.placed' || event.type === 'order.updated') orderIds.add((event.payload as unknown as OrderPayload).orderId);
  }
  const conversations = conversationIds.size === 0
    ? []
    : await tx
        .select({ id: schema.conversations.id, accountId: schema.conversations.accountId, contactId: schema.conversations.contactId, channel: schema.inboxes.channel })
        .from(schema.conversations)
        .innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
        .where(inArray(schema.conversations.id, [...conversationIds]));
  const conversationById = new Map(conversations.map((row) => [row.id, row]));
  const outreachMessageIds = await findOutreachMessages(tx, relevant);
  const orders = orderIds.size === 0
    ? []
    : await tx
        .select({ id: schema.orders.id, accountId: schema.orders.accountId, contactId: schema.orders.contactId, currency: schema.orders.currency, totalMinor: schema.orders.totalMinor, placedAt: schema.orders.placedAt })
        .from(schema.orders)
        .where(inArray(schema.orders.id, [...orderIds]));
  const orderById = new Map(orders.map((row) => [row.id, row]));

  const byAccount = new Map<string, CustomerEventInput[]>();
  const orderContacts = new Map<string, Set<string>>();
  const add = (accountId: string, input: CustomerEventInput) => byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), input]);
  for (const event of relevant) {
    const base = { kind: 'system' as const, source: 'system' as const, messageId: customerEventIdOf(event) };
    if (event.type === 'message.created') {
      const { conversationId, number, message } = event.payload as unknown as MessagePayload;
      const conversation = conversationById.get(conversationId);
      if (!conversation || conversation.accountId !== event.accountId || message.direction === 'note' || (message.status && message.status !== 'sent')) continue;
      if (outreachMessageIds.has(message.id)) continue;
      const touchpoint: TouchpointRef = { kind: 'channel', id: conversation.channel };
      const bot = message.channelData?.bot === true;
      add(event.accountId, {
        ...base,
        contactId: conversation.contactId,
        name: message.direction === 'inbound' ? 'message.received' : 'message.sent',
        properties: { conversationId, conversationNumber: number, messageId: message.id, channel: conversation.channel, ...(message.direction === 'outbound' ? { sentBy: bot ? 'bot' : 'agent' } : {}) },
        touchpoint,
        occurredAt: new Date(message.createdAt),
      });
    } else if (event.type === 'csat.rated') {
      const { conversationId, number, rating } = event.payload as unknown as CsatPayload;
      const conversation = conversationById.get(conversationId);
      if (!conversation || conversation.accountId !== event.accountId) continue;
      add(event.accountId, { ...base, contactId: conversation.contactId, name: 'csat.rated', properties: { conversationId, conversationNumber: number, rating, scale: 5 }, touchpoint: { kind: 'channel', id: conversation.channel }, occurredAt: new Date(event.occurredAt) });
    } else if (event.type === 'order.placed' || event.type === 'order.updated') {
      const payload = event.payload as unknown as OrderPayload;
      const found = orderById.get(payload.orderId);
      const order = found?.accountId === event.accountId ? found : undefined;
      const contactId = order?.contactId ?? payload.contactId;
      if (!contactId) continue;
      orderContacts.set(event.accountId, (orderContacts.get(event.accountId) ?? new Set()).add(contactId));
      add(event.accountId, {
        ...base,
        contactId,
        name: event.type,
        properties: { orderId: payload.orderId, number: payload.number, status: payload.status, ...(payload.previousStatus ? { previousStatus: payload.previousStatus } : {}), ...(order ? { totalMinor: order.totalMinor, currency: order.currency } : {}) },
        touchpoint: { kind: 'order' },
        // An order is placed when the shop says so (an imported order keeps its date); later changes when they happen.
        occurredAt: event.type === 'order.placed' && order ? order.placedAt : new Date(event.occurredAt),
      });
    } else {
      const payload = event.payload as unknown as ReturnPayload;
      if (!payload.contactId) continue;
      add(event.accountId, { ...base, contactId: payload.contactId, name: event.type, properties: { returnId: payload.returnId, number: payload.number, orderId: payload.orderId, orderNumber: payload.orderNumber, status: payload.status }, touchpoint: { kind: 'return' }, occurredAt: new Date(event.occurredAt) });
    }
  }
  for (const [accountId, inputs] of byAccount) await recordCustomerEvents(tx, accountId, inputs);
  for (const [accountId, contactIds] of orderContacts) await refreshOrderTraits(tx, accountId, [...contactIds]);
}

/**
 * Computed traits of the events this claim announces: every `customer_event.recorded` of the batch is folded in
 * first (one statement per account), then the contacts whose events moved are recomputed; a recompute leaves out
 * the events still waiting for their fold, so nothing counts twice (traits.ts). The claim transaction makes it once.
 */
function pushAll(map: Map<string, string[]>, key: string, values: string[]) {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, [...values]);
}

async function applyRecordedTraits(tx: Database, events: PublishedEvent[]) {
  const idsByAccount = new Map<string, string[]>();
  const refreshByAccount = new Map<string, string[]>();
  for (const event of events) {
    if (event.type !== 'customer_event.recorded') continue;
    const ids = readRecordedEventIds(event.payload);
    if (ids.length > 0) pushAll(idsByAccount, event.accountId, ids);
    const refresh = readRefreshTraitsOf(event.payload);
    if (refresh.length > 0) pushAll(refreshByAccount, event.accountId, refresh);
  }
  for (const [accountId, ids] of idsByAccount) await foldEventTraits(tx, accountId, ids);
  for (const [accountId, contactIds] of refreshByAccount) await refreshContactTraits(tx, accountId, contactIds);
}

/** The outbox sink (background.ts `listEventSinks`). */
export function createCustomerEventSink(): EventSink {
  return translateDomainEvents;
}
