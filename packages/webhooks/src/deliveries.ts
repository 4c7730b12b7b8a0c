import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { createPollingWorker, type PublishedEvent } from '@touchpoint/core';
import { loadRecordedEvents } from '@touchpoint/customer-events';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { signWebhookBody } from './signature.ts';

type DeliveryRow = typeof schema.webhookDeliveries.$inferSelect;

/** What a receiver gets: the JSON body of every delivery. */
export interface WebhookBody {
  /** The event id (negative for one-off calls made by an automation action). */
  id: number;
  type: string;
  accountId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export const bodyOfEvent = (event: PublishedEvent): WebhookBody => ({ id: event.id, type: event.type, accountId: event.accountId, occurredAt: event.occurredAt, data: event.payload });

/**
 * The body a receiver gets for an outbox event. `customer_event.recorded` travels through the outbox as event ids
 * only; receivers keep getting the events themselves (`data.events`), read from customer_events here.
 */
async function deliverableBodyOf(tx: Database, event: PublishedEvent, claim: readonly PublishedEvent[]): Promise<WebhookBody> {
  if (event.type !== 'customer_event.recorded') return bodyOfEvent(event);
  return { ...bodyOfEvent(event), data: { events: await loadRecordedEvents(tx, event, claim) } };
}

/**
 * Event sink: one pending delivery per (active webhook subscribed to the event's type, event). It runs inside the
 * outbox claim transaction, and the unique (webhook, event) index makes a repeated claim insert nothing new.
 */
export async function recordWebhookDeliveries(tx: Database, events: PublishedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const accountIds = [...new Set(events.map((event) => event.accountId))];
  const hooks = await tx
    .select({ id: schema.webhooks.id, accountId: schema.webhooks.accountId, events: schema.webhooks.events })
    .from(schema.webhooks)
    .where(and(inArray(schema.webhooks.accountId, accountIds), eq(schema.webhooks.active, true)));
  if (hooks.length === 0) return;
  const rows = [];
  for (const event of events) {
    for (const hook of hooks) {
      if (hook.accountId !== event.accountId || !(hook.events.includes('*') || hook.events.includes(event.type))) continue;
      rows.push({ accountId: event.accountId, webhookId: hook.id, eventId: event.id, eventType: event.type, payload: { ...(await deliverableBodyOf(tx, event, events)) }, nextAttemptAt: new Date(event.occurredAt) });
    }
  }
  if (rows.length > 0) await tx.insert(schema.webhookDeliveries).values(rows).onConflictDoNothing();
}

/**
 * Queues a one-off POST of `body` to a webhook of the account, whatever its event subscription (the automation
 * action "call webhook"). Delivered, signed and retried like any other delivery.
 */
export async function enqueueWebhookCall(tx: Database, accountId: string, webhookId: string, body: WebhookBody, now = new Date()) {
  const [hook] = await tx.select({ id: schema.webhooks.id }).from(schema.webhooks).where(and(eq(schema.webhooks.accountId, accountId), eq(schema.webhooks.id, webhookId)));
  if (!hook) throw new Error(`webhook ${webhookId} does not exist in this account`);
  await tx.insert(schema.webhookDeliveries).values({ accountId, webhookId, eventId: body.id, eventType: body.type, payload: { ...body }, nextAttemptAt: now }).onConflictDoNothing();
}

export interface DeliveryOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  /** Per delivery; a hanging endpoint holds one slot for at most this long. */
  timeoutMs?: number;
  /** How long a claimed delivery stays invisible to other workers; must exceed timeoutMs. */
  leaseMs?: number;
  /** Deliveries in flight at once (per worker). */
  concurrency?: number;
  /** Deliveries to one webhook in flight at once (per worker), so one dead endpoint cannot take every slot. */
  perWebhookConcurrency?: number;
  /** Wait before attempt n+1 after attempt n failed; its length + 1 is the number of attempts. */
  backoffMs?: number[];
  /** Only this account's deliveries (tests). */
  accountId?: string;
}

export const DEFAULT_BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000];
const DEFAULTS = { timeoutMs: 10_000, leaseMs: 60_000, concurrency: 10, perWebhookConcurrency: 2 };

interface ClaimOptions {
  limit: number;
  now: Date;
  leaseMs: number;
  perWebhook: number;
  /** Webhooks this worker already has `perWebhook` deliveries in flight for. */
  busyWebhookIds: string[];
  accountId?: string;
}

/**
 * Claims up to `limit` due deliveries, at most `perWebhook` per webhook: `FOR UPDATE SKIP LOCKED` so workers never
 * share one, and a lease (next_attempt_at pushed forward) so a crashed worker's claims come back.
 */
