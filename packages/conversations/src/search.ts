import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { type AccountScope, isUuid } from '@touchpoint/core';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';
import { listVisibleConversationsWhere } from './conversations.ts';
import { buildSearchQuery, makeSnippet } from './search-query.ts';

const c = schema.conversations;

/**
 * One search box over conversations (number, subject, any message), messages and contacts, with no time window.
 * Words match as prefixes, Chinese and Japanese by character pairs, and names and subjects also by trigram similarity
 * so that a typo still finds them. Only what the actor may see is returned.
 */
export async function searchEverything(db: Database, scope: AccountScope, input: string, limit = 20) {
  const q = input.trim();
  const tsquery = buildSearchQuery(q);
  const number = /^#?(\d{1,9})$/.exec(q)?.[1];
  const lowered = q.toLowerCase();
  const matchesText = tsquery ? sql`@@ to_tsquery('simple', ${tsquery})` : null;

  const conversationMatch = or(
    number ? eq(c.number, Number(number)) : undefined,
    isUuid(q) ? eq(c.id, q) : undefined,
    matchesText ? sql`${c.searchVector} ${matchesText}` : undefined,
    matchesText ? sql`exists (select 1 from messages sm where sm.conversation_id = ${c.id} and sm.search_vector ${matchesText})` : undefined,
    q.length >= 3 ? sql`lower(${c.subject}) % ${lowered}` : undefined,
  );
  const conversations = conversationMatch ? await listVisibleConversationsWhere(db, scope, conversationMatch, limit) : [];

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

  const inboxIds = await listVisibleInboxIds(db, scope);
  const m = schema.messages;
  const messages =
    matchesText && inboxIds.length > 0
      ? await db
          .select({ id: m.id, conversationId: m.conversationId, number: c.number, subject: c.subject, direction: m.direction, body: m.body, createdAt: m.createdAt })
          .from(m)
          .innerJoin(c, eq(c.id, m.conversationId))
          .where(and(eq(m.accountId, scope.accountId), inArray(c.inboxId, inboxIds), isNull(c.mergedIntoId), sql`${m.status} <> 'canceled'`, sql`${m.searchVector} ${matchesText}`))
          .orderBy(desc(m.createdAt))
          .limit(limit)
      : [];

  return {
    conversations,
    contacts,
    messages: messages.map(({ body, createdAt, ...row }) => ({ ...row, snippet: makeSnippet(body, q), createdAt: createdAt.toISOString() })),
  };
}
