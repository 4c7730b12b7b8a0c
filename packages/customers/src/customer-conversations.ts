import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { conflict, isUuid, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { type AttachmentUpload, createConversation, type FileStore, presentMessages, receiveCustomerMessage, storageKeyOf, submitCsatRating, uploadAttachment } from '@touchpoint/conversations';
import { customerScope } from './portal-accounts.ts';

const c = schema.conversations;
const m = schema.messages;

export const MAX_CUSTOMER_MESSAGE_LENGTH = 10_000;
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
const THREAD_PAGE = 200;

/** What a customer sees of a message: theirs or a reply that went out. Never notes, drafts or delivery internals. */
export interface CustomerMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  body: string;
  /** The agent who wrote a reply; null for the customer's own messages and for automatic ones. */
  author: string | null;
  attachments: { id: string; fileName: string; contentType: string; byteSize: number }[];
  createdAt: string;
}

/** The customer's own conversations: their contact's, not merged away. */
const ownedBy = (accountId: string, contactId: string) => and(eq(c.accountId, accountId), eq(c.contactId, contactId), isNull(c.mergedIntoId));

const publicMessages = (accountId: string) => and(eq(m.accountId, accountId), inArray(m.direction, ['inbound', 'outbound']), eq(m.status, 'sent'));

/** The customer's conversations on every channel, latest activity first, each with its latest visible message. */
export async function listCustomerConversations(db: Database, accountId: string, contactId: string, limit = 50) {
  const rows = await db
    .select({
      id: c.id,
      number: c.number,
      subject: c.subject,
      status: c.status,
      channel: schema.inboxes.channel,
      lastMessageAt: c.lastMessageAt,
      preview: sql<string | null>`(select left(pm.body, 160) from messages pm where pm.conversation_id = ${c.id} and pm.account_id = ${accountId} and pm.direction in ('inbound', 'outbound') and pm.status = 'sent' order by pm.created_at desc limit 1)`,
      rating: schema.csatRatings.rating,
      surveyed: sql<boolean>`${schema.csatSurveys.id} is not null`,
    })
    .from(c)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, c.inboxId))
    .leftJoin(schema.csatSurveys, eq(schema.csatSurveys.conversationId, c.id))
    .leftJoin(schema.csatRatings, eq(schema.csatRatings.conversationId, c.id))
    .where(ownedBy(accountId, contactId))
    .orderBy(desc(c.lastMessageAt), desc(c.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    channel: row.channel,
    lastMessageAt: row.lastMessageAt.toISOString(),
    preview: row.preview ?? '',
    rating: row.rating ?? null,
    canRate: row.surveyed && (row.status === 'resolved' || row.status === 'closed'),
  }));
}

/** The customer's conversation by id, or 404: another customer's conversation looks exactly like none. */
async function requireOwnConversation(db: Database, accountId: string, contactId: string, conversationId: string) {
  const [row] = await db.select().from(c).where(and(ownedBy(accountId, contactId), eq(c.id, conversationId)));
  if (!row) throw notFound('conversation');
  return row;
}

/** A conversation with its visible messages (the latest 200, oldest first) and its rating. */
export async function getCustomerConversation(db: Database, accountId: string, contactId: string, conversationId: string) {
  const conversation = await requireOwnConversation(db, accountId, contactId, conversationId);
  const [rows, [inbox], [survey]] = await Promise.all([
    db
      .select({ message: m, authorName: sql<string>`coalesce(${schema.users.name}, '')` })
      .from(m)
      .leftJoin(schema.users, eq(schema.users.id, m.authorUserId))
      .where(and(publicMessages(accountId), eq(m.conversationId, conversation.id)))
      .orderBy(desc(m.createdAt), desc(m.id))
      .limit(THREAD_PAGE),
    db.select({ channel: schema.inboxes.channel }).from(schema.inboxes).where(eq(schema.inboxes.id, conversation.inboxId)),
    db.select({ rating: schema.csatRatings.rating, comment: schema.csatRatings.comment }).from(schema.csatSurveys)
      .leftJoin(schema.csatRatings, eq(schema.csatRatings.conversationId, schema.csatSurveys.conversationId))
      .where(and(eq(schema.csatSurveys.accountId, accountId), eq(schema.csatSurveys.conversationId, conversation.id))),
  ]);
  const presented = await presentMessages(db, accountId, rows.reverse());
  const messages: CustomerMessage[] = presented.map((message) => ({
    id: message.id,
    direction: message.direction === 'inbound' ? 'inbound' : 'outbound',
    body: message.body,
    author: message.direction === 'outbound' && !message.automation ? message.authorName || null : null,
    attachments: message.attachments.map(({ id, fileName, contentType, byteSize }) => ({ id, fileName, contentType, byteSize })),
    createdAt: message.createdAt,
  }));
  return {
    id: conversation.id,
    number: conversation.number,
    subject: conversation.subject,
    status: conversation.status,
    channel: inbox?.channel ?? '',
    createdAt: conversation.createdAt.toISOString(),
    canRate: Boolean(survey) && (conversation.status === 'resolved' || conversation.status === 'closed'),
    rating: survey?.rating ?? null,
    ratingComment: survey?.comment ?? '',
    messages,
  };
}

