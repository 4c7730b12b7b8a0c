import { type AnyColumn, and, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type AccountScope, isUuid } from '@touchpoint/core';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';
import { listVisibleConversationsWhere } from './conversations.ts';
import { buildSearchQuery, makeSnippet } from './search-query.ts';

const c = schema.conversations;

/** How many of the newest matching messages are read to find the conversations they belong to. */
const MESSAGE_HITS_FOR_CONVERSATIONS = 100;
/** How many of the account's newest messages are checked one by one before search asks the full-text index. */
const NEWEST_MESSAGES_SCANNED = 20_000;
/** How many of the account's most recently active conversations are checked one by one before the subject index. */
const NEWEST_CONVERSATIONS_SCANNED = 20_000;

/** The columns a conversation is matched on, from the table or from a subquery of it. */
type MatchColumns = Record<'id' | 'number' | 'subject' | 'searchVector', AnyColumn>;

/**
 * The newest messages the actor may see that match, newest first. A common word matches a good share of all
 * messages, so walking the newest messages backwards (messages_account_created_idx) finds enough within a few hundred
 * rows, while collecting every match from the GIN index would read hundreds of thousands. A rare word or a number is
 * the opposite — and PostgreSQL cannot tell the two apart for prefix queries, so it once walked all 10M messages for a
 * typo. So: the newest NEWEST_MESSAGES_SCANNED messages first; if they hold too few matches, the GIN index, ordered by
 * an expression no index serves so that PostgreSQL reads the (few) matches and sorts them.
 */
async function findNewestMatchingMessages(db: Database, scope: AccountScope, inboxIds: string[], matchesText: SQL, wanted: number) {
  const m = schema.messages;
  const newest = db
    .select({ id: m.id, conversationId: m.conversationId, direction: m.direction, body: m.body, status: m.status, createdAt: m.createdAt, searchVector: m.searchVector })
    .from(m)
    .where(eq(m.accountId, scope.accountId))
    .orderBy(desc(m.createdAt))
    .limit(NEWEST_MESSAGES_SCANNED)
    .as('newest');
  const recent = await db
    .select({ id: newest.id, conversationId: newest.conversationId, number: c.number, subject: c.subject, direction: newest.direction, body: newest.body, createdAt: newest.createdAt })
    .from(newest)
    .innerJoin(c, eq(c.id, newest.conversationId))
    .where(and(inArray(c.inboxId, inboxIds), isNull(c.mergedIntoId), sql`${newest.status} <> 'canceled'`, sql`${newest.searchVector} ${matchesText}`))
    .orderBy(desc(newest.createdAt))
    .limit(wanted);
  if (recent.length === wanted) return recent;
  return db
    .select({ id: m.id, conversationId: m.conversationId, number: c.number, subject: c.subject, direction: m.direction, body: m.body, createdAt: m.createdAt })
    .from(m)
    .innerJoin(c, eq(c.id, m.conversationId))
    .where(and(eq(m.accountId, scope.accountId), inArray(c.inboxId, inboxIds), isNull(c.mergedIntoId), sql`${m.status} <> 'canceled'`, sql`${m.searchVector} ${matchesText}`))
    .orderBy(desc(sql`${m.createdAt} + interval '0 seconds'`))
    .limit(wanted);
}

/**
 * The most recently active conversations the actor may see that match, like `findNewestMatchingMessages`: a common
 * word is in a good share of all subjects, so the most recently active NEWEST_CONVERSATIONS_SCANNED conversations
 * (conversations_activity_idx) are checked first; when they hold `limit` matches, those are exactly the first `limit`
 * of all matches by activity, since every conversation outside that window is older. Otherwise the subject, trigram
 * and number indexes find every match, ordered by an expression no index serves: given the activity index,
 * PostgreSQL would otherwise walk the whole account newest first hoping to meet a rare match (2.7 s for an order
 * number at 1M conversations, against 1 ms). No time window either way.
 */
