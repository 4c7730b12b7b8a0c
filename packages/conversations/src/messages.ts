import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { type AccountScope, AppError, type AutomationCause, causeOf, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { type AttachmentView, claimAttachments, listAttachmentsOfMessages } from './attachments.ts';
import { AUTOMATIC_MESSAGE_FLAG } from './automatic-messages.ts';
import { notifyUsers } from './notifications.ts';
import { afterConversationChange, followMerge, lockConversation, touchConversation } from './ticket-updates.ts';

export interface AgentMessageInput {
  kind: 'reply' | 'note';
  body: string;
  /** People to notify; only meaningful on notes, and each must be a member of the account. */
  mentionUserIds?: string[];
  /** Send later: the reply is kept as `scheduled` and goes out at this time. */
  scheduledFor?: string | null;
  /** Idempotency key: retrying with the same key returns the first message. */
  clientKey?: string | null;
  /** Unsent uploads of the account (`uploadAttachment`) to send with it; the body may be empty when there are some. */
  attachmentIds?: string[];
  /**
   * How the reply's channel should send it, kept in the reply's `channelData` for the channel's sender: on a
   * Messenger or Instagram comment, `{ replyMode: 'public' | 'private' }`. Ignored on notes.
   */
  channelOptions?: Record<string, string | number | boolean>;
  /**
   * False for a machine's notice (a return's status): it goes out like a reply but is not an answer, so the first
   * response time and the "waiting for a reply" clock are left as they were.
   */
  countsAsResponse?: boolean;
}

/** A message from the customer, as the API or a channel received it. */
export interface CustomerMessageInput {
  body: string;
  /** Idempotency key: a channel uses `<channel>:<provider message id>`, so a webhook delivered twice stores one message. */
  clientKey?: string | null;
  externalId?: string | null;
  channelData?: Record<string, unknown>;
  /** Files already stored for this message (`uploadAttachment`). */
  attachmentIds?: string[];
  /**
   * Sent by a machine on the customer's side (an out-of-office reply): stored and shown, flagged
   * `channelData.autoReply`, but it neither reopens the conversation nor starts the waiting clock, and automations
   * never answer it (`isAnsweringAutomaticMessage`).
   */
  automatic?: boolean;
}

type MessageRow = typeof schema.messages.$inferSelect;

/**
 * Messages written by an automation rule carry `automation:<ruleId>:<eventId>:<action>` as their client key: it says
 * which rule wrote them without a column of its own, and makes a rule's action idempotent per event. People and API
 * keys cannot use the prefix, so the author cannot be forged.
 */
const AUTOMATION_KEY_PREFIX = 'automation:';
const AUTOMATION_KEY = /^automation:([0-9a-f-]{36}):/;

export const automationClientKey = (ruleId: string, eventId: number, actionIndex: number) => `${AUTOMATION_KEY_PREFIX}${ruleId}:${eventId}:${actionIndex}`;

/**
 * Messages the answer bot writes carry `bot:<customer message id>` as their client key: one bot message per customer
 * message (idempotent), and the author is known without a column. Reserved like the automation prefix.
 */
const BOT_KEY_PREFIX = 'bot:';
export const BOT_AUTHOR_NAME = 'Answer bot';
export const botClientKey = (customerMessageId: string) => `${BOT_KEY_PREFIX}${customerMessageId}`;
export const isBotMessage = (row: { clientKey: string | null; authorUserId: string | null; direction: string }) =>
  row.direction !== 'inbound' && !row.authorUserId && Boolean(row.clientKey?.startsWith(BOT_KEY_PREFIX));

/** Whether a message was written by an automation rule (by its client key). */
export const isAutomationClientKey = (clientKey: string | null | undefined) => Boolean(clientKey?.startsWith(AUTOMATION_KEY_PREFIX));

/** The rule that wrote a message, if an automation did. */
function automationRuleIdOf(row: MessageRow): string | null {
  if (row.authorUserId || row.direction === 'inbound') return null;
  return AUTOMATION_KEY.exec(row.clientKey ?? '')?.[1] ?? null;
}

/** The author of an automation's message: the rule by its current name; a deleted rule leaves the name null. */
export interface AutomationAuthor {
  ruleId: string;
  ruleName: string | null;
}

export const presentMessage = (row: MessageRow, authorName: string, { automation = null, attachments = [] }: { automation?: AutomationAuthor | null; attachments?: AttachmentView[] } = {}) => ({
  id: row.id,
  direction: row.direction,
  body: row.body,
  authorName: automation ? (automation.ruleName ? `Automation: ${automation.ruleName}` : 'Automation') : authorName,
  automation,
  status: row.status,
  scheduledFor: row.scheduledFor?.toISOString() ?? null,
  deliveryStatus: row.deliveryStatus,
  deliveryError: row.deliveryError,
  channelData: row.channelData,
  attachments,
  createdAt: row.createdAt.toISOString(),
});

/** Presents messages with their attachments and authors' names: people's as given, automation rules' looked up. */
export async function presentMessages(db: Database, accountId: string, rows: { message: MessageRow; authorName: string }[]) {
  const ruleIds = [...new Set(rows.map(({ message }) => automationRuleIdOf(message)).filter((id): id is string => id !== null))];
  const rules = ruleIds.length === 0
    ? []
    : await db.select({ id: schema.automationRules.id, name: schema.automationRules.name }).from(schema.automationRules).where(and(eq(schema.automationRules.accountId, accountId), inArray(schema.automationRules.id, ruleIds)));
  const names = new Map(rules.map((rule) => [rule.id, rule.name]));
  const attachments = await listAttachmentsOfMessages(db, accountId, rows.map(({ message }) => message.id));
  return rows.map(({ message, authorName }) => {
    const ruleId = automationRuleIdOf(message);
    return presentMessage(message, isBotMessage(message) ? BOT_AUTHOR_NAME : authorName, { automation: ruleId ? { ruleId, ruleName: names.get(ruleId) ?? null } : null, attachments: attachments.get(message.id) });
  });
}

/** One stored message as `presentMessages` shows it. */
async function presentStoredMessage(db: Database, message: MessageRow, authorName: string) {
  const [presented] = await presentMessages(db, message.accountId, [{ message, authorName }]);
  return presented!;
}

async function findByClientKey(tx: Database, accountId: string, clientKey: string) {
  const [row] = await tx.select().from(schema.messages).where(and(eq(schema.messages.accountId, accountId), eq(schema.messages.clientKey, clientKey)));
  return row ?? null;
}

async function assertMembers(tx: Database, accountId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  const rows = await tx.select({ id: schema.memberships.userId }).from(schema.memberships).where(and(eq(schema.memberships.accountId, accountId), inArray(schema.memberships.userId, userIds)));
  const known = new Set(rows.map((row) => row.id));
  const unknown = userIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw validationFailed([{ path: 'mentionUserIds', message: `not members of this account: ${unknown.join(', ')}` }]);
}

/**
 * An agent's reply or private note. A reply answers the customer: it sets the first response time and stops the
 * waiting clock. Concurrent replies by two agents both land, ordered by the conversation's row lock.
 */
export async function postAgentMessage(db: Database, scope: AccountScope, conversationId: string, input: AgentMessageInput, now = new Date()) {
  if (input.kind === 'note' && input.scheduledFor) throw validationFailed([{ path: 'scheduledFor', message: 'only replies can be scheduled' }]);
  if (!input.body.trim() && !input.attachmentIds?.length) throw validationFailed([{ path: 'body', message: 'must not be empty without attachments' }]);
  if (input.scheduledFor && new Date(input.scheduledFor).getTime() <= now.getTime()) throw validationFailed([{ path: 'scheduledFor', message: 'must be in the future' }]);
  if (input.clientKey?.startsWith(AUTOMATION_KEY_PREFIX) && scope.actor.type !== 'system') {
    throw validationFailed([{ path: 'clientKey', message: `the prefix ${AUTOMATION_KEY_PREFIX} is reserved for automation rules` }]);
  }
  if (input.clientKey?.startsWith(BOT_KEY_PREFIX)) throw validationFailed([{ path: 'clientKey', message: `the prefix ${BOT_KEY_PREFIX} is reserved for the answer bot` }]);
  return db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, scope, conversationId);
    if (input.clientKey) {
      const existing = await findByClientKey(tx, scope.accountId, input.clientKey);
      if (existing) {
        if (existing.conversationId !== conversationId) throw new AppError('conflict', 'Conflict', 'This clientKey was already used for another conversation.');
        return presentStoredMessage(tx, existing, scope.actor.name);
      }
    }
    const mentionUserIds = [...new Set(input.mentionUserIds ?? [])];
    await assertMembers(tx, scope.accountId, mentionUserIds);
    const scheduled = Boolean(input.scheduledFor);
    const [message] = await tx
      .insert(schema.messages)
      .values({
        accountId: scope.accountId,
        conversationId,
        direction: input.kind === 'note' ? 'note' : 'outbound',
        authorUserId: scope.actor.type === 'user' ? scope.actor.id : null,
        body: input.body,
        status: scheduled ? 'scheduled' : 'sent',
        scheduledFor: scheduled ? new Date(input.scheduledFor!) : null,
        clientKey: input.clientKey ?? null,
        channelData: input.kind === 'reply' ? input.channelOptions ?? {} : {},
        createdAt: now,
      })
      .returning();
    await claimAttachments(tx, scope.accountId, message!.id, input.attachmentIds ?? []);
    if (mentionUserIds.length > 0) {
      await tx.insert(schema.mentions).values(mentionUserIds.map((userId) => ({ accountId: scope.accountId, messageId: message!.id, userId })));
      await notifyUsers(tx, scope, mentionUserIds.filter((id) => id !== scope.actor.id), { kind: 'mentioned', conversationId, messageId: message!.id, text: input.body.slice(0, 140) });
    }
    if (!scheduled && input.countsAsResponse !== false) await markAnswered(tx, conversation, message!, now);
    else if (!scheduled) await touchConversation(tx, conversation.id, now);
    const presented = await presentStoredMessage(tx, message!, scope.actor.name);
    await recordMessageCreated(tx, scope.accountId, conversation, presented, causeOf(scope));
    await afterConversationChange(tx, scope.accountId, conversationId, now);
    return presented;
  });
}

