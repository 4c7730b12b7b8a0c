import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, forbidden, type PublishedEvent } from '@touchpoint/core';
import {
  type ChannelInbox, WEB_CHAT, type WidgetVisitor, channelScope, describeVisitorChat, describeWidget, findInboxByChannelKey, findVisitorConversationForTyping,
  isOriginAllowed, markRepliesRead, MAX_VISITOR_MESSAGE_LENGTH, mintVisitorToken, openVisitorAttachment, rateVisitorConversation, resolveVisitor,
  saveVisitorProfile, sendVisitorMessage, listVisitorConversationIds, verifyUserHash,
} from '@touchpoint/channels';
import { handOverToPerson } from '@touchpoint/answer-bot';
import { ingestEvents } from '@touchpoint/customer-events';
import { uploadAttachment } from '@touchpoint/conversations';
import { openPortalFromWidget } from './web-chat-portal-link.ts';
import { setFileHeaders } from '../http/file-response.ts';
import { describeHelpCenterForWidget } from '@touchpoint/help-center';
import { defineRoute, registerRoutes } from '../http/route.ts';
import type { Services } from '../services.ts';
import { registerWidgetAssets } from './web-chat-assets.ts';
import { createWidgetRateLimiter } from './web-chat-rate-limit.ts';
import { createVisitorHub } from './web-chat-socket.ts';
import { createWidgetPromptRoutes } from './web-chat-prompts.ts';
import { widgetSurveyRoutes } from '../routes/survey-widget-routes.ts';

const TAGS = ['Web chat widget'];
const PREFIX = '/widget/v1/:channelKey';

/** The inbox each widget request names, found (and its Origin checked) before anything else runs. */
const inboxByRequest = new WeakMap<FastifyRequest, ChannelInbox>();

function widgetInbox(request: FastifyRequest): ChannelInbox {
  const inbox = inboxByRequest.get(request);
  if (!inbox) throw new AppError('internal', 'Internal error', 'The widget inbox was not resolved.');
  return inbox;
}

export function widgetVisitor(request: FastifyRequest): { inbox: ChannelInbox; visitor: WidgetVisitor } {
  const inbox = widgetInbox(request);
  return { inbox, visitor: resolveVisitor(request.headers.authorization, inbox.secrets.identitySecret) };
}

/** The page's origin: `Origin` (every cross-site request and WebSocket upgrade has one), else the Referer's. */
function requestOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return origin;
  const referer = request.headers.referer;
  return typeof referer === 'string' && URL.canParse(referer) ? new URL(referer).origin : null;
}

const ChannelKeyParamsSchema = z.strictObject({ channelKey: z.string().regex(/^[0-9a-f]{32}$/, 'must be the inbox key from the snippet') });
const ConversationParamsSchema = z.strictObject({ channelKey: ChannelKeyParamsSchema.shape.channelKey, conversationId: z.uuid() });
const ProfileSchema = z.strictObject({
  name: z.string().max(200).optional(),
  email: z.string().max(254).optional().describe('checked as an email address when not empty'),
  locale: z.string().max(10).optional().describe('en, ja or zh; others are ignored'),
});

const VisitorMessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  body: z.string(),
  author: z.string().nullable(),
  bot: z.boolean().optional().describe('written by the answer bot'),
  choices: z.array(z.string()).optional().describe('quick replies under an answer-bot message'),
  attachments: z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), byteSize: z.number() })),
  createdAt: z.string(),
});

const VisitorSchema = z.object({ name: z.string(), email: z.string().nullable() }).nullable();


async function* readUpload(file: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk as Buffer;
  } catch (error) {
    throw new AppError('malformed_body', 'Malformed body', `The upload could not be read: ${(error as Error).message}`);
  }
}

/**
 * The public widget API, for a connected web_chat inbox named by its key. Every request must come from a page whose
 * origin the inbox allows (403 otherwise, and CORS headers only for those). Visitor calls carry
 * `Authorization: Visitor <token>` (a token from POST …/visitors, kept in the visitor's browser) or
 * `User <base64url id>.<hex HMAC>` for users the host site signed in; each answers only about that visitor's own
 * conversations.
 */
