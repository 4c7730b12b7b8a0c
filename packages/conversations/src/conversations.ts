import { and, asc, desc, eq, getTableColumns, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type AccountScope, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { listConversationLabels } from './labels.ts';
import { presentMessages } from './messages.ts';
import { afterConversationChange, lockConversation } from './ticket-updates.ts';

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const CONVERSATION_VIEWS = ['all', 'mine', 'unassigned', 'mentions'] as const;
export const CONVERSATION_SORTS = ['latest', 'oldest', 'created', 'waiting', 'priority', 'sla_due'] as const;
export const SLA_FILTERS = ['breached', 'due_soon'] as const;

export interface ConversationFilter {
  view?: (typeof CONVERSATION_VIEWS)[number];
  /** A status, or `any`; absent means open. */
  status?: ConversationStatus | 'any';
  inboxId?: string;
  teamId?: string;
  labelId?: string;
  channel?: string;
  priority?: string;
  assigneeId?: string;
  /** breached: a running SLA clock is past due; due_soon: the next running deadline is within the hour. */
  sla?: (typeof SLA_FILTERS)[number];
  sort?: (typeof CONVERSATION_SORTS)[number];
  /** The opaque `nextCursor` of the previous page (keyset pagination: no offsets, stable under inserts). */
  cursor?: string;
  limit: number;
}

const assignee = alias(schema.users, 'assignee');
const c = schema.conversations;
/** Every column but the search vector, which lists never need and which is the widest. */
const { searchVector: _searchVector, ...LISTED_COLUMNS } = getTableColumns(c);
const PRIORITY_RANK = sql`(case ${c.priority} when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end)`;
const WAITING_KEY = sql`coalesce(${c.waitingSince}, 'infinity'::timestamptz)`;
/**
 * The next deadline of the conversation's running SLA clocks, or null when none runs: a first response already
 * given, a resolved or closed conversation and a paused (pending, snoozed) one have no running clock; next response
 * due is cleared by the SLA package while nobody waits. A breached clock keeps its past due time, so it sorts first.
 * Needs the list's left join to conversation_slas (which PostgreSQL drops from queries that do not use it).
 */
const clock = schema.conversationSlas;
const RUNNING_SLA_DUE = sql`(case when ${clock.pausedAt} is null and ${c.status} not in ('resolved', 'closed')
  then least(case when ${c.firstResponseAt} is null then ${clock.firstResponseDueAt} end, ${clock.nextResponseDueAt}, ${clock.resolutionDueAt}) end)`;
const SLA_DUE_KEY = sql`coalesce(${RUNNING_SLA_DUE}, 'infinity'::timestamptz)`;
const SLA_CONDITIONS: Record<NonNullable<ConversationFilter['sla']>, SQL> = {
  breached: sql`${RUNNING_SLA_DUE} <= now()`,
  due_soon: sql`${RUNNING_SLA_DUE} > now() and ${RUNNING_SLA_DUE} <= now() + interval '1 hour'`,
};

/** Each sort is a tuple compared as a whole (row-value comparison), which is what makes keyset pagination work. */
const SORTS: Record<NonNullable<ConversationFilter['sort']>, { keys: SQL[]; casts: string[]; direction: 'asc' | 'desc' }> = {
  latest: { keys: [sql`${c.lastMessageAt}`], casts: ['timestamptz'], direction: 'desc' },
  oldest: { keys: [sql`${c.lastMessageAt}`], casts: ['timestamptz'], direction: 'asc' },
  created: { keys: [sql`${c.createdAt}`], casts: ['timestamptz'], direction: 'desc' },
  waiting: { keys: [WAITING_KEY], casts: ['timestamptz'], direction: 'asc' },
  priority: { keys: [PRIORITY_RANK, sql`${c.lastMessageAt}`], casts: ['int', 'timestamptz'], direction: 'desc' },
  // Soonest deadline first (breached ones are already past), conversations without a running clock last.
  sla_due: { keys: [SLA_DUE_KEY], casts: ['timestamptz'], direction: 'asc' },
};

const encodeCursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

function decodeCursor(cursor: string, length: number): string[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string' || typeof v === 'number')) return values.map(String);
  } catch {
    // fall through to the validation error
  }
  throw validationFailed([{ path: 'querystring.cursor', message: 'is not a cursor this API returned' }]);
}