/**
 * The answer bot's reply to one customer message (`botClientKey`), inside the caller's transaction. It goes out like
 * an agent's reply (the channel delivers it; the widget shows it) and stops the waiting clock, but it is not the
 * first response: that stays a person's. `channelData` carries what the customer's side needs (the choices of a
 * clarifying question). Returns null when the bot already answered that message. `keepWaiting` (a handover) leaves
 * the waiting clock running.
 */
export async function postBotMessage(tx: Database, scope: AccountScope, conversationId: string, input: { customerMessageId: string; body: string; channelData?: Record<string, unknown>; keepWaiting?: boolean }, now = new Date()) {
  const conversation = await lockConversation(tx, scope, conversationId);
  const clientKey = botClientKey(input.customerMessageId);
  if (await findByClientKey(tx, scope.accountId, clientKey)) return null;
  const [message] = await tx
    .insert(schema.messages)
    .values({ accountId: scope.accountId, conversationId, direction: 'outbound', body: input.body, clientKey, channelData: { ...input.channelData, bot: true }, createdAt: now })
    .returning();
  // A handover ("a person will reply") leaves the customer waiting; an answer does not.
  if (!input.keepWaiting) await tx.update(schema.conversations).set({ waitingSince: null }).where(eq(schema.conversations.id, conversationId));
  await touchConversation(tx, conversationId, now);
  const presented = await presentStoredMessage(tx, message!, BOT_AUTHOR_NAME);
  await recordMessageCreated(tx, scope.accountId, conversation, presented);
  await afterConversationChange(tx, scope.accountId, conversationId, now);
  return presented;
}

