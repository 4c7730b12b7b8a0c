import { z } from 'zod';
import { validationFailed } from '@touchpoint/core';
import { requireLiveContact } from '@touchpoint/contacts';
import {
  createCouponPool, earnPoints, generateCoupons, importCoupons, issueCoupon, listCouponPools, listPointsEntries, listPoolCoupons, MAX_GENERATED_CODES, redeemCoupon,
  requireCouponPool, reversePointsEntry, spendPoints, unredeemCoupon, unredeemOrder, validateCoupon, voidCoupon, voidUnissuedCoupons,
} from '@touchpoint/rewards';
import { portalRewardRoutes } from './portal-reward-routes.ts';
import { defineRoute } from '../http/route.ts';
import { AccountParamsSchema, accountParamsWith, IsoDateSchema, NameSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Rewards'];
const PoolParamsSchema = accountParamsWith('poolId');
const ContactParamsSchema = accountParamsWith('contactId');
const EntryParamsSchema = accountParamsWith('entryId');
const CouponParamsSchema = accountParamsWith('couponId');
const ReasonBodySchema = z.strictObject({ reason: z.string().trim().max(200).default('') }).optional();
const CurrencySchema = z.string().regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code');
const MinorSchema = z.number().int('must be a whole number of minor units').min(0).max(2_000_000_000);
const StockSchema = z.object({ available: z.number(), issued: z.number(), redeemed: z.number() });
const PoolSchema = z.object({
  id: z.string(), name: z.string(), kind: z.enum(['percent', 'amount', 'free_item']), value: z.number(), currency: z.string().nullable(), minSpendMinor: z.number().nullable(),
  expiresAt: IsoDateSchema.nullable(), prefix: z.string(), codeLength: z.number(), createdAt: IsoDateSchema, stock: StockSchema.optional(),
});
const CouponSchema = z.object({
  id: z.string(), poolId: z.string(), code: z.string(), status: z.enum(['available', 'issued', 'redeemed', 'void']), contactId: z.string().nullable(),
  issuedAt: IsoDateSchema.nullable(), redeemedAt: IsoDateSchema.nullable(), redemptionRef: z.string().nullable(),
});
const CouponStatusSchema = z.enum(['available', 'issued', 'redeemed', 'void']);
const OfferSchema = z.object({ kind: z.string(), value: z.number(), currency: z.string().nullable(), poolId: z.string(), discountMinor: z.number().describe('what the coupon takes off this basket, minor units') });
const BasketFields = { code: z.string().trim().min(1, 'must not be empty').max(60), totalMinor: MinorSchema, currency: CurrencySchema };
const EntrySchema = z.object({
  id: z.string(), contactId: z.string(), kind: z.enum(['earn', 'spend', 'expire', 'reverse']), points: z.number(), balanceAfter: z.number(), reason: z.string(), reference: z.string(),
  reversesEntryId: z.string().nullable(), expiresAt: IsoDateSchema.nullable(), actor: z.string(), createdAt: IsoDateSchema,
});
const IndexErrorsSchema = z.array(z.object({ index: z.number(), message: z.string() }));

/** Coupons and the points ledger (docs/rewards.md). Checkout calls (validate, redeem) accept a server API key. */
export const rewardRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/coupon-pools', auth: 'admin', tags: TAGS,
    summary: 'The account’s coupon pools, newest first, with how many codes are available, issued and redeemed',
    params: AccountParamsSchema,
    response: z.object({ pools: z.array(PoolSchema) }),
    handler: async ({ params }, { services }) => ({ pools: await listCouponPools(services.db, params.accountId) }),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/coupon-pools', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Create a coupon pool: percent off (value 1–100), an amount off (value in minor units of currency) or a free item',
    params: AccountParamsSchema,
    body: z.strictObject({
      name: NameSchema, kind: z.enum(['percent', 'amount', 'free_item']), value: z.number().int().min(0).max(2_000_000_000).default(0), currency: CurrencySchema.nullable().optional(),
      minSpendMinor: MinorSchema.nullable().optional(), expiresAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).nullable().optional(),
      prefix: z.string().trim().regex(/^[A-Za-z0-9-]{0,12}$/, 'must be up to 12 letters, digits or dashes').optional(), codeLength: z.number().int().min(6).max(24).optional(),
    }),
    response: PoolSchema,
    handler: ({ params, body }, { services }) => createCouponPool(services.db, params.accountId, { ...body, expiresAt: body.expiresAt ? new Date(body.expiresAt) : null }),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/coupon-pools/:poolId/codes', auth: 'admin', tags: TAGS,
    summary: 'Add codes to a pool: `generate` n random unique codes, or import the shop’s own `codes` (bad or duplicate ones reported by index, the rest added)',
    params: PoolParamsSchema,
    body: z.strictObject({ generate: z.number().int().min(1).max(MAX_GENERATED_CODES).optional(), codes: z.array(z.string().max(200)).min(1).max(MAX_GENERATED_CODES).optional() }),
    response: z.object({ accepted: z.number(), errors: IndexErrorsSchema }),
    handler: async ({ params, body }, { services }) => {
      if ((body.generate === undefined) === (body.codes === undefined)) throw validationFailed([{ path: 'body', message: 'send exactly one of generate or codes' }]);
      if (body.generate !== undefined) return generateCoupons(services.db, params.accountId, params.poolId, body.generate);
      return importCoupons(services.db, params.accountId, params.poolId, body.codes!);
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/coupon-pools/:poolId/issue', auth: 'account', tags: TAGS, status: 201,
    summary: 'Hand one available code of the pool to a contact (never the same code twice); 409 out_of_stock when none is left',
    params: PoolParamsSchema,
    body: z.strictObject({ contactId: UuidSchema }),
    response: CouponSchema,
    handler: async ({ params, body }, { services }) => {
      // The pool first: another account's pool is 404 whatever the contact.
      await requireCouponPool(services.db, params.accountId, params.poolId);
      await requireLiveContact(services.db, params.accountId, body.contactId);
      return issueCoupon(services.db, params.accountId, params.poolId, body.contactId);
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/coupons/validate', auth: 'account', tags: TAGS,
    summary: 'Whether a code can be used for a basket, without using it (for a shop’s checkout, with a server API key)',
    params: AccountParamsSchema,
    body: z.strictObject(BasketFields),
    response: z.object({
      valid: z.boolean(), reason: z.enum(['unknown_code', 'redeemed', 'void', 'expired', 'currency_mismatch', 'min_spend_not_met']).nullable(), message: z.string().nullable(), offer: OfferSchema.nullable(),
    }),
    handler: ({ params, body }, { services }) => validateCoupon(services.db, params.accountId, body),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/coupons/redeem', auth: 'account', tags: TAGS,
    summary: 'Use a code for an order, exactly once: 422 coupon_invalid when it cannot be used, 409 already_redeemed on any second attempt',
    params: AccountParamsSchema,
    body: z.strictObject({ ...BasketFields, orderRef: z.string().trim().min(1, 'must not be empty').max(200) }),
    response: z.object({ coupon: CouponSchema, offer: OfferSchema }),
    handler: ({ params, body }, { services }) => redeemCoupon(services.db, params.accountId, body),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/contacts/:contactId/points', auth: 'account', tags: TAGS,
    summary: 'A contact’s points balance and its ledger entries, newest first (the last 100)',
    params: ContactParamsSchema,
    response: z.object({ balance: z.number(), entries: z.array(EntrySchema) }),
    handler: async ({ params }, { services }) => {
      await requireLiveContact(services.db, params.accountId, params.contactId);
      return listPointsEntries(services.db, params.accountId, params.contactId);
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/contacts/:contactId/points', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Earn or spend points by hand; idempotent on reference (a replay answers the first entry); 409 insufficient_points when a spend would go below zero',
    params: ContactParamsSchema,
    body: z.strictObject({
      kind: z.enum(['earn', 'spend']), points: z.number().int('must be a whole number').min(1).max(10_000_000), reason: z.string().trim().max(200).default(''),
      reference: z.string().trim().min(1, 'must not be empty').max(200).refine((ref) => !/^(reverse|expire):/.test(ref), 'must not start with reverse: or expire: (kept for the ledger’s own entries)'), expiresAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).nullable().optional(),
    }),
    response: z.object({ entry: EntrySchema, replayed: z.boolean() }),
    handler: async ({ params, body }, { services, scope }) => {
      await requireLiveContact(services.db, params.accountId, params.contactId);
      if (body.kind === 'spend' && body.expiresAt) throw validationFailed([{ path: 'expiresAt', message: 'only earned points expire' }]);
      const input = { contactId: params.contactId, points: body.points, reason: body.reason, reference: body.reference };
      if (body.kind === 'spend') return spendPoints(services.db, scope, input);
      return earnPoints(services.db, scope, { ...input, expiresAt: body.expiresAt ? new Date(body.expiresAt) : null });
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/points-entries/:entryId/reverse', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Undo an earn or a spend with an opposite entry, once (409 already_settled afterwards)',
    params: EntryParamsSchema,
    body: z.strictObject({ reason: z.string().trim().max(200).default('') }).optional(),
    response: EntrySchema,
    handler: ({ params, body }, { services, scope }) => reversePointsEntry(services.db, scope, params.entryId, body?.reason ?? ''),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/coupon-pools/:poolId/coupons', auth: 'admin', tags: TAGS,
    summary: 'A pool’s codes, newest first, filtered by status and part of the code (any case), with the holder’s name; `total` counts every match',
    params: PoolParamsSchema,
    query: z.strictObject({
      status: CouponStatusSchema.optional(), q: z.string().trim().max(60).optional(),
      limit: z.coerce.number().int().min(1).max(MAX_GENERATED_CODES).default(100), offset: z.coerce.number().int().min(0).default(0),
    }),
    response: z.object({ coupons: z.array(CouponSchema.extend({ contactName: z.string().nullable() })), total: z.number() }),
    handler: ({ params, query }, { services }) => listPoolCoupons(services.db, params.accountId, params.poolId, query),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/coupons/:couponId/void', auth: 'admin', tags: TAGS,
    summary: 'Withdraw one unused code (available or issued → void); 409 when it is redeemed or already void. Audited',
    params: CouponParamsSchema,
    body: ReasonBodySchema,
    response: CouponSchema,
    handler: ({ params, body }, { services, scope }) => voidCoupon(services.db, scope, params.couponId, body?.reason ?? ''),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/coupon-pools/:poolId/void-unissued', auth: 'admin', tags: TAGS,
    summary: 'Withdraw every code of the pool that was never handed out; issued codes stay valid. Audited',
    params: PoolParamsSchema,
    body: ReasonBodySchema,
    response: z.object({ voided: z.number() }),
    handler: ({ params, body }, { services, scope }) => voidUnissuedCoupons(services.db, scope, params.poolId, body?.reason ?? ''),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/coupons/:couponId/unredeem', auth: 'account', tags: TAGS,
    summary: 'Undo a redemption (the order was cancelled): the code is usable again by its holder. Once per redemption (409 afterwards). Audited',
    params: CouponParamsSchema,
    body: ReasonBodySchema,
    response: CouponSchema,
    handler: ({ params, body }, { services, scope }) => unredeemCoupon(services.db, scope, params.couponId, body?.reason ?? ''),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/coupons/unredeem', auth: 'account', tags: TAGS,
    summary: 'Undo every redemption made for one order (the shop’s order ref), e.g. when the order is cancelled; 404 when none was',
    params: AccountParamsSchema,
    body: z.strictObject({ orderRef: z.string().trim().min(1, 'must not be empty').max(200), reason: z.string().trim().max(200).default('') }),
    response: z.object({ coupons: z.array(CouponSchema) }),
    handler: ({ body }, { services, scope }) => unredeemOrder(services.db, scope, body.orderRef, body.reason),
  }),
  ...portalRewardRoutes,
];
