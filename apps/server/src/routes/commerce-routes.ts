import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError } from '@touchpoint/core';
import {
  checkReturnEligibility, connectShopify, logStoreVisit, disconnectShopify, findOrderRow, getShopifyConnection, type ShopifyConnectionView, getOrder, getReturn, getReturnPolicy, listOrders, listReturns, openReturnPhoto, renderReturnSlipForStaff, RETURN_PHOTO_MAX_BYTES,
  type ReturnDetail, RETURN_SOURCES, RETURN_STATUSES, startReturn, transitionReturn, updateReturnPolicy, upsertOrder, uploadReturnPhoto,
} from '@touchpoint/commerce';
import { findOrCreateCustomerContact, requireLiveContact } from '@touchpoint/contacts';
import { setFileHeaders } from '../http/file-response.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, accountParamsWith, ContactProfileSchema, LimitSchema, OrderSchema, UuidSchema } from './schemas.ts';
import { lookupStoreCustomer } from '../commerce/store-lookup.ts';
import {
  EligibilitySchema, OrderUpsertSchema, ReturnDetailSchema, ReturnListItemSchema, ReturnPolicySchema, ReturnSchema, ReturnStartSchema, TransitionBodySchema,
} from './commerce-schemas.ts';

const ORDERS = ['Orders'];
const ShopifyConnectionSchema = z.object({ connected: z.boolean(), shopDomain: z.string().nullable(), webhookUrl: z.string().nullable(), lastWebhookAt: z.string().nullable(), updatedAt: z.string().nullable() });
const withWebhookUrl = ({ webhookPath, ...view }: ShopifyConnectionView, base: URL) => ({ ...view, webhookUrl: webhookPath ? new URL(webhookPath, base).toString() : null });
const RETURNS = ['Returns'];
const OrderParamsSchema = accountParamsWith('orderId');
const ReturnParamsSchema = accountParamsWith('returnId');

/** Where agents fetch a return's photo (same origin, account auth). */
const photoUrl = (accountId: string, returnId: string, photoId: string) => `/api/v1/accounts/${accountId}/returns/${returnId}/photos/${photoId}`;
const withPhotoUrls = (accountId: string, ret: ReturnDetail) => ({ ...ret, photos: ret.photos.map((p) => ({ ...p, url: photoUrl(accountId, ret.id, p.id) })) });

async function* readUpload(file: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk as Buffer;
  } catch (error) {
    throw new AppError('malformed_body', 'Malformed body', `The upload could not be read: ${(error as Error).message}`);
  }
}

const transitionRoute = (action: string, to: (typeof RETURN_STATUSES)[number], summary: string) =>
  defineRoute({
    method: 'POST',
    url: `/api/v1/accounts/:accountId/returns/:returnId/${action}`,
    auth: 'account',
    summary,
    tags: RETURNS,
    params: ReturnParamsSchema,
    body: TransitionBodySchema,
    response: ReturnDetailSchema,
    handler: async ({ params, body }, { services, scope }) => withPhotoUrls(scope.accountId, await transitionReturn(services.db, scope, params.returnId, to, { note: body?.note ?? '' })),
  });