function checkMessage(input: { body: string; clientId: string; attachmentIds?: string[] }) {
  const errors = [];
  if (!CLIENT_ID.test(input.clientId)) errors.push({ path: 'clientId', message: 'must be 8 to 64 letters, digits, _ or -' });
  if (!input.body.trim() && (input.attachmentIds ?? []).length === 0) errors.push({ path: 'body', message: 'must not be empty without attachments' });
  if (input.body.length > MAX_CUSTOMER_MESSAGE_LENGTH) errors.push({ path: 'body', message: `must have at most ${MAX_CUSTOMER_MESSAGE_LENGTH} characters` });
  if (errors.length > 0) throw validationFailed(errors);
}

const portalClientKey = (contactId: string, clientId: string) => `portal:${contactId}:${clientId}`;

async function contactName(db: Database, accountId: string, contactId: string) {
  const [row] = await db.select({ name: schema.contacts.name }).from(schema.contacts).where(and(eq(schema.contacts.accountId, accountId), eq(schema.contacts.id, contactId)));
  if (!row) throw notFound('contact');
  return row.name;
}

/**
 * The customer answers in one of their conversations: a customer message like any channel's (it reopens a resolved
 * conversation and starts the waiting clock), marked `channelData.source = 'portal'`. The agent's answer goes out on
 * the conversation's own channel and shows in the portal too. The same clientId twice stores one message.
 */
export async function replyAsCustomer(db: Database, accountId: string, contactId: string, conversationId: string, input: { body: string; clientId: string; attachmentIds?: string[] }) {
  checkMessage(input);
  const conversation = await requireOwnConversation(db, accountId, contactId, conversationId);
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  await assertOwnUploads(db, accountId, contactId, attachmentIds);
  const scope = customerScope(accountId, await contactName(db, accountId, contactId));
  const message = await receiveCustomerMessage(db, scope, conversation.id, { body: input.body, clientKey: portalClientKey(contactId, input.clientId), channelData: { source: 'portal' }, attachmentIds });
  return { id: message.id, conversationId: message.conversationId, createdAt: message.createdAt.toISOString() };
}

/** Channels a conversation started in the portal may live in, the first connected one found wins. */
const START_CHANNELS = ['web_chat', 'email', 'api'];

/**
 * The customer starts a conversation from the portal. It opens in the account's web chat inbox (else its email
 * inbox, else its API inbox), so agents answer it where they answer the rest; 409 when the account has none.
 */
