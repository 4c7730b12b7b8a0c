import { type AnyColumn, and, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type AccountScope, isUuid } from '@touchpoint/core';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';
import { listVisibleConversationsWhere } from './conversations.ts';
import { buildSearchQuery, makeSnippet, searchTokens } from './search-query.ts';
import { correctSpelling, findUnusedWords } from './spelling.ts';

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
 * an expression no index serves so that PostgreSQL reads the (few) matches and sorts them. A `rare` query (numbers
 * only) goes to the index at once.
 */
async function findNewestMatchingMessages(db: Database, scope: AccountScope, inboxIds: string[], matchesText: SQL, wanted: number, rare: boolean) {
  const m = schema.messages;
  if (!rare) {
    const recent = await findInNewestMessages(db, scope, inboxIds, matchesText, wanted);
    if (recent.length === wanted) return recent;
  }
  return db
    .select({ id: m.id, conversationId: m.conversationId, number: c.number, subject: c.subject, direction: m.direction, body: m.body, createdAt: m.createdAt })
    .from(m)
    .innerJoin(c, eq(c.id, m.conversationId))
    .where(and(eq(m.accountId, scope.accountId), inArray(c.inboxId, inboxIds), isNull(c.mergedIntoId), sql`${m.status} <> 'canceled'`, sql`${m.searchVector} ${matchesText}`))
    .orderBy(desc(sql`${m.createdAt} + interval '0 seconds'`))
    .limit(wanted);
}

