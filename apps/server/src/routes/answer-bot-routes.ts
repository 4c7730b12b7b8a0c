import { z } from 'zod';
import {
  addIntentExamples, createIntent, deleteIntent, deleteIntentExample, getConversationBotActivity, getIntent, getModelStatus, importIntentExamples,
  learnFromConversation, listInboxBotSettings, listIntents, previewBotAnswer, queueModelTraining, reportBotDeflection, requestModelTraining,
  updateInboxBotSettings, updateIntent,
} from '@touchpoint/answer-bot';
import { validationFailed } from '@touchpoint/core';
import { type AnyRouteSpec, defineRoute } from '../http/route.ts';
import type { Services } from '../services.ts';
import { createArticleSearch } from '../bot/article-search.ts';
import { AccountParamsSchema, accountParamsWith } from './schemas.ts';

const TAGS = ['Answer bot'];
const LocaleSchema = z.enum(['en', 'ja', 'zh']);
const RepliesSchema = z.strictObject({ en: z.string().optional(), ja: z.string().optional(), zh: z.string().optional() }).describe('the answer per language');

const IntentSummarySchema = z.object({ id: z.string(), name: z.string(), replies: RepliesSchema, enabled: z.boolean(), exampleCount: z.number(), updatedAt: z.string() });
const IntentSchema = z.object({
  id: z.string(),
  name: z.string(),
  replies: RepliesSchema,
  enabled: z.boolean(),
  updatedAt: z.string(),
  examples: z.array(z.object({ id: z.string(), text: z.string(), source: z.string(), messageId: z.string().nullable(), createdAt: z.string() })),
});
const ModelStatusSchema = z.object({
  state: z.enum(['none', 'training', 'ready', 'not_enough_data', 'failed']),
  intentCount: z.number(),
  exampleCount: z.number(),
  trainedAt: z.string().nullable(),
  trainingMs: z.number().nullable(),
  error: z.string().nullable(),
});
const CandidateSchema = z.object({ kind: z.enum(['intent', 'article']), id: z.string(), title: z.string(), score: z.number() });
const InboxSettingsSchema = z.object({ inboxId: z.string(), inboxName: z.string(), channel: z.string(), enabled: z.boolean(), answerThreshold: z.number(), maxAnswers: z.number() });

const intentParams = accountParamsWith('intentId');
const DateSchema = z.iso.date({ message: 'must be a date like 2026-11-23' });

/** Intents and their training, inbox settings, the bot's activity in a conversation, and its report. */
/** After a change to the intents (which marks the model stale in its own transaction), retrain in the background. */
async function retrainAfter<T>(services: Services, accountId: string, change: Promise<T>): Promise<T> {
  const result = await change;
  void queueModelTraining(services.db, accountId);
  return result;
}

