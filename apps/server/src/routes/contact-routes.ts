import { z } from 'zod';
import { getContact, listContacts } from '@touchpoint/contacts';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, accountParamsWith, ContactSchema, ConversationSummarySchema, LimitSchema, OrderSchema } from './schemas.ts';

export const contactRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts',
    auth: 'account',
    summary: 'Contacts, newest first; `q` matches name, email or phone',
    tags: ['Contacts'],
    params: AccountParamsSchema,
    query: z.strictObject({ q: z.string().max(200).optional(), limit: LimitSchema }),
    response: z.object({ items: z.array(ContactSchema) }),
    handler: async ({ query }, { services, scope }) => ({ items: await listContacts(services.db, scope, query) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/:contactId',
    auth: 'account',
    summary: 'A contact with their orders and conversations',
    tags: ['Contacts'],
    params: accountParamsWith('contactId'),
    response: ContactSchema.extend({ orders: z.array(OrderSchema), conversations: z.array(ConversationSummarySchema) }),
    handler: ({ params }, { services, scope }) => getContact(services.db, scope, params.contactId),
  }),
];
