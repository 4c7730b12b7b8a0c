import { z } from 'zod';
import {
  bulkUpdateConversations, describeCsat, countConversationViews, createConversation, getConversation, listConversations,
  markConversationRead, mergeConversation, PRIORITIES, receiveCustomerMessage, splitConversation, updateConversation,
} from '@touchpoint/conversations';
import type { FastifyRequest } from 'fastify';
import type { AccountScope } from '@touchpoint/core';
import { describeConversationSla } from '@touchpoint/sla';
import { publicBaseUrl } from '../http/public-url.ts';
import { defineRoute } from '../http/route.ts';
import type { Services } from '../services.ts';
import { AccountParamsSchema, accountParamsWith, ConversationFiltersSchema, ConversationStatusSchema, ConversationSummarySchema, IsoDateSchema, LimitSchema, MessageSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Conversations'];
const CsatSchema = z
  .object({ url: z.string().describe('the survey page to send the customer'), rating: z.number().nullable(), comment: z.string(), ratedAt: IsoDateSchema.nullable() })
  .nullable()
  .describe('the satisfaction survey, opened when the conversation is resolved');
const ConversationDetailSchema = ConversationSummarySchema.extend({
  messages: z.array(MessageSchema),
  participants: z.array(z.object({ name: z.string().optional(), address: z.string(), kind: z.enum(['cc', 'participant']) })).describe('other people on the thread (cc, group members, the contact of a conversation merged in)'),
  mergedInto: z.object({ id: z.string(), number: z.number() }).nullable().describe('set when this conversation was merged: where its messages went'),
  csat: CsatSchema.optional(),
});
const FieldValueSchema = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const ConversationPatchSchema = z.strictObject({
  status: ConversationStatusSchema.optional(),
  snoozedUntil: z.iso.datetime({ offset: true }).nullable().optional().describe('required with status snoozed'),
  customStatusId: UuidSchema.nullable().optional(),
  priority: z.enum(PRIORITIES).optional(),
  assigneeId: UuidSchema.nullable().optional(),
  teamId: UuidSchema.nullable().optional(),
  subject: z.string().trim().max(300).optional(),
  customFields: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'field keys are lower_snake_case'), FieldValueSchema).optional(),
});

/** The conversation view: messages, SLA state, and the satisfaction survey once resolved. */
async function describeConversationFully(services: Services, scope: AccountScope, request: FastifyRequest, conversationId: string) {
  const [conversation, csat] = await Promise.all([
    getConversation(services.db, scope, conversationId).then(async (found) => (await withSla(services, scope, [found]))[0]!),
    describeCsat(services.db, scope.accountId, conversationId),
  ]);
  const url = csat && new URL(`/csat/${csat.token}`, publicBaseUrl(request, services.config)).toString();
  return { ...conversation, csat: csat && url ? { url, rating: csat.rating, comment: csat.comment, ratedAt: csat.ratedAt } : null };
}

/** Adds each conversation's SLA state (due soon, breached…) for the inbox list and the conversation view. */
async function withSla<T extends { id: string }>(services: Services, scope: AccountScope, items: T[]) {
  const slas = await describeConversationSla(services.db, scope.accountId, items.map((item) => item.id), new Date());
  return items.map((item) => ({ ...item, sla: slas[item.id] ?? null }));
}

