import { and, asc, eq } from 'drizzle-orm';
import { type AccountScope, notFound } from '@touchpoint/core';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';

/**
 * What the bot said in a conversation and why, for the agent: each turn with the customer message it answered, what
 * it did (answer, clarify, handover, resolved), the reason, the score, the matched intent or article and the
 * alternatives it weighed. Null `bot` when the bot never handled the conversation.
 */
export async function getConversationBotActivity(db: Database, scope: AccountScope, conversationId: string) {
  const [conversation] = await db.select({ inboxId: schema.conversations.inboxId }).from(schema.conversations).where(and(eq(schema.conversations.accountId, scope.accountId), eq(schema.conversations.id, conversationId)));
  if (!conversation || !(await listVisibleInboxIds(db, scope)).includes(conversation.inboxId)) throw notFound('conversation');
  const [state] = await db.select().from(schema.botConversations).where(eq(schema.botConversations.conversationId, conversationId));
  if (!state) return { bot: null, turns: [] };
  const t = schema.botTurns;
  const turns = await db
    .select({ turn: t, intentName: schema.botIntents.name, question: schema.messages.body })
    .from(t)
    .leftJoin(schema.botIntents, eq(schema.botIntents.id, t.intentId))
    .innerJoin(schema.messages, eq(schema.messages.id, t.customerMessageId))
    .where(and(eq(t.accountId, scope.accountId), eq(t.conversationId, conversationId)))
    .orderBy(asc(t.createdAt));
  return {
    bot: {
      state: state.state,
      handoverReason: state.handoverReason,
      answers: state.answers,
      startedAt: state.startedAt.toISOString(),
      endedAt: state.endedAt?.toISOString() ?? null,
    },
    turns: turns.map(({ turn, intentName, question }) => ({
      customerMessageId: turn.customerMessageId,
      botMessageId: turn.botMessageId,
      question,
      action: turn.action,
      reason: turn.reason,
      score: turn.score,
      intent: turn.intentId ? { id: turn.intentId, name: intentName ?? '' } : null,
      article: turn.articleId ? { id: turn.articleId, title: turn.candidates.find((c) => c.id === turn.articleId)?.title ?? '' } : null,
      candidates: turn.candidates,
      createdAt: turn.createdAt.toISOString(),
    })),
  };
}

/** Whether the bot is still handling a conversation (the widget then shows "talk to a person"). */
export async function isBotHandling(db: Database, conversationId: string) {
  const [row] = await db.select({ state: schema.botConversations.state }).from(schema.botConversations).where(eq(schema.botConversations.conversationId, conversationId));
  return row?.state === 'handling';
}
