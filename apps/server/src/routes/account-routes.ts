import { z } from 'zod';
import { getAccount, listAuditLog, updateAccount } from '@touchpoint/accounts';
import { countContactsAndRecentOrders } from '@touchpoint/contacts';
import { countConversationWork } from '@touchpoint/conversations';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, AccountSchema, AuditEntrySchema, LocaleSchema, NameSchema } from './schemas.ts';

const TimeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Tokyo');

export const accountRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId',
    auth: 'account',
    summary: 'The account and my role in it',
    tags: ['Account'],
    params: AccountParamsSchema,
    response: AccountSchema,
    handler: (_input, { services, scope }) => getAccount(services.db, scope),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:accountId',
    auth: 'admin',
    summary: 'Change the account’s name, shared purpose statement, time zone or default language',
    tags: ['Account'],
    params: AccountParamsSchema,
    body: z.strictObject({
      name: NameSchema.optional(),
      purposeStatement: z.string().trim().max(2000).optional(),
      timeZone: TimeZoneSchema.optional(),
      defaultLocale: LocaleSchema.optional(),
    }),
    response: AccountSchema,
    handler: ({ body }, { services, scope }) => updateAccount(services.db, scope, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/home',
    auth: 'account',
    summary: 'The agent home page: the shared purpose statement and what is waiting',
    tags: ['Account'],
    params: AccountParamsSchema,
    response: z.object({
      purposeStatement: z.string(),
      counts: z.object({ openConversations: z.number(), unassignedConversations: z.number(), mine: z.number(), contacts: z.number(), ordersLast30Days: z.number() }),
    }),
    async handler(_input, { services, scope }) {
      const [account, work, customers] = await Promise.all([getAccount(services.db, scope), countConversationWork(services.db, scope), countContactsAndRecentOrders(services.db, scope)]);
      return { purposeStatement: account.purposeStatement, counts: { ...work, ...customers } };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/audit-log',
    auth: 'admin',
    summary: 'Admin actions, newest first',
    tags: ['Account'],
    params: AccountParamsSchema,
    query: z.strictObject({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ items: z.array(AuditEntrySchema), nextCursor: z.number().nullable() }),
    handler: ({ query }, { services, scope }) => listAuditLog(services.db, scope, query),
  }),
];
