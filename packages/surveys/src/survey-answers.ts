import { and, eq } from 'drizzle-orm';
import { AppError, type SurveyAnsweredProperties, type TouchpointRef, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { recordEvents } from '@touchpoint/events';
import { createConversation } from '@touchpoint/conversations';
import type { SurveyRow } from './survey-definitions.ts';
import { isDetractor, isScoreInScale, SURVEY_SCALES } from './survey-scoring.ts';
import { pickSurveyLocale, resolveSurveyText, SCALE_LABELS } from './survey-text.ts';
import { readSurveyToken, verifySurveyToken } from './survey-tokens.ts';

type RequestRow = typeof schema.surveyRequests.$inferSelect;

/** A link that was never issued (forged, altered, cut short): the page says so plainly. */
export const invalidSurveyLink = () => new AppError('not_found', 'Survey link not valid', 'This survey link is not valid. Please use the link from your message.');
/** A link past its answer window. */
export const expiredSurveyLink = () => new AppError('invitation_expired', 'Survey closed', 'This survey has closed.');

/** The request behind a link, after checking its signature (account key) and expiry. */
export async function openSurveyLink(db: Database, token: string, now = new Date()) {
  const reading = readSurveyToken(token);
  if (!reading.ok) throw invalidSurveyLink();
  const [row] = await db
    .select({ request: schema.surveyRequests, survey: schema.surveys, key: schema.surveySettings.signingKey, accountName: schema.accounts.name, defaultLocale: schema.accounts.defaultLocale })
    .from(schema.surveyRequests)
    .innerJoin(schema.surveys, eq(schema.surveys.id, schema.surveyRequests.surveyId))
    .innerJoin(schema.surveySettings, eq(schema.surveySettings.accountId, schema.surveyRequests.accountId))
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.surveyRequests.accountId))
    .where(eq(schema.surveyRequests.id, reading.requestId));
  if (!row || !verifySurveyToken(row.key, token) || row.request.status !== 'open') throw invalidSurveyLink();
  if (reading.expiresAt.getTime() < now.getTime()) throw expiredSurveyLink();
  return row;
}

/** What the public page and the widget show: the question in the customer's language, the scale and any answer given. */
export async function describeSurveyLink(db: Database, token: string, preferredLocale: string | null, now = new Date()) {
  const { request, survey, accountName, defaultLocale } = await openSurveyLink(db, token, now);
  const [contact] = await db.select({ locale: schema.contacts.locale }).from(schema.contacts).where(and(eq(schema.contacts.accountId, request.accountId), eq(schema.contacts.id, request.contactId)));
  const [response] = await db.select().from(schema.surveyResponses).where(eq(schema.surveyResponses.requestId, request.id));
  const locale = pickSurveyLocale(preferredLocale, contact?.locale, defaultLocale);
  return {
    accountName,
    kind: survey.kind,
    locale,
    text: resolveSurveyText(survey.kind, survey.texts, locale, accountName),
    scale: { ...SURVEY_SCALES[survey.kind], ...SCALE_LABELS[survey.kind][locale] },
    score: response?.score ?? null,
    comment: response?.comment ?? '',
  };
}

/**
 * Records an answer given through a link (the page, an email's one-click score, the widget, the portal). The first
 * answer needs a score and is final; later submissions of the same request only set the comment, so one request
 * counts once.
 */
export async function answerSurveyLink(db: Database, token: string, input: { score?: number | null; comment?: string | null }, now = new Date()) {
  return db.transaction(async (tx) => {
    const { request, survey } = await openSurveyLink(tx, token, now);
    return recordSurveyAnswer(tx, request, survey, input, now);
  });
}

/**
 * Stores the answer to one request (one row per request, whatever is replayed) and, on the first answer, records
 * `survey.answered` on the customer's timeline, the `survey.answered` domain event and, for a detractor with the
 * follow-up on, one conversation for an agent. A later comment is saved and recorded as `survey.commented`.
 * `replaceScore` is for the helpdesk's CSAT, whose page lets the customer change the rating.
 */
