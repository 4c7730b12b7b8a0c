import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { type AccountScope, EVENT_TYPES, notFound, validationFailed } from '@touchpoint/core';
import { recordAudit } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';

type WebhookRow = typeof schema.webhooks.$inferSelect;
type DeliveryRow = typeof schema.webhookDeliveries.$inferSelect;

export interface WebhookInput {
  url: string;
  /** Event types from the catalogue, or `['*']` for all of them. */
  events: string[];
  active?: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https anywhere; plain http only to this machine (for development against a local receiver). */
export function checkWebhookUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return null;
  return 'must use https (plain http is allowed only to localhost)';
}

function assertWebhookInput(input: Partial<WebhookInput>) {
  const errors: { path: string; message: string }[] = [];
  if (input.url !== undefined) {
    const problem = checkWebhookUrl(input.url);
    if (problem) errors.push({ path: 'url', message: problem });
  }
  if (input.events !== undefined) {
    if (input.events.length === 0) errors.push({ path: 'events', message: 'must list at least one event type, or *' });
    const unknown = input.events.filter((type) => type !== '*' && !(EVENT_TYPES as readonly string[]).includes(type));
    if (unknown.length > 0) errors.push({ path: 'events', message: `unknown event type ${unknown.join(', ')}` });
  }
  if (errors.length > 0) throw validationFailed(errors);
}

const generateSecret = () => `whsec_${randomBytes(24).toString('hex')}`;

export const presentWebhook = (row: WebhookRow) => ({
  id: row.id,
  url: row.url,
  events: row.events,
  active: row.active,
  failingSince: row.failingSince?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

export const presentDelivery = (row: DeliveryRow) => ({
  id: row.id,
  eventId: row.eventId,
  eventType: row.eventType,
  status: row.status,
  attempts: row.attempts,
  responseStatus: row.responseStatus,
  error: row.error,
  durationMs: row.durationMs,
  nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

async function loadWebhook(db: Database, scope: AccountScope, webhookId: string) {
  const [row] = await db.select().from(schema.webhooks).where(and(eq(schema.webhooks.accountId, scope.accountId), eq(schema.webhooks.id, webhookId)));
  if (!row) throw notFound('webhook');
  return row;
}

export async function listWebhooks(db: Database, scope: AccountScope) {
  const rows = await db.select().from(schema.webhooks).where(eq(schema.webhooks.accountId, scope.accountId)).orderBy(schema.webhooks.createdAt);
  return rows.map(presentWebhook);
}

/** Creates a webhook; the answer carries its signing secret, which is never shown again. */
export async function createWebhook(db: Database, scope: AccountScope, input: WebhookInput) {
  assertWebhookInput(input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(schema.webhooks).values({ accountId: scope.accountId, url: input.url, events: [...new Set(input.events)], active: input.active ?? true, secret: generateSecret() }).returning();
    await recordAudit(tx, scope, { action: 'webhook.created', targetType: 'webhook', targetId: row!.id, details: { url: row!.url, events: row!.events } });
    return { ...presentWebhook(row!), secret: row!.secret };
  });
}

export async function updateWebhook(db: Database, scope: AccountScope, webhookId: string, patch: Partial<WebhookInput>) {
  assertWebhookInput(patch);
  await loadWebhook(db, scope, webhookId);
  return db.transaction(async (tx) => {
    const values: Partial<WebhookRow> = {};
    if (patch.url !== undefined) values.url = patch.url;
    if (patch.events !== undefined) values.events = [...new Set(patch.events)];
    if (patch.active !== undefined) values.active = patch.active;
    // Re-enabling (or pointing elsewhere) starts afresh: the failing mark belongs to the old state.
    if (patch.active === true || patch.url !== undefined) values.failingSince = null;
    const [row] = await tx.update(schema.webhooks).set(values).where(eq(schema.webhooks.id, webhookId)).returning();
    await recordAudit(tx, scope, { action: 'webhook.updated', targetType: 'webhook', targetId: webhookId, details: { ...patch } });
    return presentWebhook(row!);
  });
}

export async function deleteWebhook(db: Database, scope: AccountScope, webhookId: string) {
  await loadWebhook(db, scope, webhookId);
  await db.transaction(async (tx) => {
    await tx.delete(schema.webhooks).where(eq(schema.webhooks.id, webhookId));
    await recordAudit(tx, scope, { action: 'webhook.deleted', targetType: 'webhook', targetId: webhookId });
  });
}

/**
 * Replaces the signing secret; the new one is shown once. One scoped UPDATE swaps it, so every delivery is signed with
 * either the old secret or the new one, never a mix, and a webhook deleted meanwhile is a 404. Deliveries are signed
 * when they are sent: pending and retried ones go out with the new secret.
 */
export async function rotateWebhookSecret(db: Database, scope: AccountScope, webhookId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(schema.webhooks)
      .set({ secret: generateSecret() })
      .where(and(eq(schema.webhooks.accountId, scope.accountId), eq(schema.webhooks.id, webhookId)))
      .returning();
    if (!row) throw notFound('webhook');
    await recordAudit(tx, scope, { action: 'webhook.secret_rotated', targetType: 'webhook', targetId: webhookId });
    return { ...presentWebhook(row), secret: row.secret };
  });
}

/** The delivery log of one webhook, newest first. */
export async function listWebhookDeliveries(db: Database, scope: AccountScope, webhookId: string, limit = 50) {
  await loadWebhook(db, scope, webhookId);
  const rows = await db
    .select()
    .from(schema.webhookDeliveries)
    .where(and(eq(schema.webhookDeliveries.accountId, scope.accountId), eq(schema.webhookDeliveries.webhookId, webhookId)))
    .orderBy(desc(schema.webhookDeliveries.createdAt), desc(schema.webhookDeliveries.id))
    .limit(limit);
  return rows.map(presentDelivery);
}

/** Queues a delivery again now, with a fresh set of attempts. */
export async function retryWebhookDelivery(db: Database, scope: AccountScope, webhookId: string, deliveryId: string, now = new Date()) {
  await loadWebhook(db, scope, webhookId);
  const [row] = await db
    .update(schema.webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, error: null })
    .where(and(eq(schema.webhookDeliveries.accountId, scope.accountId), eq(schema.webhookDeliveries.webhookId, webhookId), eq(schema.webhookDeliveries.id, deliveryId)))
    .returning();
  if (!row) throw notFound('delivery');
  return presentDelivery(row);
}
