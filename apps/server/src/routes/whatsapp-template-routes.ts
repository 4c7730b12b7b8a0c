import { z } from 'zod';
import { describeWhatsAppConversation, listWhatsAppTemplates, sendWhatsAppTemplate, syncWhatsAppTemplates } from '@touchpoint/channels';
import { defineRoute } from '../http/route.ts';
import { accountParamsWith, IsoDateSchema, MessageSchema } from './schemas.ts';

const T = ['Channels'];

const WhatsAppTemplateSchema = z.object({
  name: z.string(),
  language: z.string().describe("Meta's language code, e.g. en_US, ja, zh_CN"),
  category: z.string().describe('MARKETING | UTILITY | AUTHENTICATION'),
  status: z.string().describe('APPROVED | PENDING | REJECTED | PAUSED | DISABLED, as Meta says'),
  bodyText: z.string().describe('the body with its variables: {{1}}, {{2}} (or {{name}})'),
  variables: z.array(z.string()).describe('the variables a send fills, in the order of `variables[]`'),
  preview: z.string().describe('header, body and footer as the customer reads them, variables unfilled'),
  sendable: z.boolean().describe('whether Touchpoint can send it (approved, and no media header or button variable)'),
  unsendableReason: z.string().nullable(),
  syncedAt: IsoDateSchema,
});

const inboxParams = accountParamsWith('inboxId');
const conversationParams = accountParamsWith('conversationId');

export const whatsAppTemplateRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/inboxes/:inboxId/whatsapp-templates', auth: 'admin', tags: T,
    summary: "A WhatsApp inbox's message templates, as last synced from Meta",
    params: inboxParams,
    response: z.array(WhatsAppTemplateSchema),
    handler: ({ params }, { services, scope }) => listWhatsAppTemplates(services.db, scope, params.inboxId),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/inboxes/:inboxId/whatsapp-templates/sync', auth: 'admin', tags: T,
    summary: "Fetch a WhatsApp inbox's templates from Meta (the channel's businessAccountId) and keep them",
    params: inboxParams,
    response: z.array(WhatsAppTemplateSchema),
    handler: ({ params }, { services, scope }) => syncWhatsAppTemplates(services.db, scope, params.inboxId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/conversations/:conversationId/whatsapp-templates', auth: 'account', tags: T,
    summary: "Whether a WhatsApp conversation's 24-hour window is open, and the approved templates that reach the customer anyway",
    params: conversationParams,
    response: z.object({
      connected: z.boolean().describe('whether the inbox sends through WhatsApp at all; the window matters only then'),
      window: z.object({
        open: z.boolean().describe('free-form replies reach the customer only while this is true'),
        lastInboundAt: IsoDateSchema.nullable(),
        closesAt: IsoDateSchema.nullable(),
      }),
      templates: z.array(WhatsAppTemplateSchema),
    }),
    handler: ({ params }, { services, scope }) => describeWhatsAppConversation(services.db, scope, params.conversationId),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/conversations/:conversationId/whatsapp-template', auth: 'account', tags: T,
    summary: 'Send an approved WhatsApp template with its variables (reaches the customer outside the 24-hour window too)',
    params: conversationParams,
    body: z.strictObject({
      name: z.string().trim().min(1).max(512),
      language: z.string().trim().min(1).max(20),
      variables: z.array(z.string().max(1024)).max(100).default([]).describe('one value per template variable, in order'),
      clientKey: z.string().min(1).max(200).optional().describe('idempotency key: a retry with the same key returns the first message'),
    }),
    response: MessageSchema,
    status: 201,
    handler: ({ params, body }, { services, scope }) => sendWhatsAppTemplate(services.db, scope, params.conversationId, body),
  }),
];
