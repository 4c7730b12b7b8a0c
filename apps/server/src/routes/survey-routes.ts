import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError, OUTREACH_CHANNELS, SURVEY_KINDS, TOUCHPOINT_KINDS, validationFailed } from '@touchpoint/core';
import { requireLiveContact } from '@touchpoint/contacts';
import {
  answerSurveyLink, createSurvey, findOpenRequest, deleteSurvey, describeSurveyLink, exportSurveyResponsesCsv, getSurvey, getSurveySettings, listOpenSurveyRequests, listSurveys,
  pickSurveyLocale, reportSurvey, reportSurveys, requestSurvey, tokenOfRequest, updateSurvey, updateSurveySettings,
} from '@touchpoint/surveys';
import { publicBaseUrl } from '../http/public-url.ts';
import { defineRoute } from '../http/route.ts';
import { renderSurveyErrorPage, renderSurveyPage } from '../pages/survey-page.ts';
import type { Services } from '../services.ts';
import { AccountParamsSchema, accountParamsWith, UuidSchema } from './schemas.ts';

const TAGS = ['Surveys'];
const LOCALES = ['en', 'ja', 'zh'] as const;
const SurveyParamsSchema = accountParamsWith('surveyId');
const TextSchema = z.strictObject({ question: z.string().trim().max(300), followUp: z.string().trim().max(300), thanks: z.string().trim().max(300) });
const TriggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('conversation_resolved'), inboxIds: z.array(UuidSchema).max(50).default([]) }),
  z.strictObject({ kind: z.literal('order_placed'), delayDays: z.number().int().min(0).max(365).default(0) }),
  z.strictObject({ kind: z.literal('order_delivered'), delayDays: z.number().int().min(0).max(365).default(0) }),
  z.strictObject({ kind: z.literal('return_completed'), delayDays: z.number().int().min(0).max(365).default(0) }),
]);
const SurveyFieldsSchema = {
  name: z.string().trim().min(1, 'must not be empty').max(120),
  status: z.enum(['draft', 'live', 'paused']),
  texts: z.strictObject({ en: TextSchema.optional(), ja: TextSchema.optional(), zh: TextSchema.optional() }),
  triggers: z.array(TriggerSchema).max(10),
  channel: z.enum(['email', 'in_app', 'link']),
  detractorMaxScore: z.number().int().min(0).max(9),
  detractorAction: z.boolean(),
  detractorInboxId: UuidSchema.nullable(),
};
const SurveySchema = z.object({
  id: z.string(), name: z.string(), kind: z.enum(SURVEY_KINDS), status: z.enum(['draft', 'live', 'paused']), builtIn: z.string().nullable(),
  texts: z.record(z.string(), z.object({ question: z.string(), followUp: z.string(), thanks: z.string() })),
  triggers: z.array(z.record(z.string(), z.unknown())), channel: z.string(), detractorMaxScore: z.number(), detractorAction: z.boolean(), detractorInboxId: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(),
});
const DateSchema = z.iso.date({ message: 'must be a date like 2026-11-23' });
/** Both optional: the last 30 days (UTC) by default. */
const RangeSchema = z.strictObject({ from: DateSchema.optional(), to: DateSchema.optional() });
const Figures = {
  asked: z.number(), suppressed: z.number(), responseRate: z.number().nullable(), responses: z.number(), nps: z.number().nullable(), csatPercent: z.number().nullable(),
  cesAverage: z.number().nullable(), average: z.number().nullable(), headline: z.number().nullable(), distribution: z.array(z.object({ score: z.number(), count: z.number() })),
};
const TouchpointFigures = z.object({ surveyKind: z.enum(SURVEY_KINDS), aboutKind: z.string().nullable(), aboutId: z.string().nullable(), ...Figures });
const TouchpointRefSchema = z.strictObject({ kind: z.enum(TOUCHPOINT_KINDS), id: z.string().max(200).nullable().optional(), stepId: z.string().max(200).nullable().optional() });
const LinkTokenSchema = z.strictObject({ token: z.string().min(20).max(120) });
const AnswerSchema = z.strictObject({ score: z.number().int().min(0).max(10).optional(), comment: z.string().max(2000).optional() });

