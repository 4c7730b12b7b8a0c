import { z } from 'zod';
import { getConversation, listConversations } from '@touchpoint/conversations';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, accountParamsWith, ConversationStatusSchema, ConversationSummarySchema, LimitSchema, MessageSchema, UuidSchema } from './schemas.ts';

export const conversationRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/conversations',
    auth: 'account',
    summary: 'Conversations in my inboxes, latest activity first',
    tags: ['Conversations'],
    params: AccountParamsSchema,
    query: z.strictObject({ status: ConversationStatusSchema.optional(), inboxId: UuidSchema.optional(), limit: LimitSchema }),
    response: z.object({ items: z.array(ConversationSummarySchema) }),
    handler: async ({ query }, { services, scope }) => ({ items: await listConversations(services.db, scope, query) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId',
    auth: 'account',
    summary: 'A conversation with its messages',
    tags: ['Conversations'],
    params: accountParamsWith('conversationId'),
    response: ConversationSummarySchema.extend({ messages: z.array(MessageSchema) }),
    handler: ({ params }, { services, scope }) => getConversation(services.db, scope, params.conversationId),
  }),
];
