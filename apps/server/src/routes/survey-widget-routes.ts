import { z } from 'zod';
import { SURVEY_KINDS } from '@touchpoint/core';
import { findVisitorContact } from '@touchpoint/channels';
import { answerSurveyLink, describeSurveyLink, findOpenRequest, invalidSurveyLink, listOpenSurveyRequests, tokenOfRequest } from '@touchpoint/surveys';
import { widgetVisitor } from '../channels/web-chat-widget.ts';
import { defineRoute } from '../http/route.ts';

const TAGS = ['Web chat widget'];
const PREFIX = '/widget/v1/:channelKey';
const ChannelKeySchema = z.string().regex(/^[0-9a-f]{32}$/, 'must be the inbox key from the snippet');
const SurveyViewSchema = z.object({
  requestId: z.string(), kind: z.enum(SURVEY_KINDS),
  text: z.object({ question: z.string(), followUp: z.string(), thanks: z.string() }),
  scale: z.object({ min: z.number(), max: z.number(), low: z.string(), high: z.string() }),
  score: z.number().nullable(), comment: z.string(),
});

/**
 * The widget's survey card: the visitor's newest open survey (answered in one tap in the chat) and its answer. Mounted
 * under the widget's routes, so the inbox key, the allowed origins and the visitor's authorization are checked first;
 * a visitor only ever sees and answers their own contact's asks.
 */
export const widgetSurveyRoutes = [
  defineRoute({
    method: 'GET', url: `${PREFIX}/surveys`, auth: 'public', tags: TAGS,
    summary: 'The visitor’s newest open survey, in their language, or null',
    params: z.strictObject({ channelKey: ChannelKeySchema }),
    query: z.strictObject({ locale: z.enum(['en', 'ja', 'zh']).optional() }),
    response: z.object({ survey: SurveyViewSchema.nullable() }),
    handler: async ({ query }, { services, request }) => {
      const { inbox, visitor } = widgetVisitor(request);
      const contact = await findVisitorContact(services.db, inbox, visitor);
      if (!contact) return { survey: null };
      const [open] = await listOpenSurveyRequests(services.db, inbox.accountId, contact.id);
      if (!open) return { survey: null };
      const view = await describeSurveyLink(services.db, open.token, query.locale ?? null);
      return { survey: { requestId: open.requestId, kind: view.kind, text: view.text, scale: view.scale, score: view.score, comment: view.comment } };
    },
  }),
  defineRoute({
    method: 'POST', url: `${PREFIX}/surveys/:requestId`, auth: 'public', tags: TAGS,
    summary: 'Answer the visitor’s survey: the first call needs a score (final); later calls set the comment',
    params: z.strictObject({ channelKey: ChannelKeySchema, requestId: z.uuid() }),
    body: z.strictObject({ score: z.number().int().min(0).max(10).optional(), comment: z.string().max(2000).optional() }),
    response: z.object({ score: z.number(), comment: z.string(), first: z.boolean() }),
    handler: async ({ params, body }, { services, request }) => {
      const { inbox, visitor } = widgetVisitor(request);
      const contact = await findVisitorContact(services.db, inbox, visitor);
      const [row] = contact ? await findOpenRequest(services.db, inbox.accountId, params.requestId) : [];
      if (!row || row.contactId !== contact?.id) throw invalidSurveyLink();
      return answerSurveyLink(services.db, await tokenOfRequest(services.db, row), body);
    },
  }),
];