export const commerceRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/orders',
    auth: 'account',
    summary: 'Orders, newest first; filter by contact or status, `q` matches the number, customer email or name',
    tags: ORDERS,
    params: AccountParamsSchema,
    query: z.strictObject({ contactId: UuidSchema.optional(), status: z.string().max(40).optional(), q: z.string().max(200).optional(), limit: LimitSchema }),
    response: z.object({ items: z.array(OrderSchema) }),
    handler: async ({ query }, { services, scope }) => ({ items: await listOrders(services.db, scope, query) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/orders',
    auth: 'account',
    summary: 'Create or update an order. With `externalId` it is an upsert on (source, externalId); an update whose `providerUpdatedAt` is not newer than the stored one changes nothing (`outcome: stale`). The customer is `contactId`, or matched (then created) by `customer.email`/`customer.phone`',
    tags: ORDERS,
    params: AccountParamsSchema,
    body: OrderUpsertSchema,
    response: z.object({ outcome: z.enum(['created', 'updated', 'stale']), order: OrderSchema }),
    handler: async ({ body }, { services, scope }) => {
      const { customer, providerUpdatedAt, placedAt, cancelledAt, shipments, ...rest } = body;
      const matched = !body.contactId && customer ? await findOrCreateCustomerContact(services.db, scope, customer) : null;
      return upsertOrder(services.db, scope, {
        ...rest,
        contactId: body.contactId ?? matched?.contactId ?? null,
        customerEmail: customer?.email ?? null,
        customerName: customer?.name ?? null,
        providerUpdatedAt: providerUpdatedAt ? new Date(providerUpdatedAt) : null,
        placedAt: placedAt ? new Date(placedAt) : new Date(),
        cancelledAt: cancelledAt ? new Date(cancelledAt) : null,
        shipments: (shipments ?? []).map((s) => ({ ...s, shippedAt: s.shippedAt ? new Date(s.shippedAt) : null, deliveredAt: s.deliveredAt ? new Date(s.deliveredAt) : null })),
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/orders/:orderId',
    auth: 'account',
    summary: 'An order with its lines, totals, shipments and returns',
    tags: ORDERS,
    params: OrderParamsSchema,
    response: OrderSchema.extend({ returns: z.array(ReturnSchema) }),
    handler: async ({ params }, { services, scope }) => {
      const order = await getOrder(services.db, scope, params.orderId);
      return { ...order, returns: await listReturns(services.db, scope, { orderId: order.id, limit: 100 }) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/orders/:orderId/return-eligibility',
    auth: 'account',
    summary: 'Which lines of the order can be returned now, each with the reason when not, and the return policy',
    tags: RETURNS,
    params: OrderParamsSchema,
    response: EligibilitySchema,
    handler: async ({ params }, { services, scope }) => {
      const order = await findOrderRow(services.db, scope.accountId, params.orderId);
      if (!order.contactId) throw new AppError('conflict', 'Conflict', `Order ${order.number} has no customer to return it.`);
      return checkReturnEligibility(services.db, scope, order.contactId, order.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/orders/:orderId/returns',
    auth: 'account',
    summary: 'Start a return for the order’s customer (an agent, the store counter or an integration); ineligible lines are refused with the reason',
    tags: RETURNS,
    params: OrderParamsSchema,
    body: ReturnStartSchema,
    response: ReturnDetailSchema,
    status: 201,
    handler: async ({ params, body }, { services, scope }) => {
      const order = await findOrderRow(services.db, scope.accountId, params.orderId);
      if (!order.contactId) throw new AppError('conflict', 'Conflict', `Order ${order.number} has no customer to return it.`);
      const source = body.source ?? (scope.actor.type === 'api_key' ? 'api' : 'agent');
      return withPhotoUrls(scope.accountId, await startReturn(services.db, scope, order.contactId, { ...body, orderId: order.id, source }));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/return-photos',
    auth: 'account',
    summary: `Upload a photo for a return the customer is starting (multipart, one part named \`file\`; JPEG, PNG, WebP or HEIC, at most ${RETURN_PHOTO_MAX_BYTES / 1024 / 1024} MB); pass its id in \`photoIds\``,
    tags: RETURNS,
    params: accountParamsWith('contactId'),
    multipartBody: z.object({ file: z.file() }),
    response: z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), byteSize: z.number() }),
    status: 201,
    handler: async ({ params }, { services, scope, request }) => {
      await requireLiveContact(services.db, scope.accountId, params.contactId);
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Unsupported media type', 'Send the photo as multipart/form-data.');
      const part = await request.file({ limits: { files: 1, fileSize: RETURN_PHOTO_MAX_BYTES + 1 }, throwFileSizeLimit: false });
      if (!part) throw new AppError('validation_failed', 'Invalid request', 'file: is missing', { errors: [{ path: 'file', message: 'is missing' }] });
      return uploadReturnPhoto(services.db, services.files, scope, params.contactId, { fileName: part.filename, contentType: part.mimetype, content: readUpload(part.file) });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/returns',
    auth: 'account',
    summary: 'Returns, newest first; filter by status, source, contact or order; `q` matches the return number (R-1002), order number, customer name or email',
    tags: RETURNS,
    params: AccountParamsSchema,
    query: z.strictObject({
      status: z.enum(RETURN_STATUSES).optional(),
      source: z.enum(RETURN_SOURCES).optional(),
      contactId: UuidSchema.optional(),
      orderId: UuidSchema.optional(),
      q: z.string().max(200).optional(),
      limit: LimitSchema,
    }),
    response: z.object({ items: z.array(ReturnListItemSchema) }),
    handler: async ({ query }, { services, scope }) => ({ items: await listReturns(services.db, scope, query) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/returns/:returnId',
    auth: 'account',
    summary: 'A return with its lines, photos and every step (who, when)',
    tags: RETURNS,
    params: ReturnParamsSchema,
    response: ReturnDetailSchema,
    handler: async ({ params }, { services, scope }) => withPhotoUrls(scope.accountId, await getReturn(services.db, scope, params.returnId)),
  }),
  transitionRoute('approve', 'approved', 'Approve a requested return (again: no change)'),
  transitionRoute('reject', 'rejected', 'Reject a requested return; `note` (required) tells the customer why'),
  transitionRoute('receive', 'received', 'Mark an approved return’s parcel received'),
  transitionRoute('refund', 'refunded', 'Mark a received return refunded (returns that asked for a refund)'),
  transitionRoute('exchange', 'exchanged', 'Mark a received return exchanged (returns that asked for an exchange)'),
  transitionRoute('cancel', 'cancelled', 'Cancel a return that is requested or approved'),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/returns/:returnId/slip.pdf',
    auth: 'account',
    summary: 'The printable return slip (PDF with a QR code of `touchpoint:return:<id>`), in the customer’s language unless `locale` says otherwise',
    tags: RETURNS,
    params: ReturnParamsSchema,
    query: z.strictObject({ locale: z.enum(['en', 'ja', 'zh']).optional() }),
    response: z.string().describe('application/pdf'),
    handler: async ({ params, query }, { services, scope, reply }) => {
      const pdf = await renderReturnSlipForStaff(services.db, scope, params.returnId, query.locale ? { locale: query.locale } : {});
      reply.type('application/pdf').header('content-disposition', `inline; filename="return-slip.pdf"`).header('cache-control', 'private, no-store');
      return pdf as unknown as string;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/returns/:returnId/photos/:photoId',
    auth: 'account',
    summary: 'A photo the customer attached to the return',
    tags: RETURNS,
    params: z.strictObject({ accountId: UuidSchema, returnId: UuidSchema, photoId: UuidSchema }),
    response: z.string().describe('the photo’s bytes'),
    handler: async ({ params }, { services, scope, reply }) => {
      const { photo, content } = await openReturnPhoto(services.db, services.files, scope, params.returnId, params.photoId);
      setFileHeaders(reply, photo, { cacheControl: 'private, max-age=86400' });
      return content as unknown as string;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/return-policy',
    auth: 'account',
    summary: 'The account’s return policy (the default one until an admin saves one)',
    tags: RETURNS,
    params: AccountParamsSchema,
    response: ReturnPolicySchema,
    handler: (_input, { services, scope }) => getReturnPolicy(services.db, scope),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/accounts/:accountId/return-policy',
    auth: 'admin',
    summary: 'Save the return policy: window, non-returnable tags, reasons (photo required or not), auto-approve rule, texts',
    tags: RETURNS,
    params: AccountParamsSchema,
    body: ReturnPolicySchema,
    response: ReturnPolicySchema,
    handler: ({ body }, { services, scope }) => updateReturnPolicy(services.db, scope, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/integrations/shopify',
    auth: 'admin',
    summary: 'The Shopify store connection: domain, the webhook URL to paste in Shopify, when the last webhook arrived (never the secret)',
    tags: ORDERS,
    params: AccountParamsSchema,
    response: ShopifyConnectionSchema,
    handler: async (_input, { services, scope, request }) => withWebhookUrl(await getShopifyConnection(services.db, scope), publicBaseUrl(request, services.config)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/accounts/:accountId/integrations/shopify',
    auth: 'admin',
    summary: 'Connect a Shopify store: its myshopify.com domain and webhook signing secret (write-only; omit it to keep the stored one)',
    tags: ORDERS,
    params: AccountParamsSchema,
    body: z.strictObject({ shopDomain: z.string().min(1).max(255), webhookSecret: z.string().min(1).max(500).optional() }),
    response: ShopifyConnectionSchema,
    handler: async ({ body }, { services, scope, request }) => withWebhookUrl(await connectShopify(services.db, scope, body), publicBaseUrl(request, services.config)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/accounts/:accountId/integrations/shopify',
    auth: 'admin',
    summary: 'Disconnect the Shopify store: its webhooks are refused from now on (orders already received stay)',
    tags: ORDERS,
    params: AccountParamsSchema,
    handler: (_input, { services, scope }) => disconnectShopify(services.db, scope),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:accountId/store/lookup',
    auth: 'account',
    summary: 'Store mode: find a customer by a scanned or typed code (touchpoint:contact:<id>, touchpoint:return:<id>), return number, order number, name, email or phone',
    tags: ['Store mode'],
    params: AccountParamsSchema,
    query: z.strictObject({ q: z.string().trim().min(1).max(200) }),
    response: z.object({ matchedBy: z.enum(['contact_code', 'return_code', 'return_number', 'order_number', 'text']), contacts: z.array(ContactProfileSchema), ret: ReturnSchema.nullable() }),
    handler: ({ query }, { services, scope }) => lookupStoreCustomer(services.db, scope, query.q),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:accountId/contacts/:contactId/store-visits',
    auth: 'account',
    summary: 'Store mode: log an in-person interaction (a resolved conversation of an in-store inbox, on the contact’s timeline)',
    tags: ['Store mode'],
    params: accountParamsWith('contactId'),
    body: z.strictObject({ note: z.string().min(1).max(5000), inboxId: UuidSchema.optional() }),
    response: z.object({ conversationId: z.string(), number: z.number() }),
    status: 201,
    handler: async ({ params, body }, { services, scope }) => {
      await requireLiveContact(services.db, scope.accountId, params.contactId);
      return logStoreVisit(services.db, scope, params.contactId, body);
    },
  }),
];
