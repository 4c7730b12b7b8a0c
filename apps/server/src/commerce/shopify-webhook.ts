import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, notFound, type AccountScope } from '@touchpoint/core';
import { findShopifyConnectionByKey, hasWebhookReceipt, mapShopifyOrder, recordWebhookReceipt, upsertOrder, verifyShopifySignature, type ShopifyOrder } from '@touchpoint/commerce';
import { findOrCreateCustomerContact } from '@touchpoint/contacts';
import type { Services } from '../services.ts';
import { parseJsonBody, rawBodyOf } from '../channels/channel-webhooks.ts';

const Money = z.union([z.string(), z.number()]).transform(String);
const Id = z.union([z.number(), z.string()]);

/** What we need of a Shopify order; everything else in the body is ignored. */
const ShopifyOrderSchema = z.looseObject({
  id: Id,
  name: z.string().min(1),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  created_at: z.string(),
  updated_at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date-time'),
  processed_at: z.string().nullish(),
  cancelled_at: z.string().nullish(),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  total_line_items_price: Money.nullish(),
  subtotal_price: Money.nullish(),
  total_discounts: Money.nullish(),
  total_tax: Money.nullish(),
  total_price: Money,
  customer_locale: z.string().nullish(),
  line_items: z.array(z.looseObject({ id: Id, title: z.string(), variant_title: z.string().nullish(), sku: z.string().nullish(), quantity: z.number().int().min(1), price: Money, total_discount: Money.nullish() })).min(1),
  shipping_lines: z.array(z.looseObject({ price: Money })).nullish(),
  fulfillments: z.array(z.looseObject({
    id: Id, status: z.string().nullish(), shipment_status: z.string().nullish(), tracking_company: z.string().nullish(), tracking_number: z.string().nullish(),
    tracking_url: z.string().nullish(), created_at: z.string().nullish(), updated_at: z.string().nullish(),
  })).nullish(),
  customer: z.looseObject({ email: z.string().nullish(), phone: z.string().nullish(), first_name: z.string().nullish(), last_name: z.string().nullish(), default_address: z.looseObject({ phone: z.string().nullish() }).nullish() }).nullish(),
  billing_address: z.looseObject({ phone: z.string().nullish(), name: z.string().nullish() }).nullish(),
});

const ORDER_TOPICS = new Set(['orders/create', 'orders/updated', 'orders/paid', 'orders/fulfilled', 'orders/cancelled']);

const badShopifySignature = () => new AppError('unauthenticated', 'Bad signature', 'X-Shopify-Hmac-Sha256 is not the HMAC of this body with the store’s webhook secret.');

/**
 * Shopify's order webhooks at `POST /webhooks/shopify/<webhook key>`: the body is checked against
 * `X-Shopify-Hmac-Sha256` (base64 HMAC-SHA256 of the raw bytes with the store's webhook secret; 401 otherwise), a
 * delivery already applied (`X-Shopify-Webhook-Id`) is acknowledged and ignored, and an update older than the stored
 * order (`updated_at`) changes nothing. The customer is matched by email, then phone, or created.
 */
export function registerShopifyWebhook(scope: FastifyInstance, services: Services) {
  scope.post('/webhooks/shopify/:webhookKey', { schema: { hide: true } }, async (request, reply) => {
    const { webhookKey } = request.params as { webhookKey: string };
    const connection = await findShopifyConnectionByKey(services.db, webhookKey);
    if (!connection) throw notFound('webhook');
    const { bytes, text } = rawBodyOf(request);
    const signature = request.headers['x-shopify-hmac-sha256'];
    if (!verifyShopifySignature(bytes, typeof signature === 'string' ? signature : undefined, connection.webhookSecret)) throw badShopifySignature();
    const topic = String(request.headers['x-shopify-topic'] ?? '');
    const deliveryId = String(request.headers['x-shopify-webhook-id'] ?? '');
    if (!ORDER_TOPICS.has(topic)) return reply.code(200).send({ applied: false, reason: 'topic not handled' });
    if (deliveryId && (await hasWebhookReceipt(services.db, connection.accountId, 'shopify', deliveryId))) return reply.code(200).send({ applied: false, reason: 'duplicate delivery' });
    const order = parseJsonBody(text, (json) => ShopifyOrderSchema.parse(json)) as ShopifyOrder;
    const accountScope: AccountScope = { accountId: connection.accountId, actor: { type: 'system', id: null, name: `Shopify (${connection.shopDomain})`, role: 'admin' } };
    const { input, customer } = mapShopifyOrder(order);
    const matched = await findOrCreateCustomerContact(services.db, accountScope, customer);
    const { outcome, order: saved } = await upsertOrder(services.db, accountScope, { ...input, ...(matched ? { contactId: matched.contactId } : {}) });
    if (deliveryId) await recordWebhookReceipt(services.db, connection.accountId, 'shopify', deliveryId, topic);
    request.log.info({ orderId: saved.id, outcome, topic }, 'shopify order webhook applied');
    return reply.code(200).send({ applied: outcome !== 'stale', outcome, orderId: saved.id });
  });
}