function sortKeyValue(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** Merged conversations are kept (they answer with where they went) but listed nowhere: their messages live on in the target. */
const isLive = isNull(c.mergedIntoId);

/** One query for every list of conversations, always inside the account and the given inboxes. */
async function selectConversationSummaries(db: Database, scope: AccountScope, inboxIds: string[], where: SQL | undefined, limit: number, sort: NonNullable<ConversationFilter['sort']> = 'latest', cursor?: string) {
  if (inboxIds.length === 0) return { items: [], nextCursor: null };
  const spec = SORTS[sort];
  const tuple = sql.join([...spec.keys, sql`${c.id}`], sql`, `);
  let after: SQL | undefined;
  if (cursor) {
    const values = decodeCursor(cursor, spec.keys.length + 1);
    const typed = sql.join([...spec.casts.map((cast, i) => sql`${values[i]}::${sql.raw(cast)}`), sql`${values.at(-1)}::uuid`], sql`, `);
    after = spec.direction === 'desc' ? sql`(${tuple}) < (${typed})` : sql`(${tuple}) > (${typed})`;
  }
  const order = [...spec.keys, sql`${c.id}`].map((key) => (spec.direction === 'desc' ? desc(key) : asc(key)));
  // The page is chosen from conversations (with the inbox and SLA clock when a filter or sort needs them) alone; only
  // its rows are then joined to contacts and assignees and get a preview and an unread count. At 1M conversations a
  // sort that no index serves (waiting, priority, sla_due) otherwise joins every matching row before the sort.
  const pageIds = db
    .select({ id: c.id })
    .from(c)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, c.inboxId))
    .leftJoin(clock, eq(clock.conversationId, c.id))
    .where(and(eq(c.accountId, scope.accountId), inArray(c.inboxId, inboxIds), where, after))
    .orderBy(...order)
    .limit(limit + 1);
  const userId = scope.actor.type === 'user' ? scope.actor.id : null;
  const rows = await db
    .select({
      row: LISTED_COLUMNS,
      channel: schema.inboxes.channel,
      contactName: schema.contacts.name,
      assigneeName: assignee.name,
      sortKeys: sql<unknown[]>`json_build_array(${tuple})`,
      // A message of files alone shows its first file's name.
      preview: sql<string | null>`(select coalesce(nullif(left(m.body, 140), ''), (select '📎 ' || a.file_name from attachments a where a.message_id = m.id order by a.created_at, a.id limit 1))
        from messages m where m.conversation_id = ${c.id} and m.direction <> 'note' and m.status = 'sent' order by m.created_at desc limit 1)`,
      // Read markers belong to people; an API key has none, so nothing counts as unread for it.
      unreadCount: userId
        ? sql<number>`(select count(*)::int from messages m where m.conversation_id = ${c.id} and m.direction = 'inbound'
          and m.created_at > coalesce((select r.last_read_at from conversation_reads r where r.conversation_id = ${c.id} and r.user_id = ${userId}), '-infinity'::timestamptz))`
        : sql<number>`0`,
    })
    .from(c)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, c.inboxId))
    .innerJoin(schema.contacts, eq(schema.contacts.id, c.contactId))
    .leftJoin(assignee, eq(assignee.id, c.assigneeId))
    .leftJoin(clock, eq(clock.conversationId, c.id))
    .where(inArray(c.id, pageIds))
    .orderBy(...order);
  const page = rows.slice(0, limit);
  const labels = await listConversationLabels(db, page.map((r) => r.row.id));
  const items = page.map(({ row, channel, contactName, assigneeName, preview, unreadCount }) => ({
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    customStatusId: row.customStatusId,
    snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
    priority: row.priority,
    channel,
    inboxId: row.inboxId,
    teamId: row.teamId,
    contact: { id: row.contactId, name: contactName },
    assignee: row.assigneeId ? { id: row.assigneeId, name: assigneeName ?? '' } : null,
    labels: labels.get(row.id) ?? [],
    waitingSince: row.waitingSince?.toISOString() ?? null,
    firstResponseAt: row.firstResponseAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    lastMessageAt: row.lastMessageAt.toISOString(),
    preview: preview ?? '',
    unreadCount,
  }));
  const last = rows.length > limit ? page.at(-1) : undefined;
  return { items, nextCursor: last ? encodeCursor(last.sortKeys.map(sortKeyValue)) : null };
}