/** The matches among the account's newest NEWEST_MESSAGES_SCANNED messages, newest first. */
function findInNewestMessages(db: Database, scope: AccountScope, inboxIds: string[], matchesText: SQL, wanted: number) {
  const m = schema.messages;
  const newest = db
    .select({ id: m.id, conversationId: m.conversationId, direction: m.direction, body: m.body, status: m.status, createdAt: m.createdAt, searchVector: m.searchVector })
    .from(m)
    .where(eq(m.accountId, scope.accountId))
    .orderBy(desc(m.createdAt))
    .limit(NEWEST_MESSAGES_SCANNED)
    .as('newest');
  return db
    .select({ id: newest.id, conversationId: newest.conversationId, number: c.number, subject: c.subject, direction: newest.direction, body: newest.body, createdAt: newest.createdAt })
    .from(newest)
    .innerJoin(c, eq(c.id, newest.conversationId))
    .where(and(inArray(c.inboxId, inboxIds), isNull(c.mergedIntoId), sql`${newest.status} <> 'canceled'`, sql`${newest.searchVector} ${matchesText}`))
    .orderBy(desc(newest.createdAt))
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
async function findMatchingConversations(db: Database, scope: AccountScope, inboxIds: string[], match: (columns: MatchColumns) => SQL, limit: number, rare: boolean) {
  if (inboxIds.length === 0) return [];
  const recent = rare ? [] : await findInMostRecentlyActive(db, scope, inboxIds, match, limit);
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

/** The matches among the account's NEWEST_CONVERSATIONS_SCANNED most recently active conversations. */
function findInMostRecentlyActive(db: Database, scope: AccountScope, inboxIds: string[], match: (columns: MatchColumns) => SQL, limit: number) {
  const newest = db
    .select({ id: c.id, number: c.number, subject: c.subject, inboxId: c.inboxId, mergedIntoId: c.mergedIntoId, lastMessageAt: c.lastMessageAt, searchVector: c.searchVector })
    .from(c)
    .where(eq(c.accountId, scope.accountId))
    .orderBy(desc(c.lastMessageAt), desc(c.id))
    .limit(NEWEST_CONVERSATIONS_SCANNED)
    .as('newest_conversations');
  return db
    .select({ id: newest.id })
    .from(newest)
    .where(and(inArray(newest.inboxId, inboxIds), isNull(newest.mergedIntoId), match(newest)))
    .orderBy(desc(newest.lastMessageAt), desc(newest.id))
    .limit(limit);
}

/** What one search found, and the corrected query it searched for when the typed one found nothing. */
export interface SearchResults extends Awaited<ReturnType<typeof searchAsTyped>> {
  correctedQuery?: string;
}

/**
 * One search box over conversations (number, subject, any message), messages and contacts, with no time window.
 * Words match as prefixes, Chinese and Japanese by character pairs, contact names also by trigram similarity. Only
 * what the actor may see is returned.
 *
 * When a word of the query begins no word of the account's subjects and messages (spelling.ts), no conversation or
 * message can match as typed: that word is corrected to the closest word the account has (`refnud` → `refund`) and
 * the corrected query is searched instead; the answer then says so in `correctedQuery`. The correction is only
 * offered when it finds something the actor may see; contacts are matched as typed either way.
 */
export async function searchEverything(db: Database, scope: AccountScope, input: string, limit = 20): Promise<SearchResults> {
  const q = input.trim();
  const unused = await findUnusedWords(db, scope.accountId, q);
  if (unused.length === 0) return searchAsTyped(db, scope, q, limit);
  // A word that begins no word of any subject or message: only contacts can match as typed.
  const contacts = await searchContacts(db, scope, q, limit);
  const corrected = await correctSpelling(db, scope.accountId, q, unused);
  const retried = corrected ? await searchAsTyped(db, scope, corrected, limit) : null;
  if (!retried || (retried.conversations.length === 0 && retried.messages.length === 0)) return { conversations: [], messages: [], contacts };
  return { ...retried, contacts: retried.contacts.length > 0 ? retried.contacts : contacts, correctedQuery: corrected! };
}

/**
 * The search for exactly what was typed. Conversations come from two index-friendly queries, merged and ordered by
 * latest activity: those whose number, id or subject words match, and those of the newest matching messages. At
 * millions of messages one query with `exists (… messages …)` OR-ed into it cannot use any index and reads the whole
 * account.
 */
async function searchAsTyped(db: Database, scope: AccountScope, q: string, limit: number) {
  const tsquery = buildSearchQuery(q);
  const number = /^#?(\d{1,9})$/.exec(q)?.[1];
  // Numbers (order numbers, phone digits, a conversation number) are rare: the indexes answer at once.
  const tokens = searchTokens(q);
  const rare = tokens.length > 0 && tokens.every((token) => /^\d+$/.test(token));
  const matchesText = tsquery ? sql`@@ to_tsquery('simple', ${tsquery})` : null;
  const inboxIds = await listVisibleInboxIds(db, scope);

  const messageHits = matchesText && inboxIds.length > 0 ? await findNewestMatchingMessages(db, scope, inboxIds, matchesText, Math.max(limit, MESSAGE_HITS_FOR_CONVERSATIONS), rare) : [];

  const conversationMatch = number || isUuid(q) || matchesText
    ? (columns: MatchColumns) => or(
        number ? sql`${columns.number} = ${Number(number)}` : undefined,
        isUuid(q) ? sql`${columns.id} = ${q}` : undefined,
        matchesText ? sql`${columns.searchVector} ${matchesText}` : undefined,
      )!
    : null;
  const byMessage = [...new Set(messageHits.map((hit) => hit.conversationId))];
  const [direct, viaMessages] = await Promise.all([
    conversationMatch ? findMatchingConversations(db, scope, inboxIds, conversationMatch, limit, rare) : [],
    byMessage.length > 0 ? listVisibleConversationsWhere(db, scope, inArray(c.id, byMessage), limit) : [],
  ]);
  const conversations = [...new Map([...direct, ...viaMessages].map((conversation) => [conversation.id, conversation])).values()]
    .sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id.localeCompare(a.id))
    .slice(0, limit);

  const contacts = await searchContacts(db, scope, q, limit);

  return {
    conversations,
    contacts,
    messages: messageHits.slice(0, limit).map(({ body, createdAt, ...row }) => ({ ...row, snippet: makeSnippet(body, q), createdAt: createdAt.toISOString() })),
  };
}

/** Contacts by id, name, email or phone words, and by name similarity (a typo in a name), most similar first. */
async function searchContacts(db: Database, scope: AccountScope, q: string, limit: number) {
  const k = schema.contacts;
  const tsquery = buildSearchQuery(q);
  const lowered = q.toLowerCase();
  const contactMatch = or(
    isUuid(q) ? eq(k.id, q) : undefined,
    tsquery ? sql`${k.searchVector} @@ to_tsquery('simple', ${tsquery})` : undefined,
    q.length >= 3 ? sql`lower(${k.name}) % ${lowered}` : undefined,
  );
  if (!contactMatch) return [];
  return db
    .select({ id: k.id, name: k.name, email: k.email, phone: k.phone })
    .from(k)
    .where(and(eq(k.accountId, scope.accountId), isNull(k.mergedIntoId), contactMatch))
    .orderBy(desc(sql`similarity(lower(${k.name}), ${lowered})`), k.name)
    .limit(limit);
}
