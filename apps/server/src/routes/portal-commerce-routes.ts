import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError, type Locale, LOCALES } from '@touchpoint/core';
import {
  cancelCustomerReturn, checkReturnEligibility, getCustomerOrder, getCustomerReturn, getReturnPolicy, listCustomerOrders, listCustomerReturns, MAX_PHOTOS_PER_RETURN, type Order,
  pickText, renderReturnSlipPdf, RETURN_PHOTO_MAX_BYTES, RETURN_PHOTO_TYPES, type ReturnDetail, startReturn, uploadReturnPhoto,
} from '@touchpoint/commerce';
import { customerScope, describeCustomer } from '@touchpoint/customers';
import { buildContentDisposition } from '../http/content-disposition.ts';
import type { CustomerContext } from '../http/auth.ts';
import { defineRoute } from '../http/route.ts';
import type { Services } from '../services.ts';
import { LocaleSchema } from './schemas.ts';

const TAGS = ['Customer portal'];
const PREFIX = '/api/portal/:handle';
const HandleSchema = z.string().min(1).max(63);
const HandleParamsSchema = z.strictObject({ handle: HandleSchema });
const OrderParamsSchema = z.strictObject({ handle: HandleSchema, orderId: z.uuid() });
const ReturnParamsSchema = z.strictObject({ handle: HandleSchema, returnId: z.uuid() });
const LocaleQuerySchema = z.strictObject({ locale: LocaleSchema.optional().describe('the page’s language for texts chosen from the policy; defaults to the customer’s') });

/** The customer's scope for commerce functions (they also filter by the contact), named after the customer. */
async function scopeOf(services: Services, customer: CustomerContext) {
  const me = await describeCustomer(services.db, customer.accountId, customer.contactId);
  return { scope: customerScope(customer.accountId, me.name), locale: ((LOCALES as readonly string[]).includes(me.locale ?? '') ? me.locale : null) as Locale | null };
}

const OrderSummarySchema = z.object({ id: z.string(), number: z.string(), status: z.string(), currency: z.string(), totalMinor: z.number(), placedAt: z.string(), itemCount: z.number() });
const presentSummary = (order: Order) => ({
  id: order.id,
  number: order.number,
  status: order.status,
  currency: order.currency,
  totalMinor: order.totalMinor,
  placedAt: order.placedAt,
  itemCount: order.lines.reduce((sum, line) => sum + line.quantity, 0),
});

const ReturnSummarySchema = z.object({ id: z.string(), number: z.string(), orderId: z.string(), orderNumber: z.string(), status: z.string(), resolution: z.enum(['refund', 'exchange']), createdAt: z.string() });
const ReturnDetailSchema = ReturnSummarySchema.extend({
  reason: z.string(),
  reasonLabel: z.string(),
  note: z.string(),
  currency: z.string(),
  refundMinor: z.number(),
  lines: z.array(z.object({ lineId: z.string(), title: z.string(), variant: z.string().nullable(), quantity: z.number() })),
  photos: z.array(z.object({ id: z.string(), fileName: z.string() })),
  history: z.array(z.object({ status: z.string(), at: z.string(), note: z.string().nullable() })),
  policy: z.string(),
  canCancel: z.boolean(),
  slipUrl: z.string(),
});

function presentReturnDetail(handle: string, ret: ReturnDetail, policy: string) {
  return {
    id: ret.id,
    number: ret.number,
    orderId: ret.orderId,
    orderNumber: ret.orderNumber,
    status: ret.status,
    resolution: ret.resolution as 'refund' | 'exchange',
    createdAt: ret.createdAt,
    reason: ret.reason,
    reasonLabel: ret.policyReasonLabel,
    note: ret.note,
    currency: ret.currency,
    refundMinor: ret.refundMinor,
    lines: ret.lines.map((line) => ({ lineId: line.orderLineId, title: line.title, variant: line.variant, quantity: line.quantity })),
    photos: ret.photos.map((photo) => ({ id: photo.id, fileName: photo.fileName })),
    // The customer sees what happened and the note meant for them, not which agent did it.
    history: ret.history.map((entry) => ({ status: entry.toStatus, at: entry.at, note: entry.note || null })),
    policy,
    canCancel: ret.status === 'requested' || ret.status === 'approved',
    slipUrl: `/api/portal/${handle}/returns/${ret.id}/slip.pdf`,
  };
}

async function* readUpload(file: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk as Buffer;
  } catch (error) {
    throw new AppError('malformed_body', 'Malformed body', `The upload could not be read: ${(error as Error).message}`);
  }
}

/**
 * The customer's orders and returns in the portal, through @touchpoint/commerce's customer-side functions (each
 * scoped by the account and the signed-in customer's contact: another customer's order or return is 404).
 */