export async function startCustomerConversation(db: Database, accountId: string, contactId: string, input: { subject?: string; body: string; clientId: string }) {
  checkMessage(input);
  const [inbox] = await db
    .select({ id: schema.inboxes.id })
    .from(schema.inboxes)
    .where(and(eq(schema.inboxes.accountId, accountId), inArray(schema.inboxes.channel, START_CHANNELS)))
    .orderBy(sql`array_position(array['web_chat','email','api']::text[], ${schema.inboxes.channel})`, asc(schema.inboxes.createdAt))
    .limit(1);
  if (!inbox) throw conflict('This business does not take messages here yet.');
  const clientKey = portalClientKey(contactId, input.clientId);
  const [existing] = await db.select({ conversationId: m.conversationId }).from(m).where(and(eq(m.accountId, accountId), eq(m.clientKey, clientKey)));
  if (existing) return { id: existing.conversationId };
  const scope = customerScope(accountId, await contactName(db, accountId, contactId));
  const firstLine = (input.subject?.trim() || input.body.trim().split('\n')[0]!).trim();
  return db.transaction(async (tx) => {
    const conversation = await createConversation(tx, scope, { inboxId: inbox.id, contactId, subject: firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine, messages: [] });
    await receiveCustomerMessage(tx, scope, conversation.id, { body: input.body, clientKey, channelData: { source: 'portal' } });
    return { id: conversation.id };
  });
}

/** The customer rates their resolved conversation through its CSAT survey (rating again replaces the answer). */
export async function rateCustomerConversation(db: Database, accountId: string, contactId: string, conversationId: string, input: { rating: number; comment: string }) {
  const conversation = await requireOwnConversation(db, accountId, contactId, conversationId);
  const [survey] = await db.select({ token: schema.csatSurveys.token }).from(schema.csatSurveys).where(and(eq(schema.csatSurveys.accountId, accountId), eq(schema.csatSurveys.conversationId, conversation.id)));
  if (!survey) throw conflict('This conversation has not been resolved, so there is nothing to rate yet.');
  await submitCsatRating(db, survey.token, input);
}

/** A file of a visible message in one of the customer's conversations, else 404. */
export async function openCustomerAttachment(db: Database, files: FileStore, accountId: string, contactId: string, attachmentId: string) {
  const [row] = await db
    .select({ attachment: schema.attachments, conversationId: m.conversationId })
    .from(schema.attachments)
    .innerJoin(m, eq(m.id, schema.attachments.messageId))
    .where(and(eq(schema.attachments.accountId, accountId), eq(schema.attachments.id, attachmentId), publicMessages(accountId)));
  if (!row) throw notFound('file');
  await requireOwnConversation(db, accountId, contactId, row.conversationId).catch(() => {
    throw notFound('file');
  });
  const { attachment } = row;
  return { attachment: { id: attachment.id, fileName: attachment.fileName, contentType: attachment.contentType, byteSize: attachment.byteSize }, content: await files.read(storageKeyOf(accountId, attachment.id)) };
}

export const MAX_CUSTOMER_ATTACHMENTS = 10;

/**
 * A file the customer uploads to send with a reply (`attachmentIds`): stored like an agent's upload (same size limit,
 * unsent ones swept after a day), and marked as this customer's, so nobody else can attach it.
 */
export async function uploadCustomerFile(db: Database, files: FileStore, accountId: string, contactId: string, upload: AttachmentUpload, maxBytes: number) {
  const stored = await uploadAttachment(db, files, customerScope(accountId, await contactName(db, accountId, contactId)), upload, maxBytes);
  await db.update(schema.attachments).set({ contactId }).where(and(eq(schema.attachments.accountId, accountId), eq(schema.attachments.id, stored.id)));
  return stored;
}

/** Only the customer's own uploads that no message or return has taken yet may go with their reply (400 otherwise). */
async function assertOwnUploads(db: Database, accountId: string, contactId: string, attachmentIds: string[]) {
  if (attachmentIds.length > MAX_CUSTOMER_ATTACHMENTS) throw validationFailed([{ path: 'attachmentIds', message: `at most ${MAX_CUSTOMER_ATTACHMENTS} files` }]);
  if (attachmentIds.length === 0) return;
  if (!attachmentIds.every(isUuid)) throw validationFailed([{ path: 'attachmentIds', message: 'must be ids of uploaded files' }]);
  const a = schema.attachments;
  const own = await db
    .select({ id: a.id })
    .from(a)
    .where(and(eq(a.accountId, accountId), inArray(a.id, attachmentIds), eq(a.contactId, contactId), isNull(a.messageId), isNull(a.returnId)));
  if (own.length !== attachmentIds.length) throw validationFailed([{ path: 'attachmentIds', message: 'must be files you uploaded here and have not sent yet' }]);
}
