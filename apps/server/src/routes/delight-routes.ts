import { z } from 'zod';
import { forbidden, validationFailed } from '@touchpoint/core';
import {
  buildDelightReport, CARD_STYLES, describeAgentBudget, listConversationGestures, listDelightBudgets, removeDelightBudget, sendDelightGesture, setDelightBudget,
} from '@touchpoint/delight';
import { listCouponPools } from '@touchpoint/rewards';
import { deliverDelightGesture } from '../delight-delivery.ts';
import { giftSenderOf } from '../delight-gift-sender.ts';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, accountParamsWith, IsoDateSchema } from './schemas.ts';

const TAGS = ['Delight'];
const KindSchema = z.enum(['gift', 'voucher', 'card', 'points']);
const PeriodSchema = z.enum(['week', 'month', 'quarter']);
const MinorSchema = z.number().int('must be a whole number of minor units').min(0).max(100_000_000);
const BudgetBodySchema = z.strictObject({
  period: PeriodSchema, amountMinor: MinorSchema, currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code'),
  pointValueMinor: z.number().int().min(0).max(10_000).optional().describe('what one point costs against the budget, in minor units (default 1)'),
});
const BudgetSchema = z.object({
  id: z.string(), userId: z.string().nullable(), period: PeriodSchema, amountMinor: z.number(), currency: z.string(), pointValueMinor: z.number(), updatedBy: z.string(), updatedAt: IsoDateSchema,
});
const GestureSchema = z.object({
  id: z.string(), userId: z.string(), agentName: z.string().nullable(), conversationId: z.string(), contactId: z.string(), contactName: z.string().nullable(), kind: KindSchema,
  valueMinor: z.number(), currency: z.string(), message: z.string(), reason: z.string(), status: z.string(), delivery: z.string(), cardStyle: z.string(),
  cardPath: z.string().describe('the public card page, /card/<token>'), couponId: z.string().nullable(), points: z.number().nullable(), pointsEntryId: z.string().nullable(),
  giftId: z.string().nullable(), giftUrl: z.string().nullable(), details: z.record(z.string(), z.unknown()), createdAt: IsoDateSchema,
});
const MyBudgetSchema = z.object({
  budget: BudgetSchema.extend({ own: z.boolean() }).nullable(), spentMinor: z.number(), leftMinor: z.number(), gestures: z.number(), periodStart: IsoDateSchema.nullable(), periodEnd: IsoDateSchema.nullable(),
});
const UserParamsSchema = accountParamsWith('userId');
const ConversationParamsSchema = accountParamsWith('conversationId');
const DateQuerySchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/** Delight on the spot (docs/delight.md): budgets set by admins, gestures sent by agents from conversations, the report. */
export const delightRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/delight/budgets', auth: 'admin', tags: TAGS,
    summary: 'The default budget, every agent’s own budget, and the members (to pick whom a budget is for)',
    params: AccountParamsSchema,
    response: z.object({ defaultBudget: BudgetSchema.nullable(), agentBudgets: z.array(BudgetSchema), members: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string() })) }),
    handler: ({ params }, { services }) => listDelightBudgets(services.db, params.accountId),
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/delight/budgets/default', auth: 'admin', tags: TAGS,
    summary: 'Set the budget of every agent who has none of their own (per week, month or quarter, in minor units). Audited',
    params: AccountParamsSchema, body: BudgetBodySchema, response: BudgetSchema,
    handler: ({ body }, { services, scope }) => setDelightBudget(services.db, scope, null, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/delight/budgets/default', auth: 'admin', tags: TAGS,
    summary: 'Remove the default budget: agents without their own can no longer send gestures',
    params: AccountParamsSchema,
    handler: async (_input, { services, scope }) => { await removeDelightBudget(services.db, scope, null); },
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/delight/budgets/agents/:userId', auth: 'admin', tags: TAGS,
    summary: 'Set one agent’s own budget, replacing the default for them. Audited',
    params: UserParamsSchema, body: BudgetBodySchema, response: BudgetSchema,
    handler: ({ params, body }, { services, scope }) => setDelightBudget(services.db, scope, params.userId, body),
  }),
  defineRoute({
    method: 'DELETE', url: '/api/v1/accounts/:accountId/delight/budgets/agents/:userId', auth: 'admin', tags: TAGS,
    summary: 'Remove one agent’s own budget: the default applies to them again',
    params: UserParamsSchema,
    handler: async ({ params }, { services, scope }) => { await removeDelightBudget(services.db, scope, params.userId); },
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/delight/me', auth: 'account', tags: TAGS,
    summary: 'The signed-in agent’s budget this period (spent, left, when it renews) and the coupon pools a voucher can come from',
    params: AccountParamsSchema,
    response: MyBudgetSchema.extend({ pools: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), value: z.number(), currency: z.string().nullable(), available: z.number() })), cardStyles: z.array(z.string()), giftsAvailable: z.boolean() }),
    handler: async (_input, { services, scope }) => {
      if (scope.actor.type !== 'user' || !scope.actor.id) throw forbidden('Delight budgets belong to agents signed in to the console.');
      const mine = await describeAgentBudget(services.db, scope.accountId, scope.actor.id);
      const now = Date.now();
      const pools = (await listCouponPools(services.db, scope.accountId))
        .filter((pool) => (pool.stock?.available ?? 0) > 0 && (!pool.expiresAt || Date.parse(pool.expiresAt) > now))
        .map((pool) => ({ id: pool.id, name: pool.name, kind: pool.kind, value: pool.value, currency: pool.currency, available: pool.stock?.available ?? 0 }))
        // Amount-off pools in the budget's currency first: their cost is known, so they are the agent's usual pick.
        .sort((a, b) => Number(b.kind === 'amount' && b.currency === mine.budget?.currency) - Number(a.kind === 'amount' && a.currency === mine.budget?.currency));
      return { ...mine, pools, cardStyles: [...CARD_STYLES], giftsAvailable: giftSenderOf(services) !== null };
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/conversations/:conversationId/delight', auth: 'account', tags: TAGS, status: 201,
    summary: 'Send a gesture to the conversation’s customer, without approval, within the agent’s budget: 409 over_budget and nothing sent otherwise. Idempotent on clientKey',
    params: ConversationParamsSchema,
    body: z.strictObject({
      kind: KindSchema, clientKey: z.string().trim().min(8, 'must be at least 8 characters').max(100), message: z.string().trim().max(2000).default(''), reason: z.string().trim().max(200).optional(),
      cardStyle: z.enum(CARD_STYLES).optional(), poolId: z.uuid({ message: 'must be a UUID' }).optional(), valueMinor: MinorSchema.optional(), points: z.number().int().min(1).max(1_000_000).optional(),
      gift: z.strictObject({ title: z.string().trim().min(1).max(200), sku: z.string().max(100).optional(), imageUrl: z.url().max(2000).optional() }).optional(),
    }),
    response: z.object({ gesture: GestureSchema, replayed: z.boolean() }),
    handler: async ({ params, body }, { services, scope, request }) => {
      if (body.kind === 'card' && !body.message) throw validationFailed([{ path: 'message', message: 'a card needs a message' }]);
      const sent = await sendDelightGesture(services.db, scope, { ...body, conversationId: params.conversationId }, { gifts: giftSenderOf(services) });
      if (!sent.replayed) sent.gesture.delivery = await deliverDelightGesture(services, scope.accountId, sent.gesture, scope.actor.name, request.log);
      return sent;
    },
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/conversations/:conversationId/delight', auth: 'account', tags: TAGS,
    summary: 'The gestures sent from this conversation, newest first',
    params: ConversationParamsSchema,
    response: z.object({ gestures: z.array(GestureSchema) }),
    handler: async ({ params }, { services, scope }) => ({ gestures: await listConversationGestures(services.db, scope, params.conversationId) }),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/delight/report', auth: 'admin', tags: TAGS,
    summary: 'Per agent: this period’s budget, spent and left, gestures in the range; per gesture: the conversation’s outcome (resolved, CSAT) and the customer’s orders afterwards',
    params: AccountParamsSchema,
    query: z.strictObject({ from: DateQuerySchema.optional(), to: DateQuerySchema.optional() }),
    response: z.object({
      from: IsoDateSchema, to: IsoDateSchema,
      agents: z.array(z.object({ userId: z.string(), name: z.string(), period: PeriodSchema.nullable(), currency: z.string().nullable(), budgetMinor: z.number(), spentMinor: z.number(), leftMinor: z.number(), gesturesInRange: z.number(), valueInRangeMinor: z.number() })),
      gestures: z.array(GestureSchema.extend({ outcome: z.object({ conversationNumber: z.number().nullable(), status: z.string().nullable(), resolved: z.boolean(), resolvedAt: IsoDateSchema.nullable(), csat: z.number().nullable(), ordersAfter: z.number(), orderValueAfterMinor: z.number() }) })),
      summary: z.object({ gestures: z.number(), resolvedShare: z.number().nullable(), averageCsat: z.number().nullable(), customersWhoOrderedAfter: z.number() }),
    }),
    handler: ({ params, query }, { services }) => {
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 90 * 86_400_000);
      if (from >= to) throw validationFailed([{ path: 'from', message: 'must be before to' }]);
      return buildDelightReport(services.db, params.accountId, { from, to });
    },
  }),
];
