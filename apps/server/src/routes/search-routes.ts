import { z } from 'zod';
import { searchEverything } from '@touchpoint/conversations';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, ConversationSummarySchema, IsoDateSchema } from './schemas.ts';

export const searchRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/search',
    auth: 'account',
    summary: 'Search conversations (number, subject, messages), messages and contacts — English, Japanese and Chinese, typo tolerant, no time window',
    tags: ['Search'],
    params: AccountParamsSchema,
    query: z.strictObject({ q: z.string().trim().min(1, 'type something to search for').max(200), limit: z.coerce.number().int().min(1).max(50).default(20) }),
    response: z.object({
      conversations: z.array(ConversationSummarySchema),
      messages: z.array(z.object({ id: z.string(), conversationId: z.string(), number: z.number(), subject: z.string(), direction: z.string(), snippet: z.string(), createdAt: IsoDateSchema })),
      contacts: z.array(z.object({ id: z.string(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable() })),
      correctedQuery: z.string().optional().describe('Present when nothing matched as typed and this spelling correction was searched instead (refnud → refund)'),
    }),
    handler: ({ query }, { services, scope }) => searchEverything(services.db, scope, query.q, query.limit),
  }),
];