async function findMatchingConversations(db: Database, scope: AccountScope, inboxIds: string[], match: (columns: MatchColumns) => SQL, limit: number) {
  if (inboxIds.length === 0) return [];
  const newest = db
    .select({ id: c.id, number: c.number, subject: c.subject, inboxId: c.inboxId, mergedIntoId: c.mergedIntoId, lastMessageAt: c.lastMessageAt, searchVector: c.searchVector })
    .from(c)
    .where(eq(c.accountId, scope.accountId))
    .orderBy(desc(c.lastMessageAt), desc(c.id))
    .limit(NEWEST_CONVERSATIONS_SCANNED)
    .as('newest_conversations');
  const recent = await db
    .select({ id: newest.id })
    .from(newest)
    .where(and(inArray(newest.inboxId, inboxIds), isNull(newest.mergedIntoId), match(newest)))
    .orderBy(desc(newest.lastMessageAt), desc(newest.id))
    .limit(limit);
  const found = recent.length === limit
    ? recent
    : await db
        .select({ id: c.id })
        .from(c)
        .where(and(eq(c.accountId, scope.accountId), inArray(c.inboxId, inboxIds), isNull(c.mergedIntoId), match(c)))
        .orderBy(desc(sql`${c.lastMessageAt} + interval '0 seconds'`), desc(c.id))
        .limit(limit);
  return found.length === 0 ? [] : listVisibleConversationsWhere(db, scope, inArray(c.id, found.map(({ id }) => id)), limit);
}

/**
 * One search box over conversations (number, subject, any message), messages and contacts, with no time window.
 * Words match as prefixes, Chinese and Japanese by character pairs, and names and subjects also by trigram similarity
 * so that a typo still finds them. Only what the actor may see is returned.
 *
 * Conversations come from two index-friendly queries, merged and ordered by latest activity: those whose number, id or
 * subject words match (a bitmap over the GIN and unique indexes), and those of the newest matching messages; subjects
 * by similarity only when neither finds anything. At millions
 * of messages one query with `exists (… messages …)` OR-ed into it cannot use any index and reads the whole account.
 */
export async function searchEverything(db: Database, scope: AccountScope, input: string, limit = 20) {
  const q = input.trim();
  const tsquery = buildSearchQuery(q);
  const number = /^#?(\d{1,9})$/.exec(q)?.[1];
  const lowered = q.toLowerCase();
  const matchesText = tsquery ? sql`@@ to_tsquery('simple', ${tsquery})` : null;
  const inboxIds = await listVisibleInboxIds(db, scope);

  const messageHits = matchesText && inboxIds.length > 0 ? await findNewestMatchingMessages(db, scope, inboxIds, matchesText, Math.max(limit, MESSAGE_HITS_FOR_CONVERSATIONS)) : [];

  const conversationMatch = number || isUuid(q) || matchesText
    ? (columns: MatchColumns) => or(
        number ? sql`${columns.number} = ${Number(number)}` : undefined,
        isUuid(q) ? sql`${columns.id} = ${q}` : undefined,
        matchesText ? sql`${columns.searchVector} ${matchesText}` : undefined,
      )!
    : null;
  const byMessage = [...new Set(messageHits.map((hit) => hit.conversationId))];
  const [exact, viaMessages] = await Promise.all([
    conversationMatch ? findMatchingConversations(db, scope, inboxIds, conversationMatch, limit) : [],
    byMessage.length > 0 ? listVisibleConversationsWhere(db, scope, inArray(c.id, byMessage), limit) : [],
  ]);
  // Subjects by trigram similarity only when nothing matched exactly: at 1M conversations the similarity check of
  // every subject sharing a trigram with a common word tripled the cost of the search (220 → 660 ms).
  const nothingFound = exact.length === 0 && viaMessages.length === 0;
  const direct = nothingFound && q.length >= 3 ? await findMatchingConversations(db, scope, inboxIds, (columns) => sql`lower(${columns.subject}) % ${lowered}`, limit) : exact;
  const conversations = [...new Map([...direct, ...viaMessages].map((conversation) => [conversation.id, conversation])).values()]
    .sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id.localeCompare(a.id))
    .slice(0, limit);

  const k = schema.contacts;
  const contactMatch = or(
    isUuid(q) ? eq(k.id, q) : undefined,
    matchesText ? sql`${k.searchVector} ${matchesText}` : undefined,
    q.length >= 3 ? sql`lower(${k.name}) % ${lowered}` : undefined,
  );
  const contacts = contactMatch
    ? await db
        .select({ id: k.id, name: k.name, email: k.email, phone: k.phone })
        .from(k)
        .where(and(eq(k.accountId, scope.accountId), isNull(k.mergedIntoId), contactMatch))
        .orderBy(desc(sql`similarity(lower(${k.name}), ${lowered})`), k.name)
        .limit(limit)
    : [];

  return {
    conversations,
    contacts,
    messages: messageHits.slice(0, limit).map(({ body, createdAt, ...row }) => ({ ...row, snippet: makeSnippet(body, q), createdAt: createdAt.toISOString() })),
  };
}
