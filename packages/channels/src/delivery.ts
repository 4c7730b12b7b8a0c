import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { type AccountScope, conflict, createPollingWorker, notFound, type PublishedEvent } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { type FileStore, getConversation, isAutomationClientKey, listAttachmentsOfMessages, storageKeyOf } from '@touchpoint/conversations';
import { type ChannelInbox, type ChannelRegistry, PermanentDeliveryError } from './channel-adapter.ts';

type MessageRow = typeof schema.messages.$inferSelect;
export type DeliveryStatus = NonNullable<MessageRow['deliveryStatus']>;

const m = schema.messages;

/**
 * Event sink: a reply that went out (`message.created`, outbound, not scheduled) in an inbox whose channel is
 * connected and has an adapter is queued for delivery. Runs in the outbox claim transaction; a repeated claim finds
 * the message already queued and changes nothing.
 */
export function createDeliveryQueueSink(registry: ChannelRegistry) {
  return async function queueRepliesForDelivery(tx: Database, events: PublishedEvent[]) {
    const replies = events
      .filter((event) => event.type === 'message.created')
      .map((event) => ({ event, message: event.payload.message as { id: string; direction: string; status: string } }))
      .filter(({ message }) => message.direction === 'outbound' && message.status === 'sent');
    if (replies.length === 0 || registry.size === 0) return;
    const connected = await tx
      .select({ messageId: m.id })
      .from(m)
      .innerJoin(schema.conversations, eq(schema.conversations.id, m.conversationId))
      .innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
      .where(and(
        inArray(m.id, replies.map(({ message }) => message.id)),
        isNull(m.deliveryStatus),
        isNotNull(schema.inboxes.channelConnectedAt),
        inArray(schema.inboxes.channel, [...registry.keys()]),
      ));
    if (connected.length === 0) return;
    await tx.update(m).set({ deliveryStatus: 'pending', nextDeliveryAt: new Date() }).where(inArray(m.id, connected.map((row) => row.messageId)));
  };
}

export interface ChannelDeliveryOptions {
  files: FileStore;
  now?: () => Date;
  /** Wait before attempt n+1 after attempt n failed; its length + 1 is the number of attempts. */
  backoffMs?: number[];
  /** How long a claimed message stays invisible to other workers; longer than any provider call. */
  leaseMs?: number;
  /** Messages sent at once per worker. */
  concurrency?: number;
  timeoutMs?: number;
  /** Only this account's messages (tests). */
  accountId?: string;
}

export const DELIVERY_BACKOFF_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000];

