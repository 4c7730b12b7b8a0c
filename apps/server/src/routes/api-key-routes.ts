import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '@touchpoint/accounts';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, accountParamsWith, ApiKeySchema, NameSchema } from './schemas.ts';

export const apiKeyRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/api-keys',
    auth: 'admin',
    summary: 'Live API keys (never the secrets)',
    tags: ['API keys'],
    params: AccountParamsSchema,
    response: z.array(ApiKeySchema),
    handler: (_input, { services, scope }) => listApiKeys(services.db, scope),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/api-keys',
    auth: 'admin',
    summary: 'Create an API key; the secret is in this answer only',
    tags: ['API keys'],
    params: AccountParamsSchema,
    body: z.strictObject({ name: NameSchema }),
    response: z.object({ id: z.string(), name: z.string(), prefix: z.string(), key: z.string() }),
    status: 201,
    handler: ({ body }, { services, scope }) => createApiKey(services.db, scope, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/api-keys/:apiKeyId',
    auth: 'admin',
    summary: 'Revoke an API key; it stops working at once',
    tags: ['API keys'],
    params: accountParamsWith('apiKeyId'),
    handler: ({ params }, { services, scope }) => revokeApiKey(services.db, scope, params.apiKeyId),
  }),
];
