import { and, asc, desc, eq, gte, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import { type AccountScope, OUTREACH_CLIENT_KEY_PREFIX, type OutreachChannel, type OutreachContent, type OutreachPort, type OutreachRequest, type OutreachResult, type SuppressionReason, type TouchpointRef } from '@touchpoint/core';
import { sendWhatsAppTemplate } from '@touchpoint/channels';
import { createConversation, postAgentMessage } from '@touchpoint/conversations';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { type Database, schema } from '@touchpoint/db';
import type { Mailer } from '@touchpoint/mailer';
import { getOutreachSettings } from './outreach-settings.ts';
import { checkConsent, findQuietHoursEnd, isInControlGroup, normalizeTimeZone, WINDOW_MS, WINDOW_REASON } from './outreach-rules.ts';

/** How an `in_app` message reaches the customer's open widget or portal (implemented by the prompts domain). */
export interface InAppDelivery {
  deliver(input: { accountId: string; contactId: string; sendId: string; content: OutreachContent; touchpoint: TouchpointRef }): Promise<{ delivered: true; messageId: string | null } | { delivered: false; detail: string }>;
}

export interface OutreachDeps {
  db: Database;
  mailer: Mailer;
  inApp?: InAppDelivery | null;
  /** The server's public URL, for List-Unsubscribe (the customer's communication preferences in the portal). */
  publicUrl?: string | null;
  now?: () => Date;
}

type SendRow = typeof schema.outreachSends.$inferSelect;
type Decision =
  | { kind: 'send'; viaTemplate: boolean; conversationId: string | null }
  | { kind: 'suppress'; reason: SuppressionReason; detail: string }
  | { kind: 'defer'; reason: SuppressionReason; until: Date };

const s = schema.outreachSends;
/** Sends that count against caps: sent, being sent, or held for later. */
const COUNTED: SendRow['status'][] = ['sending', 'sent', 'deferred'];

const systemScope = (accountId: string): AccountScope => ({ accountId, actor: { type: 'system', id: null, name: 'Outreach', role: 'admin' } });

function describeTouchpoint(row: SendRow): TouchpointRef {
  return { kind: row.touchpointKind as TouchpointRef['kind'], id: row.touchpointId, stepId: row.touchpointStepId };
}

async function recordOutcome(tx: Database, row: SendRow, name: 'message.sent' | 'message.suppressed' | 'message.deferred', properties: Record<string, unknown>) {
  await recordCustomerEvents(tx, row.accountId, [{
    contactId: row.contactId,
    kind: 'system',
    name,
    properties: { channel: row.channel, sendId: row.id, dedupeKey: row.dedupeKey, transactional: row.transactional, ...(row.test ? { test: true } : {}), ...properties },
    touchpoint: describeTouchpoint(row),
    messageId: `outreach:${row.id}:${name}:${row.deliverAt?.getTime() ?? 0}`,
    source: 'system',
  }]);
}

async function suppressRow(tx: Database, row: SendRow, reason: SuppressionReason, detail: string) {
  await tx.update(s).set({ status: 'suppressed', reason, detail, content: null }).where(eq(s.id, row.id));
  await recordOutcome(tx, row, 'message.suppressed', { reason, detail });
}

/** The latest inbound message of the customer on a channel, and the conversation it is in. */
async function findLatestConversation(tx: Database, accountId: string, contactId: string, channel: OutreachChannel) {
  const c = schema.conversations;
  const [latest] = await tx
    .select({ conversationId: c.id, lastInboundAt: sql<Date | null>`(select max(m.created_at) from messages m where m.conversation_id = ${c.id} and m.direction = 'inbound' and coalesce(m.channel_data->>'type', '') <> 'system')`.mapWith((value) => (value ? new Date(value as string) : null)) })
    .from(c)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, c.inboxId))
    .where(and(eq(c.accountId, accountId), eq(c.contactId, contactId), eq(schema.inboxes.channel, channel), isNotNull(schema.inboxes.channelConnectedAt)))
    .orderBy(desc(c.lastMessageAt))
    .limit(1);
  return latest ?? null;
}

async function countRecent(tx: Database, row: SendRow, periodDays: number, now: Date, channel: string | null) {
  const [counted] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(s)
    .where(and(eq(s.accountId, row.accountId), eq(s.contactId, row.contactId), ne(s.id, row.id), eq(s.transactional, false), eq(s.test, false), inArray(s.status, COUNTED), gte(s.createdAt, new Date(now.getTime() - periodDays * 86_400_000)), channel ? eq(s.channel, channel) : undefined));
  return counted?.n ?? 0;
}

