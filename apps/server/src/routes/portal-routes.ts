import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@touchpoint/core';
import {
  CONSENT_CHANNELS, describeCustomer, endCustomerSession, findAccountByHandle, getCustomerConversation, listCustomerConversations, MAX_CUSTOMER_MESSAGE_LENGTH,
  openCustomerAttachment, openCustomerSession, rateCustomerConversation, redeemSignInLink, renderSignInEmail, replyAsCustomer, requestSignInLink,
  setCommunicationConsent, startCustomerConversation, updateCustomerProfile, uploadCustomerFile, MAX_CUSTOMER_ATTACHMENTS,
} from '@touchpoint/customers';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { clearCustomerSessionCookie, setCustomerSessionCookie } from '../http/auth.ts';
import { setFileHeaders } from '../http/file-response.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { defineRoute } from '../http/route.ts';
import type { Services } from '../services.ts';
import { EmailSchema, LocaleSchema, NameSchema } from './schemas.ts';

const TAGS = ['Customer portal'];
const PREFIX = '/api/portal/:handle';

const HandleSchema = z.string().min(1).max(63).describe('the account’s public handle (accounts.handle)');
const HandleParamsSchema = z.strictObject({ handle: HandleSchema });
const ConversationParamsSchema = z.strictObject({ handle: HandleSchema, conversationId: z.uuid() });

const ConsentStateSchema = z.object({ granted: z.boolean(), at: z.string(), source: z.string() }).nullable();
const ConsentSchema = z.object(Object.fromEntries(CONSENT_CHANNELS.map((channel) => [channel, ConsentStateSchema])) as Record<(typeof CONSENT_CHANNELS)[number], typeof ConsentStateSchema>);
const CustomerSchema = z.object({
  contactId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string().nullable(),
  timeZone: z.string().nullable(),
  consent: ConsentSchema,
});
const MeSchema = CustomerSchema.extend({ csrfToken: z.string(), account: z.object({ name: z.string(), handle: z.string() }) });

const MessageSchema = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  body: z.string(),
  author: z.string().nullable(),
  attachments: z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), byteSize: z.number() })),
  createdAt: z.string(),
});
const ConversationSummarySchema = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string(),
  status: z.string(),
  channel: z.string(),
  lastMessageAt: z.string(),
  preview: z.string(),
  rating: z.number().nullable(),
  canRate: z.boolean(),
});
const NewMessageSchema = z.strictObject({
  body: z.string().max(MAX_CUSTOMER_MESSAGE_LENGTH),
  clientId: z.string().describe('the page’s id for the message, 8–64 letters, digits, _ or -: sending it twice stores it once'),
});

async function* readUpload(file: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk as Buffer;
  } catch (error) {
    throw new AppError('malformed_body', 'Malformed body', `The upload could not be read: ${(error as Error).message}`);
  }
}

const clientInfo = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

async function describeMe(services: Services, customer: { accountId: string; contactId: string; csrfToken: string }, handle: string) {
  const [me, account] = await Promise.all([describeCustomer(services.db, customer.accountId, customer.contactId), findAccountByHandle(services.db, handle)]);
  return { ...me, csrfToken: customer.csrfToken, account: { name: account.name, handle: account.handle } };
}

/**
 * The customer portal's API (`/portal/<handle>` is its page). Sign-in is passwordless: a one-time link emailed to the
 * contact's address, or minted for a user the chat widget verified (`POST /widget/v1/:channelKey/portal-link`).
 * Everything after sign-in answers only about the signed-in customer's own contact: anything else is 404.
 */
