import { and, asc, desc, eq, ilike, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { type AccountScope, AppError, type FieldError, isUuid, notFound, validationFailed } from '@touchpoint/core';
import { type Database, type ReturnLine, type ReturnStatus, RETURN_STATUSES, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { assessReturnEligibility, refundForLine } from './eligibility.ts';
import { findOrderRow, summarizeOrderStatus } from './orders.ts';
import { getReturnPolicy, pickText, type ReturnPolicy } from './return-policy.ts';

type ReturnRow = typeof schema.returns.$inferSelect;
export type { ReturnLine, ReturnStatus };
export { RETURN_STATUSES };
export const RETURN_SOURCES = ['portal', 'store', 'agent', 'api'] as const;
export type ReturnSource = (typeof RETURN_SOURCES)[number];
export type ReturnResolution = 'refund' | 'exchange';

/** The statuses a return may move to from each status; the others are final. */
export const RETURN_TRANSITIONS: Record<ReturnStatus, readonly ReturnStatus[]> = {
  requested: ['approved', 'rejected', 'cancelled'],
  approved: ['received', 'cancelled'],
  received: ['refunded', 'exchanged'],
  rejected: [],
  refunded: [],
  exchanged: [],
  cancelled: [],
};

/** Statuses whose lines still count as returned (everything but a refusal or a cancellation). */
const LIVE_STATUSES: ReturnStatus[] = ['requested', 'approved', 'received', 'refunded', 'exchanged'];

export const returnLabel = (number: number) => `R-${number}`;

export const presentReturn = (row: ReturnRow, orderNumber: string) => ({
  id: row.id,
  number: returnLabel(row.number),
  orderId: row.orderId,
  orderNumber,
  contactId: row.contactId,
  status: row.status,
  resolution: row.resolution,
  reason: row.reason,
  note: row.note,
  source: row.source,
  lines: row.lines,
  currency: row.currency,
  refundMinor: row.refundMinor,
  locale: row.locale,
  decisionNote: row.decisionNote,
  autoApproved: row.autoApproved,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
export type Return = ReturnType<typeof presentReturn>;

export interface ReturnPhoto {
  id: string;
  fileName: string;
  contentType: string;
  byteSize: number;
}

export interface ReturnTransition {
  fromStatus: string | null;
  toStatus: string;
  actorType: string;
  actorName: string;
  note: string;
  at: string;
}

export type ReturnDetail = Return & { photos: ReturnPhoto[]; history: ReturnTransition[]; policyReasonLabel: string };

/** Quantities of each line of the order already in a live return. */
async function returnedQuantities(db: Database, accountId: string, orderId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ lines: schema.returns.lines })
    .from(schema.returns)
    .where(and(eq(schema.returns.accountId, accountId), eq(schema.returns.orderId, orderId), inArray(schema.returns.status, LIVE_STATUSES)));
  const byLine = new Map<string, number>();
  for (const row of rows) for (const line of row.lines) byLine.set(line.orderLineId, (byLine.get(line.orderLineId) ?? 0) + line.quantity);
  return byLine;
}

const localizedPolicy = (policy: ReturnPolicy) => ({
  windowDays: policy.windowDays,
  text: policy.policyText,
  reasons: policy.reasons,
  allowExchange: policy.allowExchange,
  nonReturnableTags: policy.nonReturnableTags,
});

/**
 * Which lines of the customer's order can be returned now (each with its reason when not), the last day to start a
 * return, and the policy the customer should read. Another customer's order answers 404.
 */
export async function checkReturnEligibility(db: Database, scope: AccountScope, contactId: string, orderId: string, now = new Date()) {
  const order = await findOrderRow(db, scope.accountId, orderId);
  if (order.contactId !== contactId) throw notFound('order');
  const [policy, returned] = await Promise.all([getReturnPolicy(db, scope), returnedQuantities(db, scope.accountId, orderId)]);
  return { orderId: order.id, orderNumber: order.number, currency: order.currency, ...assessReturnEligibility(order, policy, returned, now), policy: localizedPolicy(policy) };
}

export interface StartReturnInput {
  orderId: string;
  lines: { lineId: string; quantity: number }[];
  /** One of the policy's reason codes. */
  reason: string;
  note?: string;
  /** Ids from `uploadReturnPhoto` for this customer. */
  photoIds?: string[];
  resolution: ReturnResolution;
  source: ReturnSource;
  /** The customer's language for the slip and notifications; defaults to the contact's, then the account's. */
  locale?: string;
}

const MAX_NOTE_LENGTH = 2000;
export const MAX_PHOTOS_PER_RETURN = 6;

function actorOf(scope: AccountScope) {
  return { actorType: scope.actor.type, actorId: scope.actor.id, actorName: scope.actor.name };
}

/**
 * Starts a return of some lines of the customer's order. Every line must be eligible now and its quantity at most
 * what is left to return; otherwise nothing is recorded and the answer names each refused line and why. The order row
 * is locked, so two returns started at once cannot both take the last item. Records `return.requested`; when the
 * policy's auto-approve rule covers it, the return is approved at once (`return.approved`, by "Return policy").
 */
export async function startReturn(db: Database, scope: AccountScope, contactId: string, input: StartReturnInput, now = new Date()): Promise<ReturnDetail> {
  const errors: FieldError[] = [];
  if (input.lines.length === 0) errors.push({ path: 'lines', message: 'choose at least one item to return' });
  if (!['refund', 'exchange'].includes(input.resolution)) errors.push({ path: 'resolution', message: 'must be refund or exchange' });
  if (!(RETURN_SOURCES as readonly string[]).includes(input.source)) errors.push({ path: 'source', message: `must be one of ${RETURN_SOURCES.join(', ')}` });
  if ((input.note ?? '').length > MAX_NOTE_LENGTH) errors.push({ path: 'note', message: `must be at most ${MAX_NOTE_LENGTH} characters` });
  const photoIds = [...new Set(input.photoIds ?? [])];
  if (photoIds.length > MAX_PHOTOS_PER_RETURN) errors.push({ path: 'photoIds', message: `at most ${MAX_PHOTOS_PER_RETURN} photos` });
  if (photoIds.some((id) => !isUuid(id))) errors.push({ path: 'photoIds', message: 'must be ids of uploaded photos' });
  if (errors.length > 0) throw validationFailed(errors);

  const created = await db.transaction(async (tx) => {
    const order = await findOrderRow(tx, scope.accountId, input.orderId, true);
    if (order.contactId !== contactId) throw notFound('order');
    const policy = await getReturnPolicy(tx, scope);
    const reason = policy.reasons.find((r) => r.code === input.reason);
    if (!reason) throw validationFailed([{ path: 'reason', message: `must be one of ${policy.reasons.map((r) => r.code).join(', ')}` }]);
    if (reason.photoRequired && photoIds.length === 0) throw validationFailed([{ path: 'photoIds', message: `a photo is required for the reason “${pickText(reason.label, 'en')}”` }]);
    if (input.resolution === 'exchange' && !policy.allowExchange) throw validationFailed([{ path: 'resolution', message: 'this shop offers refunds only' }]);

    const assessed = assessReturnEligibility(order, policy, await returnedQuantities(tx, scope.accountId, order.id), now);
    const refused: FieldError[] = [];
    const lines: ReturnLine[] = [];
    const seen = new Set<string>();
    input.lines.forEach((wanted, i) => {
      const line = order.lines.find((l) => l.id === wanted.lineId);
      const eligibility = assessed.lines.find((l) => l.lineId === wanted.lineId);
      if (!line || !eligibility) return refused.push({ path: `lines.${i}.lineId`, message: 'is not a line of this order' });
      if (seen.has(line.id)) return refused.push({ path: `lines.${i}.lineId`, message: 'is listed twice' });
      seen.add(line.id);
      if (!Number.isInteger(wanted.quantity) || wanted.quantity < 1) return refused.push({ path: `lines.${i}.quantity`, message: 'must be a whole number of at least 1' });
      if (!eligibility.eligible) return refused.push({ path: `lines.${i}`, message: `${line.title}: not returnable (${eligibility.reason}): ${eligibility.detail}` });
      if (wanted.quantity > eligibility.returnableQuantity) {
        return refused.push({ path: `lines.${i}.quantity`, message: `${line.title}: only ${eligibility.returnableQuantity} left to return (${eligibility.returnedQuantity} already returned)` });
      }
      lines.push({ orderLineId: line.id, title: line.title, sku: line.sku, variant: line.variant, quantity: wanted.quantity, unitPriceMinor: line.unitPriceMinor, refundMinor: refundForLine(line, wanted.quantity) });
      return undefined;
    });
    if (refused.length > 0) throw validationFailed(refused);

    const [contact] = await tx.select({ locale: schema.contacts.locale }).from(schema.contacts).where(eq(schema.contacts.id, contactId));
    const [account] = await tx.select({ defaultLocale: schema.accounts.defaultLocale }).from(schema.accounts).where(eq(schema.accounts.id, scope.accountId));
    const locale = (input.locale ?? contact?.locale ?? account?.defaultLocale ?? 'en').slice(0, 2);

    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`returns:${scope.accountId}`}))`);
    const [last] = await tx.select({ n: sql<number>`coalesce(max(${schema.returns.number}), 1000)::int` }).from(schema.returns).where(eq(schema.returns.accountId, scope.accountId));
    const refundMinor = lines.reduce((sum, line) => sum + line.refundMinor, 0);
    const [row] = await tx
      .insert(schema.returns)
      .values({
        accountId: scope.accountId,
        number: (last?.n ?? 1000) + 1,
        orderId: order.id,
        contactId,
        resolution: input.resolution,
        reason: reason.code,
        note: (input.note ?? '').trim(),
        source: input.source,
        lines,
        currency: order.currency,
        refundMinor,
        locale: ['en', 'ja', 'zh'].includes(locale) ? locale : 'en',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (photoIds.length > 0) {
      const claimed = await tx
        .update(schema.attachments)
        .set({ returnId: row!.id })
        .where(and(
          eq(schema.attachments.accountId, scope.accountId),
          inArray(schema.attachments.id, photoIds),
          eq(schema.attachments.contactId, contactId),
          isNull(schema.attachments.returnId),
          isNull(schema.attachments.messageId),
        ))
        .returning({ id: schema.attachments.id });
      if (claimed.length !== photoIds.length) throw validationFailed([{ path: 'photoIds', message: 'must be photos this customer uploaded and has not used yet' }]);
    }
    await tx.insert(schema.returnTransitions).values({ accountId: scope.accountId, returnId: row!.id, fromStatus: null, toStatus: 'requested', ...actorOf(scope), note: row!.note, createdAt: now });
    await recordEvents(tx, [returnEvent('return.requested', row!, order.number)]);

    const rule = policy.autoApprove;
    const covered = rule.enabled && (rule.maxRefundMinor === null || refundMinor <= rule.maxRefundMinor) && (rule.reasons.length === 0 || rule.reasons.includes(reason.code));
    if (!covered) return row!;
    const [approved] = await tx.update(schema.returns).set({ status: 'approved', autoApproved: true, updatedAt: now }).where(eq(schema.returns.id, row!.id)).returning();
    await tx.insert(schema.returnTransitions).values({ accountId: scope.accountId, returnId: row!.id, fromStatus: 'requested', toStatus: 'approved', actorType: 'system', actorId: null, actorName: 'Return policy', note: 'Approved automatically by the return policy.', createdAt: now });
    await recordEvents(tx, [returnEvent('return.approved', approved!, order.number)]);
    return approved!;
  });
  return getReturnDetail(db, scope.accountId, created.id);
}

type ReturnEventType = 'return.requested' | 'return.approved' | 'return.rejected' | 'return.received' | 'return.refunded' | 'return.exchanged' | 'return.cancelled';

const EVENT_BY_STATUS: Record<ReturnStatus, ReturnEventType> = {
  requested: 'return.requested',
  approved: 'return.approved',
  rejected: 'return.rejected',
  received: 'return.received',
  refunded: 'return.refunded',
  exchanged: 'return.exchanged',
  cancelled: 'return.cancelled',
};

function returnEvent(type: ReturnEventType, row: ReturnRow, orderNumber: string) {
  return {
    type,
    accountId: row.accountId,
    payload: { returnId: row.id, number: returnLabel(row.number), orderId: row.orderId, orderNumber, contactId: row.contactId, status: row.status, source: row.source },
    audience: { kind: 'account' as const },
  };
}

async function findReturnRow(db: Database, accountId: string, returnId: string, forUpdate = false): Promise<ReturnRow> {
  if (!isUuid(returnId)) throw notFound('return');
  const query = db.select().from(schema.returns).where(and(eq(schema.returns.accountId, accountId), eq(schema.returns.id, returnId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('return');
  return row;
}

async function orderNumberOf(db: Database, orderId: string): Promise<string> {
  const [row] = await db.select({ number: schema.orders.number }).from(schema.orders).where(eq(schema.orders.id, orderId));
  return row?.number ?? '';
}

const LIFECYCLE_RANK: Record<string, number> = { requested: 0, approved: 1, rejected: 1, received: 2, cancelled: 2, refunded: 3, exchanged: 3 };
/** Oldest first; steps recorded in the same instant (an auto-approval) in lifecycle order. */
const byLifecycle = (a: { createdAt: Date; toStatus: string }, b: { createdAt: Date; toStatus: string }) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (LIFECYCLE_RANK[a.toStatus] ?? 0) - (LIFECYCLE_RANK[b.toStatus] ?? 0);

/** A return with its photos and its history, oldest step first. */
export async function getReturnDetail(db: Database, accountId: string, returnId: string): Promise<ReturnDetail> {
  const row = await findReturnRow(db, accountId, returnId);
  const [orderNumber, photos, history, policy] = await Promise.all([
    orderNumberOf(db, row.orderId),
    db
      .select({ id: schema.attachments.id, fileName: schema.attachments.fileName, contentType: schema.attachments.contentType, byteSize: schema.attachments.byteSize })
      .from(schema.attachments)
      .where(and(eq(schema.attachments.accountId, accountId), eq(schema.attachments.returnId, row.id)))
      .orderBy(asc(schema.attachments.createdAt)),
    db.select().from(schema.returnTransitions).where(and(eq(schema.returnTransitions.accountId, accountId), eq(schema.returnTransitions.returnId, row.id))).orderBy(asc(schema.returnTransitions.createdAt)),
    getReturnPolicy(db, { accountId, actor: { type: 'system', id: null, name: 'returns', role: 'agent' } }),
  ]);
  const reason = policy.reasons.find((r) => r.code === row.reason);
  return {
    ...presentReturn(row, orderNumber),
    photos,
    history: history.sort(byLifecycle).map((h) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, actorType: h.actorType, actorName: h.actorName, note: h.note, at: h.createdAt.toISOString() })),
    policyReasonLabel: reason ? pickText(reason.label, row.locale) : row.reason,
  };
}

export async function getReturn(db: Database, scope: AccountScope, returnId: string): Promise<ReturnDetail> {
  return getReturnDetail(db, scope.accountId, returnId);
}

export interface ReturnFilter {
  status?: ReturnStatus;
  source?: ReturnSource;
  contactId?: string;
  orderId?: string;
  /** A return number (`R-1002` or `1002`), order number or customer email fragment. */
  q?: string;
  limit: number;
}

/** Returns of the account, newest first, with the customer's name for lists. */
export async function listReturns(db: Database, scope: AccountScope, filter: ReturnFilter): Promise<(Return & { customerName: string | null })[]> {
  const r = schema.returns;
  const q = filter.q?.trim();
  const numeric = q ? Number(q.replace(/^R-?/i, '')) : NaN;
  const pattern = q ? `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const rows = await db
    .select({ ret: r, orderNumber: schema.orders.number, customerName: schema.contacts.name })
    .from(r)
    .innerJoin(schema.orders, eq(schema.orders.id, r.orderId))
    .leftJoin(schema.contacts, eq(schema.contacts.id, r.contactId))
    .where(and(
      eq(r.accountId, scope.accountId),
      filter.status ? eq(r.status, filter.status) : undefined,
      filter.source ? eq(r.source, filter.source) : undefined,
      filter.contactId ? eq(r.contactId, filter.contactId) : undefined,
      filter.orderId ? eq(r.orderId, filter.orderId) : undefined,
      pattern
        ? or(Number.isInteger(numeric) ? eq(r.number, numeric) : undefined, ilike(schema.orders.number, pattern), ilike(schema.contacts.email, pattern), ilike(schema.contacts.name, pattern))
        : undefined,
    ))
    .orderBy(desc(r.createdAt))
    .limit(filter.limit);
  return rows.map((row) => ({ ...presentReturn(row.ret, row.orderNumber), customerName: row.customerName }));
}

/** Returns of a contact (contact page, side panel, timeline). */
export async function listContactReturns(db: Database, scope: AccountScope, contactId: string): Promise<Return[]> {
  return listReturns(db, scope, { contactId, limit: 100 });
}

/** Every step of the contact's returns, newest first (the timeline shows each one). */
export async function listContactReturnSteps(db: Database, scope: AccountScope, contactId: string, limit = 200) {
  const rows = await db
    .select({ step: schema.returnTransitions, number: schema.returns.number, orderNumber: schema.orders.number, lines: schema.returns.lines, source: schema.returns.source })
    .from(schema.returnTransitions)
    .innerJoin(schema.returns, eq(schema.returns.id, schema.returnTransitions.returnId))
    .innerJoin(schema.orders, eq(schema.orders.id, schema.returns.orderId))
    .where(and(eq(schema.returnTransitions.accountId, scope.accountId), eq(schema.returns.contactId, contactId)))
    .orderBy(desc(schema.returnTransitions.createdAt))
    .limit(limit);
  return rows.map((row) => ({
    returnId: row.step.returnId,
    number: returnLabel(row.number),
    orderNumber: row.orderNumber,
    lines: row.lines,
    source: row.source,
    status: row.step.toStatus,
    actorName: row.step.actorName,
    note: row.step.note,
    at: row.step.createdAt.toISOString(),
  }));
}

export interface TransitionOptions {
  note?: string;
}

/**
 * Moves a return to `to`, recording who and when, and the matching `return.<status>` event. Asking for the status it
 * already has changes nothing (a double click or a retried request is harmless); a move the status machine does not
 * allow is a 409 naming both statuses. The row is locked for the move.
 */
export async function transitionReturn(db: Database, scope: AccountScope, returnId: string, to: ReturnStatus, options: TransitionOptions = {}, now = new Date()): Promise<ReturnDetail> {
  const note = (options.note ?? '').trim();
  if (note.length > MAX_NOTE_LENGTH) throw validationFailed([{ path: 'note', message: `must be at most ${MAX_NOTE_LENGTH} characters` }]);
  if (to === 'rejected' && !note) throw validationFailed([{ path: 'note', message: 'say why the return is rejected; the customer sees it' }]);
  await db.transaction(async (tx) => {
    const row = await findReturnRow(tx, scope.accountId, returnId, true);
    if (row.status === to) return;
    if (!RETURN_TRANSITIONS[row.status].includes(to)) {
      throw new AppError('conflict', 'Conflict', `Return ${returnLabel(row.number)} is ${row.status}; it cannot become ${to}.`);
    }
    if (to === 'exchanged' && row.resolution !== 'exchange') throw new AppError('conflict', 'Conflict', `Return ${returnLabel(row.number)} asked for a refund, not an exchange.`);
    if (to === 'refunded' && row.resolution !== 'refund') throw new AppError('conflict', 'Conflict', `Return ${returnLabel(row.number)} asked for an exchange, not a refund.`);
    const [moved] = await tx
      .update(schema.returns)
      .set({ status: to, updatedAt: now, ...(to === 'rejected' ? { decisionNote: note } : {}) })
      .where(eq(schema.returns.id, row.id))
      .returning();
    await tx.insert(schema.returnTransitions).values({ accountId: scope.accountId, returnId: row.id, fromStatus: row.status, toStatus: to, ...actorOf(scope), note, createdAt: now });
    await recordEvents(tx, [returnEvent(EVENT_BY_STATUS[to], moved!, await orderNumberOf(tx, row.orderId))]);
    if (to === 'refunded') await markOrderRefunded(tx, scope.accountId, row.orderId, now);
  });
  return getReturnDetail(db, scope.accountId, returnId);
}

/**
 * After a refund, the order's financial status says so: `refunded` once refunded returns cover its total, else
 * `partially_refunded`. A shop that sends its own status later (a Shopify update) overrides it.
 */
async function markOrderRefunded(tx: Database, accountId: string, orderId: string, now: Date) {
  const [order] = await tx.select().from(schema.orders).where(and(eq(schema.orders.accountId, accountId), eq(schema.orders.id, orderId))).for('update');
  if (!order) return;
  const [sum] = await tx
    .select({ refunded: sql<number>`coalesce(sum(${schema.returns.refundMinor}), 0)::int` })
    .from(schema.returns)
    .where(and(eq(schema.returns.orderId, orderId), eq(schema.returns.status, 'refunded')));
  const financialStatus = (sum?.refunded ?? 0) >= order.totalMinor ? 'refunded' : 'partially_refunded';
  if (financialStatus === order.financialStatus) return;
  const status = summarizeOrderStatus({ cancelledAt: order.cancelledAt, financialStatus, fulfillmentStatus: order.fulfillmentStatus });
  await tx.update(schema.orders).set({ financialStatus, status, updatedAt: now }).where(eq(schema.orders.id, orderId));
  await recordEvents(tx, [{ type: 'order.updated', accountId, payload: { orderId, contactId: order.contactId, number: order.number, status, previousStatus: order.status }, audience: { kind: 'account' } }]);
}

// ---- Customer side ----

/** The customer's returns, newest first. */
export async function listCustomerReturns(db: Database, scope: AccountScope, contactId: string): Promise<Return[]> {
  return listReturns(db, scope, { contactId, limit: 200 });
}

/** One of the customer's returns with its photos and history; another customer's answers 404. */
export async function getCustomerReturn(db: Database, scope: AccountScope, contactId: string, returnId: string): Promise<ReturnDetail> {
  const detail = await getReturnDetail(db, scope.accountId, returnId);
  if (detail.contactId !== contactId) throw notFound('return');
  return detail;
}

/** The customer withdraws their return while it is still requested or approved (nothing has been received). */
export async function cancelCustomerReturn(db: Database, scope: AccountScope, contactId: string, returnId: string, now = new Date()): Promise<ReturnDetail> {
  await getCustomerReturn(db, scope, contactId, returnId);
  return transitionReturn(db, scope, returnId, 'cancelled', { note: 'Cancelled by the customer.' }, now);
}

/** Returns still open (not final), for counts in the console. */
export async function countOpenReturns(db: Database, scope: AccountScope): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.returns)
    .where(and(eq(schema.returns.accountId, scope.accountId), notInArray(schema.returns.status, ['rejected', 'refunded', 'exchanged', 'cancelled'])));
  return row?.n ?? 0;
}
