import { and, eq, inArray } from 'drizzle-orm';
import type { TouchpointKind } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import type { SurveyRow } from './survey-definitions.ts';
import { recordSurveyAnswer } from './survey-answers.ts';

/**
 * The helpdesk's CSAT (csat_surveys, csat_ratings, the /csat/<token> page) stays as it is; this domain mirrors it into
 * the built-in `conversation_csat` survey: each helpdesk survey becomes a request (dedupe key `csat:<conversationId>`,
 * about the conversation's channel) and each rating its answer, so helpdesk ratings are `survey.answered` events and
 * count in the survey reports. The helpdesk page lets a customer change the rating: the mirror follows it.
 */
const dedupeKeyOf = (conversationId: string) => `csat:${conversationId}`;
const BATCH = 500;

async function loadHelpdeskSurveys(tx: Database, accountId: string, conversationIds?: string[]) {
  return tx
    .select({ csat: schema.csatSurveys, contactId: schema.conversations.contactId, channel: schema.inboxes.channel, rating: schema.csatRatings })
    .from(schema.csatSurveys)
    .innerJoin(schema.conversations, eq(schema.conversations.id, schema.csatSurveys.conversationId))
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
    .leftJoin(schema.csatRatings, eq(schema.csatRatings.conversationId, schema.csatSurveys.conversationId))
    .where(and(eq(schema.csatSurveys.accountId, accountId), conversationIds ? inArray(schema.csatSurveys.conversationId, conversationIds) : undefined));
}

type HelpdeskSurvey = Awaited<ReturnType<typeof loadHelpdeskSurveys>>[number];

async function mirrorRequests(tx: Database, survey: SurveyRow, rows: HelpdeskSurvey[]) {
  if (rows.length === 0) return [];
  await tx.insert(schema.surveyRequests).values(rows.map((row) => ({
    accountId: survey.accountId,
    surveyId: survey.id,
    contactId: row.contactId,
    channel: 'link' as const,
    aboutKind: 'channel' satisfies TouchpointKind,
    aboutId: row.channel,
    touchpointKind: 'survey',
    touchpointId: survey.id,
    dedupeKey: dedupeKeyOf(row.csat.conversationId),
    status: 'open' as const,
    dueAt: row.csat.createdAt,
    deliveredAt: row.csat.createdAt,
    expiresAt: row.csat.expiresAt,
    createdAt: row.csat.createdAt,
  }))).onConflictDoNothing();
  return tx.select().from(schema.surveyRequests).where(and(eq(schema.surveyRequests.accountId, survey.accountId), inArray(schema.surveyRequests.dedupeKey, rows.map((row) => dedupeKeyOf(row.csat.conversationId)))));
}

/** Imports every earlier helpdesk survey and rating (once, when the built-in survey is created), in batches. */
export async function importCsatHistory(tx: Database, survey: SurveyRow) {
  const all = await loadHelpdeskSurveys(tx, survey.accountId);
  for (let start = 0; start < all.length; start += BATCH) {
    const rows = all.slice(start, start + BATCH);
    const requests = await mirrorRequests(tx, survey, rows);
    const byKey = new Map(requests.map((request) => [request.dedupeKey, request]));
    const rated = rows.filter((row) => row.rating !== null);
    if (rated.length === 0) continue;
    const answers = rated.map((row) => ({ row, request: byKey.get(dedupeKeyOf(row.csat.conversationId))! }));
    await tx.insert(schema.surveyResponses).values(answers.map(({ row, request }) => ({
      accountId: survey.accountId, surveyId: survey.id, requestId: request.id, contactId: request.contactId,
      score: row.rating!.rating, comment: row.rating!.comment, aboutKind: request.aboutKind, aboutId: request.aboutId,
      answeredAt: row.rating!.createdAt, updatedAt: row.rating!.createdAt,
    }))).onConflictDoNothing();
    await recordCustomerEvents(tx, survey.accountId, answers.map(({ row, request }) => ({
      contactId: request.contactId, kind: 'system' as const, name: 'survey.answered', source: 'system' as const, occurredAt: row.rating!.createdAt,
      properties: { surveyId: survey.id, kind: 'csat', score: row.rating!.rating, comment: row.rating!.comment || null, about: { kind: 'channel', id: request.aboutId } },
      touchpoint: { kind: 'survey' as const, id: survey.id },
      messageId: `survey-answer:${request.id}`,
    })));
  }
}

/** A helpdesk survey was opened (`csat.requested`): the matching request of the built-in survey. */
export async function mirrorCsatRequested(tx: Database, survey: SurveyRow, conversationId: string) {
  const rows = await loadHelpdeskSurveys(tx, survey.accountId, [conversationId]);
  await mirrorRequests(tx, survey, rows);
}

/** A helpdesk rating was given or changed (`csat.rated`): the built-in survey's answer follows it. */
export async function mirrorCsatRated(tx: Database, survey: SurveyRow, conversationId: string, now: Date) {
  const rows = await loadHelpdeskSurveys(tx, survey.accountId, [conversationId]);
  const [request] = await mirrorRequests(tx, survey, rows);
  const rating = rows[0]?.rating;
  if (!request || !rating) return;
  await recordSurveyAnswer(tx, request, survey, { score: rating.rating, comment: rating.comment }, now, { replaceScore: true });
}