/** A reply that went out: first response time, the waiting clock stops, activity time moves. */
async function markAnswered(tx: Database, conversation: typeof schema.conversations.$inferSelect, message: MessageRow, at: Date) {
  if (message.direction === 'outbound') {
    await tx
      .update(schema.conversations)
      .set({ firstResponseAt: conversation.firstResponseAt ?? at, waitingSince: null })
      .where(eq(schema.conversations.id, conversation.id));
  }
  await touchConversation(tx, conversation.id, at);
}

async function recordMessageCreated(tx: Database, accountId: string, conversation: typeof schema.conversations.$inferSelect, message: ReturnType<typeof presentMessage>, cause: { cause?: AutomationCause } = {}) {
  await recordEvents(tx, [
    {
      type: 'message.created',
      accountId,
      payload: { conversationId: conversation.id, number: conversation.number, message, ...cause },
      audience: { kind: 'inbox', inboxId: conversation.inboxId },
    },
  ]);
}

/**
 * A message from the customer. It starts the waiting clock if it is not running, and reopens a conversation that
 * was pending, snoozed, resolved or closed: the customer wrote again, so someone must look. A message to a merged
 * conversation goes to the one it was merged into.
 */
export async function receiveCustomerMessage(db: Database, scope: AccountScope, addressedTo: string, input: CustomerMessageInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, scope, await followMerge(tx, scope.accountId, addressedTo));
    const conversationId = conversation.id;
    if (input.clientKey) {
      const existing = await findByClientKey(tx, scope.accountId, input.clientKey);
      if (existing) return existing;
    }
    const [message] = await tx
      .insert(schema.messages)
      .values({
        accountId: scope.accountId,
        conversationId,
        direction: 'inbound',
        body: input.body,
        clientKey: input.clientKey ?? null,
        externalId: input.externalId ?? null,
        channelData: input.automatic ? { ...input.channelData, [AUTOMATIC_MESSAGE_FLAG]: true } : (input.channelData ?? {}),
        createdAt: now,
      })
      .returning();
    const attachments = await claimAttachments(tx, scope.accountId, message!.id, input.attachmentIds ?? []);
    const reopen = conversation.status !== 'open' && !input.automatic;
    if (!input.automatic) {
      await tx
        .update(schema.conversations)
        .set({
          waitingSince: conversation.waitingSince ?? now,
          ...(reopen ? { status: 'open', customStatusId: null, snoozedUntil: null, resolvedAt: null } : {}),
        })
        .where(eq(schema.conversations.id, conversationId));
    }
    await touchConversation(tx, conversationId, now);
    const [contact] = await tx.select({ name: schema.contacts.name }).from(schema.contacts).where(eq(schema.contacts.id, conversation.contactId));
    await recordMessageCreated(tx, scope.accountId, conversation, presentMessage(message!, contact?.name ?? '', { attachments }));
    if (reopen) {
      await recordEvents(tx, [{ type: 'conversation.updated', accountId: scope.accountId, payload: { conversationId, number: conversation.number, changed: ['status'], status: 'open', by: contact?.name ?? '' }, audience: { kind: 'inbox', inboxId: conversation.inboxId } }]);
    }
    await afterConversationChange(tx, scope.accountId, conversationId, now);
    return message!;
  });
}