export async function recordSurveyAnswer(tx: Database, request: RequestRow, survey: SurveyRow, input: { score?: number | null; comment?: string | null }, now: Date, options: { replaceScore?: boolean } = {}) {
  const comment = input.comment?.trim().slice(0, 2000) ?? null;
  const [existing] = await tx.select().from(schema.surveyResponses).where(eq(schema.surveyResponses.requestId, request.id)).for('update');
  const about: TouchpointRef | null = request.aboutKind ? { kind: request.aboutKind as TouchpointRef['kind'], id: request.aboutId } : null;
  if (existing) {
    const score = options.replaceScore && typeof input.score === 'number' && isScoreInScale(survey.kind, input.score) ? input.score : existing.score;
    const nextComment = comment ?? existing.comment;
    if (score === existing.score && nextComment === existing.comment) return { score, comment: nextComment, first: false };
    await tx.update(schema.surveyResponses).set({ score, comment: nextComment, updatedAt: now }).where(eq(schema.surveyResponses.id, existing.id));
    if (nextComment && nextComment !== existing.comment) {
      await recordCustomerEvents(tx, request.accountId, [{
        contactId: request.contactId, kind: 'system', name: 'survey.commented', source: 'system', occurredAt: now,
        properties: { surveyId: survey.id, kind: survey.kind, score, comment: nextComment, about, ...(request.test ? { test: true } : {}) },
        touchpoint: { kind: 'survey', id: survey.id },
      }]);
    }
    return { score, comment: nextComment, first: false };
  }
  if (typeof input.score !== 'number' || !isScoreInScale(survey.kind, input.score)) {
    const scale = SURVEY_SCALES[survey.kind];
    throw validationFailed([{ path: 'score', message: `must be a whole number from ${scale.min} to ${scale.max}` }]);
  }
  const score = input.score;
  const [response] = await tx.insert(schema.surveyResponses).values({
    accountId: request.accountId, surveyId: survey.id, requestId: request.id, contactId: request.contactId,
    score, comment: comment ?? '', aboutKind: request.aboutKind, aboutId: request.aboutId, test: request.test, answeredAt: now, updatedAt: now,
  }).returning();
  const properties: SurveyAnsweredProperties = { surveyId: survey.id, kind: survey.kind, score, comment: comment || null, about };
  await recordCustomerEvents(tx, request.accountId, [{
    contactId: request.contactId, kind: 'system', name: 'survey.answered', source: 'system', occurredAt: now,
    properties: { ...properties, ...(request.test ? { test: true } : {}) },
    touchpoint: { kind: 'survey', id: survey.id },
    messageId: `survey-answer:${request.id}`,
  }]);
  await recordEvents(tx, [{ type: 'survey.answered', accountId: request.accountId, payload: { surveyId: survey.id, requestId: request.id, responseId: response!.id, contactId: request.contactId, kind: survey.kind, score }, audience: { kind: 'admins' } }]);
  if (survey.detractorAction && isDetractor(score, survey.detractorMaxScore)) await openDetractorConversation(tx, survey, request, response!.id, score, comment ?? '', now);
  return { score, comment: comment ?? '', first: true };
}

const SYSTEM_ROLE = 'admin' as const;

/** One conversation per detractor answer, in the survey's inbox (else the account's first), with the score and comment. */
async function openDetractorConversation(tx: Database, survey: SurveyRow, request: RequestRow, responseId: string, score: number, comment: string, now: Date) {
  const inboxId = survey.detractorInboxId ?? (await tx.select({ id: schema.inboxes.id }).from(schema.inboxes).where(eq(schema.inboxes.accountId, survey.accountId)).orderBy(schema.inboxes.createdAt).limit(1))[0]?.id;
  if (!inboxId) return;
  const scale = SURVEY_SCALES[survey.kind];
  const label = survey.kind.toUpperCase();
  const about = request.aboutKind ? ` about ${request.aboutKind}${request.aboutId ? ` ${request.aboutId}` : ''}` : '';
  const body = [`${label} survey “${survey.name}”${about}: the customer answered ${score} (scale ${scale.min}–${scale.max}).`, comment ? `Comment: ${comment}` : 'No comment yet.', 'Opened automatically because the score is a detractor score.'].join('\n\n');
  const conversation = await createConversation(tx, { accountId: survey.accountId, actor: { type: 'system', id: null, name: 'Surveys', role: SYSTEM_ROLE } }, {
    inboxId,
    contactId: request.contactId,
    subject: `${label} ${score}/${scale.max}${comment ? `: ${comment.slice(0, 80)}` : ''}`,
    priority: 'high',
    messages: [{ direction: 'note', body, at: now }],
  }, now);
  await tx.update(schema.surveyResponses).set({ followUpConversationId: conversation.id }).where(eq(schema.surveyResponses.id, responseId));
}