/** The list's filter as SQL over `conversations` joined with `inboxes` (saved views count with it). */
function filterConditions(scope: AccountScope, filter: Omit<ConversationFilter, 'limit'>): SQL | undefined {
  const me = scope.actor.type === 'user' ? scope.actor.id : null;
  const status = filter.status ?? 'open';
  return and(
    status === 'any' ? undefined : eq(c.status, status),
    filter.view === 'mine' ? (me ? eq(c.assigneeId, me) : sql`false`) : undefined,
    filter.view === 'unassigned' ? isNull(c.assigneeId) : undefined,
    filter.view === 'mentions'
      ? sql`exists (select 1 from mentions mn join messages mm on mm.id = mn.message_id where mm.conversation_id = ${c.id} and mn.user_id = ${me})`
      : undefined,
    filter.teamId ? eq(c.teamId, filter.teamId) : undefined,
    filter.assigneeId ? eq(c.assigneeId, filter.assigneeId) : undefined,
    filter.priority ? eq(c.priority, filter.priority) : undefined,
    filter.sla ? SLA_CONDITIONS[filter.sla] : undefined,
    filter.channel ? eq(schema.inboxes.channel, filter.channel) : undefined,
    filter.labelId ? sql`exists (select 1 from conversation_labels cl where cl.conversation_id = ${c.id} and cl.label_id = ${filter.labelId})` : undefined,
  );
}

/** Conversations in the inboxes the actor works in, filtered and sorted, a page at a time. */
export async function listConversations(db: Database, scope: AccountScope, filter: ConversationFilter) {
  const inboxIds = await listVisibleInboxIds(db, scope);
  const allowed = filter.inboxId ? inboxIds.filter((id) => id === filter.inboxId) : inboxIds;
  return selectConversationSummaries(db, scope, allowed, and(isLive, filterConditions(scope, filter)), filter.limit, filter.sort, filter.cursor);
}

/** How many conversations the list shows for a filter in the given inboxes (the saved views' counts). */
export async function countListedConversations(db: Database, scope: AccountScope, inboxIds: string[], filter: Omit<ConversationFilter, 'limit'>) {
  const allowed = filter.inboxId ? inboxIds.filter((id) => id === filter.inboxId) : inboxIds;
  if (allowed.length === 0) return 0;
  const [row] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(c)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, c.inboxId))
    .leftJoin(clock, eq(clock.conversationId, c.id))
    .where(and(eq(c.accountId, scope.accountId), inArray(c.inboxId, allowed), isLive, filterConditions(scope, filter)));
  return row?.total ?? 0;
}

