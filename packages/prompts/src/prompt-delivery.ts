import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNotNull, or } from 'drizzle-orm';
import { notFound, type TouchpointRef } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import {
  type Prompt, type PromptAction, type PromptContent, type PromptKind, type PromptLocale, type PromptPayload, type PromptSurface, type PromptSurfaces, pickPromptLocale,
  showsOn,
} from './prompt-definition.ts';
import { presentPrompt } from './prompt-store.ts';

const d = schema.promptDeliveries;
const p = schema.prompts;

export type TriggerResult = { status: 'queued'; deliveryId: string } | { status: 'skipped'; reason: 'not_live' | 'outside_schedule' | 'frequency' | 'duplicate' };

/** True when the prompt may fire at `now`: live (or, for a journey's test run, any status but paused) and inside its schedule. */
export function isInSchedule(prompt: Pick<Prompt, 'startsAt' | 'endsAt'>, now: Date): boolean {
  return (!prompt.startsAt || new Date(prompt.startsAt) <= now) && (!prompt.endsAt || new Date(prompt.endsAt) > now);
}

/**
 * The frequency rule against this customer's earlier deliveries of the prompt. A delivery counts once it was shown,
 * or while it still waits to be shown; one that lapsed unseen does not (the customer never saw it).
 * - `once`: never again; `every_n_days`: not within N days of the last; `every_time`: only never two waiting at once.
 */
export async function passesFrequency(db: Database, accountId: string, contactId: string, prompt: Pick<Prompt, 'id' | 'frequency' | 'frequencyDays'>, now: Date): Promise<boolean> {
  const waiting = and(eq(d.status, 'pending'), gt(d.expiresAt, now));
  const counted = prompt.frequency === 'every_time' ? waiting : or(isNotNull(d.shownAt), waiting);
  const since = prompt.frequency === 'every_n_days' ? gt(d.createdAt, new Date(now.getTime() - (prompt.frequencyDays ?? 1) * 86_400_000)) : undefined;
  const [row] = await db.select({ id: d.id }).from(d).where(and(eq(d.accountId, accountId), eq(d.promptId, prompt.id), eq(d.contactId, contactId), counted, since)).limit(1);
  return !row;
}

async function contactLocale(tx: Database, accountId: string, contactId: string): Promise<PromptLocale | null> {
  const [row] = await tx.select({ locale: schema.contacts.locale }).from(schema.contacts).where(and(eq(schema.contacts.accountId, accountId), eq(schema.contacts.id, contactId)));
  return pickPromptLocale(row?.locale);
}

interface QueueInput {
  accountId: string;
  contactId: string;
  promptId: string | null;
  touchpoint: TouchpointRef;
  via: TouchpointRef | null;
  reason: string;
  dedupeKey: string;
  kind: PromptKind;
  placement: 'top' | 'bottom';
  anchorSelector: string | null;
  content: Partial<Record<PromptLocale, PromptContent>>;
  action: PromptAction;
  surfaces: PromptSurfaces;
  priority: number;
  pendingMinutes: number;
  locale?: PromptLocale | null;
  now: Date;
}

/** Stores the delivery and announces it (`prompt.triggered` domain event: the sockets push it once this commits). */
async function queueDelivery(tx: Database, input: QueueInput): Promise<PromptPayload | null> {
  const expiresAt = new Date(input.now.getTime() + input.pendingMinutes * 60_000);
  const locale = input.locale ?? (await contactLocale(tx, input.accountId, input.contactId));
  // The id is chosen here so the row is written once, payload included.
  const payload: PromptPayload = {
    deliveryId: randomUUID(),
    promptId: input.promptId,
    kind: input.kind,
    placement: input.placement,
    anchorSelector: input.anchorSelector,
    content: input.content,
    locale,
    action: input.action,
    priority: input.priority,
    surfaces: input.surfaces,
    expiresAt: expiresAt.toISOString(),
  };
  const [row] = await tx
    .insert(d)
    .values({
      id: payload.deliveryId,
      accountId: input.accountId,
      contactId: input.contactId,
      promptId: input.promptId,
      touchpointKind: input.touchpoint.kind,
      touchpointId: input.touchpoint.id ?? null,
      touchpointStepId: input.touchpoint.stepId ?? null,
      via: input.via,
      reason: input.reason,
      surfaces: input.surfaces,
      priority: input.priority,
      payload: payload as unknown as Record<string, unknown>,
      dedupeKey: input.dedupeKey,
      createdAt: input.now,
      expiresAt,
    })
    .onConflictDoNothing({ target: [d.accountId, d.dedupeKey] })
    .returning({ id: d.id });
  if (!row) return null;
  // Nobody in the console receives it (an empty user audience); the customer sockets pick it off the bus.
  await recordEvents(tx, [{ type: 'prompt.triggered', accountId: input.accountId, payload: { contactId: input.contactId, prompt: payload }, audience: { kind: 'users', userIds: [] } }]);
  return payload;
}