/** Claims due messages with FOR UPDATE SKIP LOCKED and a lease, so nodes share the work and a crash loses none. */
async function claimDueMessages(db: Database, now: Date, leaseMs: number, limit: number, accountId?: string): Promise<string[]> {
  if (limit <= 0) return [];
  const account = accountId ? sql`and account_id = ${accountId}` : sql``;
  const result = await db.execute(sql`
    update messages set next_delivery_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz, delivery_attempts = delivery_attempts + 1
    where id in (
      select id from messages
      where delivery_status = 'pending' and next_delivery_at <= ${now.toISOString()}::timestamptz ${account}
      order by next_delivery_at limit ${limit} for update skip locked)
    returning id`);
  return (result as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
}

/** Everything an adapter needs to send one message. */
async function loadOutbound(db: Database, files: FileStore, messageId: string) {
  const [row] = await db
    .select({ message: m, conversation: schema.conversations, inbox: schema.inboxes, contact: schema.contacts })
    .from(m)
    .innerJoin(schema.conversations, eq(schema.conversations.id, m.conversationId))
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
    .innerJoin(schema.contacts, eq(schema.contacts.id, schema.conversations.contactId))
    .where(eq(m.id, messageId));
  if (!row) return null;
  const { message, conversation, inbox, contact } = row;
  const [attachments, identities, history] = await Promise.all([
    listAttachmentsOfMessages(db, message.accountId, [message.id]),
    db.select({ externalId: schema.contactIdentities.externalId }).from(schema.contactIdentities)
      .where(and(eq(schema.contactIdentities.accountId, message.accountId), eq(schema.contactIdentities.channel, inbox.channel), eq(schema.contactIdentities.contactId, contact.id)))
      .orderBy(asc(schema.contactIdentities.createdAt)),
    db.select({ direction: m.direction, externalId: m.externalId, createdAt: m.createdAt, channelData: m.channelData }).from(m)
      .where(and(eq(m.conversationId, conversation.id), sql`${m.direction} <> 'note'`, sql`${m.id} <> ${message.id}`, sql`(${m.externalId} is not null or ${m.direction} = 'inbound')`))
      .orderBy(asc(m.createdAt)),
  ]);
  const channelInbox: ChannelInbox = { id: inbox.id, accountId: inbox.accountId, name: inbox.name, channel: inbox.channel, config: inbox.channelConfig, secrets: inbox.channelSecrets, channelKey: inbox.channelKey, mediaKey: inbox.mediaKey };
  return {
    inbox: channelInbox,
    message: { id: message.id, body: message.body, attachments: attachments.get(message.id) ?? [], channelData: message.channelData, createdAt: message.createdAt, automatic: isAutomationClientKey(message.clientKey) },
    conversation: { id: conversation.id, number: conversation.number, subject: conversation.subject, channelData: {} },
    contact: { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone },
    recipients: identities.map((identity) => identity.externalId),
    history: history.map((entry) => ({ ...entry, direction: entry.direction as 'inbound' | 'outbound' })),
    readAttachment: async (attachment: { id: string }) => {
      const chunks: Buffer[] = [];
      for await (const chunk of await files.read(storageKeyOf(message.accountId, attachment.id))) chunks.push(Buffer.from(chunk as Uint8Array));
      return Buffer.concat(chunks);
    },
    attempts: message.deliveryAttempts,
  };
}

async function recordDeliveryChange(tx: Database, message: Pick<MessageRow, 'id' | 'accountId' | 'conversationId'>, change: { deliveryStatus: DeliveryStatus; deliveryError: string | null }) {
  const [conversation] = await tx.select({ inboxId: schema.conversations.inboxId }).from(schema.conversations).where(eq(schema.conversations.id, message.conversationId));
  await recordEvents(tx, [{
    type: 'message.delivery_updated',
    accountId: message.accountId,
    payload: { conversationId: message.conversationId, messageId: message.id, ...change },
    audience: { kind: 'inbox', inboxId: conversation!.inboxId },
  }]);
}

const errorText = (error: unknown) => (error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error)).slice(0, 500);

