import { z } from 'zod';
import { connectInboxChannel, disconnectInboxChannel, getInboxChannel, retryDelivery } from '@touchpoint/channels';
import { defineRoute } from '../http/route.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { AccountParamsSchema, accountParamsWith, InboxChannelSchema, UuidSchema } from './schemas.ts';

const T = ['Channels'];

const ChannelFieldSchema = z.object({
  key: z.string(),
  secret: z.boolean().optional(),
  required: z.boolean().optional(),
  kind: z.enum(['text', 'url', 'email', 'phone']).optional(),
  defaultValue: z.string().optional(),
});

const InboxChannelStateSchema = z.object({
  inboxId: z.string(),
  channel: z.string(),
  supported: z.boolean().describe('false for channels that have no provider to connect (in-store)'),
  connected: z.boolean(),
  connectedAt: z.string().nullable(),
  config: z.record(z.string(), z.string()),
  secretsSet: z.array(z.string()).describe('which secrets are set; their values are never returned'),
  fields: z.array(ChannelFieldSchema),
  webhookUrl: z.string().describe('give this URL to the provider: messages and statuses for this inbox arrive here'),
});

const SettingsValues = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a setting name'), z.string().max(4000));

const inboxParams = accountParamsWith('inboxId');

export const channelRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/channels', auth: 'admin', tags: T,
    summary: 'The channels that can be connected to a provider, with the settings each needs',
    params: AccountParamsSchema,
    response: z.array(z.object({ channel: InboxChannelSchema.or(z.string()), fields: z.array(ChannelFieldSchema) })),
    handler: async (_input, { services }) => [...services.channels.values()].map(({ channel, fields }) => ({ channel, fields })),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/inboxes/:inboxId/channel', auth: 'admin', tags: T,
    summary: "How an inbox's channel is connected: settings, which secrets are set, the webhook URL",
    params: inboxParams,
    response: InboxChannelStateSchema,
    handler: ({ params }, { services, scope, request }) => getInboxChannel(services.db, scope, params.inboxId, services.channels, publicBaseUrl(request, services.config)),
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/inboxes/:inboxId/channel', auth: 'admin', tags: T,
    summary: "Connect an inbox's channel: replies then go out through the provider. Secrets left out keep their value",
    params: inboxParams,
    body: z.strictObject({ config: SettingsValues.default({}), secrets: SettingsValues.default({}) }),
    response: InboxChannelStateSchema,
    handler: ({ params, body }, { services, scope, request }) => connectInboxChannel(services.db, scope, params.inboxId, services.channels, body, publicBaseUrl(request, services.config)),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/inboxes/:inboxId/channel', auth: 'admin', tags: T,
    summary: "Disconnect an inbox's channel (settings and secrets are forgotten; the conversations stay)",
    params: inboxParams,
    response: InboxChannelStateSchema,
    handler: ({ params }, { services, scope, request }) => disconnectInboxChannel(services.db, scope, params.inboxId, services.channels, publicBaseUrl(request, services.config)),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/conversations/:conversationId/messages/:messageId/retry-delivery', auth: 'account', tags: T,
    summary: 'Send a reply whose delivery failed again',
    params: z.strictObject({ accountId: UuidSchema, conversationId: UuidSchema, messageId: UuidSchema }),
    response: z.object({ id: z.string(), deliveryStatus: z.literal('pending') }),
    handler: ({ params }, { services, scope }) => retryDelivery(services.db, scope, params.conversationId, params.messageId),
  }),
];