/** Cancels a reply that has not gone out yet. */
export async function cancelScheduledMessage(db: Database, scope: AccountScope, conversationId: string, messageId: string) {
  return db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, scope, conversationId);
    const [row] = await tx
      .update(schema.messages)
      .set({ status: 'canceled' })
      .where(and(eq(schema.messages.accountId, scope.accountId), eq(schema.messages.conversationId, conversationId), eq(schema.messages.id, messageId), eq(schema.messages.status, 'scheduled')))
      .returning();
    if (!row) throw notFound('scheduled message');
    await recordEvents(tx, [{ type: 'message.updated', accountId: scope.accountId, payload: { conversationId, messageId, status: 'canceled' }, audience: { kind: 'inbox', inboxId: conversation.inboxId } }]);
  });
}

/**
 * Sends every scheduled reply that is due. Each is claimed by flipping its status in the same statement, so a reply
 * is sent once even if two nodes run this at the same moment, and a restart loses none (they wait in the table).
 */
export async function sendDueScheduledMessages(db: Database, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: schema.messages.id })
    .from(schema.messages)
    .where(and(eq(schema.messages.status, 'scheduled'), lte(schema.messages.scheduledFor, now)))
    .orderBy(asc(schema.messages.scheduledFor))
    .limit(500);
  let sent = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [message] = await tx
        .update(schema.messages)
        .set({ status: 'sent', createdAt: now })
        .where(and(eq(schema.messages.id, id), eq(schema.messages.status, 'scheduled')))
        .returning();
      if (!message) return;
      const [conversation] = await tx.select().from(schema.conversations).where(eq(schema.conversations.id, message.conversationId)).for('update');
      const [author] = message.authorUserId ? await tx.select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, message.authorUserId)) : [];
      await markAnswered(tx, conversation!, message, now);
      await recordEvents(tx, [{ type: 'message.updated', accountId: message.accountId, payload: { conversationId: conversation!.id, messageId: message.id, status: 'sent' }, audience: { kind: 'inbox', inboxId: conversation!.inboxId } }]);
      // A scheduled reply keeps the attachments it was written with.
      await recordMessageCreated(tx, message.accountId, conversation!, await presentStoredMessage(tx, message, author?.name ?? ''));
      await afterConversationChange(tx, message.accountId, conversation!.id, now);
      sent += 1;
    });
  }
  return sent;
}
