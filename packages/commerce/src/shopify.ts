import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { type AccountScope, type FieldError, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { assertAdmin, recordAudit } from '@touchpoint/accounts';
import type { FinancialStatus, FulfillmentStatus, OrderInput, ShipmentStatus } from './orders.ts';

/** The parts of a Shopify Admin REST order (the body of `orders/create` and `orders/updated` webhooks) we read. */
export interface ShopifyOrder {
  id: number | string;
  name: string;
  email?: string | null;
  phone?: string | null;
  currency: string;
  created_at: string;
  updated_at: string;
  processed_at?: string | null;
  cancelled_at?: string | null;
  financial_status?: string | null;
  fulfillment_status?: string | null;
  total_line_items_price?: string | null;
  subtotal_price?: string | null;
  total_discounts?: string | null;
  total_tax?: string | null;
  total_price: string;
  customer_locale?: string | null;
  line_items: {
    id: number | string;
    title: string;
    variant_title?: string | null;
    sku?: string | null;
    quantity: number;
    price: string;
    total_discount?: string | null;
  }[];
  shipping_lines?: { price: string }[] | null;
  fulfillments?: {
    id: number | string;
    status?: string | null;
    shipment_status?: string | null;
    tracking_company?: string | null;
    tracking_number?: string | null;
    tracking_url?: string | null;
    created_at?: string | null;
    updated_at?: string | null;
  }[] | null;
  customer?: { email?: string | null; phone?: string | null; first_name?: string | null; last_name?: string | null; default_address?: { phone?: string | null } | null } | null;
  billing_address?: { phone?: string | null; name?: string | null } | null;
}

/** Decimal digits of a currency's minor unit (JPY 0, USD 2, KWD 3). */
function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "409.94" in USD → 40994; exact for the decimal strings Shopify sends (no floating point). */
export function toMinorUnits(amount: string | null | undefined, currency: string): number {
  if (amount === null || amount === undefined || amount === '') return 0;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw validationFailed([{ path: 'amount', message: `“${amount}” is not a decimal amount` }]);
  const digits = minorDigits(currency);
  const fraction = (match[3] ?? '').padEnd(digits, '0').slice(0, digits);
  const value = Number(match[2]) * 10 ** digits + Number(fraction || '0');
  return match[1] ? -value : value;
}

const FINANCIAL: Record<string, FinancialStatus> = {
  pending: 'pending', authorized: 'authorized', paid: 'paid', partially_paid: 'partially_paid', partially_refunded: 'partially_refunded', refunded: 'refunded', voided: 'voided',
};

/** Shopify's fulfilment `shipment_status` (carrier events) first, else the fulfilment's own status. */
function shipmentStatusOf(f: { status?: string | null; shipment_status?: string | null }): ShipmentStatus {
  switch (f.shipment_status) {
    case 'delivered': return 'delivered';
    case 'out_for_delivery': return 'out_for_delivery';
    case 'in_transit': case 'confirmed': case 'label_printed': case 'label_purchased': case 'ready_for_pickup': case 'attempted_delivery': return 'in_transit';
    case 'failure': return 'failed';
    default: break;
  }
  switch (f.status) {
    case 'success': return 'in_transit';
    case 'failure': case 'error': case 'cancelled': return 'failed';
    default: return 'pending';
  }
}

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

/** A Shopify order as our order (source `shopify`, external id = Shopify's order id, number = its name, e.g. #1001). */
export function mapShopifyOrder(order: ShopifyOrder): { input: OrderInput; customer: { email: string | null; phone: string | null; name: string | null; locale: string | null } } {
  const currency = order.currency.toUpperCase();
  const money = (amount: string | null | undefined) => toMinorUnits(amount, currency);
  const shipments = (order.fulfillments ?? []).map((f) => {
    const status = shipmentStatusOf(f);
    return {
      id: String(f.id),
      carrier: f.tracking_company && f.tracking_company !== 'null-company' ? f.tracking_company : null,
      trackingNumber: f.tracking_number ?? null,
      trackingUrl: f.tracking_url && /^https?:\/\//i.test(f.tracking_url) ? f.tracking_url : null,
      status,
      shippedAt: date(f.created_at),
      deliveredAt: status === 'delivered' ? date(f.updated_at) : null,
    };
  });
  const live = shipments.filter((s) => s.status !== 'failed');
  const fulfillment: FulfillmentStatus = order.cancelled_at
    ? 'cancelled'
    : live.length > 0 && live.every((s) => s.status === 'delivered') && order.fulfillment_status === 'fulfilled'
      ? 'delivered'
      : order.fulfillment_status === 'fulfilled'
        ? 'fulfilled'
        : order.fulfillment_status === 'partial'
          ? 'partially_fulfilled'
          : 'unfulfilled';
  const first = order.customer?.first_name ?? '';
  const last = order.customer?.last_name ?? '';
  const name = `${first} ${last}`.trim() || order.billing_address?.name || null;
  return {
    input: {
      number: order.name,
      currency,
      lines: order.line_items.map((line) => ({
        id: String(line.id),
        title: line.title,
        sku: line.sku || null,
        variant: line.variant_title || null,
        quantity: line.quantity,
        unitPriceMinor: money(line.price),
        lineTotalMinor: Math.max(0, money(line.price) * line.quantity - money(line.total_discount)),
      })),
      subtotalMinor: money(order.total_line_items_price ?? order.subtotal_price),
      discountMinor: money(order.total_discounts),
      taxMinor: money(order.total_tax),
      shippingMinor: (order.shipping_lines ?? []).reduce((sum, line) => sum + money(line.price), 0),
      totalMinor: money(order.total_price),
      financialStatus: FINANCIAL[order.financial_status ?? ''] ?? 'pending',
      fulfillmentStatus: fulfillment,
      shipments,
      source: 'shopify',
      externalId: String(order.id),
      providerUpdatedAt: new Date(order.updated_at),
      customerEmail: order.email ?? order.customer?.email ?? null,
      customerName: name,
      cancelledAt: date(order.cancelled_at),
      placedAt: date(order.processed_at) ?? new Date(order.created_at),
    },
    customer: {
      email: order.email || order.customer?.email || null,
      phone: order.phone || order.customer?.phone || order.customer?.default_address?.phone || order.billing_address?.phone || null,
      name,
      locale: order.customer_locale ?? null,
    },
  };
}

/** Whether `signature` (X-Shopify-Hmac-Sha256) is the base64 HMAC-SHA256 of the raw body with the webhook secret. */
export function verifyShopifySignature(rawBody: Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature, 'base64');
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// ---- The account's connection ----

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export interface ShopifyConnectionView {
  connected: boolean;
  shopDomain: string | null;
  /** Path of the webhook endpoint to paste in Shopify (the server prefixes its public URL). */
  webhookPath: string | null;
  lastWebhookAt: string | null;
  updatedAt: string | null;
}

const presentConnection = (row: typeof schema.shopifyConnections.$inferSelect | undefined): ShopifyConnectionView => ({
  connected: Boolean(row),
  shopDomain: row?.shopDomain ?? null,
  webhookPath: row ? `/webhooks/shopify/${row.webhookKey}` : null,
  lastWebhookAt: row?.lastWebhookAt?.toISOString() ?? null,
  updatedAt: row?.updatedAt.toISOString() ?? null,
});

/** The account's Shopify connection, without its secret (admins). */
export async function getShopifyConnection(db: Database, scope: AccountScope): Promise<ShopifyConnectionView> {
  assertAdmin(scope);
  const [row] = await db.select().from(schema.shopifyConnections).where(eq(schema.shopifyConnections.accountId, scope.accountId));
  return presentConnection(row);
}

/**
 * Connects (or reconnects) a Shopify store: its domain and the webhook signing secret Shopify shows under
 * Notifications → Webhooks. The secret is write-only: omit it to keep the stored one. Audited without the secret.
 */
export async function connectShopify(db: Database, scope: AccountScope, input: { shopDomain: string; webhookSecret?: string }): Promise<ShopifyConnectionView> {
  assertAdmin(scope);
  const shopDomain = input.shopDomain.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const errors: FieldError[] = [];
  if (!SHOP_DOMAIN.test(shopDomain)) errors.push({ path: 'shopDomain', message: 'must be the store’s myshopify.com domain, e.g. sakura-goods.myshopify.com' });
  const secret = input.webhookSecret?.trim();
  if (secret !== undefined && secret.length < 16) errors.push({ path: 'webhookSecret', message: 'must be the webhook signing secret Shopify shows (at least 16 characters)' });
  if (errors.length > 0) throw validationFailed(errors);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(schema.shopifyConnections).where(eq(schema.shopifyConnections.accountId, scope.accountId)).for('update');
    if (!existing && !secret) throw validationFailed([{ path: 'webhookSecret', message: 'is required to connect a store' }]);
    const now = new Date();
    const [row] = existing
      ? await tx.update(schema.shopifyConnections).set({ shopDomain, ...(secret ? { webhookSecret: secret } : {}), updatedAt: now }).where(eq(schema.shopifyConnections.accountId, scope.accountId)).returning()
      : await tx.insert(schema.shopifyConnections).values({ accountId: scope.accountId, shopDomain, webhookSecret: secret!, connectedBy: scope.actor.type === 'user' ? scope.actor.id : null }).returning();
    await recordAudit(tx, scope, { action: 'shopify.connected', targetType: 'account', targetId: scope.accountId, details: { shopDomain, secretChanged: Boolean(secret) } });
    return presentConnection(row);
  });
}