/** Open conversations per view, for the inbox's sidebar. */
export async function countConversationViews(db: Database, scope: AccountScope) {
  const inboxIds = await listVisibleInboxIds(db, scope);
  if (inboxIds.length === 0) return { all: 0, mine: 0, unassigned: 0, mentions: 0 };
  const me = scope.actor.type === 'user' ? scope.actor.id : null;
  const [row] = await db
    .select({
      all: sql<number>`count(*)::int`,
      mine: sql<number>`count(*) filter (where ${c.assigneeId} = ${me})::int`,
      unassigned: sql<number>`count(*) filter (where ${c.assigneeId} is null)::int`,
      mentions: sql<number>`count(*) filter (where exists (select 1 from mentions mn join messages mm on mm.id = mn.message_id where mm.conversation_id = ${c.id} and mn.user_id = ${me}))::int`,
    })
    .from(c)
    .where(and(eq(c.accountId, scope.accountId), inArray(c.inboxId, inboxIds), eq(c.status, 'open'), isLive));
  return row ?? { all: 0, mine: 0, unassigned: 0, mentions: 0 };
}

/**
 * A conversation with its messages; one outside the actor's inboxes answers 404 like a missing one. A merged
 * conversation still opens, and says where it went (`mergedInto`).
 */
export async function getConversation(db: Database, scope: AccountScope, conversationId: string) {
  const inboxIds = await listVisibleInboxIds(db, scope);
  const { items: [summary] } = await selectConversationSummaries(db, scope, inboxIds, eq(c.id, conversationId), 1);
  if (!summary) throw notFound('conversation');
  const m = schema.messages;
  const target = alias(c, 'merged_target');
  // Independent reads, in parallel on a PostgreSQL pool (PGlite runs them one after the other anyway).
  const [rows, [links]] = await Promise.all([
    db
      .select({ message: m, authorName: schema.users.name })
      .from(m)
      .leftJoin(schema.users, eq(schema.users.id, m.authorUserId))
      .where(and(eq(m.accountId, scope.accountId), eq(m.conversationId, conversationId), sql`${m.status} <> 'canceled'`))
      .orderBy(m.createdAt, m.id),
    db
      .select({ participants: c.participants, mergedIntoId: target.id, mergedIntoNumber: target.number })
      .from(c)
      .leftJoin(target, and(eq(target.accountId, c.accountId), eq(target.id, c.mergedIntoId)))
      .where(and(eq(c.accountId, scope.accountId), eq(c.id, conversationId))),
  ]);
  return {
    ...summary,
    participants: links?.participants ?? [],
    mergedInto: links?.mergedIntoId ? { id: links.mergedIntoId, number: links.mergedIntoNumber! } : null,
    messages: await presentMessages(db, scope.accountId, rows.map(({ message, authorName }) => ({ message, authorName: message.direction === 'inbound' ? summary.contact.name : (authorName ?? '') }))),
  };
}

/** Conversations the actor may see that match a condition (search uses this), newest activity first. */
export async function listVisibleConversationsWhere(db: Database, scope: AccountScope, where: SQL, limit: number) {
  const { items } = await selectConversationSummaries(db, scope, await listVisibleInboxIds(db, scope), and(isLive, where), limit);
  return items;
}

/** Conversations of one contact that the actor may see (for the contact page). */
export async function listContactConversations(db: Database, scope: AccountScope, contactId: string) {
  const { items } = await selectConversationSummaries(db, scope, await listVisibleInboxIds(db, scope), and(isLive, eq(c.contactId, contactId)), 100);
  return items;
}