/**
 * Priority: at a cap, the new send takes the place of the lowest-priority message still held (deferred) for the
 * customer in the same window, if its own priority is higher; that one is suppressed `lower_priority`. Messages
 * already sent are never taken back.
 */
async function bumpLowerPriority(tx: Database, row: SendRow, periodDays: number, now: Date, channel: string | null): Promise<boolean> {
  const [victim] = await tx
    .select()
    .from(s)
    .where(and(eq(s.accountId, row.accountId), eq(s.contactId, row.contactId), ne(s.id, row.id), eq(s.status, 'deferred'), eq(s.transactional, false), lt(s.priority, row.priority), gte(s.createdAt, new Date(now.getTime() - periodDays * 86_400_000)), channel ? eq(s.channel, channel) : undefined))
    .orderBy(asc(s.priority), desc(s.createdAt))
    .limit(1)
    .for('update');
  if (!victim) return false;
  await suppressRow(tx, victim, 'lower_priority', `replaced by a higher-priority message (${row.touchpointKind}${row.touchpointId ? ` ${row.touchpointId}` : ''})`);
  return true;
}

/**
 * The checks, in this fixed order (docs/outreach.md): control group → consent → address and channel → channel window
 * → global cap → channel cap (with priority) → quiet hours. The dedupe key was checked before (a unique row).
 * `released`: the send is a deferred one whose time came; quiet hours are checked again, the rest as well.
 */
async function decide(tx: Database, deps: OutreachDeps, row: SendRow, content: OutreachContent, now: Date): Promise<Decision> {
  const channel = row.channel as OutreachChannel;
  const [contact] = await tx
    .select({ email: schema.contacts.email, phone: schema.contacts.phone, socialHandles: schema.contacts.socialHandles, consent: schema.contacts.communicationConsent, timeZone: schema.contacts.timeZone, accountZone: schema.accounts.timeZone })
    .from(schema.contacts)
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.contacts.accountId))
    .where(and(eq(schema.contacts.accountId, row.accountId), eq(schema.contacts.id, row.contactId)));
  if (!contact) return { kind: 'suppress', reason: 'no_address', detail: 'the customer does not exist (deleted or merged)' };
  const settings = await getOutreachSettings(tx, row.accountId);

  // A test send shows the designer the message now: no control group, caps or quiet hours (consent still holds).
  const pressured = !row.transactional && !row.test;
  if (pressured && isInControlGroup(row.accountId, row.contactId, settings.controlGroupPercent)) {
    return { kind: 'suppress', reason: 'control_group', detail: `the customer is in the account's ${settings.controlGroupPercent}% control group` };
  }
  const consent = checkConsent(channel, contact.consent, row.transactional);
  if (!consent.ok) return { kind: 'suppress', reason: 'no_consent', detail: consent.detail };

  let conversationId: string | null = null;
  let viaTemplate = false;
  if (channel === 'email') {
    if (!contact.email) return { kind: 'suppress', reason: 'no_address', detail: 'the customer has no email address' };
    if (!deps.mailer.enabled) return { kind: 'suppress', reason: 'channel_unavailable', detail: 'no SMTP relay is configured' };
  } else if (channel === 'in_app') {
    if (!deps.inApp) return { kind: 'suppress', reason: 'channel_unavailable', detail: 'in-app delivery is not available' };
  } else {
    const latest = await findLatestConversation(tx, row.accountId, row.contactId, channel);
    const hasAddress = channel === 'messenger' ? Boolean(latest) : Boolean(latest || contact.phone || contact.socialHandles.whatsapp);
    if (!hasAddress) return { kind: 'suppress', reason: 'no_address', detail: channel === 'messenger' ? 'the customer never wrote to you on Messenger' : `the customer has no phone number for ${channel}` };
    const [inbox] = await tx.select({ id: schema.inboxes.id }).from(schema.inboxes).where(and(eq(schema.inboxes.accountId, row.accountId), eq(schema.inboxes.channel, channel), isNotNull(schema.inboxes.channelConnectedAt))).limit(1);
    if (!inbox) return { kind: 'suppress', reason: 'channel_unavailable', detail: `no connected ${channel} inbox` };
    conversationId = latest?.conversationId ?? null;
    const windowReason = WINDOW_REASON[channel];
    if (windowReason) {
      const open = Boolean(latest?.lastInboundAt && now.getTime() - latest.lastInboundAt.getTime() < WINDOW_MS);
      if (!open) {
        if (channel === 'whatsapp' && content.whatsAppTemplate && latest) viaTemplate = true;
        else return { kind: 'suppress', reason: windowReason, detail: channel === 'whatsapp' ? 'more than 24 hours since the customer last wrote on WhatsApp, and no approved template was given' : 'more than 24 hours since the customer last wrote on Messenger' };
      }
    }
  }

  if (pressured) {
    const caps: { cap: { limit: number; periodDays: number } | null | undefined; channel: string | null; reason: SuppressionReason }[] = [
      { cap: settings.globalCap, channel: null, reason: 'frequency_cap' },
      { cap: settings.channelCaps[channel], channel, reason: 'channel_frequency_cap' },
    ];
    for (const { cap, channel: capChannel, reason } of caps) {
      if (!cap) continue;
      const used = await countRecent(tx, row, cap.periodDays, now, capChannel);
      if (used >= cap.limit && !(await bumpLowerPriority(tx, row, cap.periodDays, now, capChannel))) {
        return { kind: 'suppress', reason, detail: `${used} of ${cap.limit} ${capChannel ?? 'messages'} in ${cap.periodDays} days already` };
      }
    }
    if (settings.quietHours) {
      const until = findQuietHoursEnd(now, normalizeTimeZone(contact.timeZone ?? contact.accountZone), settings.quietHours);
      if (until) {
        if (settings.quietHours.mode === 'suppress') return { kind: 'suppress', reason: 'quiet_hours', detail: `quiet hours (${settings.quietHours.start}–${settings.quietHours.end}) in ${normalizeTimeZone(contact.timeZone ?? contact.accountZone)}` };
        return { kind: 'defer', reason: 'quiet_hours', until };
      }
    }
  }
  return { kind: 'send', viaTemplate, conversationId };
}