export const widgetRoutes = [
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/config`,
    auth: 'public',
    summary: 'The chat’s name, greeting and colour, business hours, whether an agent is online, the typical reply time, the upload limit',
    tags: TAGS,
    params: ChannelKeyParamsSchema,
    response: z.object({
      name: z.string(),
      accountName: z.string(),
      greeting: z.string().nullable(),
      color: z.string(),
      identityVerification: z.boolean(),
      businessHours: z.object({ open: z.boolean(), nextOpenAt: z.string().nullable(), timeZone: z.string() }).nullable(),
      agentsOnline: z.boolean(),
      expectedReplyMinutes: z.number().nullable(),
      maxUploadBytes: z.number(),
      helpCenter: z.object({ handle: z.string(), locales: z.array(z.enum(['en', 'ja', 'zh'])), searchPath: z.string(), articlesPath: z.string() }).nullable().describe('the help center the widget can search (null when nothing is published)'),
    }),
    handler: async (_input, { services, request }) => ({
      ...(await describeWidget(services.db, widgetInbox(request))),
      maxUploadBytes: services.config.files.maxBytes,
      helpCenter: await describeHelpCenterForWidget(services.db, widgetInbox(request).accountId),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/visitors`,
    auth: 'public',
    summary: 'A new anonymous visitor token (kept by the widget in the visitor’s browser); nothing is stored until the visitor writes',
    tags: TAGS,
    params: ChannelKeyParamsSchema,
    response: z.object({ token: z.string() }),
    status: 201,
    handler: async () => ({ token: mintVisitorToken() }),
  }),
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/chat`,
    auth: 'public',
    summary: 'The visitor’s current conversation: its latest 100 public messages (never notes), status, when an agent read it, the CSAT question',
    tags: TAGS,
    params: ChannelKeyParamsSchema,
    response: z.object({
      visitor: VisitorSchema,
      conversation: z.object({
        id: z.string(),
        number: z.number(),
        status: z.string(),
        botHandling: z.boolean().describe('the answer bot is answering: offer “talk to a person”'),
        agentReadAt: z.string().nullable(),
        csat: z.object({ requested: z.boolean(), rating: z.number().nullable() }).nullable(),
        messages: z.array(VisitorMessageSchema),
      }).nullable(),
    }),
    handler: async (_input, { services, request }) => {
      const { inbox, visitor } = widgetVisitor(request);
      return describeVisitorChat(services.db, inbox, visitor);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/profile`,
    auth: 'public',
    summary: 'The pre-chat or offline form: the visitor’s name and email (an email already known for another contact is not linked)',
    tags: TAGS,
    params: ChannelKeyParamsSchema,
    body: ProfileSchema,
    response: z.object({ visitor: VisitorSchema }),
    handler: async ({ body }, { services, request }) => {
      const { inbox, visitor } = widgetVisitor(request);
      const contact = await saveVisitorProfile(services.db, inbox, visitor, body);
      return { visitor: { name: contact.name, email: contact.email } };
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/messages`,
    auth: 'public',
    summary: 'Send a message; the same clientId twice stores it once (duplicate: true)',
    tags: TAGS,
    params: ChannelKeyParamsSchema,
    body: z.strictObject({
      clientId: z.string().describe('the widget’s id for the message, 8–64 letters, digits, _ or -'),
      body: z.string().max(MAX_VISITOR_MESSAGE_LENGTH).default(''),
      attachmentIds: z.array(z.uuid()).max(10).optional(),
      pageUrl: z.string().max(2000).optional(),
      ...ProfileSchema.shape,
    }),
    response: z.object({ message: VisitorMessageSchema, duplicate: z.boolean() }),
    status: 201,
    handler: async ({ body }, { services, request }) => {
      const { inbox, visitor } = widgetVisitor(request);
      return sendVisitorMessage(services.db, inbox, visitor, {
        clientId: body.clientId,
        body: body.body,
        attachmentIds: body.attachmentIds,
        pageUrl: body.pageUrl ?? null,
        profile: { name: body.name, email: body.email, locale: body.locale },
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/attachments`,
    auth: 'public',
    summary: 'Upload a file (multipart/form-data, one part named `file`, up to the console’s limit) to send with a message',
    tags: TAGS,
    params: ChannelKeyParamsSchema,
    multipartBody: z.object({ file: z.file() }),
    response: z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), byteSize: z.number() }),
    status: 201,
    handler: async (_input, { services, request }) => {
      const { inbox } = widgetVisitor(request);
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Unsupported media type', 'Send the file as multipart/form-data.');
      const part = await request.file({ limits: { files: 1, fileSize: services.config.files.maxBytes + 1 }, throwFileSizeLimit: false });
      if (!part) throw new AppError('validation_failed', 'Invalid request', 'file: is missing', { errors: [{ path: 'file', message: 'is missing' }] });
      const stored = await uploadAttachment(services.db, services.files, channelScope(inbox), { fileName: part.filename, contentType: part.mimetype, content: readUpload(part.file) }, services.config.files.maxBytes);
      return { id: stored.id, fileName: stored.fileName, contentType: stored.contentType, byteSize: stored.byteSize };
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/attachments/:attachmentId`,
    auth: 'public',
    summary: 'A file of the visitor’s conversation (PNG, JPEG, GIF and WebP inline, anything else as a download)',
    tags: TAGS,
    params: z.strictObject({ channelKey: ChannelKeyParamsSchema.shape.channelKey, attachmentId: z.uuid() }),
    response: z.string().describe('the file’s bytes'),
    handler: async ({ params }, { services, request, reply }) => {
      const { inbox, visitor } = widgetVisitor(request);
      const { attachment, content } = await openVisitorAttachment(services.db, services.files, inbox, visitor, params.attachmentId);
      setFileHeaders(reply, attachment, { cacheControl: 'private, no-store' });
      return content as unknown as string;
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/typing`,
    auth: 'public',
    summary: 'The visitor is typing (or stopped): agents with the conversation open see it',
    tags: TAGS,
    params: ChannelKeyParamsSchema,
    body: z.strictObject({ typing: z.boolean() }),
    handler: async ({ body }, { services, request }) => {
      const { inbox, visitor } = widgetVisitor(request);
      const current = await findVisitorConversationForTyping(services.db, inbox, visitor);
      if (!current) return;
      // Like agents' presence: straight on the bus, never stored. The console shows "<name> is typing…".
      const event: PublishedEvent = {
        id: 0,
        type: 'presence.changed',
        accountId: inbox.accountId,
        payload: { conversationId: current.conversationId, userId: `visitor:${current.contact.id}`, name: current.contact.name, state: body.typing ? 'typing' : 'idle' },
        audience: { kind: 'inbox', inboxId: inbox.id },
        occurredAt: new Date().toISOString(),
      };
      await services.bus.publish([event]);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/conversations/:conversationId/read`,
    auth: 'public',
    summary: 'The visitor has seen the agents’ replies: they are marked read',
    tags: TAGS,
    params: ConversationParamsSchema,
    response: z.object({ read: z.number() }),
    handler: async ({ params }, { services, request }) => {
      const { inbox, visitor } = widgetVisitor(request);
      return markRepliesRead(services.db, inbox, visitor, params.conversationId);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/conversations/:conversationId/handover`,
    auth: 'public',
    summary: 'Talk to a person: the answer bot hands the conversation over at once (nothing happens when it is not answering)',
    tags: TAGS,
    params: ConversationParamsSchema,
    response: z.object({ handedOver: z.boolean() }),
    handler: async ({ params }, { services, request }) => {
      const { inbox, visitor } = widgetVisitor(request);
      if (!(await listVisitorConversationIds(services.db, inbox, visitor)).includes(params.conversationId)) throw new AppError('not_found', 'Not found', 'No such conversation.');
      return handOverToPerson(services.db, inbox.accountId, params.conversationId);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/conversations/:conversationId/csat`,
    auth: 'public',
    summary: 'Rate a resolved conversation (1–5, and a comment); rating again replaces the answer',
    tags: TAGS,
    params: ConversationParamsSchema,
    body: z.strictObject({ rating: z.number().int().min(1).max(5), comment: z.string().max(2000).default('') }),
    handler: async ({ params, body }, { services, request }) => {
      const { inbox, visitor } = widgetVisitor(request);
      await rateVisitorConversation(services.db, inbox, visitor, params.conversationId, body);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/portal-link`,
    auth: 'public',
    summary: 'A one-time link (valid 2 minutes) that opens the customer portal already signed in, for users the host site verified (`User` authorization only)',
    tags: TAGS,
    params: ChannelKeyParamsSchema,
    body: ProfileSchema.nullish().describe('what the host page tells about the user (as for …/profile), saved the first time'),
    response: z.object({ url: z.string(), expiresAt: z.string() }),
    status: 201,
    handler: async ({ body }, { services, request }) => {
      const { inbox, visitor } = widgetVisitor(request);
      return openPortalFromWidget(services, request, inbox, visitor, body ?? {});
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/events`,
    auth: 'public',
    summary: 'Browser SDK events (track/page/identify/alias, docs/events.md): a userId counts only with its userHash (HMAC with the inbox’s identity secret); otherwise the events stay on the anonymous id',
    tags: TAGS,
    params: ChannelKeyParamsSchema,
    body: z.strictObject({ batch: z.array(z.unknown()).min(1).max(50), userId: z.string().max(200).optional(), userHash: z.string().max(64).optional() }),
    response: z.object({ accepted: z.number(), duplicates: z.number(), errors: z.array(z.object({ index: z.number(), message: z.string() })) }),
    handler: async ({ body }, { services, request }) => {
      const inbox = widgetInbox(request);
      const secret = inbox.secrets.identitySecret;
      const verified = new Set(body.userId && body.userHash && secret && verifyUserHash(secret, body.userId, body.userHash.toLowerCase()) ? [body.userId] : []);
      return ingestEvents(services.db, inbox.accountId, body.batch, { source: 'sdk', verifiedUserIds: verified });
    },
  }),
  ...widgetSurveyRoutes,
];

/**
 * The web chat: the widget's scripts, its API and its customers' sockets. The API lives in a scope of its own whose
 * first hook finds the inbox (404 for an unknown key or a disconnected inbox) and checks the page's origin (403),
 * and answers CORS for allowed origins only. No cookies are involved, so no CSRF token either.
 */
export function registerWebChatWidget(app: FastifyInstance, services: Services) {
  const hub = createVisitorHub({ db: services.db, bus: services.bus, onError: (error) => app.log.error({ err: error }, 'widget socket failed') });
  app.addHook('preClose', async () => hub.closeAll());
  registerWidgetAssets(app, services.config.widgetDist);

  const limit = createWidgetRateLimiter();

  void app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const { channelKey } = request.params as { channelKey?: string };
      const inbox = channelKey ? await findInboxByChannelKey(services.db, WEB_CHAT, channelKey) : null;
      if (!inbox) throw new AppError('not_found', 'Not found', 'No chat has this key (or its inbox is not connected).');
      const origin = requestOrigin(request);
      if (!isOriginAllowed(inbox, origin)) throw forbidden(`This chat may not be used from ${origin ?? 'a page without an origin'}: add the site to the inbox’s allowed origins.`);
      reply.header('access-control-allow-origin', origin).header('vary', 'origin');
      inboxByRequest.set(request, inbox);
      // POST …/messages → "messages": public writes are limited per client address and inbox.
      if (request.method === 'POST') limit(request.url.split('?')[0]!.split('/')[4] ?? '', request.ip, inbox.id);
    });

    scope.options(`${PREFIX}/*`, { schema: { hide: true } }, async (_request, reply) => reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '600')
      .send());

    registerRoutes(scope, services, [...widgetRoutes, ...createWidgetPromptRoutes(widgetVisitor)]);

    scope.get(`${PREFIX}/socket`, { websocket: true, schema: { hide: true } }, (socket, request) => {
      hub.add(socket, widgetInbox(request));
    });
  });
}
