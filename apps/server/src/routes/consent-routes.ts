import { z } from 'zod';
import { CONSENT_CHANNELS, describeCommunicationConsent, handleOfAccount, openPortalAsContact, setCommunicationConsent } from '@touchpoint/customers';
import { requireLiveContact } from '@touchpoint/contacts';
import { publicBaseUrl } from '../http/public-url.ts';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Contacts'];
const ParamsSchema = AccountParamsSchema.extend({ contactId: UuidSchema });
const ConsentStateSchema = z.object({ granted: z.boolean(), at: z.string(), source: z.string() }).nullable();
const ConsentResponseSchema = z.object({
  consent: z.object(Object.fromEntries(CONSENT_CHANNELS.map((channel) => [channel, ConsentStateSchema])) as Record<(typeof CONSENT_CHANNELS)[number], typeof ConsentStateSchema>),
  history: z.array(z.object({ channel: z.string(), granted: z.boolean(), source: z.string(), at: z.string() })),
});

/** The customer's communication preferences as agents and integrations see and record them (docs/portal.md#consent). */
export const consentRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/consent',
    auth: 'account',
    summary: 'A contact’s consent per channel (email, sms, whatsapp, messenger) and every change with its time and source',
    tags: TAGS,
    params: ParamsSchema,
    response: ConsentResponseSchema,
    handler: async ({ params }, { services, scope }) => {
      await requireLiveContact(services.db, scope.accountId, params.contactId);
      return describeCommunicationConsent(services.db, scope.accountId, params.contactId);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/consent',
    auth: 'account',
    summary: 'Record the customer’s yes or no per channel (told to an agent: source agent; through an API key: source api)',
    tags: TAGS,
    params: ParamsSchema,
    body: z.strictObject(Object.fromEntries(CONSENT_CHANNELS.map((channel) => [channel, z.boolean().optional()])) as Record<(typeof CONSENT_CHANNELS)[number], z.ZodOptional<z.ZodBoolean>>),
    response: ConsentResponseSchema,
    handler: async ({ params, body }, { services, scope }) => {
      await requireLiveContact(services.db, scope.accountId, params.contactId);
      await setCommunicationConsent(services.db, scope.accountId, params.contactId, body, scope.actor.type === 'api_key' ? 'api' : 'agent');
      return describeCommunicationConsent(services.db, scope.accountId, params.contactId);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/portal-link',
    auth: 'admin',
    summary: 'Open the customer portal as this contact: a one-time sign-in link, valid for 2 minutes, recorded in the audit log (admins only)',
    tags: TAGS,
    params: ParamsSchema,
    response: z.object({ url: z.string(), expiresAt: z.string() }),
    status: 201,
    handler: async ({ params }, { services, scope, request }) => {
      const link = await openPortalAsContact(services.db, scope, params.contactId);
      const handle = await handleOfAccount(services.db, scope.accountId);
      const url = new URL(`/portal/${handle}/sign-in#token=${link.token}`, publicBaseUrl(request, services.config)).toString();
      return { url, expiresAt: link.expiresAt.toISOString() };
    },
  }),
];