export interface TriggerPromptInput {
  accountId: string;
  contactId: string;
  promptId: string;
  /** Who fires it: the journey step (`{ kind: 'journey', id, stepId }`), or the prompt itself for its own trigger. */
  touchpoint: TouchpointRef;
  /** Why, in a few words for the timeline (`journey step`, `order.placed`). */
  reason: string;
  /** Idempotency: the same key queues at most once (a journey run's step id; the trigger event's id). */
  dedupeKey?: string;
  /**
   * A journey's test mode: shown whatever the prompt's status, schedule and frequency (the designer sees it now), and
   * every event of the delivery carries `test: true`, which the touchpoint map leaves out.
   */
  test?: boolean;
  now?: Date;
}

/**
 * Queues a prompt for one customer and pushes it to their open widget/portal sockets the moment the transaction
 * commits; a socket opened later gets it until it lapses. Records `prompt.triggered` on the timeline. Targeting is the
 * caller's (a journey already chose this customer); status, schedule and frequency are still the prompt's own:
 * a paused or draft prompt, one outside its dates or one the customer saw too recently is skipped, and says why.
 */
export async function triggerPrompt(tx: Database, input: TriggerPromptInput): Promise<TriggerResult> {
  const now = input.now ?? new Date();
  const [row] = await tx.select().from(p).where(and(eq(p.accountId, input.accountId), eq(p.id, input.promptId)));
  if (!row) throw notFound('prompt');
  const prompt = presentPrompt(row);
  if (input.dedupeKey) {
    const [seen] = await tx.select({ id: d.id }).from(d).where(and(eq(d.accountId, input.accountId), eq(d.dedupeKey, input.dedupeKey)));
    if (seen) return { status: 'skipped', reason: 'duplicate' };
  }
  if (!input.test) {
    if (prompt.status !== 'live') return { status: 'skipped', reason: 'not_live' };
    if (!isInSchedule(prompt, now)) return { status: 'skipped', reason: 'outside_schedule' };
    if (!(await passesFrequency(tx, input.accountId, input.contactId, prompt, now))) return { status: 'skipped', reason: 'frequency' };
  }
  return queuePrompt(tx, prompt, input, now);
}

/**
 * The console's "show it to this customer now": queued whatever its status, schedule and frequency (a draft can be
 * tried on oneself before it goes live), and recorded like any other delivery.
 */
export async function sendPromptNow(db: Database, accountId: string, promptId: string, contactId: string): Promise<TriggerResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(p).where(and(eq(p.accountId, accountId), eq(p.id, promptId)));
    if (!row) throw notFound('prompt');
    const [contact] = await tx.select({ id: schema.contacts.id }).from(schema.contacts).where(and(eq(schema.contacts.accountId, accountId), eq(schema.contacts.id, contactId)));
    if (!contact) throw notFound('contact');
    const now = new Date();
    return queuePrompt(tx, presentPrompt(row), { accountId, contactId, touchpoint: { kind: 'prompt', id: promptId }, reason: 'sent from the console', dedupeKey: `test:${promptId}:${contactId}:${now.getTime()}` }, now);
  });
}

/** Queues a prompt whose rules were already checked (the trigger sink checks them with targeting). */
export async function queuePrompt(tx: Database, prompt: Prompt, input: Omit<TriggerPromptInput, 'promptId'>, now: Date): Promise<TriggerResult> {
  const own = input.touchpoint.kind === 'prompt' && input.touchpoint.id === prompt.id;
  const touchpoint: TouchpointRef = { kind: 'prompt', id: prompt.id };
  const payload = await queueDelivery(tx, {
    accountId: input.accountId,
    contactId: input.contactId,
    promptId: prompt.id,
    touchpoint,
    via: own ? null : { ...input.touchpoint, ...(input.test ? { test: true } : {}) },
    reason: input.reason,
    dedupeKey: input.dedupeKey ?? `prompt:${prompt.id}:${now.getTime()}:${input.contactId}`,
    kind: prompt.kind,
    placement: prompt.placement,
    anchorSelector: prompt.anchorSelector,
    content: prompt.content,
    action: prompt.action,
    surfaces: prompt.surfaces,
    priority: prompt.priority,
    pendingMinutes: prompt.pendingMinutes,
    now,
  });
  if (!payload) return { status: 'skipped', reason: 'duplicate' };
  await recordCustomerEvents(tx, input.accountId, [{
    contactId: input.contactId,
    kind: 'system',
    name: 'prompt.triggered',
    properties: { deliveryId: payload.deliveryId, reason: input.reason, ...(own ? {} : { via: input.touchpoint }), ...(input.test ? { test: true } : {}) },
    touchpoint,
    messageId: `prompt.triggered:${payload.deliveryId}`,
    source: 'system',
    occurredAt: now,
  }]);
  return { status: 'queued', deliveryId: payload.deliveryId };
}

