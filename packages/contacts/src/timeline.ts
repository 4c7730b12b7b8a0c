import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { returnLabel } from '@touchpoint/commerce';
import { type AccountScope, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { requireLiveContact } from './contacts.ts';

/**
 * What a timeline item is. Customer events are split by what they are about: `message` (outreach and survey messages
 * sent, suppressed, deferred, shown…), `prompt` (in-app prompts), `survey` (asked, answered, commented, suppressed)
 * and `event` (everything else: tracked events, page views, identify, journeys, segments).
 */
export const TIMELINE_KINDS = ['conversation', 'order', 'return', 'note', 'message', 'prompt', 'survey', 'event'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TIMELINE_DEFAULT_LIMIT = 50;
export const TIMELINE_MAX_LIMIT = 200;

interface TimelineTouchpoint { kind: string; id: string | null; stepId: string | null }

/**
 * One happening on a contact's timeline. `kind`, `id`, `at` and `summary` are on every item (`summary` is plain
 * English text for places without room for more, like the inbox's side panel); the other fields belong to some kinds.
 * `id` is the conversation, order, return, note or customer event it is about: a return's steps share the return's id
 * and differ by `stepId`.
 */
export interface TimelineItem {
  kind: TimelineKind;
  id: string;
  at: string;
  summary: string;
  /** Conversations and orders: their number (`12`, `#1001`); returns: `R-1002`. */
  number?: string;
  /** Conversations: open, pending, resolved…; orders: the order's current status; returns: the status this step reached. */
  status?: string;
  subject?: string;
  inboxId?: string;
  /** Conversations: the inbox's channel; customer events: the channel a message went out on (email, sms…). */
  channel?: string | null;
  totalMinor?: number;
  currency?: string;
  stepId?: string;
  orderId?: string;
  orderNumber?: string;
  /** Return steps: who moved the return; notes: who wrote it (null for an API key). */
  actorName?: string | null;
  note?: string | null;
  /** Customer events: the event's name (`Checkout Started`, `message.suppressed`) and call type (track, page, identify, system). */
  name?: string;
  eventType?: string;
  touchpoint?: TimelineTouchpoint | null;
  /** Suppressed or deferred messages and surveys: why (`quiet_hours`, `no_consent`, `survey_fatigue`…). */
  reason?: string | null;
  properties?: Record<string, unknown>;
}

export interface TimelinePage {
  items: TimelineItem[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface TimelineQuery {
  limit?: number;
  before?: string | null;
  kinds?: readonly TimelineKind[] | null;
}

/**
 * The place of an item in the list: newest first by `at` (to the microsecond, as stored), then by source and id so
 * that items at the same moment keep one order across requests. The cursor is this key of the last item shown.
 */
interface SortKey { at: string; source: Source; id: string }
type Source = 'conversation' | 'event' | 'note' | 'order' | 'return';
const SOURCES: readonly Source[] = ['conversation', 'event', 'note', 'order', 'return'];
const EVENT_KINDS = ['message', 'prompt', 'survey', 'event'] as const satisfies readonly TimelineKind[];

type Keyed = { key: SortKey; item: TimelineItem };

const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function formatMoney(minor: number, currency: string) {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  } catch {
    return `${minor} ${currency}`;
  }
}

/** A timestamp column as fixed-width UTC text with microseconds: it sorts as text and round-trips without loss. */
const microsOf = (column: SQL | unknown) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const isoOf = (micros: string) => `${micros.slice(0, 23)}Z`;

function encodeCursor(key: SortKey) {
  return Buffer.from(JSON.stringify([key.at, key.source, key.id])).toString('base64url');
}

const MICROS_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function decodeCursor(cursor: string): SortKey {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 3) {
      const [at, source, id] = value as unknown[];
      if (typeof at === 'string' && MICROS_PATTERN.test(at) && SOURCES.includes(source as Source) && typeof id === 'string' && UUID_PATTERN.test(id)) {
        return { at, source: source as Source, id };
      }
    }
  } catch {
    // fall through to the validation error
  }
  throw validationFailed([{ path: 'querystring.before', message: 'is not a cursor this API returned' }]);
}

function compareKeys(a: SortKey, b: SortKey) {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.source !== b.source) return a.source < b.source ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Rows of one source that come after the cursor in the list's order (at desc, source desc, id desc): at the cursor's
 * moment, a source that sorts before the cursor's source is already past, one that sorts after is still to come.
 */
function afterCursor(source: Source, at: SQL | unknown, id: SQL | unknown, before: SortKey | null): SQL | undefined {
  if (!before) return undefined;
  const cursorAt = sql`${before.at}::timestamptz`;
  if (source === before.source) return sql`(${at}, ${id}) < (${cursorAt}, ${before.id}::uuid)`;
  return source < before.source ? sql`${at} <= ${cursorAt}` : sql`${at} < ${cursorAt}`;
}

async function selectConversations(db: Database, scope: AccountScope, contactId: string, before: SortKey | null, limit: number): Promise<Keyed[]> {
  const inboxIds = await listVisibleInboxIds(db, scope);
  if (inboxIds.length === 0) return [];
  const c = schema.conversations;
  const rows = await db
    .select({ id: c.id, number: c.number, subject: c.subject, status: c.status, inboxId: c.inboxId, channel: schema.inboxes.channel, at: microsOf(c.lastMessageAt) })
    .from(c)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, c.inboxId))
    .where(and(eq(c.accountId, scope.accountId), eq(c.contactId, contactId), isNull(c.mergedIntoId), inArray(c.inboxId, inboxIds), afterCursor('conversation', c.lastMessageAt, c.id, before)))
    .orderBy(sql`${c.lastMessageAt} desc, ${c.id} desc`)
    .limit(limit);
  return rows.map((row) => ({
    key: { at: row.at, source: 'conversation', id: row.id },
    item: {
      kind: 'conversation',
      id: row.id,
      at: isoOf(row.at),
      summary: clip(`#${row.number} ${row.subject} (${row.status})`),
      number: String(row.number),
      subject: row.subject,
      status: row.status,
      inboxId: row.inboxId,
      channel: row.channel,
    },
  }));
}

