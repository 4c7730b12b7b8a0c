import { z } from 'zod';
import { requireLiveContact } from '@touchpoint/contacts';
import {
  attachReferralToOrder, describeReward, ensureReferralCode, findReferralProgram, getReferralStats, getReviewSettings, listFriendRewards, listMyReferrals, listReferrals,
  listReviewAsks, presentProgram, recordReferrerSighting, REJECTION_REASONS, saveReferralProgram, saveReviewSettings,
} from '@touchpoint/referrals';
import { referralLinkOf } from '../referral-delivery.ts';
import { defineRoute } from '../http/route.ts';
import { readPrint } from './referral-pages.ts';
import { AccountParamsSchema, accountParamsWith, IsoDateSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Referrals and reviews'];
const PORTAL_TAGS = ['Customer portal'];
const HandleParamsSchema = z.strictObject({ handle: z.string().min(1).max(63) });
const RewardSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('points'), points: z.number().int().min(1).max(1_000_000) }),
  z.strictObject({ kind: z.literal('coupon'), poolId: UuidSchema }),
  z.strictObject({ kind: z.literal('none') }),
]);
const LocalizedSchema = z.strictObject({ en: z.string().trim().max(500).optional(), ja: z.string().trim().max(500).optional(), zh: z.string().trim().max(500).optional() });
const ProgramBodySchema = z.strictObject({
  status: z.enum(['draft', 'live', 'paused']),
  referrerReward: RewardSchema,
  friendReward: RewardSchema,
  minOrderMinor: z.number().int().min(1).max(2_000_000_000).nullable().default(null),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code').nullable().default(null),
  attributionDays: z.number().int().min(1).max(365).default(30),
  capPerReferrer: z.number().int().min(1).max(10_000).nullable().default(null),
  capPeriodDays: z.number().int().min(1).max(3650).default(30),
  ipWindowDays: z.number().int().min(1).max(365).default(30),
  offerText: LocalizedSchema.default({}),
});
const ProgramSchema = ProgramBodySchema.extend({ updatedAt: IsoDateSchema.nullable(), referrerReward: z.any(), friendReward: z.any(), minOrderMinor: z.number().nullable(), currency: z.string().nullable(), capPerReferrer: z.number().nullable() });
const PlatformSchema = z.strictObject({
  id: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be lower-case letters, digits, - or _'),
  name: z.string().trim().min(1, 'must not be empty').max(60),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(1000),
  locale: z.enum(['en', 'ja', 'zh']).nullable().default(null),
});
const ReviewBodySchema = z.strictObject({
  enabled: z.boolean(),
  platforms: z.array(PlatformSchema).max(10),
  shareText: LocalizedSchema.default({}),
  csatMin: z.number().int().min(1).max(5).default(4),
  npsMin: z.number().int().min(0).max(10).default(9),
  cooldownDays: z.number().int().min(1).max(3650).default(90),
  channel: z.enum(['email', 'in_app']).default('email'),
});
const ReviewSchema = ReviewBodySchema.extend({ updatedAt: IsoDateSchema.nullable(), platforms: z.array(z.object({ id: z.string(), name: z.string(), url: z.string(), locale: z.string().nullable() })) });
const GrantedSchema = z.object({ kind: z.string(), points: z.number().optional(), entryId: z.string().optional(), couponId: z.string().optional(), code: z.string().optional(), grantedAt: z.string(), failed: z.string().optional() }).nullable();
const ReferralSchema = z.object({
  id: z.string(), status: z.enum(['pending', 'rewarded', 'rejected']), rejectionReason: z.string().nullable(), rejectionDetail: z.string().nullable(), source: z.string(),
  referrerContactId: z.string(), friendContactId: z.string().nullable(), orderId: z.string().nullable(), orderTotalMinor: z.number().nullable(),
  friendReward: GrantedSchema, referrerReward: GrantedSchema, convertedAt: IsoDateSchema.nullable(), createdAt: IsoDateSchema,
  referrerName: z.string(), friendName: z.string().nullable(), friendEmail: z.string().nullable(),
  reversedAt: IsoDateSchema.nullable().describe('the qualifying order was refunded or cancelled and the referrer’s reward taken back'), reversalNote: z.string().nullable(),
});
const OfferSchema = z.object({ kind: z.string(), points: z.number().optional(), couponKind: z.string().optional(), value: z.number().optional(), currency: z.string().nullable().optional(), minSpendMinor: z.number().nullable().optional() });

