import { and, eq, ilike, or, sql } from 'drizzle-orm';
import { Liquid } from 'liquidjs';
import { type AccountScope, AppError, notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { lockConversation } from './ticket-updates.ts';

/** Strict about unknown filters and tags, lenient about missing variables (they render empty, `default` fills them). */
const liquid = new Liquid({ strictFilters: true, ownPropertyOnly: true, outputEscape: undefined });

const presentCannedReply = (row: typeof schema.cannedReplies.$inferSelect) => ({ id: row.id, shortcut: row.shortcut, title: row.title, body: row.body, createdAt: row.createdAt.toISOString() });

/** Parses a template now so that a broken one is refused when saved, not when an agent needs it. */
function assertTemplate(body: string) {
  try {
    liquid.parse(body);
  } catch (error) {
    throw new AppError('validation_failed', 'Invalid template', `body: ${(error as Error).message.split('\n')[0]}`, { errors: [{ path: 'body', message: (error as Error).message.split('\n')[0]! }] });
  }
}

export async function listCannedReplies(db: Database, scope: AccountScope, q?: string) {
  const c = schema.cannedReplies;
  const pattern = q ? `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const rows = await db
    .select()
    .from(c)
    .where(and(eq(c.accountId, scope.accountId), pattern ? or(ilike(c.shortcut, pattern), ilike(c.title, pattern), ilike(c.body, pattern)) : undefined))
    .orderBy(c.shortcut);
  return rows.map(presentCannedReply);
}

const duplicateShortcut = (shortcut: string) => new AppError('conflict', 'Shortcut in use', `The shortcut “${shortcut}” is already used by another canned reply.`);

async function assertShortcutFree(tx: Database, accountId: string, shortcut: string, exceptId?: string) {
  const [clash] = await tx
    .select({ id: schema.cannedReplies.id })
    .from(schema.cannedReplies)
    .where(and(eq(schema.cannedReplies.accountId, accountId), sql`lower(${schema.cannedReplies.shortcut}) = lower(${shortcut})`, exceptId ? sql`${schema.cannedReplies.id} <> ${exceptId}` : undefined));
  if (clash) throw duplicateShortcut(shortcut);
}

const changed = (scope: AccountScope, cannedReplyId: string) => ({ type: 'canned_reply.changed' as const, accountId: scope.accountId, payload: { cannedReplyId }, audience: { kind: 'account' as const } });

export async function createCannedReply(db: Database, scope: AccountScope, input: { shortcut: string; title: string; body: string }) {
  assertTemplate(input.body);
  return db.transaction(async (tx) => {
    await assertShortcutFree(tx, scope.accountId, input.shortcut);
    const [row] = await tx.insert(schema.cannedReplies).values({ ...input, accountId: scope.accountId, createdBy: scope.actor.type === 'user' ? scope.actor.id : null }).returning();
    await recordEvents(tx, [changed(scope, row!.id)]);
    return presentCannedReply(row!);
  });
}

export async function updateCannedReply(db: Database, scope: AccountScope, id: string, patch: { shortcut?: string; title?: string; body?: string }) {
  if (patch.body !== undefined) assertTemplate(patch.body);
  return db.transaction(async (tx) => {
    if (patch.shortcut) await assertShortcutFree(tx, scope.accountId, patch.shortcut, id);
    const [row] = await tx.update(schema.cannedReplies).set(patch).where(and(eq(schema.cannedReplies.accountId, scope.accountId), eq(schema.cannedReplies.id, id))).returning();
    if (!row) throw notFound('canned reply');
    await recordEvents(tx, [changed(scope, id)]);
    return presentCannedReply(row);
  });
}

export async function deleteCannedReply(db: Database, scope: AccountScope, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(schema.cannedReplies).where(and(eq(schema.cannedReplies.accountId, scope.accountId), eq(schema.cannedReplies.id, id))).returning();
    if (!row) throw notFound('canned reply');
    await recordEvents(tx, [changed(scope, id)]);
  });
}

const firstName = (name: string) => (/[\u3040-\u30ff\u3400-\u9fff]/.test(name) ? name : (name.split(/\s+/)[0] ?? name));

/**
 * Renders a canned reply for one conversation: `{{ contact.name }}`, `{{ contact.first_name }}`, `{{ contact.email }}`,
 * `{{ agent.name }}`, `{{ conversation.number }}`, `{{ conversation.subject }}`; missing values render empty, and
 * `{{ contact.first_name | default: "there" }}` gives a fallback. The text is plain (the composer shows it as text).
 */
export async function renderCannedReply(db: Database, scope: AccountScope, cannedReplyId: string, conversationId: string) {
  const [reply] = await db.select().from(schema.cannedReplies).where(and(eq(schema.cannedReplies.accountId, scope.accountId), eq(schema.cannedReplies.id, cannedReplyId)));
  if (!reply) throw notFound('canned reply');
  const conversation = await db.transaction((tx) => lockConversation(tx, scope, conversationId));
  const [contact] = await db.select().from(schema.contacts).where(eq(schema.contacts.id, conversation.contactId));
  const variables = {
    contact: { name: contact?.name ?? '', first_name: contact ? firstName(contact.name) : '', email: contact?.email ?? '', phone: contact?.phone ?? '' },
    agent: { name: scope.actor.name },
    conversation: { number: conversation.number, subject: conversation.subject },
  };
  return { body: await liquid.parseAndRender(reply.body, variables) };
}