export interface InAppMessage {
  accountId: string;
  contactId: string;
  /** The journey step or outreach send it belongs to; its shown/clicked/dismissed events carry it. */
  touchpoint: TouchpointRef;
  dedupeKey: string;
  /** Already rendered (message-templates), in the customer's language. */
  title: string;
  body: string;
  ctaLabel?: string | null;
  ctaUrl?: string | null;
  imageUrl?: string | null;
  locale?: string | null;
  kind?: 'banner' | 'modal';
  surfaces?: PromptSurfaces;
  priority?: number;
  /** How long it waits for the customer to open the widget or portal (default one day). */
  pendingMinutes?: number;
  now?: Date;
}

/**
 * The `InAppDelivery` of outreach's `in_app` channel: a rendered message delivered exactly like a prompt (pushed over
 * the open sockets, waiting for one otherwise). Outreach records `message.sent`; the client's responses record
 * `message.shown` / `message.clicked` / `message.dismissed` on the message's touchpoint.
 */
export async function deliverInAppMessage(tx: Database, message: InAppMessage): Promise<{ status: 'queued'; deliveryId: string } | { status: 'duplicate' }> {
  const now = message.now ?? new Date();
  const locale = pickPromptLocale(message.locale) ?? 'en';
  const payload = await queueDelivery(tx, {
    accountId: message.accountId,
    contactId: message.contactId,
    promptId: null,
    touchpoint: message.touchpoint,
    via: null,
    reason: 'in_app message',
    dedupeKey: `message:${message.dedupeKey}`,
    kind: message.kind ?? 'modal',
    placement: 'top',
    anchorSelector: null,
    content: { [locale]: { title: message.title, body: message.body, ctaLabel: message.ctaLabel ?? null, imageUrl: message.imageUrl ?? null } },
    action: message.ctaUrl ? { kind: 'url', url: message.ctaUrl } : { kind: 'dismiss' },
    surfaces: message.surfaces ?? 'both',
    priority: message.priority ?? 0,
    pendingMinutes: message.pendingMinutes ?? 1440,
    locale,
    now,
  });
  return payload ? { status: 'queued', deliveryId: payload.deliveryId } : { status: 'duplicate' };
}

/** Prompts waiting for this customer on this surface, highest priority first (what a socket gets when it connects). */
export async function listPendingPrompts(db: Database, accountId: string, contactId: string, surface: PromptSurface, now = new Date()): Promise<PromptPayload[]> {
  const rows = await db
    .select({ payload: d.payload, surfaces: d.surfaces })
    .from(d)
    .where(and(eq(d.accountId, accountId), eq(d.contactId, contactId), eq(d.status, 'pending'), gt(d.expiresAt, now)))
    .orderBy(desc(d.priority), d.createdAt)
    .limit(20);
  return rows.filter((row) => showsOn(row.surfaces, surface)).map((row) => row.payload as unknown as PromptPayload);
}

export type PromptResponse = 'shown' | 'clicked' | 'dismissed';

/**
 * The customer's side: the client's ack (`shown`), a click on the call to action, a dismissal. Each is recorded once
 * per delivery as a customer event (`prompt.shown`…, or `message.shown`… for an in-app message), on the delivery's
 * touchpoint; a click implies it was shown. Another customer's delivery is a 404. Returns whether anything changed.
 */
export async function recordPromptResponse(db: Database, accountId: string, contactId: string, deliveryId: string, response: PromptResponse, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(d).where(and(eq(d.accountId, accountId), eq(d.contactId, contactId), eq(d.id, deliveryId))).for('update');
    if (!row) throw notFound('prompt delivery');
    const patch: Partial<typeof d.$inferInsert> = {};
    const happened: PromptResponse[] = [];
    if ((response === 'shown' || response === 'clicked') && !row.shownAt) {
      patch.shownAt = now;
      happened.push('shown');
    }
    if (response === 'clicked' && !row.clickedAt) {
      patch.clickedAt = now;
      happened.push('clicked');
    }
    if (response === 'dismissed' && !row.dismissedAt && !row.clickedAt) {
      patch.dismissedAt = now;
      happened.push('dismissed');
    }
    if (happened.length === 0) return false;
    patch.status = patch.clickedAt ? 'clicked' : patch.dismissedAt ? 'dismissed' : row.status === 'pending' ? 'shown' : row.status;
    await tx.update(d).set(patch).where(eq(d.id, row.id));
    const noun = row.promptId ? 'prompt' : 'message';
    const touchpoint: TouchpointRef = { kind: row.touchpointKind as TouchpointRef['kind'], id: row.touchpointId, stepId: row.touchpointStepId };
    await recordCustomerEvents(tx, accountId, happened.map((what) => ({
      contactId,
      kind: 'system' as const,
      name: `${noun}.${what}`,
      properties: { deliveryId: row.id, ...(row.via ? { via: row.via } : {}), ...(row.via?.test ? { test: true } : {}) },
      touchpoint,
      messageId: `${noun}.${what}:${row.id}`,
      source: 'system' as const,
      occurredAt: now,
    })));
    // Clicked or dismissed in one tab: the customer's other tabs and devices take it down too.
    if (response !== 'shown') {
      await recordEvents(tx, [{ type: 'prompt.closed', accountId, payload: { contactId, deliveryId: row.id }, audience: { kind: 'users', userIds: [] } }]);
    }
    return true;
  });
}