async function claimDueDeliveries(db: Database, options: ClaimOptions): Promise<DeliveryRow[]> {
  if (options.limit <= 0) return [];
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
  const account = options.accountId ? sql`and account_id = ${options.accountId}` : sql``;
  const busy = options.busyWebhookIds.length > 0 ? sql`and webhook_id not in (${sql.join(options.busyWebhookIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const result = await db.execute(sql`
    update webhook_deliveries set next_attempt_at = ${leaseUntil}::timestamptz, attempts = attempts + 1
    where id in (
      select id from webhook_deliveries
      where id in (
        select id from (
          select id, row_number() over (partition by webhook_id order by next_attempt_at, id) as n
          from webhook_deliveries
          where status = 'pending' and next_attempt_at <= ${options.now.toISOString()}::timestamptz ${account} ${busy}
        ) due where n <= ${options.perWebhook})
      and status = 'pending'
      order by next_attempt_at limit ${options.limit} for update skip locked)
    returning id`);
  const ids = (result as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
  if (ids.length === 0) return [];
  return db.select().from(schema.webhookDeliveries).where(inArray(schema.webhookDeliveries.id, ids));
}

interface Outcome {
  ok: boolean;
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
}

async function postDelivery(delivery: DeliveryRow, hook: { url: string; secret: string }, options: Required<Pick<DeliveryOptions, 'fetch' | 'now' | 'timeoutMs'>>): Promise<Outcome> {
  const body = JSON.stringify(delivery.payload);
  const started = performance.now();
  try {
    const response = await options.fetch(hook.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Touchpoint-Webhooks/1',
        'x-touchpoint-event': delivery.eventType,
        'x-touchpoint-delivery': delivery.id,
        'x-touchpoint-signature': signWebhookBody(hook.secret, body, options.now()),
      },
    });
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return { ok, responseStatus: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const message = timedOut ? `timed out after ${options.timeoutMs} ms` : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { ok: false, responseStatus: null, error: message.slice(0, 500), durationMs: Math.round(performance.now() - started) };
  }
}

/** Writes an attempt's outcome; the last failed attempt marks the delivery failed and the webhook failing. */
async function recordOutcome(db: Database, delivery: DeliveryRow, outcome: Outcome, now: Date, backoffMs: number[]) {
  await db.transaction(async (tx) => {
    const base = { responseStatus: outcome.responseStatus, error: outcome.error, durationMs: outcome.durationMs };
    if (outcome.ok) {
      await tx.update(schema.webhookDeliveries).set({ ...base, status: 'delivered', deliveredAt: now, nextAttemptAt: null }).where(eq(schema.webhookDeliveries.id, delivery.id));
      await tx.update(schema.webhooks).set({ failingSince: null }).where(eq(schema.webhooks.id, delivery.webhookId));
      return;
    }
    const wait = backoffMs[delivery.attempts - 1];
    if (wait !== undefined) {
      await tx.update(schema.webhookDeliveries).set({ ...base, nextAttemptAt: new Date(now.getTime() + wait) }).where(eq(schema.webhookDeliveries.id, delivery.id));
      return;
    }
    await tx.update(schema.webhookDeliveries).set({ ...base, status: 'failed', nextAttemptAt: null }).where(eq(schema.webhookDeliveries.id, delivery.id));
    const [marked] = await tx
      .update(schema.webhooks)
      .set({ failingSince: now })
      .where(and(eq(schema.webhooks.id, delivery.webhookId), isNull(schema.webhooks.failingSince)))
      .returning();
    if (marked) {
      await recordEvents(tx, [{ type: 'webhook.failing', accountId: marked.accountId, payload: { webhookId: marked.id, url: marked.url, deliveryId: delivery.id, error: outcome.error }, audience: { kind: 'admins' } }]);
    }
  });
}

async function runDelivery(db: Database, delivery: DeliveryRow, options: Required<Omit<DeliveryOptions, 'accountId'>>) {
  const [hook] = await db.select().from(schema.webhooks).where(eq(schema.webhooks.id, delivery.webhookId));
  const outcome: Outcome = !hook
    ? { ok: false, responseStatus: null, error: 'webhook deleted', durationMs: 0 }
    : !hook.active
      ? { ok: false, responseStatus: null, error: 'webhook is disabled', durationMs: 0 }
      : await postDelivery(delivery, hook, options);
  if (!hook) return;
  await recordOutcome(db, delivery, outcome, options.now(), hook.active ? options.backoffMs : []);
}

function withDefaults(options: DeliveryOptions): Required<Omit<DeliveryOptions, 'accountId'>> {
  return {
    fetch: options.fetch ?? fetch,
    now: options.now ?? (() => new Date()),
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    leaseMs: options.leaseMs ?? DEFAULTS.leaseMs,
    concurrency: options.concurrency ?? DEFAULTS.concurrency,
    perWebhookConcurrency: options.perWebhookConcurrency ?? DEFAULTS.perWebhookConcurrency,
    backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
  };
}

/** One pass: claims up to `concurrency` due deliveries, sends them in parallel and waits for all; returns how many. */
export async function deliverDueWebhooks(db: Database, options: DeliveryOptions = {}): Promise<number> {
  const resolved = withDefaults(options);
  const claimed = await claimDueDeliveries(db, { limit: resolved.concurrency, now: resolved.now(), leaseMs: resolved.leaseMs, perWebhook: resolved.perWebhookConcurrency, busyWebhookIds: [], accountId: options.accountId });
  await Promise.all(claimed.map((delivery) => runDelivery(db, delivery, resolved)));
  return claimed.length;
}

/**
 * A delivery worker: every `intervalMs` it fills its free slots with due deliveries and starts each on its own, so a
 * slow endpoint holds one slot (for at most `timeoutMs`) and never delays the deliveries behind it.
 */
export function createWebhookDeliveryWorker(db: Database, options: DeliveryOptions & { intervalMs?: number; onError?: (error: unknown) => void } = {}) {
  const resolved = withDefaults(options);
  return createPollingWorker<DeliveryRow>({
    claim: (limit, busyWebhookIds) => claimDueDeliveries(db, { limit, now: resolved.now(), leaseMs: resolved.leaseMs, perWebhook: resolved.perWebhookConcurrency, busyWebhookIds, accountId: options.accountId }),
    run: (delivery) => runDelivery(db, delivery, resolved),
    concurrency: resolved.concurrency,
    keyOf: (delivery) => delivery.webhookId,
    perKeyConcurrency: resolved.perWebhookConcurrency,
    intervalMs: options.intervalMs,
    onError: options.onError,
  });
}