async function selectOrders(db: Database, scope: AccountScope, contactId: string, before: SortKey | null, limit: number): Promise<Keyed[]> {
  const o = schema.orders;
  const rows = await db
    .select({ id: o.id, number: o.number, status: o.status, totalMinor: o.totalMinor, currency: o.currency, at: microsOf(o.placedAt) })
    .from(o)
    .where(and(eq(o.accountId, scope.accountId), eq(o.contactId, contactId), afterCursor('order', o.placedAt, o.id, before)))
    .orderBy(sql`${o.placedAt} desc, ${o.id} desc`)
    .limit(limit);
  return rows.map((row) => ({
    key: { at: row.at, source: 'order', id: row.id },
    item: {
      kind: 'order',
      id: row.id,
      at: isoOf(row.at),
      summary: `Order ${row.number}: ${formatMoney(row.totalMinor, row.currency)}, ${row.status}`,
      number: row.number,
      status: row.status,
      totalMinor: row.totalMinor,
      currency: row.currency,
    },
  }));
}

async function selectReturnSteps(db: Database, scope: AccountScope, contactId: string, before: SortKey | null, limit: number): Promise<Keyed[]> {
  const step = schema.returnTransitions;
  const r = schema.returns;
  const rows = await db
    .select({
      stepId: step.id, returnId: step.returnId, status: step.toStatus, actorName: step.actorName, note: step.note, at: microsOf(step.createdAt),
      number: r.number, lines: r.lines, source: r.source, orderId: r.orderId, orderNumber: schema.orders.number,
    })
    .from(step)
    .innerJoin(r, eq(r.id, step.returnId))
    .innerJoin(schema.orders, eq(schema.orders.id, r.orderId))
    .where(and(eq(step.accountId, scope.accountId), eq(r.accountId, scope.accountId), eq(r.contactId, contactId), afterCursor('return', step.createdAt, step.id, before)))
    .orderBy(sql`${step.createdAt} desc, ${step.id} desc`)
    .limit(limit);
  return rows.map((row) => {
    const number = returnLabel(row.number);
    const summary = row.status === 'requested'
      ? `Return ${number} requested for order ${row.orderNumber} (${row.lines.map((l) => `${l.title} × ${l.quantity}`).join(', ')})${row.source === 'store' ? ' at the store' : ''}, by ${row.actorName}`
      : `Return ${number} ${row.status} by ${row.actorName}${row.note ? `: ${row.note}` : ''}`;
    return {
      key: { at: row.at, source: 'return', id: row.stepId },
      item: {
        kind: 'return',
        id: row.returnId,
        at: isoOf(row.at),
        summary: clip(summary),
        number,
        status: row.status,
        stepId: row.stepId,
        orderId: row.orderId,
        orderNumber: row.orderNumber,
        actorName: row.actorName,
        note: row.note || null,
      },
    };
  });
}

