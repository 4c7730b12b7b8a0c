import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type AccountScope, notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { listVisibleInboxIds } from '@touchpoint/accounts';

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export interface ConversationFilter {
  status?: ConversationStatus;
  inboxId?: string;
  limit: number;
}

const assignee = alias(schema.users, 'assignee');
const c = schema.conversations;

/** One query for every list of conversations, always inside the account and the given inboxes. */
async function selectConversationSummaries(db: Database, accountId: string, inboxIds: string[], where: SQL | undefined, limit: number) {
  if (inboxIds.length === 0) return [];
  const rows = await db
    .select({
      id: c.id,
      number: c.number,
      subject: c.subject,
      status: c.status,
      priority: c.priority,
      inboxId: c.inboxId,
      channel: schema.inboxes.channel,
      contactId: schema.contacts.id,
      contactName: schema.contacts.name,
      assigneeId: c.assigneeId,
      assigneeName: assignee.name,
      lastMessageAt: c.lastMessageAt,
      preview: sql<string | null>`(select left(m.body, 140) from messages m where m.conversation_id = ${c.id} and m.direction <> 'note' order by m.created_at desc limit 1)`,
    })
    .from(c)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, c.inboxId))
    .innerJoin(schema.contacts, eq(schema.contacts.id, c.contactId))
    .leftJoin(assignee, eq(assignee.id, c.assigneeId))
    .where(and(eq(c.accountId, accountId), inArray(c.inboxId, inboxIds), where))
    .orderBy(desc(c.lastMessageAt))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    inboxId: row.inboxId,
    contact: { id: row.contactId, name: row.contactName },
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
    lastMessageAt: row.lastMessageAt.toISOString(),
    preview: row.preview ?? '',
  }));
}

/** Conversations in the inboxes the actor works in, newest activity first. */
export async function listConversations(db: Database, scope: AccountScope, filter: ConversationFilter) {
  const inboxIds = await listVisibleInboxIds(db, scope);
  const allowed = filter.inboxId ? inboxIds.filter((id) => id === filter.inboxId) : inboxIds;
  return selectConversationSummaries(db, scope.accountId, allowed, filter.status ? eq(c.status, filter.status) : undefined, filter.limit);
}

/** A conversation with its messages; one outside the actor's inboxes answers 404 like a missing one. */
export async function getConversation(db: Database, scope: AccountScope, conversationId: string) {
  const inboxIds = await listVisibleInboxIds(db, scope);
  const [summary] = await selectConversationSummaries(db, scope.accountId, inboxIds, eq(c.id, conversationId), 1);
  if (!summary) throw notFound('conversation');
  const m = schema.messages;
  const rows = await db
    .select({ id: m.id, direction: m.direction, body: m.body, createdAt: m.createdAt, authorName: schema.users.name })
    .from(m)
    .leftJoin(schema.users, eq(schema.users.id, m.authorUserId))
    .where(and(eq(m.accountId, scope.accountId), eq(m.conversationId, conversationId)))
    .orderBy(m.createdAt);
  return {
    ...summary,
    messages: rows.map((row) => ({
      id: row.id,
      direction: row.direction,
      body: row.body,
      authorName: row.direction === 'inbound' ? summary.contact.name : (row.authorName ?? ''),
      createdAt: row.createdAt.toISOString(),
    })),
  };
}

/** Conversations of one contact that the actor may see (for the contact page). */
export async function listContactConversations(db: Database, scope: AccountScope, contactId: string) {
  return selectConversationSummaries(db, scope.accountId, await listVisibleInboxIds(db, scope), eq(c.contactId, contactId), 100);
}

export interface NewConversation {
  inboxId: string;
  contactId: string;
  subject: string;
  status?: ConversationStatus;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  assigneeId?: string | null;
  messages: { direction: 'inbound' | 'outbound' | 'note'; body: string; authorUserId?: string | null; at: Date }[];
}

/** Opens a conversation with its first messages; numbers are per account and never reused. */
export async function createConversation(db: Database, scope: AccountScope, input: NewConversation) {
  return db.transaction(async (tx) => {
    const [counter] = await tx
      .update(schema.accounts)
      .set({ nextConversationNumber: sql`${schema.accounts.nextConversationNumber} + 1` })
      .where(eq(schema.accounts.id, scope.accountId))
      .returning({ number: sql<number>`${schema.accounts.nextConversationNumber} - 1` });
    const createdAt = input.messages[0]?.at ?? new Date();
    const lastMessageAt = input.messages.at(-1)?.at ?? createdAt;
    const [conversation] = await tx
      .insert(schema.conversations)
      .values({ accountId: scope.accountId, number: counter!.number, inboxId: input.inboxId, contactId: input.contactId, subject: input.subject, status: input.status ?? 'open', priority: input.priority ?? 'normal', assigneeId: input.assigneeId ?? null, createdAt, lastMessageAt })
      .returning();
    if (input.messages.length > 0) {
      await tx.insert(schema.messages).values(
        input.messages.map((message) => ({ accountId: scope.accountId, conversationId: conversation!.id, direction: message.direction, body: message.body, authorUserId: message.authorUserId ?? null, createdAt: message.at })),
      );
    }
    await recordEvents(tx, [{ type: 'conversation.created', accountId: scope.accountId, payload: { conversationId: conversation!.id, number: conversation!.number }, audience: { kind: 'inbox', inboxId: input.inboxId } }]);
    return conversation!;
  });
}

/** Counts for the home page: what is waiting, for the whole team and for me. */
export async function countConversationWork(db: Database, scope: AccountScope) {
  const inboxIds = await listVisibleInboxIds(db, scope);
  if (inboxIds.length === 0) return { openConversations: 0, unassignedConversations: 0, mine: 0 };
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${c.status} = 'open')::int`,
      unassigned: sql<number>`count(*) filter (where ${c.status} = 'open' and ${c.assigneeId} is null)::int`,
      mine: sql<number>`count(*) filter (where ${c.status} in ('open', 'pending') and ${c.assigneeId} = ${scope.actor.type === 'user' ? scope.actor.id : null})::int`,
    })
    .from(c)
    .where(and(eq(c.accountId, scope.accountId), inArray(c.inboxId, inboxIds)));
  return { openConversations: row?.open ?? 0, unassignedConversations: row?.unassigned ?? 0, mine: row?.mine ?? 0 };
}
