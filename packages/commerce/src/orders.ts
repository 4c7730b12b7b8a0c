import { and, count, desc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import { type AccountScope, AppError, isUuid, notFound, validationFailed, type FieldError } from '@touchpoint/core';
import { type Database, FINANCIAL_STATUSES, FULFILLMENT_STATUSES, type OrderLine, type OrderShipment, SHIPMENT_STATUSES, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';

type OrderRow = typeof schema.orders.$inferSelect;
export type FinancialStatus = (typeof FINANCIAL_STATUSES)[number];
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
export type { OrderLine, OrderShipment };

export const ORDER_STATUSES = ['pending', 'paid', 'fulfilled', 'delivered', 'refunded', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** One status for lists: cancelled, then refunded, then how far fulfilment went, then payment. */
export function summarizeOrderStatus(order: { cancelledAt: Date | null; financialStatus: FinancialStatus; fulfillmentStatus: FulfillmentStatus }): OrderStatus {
  if (order.cancelledAt || order.fulfillmentStatus === 'cancelled') return 'cancelled';
  if (order.financialStatus === 'refunded') return 'refunded';
  if (order.fulfillmentStatus === 'delivered') return 'delivered';
  if (order.fulfillmentStatus === 'fulfilled' || order.fulfillmentStatus === 'partially_fulfilled') return 'fulfilled';
  if (order.financialStatus === 'pending' || order.financialStatus === 'authorized' || order.financialStatus === 'voided') return 'pending';
  return 'paid';
}

export const presentOrder = (row: OrderRow) => ({
  id: row.id,
  number: row.number,
  contactId: row.contactId,
  currency: row.currency,
  subtotalMinor: row.subtotalMinor,
  discountMinor: row.discountMinor,
  taxMinor: row.taxMinor,
  shippingMinor: row.shippingMinor,
  totalMinor: row.totalMinor,
  status: row.status,
  financialStatus: row.financialStatus,
  fulfillmentStatus: row.fulfillmentStatus,
  lines: row.lines,
  shipments: row.shipments,
  source: row.source,
  externalId: row.externalId,
  customerEmail: row.customerEmail,
  customerName: row.customerName,
  providerUpdatedAt: row.providerUpdatedAt?.toISOString() ?? null,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
  cancelledAt: row.cancelledAt?.toISOString() ?? null,
  placedAt: row.placedAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
export type Order = ReturnType<typeof presentOrder>;

export interface OrderLineInput {
  /** The provider's line id; generated (`L1`, `L2`...) when absent. */
  id?: string;
  title: string;
  sku?: string | null;
  variant?: string | null;
  quantity: number;
  unitPriceMinor: number;
  /** Defaults to quantity × unit price. */
  lineTotalMinor?: number;
  productTags?: string[];
}

export interface ShipmentInput {
  id?: string;
  carrier?: string | null;
  trackingNumber?: string | null;
  trackingUrl?: string | null;
  status: ShipmentStatus;
  shippedAt?: Date | null;
  deliveredAt?: Date | null;
}

export interface OrderInput {
  number: string;
  contactId?: string | null;
  currency: string;
  lines: OrderLineInput[];
  subtotalMinor?: number;
  discountMinor?: number;
  taxMinor?: number;
  shippingMinor?: number;
  /** Defaults to subtotal − discount + tax + shipping. */
  totalMinor?: number;
  financialStatus?: FinancialStatus;
  fulfillmentStatus?: FulfillmentStatus;
  shipments?: ShipmentInput[];
  /** `api` unless said; a shop integration names itself (`shopify`). */
  source?: string;
  externalId?: string | null;
  /** The provider's updated_at: an upsert older than (or as old as) the stored one changes nothing. */
  providerUpdatedAt?: Date | null;
  customerEmail?: string | null;
  customerName?: string | null;
  cancelledAt?: Date | null;
  placedAt?: Date;
}

const CURRENCY = /^[A-Z]{3}$/;

function validateOrderInput(input: OrderInput): void {
  const errors: FieldError[] = [];
  if (!input.number.trim()) errors.push({ path: 'number', message: 'is required' });
  if (!CURRENCY.test(input.currency)) errors.push({ path: 'currency', message: 'must be a three-letter ISO 4217 code, e.g. USD' });
  if (input.lines.length === 0) errors.push({ path: 'lines', message: 'must have at least one line' });
  const ids = new Set<string>();
  input.lines.forEach((line, i) => {
    if (!line.title.trim()) errors.push({ path: `lines.${i}.title`, message: 'is required' });
    if (!Number.isInteger(line.quantity) || line.quantity < 1) errors.push({ path: `lines.${i}.quantity`, message: 'must be a whole number of at least 1' });
    if (!Number.isInteger(line.unitPriceMinor) || line.unitPriceMinor < 0) errors.push({ path: `lines.${i}.unitPriceMinor`, message: 'must be a whole, non-negative amount in minor units' });
    if (line.id !== undefined) {
      if (ids.has(line.id)) errors.push({ path: `lines.${i}.id`, message: 'is used by another line' });
      ids.add(line.id);
    }
  });
  for (const key of ['subtotalMinor', 'discountMinor', 'taxMinor', 'shippingMinor', 'totalMinor'] as const) {
    const value = input[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) errors.push({ path: key, message: 'must be a whole, non-negative amount in minor units' });
  }
  (input.shipments ?? []).forEach((shipment, i) => {
    if (shipment.trackingUrl && !/^https?:\/\//i.test(shipment.trackingUrl)) errors.push({ path: `shipments.${i}.trackingUrl`, message: 'must be an http(s) URL' });
  });
  if (errors.length > 0) throw validationFailed(errors);
}

function normalizeLines(lines: OrderLineInput[]): OrderLine[] {
  return lines.map((line, i) => ({
    id: line.id ?? `L${i + 1}`,
    title: line.title.trim(),
    sku: line.sku ?? null,
    variant: line.variant ?? null,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    lineTotalMinor: line.lineTotalMinor ?? line.quantity * line.unitPriceMinor,
    productTags: [...new Set((line.productTags ?? []).map((tag) => tag.trim().toLowerCase()).filter(Boolean))],
  }));
}

function normalizeShipments(shipments: ShipmentInput[]): OrderShipment[] {
  return shipments.map((s, i) => ({
    id: s.id ?? `S${i + 1}`,
    carrier: s.carrier ?? null,
    trackingNumber: s.trackingNumber ?? null,
    trackingUrl: s.trackingUrl ?? null,
    status: s.status,
    shippedAt: s.shippedAt?.toISOString() ?? null,
    deliveredAt: s.deliveredAt?.toISOString() ?? null,
  }));
}

/** When the order counts as delivered: the latest shipment delivery, else when it was first seen delivered. */
function deliveredAtOf(fulfillment: FulfillmentStatus, shipments: OrderShipment[], before: Date | null, now: Date): Date | null {
  const delivered = shipments.filter((s) => s.status === 'delivered');
  const allDelivered = shipments.length > 0 && delivered.length === shipments.length;
  if (fulfillment !== 'delivered' && !allDelivered) return null;
  const times = delivered.map((s) => s.deliveredAt).filter((t): t is string => t !== null).map((t) => new Date(t).getTime());
  if (times.length > 0) return new Date(Math.max(...times));
  return before ?? now;
}

export type UpsertOutcome = 'created' | 'updated' | 'stale';

/**
 * Creates or updates an order, found by (source, external id) when it has an external id, else by number. An update
 * whose `providerUpdatedAt` is not newer than the stored one changes nothing (`stale`): a replayed or late webhook
 * never regresses an order. Concurrent upserts of one order are serialised by a transaction-scoped advisory lock.
 * Records `order.placed` or `order.updated`.
 */
export async function upsertOrder(db: Database, scope: AccountScope, input: OrderInput, now = new Date()): Promise<{ order: Order; outcome: UpsertOutcome }> {
  validateOrderInput(input);
  const source = input.source ?? 'api';
  const externalId = input.externalId ?? null;
  return db.transaction(async (tx) => {
    const key = externalId ? `order:${scope.accountId}:${source}:${externalId}` : `order:${scope.accountId}:#${input.number}`;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    const o = schema.orders;
    const [existing] = await tx
      .select()
      .from(o)
      .where(and(eq(o.accountId, scope.accountId), externalId ? and(eq(o.source, source), eq(o.externalId, externalId)) : eq(o.number, input.number)))
      .for('update');
    if (existing && input.providerUpdatedAt && existing.providerUpdatedAt && input.providerUpdatedAt.getTime() <= existing.providerUpdatedAt.getTime()) {
      return { order: presentOrder(existing), outcome: 'stale' as const };
    }
    if (input.contactId) {
      const [contact] = await tx.select({ id: schema.contacts.id }).from(schema.contacts).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.id, input.contactId)));
      if (!contact) throw validationFailed([{ path: 'contactId', message: 'is not a contact of this account' }]);
    }
    const lines = normalizeLines(input.lines);
    const shipments = normalizeShipments(input.shipments ?? []);
    const subtotalMinor = input.subtotalMinor ?? lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
    const discountMinor = input.discountMinor ?? 0;
    const taxMinor = input.taxMinor ?? 0;
    const shippingMinor = input.shippingMinor ?? 0;
    const financialStatus = input.financialStatus ?? 'paid';
    const anyShipped = shipments.length > 0;
    const fulfillmentStatus = input.fulfillmentStatus ?? (shipments.length > 0 && shipments.every((s) => s.status === 'delivered') ? 'delivered' : anyShipped ? 'fulfilled' : 'unfulfilled');
    const cancelledAt = input.cancelledAt ?? null;
    const values = {
      number: input.number.trim(),
      contactId: input.contactId ?? existing?.contactId ?? null,
      currency: input.currency,
      subtotalMinor,
      discountMinor,
      taxMinor,
      shippingMinor,
      totalMinor: input.totalMinor ?? Math.max(0, subtotalMinor - discountMinor + taxMinor + shippingMinor),
      financialStatus,
      fulfillmentStatus,
      status: summarizeOrderStatus({ cancelledAt, financialStatus, fulfillmentStatus }),
      lines,
      shipments,
      source,
      externalId,
      providerUpdatedAt: input.providerUpdatedAt ?? null,
      customerEmail: input.customerEmail ?? existing?.customerEmail ?? null,
      customerName: input.customerName ?? existing?.customerName ?? null,
      deliveredAt: deliveredAtOf(fulfillmentStatus, shipments, existing?.deliveredAt ?? null, now),
      cancelledAt,
      placedAt: input.placedAt ?? existing?.placedAt ?? now,
      updatedAt: now,
    };
    if (!existing) {
      const [clash] = await tx.select({ id: o.id }).from(o).where(and(eq(o.accountId, scope.accountId), eq(o.number, values.number)));
      if (clash) throw new AppError('conflict', 'Conflict', `Order number ${values.number} is already used by another order.`);
      const [row] = await tx.insert(o).values({ ...values, accountId: scope.accountId, createdAt: now }).returning();
      await recordEvents(tx, [{ type: 'order.placed', accountId: scope.accountId, payload: { orderId: row!.id, contactId: row!.contactId, number: row!.number, status: row!.status }, audience: { kind: 'account' } }]);
      return { order: presentOrder(row!), outcome: 'created' as const };
    }
    const [row] = await tx.update(o).set(values).where(and(eq(o.accountId, scope.accountId), eq(o.id, existing.id))).returning();
    await recordEvents(tx, [{
      type: 'order.updated',
      accountId: scope.accountId,
      payload: { orderId: row!.id, contactId: row!.contactId, number: row!.number, status: row!.status, previousStatus: existing.status },
      audience: { kind: 'account' },
    }]);
    return { order: presentOrder(row!), outcome: 'updated' as const };
  });
}

/** Creates an order (the demo, tests, the API's create). A number already in use is a conflict. */
export async function createOrder(db: Database, scope: AccountScope, input: OrderInput, now = new Date()): Promise<Order> {
  const { order, outcome } = await upsertOrder(db, scope, { ...input, externalId: input.externalId ?? null }, now);
  if (outcome !== 'created') throw new AppError('conflict', 'Conflict', `Order number ${input.number} is already used by another order.`);
  return order;
}

export async function findOrderRow(db: Database, accountId: string, orderId: string, forUpdate = false): Promise<OrderRow> {
  if (!isUuid(orderId)) throw notFound('order');
  const query = db.select().from(schema.orders).where(and(eq(schema.orders.accountId, accountId), eq(schema.orders.id, orderId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('order');
  return row;
}

export async function getOrder(db: Database, scope: AccountScope, orderId: string): Promise<Order> {
  return presentOrder(await findOrderRow(db, scope.accountId, orderId));
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Orders of the account, newest first, optionally by contact, status or a number/email fragment. */
export async function listOrders(db: Database, scope: AccountScope, filter: { contactId?: string; status?: string; q?: string; limit: number }): Promise<Order[]> {
  const o = schema.orders;
  const pattern = filter.q?.trim() ? `%${escapeLike(filter.q.trim())}%` : null;
  const rows = await db
    .select()
    .from(o)
    .where(and(
      eq(o.accountId, scope.accountId),
      filter.contactId ? eq(o.contactId, filter.contactId) : undefined,
      filter.status ? eq(o.status, filter.status) : undefined,
      pattern ? or(ilike(o.number, pattern), ilike(o.customerEmail, pattern), ilike(o.customerName, pattern)) : undefined,
    ))
    .orderBy(desc(o.placedAt))
    .limit(filter.limit);
  return rows.map(presentOrder);
}

/** The contact's orders, newest first (contact page, side panel, timeline). */
export async function listContactOrders(db: Database, scope: AccountScope, contactId: string): Promise<Order[]> {
  const rows = await db
    .select()
    .from(schema.orders)
    .where(and(eq(schema.orders.accountId, scope.accountId), eq(schema.orders.contactId, contactId)))
    .orderBy(desc(schema.orders.placedAt));
  return rows.map(presentOrder);
}

/** Orders whose number is exactly `number` (case-insensitive), e.g. for store mode's search. */
export async function findOrdersByNumber(db: Database, scope: AccountScope, numbers: string[]): Promise<Order[]> {
  if (numbers.length === 0) return [];
  const rows = await db
    .select()
    .from(schema.orders)
    .where(and(eq(schema.orders.accountId, scope.accountId), inArray(sql`upper(${schema.orders.number})`, numbers.map((n) => n.toUpperCase()))));
  return rows.map(presentOrder);
}

export async function countRecentOrders(db: Database, scope: AccountScope, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - 30 * 24 * 3600_000);
  const [row] = await db.select({ n: count() }).from(schema.orders).where(and(eq(schema.orders.accountId, scope.accountId), gt(schema.orders.placedAt, since)));
  return row?.n ?? 0;
}

/** Contact merge: the duplicate's orders and returns (and return photos) follow the kept contact, in the merge's transaction. */
export async function moveCommerceRecords(tx: Database, accountId: string, fromContactId: string, toContactId: string): Promise<{ orders: number; returns: number }> {
  const movedOrders = await tx
    .update(schema.orders)
    .set({ contactId: toContactId })
    .where(and(eq(schema.orders.accountId, accountId), eq(schema.orders.contactId, fromContactId)))
    .returning({ id: schema.orders.id });
  const movedReturns = await tx
    .update(schema.returns)
    .set({ contactId: toContactId })
    .where(and(eq(schema.returns.accountId, accountId), eq(schema.returns.contactId, fromContactId)))
    .returning({ id: schema.returns.id });
  await tx.update(schema.attachments).set({ contactId: toContactId }).where(and(eq(schema.attachments.accountId, accountId), eq(schema.attachments.contactId, fromContactId)));
  return { orders: movedOrders.length, returns: movedReturns.length };
}

// ---- Customer side (portal, store counter): every function is scoped by the contact as well as the account. ----

/** The customer's orders, newest first. */
export async function listCustomerOrders(db: Database, scope: AccountScope, contactId: string): Promise<Order[]> {
  return listContactOrders(db, scope, contactId);
}

/** One of the customer's orders; another customer's order answers 404 like a missing one. */
export async function getCustomerOrder(db: Database, scope: AccountScope, contactId: string, orderId: string): Promise<Order> {
  const row = await findOrderRow(db, scope.accountId, orderId);
  if (row.contactId !== contactId) throw notFound('order');
  return presentOrder(row);
}