async function selectNotes(db: Database, scope: AccountScope, contactId: string, before: SortKey | null, limit: number): Promise<Keyed[]> {
  const n = schema.contactNotes;
  const rows = await db
    .select({ id: n.id, body: n.body, authorUserId: n.authorUserId, authorName: schema.users.name, at: microsOf(n.createdAt) })
    .from(n)
    .leftJoin(schema.users, eq(schema.users.id, n.authorUserId))
    .where(and(eq(n.accountId, scope.accountId), eq(n.contactId, contactId), afterCursor('note', n.createdAt, n.id, before)))
    .orderBy(sql`${n.createdAt} desc, ${n.id} desc`)
    .limit(limit);
  return rows.map((row) => ({
    key: { at: row.at, source: 'note', id: row.id },
    item: { kind: 'note', id: row.id, at: isoOf(row.at), summary: clip(row.body), actorName: row.authorUserId ? (row.authorName ?? '') : null },
  }));
}

/**
 * Which customer events a kind covers, by name: `message.*`, `prompt.*`, `survey.*`, and the rest. Mirrored events
 * are left out by `selectEvents` whatever the kind.
 */
function eventNameCondition(kinds: readonly TimelineKind[]): SQL | undefined {
  const wanted = EVENT_KINDS.filter((kind) => kinds.includes(kind));
  if (wanted.length === EVENT_KINDS.length) return undefined;
  const e = schema.customerEvents;
  const prefixes = { message: 'message.%', prompt: 'prompt.%', survey: 'survey.%' } as const;
  const parts = wanted.map((kind) => (kind === 'event'
    ? sql`(${e.name} not like 'message.%' and ${e.name} not like 'prompt.%' and ${e.name} not like 'survey.%')`
    : sql`${e.name} like ${prefixes[kind]}`));
  return sql`(${sql.join(parts, sql` or `)})`;
}

function eventKindOf(name: string): TimelineKind {
  if (name.startsWith('message.')) return 'message';
  if (name.startsWith('prompt.')) return 'prompt';
  if (name.startsWith('survey.')) return 'survey';
  return 'event';
}

const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);

function summarizeEvent(name: string, eventType: string, properties: Record<string, unknown>, channel: string | null, reason: string | null) {
  if (eventType === 'page') return `Viewed ${text(properties.title) ?? text(properties.path) ?? text(properties.url) ?? name}`;
  if (eventType === 'identify') return 'Identified';
  const parts = [name];
  if (channel) parts.push(`on ${channel}`);
  if (typeof properties.score === 'number') parts.push(`score ${properties.score}`);
  if (text(properties.segmentName)) parts.push(`“${text(properties.segmentName)}”`);
  if (reason) parts.push(`(${reason})`);
  return parts.join(' ');
}

/**
 * Customer events that repeat an item of another source: whatever the domain-event sink recorded (`domain:…` ids),
 * and, from any writer, a conversation's message, an order's or a return's event that names the record it is about.
 * Events without such a reference (an outreach email, a demo's synthetic history) are not mirrors and stay.
 */
const isMirroredEvent = (() => {
  const e = schema.customerEvents;
  return sql`(
    (${e.source} = 'system' and ${e.messageId} like 'domain:%')
    or (${e.name} in ('message.received', 'message.sent') and ${e.properties}->>'conversationId' is not null)
    or (${e.name} like 'order.%' and ${e.properties}->>'orderId' is not null)
    or (${e.name} like 'return.%' and ${e.properties}->>'returnId' is not null)
  )`;
})();