export async function disconnectShopify(db: Database, scope: AccountScope): Promise<void> {
  assertAdmin(scope);
  await db.transaction(async (tx) => {
    await tx.delete(schema.shopifyConnections).where(eq(schema.shopifyConnections.accountId, scope.accountId));
    await recordAudit(tx, scope, { action: 'shopify.disconnected', targetType: 'account', targetId: scope.accountId, details: {} });
  });
}

/** The connection a webhook URL names, with its secret, for checking the signature (server only). */
export async function findShopifyConnectionByKey(db: Database, webhookKey: string) {
  if (!/^[0-9a-f]{32}$/.test(webhookKey)) return null;
  const [row] = await db.select().from(schema.shopifyConnections).where(eq(schema.shopifyConnections.webhookKey, webhookKey));
  return row ?? null;
}

/** Whether this delivery (by the provider's delivery id) was already applied. */
export async function hasWebhookReceipt(db: Database, accountId: string, provider: string, deliveryId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: schema.commerceWebhookReceipts.deliveryId })
    .from(schema.commerceWebhookReceipts)
    .where(and(eq(schema.commerceWebhookReceipts.accountId, accountId), eq(schema.commerceWebhookReceipts.provider, provider), eq(schema.commerceWebhookReceipts.deliveryId, deliveryId)));
  return Boolean(row);
}

/** Remembers an applied delivery (after applying it: a delivery that failed half-way is applied again on retry). */
export async function recordWebhookReceipt(db: Database, accountId: string, provider: string, deliveryId: string, topic: string, now = new Date()): Promise<void> {
  await db.insert(schema.commerceWebhookReceipts).values({ accountId, provider, deliveryId, topic, receivedAt: now }).onConflictDoNothing();
  if (provider === 'shopify') await db.update(schema.shopifyConnections).set({ lastWebhookAt: now }).where(eq(schema.shopifyConnections.accountId, accountId));
}

/** Maintenance: forgets deliveries older than `before` (providers stop retrying within days). */
export async function purgeWebhookReceipts(db: Database, before: Date): Promise<number> {
  const removed = await db.delete(schema.commerceWebhookReceipts).where(lt(schema.commerceWebhookReceipts.receivedAt, before)).returning({ id: schema.commerceWebhookReceipts.deliveryId });
  return removed.length;
}
