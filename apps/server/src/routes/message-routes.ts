import { z } from 'zod';
import { cancelScheduledMessage, listNotifications, markNotificationsRead, postAgentMessage, renderCannedReply } from '@touchpoint/conversations';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, IsoDateSchema, MessageSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Messages'];

export const messageRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId/messages',
    auth: 'account',
    summary: 'Reply to the customer or add a private note; @mention teammates; send later with scheduledFor; attach uploads with attachmentIds',
    tags: TAGS,
    params: z.strictObject({ accountId: UuidSchema, conversationId: UuidSchema }),
    body: z.strictObject({
      kind: z.enum(['reply', 'note']),
      body: z.string().trim().max(20_000).describe('may be empty when attachmentIds has files'),
      mentionUserIds: z.array(UuidSchema).max(50).optional(),
      scheduledFor: z.iso.datetime({ offset: true }).nullable().optional(),
      clientKey: z.string().min(1).max(200).optional().describe('idempotency key: a retry with the same key returns the first message'),
      attachmentIds: z.array(UuidSchema).max(20).optional().describe('uploads (POST …/attachments) that no message has yet'),
      channelOptions: z.record(z.string().max(50), z.union([z.string().max(200), z.number(), z.boolean()]))
        .refine((options) => Object.keys(options).length <= 10, 'at most 10 options')
        .optional()
        .describe('how the channel sends this reply, kept in its channelData; on a Messenger or Instagram comment: { "replyMode": "public" | "private" }'),
    }),
    response: MessageSchema,
    status: 201,
    handler: ({ params, body }, { services, scope }) => postAgentMessage(services.db, scope, params.conversationId, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId/messages/:messageId',
    auth: 'account',
    summary: 'Cancel a scheduled reply that has not gone out',
    tags: TAGS,
    params: z.strictObject({ accountId: UuidSchema, conversationId: UuidSchema, messageId: UuidSchema }),
    handler: ({ params }, { services, scope }) => cancelScheduledMessage(services.db, scope, params.conversationId, params.messageId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/conversations/:conversationId/canned-replies/:cannedReplyId/render',
    auth: 'account',
    summary: 'A canned reply with this conversation’s variables filled in, for the composer',
    tags: TAGS,
    params: z.strictObject({ accountId: UuidSchema, conversationId: UuidSchema, cannedReplyId: UuidSchema }),
    response: z.object({ body: z.string() }),
    handler: ({ params }, { services, scope }) => renderCannedReply(services.db, scope, params.cannedReplyId, params.conversationId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/notifications',
    auth: 'account',
    summary: 'My notifications (mentions, assignments), newest first',
    tags: ['Notifications'],
    params: AccountParamsSchema,
    query: z.strictObject({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.array(z.object({ id: z.string(), kind: z.string(), conversationId: z.string().nullable(), messageId: z.string().nullable(), text: z.string(), readAt: IsoDateSchema.nullable(), createdAt: IsoDateSchema })),
    handler: ({ query }, { services, scope }) => listNotifications(services.db, scope, { unreadOnly: query.unread === 'true', limit: query.limit }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/notifications/read',
    auth: 'account',
    summary: 'Mark notifications read (all of mine when ids is absent)',
    tags: ['Notifications'],
    params: AccountParamsSchema,
    body: z.strictObject({ ids: z.array(UuidSchema).max(500).optional() }),
    handler: ({ body }, { services, scope }) => markNotificationsRead(services.db, scope, body.ids ?? null),
  }),
];