export const portalCommerceRoutes = [
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/orders`,
    auth: 'customer',
    summary: 'My orders, newest first',
    tags: TAGS,
    params: HandleParamsSchema,
    response: z.object({ orders: z.array(OrderSummarySchema) }),
    handler: async (_input, { services, customer }) => {
      const { scope } = await scopeOf(services, customer);
      return { orders: (await listCustomerOrders(services.db, scope, customer.contactId)).map(presentSummary) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/orders/:orderId`,
    auth: 'customer',
    summary: 'One of my orders: lines, totals, shipments with tracking links, and whether items can be returned',
    tags: TAGS,
    params: OrderParamsSchema,
    response: OrderSummarySchema.extend({
      subtotalMinor: z.number().nullable(),
      discountMinor: z.number().nullable(),
      shippingMinor: z.number().nullable(),
      taxMinor: z.number().nullable(),
      lines: z.array(z.object({ id: z.string(), title: z.string(), sku: z.string().nullable(), variant: z.string().nullable(), quantity: z.number(), unitPriceMinor: z.number(), totalMinor: z.number() })),
      shipments: z.array(z.object({ id: z.string(), status: z.string(), carrier: z.string().nullable(), trackingNumber: z.string().nullable(), trackingUrl: z.string().nullable(), shippedAt: z.string().nullable(), deliveredAt: z.string().nullable() })),
      canReturn: z.boolean(),
      returnBy: z.string().nullable(),
    }),
    handler: async ({ params }, { services, customer }) => {
      const { scope } = await scopeOf(services, customer);
      const order = await getCustomerOrder(services.db, scope, customer.contactId, params.orderId);
      const eligibility = await checkReturnEligibility(services.db, scope, customer.contactId, order.id);
      return {
        ...presentSummary(order),
        subtotalMinor: order.subtotalMinor ?? null,
        discountMinor: order.discountMinor || null,
        shippingMinor: order.shippingMinor ?? null,
        taxMinor: order.taxMinor ?? null,
        lines: order.lines.map((line) => ({ id: line.id, title: line.title, sku: line.sku, variant: line.variant, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor, totalMinor: line.lineTotalMinor })),
        shipments: order.shipments.map((s) => ({ id: s.id, status: s.status, carrier: s.carrier, trackingNumber: s.trackingNumber, trackingUrl: s.trackingUrl, shippedAt: s.shippedAt, deliveredAt: s.deliveredAt })),
        canReturn: eligibility.eligible,
        returnBy: eligibility.returnBy,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/orders/:orderId/return-eligibility`,
    auth: 'customer',
    summary: 'Which lines of my order can be returned now (or why not), the return policy, the reasons to choose from and the photo limits',
    tags: TAGS,
    params: OrderParamsSchema,
    query: LocaleQuerySchema,
    response: z.object({
      policy: z.string(),
      returnBy: z.string().nullable(),
      allowExchange: z.boolean(),
      reasons: z.array(z.object({ code: z.string(), label: z.string(), photoRequired: z.boolean() })),
      lines: z.array(z.object({ lineId: z.string(), title: z.string(), variant: z.string().nullable(), quantity: z.number(), returnableQuantity: z.number(), eligible: z.boolean(), reason: z.string().nullable() })),
      maxPhotos: z.number(),
      maxPhotoBytes: z.number(),
      photoTypes: z.array(z.string()),
    }),
    handler: async ({ params, query }, { services, customer }) => {
      const { scope, locale } = await scopeOf(services, customer);
      const lang = query.locale ?? locale ?? 'en';
      const eligibility = await checkReturnEligibility(services.db, scope, customer.contactId, params.orderId);
      return {
        policy: pickText(eligibility.policy.text, lang),
        returnBy: eligibility.returnBy,
        allowExchange: eligibility.policy.allowExchange,
        reasons: eligibility.policy.reasons.map((reason) => ({ code: reason.code, label: pickText(reason.label, lang), photoRequired: reason.photoRequired })),
        lines: eligibility.lines.map((line) => ({ lineId: line.lineId, title: line.title, variant: line.variant, quantity: line.quantity, returnableQuantity: line.returnableQuantity, eligible: line.eligible, reason: line.reason })),
        maxPhotos: MAX_PHOTOS_PER_RETURN,
        maxPhotoBytes: RETURN_PHOTO_MAX_BYTES,
        photoTypes: [...RETURN_PHOTO_TYPES],
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/return-photos`,
    auth: 'customer',
    summary: 'Upload a photo for a return I am about to start (multipart/form-data, one part named `file`; JPEG, PNG, WebP or HEIC up to 10 MB)',
    tags: TAGS,
    params: HandleParamsSchema,
    multipartBody: z.object({ file: z.file() }),
    bodyLimit: RETURN_PHOTO_MAX_BYTES + 64 * 1024,
    response: z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), byteSize: z.number() }),
    status: 201,
    handler: async (_input, { services, customer, request }) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Unsupported media type', 'Send the photo as multipart/form-data.');
      const part = await request.file({ limits: { files: 1, fileSize: RETURN_PHOTO_MAX_BYTES + 1 }, throwFileSizeLimit: false });
      if (!part) throw new AppError('validation_failed', 'Invalid request', 'file: is missing', { errors: [{ path: 'file', message: 'is missing' }] });
      const { scope } = await scopeOf(services, customer);
      return uploadReturnPhoto(services.db, services.files, scope, customer.contactId, { fileName: part.filename, contentType: part.mimetype, content: readUpload(part.file) });
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/returns`,
    auth: 'customer',
    summary: 'Start a return of lines of my order (each must be eligible: otherwise nothing is recorded and each refused line is named)',
    tags: TAGS,
    params: HandleParamsSchema,
    body: z.strictObject({
      orderId: z.uuid(),
      lines: z.array(z.strictObject({ lineId: z.string().min(1).max(200), quantity: z.number().int().min(1).max(10_000) })).min(1).max(200),
      reason: z.string().min(1).max(64),
      note: z.string().max(2000).default(''),
      resolution: z.enum(['refund', 'exchange']),
      photoIds: z.array(z.uuid()).max(MAX_PHOTOS_PER_RETURN).default([]),
      locale: LocaleSchema.optional(),
    }),
    response: z.object({ id: z.string(), number: z.string(), status: z.string() }),
    status: 201,
    handler: async ({ body }, { services, customer }) => {
      const { scope, locale } = await scopeOf(services, customer);
      const created = await startReturn(services.db, scope, customer.contactId, { ...body, source: 'portal', locale: body.locale ?? locale ?? undefined });
      return { id: created.id, number: created.number, status: created.status };
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/returns`,
    auth: 'customer',
    summary: 'My returns, newest first',
    tags: TAGS,
    params: HandleParamsSchema,
    response: z.object({ returns: z.array(ReturnSummarySchema) }),
    handler: async (_input, { services, customer }) => {
      const { scope } = await scopeOf(services, customer);
      const returns = await listCustomerReturns(services.db, scope, customer.contactId);
      return { returns: returns.map((r) => ({ id: r.id, number: r.number, orderId: r.orderId, orderNumber: r.orderNumber, status: r.status, resolution: r.resolution as 'refund' | 'exchange', createdAt: r.createdAt })) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/returns/:returnId`,
    auth: 'customer',
    summary: 'One of my returns: lines, reason, status history, the policy and the slip link',
    tags: TAGS,
    params: ReturnParamsSchema,
    query: LocaleQuerySchema,
    response: ReturnDetailSchema,
    handler: async ({ params, query }, { services, customer }) => {
      const { scope, locale } = await scopeOf(services, customer);
      const [ret, policy] = await Promise.all([getCustomerReturn(services.db, scope, customer.contactId, params.returnId), getReturnPolicy(services.db, scope)]);
      return presentReturnDetail(params.handle, ret, pickText(policy.policyText, query.locale ?? locale ?? ret.locale));
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${PREFIX}/returns/:returnId/cancel`,
    auth: 'customer',
    summary: 'Withdraw my return while nothing has been received (requested or approved)',
    tags: TAGS,
    params: ReturnParamsSchema,
    response: ReturnDetailSchema,
    handler: async ({ params }, { services, customer }) => {
      const { scope, locale } = await scopeOf(services, customer);
      const ret = await cancelCustomerReturn(services.db, scope, customer.contactId, params.returnId);
      const policy = await getReturnPolicy(services.db, scope);
      return presentReturnDetail(params.handle, ret, pickText(policy.policyText, locale ?? ret.locale));
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${PREFIX}/returns/:returnId/slip.pdf`,
    auth: 'customer',
    summary: 'The printable return slip of my return (PDF with its QR code and instructions)',
    tags: TAGS,
    params: ReturnParamsSchema,
    query: LocaleQuerySchema,
    response: z.string().describe('application/pdf'),
    handler: async ({ params, query }, { services, customer, reply }) => {
      const { scope, locale } = await scopeOf(services, customer);
      const pdf = await renderReturnSlipPdf(services.db, scope, customer.contactId, params.returnId, { locale: query.locale ?? locale ?? undefined });
      const ret = await getCustomerReturn(services.db, scope, customer.contactId, params.returnId);
      reply
        .type('application/pdf')
        .header('content-disposition', buildContentDisposition('attachment', `return-${ret.number}.pdf`))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff');
      return pdf as unknown as string;
    },
  }),
];