/**
 * The contact's customer events (read here rather than through @touchpoint/customer-events, which depends on this
 * package), except those the domain-event sink mirrors from product events (`message_id`
 * `domain:…`): a conversation's messages (`message.received`/`message.sent` with a conversation), `order.placed`,
 * `order.updated`, the `return.*` steps and `csat.rated`. Each of those is already on the timeline as its
 * conversation, order or return step (an order shows its current status), and a CSAT rating also arrives as the
 * built-in survey's `survey.answered`. Messages sent by outreach or surveys are not in a conversation and stay.
 * See `isMirroredEvent`.
 */
async function selectEvents(db: Database, scope: AccountScope, contactId: string, kinds: readonly TimelineKind[], before: SortKey | null, limit: number): Promise<Keyed[]> {
  const e = schema.customerEvents;
  const rows = await db
    .select({
      id: e.id, eventType: e.kind, name: e.name, properties: e.properties,
      touchpointKind: e.touchpointKind, touchpointId: e.touchpointId, touchpointStepId: e.touchpointStepId, at: microsOf(e.occurredAt),
    })
    .from(e)
    .where(and(
      eq(e.accountId, scope.accountId),
      eq(e.contactId, contactId),
      sql`not ${isMirroredEvent}`,
      eventNameCondition(kinds),
      afterCursor('event', e.occurredAt, e.id, before),
    ))
    .orderBy(sql`${e.occurredAt} desc, ${e.id} desc`)
    .limit(limit);
  return rows.map((row) => {
    const properties = row.properties ?? {};
    const channel = text(properties.channel) ?? (row.touchpointKind === 'channel' ? row.touchpointId : null);
    const reason = text(properties.reason);
    return {
      key: { at: row.at, source: 'event', id: row.id },
      item: {
        kind: eventKindOf(row.name),
        id: row.id,
        at: isoOf(row.at),
        summary: clip(summarizeEvent(row.name, row.eventType, properties, channel, reason)),
        name: row.name,
        eventType: row.eventType,
        channel,
        touchpoint: row.touchpointKind ? { kind: row.touchpointKind, id: row.touchpointId, stepId: row.touchpointStepId } : null,
        reason,
        properties,
      },
    };
  });
}

/**
 * Everything that happened with a contact, newest first, one page at a time: conversations (by their last message;
 * only those in inboxes the caller works in; in-store visits are conversations of an `in_store` inbox), orders (when
 * placed), every step of every return, notes, and the contact's customer events (tracked events, page views,
 * messages sent or held back, prompts, surveys, journeys…) without the ones that mirror an item already listed.
 *
 * Each source is paged in SQL: at most `limit + 1` rows before the cursor from each, merged, then cut at `limit`, so a
 * page costs the same on the first page and the thousandth. Items at the same moment are ordered by source and id, so
 * the cursor is exact even when timestamps tie. A conversation that gets a new message moves to the top: a client
 * paging at that moment sees it there, not again further down.
 */
export async function getContactTimeline(db: Database, scope: AccountScope, contactId: string, query: TimelineQuery = {}): Promise<TimelinePage> {
  await requireLiveContact(db, scope.accountId, contactId);
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? TIMELINE_DEFAULT_LIMIT), 1), TIMELINE_MAX_LIMIT);
  const before = query.before ? decodeCursor(query.before) : null;
  const kinds = query.kinds && query.kinds.length > 0 ? query.kinds : TIMELINE_KINDS;
  const fetch = limit + 1;
  const pages = await Promise.all([
    kinds.includes('conversation') ? selectConversations(db, scope, contactId, before, fetch) : [],
    kinds.includes('order') ? selectOrders(db, scope, contactId, before, fetch) : [],
    kinds.includes('return') ? selectReturnSteps(db, scope, contactId, before, fetch) : [],
    kinds.includes('note') ? selectNotes(db, scope, contactId, before, fetch) : [],
    EVENT_KINDS.some((kind) => kinds.includes(kind)) ? selectEvents(db, scope, contactId, kinds, before, fetch) : [],
  ]);
  const merged = pages.flat().sort((a, b) => compareKeys(a.key, b.key));
  const page = merged.slice(0, limit);
  return { items: page.map((entry) => entry.item), nextCursor: merged.length > limit ? encodeCursor(page.at(-1)!.key) : null };
}
