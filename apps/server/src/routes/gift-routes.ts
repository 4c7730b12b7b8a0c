import { z } from 'zod';
import { forbidden, validationFailed } from '@touchpoint/core';
import {
  cancelGift, createGiftCampaign, deliverDueGifts, getGift, listGiftCampaigns, listGifts, openReactionMedia, sendGift, summarizeGifts, updateGiftCampaign,
} from '@touchpoint/gifts';
import { giftDeliveryDepsOf, giftMediaStoreOf } from '../gift-delivery.ts';
import { setFileHeaders } from '../http/file-response.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { defineRoute } from '../http/route.ts';
import { giftPortalRoutes } from './gift-portal-routes.ts';
import { giftPublicRoutes } from './gift-public-routes.ts';
import {
  CampaignSchema, CountrySchema, FutureDateSchema, GIFT_STATUSES, GiftItemSchema, GiftLocaleSchema, GiftMessageSchema, GiftSchema, RecipientSchema, ReferenceSchema, SendResultSchema,
} from './gift-schemas.ts';
import { AccountParamsSchema, accountParamsWith, NameSchema, UuidSchema } from './schemas.ts';

const TAGS = ['Gifts'];
const CampaignParamsSchema = accountParamsWith('campaignId');
const GiftParamsSchema = accountParamsWith('giftId');
const CampaignFields = {
  name: NameSchema, description: z.string().trim().max(1000).optional(), status: z.enum(['draft', 'live', 'paused', 'ended']).optional(), item: GiftItemSchema,
  swapOptions: z.array(GiftItemSchema).max(6).optional(), stock: z.number().int().min(0).max(10_000_000).nullable().optional(),
  perPersonLimit: z.number().int().min(1).max(1000).optional(), requireOtherCountry: z.boolean().optional(), claimDays: z.number().int().min(1).max(365).optional(),
  startsAt: FutureDateSchema.nullable().optional(), endsAt: FutureDateSchema.nullable().optional(),
};
const toDate = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