/** Referral program, review asks, the console's lists and funnel, a shop's attach call and the customer's own page (docs/referrals.md). */
export const referralRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/referral-program', auth: 'admin', tags: TAGS,
    summary: 'The referral program: status, both rewards, qualifying order, attribution window, caps and the landing’s offer text',
    params: AccountParamsSchema, response: ProgramSchema,
    handler: async ({ params }, { services }) => presentProgram(await findReferralProgram(services.db, params.accountId)),
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/referral-program', auth: 'admin', tags: TAGS,
    summary: 'Save the referral program (a coupon reward names one of the account’s pools; a live program rewards at least one side)',
    params: AccountParamsSchema, body: ProgramBodySchema, response: ProgramSchema,
    handler: ({ params, body }, { services }) => saveReferralProgram(services.db, params.accountId, body),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/review-settings', auth: 'admin', tags: TAGS,
    summary: 'Review and share asks: public review pages per language, share text, thresholds (CSAT, NPS), cool-down and channel',
    params: AccountParamsSchema, response: ReviewSchema,
    handler: ({ params }, { services }) => getReviewSettings(services.db, params.accountId),
  }),
  defineRoute({
    method: 'PUT', url: '/api/v1/accounts/:accountId/review-settings', auth: 'admin', tags: TAGS,
    summary: 'Save the review ask settings',
    params: AccountParamsSchema, body: ReviewBodySchema, response: ReviewSchema,
    handler: ({ params, body }, { services }) => saveReviewSettings(services.db, params.accountId, body),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/referrals', auth: 'account', tags: TAGS,
    summary: 'Referrals, newest first, with both people, status, rewards and the reason of each rejection',
    params: AccountParamsSchema,
    query: z.strictObject({ status: z.enum(['pending', 'rewarded', 'rejected']).optional(), reason: z.enum(REJECTION_REASONS).optional(), referrerContactId: UuidSchema.optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
    response: z.object({ referrals: z.array(ReferralSchema) }),
    handler: async ({ params, query }, { services }) => ({ referrals: await listReferrals(services.db, params.accountId, query) }),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/referral-stats', auth: 'account', tags: TAGS,
    summary: 'The funnel over the last `days` days (clicks → sign-ups → conversions → rewarded), rejections by reason, review asks sent and clicked',
    params: AccountParamsSchema, query: z.strictObject({ days: z.coerce.number().int().min(1).max(365).default(30) }),
    response: z.object({
      days: z.number(), funnel: z.object({ clicks: z.number(), signUps: z.number(), conversions: z.number(), rewarded: z.number() }), rejected: z.number(),
      rejectionReasons: z.record(z.string(), z.number()), reviewAsks: z.object({ sent: z.number(), clicked: z.number(), suppressed: z.number() }),
    }),
    handler: ({ params, query }, { services }) => getReferralStats(services.db, params.accountId, query.days),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/review-asks', auth: 'account', tags: TAGS,
    summary: 'The latest review asks: who, after which score, sent or suppressed (and why), clicked',
    params: AccountParamsSchema,
    response: z.object({ asks: z.array(z.object({
      id: z.string(), contactId: z.string(), contactName: z.string(), surveyKind: z.string(), score: z.number(), channel: z.string(), status: z.string(), suppressionReason: z.string().nullable(),
      sentAt: IsoDateSchema.nullable(), clickedAt: IsoDateSchema.nullable(), clickedPlatform: z.string().nullable(), createdAt: IsoDateSchema,
    })) }),
    handler: async ({ params }, { services }) => ({ asks: await listReviewAsks(services.db, params.accountId) }),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/contacts/:contactId/referral-link', auth: 'account', tags: TAGS,
    summary: 'A contact’s own referral code and link (created on first use, stable after)',
    params: accountParamsWith('contactId'), response: z.object({ code: z.string(), url: z.string() }),
    handler: async ({ params }, { services }) => {
      await requireLiveContact(services.db, params.accountId, params.contactId);
      const code = await ensureReferralCode(services.db, params.accountId, params.contactId);
      return { code: code.code, url: referralLinkOf(services, code.code) };
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/referrals/attach', auth: 'account', tags: TAGS,
    summary: 'A shop’s checkout attaches a referral code to an order: the order’s customer claims it (same abuse guards) and, when it is their first qualifying order, both sides are rewarded once. Safe to retry',
    params: AccountParamsSchema,
    body: z.strictObject({
      code: z.string().trim().min(1).max(40), orderId: UuidSchema,
      deviceId: z.string().max(64).optional(), userAgent: z.string().max(400).optional(), ipAddress: z.string().max(64).optional(), shippingAddress: z.string().max(500).optional(),
    }),
    response: z.object({ outcome: z.enum(['rewarded', 'rejected', 'pending', 'already_converted']), referral: z.object({ id: z.string(), status: z.string(), rejectionReason: z.string().nullable() }) }),
    handler: async ({ params, body }, { services }) => {
      const print = body.deviceId || body.ipAddress ? { deviceId: body.deviceId ?? null, userAgent: body.userAgent ?? '', ip: body.ipAddress ?? null } : null;
      const result = await attachReferralToOrder(services.db, params.accountId, { code: body.code, orderId: body.orderId, print, shippingAddress: body.shippingAddress ?? null });
      return { outcome: result.outcome, referral: { id: result.referral.id, status: result.referral.status, rejectionReason: result.referral.rejectionReason } };
    },
  }),
  defineRoute({
    method: 'GET', url: '/api/portal/:handle/referrals', auth: 'customer', tags: PORTAL_TAGS,
    summary: 'My referral link and code, the offer for both sides, my referrals (pending, rewarded, rejected) and my referral rewards',
    params: HandleParamsSchema,
    response: z.object({
      live: z.boolean(), code: z.string(), url: z.string(), friendOffer: OfferSchema, referrerOffer: OfferSchema, offerText: LocalizedSchema, attributionDays: z.number(),
      referrals: z.array(z.object({ id: z.string(), friendName: z.string(), status: z.string(), rejectionReason: z.string().nullable(), reward: GrantedSchema, createdAt: IsoDateSchema, convertedAt: IsoDateSchema.nullable(), reversed: z.boolean() })),
      welcomeRewards: z.array(z.object({ reward: GrantedSchema, at: IsoDateSchema.nullable() })),
    }),
    handler: async (_input, { services, customer, request, reply }) => {
      const program = await findReferralProgram(services.db, customer.accountId);
      const code = await ensureReferralCode(services.db, customer.accountId, customer.contactId);
      // The referrer's own device and network: a friend's claim from here is a self-referral.
      await recordReferrerSighting(services.db, code, readPrint(request, reply));
      const [friendOffer, referrerOffer, referrals, welcomeRewards] = await Promise.all([
        program ? describeReward(services.db, customer.accountId, program.friendReward) : { kind: 'none' as const },
        program ? describeReward(services.db, customer.accountId, program.referrerReward) : { kind: 'none' as const },
        listMyReferrals(services.db, customer.accountId, customer.contactId),
        listFriendRewards(services.db, customer.accountId, customer.contactId),
      ]);
      return {
        live: program?.status === 'live', code: code.code, url: referralLinkOf(services, code.code), friendOffer, referrerOffer, offerText: program?.offerText ?? {},
        attributionDays: program?.attributionDays ?? 30, referrals, welcomeRewards,
      };
    },
  }),
];