function unsubscribeUrl(deps: OutreachDeps, handle: string): string | null {
  return deps.publicUrl ? new URL(`/portal/${handle}/profile`, deps.publicUrl).toString() : null;
}

/** Hands the message to its channel; returns the provider's or conversation message id. Throws when the channel refuses. */
async function deliver(deps: OutreachDeps, row: SendRow, content: OutreachContent, decision: Extract<Decision, { kind: 'send' }>): Promise<string | null> {
  const channel = row.channel as OutreachChannel;
  if (channel === 'email') {
    const [contact] = await deps.db
      .select({ email: schema.contacts.email, handle: schema.accounts.handle })
      .from(schema.contacts).innerJoin(schema.accounts, eq(schema.accounts.id, schema.contacts.accountId))
      .where(and(eq(schema.contacts.accountId, row.accountId), eq(schema.contacts.id, row.contactId)));
    const unsubscribe = row.transactional ? null : unsubscribeUrl(deps, contact!.handle);
    const sent = await deps.mailer.send({
      to: contact!.email!,
      subject: content.subject ?? '',
      text: content.text,
      html: content.html ?? `<p>${content.text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`).replace(/\n/g, '<br>')}</p>`,
      ...(unsubscribe ? { headers: { 'List-Unsubscribe': `<${unsubscribe}>` } } : {}),
    });
    return sent.messageId;
  }
  if (channel === 'in_app') {
    const result = await deps.inApp!.deliver({ accountId: row.accountId, contactId: row.contactId, sendId: row.id, content, touchpoint: describeTouchpoint(row) });
    if (!result.delivered) throw new Error(result.detail);
    return result.messageId;
  }
  const scope = systemScope(row.accountId);
  const clientKey = `${OUTREACH_CLIENT_KEY_PREFIX}${row.id}`;
  let conversationId = decision.conversationId;
  if (!conversationId) {
    const [inbox] = await deps.db.select({ id: schema.inboxes.id }).from(schema.inboxes).where(and(eq(schema.inboxes.accountId, row.accountId), eq(schema.inboxes.channel, channel), isNotNull(schema.inboxes.channelConnectedAt))).limit(1);
    const conversation = await createConversation(deps.db, scope, { inboxId: inbox!.id, contactId: row.contactId, subject: content.subject ?? '', status: 'resolved', messages: [] });
    conversationId = conversation.id;
  }
  if (decision.viaTemplate && content.whatsAppTemplate) {
    const message = await sendWhatsAppTemplate(deps.db, scope, conversationId, { name: content.whatsAppTemplate.name, language: content.whatsAppTemplate.language, variables: content.whatsAppTemplate.parameters, clientKey });
    return message.id;
  }
  const message = await postAgentMessage(deps.db, scope, conversationId, { kind: 'reply', body: content.text, clientKey, countsAsResponse: false });
  return message.id;
}

/** Runs the checks on a claimed row and sends, defers or suppresses it; records the outcome on the timeline. */
async function processSend(deps: OutreachDeps, sendId: string, accountId: string, content: OutreachContent): Promise<OutreachResult> {
  const now = deps.now?.() ?? new Date();
  const decided = await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(s).where(and(eq(s.accountId, accountId), eq(s.id, sendId)));
    // One customer's sends are checked one at a time, so two concurrent sends cannot both take the last slot of a cap.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`outreach:${row!.accountId}:${row!.contactId}`}, 0))`);
    const decision = await decide(tx, deps, row!, content, now);
    if (decision.kind === 'suppress') await suppressRow(tx, row!, decision.reason, decision.detail);
    if (decision.kind === 'defer') {
      const [held] = await tx.update(s).set({ status: 'deferred', reason: decision.reason, deliverAt: decision.until, content: content as unknown as Record<string, unknown> }).where(eq(s.id, row!.id)).returning();
      await recordOutcome(tx, held!, 'message.deferred', { reason: decision.reason, until: decision.until.toISOString() });
    }
    return { row: row!, decision };
  });
  const { row, decision } = decided;
  if (decision.kind === 'suppress') return { status: 'suppressed', reason: decision.reason, detail: decision.detail };
  if (decision.kind === 'defer') return { status: 'deferred', until: decision.until.toISOString(), reason: decision.reason };
  let messageId: string | null;
  try {
    messageId = await deliver(deps, row, content, decision);
  } catch (error) {
    const detail = `the channel refused the message: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
    await deps.db.transaction(async (tx) => {
      await tx.update(s).set({ status: 'failed', reason: 'channel_unavailable', detail, content: null }).where(eq(s.id, row.id));
      await recordOutcome(tx, row, 'message.suppressed', { reason: 'channel_unavailable', detail });
    });
    return { status: 'suppressed', reason: 'channel_unavailable', detail };
  }
  await deps.db.transaction(async (tx) => {
    await tx.update(s).set({ status: 'sent', sentAt: new Date(), messageId, content: null }).where(eq(s.id, row.id));
    await recordOutcome(tx, row, 'message.sent', { messageId, subject: content.subject ?? content.title ?? null, viaTemplate: decision.viaTemplate || undefined });
  });
  return { status: 'sent', messageId };
}

function rowValues(request: Omit<OutreachRequest, 'content'>) {
  return {
    accountId: request.accountId,
    contactId: request.contactId,
    channel: request.channel,
    dedupeKey: request.dedupeKey,
    transactional: request.transactional ?? false,
    test: request.test ?? false,
    priority: request.priority ?? 0,
    touchpointKind: request.touchpoint.kind,
    touchpointId: request.touchpoint.id ?? null,
    touchpointStepId: request.touchpoint.stepId ?? null,
  };
}

/**
 * Outreach: how journeys, prompts and surveys reach a customer. Each send is stored first under its dedupe key (a
 * second send with the key returns `duplicate`, whatever the first one's outcome), then checked, then handed to the
 * channel; every outcome is a customer event on the timeline (`message.sent`, `message.suppressed` with its
 * reason, `message.deferred` with `until`).
 */
export function createOutreach(deps: OutreachDeps): OutreachPort & { sendDeferred(sendId: string, accountId: string): Promise<OutreachResult> } {
  return {
    async send(request) {
      const [row] = await deps.db.insert(s).values({ ...rowValues(request), status: 'sending' }).onConflictDoNothing({ target: [s.accountId, s.dedupeKey] }).returning({ id: s.id });
      if (!row) return { status: 'duplicate' };
      return processSend(deps, row.id, request.accountId, request.content);
    },
    async recordSuppression(request, reason, detail) {
      await deps.db.transaction(async (tx) => {
        const [row] = await tx.insert(s).values({ ...rowValues(request), status: 'suppressed', reason, detail }).onConflictDoNothing({ target: [s.accountId, s.dedupeKey] }).returning();
        if (row) await recordOutcome(tx, row, 'message.suppressed', { reason, detail });
      });
    },
    /** Sends a deferred row the worker claimed (status already moved from deferred to sending). */
    async sendDeferred(sendId, accountId) {
      const [row] = await deps.db.select({ content: s.content }).from(s).where(and(eq(s.accountId, accountId), eq(s.id, sendId)));
      return processSend(deps, sendId, accountId, (row?.content ?? { text: '' }) as unknown as OutreachContent);
    },
  };
}
