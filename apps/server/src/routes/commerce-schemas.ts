import { z } from 'zod';
import { FINANCIAL_STATUSES, FULFILLMENT_STATUSES, SHIPMENT_STATUSES } from '@touchpoint/db';
import { RETURN_SOURCES, RETURN_STATUSES } from '@touchpoint/commerce';
import { EmailSchema, IsoDateSchema, PhoneSchema, UuidSchema } from './schemas.ts';

const Minor = z.number().int().min(0).max(2_000_000_000);
const DateTimeInput = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
const LocalizedTextSchema = z.strictObject({ en: z.string().max(4000).optional(), ja: z.string().max(4000).optional(), zh: z.string().max(4000).optional() });

export const OrderUpsertSchema = z.strictObject({
  number: z.string().trim().min(1).max(64),
  contactId: UuidSchema.nullable().optional(),
  customer: z.strictObject({ email: EmailSchema.nullable().optional(), phone: PhoneSchema.nullable().optional(), name: z.string().max(200).nullable().optional(), locale: z.string().max(10).nullable().optional() }).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code, e.g. USD'),
  lines: z.array(z.strictObject({
    id: z.string().min(1).max(64).optional(),
    title: z.string().trim().min(1).max(300),
    sku: z.string().max(100).nullable().optional(),
    variant: z.string().max(200).nullable().optional(),
    quantity: z.number().int().min(1).max(100_000),
    unitPriceMinor: Minor,
    lineTotalMinor: Minor.optional(),
    productTags: z.array(z.string().max(100)).max(50).optional(),
  })).min(1).max(500),
  subtotalMinor: Minor.optional(),
  discountMinor: Minor.optional(),
  taxMinor: Minor.optional(),
  shippingMinor: Minor.optional(),
  totalMinor: Minor.optional(),
  financialStatus: z.enum(FINANCIAL_STATUSES).optional(),
  fulfillmentStatus: z.enum(FULFILLMENT_STATUSES).optional(),
  shipments: z.array(z.strictObject({
    id: z.string().min(1).max(64).optional(),
    carrier: z.string().max(100).nullable().optional(),
    trackingNumber: z.string().max(100).nullable().optional(),
    trackingUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000).nullable().optional(),
    status: z.enum(SHIPMENT_STATUSES),
    shippedAt: DateTimeInput.nullable().optional(),
    deliveredAt: DateTimeInput.nullable().optional(),
  })).max(50).optional(),
  source: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, _ and -').optional(),
  externalId: z.string().min(1).max(200).nullable().optional(),
  providerUpdatedAt: DateTimeInput.nullable().optional(),
  cancelledAt: DateTimeInput.nullable().optional(),
  placedAt: DateTimeInput.optional(),
});

const ReturnLineSchema = z.object({ orderLineId: z.string(), title: z.string(), sku: z.string().nullable(), variant: z.string().nullable(), quantity: z.number(), unitPriceMinor: z.number(), refundMinor: z.number() });

export const ReturnSchema = z.object({
  id: z.string(),
  number: z.string().describe('R-<number>'),
  orderId: z.string(),
  orderNumber: z.string(),
  contactId: z.string().nullable(),
  status: z.enum(RETURN_STATUSES),
  resolution: z.enum(['refund', 'exchange']),
  reason: z.string(),
  note: z.string(),
  source: z.enum(RETURN_SOURCES),
  lines: z.array(ReturnLineSchema),
  currency: z.string(),
  refundMinor: z.number(),
  locale: z.string(),
  decisionNote: z.string(),
  autoApproved: z.boolean(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
});

/** A return in a list: with the customer's name. */
export const ReturnListItemSchema = ReturnSchema.extend({ customerName: z.string().nullable() });

export const ReturnDetailSchema = ReturnSchema.extend({
  photos: z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), byteSize: z.number(), url: z.string() })),
  history: z.array(z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), actorType: z.string(), actorName: z.string(), note: z.string(), at: IsoDateSchema })),
  policyReasonLabel: z.string(),
});

export const ReturnStartSchema = z.strictObject({
  lines: z.array(z.strictObject({ lineId: z.string().min(1).max(64), quantity: z.number().int().min(1).max(100_000) })).min(1).max(500),
  reason: z.string().min(1).max(40),
  note: z.string().max(2000).optional(),
  photoIds: z.array(UuidSchema).max(6).optional(),
  resolution: z.enum(['refund', 'exchange']),
  source: z.enum(['agent', 'store', 'api']).optional().describe('agent unless said (api for API keys); store for the counter'),
  locale: z.enum(['en', 'ja', 'zh']).optional(),
});

export const TransitionBodySchema = z.strictObject({ note: z.string().max(2000).optional() }).nullish();

const ReasonSchema = z.strictObject({ code: z.string().regex(/^[a-z0-9_]{1,40}$/), label: LocalizedTextSchema, photoRequired: z.boolean() });

export const ReturnPolicySchema = z.strictObject({
  windowDays: z.number().int().min(0).max(3650),
  nonReturnableTags: z.array(z.string().max(100)).max(100),
  reasons: z.array(ReasonSchema).min(1).max(30),
  autoApprove: z.strictObject({ enabled: z.boolean(), maxRefundMinor: Minor.nullable(), reasons: z.array(z.string().max(40)).max(30) }),
  allowExchange: z.boolean(),
  policyText: LocalizedTextSchema,
  instructions: LocalizedTextSchema,
  returnAddress: z.string().max(1000),
});

export const EligibilitySchema = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  currency: z.string(),
  returnBy: IsoDateSchema.nullable(),
  eligible: z.boolean(),
  lines: z.array(z.object({
    lineId: z.string(), title: z.string(), sku: z.string().nullable(), variant: z.string().nullable(), quantity: z.number(), unitPriceMinor: z.number(),
    returnedQuantity: z.number(), returnableQuantity: z.number(), eligible: z.boolean(), reason: z.string().nullable(), detail: z.string(),
  })),
  policy: z.object({ windowDays: z.number(), text: LocalizedTextSchema, reasons: z.array(ReasonSchema), allowExchange: z.boolean(), nonReturnableTags: z.array(z.string()) }),
});