/** Gifts (docs/gifts.md): campaigns and the gift list in the console, a member's send, and the portal and public claim routes. */
export const giftRoutes = [
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/gift-campaigns', auth: 'account', tags: TAGS,
    summary: 'The account’s gift campaigns, newest first, with stock sent and remaining',
    params: AccountParamsSchema,
    response: z.object({ campaigns: z.array(CampaignSchema) }),
    handler: async ({ params }, { services }) => ({ campaigns: await listGiftCampaigns(services.db, params.accountId) }),
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/gift-campaigns', auth: 'admin', tags: TAGS, status: 201,
    summary: 'Create a gift campaign: the item, stock (null = unlimited), per-person limit, dates, swap options and the “another country” rule',
    params: AccountParamsSchema,
    body: z.strictObject(CampaignFields),
    response: CampaignSchema,
    handler: ({ params, body }, { services }) => createGiftCampaign(services.db, params.accountId, { ...body, startsAt: toDate(body.startsAt), endsAt: toDate(body.endsAt) }),
  }),
  defineRoute({
    method: 'PATCH', url: '/api/v1/accounts/:accountId/gift-campaigns/:campaignId', auth: 'admin', tags: TAGS,
    summary: 'Change a gift campaign (409 when the stock would fall below what was already sent)',
    params: CampaignParamsSchema,
    body: z.strictObject({ ...CampaignFields, name: NameSchema.optional(), item: GiftItemSchema.optional() }),
    response: CampaignSchema,
    handler: ({ params, body }, { services }) => updateGiftCampaign(services.db, params.accountId, params.campaignId, { ...body, startsAt: toDate(body.startsAt), endsAt: toDate(body.endsAt) }),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/gifts', auth: 'account', tags: TAGS,
    summary: 'The account’s gifts, newest first, with status and reaction; page with `before` (the last createdAt)',
    params: AccountParamsSchema,
    query: z.strictObject({ status: z.enum(GIFT_STATUSES).optional(), campaignId: UuidSchema.optional(), before: FutureDateSchema.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ gifts: z.array(GiftSchema) }),
    handler: async ({ params, query }, { services }) => ({ gifts: await listGifts(services.db, params.accountId, { ...query, before: query.before ? new Date(query.before) : undefined }) }),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/gifts/stats', auth: 'account', tags: TAGS,
    summary: 'Gift counts by status and reaction kind, claim and reaction rates, and per campaign',
    params: AccountParamsSchema,
    response: z.object({
      total: z.number(), byStatus: z.record(z.string(), z.number()), claimed: z.number(), claimRate: z.number(), reactionRate: z.number(), reactions: z.record(z.string(), z.number()),
      campaigns: z.array(z.object({ campaignId: z.string(), sent: z.number(), claimed: z.number(), reacted: z.number() })),
    }),
    handler: ({ params }, { services }) => summarizeGifts(services.db, params.accountId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/gifts/:giftId', auth: 'account', tags: TAGS,
    summary: 'One gift with its reaction',
    params: GiftParamsSchema,
    response: GiftSchema,
    handler: ({ params }, { services }) => getGift(services.db, params.accountId, params.giftId),
  }),
  defineRoute({
    method: 'GET', url: '/api/v1/accounts/:accountId/gifts/:giftId/reaction-media', auth: 'account', tags: TAGS,
    summary: 'The photo or video of a gift’s reaction',
    params: GiftParamsSchema,
    response: z.string().describe('the file’s bytes'),
    handler: async ({ params }, { services, reply }) => {
      const media = await openReactionMedia(services.db, giftMediaStoreOf(services), { accountId: params.accountId, giftId: params.giftId });
      setFileHeaders(reply, { fileName: 'reaction', contentType: media.contentType, byteSize: media.byteSize }, { cacheControl: 'private, no-store' });
      return media.content as unknown as string;
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/gifts', auth: 'account', tags: TAGS, status: 201,
    summary: 'Send a gift: as the signed-in member from a conversation (`conversationId`), or, with an API key, on behalf of a contact (`senderContactId`, e.g. a gift bought in the shop); idempotent on `reference`',
    params: AccountParamsSchema,
    body: z.strictObject({
      conversationId: UuidSchema.optional(), senderContactId: UuidSchema.optional(), recipient: RecipientSchema.extend({ contactId: UuidSchema.optional() }),
      item: GiftItemSchema.default({ kind: 'card' }), campaignId: UuidSchema.optional(), message: GiftMessageSchema, deliverAt: FutureDateSchema.nullable().optional(),
      locale: GiftLocaleSchema.optional(), channel: z.enum(['email', 'sms', 'whatsapp']).optional(), senderCountry: CountrySchema.optional(), reference: ReferenceSchema,
    }),
    response: SendResultSchema,
    handler: async ({ params, body }, { services, scope, request }) => {
      if ((body.conversationId === undefined) === (body.senderContactId === undefined)) throw validationFailed([{ path: 'body', message: 'send exactly one of conversationId or senderContactId' }]);
      if (body.conversationId && scope.actor.type !== 'user') throw forbidden('Only a signed-in member sends a gift from a conversation; an API key sends on behalf of a contact.');
      const sender = body.conversationId ? { kind: 'agent' as const, userId: scope.actor.id!, conversationId: body.conversationId } : { kind: 'contact' as const, contactId: body.senderContactId! };
      const sent = await services.db.transaction((tx) => sendGift(tx, params.accountId, { ...body, sender, deliverAt: toDate(body.deliverAt) }));
      await deliverDueGifts(services.db, giftDeliveryDepsOf(services, publicBaseUrl(request, services.config)), new Date(), 1, sent.giftId);
      return sent;
    },
  }),
  defineRoute({
    method: 'POST', url: '/api/v1/accounts/:accountId/gifts/:giftId/cancel', auth: 'account', tags: TAGS,
    summary: 'Cancel a gift nobody has claimed yet; its campaign unit goes back (409 once claimed or ended)',
    params: GiftParamsSchema,
    response: GiftSchema,
    handler: async ({ params }, { services }) => {
      await cancelGift(services.db, params.accountId, params.giftId);
      return getGift(services.db, params.accountId, params.giftId);
    },
  }),
  ...giftPortalRoutes,
  ...giftPublicRoutes,
];

