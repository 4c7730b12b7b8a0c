import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type AccountScope, AppError, conflict, forbidden, notFound, validationFailed } from '@touchpoint/core';
import { type Database, type DelightDelivery, type DelightKind, schema } from '@touchpoint/db';
import { listVisibleInboxIds, recordAudit } from '@touchpoint/accounts';
import { postAgentMessage } from '@touchpoint/conversations';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { recordEvents } from '@touchpoint/events';
import { earnPoints, issueCoupon, requireCouponPool } from '@touchpoint/rewards';
import { describeAccountPeriod, readSpent, resolveDelightBudget } from './delight-budgets.ts';
import { CARD_STYLES, type CardStyle } from './delight-card.ts';
import { describeGestureNote, formatMinor } from './delight-text.ts';
import type { GiftSender } from './gift-sender.ts';

const g = schema.delightGestures;
type GestureRow = typeof g.$inferSelect;

export interface GestureInput {
  conversationId: string;
  kind: DelightKind;
  /** The agent's idempotency key: the same key again answers the first gesture and sends nothing more. */
  clientKey: string;
  message: string;
  reason?: string;
  cardStyle?: CardStyle;
  /** voucher: the pool to issue a code from. */
  poolId?: string;
  /** What the gesture costs: required for a gift and for a voucher from a percent or free-item pool (an amount pool's value is its cost). */
  valueMinor?: number;
  /** points: how many to give. */
  points?: number;
  /** gift: the product sent through the gifts domain. */
  gift?: { title: string; sku?: string; imageUrl?: string };
}

export interface DelightPorts {
  /** The gifts domain's sender; null where it is not wired (a gift is then refused, nothing else changes). */
  gifts: GiftSender | null;
}

export const overBudget = (detail: string) => new AppError('over_budget', 'Over the delight budget', detail);

export function serializeGesture(row: GestureRow, names: { agentName?: string | null; contactName?: string | null } = {}) {
  return {
    id: row.id, userId: row.userId, agentName: names.agentName ?? null, conversationId: row.conversationId, contactId: row.contactId, contactName: names.contactName ?? null,
    kind: row.kind, valueMinor: row.valueMinor, currency: row.currency, message: row.message, reason: row.reason, status: row.status, delivery: row.delivery,
    cardStyle: row.cardStyle, cardPath: `/card/${row.cardToken}`, couponId: row.couponId, points: row.points, pointsEntryId: row.pointsEntryId, giftId: row.giftId, giftUrl: row.giftUrl,
    details: row.details, createdAt: row.createdAt.toISOString(),
  };
}
export type Gesture = ReturnType<typeof serializeGesture>;

/** The conversation, if the agent works in its inbox; otherwise 404 as if it did not exist. */
async function requireVisibleConversation(db: Database, scope: AccountScope, conversationId: string) {
  const c = schema.conversations;
  const inboxIds = await listVisibleInboxIds(db, scope);
  if (inboxIds.length === 0) throw notFound('conversation');
  const [row] = await db.select({ id: c.id, contactId: c.contactId, number: c.number }).from(c)
    .where(and(eq(c.accountId, scope.accountId), eq(c.id, conversationId), inArray(c.inboxId, inboxIds)));
  if (!row) throw notFound('conversation');
  return row;
}

function assertKindInput(input: GestureInput, ports: DelightPorts) {
  if (input.kind === 'voucher' && !input.poolId) throw validationFailed([{ path: 'poolId', message: 'is required for a voucher' }]);
  if (input.kind === 'points' && !input.points) throw validationFailed([{ path: 'points', message: 'is required for points' }]);
  if (input.kind === 'gift' && (!input.gift || input.valueMinor === undefined)) throw validationFailed([{ path: input.gift ? 'valueMinor' : 'gift', message: 'is required for a gift' }]);
  if (input.kind === 'gift' && !ports.gifts) throw conflict('Gifts are not available on this server yet; send a voucher, points or a card.');
  if (input.kind === 'card' && !input.message.trim()) throw validationFailed([{ path: 'message', message: 'a card needs a message' }]);
  if (input.cardStyle && !CARD_STYLES.includes(input.cardStyle)) throw validationFailed([{ path: 'cardStyle', message: `must be one of ${CARD_STYLES.join(', ')}` }]);
}

