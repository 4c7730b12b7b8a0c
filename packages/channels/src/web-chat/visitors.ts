import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { conflict, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { createContact, findContactByEmails, isEmail, isLocale, normalizeEmail, updateContact } from '@touchpoint/contacts';
import { type FileStore, presentMessages, storageKeyOf, submitCsatRating } from '@touchpoint/conversations';
import type { ChannelInbox } from '../channel-adapter.ts';
import { channelScope, findIdentityContactId, lockSender, receiveChannelMessage } from '../inbound.ts';
import { WEB_CHAT, type WidgetVisitor, visitorDigest } from './visitor-identity.ts';

const c = schema.conversations;
const m = schema.messages;

/** What a visitor may tell about themselves: the pre-chat (or offline) form, or the host page for identified users. */
export interface VisitorProfile {
  name?: string | null;
  email?: string | null;
  locale?: string | null;
}

export interface VisitorContact {
  id: string;
  name: string;
  email: string | null;
}

/** The name a visitor's contact has until they give one: short, and different per visitor. */
export const placeholderVisitorName = (visitor: WidgetVisitor) => (visitor.kind === 'user' ? `User ${visitor.userId}`.slice(0, 200) : `Visitor ${visitorDigest(visitor.key).slice(0, 6)}`);

/** One visitor's writes are serialised, on the same lock `receiveChannelMessage` takes for a sender. */
async function lockVisitor(tx: Database, inbox: ChannelInbox, visitor: WidgetVisitor) {
  await lockSender(tx, inbox.id, visitor.key);
}

/** The visitor's contact (following merges), or null before they first wrote or filled in the form. */
export async function findVisitorContact(db: Database, inbox: ChannelInbox, visitor: WidgetVisitor): Promise<VisitorContact | null> {
  const contactId = await findIdentityContactId(db, inbox.accountId, WEB_CHAT, visitor.key);
  if (!contactId) return null;
  const [contact] = await db
    .select({ id: schema.contacts.id, name: schema.contacts.name, email: schema.contacts.email })
    .from(schema.contacts)
    .where(and(eq(schema.contacts.accountId, inbox.accountId), eq(schema.contacts.id, contactId)));
  return contact ?? null;
}

/** The profile with bad values named (400), trimmed and normalised. */
export function checkVisitorProfile(profile: VisitorProfile): VisitorProfile {
  const name = profile.name?.trim() || null;
  const email = profile.email?.trim() ? normalizeEmail(profile.email) : null;
  const errors = [];
  if (name && name.length > 200) errors.push({ path: 'name', message: 'must have at most 200 characters' });
  if (email && !isEmail(email)) errors.push({ path: 'email', message: 'must be an email address' });
  if (errors.length > 0) throw validationFailed(errors);
  return { name, email, locale: profile.locale && isLocale(profile.locale) ? profile.locale : null };
}

/**
 * Finds or creates the visitor's contact and fills in what they told us. The contact is always the visitor's own:
 * an email already belonging to another contact is not used to link them (anyone can type any address into a chat),
 * and is not set on the visitor's contact either (emails are unique per account); agents merge when they trust it.
 * A name replaces only the placeholder, so an agent's correction stays.
 */
async function ensureVisitorContact(tx: Database, inbox: ChannelInbox, visitor: WidgetVisitor, profile: VisitorProfile): Promise<VisitorContact> {
  const scope = channelScope(inbox);
  const existing = await findVisitorContact(tx, inbox, visitor);
  const emailFree = async (exceptId?: string) => profile.email && !(await findContactByEmails(tx, inbox.accountId, [profile.email], exceptId));
  if (!existing) {
    const created = await createContact(tx, scope, {
      name: profile.name || placeholderVisitorName(visitor),
      email: (await emailFree()) ? profile.email : null,
      locale: profile.locale ?? null,
    });
    await tx.insert(schema.contactIdentities).values({ accountId: inbox.accountId, channel: WEB_CHAT, externalId: visitor.key, contactId: created.id }).onConflictDoNothing();
    return { id: created.id, name: created.name, email: created.email };
  }
  const patch: { name?: string; email?: string } = {};
  if (profile.name && existing.name === placeholderVisitorName(visitor)) patch.name = profile.name;
  if (profile.email && !existing.email && (await emailFree(existing.id))) patch.email = profile.email;
  if (Object.keys(patch).length === 0) return existing;
  const updated = await updateContact(tx, scope, existing.id, patch);
  return { id: updated.id, name: updated.name, email: updated.email };
}

/** Saves the pre-chat or offline form: the visitor's contact exists from then on, with their name and email. */
export async function saveVisitorProfile(db: Database, inbox: ChannelInbox, visitor: WidgetVisitor, profile: VisitorProfile): Promise<VisitorContact> {
  const checked = checkVisitorProfile(profile);
  return db.transaction(async (tx) => {
    await lockVisitor(tx, inbox, visitor);
    return ensureVisitorContact(tx, inbox, visitor, checked);
  });
}

/** Conversations of this inbox the visitor may see: their contact's, holding a message they sent, newest first. */
const visibleTo = (inbox: ChannelInbox, contactId: string, visitor: WidgetVisitor) => and(
  eq(c.accountId, inbox.accountId),
  eq(c.inboxId, inbox.id),
  eq(c.contactId, contactId),
  isNull(c.mergedIntoId),
  sql`exists (select 1 from messages vm where vm.conversation_id = ${c.id} and vm.direction = 'inbound' and vm.channel_data->>'visitor' = ${visitor.key})`,
);

export async function listVisitorConversationIds(db: Database, inbox: ChannelInbox, visitor: WidgetVisitor, limit = 50): Promise<string[]> {
  const contact = await findVisitorContact(db, inbox, visitor);
  if (!contact) return [];
  const rows = await db.select({ id: c.id }).from(c).where(visibleTo(inbox, contact.id, visitor)).orderBy(desc(c.lastMessageAt)).limit(limit);
  return rows.map((row) => row.id);
}

/** The conversation the widget continues: the visitor's latest one that is not closed (a resolved one reopens when they write). */
async function findCurrentConversation(db: Database, inbox: ChannelInbox, contactId: string, visitor: WidgetVisitor) {
  const [row] = await db.select().from(c).where(and(visibleTo(inbox, contactId, visitor), ne(c.status, 'closed'))).orderBy(desc(c.lastMessageAt)).limit(1);
  return row ?? null;
}

/** A message as the customer sees it: no notes, no delivery internals, the agent by name. */
export interface VisitorMessage {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound';
  body: string;
  /** The agent who wrote a reply; null for the visitor's own messages and for automatic ones. */
  author: string | null;
  /** Written by the answer bot (its author is then the bot, whatever `author` says). */
  bot?: boolean;
  /** Quick replies under an answer-bot message (a clarifying question's choices, "yes, thanks"): each is sent as text. */
  choices?: string[];
  attachments: { id: string; fileName: string; contentType: string; byteSize: number }[];
  createdAt: string;
}

type PresentedMessage = Awaited<ReturnType<typeof presentMessages>>[number];

export function toVisitorMessage(conversationId: string, message: Pick<PresentedMessage, 'id' | 'direction' | 'body' | 'authorName' | 'automation' | 'attachments' | 'createdAt'> & { channelData?: Record<string, unknown> }): VisitorMessage {
  const choices = message.channelData?.botChoices;
  return {
    ...(message.channelData?.bot === true && message.direction === 'outbound' ? { bot: true } : {}),
    ...(Array.isArray(choices) && message.direction === 'outbound' ? { choices: choices.filter((c): c is string => typeof c === 'string') } : {}),
    id: message.id,
    conversationId,
    direction: message.direction === 'inbound' ? 'inbound' : 'outbound',
    body: message.body,
    author: message.direction === 'outbound' && !message.automation ? message.authorName || null : null,
    attachments: message.attachments.map(({ id, fileName, contentType, byteSize }) => ({ id, fileName, contentType, byteSize })),
    createdAt: message.createdAt,
  };
}

/** Whether a published message is one the customer sees: theirs, or a reply that went out (not a note, not scheduled). */
export const isPublicMessage = (message: { direction: string; status: string }) => message.status === 'sent' && (message.direction === 'inbound' || message.direction === 'outbound');

const MESSAGE_PAGE = 100;

async function listPublicMessages(db: Database, accountId: string, conversationId: string): Promise<VisitorMessage[]> {
  const rows = await db
    .select({ message: m, authorName: sql<string>`coalesce(${schema.users.name}, '')` })
    .from(m)
    .leftJoin(schema.users, eq(schema.users.id, m.authorUserId))
    .where(and(eq(m.accountId, accountId), eq(m.conversationId, conversationId), inArray(m.direction, ['inbound', 'outbound']), eq(m.status, 'sent')))
    .orderBy(desc(m.createdAt), desc(m.id))
    .limit(MESSAGE_PAGE);
  const presented = await presentMessages(db, accountId, rows.reverse());
  return presented.map((message) => toVisitorMessage(conversationId, message));
}

/**
 * What the widget shows: the visitor's current conversation with its latest messages (up to 100), when an agent last
 * read it (the "seen" mark), and whether a satisfaction rating is asked for. `conversation` is null before the
 * visitor first writes, or once their last conversation was closed.
 */
export async function describeVisitorChat(db: Database, inbox: ChannelInbox, visitor: WidgetVisitor) {
  const contact = await findVisitorContact(db, inbox, visitor);
  const conversation = contact ? await findCurrentConversation(db, inbox, contact.id, visitor) : null;
  if (!contact || !conversation) return { visitor: contact ? { name: contact.name, email: contact.email } : null, conversation: null };
  const [[read], [survey], messages, [bot]] = await Promise.all([
    db.select({ at: sql<string | null>`max(${schema.conversationReads.lastReadAt})` }).from(schema.conversationReads).where(eq(schema.conversationReads.conversationId, conversation.id)),
    db.select({ rating: schema.csatRatings.rating }).from(schema.csatSurveys)
      .leftJoin(schema.csatRatings, eq(schema.csatRatings.conversationId, schema.csatSurveys.conversationId))
      .where(and(eq(schema.csatSurveys.accountId, inbox.accountId), eq(schema.csatSurveys.conversationId, conversation.id))),
    listPublicMessages(db, inbox.accountId, conversation.id),
    db.select({ state: schema.botConversations.state }).from(schema.botConversations).where(eq(schema.botConversations.conversationId, conversation.id)),
  ]);
  return {
    visitor: { name: contact.name, email: contact.email },
    conversation: {
      id: conversation.id,
      number: conversation.number,
      status: conversation.status,
      /** The answer bot is answering (the widget then offers "talk to a person"). */
      botHandling: bot?.state === 'handling',
      agentReadAt: read?.at ? new Date(read.at).toISOString() : null,
      csat: survey ? { requested: conversation.status === 'resolved', rating: survey.rating ?? null } : null,
      messages,
    },
  };
}

export interface VisitorMessageInput {
  /** The widget's id for this message: sending it again (a retry after a lost answer) stores it once. */
  clientId: string;
  body: string;
  attachmentIds?: string[];
  /** The page the visitor wrote from, for the agent and for the link in an email reply. */
  pageUrl?: string | null;
  profile?: VisitorProfile;
}

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
export const MAX_VISITOR_MESSAGE_LENGTH = 10_000;

/**
 * A message the visitor wrote: lands in their current conversation (a resolved one reopens) or opens a new one,
 * through the same path as every channel's messages (`receiveChannelMessage`, idempotent on the widget's id). Uploads
 * must be the widget's own (no agent's unsent file can be taken). The message carries the visitor's key, page and
 * email in `channelData`; replies are emailed to that address while the visitor is away.
 */
export async function sendVisitorMessage(db: Database, inbox: ChannelInbox, visitor: WidgetVisitor, input: VisitorMessageInput) {
  const errors = [];
  if (!CLIENT_ID.test(input.clientId)) errors.push({ path: 'clientId', message: 'must be 8 to 64 letters, digits, _ or -' });
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  if (!input.body.trim() && attachmentIds.length === 0) errors.push({ path: 'body', message: 'must not be empty without attachments' });
  if (input.body.length > MAX_VISITOR_MESSAGE_LENGTH) errors.push({ path: 'body', message: `must have at most ${MAX_VISITOR_MESSAGE_LENGTH} characters` });
  const pageUrl = input.pageUrl && URL.canParse(input.pageUrl) && /^https?:$/.test(new URL(input.pageUrl).protocol) ? input.pageUrl.slice(0, 2000) : null;
  if (errors.length > 0) throw validationFailed(errors);
  const profile = checkVisitorProfile(input.profile ?? {});
  return db.transaction(async (tx) => {
    await lockVisitor(tx, inbox, visitor);
    if (attachmentIds.length > 0) {
      const uploads = await tx.select({ id: schema.attachments.id }).from(schema.attachments).where(and(
        eq(schema.attachments.accountId, inbox.accountId),
        inArray(schema.attachments.id, attachmentIds),
        isNull(schema.attachments.messageId),
        isNull(schema.attachments.uploadedBy),
      ));
      if (uploads.length !== attachmentIds.length) throw validationFailed([{ path: 'attachmentIds', message: 'must be files uploaded through this chat and not sent yet' }]);
    }
    const contact = await ensureVisitorContact(tx, inbox, visitor, profile);
    const current = await findCurrentConversation(tx, inbox, contact.id, visitor);
    const { message, duplicate } = await receiveChannelMessage(tx, inbox, {
      externalId: `${visitorDigest(visitor.key)}:${input.clientId}`,
      sender: { externalId: visitor.key },
      body: input.body,
      attachmentIds,
      channelData: { visitor: visitor.key, ...(pageUrl ? { pageUrl } : {}), ...(profile.email ? { email: profile.email } : {}), ...(profile.locale ? { locale: profile.locale } : {}) },
      // Explicit, never "the contact's latest conversation": that one may not be the visitor's to see.
      threading: 'explicit',
      conversationId: current?.id ?? null,
    });
    const [presented] = await presentMessages(tx, inbox.accountId, [{ message, authorName: '' }]);
    return { message: toVisitorMessage(message.conversationId, presented!), duplicate };
  });
}

/** The visitor's conversation by id, or 404 (another visitor's looks the same as none). */
async function requireVisitorConversation(db: Database, inbox: ChannelInbox, visitor: WidgetVisitor, conversationId: string) {
  const contact = await findVisitorContact(db, inbox, visitor);
  const [row] = contact ? await db.select().from(c).where(and(visibleTo(inbox, contact.id, visitor), eq(c.id, conversationId))) : [];
  if (!row) throw notFound('conversation');
  return row;
}

/**
 * The visitor saw the agents' replies up to now: replies still pending, sent or delivered become read (a reply read
 * before the delivery worker took it is then not emailed), and the console hears of each one.
 */
export async function markRepliesRead(db: Database, inbox: ChannelInbox, visitor: WidgetVisitor, conversationId: string, now = new Date()) {
  const conversation = await requireVisitorConversation(db, inbox, visitor, conversationId);
  return db.transaction(async (tx) => {
    const read = await tx
      .update(m)
      .set({ deliveryStatus: 'read', deliveryError: null, nextDeliveryAt: null })
      .where(and(
        eq(m.accountId, inbox.accountId),
        eq(m.conversationId, conversation.id),
        eq(m.direction, 'outbound'),
        eq(m.status, 'sent'),
        inArray(m.deliveryStatus, ['pending', 'sent', 'delivered']),
        sql`${m.createdAt} <= ${now.toISOString()}::timestamptz`,
      ))
      .returning({ id: m.id });
    if (read.length > 0) {
      await recordEvents(tx, read.map((row) => ({
        type: 'message.updated' as const,
        accountId: inbox.accountId,
        payload: { conversationId: conversation.id, messageId: row.id, deliveryStatus: 'read', deliveryError: null },
        audience: { kind: 'inbox' as const, inboxId: inbox.id },
      })));
    }
    return { read: read.length };
  });
}

/** The customer's side of CSAT in the widget: rates their resolved conversation through its survey. */
export async function rateVisitorConversation(db: Database, inbox: ChannelInbox, visitor: WidgetVisitor, conversationId: string, input: { rating: number; comment: string }) {
  const conversation = await requireVisitorConversation(db, inbox, visitor, conversationId);
  const [survey] = await db.select({ token: schema.csatSurveys.token }).from(schema.csatSurveys).where(and(eq(schema.csatSurveys.accountId, inbox.accountId), eq(schema.csatSurveys.conversationId, conversation.id)));
  if (!survey) throw conflict('This conversation has not been resolved, so there is nothing to rate yet.');
  await submitCsatRating(db, survey.token, input);
}

/** A file of a message in one of the visitor's conversations (their own uploads and agents' replies), else 404. */
export async function openVisitorAttachment(db: Database, files: FileStore, inbox: ChannelInbox, visitor: WidgetVisitor, attachmentId: string) {
  const [row] = await db
    .select({ attachment: schema.attachments, conversationId: m.conversationId, direction: m.direction, status: m.status })
    .from(schema.attachments)
    .innerJoin(m, eq(m.id, schema.attachments.messageId))
    .where(and(eq(schema.attachments.accountId, inbox.accountId), eq(schema.attachments.id, attachmentId)));
  if (!row || !isPublicMessage(row)) throw notFound('file');
  await requireVisitorConversation(db, inbox, visitor, row.conversationId).catch(() => {
    throw notFound('file');
  });
  const { attachment } = row;
  return { attachment: { id: attachment.id, fileName: attachment.fileName, contentType: attachment.contentType, byteSize: attachment.byteSize }, content: await files.read(storageKeyOf(inbox.accountId, attachment.id)) };
}

/** The visitor's contact and current conversation, for typing notices (null when they have none yet). */
export async function findVisitorConversationForTyping(db: Database, inbox: ChannelInbox, visitor: WidgetVisitor) {
  const contact = await findVisitorContact(db, inbox, visitor);
  const conversation = contact ? await findCurrentConversation(db, inbox, contact.id, visitor) : null;
  return contact && conversation ? { contact, conversationId: conversation.id } : null;
}
