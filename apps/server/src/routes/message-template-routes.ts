import { z } from 'zod';
import { requireLiveContact } from '@touchpoint/contacts';
import {
  createMessageTemplate, deleteMessageTemplate, getMessageTemplate, listMessageTemplates, listTemplateVersions, personalizeBuiltInTemplate,
  renderMessageTemplate, TEMPLATE_CHANNELS, TemplateInputSchema, TemplatePatchSchema, TemplateVariantSchema, TEMPLATE_LOCALES, updateMessageTemplate, WhatsAppTemplateRefSchema,
} from '@touchpoint/message-templates';
import { publicBaseUrl } from '../http/public-url.ts';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Message templates'];
const ParamsSchema = AccountParamsSchema.extend({ templateId: z.string().min(1).max(80) });
const VariantSchema = z.object({ subject: z.string().optional(), html: z.string().optional(), text: z.string(), title: z.string().optional(), ctaLabel: z.string().optional(), ctaUrl: z.string().optional() });
const TemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  channel: z.enum(TEMPLATE_CHANNELS),
  status: z.enum(['draft', 'active']),
  builtIn: z.boolean(),
  builtInKey: z.string().nullable(),
  locales: z.array(z.string()),
  variants: z.record(z.string(), VariantSchema),
  whatsAppTemplate: z.object({ name: z.string(), language: z.string(), parameters: z.array(z.string()) }).nullable(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
const actorId = (actor: { type: string; id: string | null }) => (actor.type === 'user' ? actor.id : null);

/** Message templates: Liquid per channel and language, versions, built-ins and preview (docs/message-templates.md). */
export const messageTemplateRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/message-templates', auth: 'account', tags: TAGS,
    summary: 'The account’s templates (newest first), then the built-ins (onboarding, thank-you, nurture, win-back)',
    params: AccountParamsSchema,
    response: z.object({ templates: z.array(TemplateSchema.omit({ variants: true })) }),
    handler: async (_request, { services, scope }) => ({ templates: (await listMessageTemplates(services.db, scope.accountId)).map(({ variants: _variants, ...template }) => template) }),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/message-templates', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Create a template; every part is checked for Liquid syntax and each channel’s required parts',
    params: AccountParamsSchema, body: TemplateInputSchema, response: TemplateSchema,
    handler: ({ body }, { services, scope }) => createMessageTemplate(services.db, scope.accountId, actorId(scope.actor), body),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/message-templates/:templateId', auth: 'account', tags: TAGS,
    summary: 'One template with its language variants (a built-in’s id is `builtin.<key>`)',
    params: ParamsSchema, response: TemplateSchema,
    handler: ({ params }, { services, scope }) => getMessageTemplate(services.db, scope.accountId, params.templateId),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/accounts/:accountId/message-templates/:templateId', auth: 'admin', tags: TAGS,
    summary: 'Save a new version (the previous one stays in the history); `version` must be the one you edited, else 409',
    params: ParamsSchema, body: TemplatePatchSchema.extend({ version: z.number().int().min(1).optional() }), response: TemplateSchema,
    handler: ({ params, body: { version, ...patch } }, { services, scope }) => updateMessageTemplate(services.db, scope.accountId, actorId(scope.actor), params.templateId, patch, version),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/message-templates/:templateId', auth: 'admin', tags: TAGS,
    summary: 'Delete a template and its history (built-ins cannot be deleted)',
    params: ParamsSchema,
    handler: ({ params }, { services, scope }) => deleteMessageTemplate(services.db, scope.accountId, params.templateId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/message-templates/:templateId/versions', auth: 'account', tags: TAGS,
    summary: 'Earlier versions of a template, newest first, with who saved them',
    params: ParamsSchema,
    response: z.object({ versions: z.array(z.object({ version: z.number().int(), name: z.string(), status: z.enum(['draft', 'active']), variants: z.record(z.string(), VariantSchema), savedAt: z.string(), savedBy: z.string().nullable() })) }),
    handler: async ({ params }, { services, scope }) => ({ versions: await listTemplateVersions(services.db, scope.accountId, params.templateId) }),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/message-templates/:templateId/personalize', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Copy a built-in template into the account as a draft, to edit it',
    params: ParamsSchema, response: TemplateSchema,
    handler: async ({ params }, { services, scope }) => {
      await getMessageTemplate(services.db, scope.accountId, params.templateId);
      return personalizeBuiltInTemplate(services.db, scope.accountId, actorId(scope.actor), params.templateId);
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/message-templates/:templateId/preview', auth: 'account', tags: TAGS,
    summary: 'Render the template (or unsaved `draft` variants) for a customer in a language: the message, or the exact error that would suppress it',
    params: ParamsSchema,
    body: z.strictObject({
      contactId: UuidSchema,
      locale: z.enum(TEMPLATE_LOCALES).optional(),
      event: z.strictObject({ name: z.string().min(1).max(200), properties: z.record(z.string(), z.unknown()).optional() }).optional(),
      draft: z.strictObject({ variants: z.partialRecord(z.enum(TEMPLATE_LOCALES), TemplateVariantSchema), whatsAppTemplate: WhatsAppTemplateRefSchema.nullable().optional() }).optional(),
    }),
    response: z.object({
      ok: z.boolean(),
      locale: z.string().optional(),
      error: z.string().optional(),
      content: z.object({ subject: z.string().nullable().optional(), text: z.string(), html: z.string().nullable().optional(), title: z.string().nullable().optional(), cta: z.object({ label: z.string(), url: z.string() }).nullable().optional() }).optional(),
    }),
    handler: async ({ params, body }, { services, scope, request }) => {
      await getMessageTemplate(services.db, scope.accountId, params.templateId);
      await requireLiveContact(services.db, scope.accountId, body.contactId);
      const publicUrl = publicBaseUrl(request, services.config).toString();
      const draft = body.draft ? { variants: body.draft.variants as Record<string, { text: string }>, whatsAppTemplate: body.draft.whatsAppTemplate ?? null } : undefined;
      const result = await renderMessageTemplate(services.db, scope.accountId, params.templateId, { contactId: body.contactId, locale: body.locale, event: body.event ?? null }, { publicUrl, draft });
      return result.ok ? { ok: true, locale: result.locale, content: { subject: result.content.subject, text: result.content.text, html: result.content.html, title: result.content.title, cta: result.content.cta } } : { ok: false, error: result.error };
    },
  }),
];