export const portalRoutes = [
  defineRoute({
    method: 'GET',
    url: PREFIX,
    auth: 'public',
    summary: 'The portal’s business: its name, default language and the upload limit (404 for an unknown handle)',
    tags: TAGS,
    params: HandleParamsSchema,
    response: z.object({ name: z.string(), handle: z.string(), defaultLocale: LocaleSchema, helpCenterUrl: z.string(), maxUploadBytes: z.number() }),
    handler: async ({ params }, { services }) => {
      const account = await findAccountByHandle(services.db, params.handle);
      return { name: account.name, handle: account.handle, defaultLocale: account.defaultLocale, helpCenterUrl: `/help/${account.handle}`, maxUploadBytes: services.config.files.maxBytes };
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/auth/link`,
    auth: 'public',
    summary: 'Email me a sign-in link. The answer is the same whether or not the address is known; limited per address and per client IP (429)',
    tags: TAGS,
    params: HandleParamsSchema,
    body: z.strictObject({ email: EmailSchema, locale: LocaleSchema.optional().describe('the page’s language, for the email when the customer has none') }),
    response: z.object({ sent: z.literal(true) }),
    status: 202,
    handler: async ({ params, body }, { services, request }) => {
      const account = await findAccountByHandle(services.db, params.handle);
      const delivery = await requestSignInLink(services.db, account.id, body, { ip: request.ip });
      if (delivery && services.mailer.enabled) {
        const url = new URL(`/portal/${account.handle}/sign-in#token=${delivery.token}`, publicBaseUrl(request, services.config)).toString();
        // Not awaited: an address that gets an email must not answer slower than one that does not.
        services.mailer
          .send({ to: delivery.to, ...renderSignInEmail({ locale: delivery.locale, accountName: account.name, contactName: delivery.contactName, url }) })
          .catch((error: unknown) => request.log.error({ err: error }, 'portal sign-in email failed'));
      } else if (delivery) {
        request.log.warn('portal sign-in link asked for a known address, but no SMTP relay is configured (SMTP_URL)');
      }
      return { sent: true as const };
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/auth/redeem`,
    auth: 'public',
    summary: 'Sign in with the token of a sign-in link (works once, before it expires: 410 otherwise); sets the portal cookie',
    tags: TAGS,
    params: HandleParamsSchema,
    body: z.strictObject({ token: z.string().min(20).max(100) }),
    response: MeSchema,
    handler: async ({ params, body }, { services, request, reply }) => {
      const account = await findAccountByHandle(services.db, params.handle);
      const { contactId } = await redeemSignInLink(services.db, account.id, body.token);
      const session = await openCustomerSession(services.db, account.id, contactId, clientInfo(request));
      // On the customer's timeline, where journeys and prompts ("welcome on the first sign-in") can act on it.
      await recordCustomerEvents(services.db, account.id, [{ contactId, kind: 'system', name: 'portal.signed_in', touchpoint: { kind: 'portal' }, source: 'system' }]);
      setCustomerSessionCookie(request, reply, account.handle, session);
      return describeMe(services, { accountId: account.id, contactId, csrfToken: session.csrfToken }, account.handle);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/auth/sign-out`,
    auth: 'customer',
    summary: 'Sign out of the portal on this device',
    tags: TAGS,
    params: HandleParamsSchema,
    handler: async ({ params }, { services, customer, request, reply }) => {
      await endCustomerSession(services.db, customer.sessionId);
      clearCustomerSessionCookie(request, reply, params.handle);
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/me`,
    auth: 'customer',
    summary: 'The signed-in customer: profile, consent per channel, and the CSRF token for writes',
    tags: TAGS,
    params: HandleParamsSchema,
    response: MeSchema,
    handler: async ({ params }, { services, customer }) => describeMe(services, customer, params.handle),
  }),
  defineRoute({
    method: 'PATCH',
    url: `${PREFIX}/me`,
    auth: 'customer',
    summary: 'Change my name, language or time zone',
    tags: TAGS,
    params: HandleParamsSchema,
    body: z.strictObject({ name: NameSchema.optional(), locale: LocaleSchema.nullable().optional(), timeZone: z.string().max(64).nullable().optional().describe('an IANA time zone such as Asia/Tokyo') }),
    response: MeSchema,
    handler: async ({ params, body }, { services, customer }) => {
      await updateCustomerProfile(services.db, customer.accountId, customer.contactId, body);
      return describeMe(services, customer, params.handle);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: `${PREFIX}/me/consent`,
    auth: 'customer',
    summary: 'Say yes or no to being contacted per channel (email, sms, whatsapp, messenger); each change is recorded with its time and source',
    tags: TAGS,
    params: HandleParamsSchema,
    body: z.strictObject(Object.fromEntries(CONSENT_CHANNELS.map((channel) => [channel, z.boolean().optional()])) as Record<(typeof CONSENT_CHANNELS)[number], z.ZodOptional<z.ZodBoolean>>),
    response: ConsentSchema,
    handler: async ({ body }, { services, customer }) => setCommunicationConsent(services.db, customer.accountId, customer.contactId, body, 'portal'),
  }),
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/conversations`,
    auth: 'customer',
    summary: 'My conversations on every channel, latest first (up to 50)',
    tags: TAGS,
    params: HandleParamsSchema,
    response: z.object({ conversations: z.array(ConversationSummarySchema) }),
    handler: async (_input, { services, customer }) => ({ conversations: await listCustomerConversations(services.db, customer.accountId, customer.contactId) }),
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/conversations`,
    auth: 'customer',
    summary: 'Start a conversation (it opens in the business’s web chat inbox, else its email inbox)',
    tags: TAGS,
    params: HandleParamsSchema,
    body: NewMessageSchema.extend({ subject: z.string().max(200).optional() }),
    response: z.object({ id: z.string() }),
    status: 201,
    handler: async ({ body }, { services, customer }) => startCustomerConversation(services.db, customer.accountId, customer.contactId, body),
  }),
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/conversations/:conversationId`,
    auth: 'customer',
    summary: 'One of my conversations with its messages (never internal notes) and my rating',
    tags: TAGS,
    params: ConversationParamsSchema,
    response: z.object({
      id: z.string(), number: z.number(), subject: z.string(), status: z.string(), channel: z.string(), createdAt: z.string(),
      canRate: z.boolean(), rating: z.number().nullable(), ratingComment: z.string(), messages: z.array(MessageSchema),
    }),
    handler: async ({ params }, { services, customer }) => getCustomerConversation(services.db, customer.accountId, customer.contactId, params.conversationId),
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/conversations/:conversationId/messages`,
    auth: 'customer',
    summary: 'Reply in my conversation (a customer message: it reopens a resolved conversation)',
    tags: TAGS,
    params: ConversationParamsSchema,
    body: NewMessageSchema.extend({ attachmentIds: z.array(z.uuid()).max(MAX_CUSTOMER_ATTACHMENTS).optional().describe('files from POST …/attachments; the body may then be empty') }),
    response: z.object({ id: z.string(), conversationId: z.string(), createdAt: z.string() }),
    status: 201,
    handler: async ({ params, body }, { services, customer }) => replyAsCustomer(services.db, customer.accountId, customer.contactId, params.conversationId, body),
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/conversations/:conversationId/rating`,
    auth: 'customer',
    summary: 'Rate my resolved conversation (1–5 and a comment; the same CSAT as the survey page); rating again replaces it',
    tags: TAGS,
    params: ConversationParamsSchema,
    body: z.strictObject({ rating: z.number().int().min(1).max(5), comment: z.string().max(2000).default('') }),
    handler: async ({ params, body }, { services, customer }) => rateCustomerConversation(services.db, customer.accountId, customer.contactId, params.conversationId, body),
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/attachments`,
    auth: 'customer',
    summary: 'Upload a file (multipart/form-data, one part named `file`, up to the server’s file limit) to send with a reply',
    tags: TAGS,
    params: HandleParamsSchema,
    multipartBody: z.object({ file: z.file() }),
    response: z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), byteSize: z.number() }),
    status: 201,
    handler: async (_input, { services, customer, request }) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Unsupported media type', 'Send the file as multipart/form-data.');
      const part = await request.file({ limits: { files: 1, fileSize: services.config.files.maxBytes + 1 }, throwFileSizeLimit: false });
      if (!part) throw new AppError('validation_failed', 'Invalid request', 'file: is missing', { errors: [{ path: 'file', message: 'is missing' }] });
      const stored = await uploadCustomerFile(services.db, services.files, customer.accountId, customer.contactId, { fileName: part.filename, contentType: part.mimetype, content: readUpload(part.file) }, services.config.files.maxBytes);
      return { id: stored.id, fileName: stored.fileName, contentType: stored.contentType, byteSize: stored.byteSize };
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/attachments/:attachmentId`,
    auth: 'customer',
    summary: 'A file of a message in one of my conversations',
    tags: TAGS,
    params: z.strictObject({ handle: HandleSchema, attachmentId: z.uuid() }),
    response: z.string().describe('the file’s bytes'),
    handler: async ({ params }, { services, customer, reply }) => {
      const { attachment, content } = await openCustomerAttachment(services.db, services.files, customer.accountId, customer.contactId, params.attachmentId);
      setFileHeaders(reply, attachment, { cacheControl: 'private, no-store' });
      return content as unknown as string;
    },
  }),
];