export const conversationRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/conversations',
    auth: 'account',
    summary: 'Conversations in my inboxes: views, filters, sorts, keyset pages',
    tags: TAGS,
    params: AccountParamsSchema,
    query: ConversationFiltersSchema.extend({ cursor: z.string().max(500).optional(), limit: LimitSchema }),
    response: z.object({ items: z.array(ConversationSummarySchema), nextCursor: z.string().nullable() }),
    async handler({ query }, { services, scope }) {
      const page = await listConversations(services.db, scope, query);
      return { ...page, items: await withSla(services, scope, page.items) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/conversations/counts',
    auth: 'account',
    summary: 'Open conversations per view (all, mine, unassigned, mentions)',
    tags: TAGS,
    params: AccountParamsSchema,
    response: z.object({ all: z.number(), mine: z.number(), unassigned: z.number(), mentions: z.number() }),
    handler: (_input, { services, scope }) => countConversationViews(services.db, scope),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/conversations',
    auth: 'account',
    summary: 'Open a conversation, optionally with the customer’s first message (API channel)',
    tags: TAGS,
    params: AccountParamsSchema,
    body: z.strictObject({
      inboxId: UuidSchema,
      contactId: UuidSchema,
      subject: z.string().trim().max(300).default(''),
      message: z.strictObject({ body: z.string().min(1).max(20_000) }).optional(),
      priority: z.enum(PRIORITIES).optional(),
    }),
    response: ConversationDetailSchema,
    status: 201,
    async handler({ body }, { services, scope, request }) {
      const now = new Date();
      const created = await createConversation(services.db, scope, {
        inboxId: body.inboxId,
        contactId: body.contactId,
        subject: body.subject,
        priority: body.priority,
        messages: body.message ? [{ direction: 'inbound', body: body.message.body, at: now }] : [],
      });
      return describeConversationFully(services, scope, request, created.id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId',
    auth: 'account',
    summary: 'A conversation with its messages',
    tags: TAGS,
    params: accountParamsWith('conversationId'),
    response: ConversationDetailSchema,
    handler: ({ params }, { services, scope, request }) => describeConversationFully(services, scope, request, params.conversationId),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId',
    auth: 'account',
    summary: 'Change status (incl. snooze and custom statuses), priority, assignee, team, subject or custom fields',
    tags: TAGS,
    params: accountParamsWith('conversationId'),
    body: ConversationPatchSchema,
    response: ConversationDetailSchema,
    async handler({ params, body }, { services, scope, request }) {
      await updateConversation(services.db, scope, params.conversationId, body);
      return describeConversationFully(services, scope, request, params.conversationId);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/conversations/bulk',
    auth: 'account',
    summary: 'Apply one change to many conversations (all or nothing)',
    tags: TAGS,
    params: AccountParamsSchema,
    body: z.strictObject({ conversationIds: z.array(UuidSchema).min(1).max(200), patch: ConversationPatchSchema }),
    response: z.object({ updated: z.number() }),
    handler: async ({ body }, { services, scope }) => ({ updated: (await bulkUpdateConversations(services.db, scope, body.conversationIds, body.patch)).length }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId/merge',
    auth: 'account',
    summary: 'Merge this conversation into another: its messages, labels and participants move there, and it is closed',
    tags: TAGS,
    params: accountParamsWith('conversationId'),
    body: z.strictObject({ targetConversationId: UuidSchema.describe('the conversation that stays') }),
    response: ConversationDetailSchema,
    async handler({ params, body }, { services, scope, request }) {
      await mergeConversation(services.db, scope, params.conversationId, body.targetConversationId);
      return describeConversationFully(services, scope, request, body.targetConversationId);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId/split',
    auth: 'account',
    summary: 'Move some messages of this conversation to a new conversation with the same contact and inbox',
    tags: TAGS,
    params: accountParamsWith('conversationId'),
    body: z.strictObject({
      messageIds: z.array(UuidSchema).min(1, 'choose at least one message').max(500),
      subject: z.string().trim().max(300).optional().describe('the new conversation’s subject; the original’s when absent'),
    }),
    response: ConversationDetailSchema,
    status: 201,
    async handler({ params, body }, { services, scope, request }) {
      const created = await splitConversation(services.db, scope, params.conversationId, body);
      return describeConversationFully(services, scope, request, created.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId/customer-messages',
    auth: 'account',
    summary: 'Record a message from the customer (API channel); reopens the conversation if it was not open; a merged conversation passes it on to the one it was merged into',
    tags: TAGS,
    params: accountParamsWith('conversationId'),
    body: z.strictObject({ body: z.string().min(1).max(20_000), clientKey: z.string().min(1).max(200).optional() }),
    response: z.object({ id: z.string(), conversationId: z.string().describe('where the message went (differs when the conversation was merged)'), createdAt: IsoDateSchema }),
    status: 201,
    async handler({ params, body }, { services, scope }) {
      const message = await receiveCustomerMessage(services.db, scope, params.conversationId, body);
      return { id: message.id, conversationId: message.conversationId, createdAt: message.createdAt.toISOString() };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId/read',
    auth: 'account',
    summary: 'Mark the conversation read for me',
    tags: TAGS,
    params: accountParamsWith('conversationId'),
    handler: ({ params }, { services, scope }) => markConversationRead(services.db, scope, params.conversationId),
  }),
];