/** What the gesture costs against the budget, in the budget's currency, and what it is (for the note and the timeline). */
async function priceGesture(tx: Database, accountId: string, input: GestureInput, budget: { currency: string; pointValueMinor: number }) {
  if (input.kind === 'card') return { valueMinor: input.valueMinor ?? 0, details: {} };
  if (input.kind === 'points') return { valueMinor: input.points! * budget.pointValueMinor, details: { points: input.points } };
  if (input.kind === 'gift') return { valueMinor: input.valueMinor!, details: { title: input.gift!.title, sku: input.gift!.sku ?? null, imageUrl: input.gift!.imageUrl ?? null } };
  const pool = await requireCouponPool(tx, accountId, input.poolId!);
  const details = { poolId: pool.id, poolName: pool.name, offerKind: pool.kind, offerValue: pool.value, offerCurrency: pool.currency };
  if (pool.kind === 'amount') {
    if (pool.currency !== budget.currency) throw validationFailed([{ path: 'poolId', message: `this pool is in ${pool.currency}; the budget is in ${budget.currency}` }]);
    return { valueMinor: pool.value, details };
  }
  if (input.valueMinor === undefined) throw validationFailed([{ path: 'valueMinor', message: 'say what this voucher costs: its pool is not an amount off' }]);
  return { valueMinor: input.valueMinor, details };
}

/**
 * Sends a gesture from a conversation, without approval, within the agent's budget for this period. One
 * transaction, serialised per agent by an advisory lock: the spend is read after the lock, so concurrent gestures
 * can never take the agent over budget. Over budget (or no budget) is 409 `over_budget` and nothing is sent. The
 * grant (a code issued, points earned as `delight:<gestureId>`, a gift through the gifts port) commits with the
 * gesture, its timeline event (`delight.sent`), a private note in the conversation and an audit entry. Idempotent
 * on the agent's `clientKey`.
 */