/** A date range of whole UTC days, `to` included; at most 366 days. */
function rangeOf(query: { from?: string; to?: string }) {
  const today = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.parse(`${query.to ?? today}T00:00:00Z`) + 86_400_000);
  const from = query.from ? new Date(`${query.from}T00:00:00Z`) : new Date(to.getTime() - 30 * 86_400_000);
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days <= 0) throw validationFailed([{ path: 'querystring.to', message: 'must not be before from' }]);
  if (days > 366) throw validationFailed([{ path: 'querystring.to', message: 'a report covers at most 366 days' }]);
  return { from, to };
}

/** Listening posts (docs/surveys.md): surveys, their attachment rules, the fatigue window, asks, answers and reports. */
export const surveyRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/surveys', auth: 'account', tags: TAGS,
    summary: 'The account’s CSAT, NPS and CES surveys (the helpdesk’s conversation CSAT among them)',
    params: AccountParamsSchema,
    response: z.object({ surveys: z.array(SurveySchema) }),
    handler: async ({ params }, { services }) => ({ surveys: await listSurveys(services.db, params.accountId) }),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/surveys', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Create a survey; wording left out starts from the defaults of its kind in en, ja and zh',
    params: AccountParamsSchema,
    body: z.strictObject({ kind: z.enum(SURVEY_KINDS), ...SurveyFieldsSchema, status: SurveyFieldsSchema.status.optional(), texts: SurveyFieldsSchema.texts.optional(), triggers: SurveyFieldsSchema.triggers.optional(), channel: SurveyFieldsSchema.channel.optional(), detractorMaxScore: SurveyFieldsSchema.detractorMaxScore.optional(), detractorAction: SurveyFieldsSchema.detractorAction.optional(), detractorInboxId: SurveyFieldsSchema.detractorInboxId.optional() }),
    response: SurveySchema,
    handler: ({ params, body }, { services }) => createSurvey(services.db, params.accountId, body),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/surveys/settings', auth: 'account', tags: TAGS,
    summary: 'The fatigue window: at most one survey per customer per this many days, across all surveys',
    params: AccountParamsSchema,
    response: z.object({ fatigueDays: z.number() }),
    handler: ({ params }, { services }) => getSurveySettings(services.db, params.accountId),
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/surveys/settings', auth: 'admin', tags: TAGS,
    summary: 'Set the fatigue window in days (0 turns it off)',
    params: AccountParamsSchema,
    body: z.strictObject({ fatigueDays: z.number().int().min(0).max(365) }),
    response: z.object({ fatigueDays: z.number() }),
    handler: ({ params, body }, { services }) => updateSurveySettings(services.db, params.accountId, body),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/surveys/report', auth: 'account', tags: TAGS,
    summary: 'Figures of every survey and of every touchpoint asked about, for a date range (UTC days)',
    params: AccountParamsSchema, query: RangeSchema,
    response: z.object({ surveys: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(SURVEY_KINDS), status: z.string(), ...Figures })), touchpoints: z.array(TouchpointFigures) }),
    handler: ({ params, query }, { services }) => reportSurveys(services.db, params.accountId, rangeOf(query)),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/surveys/:surveyId', auth: 'account', tags: TAGS,
    summary: 'One survey', params: SurveyParamsSchema, response: SurveySchema,
    handler: ({ params }, { services }) => getSurvey(services.db, params.accountId, params.surveyId),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/accounts/:accountId/surveys/:surveyId', auth: 'admin', tags: TAGS,
    summary: 'Edit a survey (its kind is fixed); set status live to start asking, paused to stop',
    params: SurveyParamsSchema,
    body: z.strictObject(SurveyFieldsSchema).partial(),
    response: SurveySchema,
    handler: ({ params, body }, { services }) => updateSurvey(services.db, params.accountId, params.surveyId, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/surveys/:surveyId', auth: 'admin', tags: TAGS,
    summary: 'Delete a survey with its asks and answers (the helpdesk’s survey can only be paused)', params: SurveyParamsSchema,
    handler: ({ params }, { services }) => deleteSurvey(services.db, params.accountId, params.surveyId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/surveys/:surveyId/report', auth: 'account', tags: TAGS,
    summary: 'One survey’s figures, per touchpoint, daily trend and latest comments for a date range (UTC days)',
    params: SurveyParamsSchema, query: RangeSchema,
    response: z.object({
      survey: z.object({ id: z.string(), name: z.string(), kind: z.enum(SURVEY_KINDS), status: z.string() }),
      totals: z.object(Figures),
      touchpoints: z.array(TouchpointFigures),
      trend: z.array(z.object({ day: z.string(), responses: z.number(), headline: z.number().nullable() })),
      comments: z.array(z.object({ responseId: z.string(), contactId: z.string(), contactName: z.string().nullable(), score: z.number(), comment: z.string(), about: z.object({ kind: z.string(), id: z.string().nullable() }).nullable(), conversationId: z.string().nullable(), answeredAt: z.string() })),
    }),
    handler: ({ params, query }, { services }) => reportSurvey(services.db, params.accountId, params.surveyId, rangeOf(query)),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/surveys/:surveyId/responses.csv', auth: 'account', tags: TAGS,
    summary: 'Every answer of a survey in a date range as CSV (UTF-8 with BOM)',
    params: SurveyParamsSchema, query: RangeSchema,
    response: z.string().describe('text/csv'),
    async handler({ params, query }, { services, reply }) {
      const csv = await exportSurveyResponsesCsv(services.db, params.accountId, params.surveyId, rangeOf(query));
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="survey-${params.surveyId}.csv"`);
      return csv;
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/surveys/:surveyId/requests', auth: 'account', tags: TAGS, status: 201,
    summary: 'Ask one customer (a shareable link, or an email/in-app ask); the fatigue rule and the idempotency key apply',
    params: SurveyParamsSchema,
    body: z.strictObject({ contactId: UuidSchema, channel: z.enum([...OUTREACH_CHANNELS, 'link']).default('link'), about: TouchpointRefSchema.nullable().default(null), idempotencyKey: z.string().min(1).max(200).optional() }),
    response: z.object({ status: z.enum(['requested', 'suppressed']), requestId: z.string().nullable(), reason: z.string().optional(), url: z.string().nullable() }),
    handler: async ({ params, body }, { services, request }) => {
      await requireLiveContact(services.db, params.accountId, body.contactId);
      return services.db.transaction(async (tx) => {
        const result = await requestSurvey(tx, {
          accountId: params.accountId, contactId: body.contactId, surveyId: params.surveyId, channel: body.channel, about: body.about,
          touchpoint: { kind: 'survey', id: params.surveyId }, dedupeKey: body.idempotencyKey ? `api:${params.surveyId}:${body.idempotencyKey}` : undefined,
        });
        if (result.status !== 'requested' || body.channel === 'email') return { ...result, url: null };
        const [row] = await findOpenRequest(tx, params.accountId, result.requestId);
        return { ...result, url: row ? new URL(`/s/${await tokenOfRequest(tx, row)}`, publicBaseUrl(request, services.config)).toString() : null };
      });
    },
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/survey-links/:token', auth: 'public', tags: TAGS,
    summary: 'A survey by its signed link token, in the customer’s language (for the widget and the portal)',
    params: LinkTokenSchema, query: z.strictObject({ locale: z.enum(LOCALES).optional() }),
    response: z.object({ accountName: z.string(), kind: z.enum(SURVEY_KINDS), locale: z.string(), text: z.object({ question: z.string(), followUp: z.string(), thanks: z.string() }), scale: z.object({ min: z.number(), max: z.number(), low: z.string(), high: z.string() }), score: z.number().nullable(), comment: z.string() }),
    handler: ({ params, query }, { services }) => describeSurveyLink(services.db, params.token, query.locale ?? null),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/survey-links/:token', auth: 'public', tags: TAGS,
    summary: 'Answer a survey: the first answer needs a score and is final; later calls set the comment',
    params: LinkTokenSchema, body: AnswerSchema,
    response: z.object({ score: z.number(), comment: z.string(), first: z.boolean() }),
    handler: ({ params, body }, { services }) => answerSurveyLink(services.db, params.token, body),
  }),
  defineRoute({
    method: 'GET', url: '/api/portal/:handle/surveys', auth: 'customer', tags: TAGS,
    summary: 'The signed-in customer’s open surveys (link tokens to answer them)',
    params: z.strictObject({ handle: z.string().min(1).max(64) }),
    response: z.object({ surveys: z.array(z.object({ requestId: z.string(), surveyId: z.string(), kind: z.enum(SURVEY_KINDS), token: z.string() })) }),
    handler: async (_input, { services, customer }) => ({ surveys: await listOpenSurveyRequests(services.db, customer.accountId, customer.contactId) }),
  }),
];


const PAGE_SECURITY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', PAGE_SECURITY).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send(html);
}

const localeOf = (request: FastifyRequest) => pickSurveyLocale(...(request.headers['accept-language'] ?? '').split(',').map((part) => part.trim()));

/** An error page a person can read: a forged or altered link, or one past its window. */
function sendLinkError(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  if (isAppError(error) && error.code === 'not_found') return sendPage(reply, renderSurveyErrorPage(localeOf(request), 'invalid'), 404);
  if (isAppError(error) && error.code === 'invitation_expired') return sendPage(reply, renderSurveyErrorPage(localeOf(request), 'closed'), 410);
  throw error;
}

/**
 * The public survey page `/s/<token>`, server-rendered for phones, no sign-in. `?score=N` (the email's one-click
 * buttons) records the score at once and asks for the comment; the form posts the score and/or the comment.
 */
export function registerSurveyPages(app: FastifyInstance, services: Services) {
  void app.register(async (scoped) => {
    scoped.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scoped.get('/s/:token', { schema: { hide: true } }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const { score } = request.query as { score?: string };
      try {
        let answered = false;
        if (score !== undefined && /^\d{1,2}$/.test(score)) {
          try {
            await answerSurveyLink(services.db, token, { score: Number(score) });
            answered = true;
          } catch (error) {
            if (!(isAppError(error) && error.code === 'validation_failed')) throw error;
          }
        }
        const view = await describeSurveyLink(services.db, token, localeOf(request));
        return sendPage(reply, renderSurveyPage(view, { answered }));
      } catch (error) {
        return sendLinkError(request, reply, error);
      }
    });
    scoped.post('/s/:token', { schema: { hide: true } }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const form = (request.body ?? {}) as Record<string, string>;
      try {
        const before = await describeSurveyLink(services.db, token, localeOf(request));
        const score = form.score !== undefined && /^\d{1,2}$/.test(form.score) ? Number(form.score) : undefined;
        if (before.score === null && score === undefined) return sendPage(reply, renderSurveyPage({ ...before, comment: form.comment ?? '' }, { error: true }), 400);
        try {
          await answerSurveyLink(services.db, token, { score, comment: form.comment ?? '' });
        } catch (error) {
          if (isAppError(error) && error.code === 'validation_failed') return sendPage(reply, renderSurveyPage({ ...before, comment: form.comment ?? '' }, { error: true }), 400);
          throw error;
        }
        const after = await describeSurveyLink(services.db, token, localeOf(request));
        return sendPage(reply, renderSurveyPage(after, { answered: true, commented: Boolean(form.comment?.trim()) }));
      } catch (error) {
        return sendLinkError(request, reply, error);
      }
    });
  });
}