export const answerBotRoutes: AnyRouteSpec[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/bot/intents',
    auth: 'account',
    summary: 'The intents the bot is taught, with their example counts',
    tags: TAGS,
    params: AccountParamsSchema,
    response: z.array(IntentSummarySchema),
    handler: (_input, { services, scope }) => listIntents(services.db, scope),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/bot/intents',
    auth: 'admin',
    summary: 'Create an intent: a name (unique, ignoring case), its reply per language and example phrases; the model retrains in the background',
    tags: TAGS,
    params: AccountParamsSchema,
    body: z.strictObject({ name: z.string().max(200), replies: RepliesSchema.default({}), enabled: z.boolean().optional(), examples: z.array(z.string().max(2000)).max(1000).optional() }),
    response: IntentSchema,
    status: 201,
    handler: ({ body }, { services, scope }) => retrainAfter(services, scope.accountId, createIntent(services.db, scope, body)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/bot/intents/import',
    auth: 'admin',
    summary: 'Import example phrases from CSV (a header row; choose the text and label columns); intents named in the label column are created when missing. All or nothing.',
    tags: TAGS,
    params: AccountParamsSchema,
    body: z.strictObject({ csv: z.string().min(1, 'must not be empty'), textColumn: z.string().min(1), labelColumn: z.string().min(1), fileName: z.string().max(200).optional() }),
    response: z.object({ rows: z.number(), examplesAdded: z.number(), duplicatesSkipped: z.number(), intentsCreated: z.number() }),
    bodyLimit: 20 * 1024 * 1024,
    handler: ({ body }, { services, scope }) => retrainAfter(services, scope.accountId, importIntentExamples(services.db, scope, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/bot/intents/:intentId',
    auth: 'account',
    summary: 'An intent with its replies and example phrases',
    tags: TAGS,
    params: intentParams,
    response: IntentSchema,
    handler: ({ params }, { services, scope }) => getIntent(services.db, scope, params.intentId),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:accountId/bot/intents/:intentId',
    auth: 'admin',
    summary: 'Rename an intent, change its replies, or enable/disable it',
    tags: TAGS,
    params: intentParams,
    body: z.strictObject({ name: z.string().max(200).optional(), replies: RepliesSchema.optional(), enabled: z.boolean().optional() }),
    response: IntentSchema,
    handler: async ({ params, body }, { services, scope }) => {
      const intent = await updateIntent(services.db, scope, params.intentId, body);
      if (body.enabled !== undefined) void queueModelTraining(services.db, scope.accountId);
      return intent;
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/bot/intents/:intentId',
    auth: 'admin',
    summary: 'Delete an intent and its example phrases',
    tags: TAGS,
    params: intentParams,
    handler: async ({ params }, { services, scope }) => {
      await retrainAfter(services, scope.accountId, deleteIntent(services.db, scope, params.intentId));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/bot/intents/:intentId/examples',
    auth: 'admin',
    summary: 'Add example phrases to an intent (ones it has, ignoring case, are skipped)',
    tags: TAGS,
    params: intentParams,
    body: z.strictObject({ examples: z.array(z.string().max(2000)).min(1).max(1000) }),
    response: z.object({ added: z.number(), skipped: z.number() }),
    status: 201,
    handler: ({ params, body }, { services, scope }) => retrainAfter(services, scope.accountId, addIntentExamples(services.db, scope, params.intentId, body.examples)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/bot/intents/:intentId/examples/:exampleId',
    auth: 'admin',
    summary: 'Remove an example phrase',
    tags: TAGS,
    params: z.strictObject({ ...intentParams.shape, exampleId: z.uuid() }),
    handler: async ({ params }, { services, scope }) => {
      await retrainAfter(services, scope.accountId, deleteIntentExample(services.db, scope, params.intentId, params.exampleId));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/bot/model',
    auth: 'account',
    summary: 'The trained model: ready, training (after a change), not enough data (fewer than two intents with phrases) or failed',
    tags: TAGS,
    params: AccountParamsSchema,
    response: ModelStatusSchema,
    handler: (_input, { services, scope }) => getModelStatus(services.db, scope.accountId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/bot/model/train',
    auth: 'admin',
    summary: 'Train the model again now (it also retrains by itself after every change)',
    tags: TAGS,
    params: AccountParamsSchema,
    response: ModelStatusSchema,
    status: 202,
    handler: async (_input, { services, scope }) => {
      await retrainAfter(services, scope.accountId, services.db.transaction((tx) => requestModelTraining(tx, scope.accountId)));
      return getModelStatus(services.db, scope.accountId);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/bot/preview',
    auth: 'admin',
    summary: 'Try the bot: what it would do with a question now (answer, clarify or hand over) and what it matched',
    tags: TAGS,
    params: AccountParamsSchema,
    body: z.strictObject({ text: z.string().min(1, 'must not be empty').max(2000), locale: LocaleSchema.default('en'), answerThreshold: z.number().min(0.05).max(0.99).optional() }),
    response: z.object({ action: z.enum(['answer', 'clarify', 'handover', 'resolved', 'greet']), reason: z.string(), candidates: z.array(CandidateSchema) }),
    handler: ({ body }, { services, scope }) => previewBotAnswer(services.db, scope, body, createArticleSearch(services.config)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/bot/inboxes',
    auth: 'admin',
    summary: 'Each inbox with its bot settings (off unless enabled)',
    tags: TAGS,
    params: AccountParamsSchema,
    response: z.array(InboxSettingsSchema),
    handler: (_input, { services, scope }) => listInboxBotSettings(services.db, scope),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:accountId/bot/inboxes/:inboxId',
    auth: 'admin',
    summary: 'Enable the bot on an inbox, and set the confidence it answers from and how many answers it gives before a person takes over',
    tags: TAGS,
    params: accountParamsWith('inboxId'),
    body: z.strictObject({ enabled: z.boolean().optional(), answerThreshold: z.number().optional(), maxAnswers: z.number().optional() }),
    response: InboxSettingsSchema,
    handler: ({ params, body }, { services, scope }) => updateInboxBotSettings(services.db, scope, params.inboxId, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId/bot',
    auth: 'account',
    summary: 'What the bot said in a conversation and why: each turn with its action, reason, score, matched intent or article and alternatives',
    tags: TAGS,
    params: accountParamsWith('conversationId'),
    response: z.object({
      bot: z.object({ state: z.string(), handoverReason: z.string().nullable(), answers: z.number(), startedAt: z.string(), endedAt: z.string().nullable() }).nullable(),
      turns: z.array(z.object({
        customerMessageId: z.string(),
        botMessageId: z.string().nullable(),
        question: z.string(),
        action: z.string(),
        reason: z.string(),
        score: z.number().nullable(),
        intent: z.object({ id: z.string(), name: z.string() }).nullable(),
        article: z.object({ id: z.string(), title: z.string() }).nullable(),
        candidates: z.array(CandidateSchema),
        createdAt: z.string(),
      })),
    }),
    handler: ({ params }, { services, scope }) => getConversationBotActivity(services.db, scope, params.conversationId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId/bot/examples',
    auth: 'account',
    summary: 'Teach the bot from a resolved conversation: the customer message becomes an example phrase of the intent',
    tags: TAGS,
    params: accountParamsWith('conversationId'),
    body: z.strictObject({ messageId: z.uuid(), intentId: z.uuid() }),
    response: z.object({ added: z.number(), skipped: z.number(), text: z.string() }),
    status: 201,
    handler: ({ params, body }, { services, scope }) => retrainAfter(services, scope.accountId, learnFromConversation(services.db, scope, params.conversationId, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/reports/bot',
    auth: 'account',
    summary: 'The bot for a period: conversations handled, deflection rate (finished without a person), handover reasons, top answers',
    tags: ['Reports'],
    params: AccountParamsSchema,
    query: z.strictObject({ from: DateSchema, to: DateSchema }),
    response: z.object({
      timeZone: z.string(),
      period: z.object({ from: z.string(), to: z.string() }),
      handled: z.number(),
      deflected: z.number(),
      confirmedHelpful: z.number(),
      handedOver: z.number(),
      deflectionRate: z.number().nullable(),
      daily: z.array(z.object({ date: z.string(), handled: z.number(), deflected: z.number() })),
      handoverReasons: z.array(z.object({ reason: z.string(), count: z.number() })),
      topAnswers: z.array(z.object({ kind: z.enum(['intent', 'article']), id: z.string(), title: z.string(), count: z.number() })),
    }),
    handler: ({ query }, { services, scope }) => {
      const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
      if (days < 0) throw validationFailed([{ path: 'querystring.to', message: 'must not be before from' }]);
      if (days >= 366) throw validationFailed([{ path: 'querystring.to', message: 'a report covers at most 366 days' }]);
      return reportBotDeflection(services.db, scope, query);
    },
  }),
];