export async function sendDelightGesture(db: Database, scope: AccountScope, input: GestureInput, ports: DelightPorts, now = new Date()) {
  if (scope.actor.type !== 'user' || !scope.actor.id) throw forbidden('Only an agent signed in to the console can send a delight gesture.');
  const userId = scope.actor.id;
  const conversation = await requireVisibleConversation(db, scope, input.conversationId);
  assertKindInput(input, ports);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`delight:${scope.accountId}:${userId}`}))`);
    const [existing] = await tx.select().from(g).where(and(eq(g.accountId, scope.accountId), eq(g.userId, userId), eq(g.clientKey, input.clientKey)));
    if (existing) {
      if (existing.kind !== input.kind || existing.conversationId !== input.conversationId) throw conflict('This clientKey was already used for another gesture.');
      return { gesture: serializeGesture(existing), replayed: true };
    }
    const budget = await resolveDelightBudget(tx, scope.accountId, userId);
    if (!budget) throw overBudget('You have no delight budget. An admin can set one under Engagement → Delight budget. Nothing was sent.');
    const { valueMinor, details } = await priceGesture(tx, scope.accountId, input, budget);
    const { start, end } = await describeAccountPeriod(tx, scope.accountId, budget.period, now);
    const { spentMinor } = await readSpent(tx, scope.accountId, userId, start);
    if (spentMinor + valueMinor > budget.amountMinor) {
      const left = Math.max(0, budget.amountMinor - spentMinor);
      throw overBudget(`This costs ${formatMinor(valueMinor, budget.currency)} but only ${formatMinor(left, budget.currency)} is left of your ${formatMinor(budget.amountMinor, budget.currency)} ${budget.period}ly budget (it renews on ${end.toISOString().slice(0, 10)}). Nothing was sent.`);
    }
    const id = randomUUID();
    const grant: Partial<typeof g.$inferInsert> = {};
    const extra: Record<string, unknown> = {};
    if (input.kind === 'voucher') {
      const coupon = await issueCoupon(tx, scope.accountId, input.poolId!, conversation.contactId);
      Object.assign(grant, { couponId: coupon.id });
      extra.code = coupon.code;
    } else if (input.kind === 'points') {
      const { entry } = await earnPoints(tx, scope, { contactId: conversation.contactId, points: input.points!, reason: input.reason || 'A gift from our team', reference: `delight:${id}` });
      Object.assign(grant, { points: input.points, pointsEntryId: entry.id });
    } else if (input.kind === 'gift') {
      const gift = await ports.gifts!.sendGift(tx, scope.accountId, {
        sender: { kind: 'agent', userId, conversationId: conversation.id }, recipient: { contactId: conversation.contactId },
        item: { kind: 'product', title: input.gift!.title, sku: input.gift!.sku, imageUrl: input.gift!.imageUrl, valueMinor, currency: budget.currency },
        message: input.message, reference: `delight:${id}`,
      });
      Object.assign(grant, { giftId: gift.giftId, giftUrl: gift.claimUrl });
    }
    const [row] = await tx.insert(g).values({
      id, accountId: scope.accountId, userId, conversationId: conversation.id, contactId: conversation.contactId, kind: input.kind, valueMinor, currency: budget.currency,
      message: input.message, reason: input.reason ?? '', clientKey: input.clientKey, cardToken: randomBytes(18).toString('base64url'), cardStyle: input.cardStyle ?? 'thanks',
      details: { ...details, ...extra }, ...grant, createdAt: now,
    }).returning();
    const gesture = serializeGesture(row!, { agentName: scope.actor.name });
    await recordCustomerEvents(tx, scope.accountId, [{
      contactId: conversation.contactId, kind: 'system', name: 'delight.sent', source: 'system', occurredAt: now, touchpoint: { kind: 'delight', id },
      properties: { gestureId: id, kind: input.kind, valueMinor, currency: budget.currency, conversationId: conversation.id, agentId: userId, agentName: scope.actor.name, ...details, ...extra },
    }]);
    await postAgentMessage(tx, scope, conversation.id, { kind: 'note', body: await describeGestureNote(tx, scope.accountId, gesture), clientKey: `delight:${id}` }, now);
    await recordAudit(tx, scope, { action: 'delight.gesture_sent', targetType: 'conversation', targetId: conversation.id, details: { gestureId: id, kind: input.kind, valueMinor, currency: budget.currency, contactId: conversation.contactId, reason: input.reason ?? '' } });
    // Webhooks and the console's live refresh (the agent's budget left, the report).
    await recordEvents(tx, [{ type: 'delight.sent', accountId: scope.accountId, payload: { gestureId: id, kind: input.kind, valueMinor, currency: budget.currency, userId, conversationId: conversation.id, contactId: conversation.contactId }, audience: { kind: 'account' } }]);
    return { gesture, replayed: false };
  });
}

/** How the customer was told, once the email went out (or did not). */
export async function recordGestureDelivery(db: Database, accountId: string, gestureId: string, delivery: DelightDelivery) {
  await db.update(g).set({ delivery }).where(and(eq(g.accountId, accountId), eq(g.id, gestureId)));
}

/** The gestures of one conversation, newest first, with the agents' names. */
export async function listConversationGestures(db: Database, scope: AccountScope, conversationId: string) {
  await requireVisibleConversation(db, scope, conversationId);
  const rows = await db.select({ gesture: g, agentName: schema.users.name }).from(g).leftJoin(schema.users, eq(schema.users.id, g.userId))
    .where(and(eq(g.accountId, scope.accountId), eq(g.conversationId, conversationId))).orderBy(desc(g.createdAt));
  return rows.map((row) => serializeGesture(row.gesture, { agentName: row.agentName }));
}

/** A gesture by its card token, for the public card page (any account: the token is the secret). */
export async function findGestureByCardToken(db: Database, token: string) {
  const [row] = await db.select({ gesture: g, agentName: schema.users.name, accountName: schema.accounts.name, contactName: schema.contacts.name }).from(g)
    .innerJoin(schema.accounts, eq(schema.accounts.id, g.accountId))
    .leftJoin(schema.users, eq(schema.users.id, g.userId))
    .leftJoin(schema.contacts, eq(schema.contacts.id, g.contactId))
    .where(eq(g.cardToken, token));
  return row ?? null;
}

/** The notes a customer was sent (every gesture carries a card), newest first: for the portal's "My rewards". */
export async function listContactCards(db: Database, accountId: string, contactId: string) {
  const rows = await db.select({ gesture: g, agentName: schema.users.name }).from(g).leftJoin(schema.users, eq(schema.users.id, g.userId))
    .where(and(eq(g.accountId, accountId), eq(g.contactId, contactId))).orderBy(desc(g.createdAt)).limit(50);
  return rows.map(({ gesture, agentName }) => ({ id: gesture.id, kind: gesture.kind, message: gesture.message, agentName: agentName ?? null, cardPath: `/card/${gesture.cardToken}`, createdAt: gesture.createdAt.toISOString() }));
}
