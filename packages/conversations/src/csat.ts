import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { AppError, notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { hasOnlyAutomaticCustomerMessages } from './automatic-messages.ts';

const SURVEY_TTL_MS = 14 * 24 * 3600_000;

/**
 * Opens the satisfaction survey of a resolved conversation, once; channels send its link to the customer. Not when
 * every customer message was sent by a machine (an autoresponder, a bounce-like notice): nobody would answer it, and
 * sending it would only feed a mail loop.
 */
export async function ensureCsatSurvey(tx: Database, conversation: { id: string; accountId: string; inboxId: string; number: number }, now: Date) {
  if (await hasOnlyAutomaticCustomerMessages(tx, conversation.id)) return;
  const [created] = await tx
    .insert(schema.csatSurveys)
    .values({ accountId: conversation.accountId, conversationId: conversation.id, token: randomBytes(18).toString('base64url'), expiresAt: new Date(now.getTime() + SURVEY_TTL_MS) })
    .onConflictDoNothing()
    .returning();
  if (created) {
    await recordEvents(tx, [{ type: 'csat.requested', accountId: conversation.accountId, payload: { conversationId: conversation.id, number: conversation.number, surveyId: created.id }, audience: { kind: 'inbox', inboxId: conversation.inboxId } }]);
  }
}

/** The survey link and the customer's answer, for the agent's view of a conversation. */
export async function describeCsat(db: Database, accountId: string, conversationId: string) {
  const [row] = await db
    .select({ token: schema.csatSurveys.token, rating: schema.csatRatings.rating, comment: schema.csatRatings.comment, ratedAt: schema.csatRatings.createdAt })
    .from(schema.csatSurveys)
    .leftJoin(schema.csatRatings, eq(schema.csatRatings.conversationId, schema.csatSurveys.conversationId))
    .where(and(eq(schema.csatSurveys.accountId, accountId), eq(schema.csatSurveys.conversationId, conversationId)));
  if (!row) return null;
  return { token: row.token, rating: row.rating, comment: row.comment ?? '', ratedAt: row.ratedAt?.toISOString() ?? null };
}

async function findSurvey(db: Database, token: string) {
  const [row] = await db
    .select({ survey: schema.csatSurveys, conversation: schema.conversations, accountName: schema.accounts.name, defaultLocale: schema.accounts.defaultLocale, contactLocale: schema.contacts.locale })
    .from(schema.csatSurveys)
    .innerJoin(schema.conversations, eq(schema.conversations.id, schema.csatSurveys.conversationId))
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.csatSurveys.accountId))
    .innerJoin(schema.contacts, eq(schema.contacts.id, schema.conversations.contactId))
    .where(eq(schema.csatSurveys.token, token));
  if (!row) throw notFound('survey');
  return row;
}

/** What the customer sees on the survey page: whose conversation, and their answer if they already gave one. */
export async function describeSurvey(db: Database, token: string, now = new Date()) {
  const row = await findSurvey(db, token);
  const [rating] = await db.select().from(schema.csatRatings).where(eq(schema.csatRatings.conversationId, row.conversation.id));
  return {
    accountName: row.accountName,
    number: row.conversation.number,
    subject: row.conversation.subject,
    locale: row.contactLocale ?? row.defaultLocale,
    expired: row.survey.expiresAt.getTime() < now.getTime(),
    rating: rating?.rating ?? null,
    comment: rating?.comment ?? '',
  };
}

/**
 * Records the customer's rating (1–5) and comment; answering again before the survey expires replaces the answer.
 * The rating is credited to the agent the conversation is assigned to.
 */
export async function submitCsatRating(db: Database, token: string, input: { rating: number; comment: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await findSurvey(tx, token);
    if (row.survey.expiresAt.getTime() < now.getTime()) throw new AppError('invitation_expired', 'Survey closed', 'This survey has closed.');
    const values = { accountId: row.survey.accountId, conversationId: row.conversation.id, contactId: row.conversation.contactId, agentId: row.conversation.assigneeId, rating: input.rating, comment: input.comment, createdAt: now };
    await tx.insert(schema.csatRatings).values(values).onConflictDoUpdate({ target: schema.csatRatings.conversationId, set: { rating: input.rating, comment: input.comment, createdAt: now } });
    await recordEvents(tx, [{ type: 'csat.rated', accountId: row.survey.accountId, payload: { conversationId: row.conversation.id, number: row.conversation.number, rating: input.rating }, audience: { kind: 'inbox', inboxId: row.conversation.inboxId } }]);
  });
}
