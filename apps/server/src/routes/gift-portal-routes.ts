import { z } from 'zod';
import { deliverDueGifts, listOpenGiftCampaigns, listSentGifts, openReactionMedia, sendGift, shareGiftReaction, cancelGift } from '@touchpoint/gifts';
import { giftDeliveryDepsOf, giftMediaStoreOf } from '../gift-delivery.ts';
import { setFileHeaders } from '../http/file-response.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { defineRoute } from '../http/route.ts';
import { CampaignSchema, CountrySchema, FutureDateSchema, GiftLocaleSchema, GiftMessageSchema, GiftSchema, ReactionSchema, RecipientSchema, ReferenceSchema, SendResultSchema } from './gift-schemas.ts';

const TAGS = ['Customer portal'];
const PREFIX = '/api/portal/:handle';
const HandleSchema = z.string().min(1).max(63);
const HandleParamsSchema = z.strictObject({ handle: HandleSchema });
const GiftParamsSchema = z.strictObject({ handle: HandleSchema, giftId: z.uuid() });
const SentGiftSchema = GiftSchema.extend({ claimPath: z.string().nullable().describe('the link to share again, while the gift is unclaimed') });

/**
 * The giver's side in the portal. A customer sends a campaign's item or a card (never an arbitrary voucher: codes
 * cost the business, so they travel only through a campaign with stock and a per-person limit).
 */
export const giftPortalRoutes = [
  defineRoute({
    method: 'GET', url: `${PREFIX}/gifts`, auth: 'customer', tags: TAGS,
    summary: 'The gift campaigns open now, and the gifts I sent with their status and reaction',
    params: HandleParamsSchema,
    response: z.object({ campaigns: z.array(CampaignSchema), gifts: z.array(SentGiftSchema) }),
    handler: async (_input, { services, customer }) => {
      const [campaigns, gifts] = await Promise.all([listOpenGiftCampaigns(services.db, customer.accountId), listSentGifts(services.db, customer.accountId, customer.contactId)]);
      return { campaigns: campaigns.filter((campaign) => campaign.remaining === null || campaign.remaining > 0), gifts };
    },
  }),
  defineRoute({
    method: 'POST', url: `${PREFIX}/gifts`, auth: 'customer', tags: TAGS, status: 201,
    summary: 'Send a gift: a campaign’s item (or a card), to an email or phone, or as a link to share; `clientId` makes a retry send it once',
    params: HandleParamsSchema,
    body: z.strictObject({
      campaignId: z.uuid().optional(), recipient: RecipientSchema.default({}), message: GiftMessageSchema, deliverAt: FutureDateSchema.nullable().optional(),
      locale: GiftLocaleSchema.optional(), channel: z.enum(['email', 'sms', 'whatsapp']).optional(), senderCountry: CountrySchema.optional(), clientId: ReferenceSchema,
    }),
    response: SendResultSchema,
    handler: async ({ body }, { services, customer, request }) => {
      const sent = await services.db.transaction((tx) => sendGift(tx, customer.accountId, {
        sender: { kind: 'contact', contactId: customer.contactId }, recipient: body.recipient, item: { kind: 'card' }, campaignId: body.campaignId, message: body.message,
        deliverAt: body.deliverAt ? new Date(body.deliverAt) : null, locale: body.locale, channel: body.channel, senderCountry: body.senderCountry,
        reference: `portal:${customer.contactId}:${body.clientId}`,
      }));
      await deliverDueGifts(services.db, giftDeliveryDepsOf(services, publicBaseUrl(request, services.config)), new Date(), 1, sent.giftId);
      return sent;
    },
  }),
  defineRoute({
    method: 'POST', url: `${PREFIX}/gifts/:giftId/cancel`, auth: 'customer', tags: TAGS,
    summary: 'Cancel a gift I sent that nobody has claimed yet',
    params: GiftParamsSchema,
    handler: async ({ params }, { services, customer }) => {
      await cancelGift(services.db, customer.accountId, params.giftId, customer.contactId);
    },
  }),
  defineRoute({
    method: 'POST', url: `${PREFIX}/gifts/:giftId/share`, auth: 'customer', tags: TAGS,
    summary: 'Publish (or withdraw) the reaction to a gift I sent, on a public page at `sharePath`',
    params: GiftParamsSchema,
    body: z.strictObject({ shared: z.boolean() }),
    response: ReactionSchema,
    handler: ({ params, body }, { services, customer }) => shareGiftReaction(services.db, customer.accountId, customer.contactId, params.giftId, body.shared),
  }),
  defineRoute({
    method: 'GET', url: `${PREFIX}/gifts/:giftId/reaction-media`, auth: 'customer', tags: TAGS,
    summary: 'The photo or video of the reaction to a gift I sent',
    params: GiftParamsSchema,
    response: z.string().describe('the file’s bytes'),
    handler: async ({ params }, { services, customer, reply }) => {
      const media = await openReactionMedia(services.db, giftMediaStoreOf(services), { accountId: customer.accountId, giftId: params.giftId, senderContactId: customer.contactId });
      setFileHeaders(reply, { fileName: 'reaction', contentType: media.contentType, byteSize: media.byteSize }, { cacheControl: 'private, no-store' });
      return media.content as unknown as string;
    },
  }),
];
