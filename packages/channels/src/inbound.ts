import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { createContact, findContactByEmails, findContactByPhone } from '@touchpoint/contacts';
import { createConversation, receiveCustomerMessage } from '@touchpoint/conversations';
import type { ChannelInbox } from './channel-adapter.ts';

/** Who wrote, as the channel names them. */
export interface InboundSender {
  /** The sender's id on the channel: a phone number, a Messenger or Instagram id, an email address. */
  externalId: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface InboundMessage {
  /** The provider's id of the message: the same id delivered twice is stored once. */
  externalId: string;
  sender: InboundSender;
  body: string;
  /** Files already stored (`uploadAttachment` with the channel's system scope). */
  attachmentIds?: string[];
  channelData?: Record<string, unknown>;
  /** A subject for a new conversation (an email's); else the start of the text. */
  subject?: string | null;
  at?: Date;
  /**
   * How the message finds its conversation. `contact` (chat channels): the contact's latest conversation in this
   * inbox that is not closed, else a new one. `explicit` (email): only a conversation named by `conversationId` or
   * owning one of `replyTo` (provider ids of earlier messages), else a new one.
   */
  threading: 'contact' | 'explicit';
  replyTo?: string[];
  conversationId?: string | null;
  /**
   * `conversationId` came from a reply token this inbox signed, which may name a conversation in another inbox of
   * the account: a web chat whose replies went out by email while the visitor was away, answered by email.
   */
  conversationInAnyInbox?: boolean;
  /** Sent by a machine (an email auto-reply): flagged, does not reopen the conversation, never answered by automations. */
  automatic?: boolean;
}

export const channelScope = (inbox: Pick<ChannelInbox, 'accountId' | 'name' | 'channel'>): AccountScope => ({
  accountId: inbox.accountId,
  actor: { type: 'system', id: null, name: `${inbox.channel}: ${inbox.name}`, role: 'admin' },
});

/** Provider ids are stored with their channel in front, so two providers can never collide. */
export const externalIdOf = (channel: string, providerId: string) => `${channel}:${providerId}`;

/**
 * Stores a message a customer sent on a channel: finds or creates the contact (by channel identity, then email or
 * phone), finds or opens the conversation, and adds the message through the same path as every customer message
 * (waiting clock, reopening, events). Idempotent on the provider's id; concurrent messages from one sender are
 * serialised, so two first messages never open two conversations.
 */
export async function receiveChannelMessage(db: Database, inbox: ChannelInbox, input: InboundMessage) {
  const scope = channelScope(inbox);
  const externalId = externalIdOf(inbox.channel, input.externalId);
  return db.transaction(async (tx) => {
    await lockSender(tx, inbox.id, input.sender.externalId);
    const [existing] = await tx.select().from(schema.messages).where(and(eq(schema.messages.accountId, inbox.accountId), eq(schema.messages.externalId, externalId)));
    if (existing) return { message: existing, duplicate: true };
    const contactId = await findOrCreateSender(tx, scope, inbox.channel, input.sender);
    const at = input.at ?? new Date();
    const conversationId = (await findConversation(tx, inbox, contactId, input))
      ?? (await createConversation(tx, scope, { inboxId: inbox.id, contactId, subject: subjectOf(input), messages: [] }, at)).id;
    const message = await receiveCustomerMessage(tx, scope, conversationId, {
      body: input.body,
      clientKey: externalId,
      externalId,
      channelData: input.channelData ?? {},
      attachmentIds: input.attachmentIds ?? [],
      automatic: input.automatic,
    }, at);
    return { message, duplicate: false };
  });
}

const subjectOf = (input: InboundMessage) => {
  const text = (input.subject ?? '').trim() || input.body.trim().split('\n')[0]!.trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text || '(no text)';
};

/** The contact a channel identity belongs to, following a merge to the contact it was merged into; null if unknown. */
export async function findIdentityContactId(db: Database, accountId: string, channel: string, externalId: string): Promise<string | null> {
  const ids = schema.contactIdentities;
  const [known] = await db
    .select({ contactId: ids.contactId, mergedIntoId: schema.contacts.mergedIntoId })
    .from(ids)
    .innerJoin(schema.contacts, eq(schema.contacts.id, ids.contactId))
    .where(and(eq(ids.accountId, accountId), eq(ids.channel, channel), eq(ids.externalId, externalId)));
  return known ? known.mergedIntoId ?? known.contactId : null;
}

/** Serialises one sender's messages to an inbox for the rest of the transaction. */
export async function lockSender(tx: Database, inboxId: string, senderExternalId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${inboxId}:${senderExternalId}`}))`);
}

async function findOrCreateSender(tx: Database, scope: AccountScope, channel: string, sender: InboundSender): Promise<string> {
  const known = await findIdentityContactId(tx, scope.accountId, channel, sender.externalId);
  if (known) return known;
  const email = sender.email?.trim().toLowerCase() || null;
  const phone = sender.phone?.trim() || null;
  const match = (email ? await findContactByEmails(tx, scope.accountId, [email]) : null) ?? (phone ? await findContactByPhone(tx, scope.accountId, phone) : null);
  const contactId = match?.id ?? (await createContact(tx, scope, { name: sender.name?.trim() || email || phone || sender.externalId, email, phone })).id;
  await tx.insert(schema.contactIdentities).values({ accountId: scope.accountId, channel, externalId: sender.externalId, contactId }).onConflictDoNothing();
  return contactId;
}

async function findConversation(tx: Database, inbox: ChannelInbox, contactId: string, input: InboundMessage): Promise<string | null> {
  const c = schema.conversations;
  if (input.threading === 'contact') {
    const [latest] = await tx
      .select({ id: c.id })
      .from(c)
      .where(and(eq(c.accountId, inbox.accountId), eq(c.inboxId, inbox.id), eq(c.contactId, contactId), ne(c.status, 'closed'), isNull(c.mergedIntoId)))
      .orderBy(desc(c.lastMessageAt))
      .limit(1);
    return latest?.id ?? null;
  }
  if (input.conversationId) {
    const inThisInbox = input.conversationInAnyInbox ? undefined : eq(c.inboxId, inbox.id);
    const [named] = await tx.select({ id: c.id }).from(c).where(and(eq(c.accountId, inbox.accountId), inThisInbox, eq(c.id, input.conversationId)));
    if (named) return named.id;
  }
  const replyTo = (input.replyTo ?? []).map((id) => externalIdOf(inbox.channel, id));
  if (replyTo.length === 0) return null;
  const [earlier] = await tx
    .select({ conversationId: schema.messages.conversationId })
    .from(schema.messages)
    .innerJoin(c, eq(c.id, schema.messages.conversationId))
    .where(and(eq(schema.messages.accountId, inbox.accountId), inArray(schema.messages.externalId, replyTo), eq(c.inboxId, inbox.id)))
    .orderBy(desc(schema.messages.createdAt))
    .limit(1);
  return earlier?.conversationId ?? null;
}
