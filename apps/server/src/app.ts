import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { AppError } from '@touchpoint/core';
import { registerChannelWebhooks } from './channels/channel-webhooks.ts';
import { registerWebChatWidget } from './channels/web-chat-widget.ts';
import { registerConsoleAssets } from './http/console-assets.ts';
import { buildLoggerOptions } from './http/logging.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerPortalAssets } from './http/portal-assets.ts';
import { registerProblemHandlers } from './http/problem.ts';
import { registerRoutes } from './http/route.ts';
import type { SocketHub } from './realtime/socket-hub.ts';
import { accountRoutes } from './routes/account-routes.ts';
import { apiKeyRoutes } from './routes/api-key-routes.ts';
import { attachmentRoutes } from './routes/attachment-routes.ts';
import { automationRoutes } from './routes/automation-routes.ts';
import { commerceRoutes } from './routes/commerce-routes.ts';
import { contactRoutes } from './routes/contact-routes.ts';
import { channelRoutes } from './routes/channel-routes.ts';
import { csatRoutes, registerCsatPages } from './routes/csat-routes.ts';
import { conversationRoutes } from './routes/conversation-routes.ts';
import { registerHelpCenterPages } from './routes/help-center-public-routes.ts';
import { registerDelightPages } from './pages/delight-card-page.ts';
import { registerGamePages } from './routes/game-page-routes.ts';
import { helpCenterRoutes } from './routes/help-center-routes.ts';
import { labelRoutes } from './routes/label-routes.ts';
import { messageRoutes } from './routes/message-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { savedViewRoutes } from './routes/saved-view-routes.ts';
import { searchRoutes } from './routes/search-routes.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';
import { memberRoutes } from './routes/member-routes.ts';
import { consentRoutes } from './routes/consent-routes.ts';
import { portalCommerceRoutes } from './routes/portal-commerce-routes.ts';
import { portalRoutes } from './routes/portal-routes.ts';
import { registerRealtimeRoute } from './routes/realtime-route.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { slaRoutes } from './routes/sla-routes.ts';
import { whatsAppTemplateRoutes } from './routes/whatsapp-template-routes.ts';
import { answerBotRoutes } from './routes/answer-bot-routes.ts';
import { customerEventRoutes } from './routes/customer-event-routes.ts';
import { segmentRoutes } from './routes/segment-routes.ts';
import { messageTemplateRoutes } from './routes/message-template-routes.ts';
import { outreachRoutes } from './routes/outreach-routes.ts';
import { journeyRoutes } from './routes/journey-routes.ts';
import { promptRoutes, registerPortalPromptSocket } from './routes/prompt-routes.ts';
import { registerSurveyPages, surveyRoutes } from './routes/survey-routes.ts';
import { registerReferralPages } from './routes/referral-pages.ts';
import { touchpointRoutes } from './routes/touchpoint-routes.ts';
import { rewardRoutes } from './routes/reward-routes.ts';
import { gameRoutes } from './routes/game-routes.ts';
import { puzzleRoutes } from './routes/puzzle-routes.ts';
import { giftRoutes } from './routes/gift-routes.ts';
import { registerGiftPages } from './pages/gift-pages.ts';
import { liveFeedRoutes } from './routes/live-feed-routes.ts';
import { registerLiveFeedPages } from './pages/live-feed-pages.ts';
import { delightRoutes } from './routes/delight-routes.ts';
import { referralRoutes } from './routes/referral-routes.ts';
import type { Services } from './services.ts';

export const API_ROUTES = [
  ...sessionRoutes,
  ...accountRoutes,
  ...memberRoutes,
  ...apiKeyRoutes,
  ...conversationRoutes,
  ...messageRoutes,
  ...attachmentRoutes,
  ...labelRoutes,
  ...savedViewRoutes,
  ...searchRoutes,
  ...reportRoutes,
  ...csatRoutes,
  ...contactRoutes,
  ...slaRoutes,
  ...automationRoutes,
  ...channelRoutes,
  ...whatsAppTemplateRoutes,
  ...commerceRoutes,
  ...portalRoutes,
  ...portalCommerceRoutes,
  ...consentRoutes,
  ...answerBotRoutes,
  ...helpCenterRoutes,
  // experience engine (issue 7)
  ...customerEventRoutes,
  ...segmentRoutes,
  ...messageTemplateRoutes,
  ...outreachRoutes,
  ...journeyRoutes,
  ...promptRoutes,
  ...surveyRoutes,
  ...touchpointRoutes,
  ...rewardRoutes,
  ...gameRoutes,
  ...puzzleRoutes,
  ...giftRoutes,
  ...liveFeedRoutes,
  ...delightRoutes,
  ...referralRoutes,
];

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface BuildAppOptions {
  /** A logger to use instead of building one from the config (tests capture log lines this way). */
  logger?: FastifyBaseLogger;
}

export async function buildApp(services: Services, hub: SocketHub, options: BuildAppOptions = {}) {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: buildLoggerOptions(services.config) }),
    bodyLimit: services.config.bodyLimitBytes,
    trustProxy: services.config.trustProxy,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerProblemHandlers(app);
  // The API speaks JSON only; other body types are refused with 415 rather than half-parsed.
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyCookie);
  // Only routes declaring a multipart body read one (as a stream, part by part); the others refuse it like text.
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 10, parts: 11 } });
  app.addHook('preValidation', async (request) => {
    const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
    if (request.isMultipart() && !consumes.includes('multipart/form-data')) {
      throw new AppError('unsupported_media_type', 'Unsupported media type', 'Send the body as application/json.');
    }
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await registerOpenApi(app);
  registerHealthRoutes(app, services);
  registerRoutes(app, services, API_ROUTES);
  registerRealtimeRoute(app, services, hub);
  registerCsatPages(app, services);
  registerSurveyPages(app, services);
  registerGiftPages(app, services);
  registerLiveFeedPages(app, services);
  registerReferralPages(app, services);
  registerHelpCenterPages(app, services);
  registerDelightPages(app, services);
  registerGamePages(app, services);
  registerChannelWebhooks(app, services);
  registerWebChatWidget(app, services);
  registerPortalPromptSocket(app, services);
  registerPortalAssets(app, services.config.portalDist);
  await registerConsoleAssets(app, services.config.consoleDist);
  return app;
}