/** Sends one claimed message and writes the outcome: sent, retried later, or failed. */
async function deliverOne(db: Database, registry: ChannelRegistry, messageId: string, options: Required<Pick<ChannelDeliveryOptions, 'files' | 'now' | 'backoffMs' | 'timeoutMs'>>) {
  const outbound = await loadOutbound(db, options.files, messageId);
  if (!outbound) return;
  const adapter = registry.get(outbound.inbox.channel);
  let outcome: { ok: true; externalId: string | null; channelData?: Record<string, unknown> } | { ok: false; permanent: boolean; error: string };
  try {
    if (!adapter) throw new PermanentDeliveryError(`no sender for the ${outbound.inbox.channel} channel`);
    const sent = await Promise.race([
      adapter.send(outbound),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer from the provider within ${options.timeoutMs} ms`)), options.timeoutMs).unref()),
    ]);
    outcome = { ok: true, ...sent };
  } catch (error) {
    outcome = { ok: false, permanent: error instanceof PermanentDeliveryError, error: errorText(error) };
  }
  const now = options.now();
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(m).where(eq(m.id, messageId)).for('update');
    if (!current || current.deliveryStatus !== 'pending') return;
    if (outcome.ok) {
      await tx.update(m).set({
        deliveryStatus: 'sent',
        deliveryError: null,
        nextDeliveryAt: null,
        externalId: outcome.externalId ? `${outbound.inbox.channel}:${outcome.externalId}` : current.externalId,
        channelData: { ...current.channelData, ...outcome.channelData },
      }).where(eq(m.id, messageId));
      await recordDeliveryChange(tx, current, { deliveryStatus: 'sent', deliveryError: null });
      return;
    }
    const retryIn = options.backoffMs[current.deliveryAttempts - 1];
    if (!outcome.permanent && retryIn !== undefined) {
      await tx.update(m).set({ deliveryError: outcome.error, nextDeliveryAt: new Date(now.getTime() + retryIn) }).where(eq(m.id, messageId));
      return;
    }
    await tx.update(m).set({ deliveryStatus: 'failed', deliveryError: outcome.error, nextDeliveryAt: null }).where(eq(m.id, messageId));
    await recordDeliveryChange(tx, current, { deliveryStatus: 'failed', deliveryError: outcome.error });
  });
}

/**
 * Sends queued replies through their channel on every node: claimed with a lease, each send with its own timeout,
 * retried with backoff, and marked failed (with the provider's reason, shown in the console) when retrying cannot
 * help or the attempts are used up. Returns `tick` (tests call it directly), `start` and `stop`.
 */
export function createChannelDeliveryWorker(db: Database, registry: ChannelRegistry, options: ChannelDeliveryOptions & { intervalMs?: number; onError?: (error: unknown) => void }) {
  const resolved = { files: options.files, now: options.now ?? (() => new Date()), backoffMs: options.backoffMs ?? DELIVERY_BACKOFF_MS, timeoutMs: options.timeoutMs ?? 15_000 };
  return createPollingWorker<string>({
    claim: (limit) => claimDueMessages(db, resolved.now(), options.leaseMs ?? 60_000, limit, options.accountId),
    run: (messageId) => deliverOne(db, registry, messageId, resolved),
    concurrency: options.concurrency ?? 10,
    intervalMs: options.intervalMs,
    onError: options.onError,
  });
}

const PROGRESS: Record<DeliveryStatus, number> = { pending: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * A provider's status callback for a message it took (`sent`, `delivered`, `read`, `failed`), found by the provider's
 * id. Statuses only move forward (a late `delivered` after `read` changes nothing) and a repeated callback is a no-op;
 * a `failed` after delivery is kept (the provider says the message was not seen after all). Unknown ids are ignored:
 * the provider also reports messages sent from its own tools.
 */
export async function applyDeliveryStatus(db: Database, accountId: string, channel: string, providerId: string, status: Exclude<DeliveryStatus, 'pending'>, error: string | null = null) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(m).where(and(eq(m.accountId, accountId), eq(m.externalId, `${channel}:${providerId}`))).for('update');
    if (!current || current.direction !== 'outbound') return false;
    const from = current.deliveryStatus ?? 'pending';
    if (from === 'failed' || PROGRESS[status] <= PROGRESS[from]) return false;
    const deliveryError = status === 'failed' ? (error ?? 'the provider reported a failure').slice(0, 500) : null;
    await tx.update(m).set({ deliveryStatus: status, deliveryError, nextDeliveryAt: null }).where(eq(m.id, current.id));
    await recordDeliveryChange(tx, current, { deliveryStatus: status, deliveryError });
    return true;
  });
}

/** Sends a failed reply again (an agent's "Retry"): back to pending with fresh attempts. */
export async function retryDelivery(db: Database, scope: AccountScope, conversationId: string, messageId: string) {
  await getConversation(db, scope, conversationId);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(m).where(and(eq(m.accountId, scope.accountId), eq(m.conversationId, conversationId), eq(m.id, messageId))).for('update');
    if (!current) throw notFound('message');
    if (current.deliveryStatus !== 'failed') throw conflict('Only a reply whose delivery failed can be sent again.');
    await tx.update(m).set({ deliveryStatus: 'pending', deliveryError: null, deliveryAttempts: 0, nextDeliveryAt: new Date() }).where(eq(m.id, messageId));
    await recordDeliveryChange(tx, current, { deliveryStatus: 'pending', deliveryError: null });
    return { id: messageId, deliveryStatus: 'pending' as const };
  });
}