/** Marks a conversation read up to now for the actor (unread counts). */
export async function markConversationRead(db: Database, scope: AccountScope, conversationId: string, now = new Date()) {
  if (scope.actor.type !== 'user') return;
  await db.transaction(async (tx) => {
    await lockConversation(tx, scope, conversationId);
    await tx
      .insert(schema.conversationReads)
      .values({ accountId: scope.accountId, conversationId, userId: scope.actor.id!, lastReadAt: now })
      .onConflictDoUpdate({ target: [schema.conversationReads.conversationId, schema.conversationReads.userId], set: { lastReadAt: now } });
    await recordEvents(tx, [{ type: 'conversation.read', accountId: scope.accountId, payload: { conversationId }, audience: { kind: 'users', userIds: [scope.actor.id!] } }]);
  });
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

/**
 * Response timestamps implied by a conversation's history, oldest message first (for imports, the demo, API-created
 * conversations, and after messages move in a merge or split). Notes do not count.
 */
export function deriveResponseTimes(messages: { direction: 'inbound' | 'outbound' | 'note'; at: Date }[]) {
  const visible = messages.filter((message) => message.direction !== 'note');
  const firstResponseAt = visible.find((message) => message.direction === 'outbound')?.at ?? null;
  let waitingSince: Date | null = null;
  for (const message of visible) waitingSince = message.direction === 'inbound' ? (waitingSince ?? message.at) : null;
  return { firstResponseAt, waitingSince };
}

async function assertInboxAndContact(tx: Database, scope: AccountScope, input: NewConversation) {
  const errors: { path: string; message: string }[] = [];
  const visible = await listVisibleInboxIds(tx, scope);
  if (!visible.includes(input.inboxId)) errors.push({ path: 'inboxId', message: 'is not an inbox you work in' });
  const [contact] = await tx.select({ id: schema.contacts.id }).from(schema.contacts).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.id, input.contactId)));
  if (!contact) errors.push({ path: 'contactId', message: 'is not a contact of this account' });
  if (errors.length > 0) throw validationFailed(errors);
}

/** The account's next conversation number; numbers are per account and never reused (the account row is the counter). */
export async function takeConversationNumber(tx: Database, accountId: string): Promise<number> {
  const [counter] = await tx
    .update(schema.accounts)
    .set({ nextConversationNumber: sql`${schema.accounts.nextConversationNumber} + 1` })
    .where(eq(schema.accounts.id, accountId))
    .returning({ number: sql<number>`${schema.accounts.nextConversationNumber} - 1` });
  return counter!.number;
}

/** Opens a conversation with its first messages. */
export async function createConversation(db: Database, scope: AccountScope, input: NewConversation, now = new Date()) {
  return db.transaction(async (tx) => {
    await assertInboxAndContact(tx, scope, input);
    const createdAt = input.messages[0]?.at ?? now;
    const lastMessageAt = input.messages.at(-1)?.at ?? createdAt;
    const status = input.status ?? 'open';
    const [conversation] = await tx
      .insert(schema.conversations)
      .values({
        accountId: scope.accountId,
        number: await takeConversationNumber(tx, scope.accountId),
        inboxId: input.inboxId,
        contactId: input.contactId,
        subject: input.subject,
        status,
        priority: input.priority ?? 'normal',
        assigneeId: input.assigneeId ?? null,
        ...deriveResponseTimes(input.messages),
        resolvedAt: status === 'resolved' || status === 'closed' ? lastMessageAt : null,
        createdAt,
        lastMessageAt,
      })
      .returning();
    if (input.messages.length > 0) {
      await tx.insert(schema.messages).values(
        input.messages.map((message) => ({ accountId: scope.accountId, conversationId: conversation!.id, direction: message.direction, body: message.body, authorUserId: message.authorUserId ?? null, createdAt: message.at })),
      );
    }
    await recordEvents(tx, [{ type: 'conversation.created', accountId: scope.accountId, payload: { conversationId: conversation!.id, number: conversation!.number }, audience: { kind: 'inbox', inboxId: input.inboxId } }]);
    await afterConversationChange(tx, scope.accountId, conversation!.id, now);
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
    // Only open and pending rows count (conversations_open_work_idx): without this it read every conversation ever had.
    .where(and(eq(c.accountId, scope.accountId), inArray(c.inboxId, inboxIds), inArray(c.status, ['open', 'pending']), isNull(c.mergedIntoId)));
  return { openConversations: row?.open ?? 0, unassignedConversations: row?.unassigned ?? 0, mine: row?.mine ?? 0 };
}
