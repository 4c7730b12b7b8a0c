import { buildQuery, requestJson } from './client.ts';

export type GiftItem =
  | { kind: 'voucher'; poolId: string; title?: string }
  | { kind: 'product'; title: string; sku?: string; imageUrl?: string; valueMinor?: number; currency?: string }
  | { kind: 'card' };
export type GiftCampaignStatus = 'draft' | 'live' | 'paused' | 'ended';
export type GiftStatus = 'scheduled' | 'delivered' | 'opened' | 'claimed' | 'swapped' | 'reacted' | 'expired' | 'cancelled';

export interface GiftCampaign {
  id: string; name: string; description: string; status: GiftCampaignStatus; item: GiftItem; swapOptions: GiftItem[]; stock: number | null; sentCount: number;
  remaining: number | null; perPersonLimit: number; requireOtherCountry: boolean; claimDays: number; startsAt: string | null; endsAt: string | null; createdAt: string; updatedAt: string;
}
export type GiftCampaignInput = Omit<GiftCampaign, 'id' | 'sentCount' | 'remaining' | 'createdAt' | 'updatedAt'>;
export interface GiftReaction { id: string; kind: 'photo' | 'video' | 'text'; text: string; contentType: string | null; byteSize: number | null; durationMs: number | null; shared: boolean; sharePath: string | null; createdAt: string }
export interface Gift {
  id: string; campaignId: string | null; senderKind: 'contact' | 'agent'; senderContactId: string | null; senderUserId: string | null; conversationId: string | null; senderName: string;
  recipientContactId: string | null; recipientEmail: string | null; recipientPhone: string | null; recipientName: string | null; recipientCountry: string | null;
  channel: 'email' | 'sms' | 'whatsapp' | 'link'; deliveryResult: string | null; item: GiftItem; claimedItem: GiftItem | null; message: string; locale: string; status: GiftStatus;
  couponCode: string | null; deliverAt: string; expiresAt: string; deliveredAt: string | null; openedAt: string | null; claimedAt: string | null; reactedAt: string | null;
  createdAt: string; reaction: GiftReaction | null;
}
export interface GiftStats {
  total: number; byStatus: Partial<Record<GiftStatus, number>>; claimed: number; claimRate: number; reactionRate: number;
  reactions: Partial<Record<'photo' | 'video' | 'text', number>>; campaigns: { campaignId: string; sent: number; claimed: number; reacted: number }[];
}
export interface CouponPoolSummary { id: string; name: string; kind: string; stock?: { available: number } }

const accountPath = (accountId: string, rest: string) => `/accounts/${encodeURIComponent(accountId)}${rest}`;

export function listGiftCampaigns(accountId: string, signal?: AbortSignal): Promise<{ campaigns: GiftCampaign[] }> {
  return requestJson('GET', accountPath(accountId, '/gift-campaigns'), { signal });
}
export function createGiftCampaign(accountId: string, input: GiftCampaignInput): Promise<GiftCampaign> {
  return requestJson('POST', accountPath(accountId, '/gift-campaigns'), { body: input });
}
export function updateGiftCampaign(accountId: string, campaignId: string, input: Partial<GiftCampaignInput>): Promise<GiftCampaign> {
  return requestJson('PATCH', accountPath(accountId, `/gift-campaigns/${encodeURIComponent(campaignId)}`), { body: input });
}
export function listGifts(accountId: string, filter: { status?: GiftStatus; campaignId?: string; before?: string; limit?: number }, signal?: AbortSignal): Promise<{ gifts: Gift[] }> {
  return requestJson('GET', accountPath(accountId, `/gifts${buildQuery({ ...filter })}`), { signal });
}
export function getGiftStats(accountId: string, signal?: AbortSignal): Promise<GiftStats> {
  return requestJson('GET', accountPath(accountId, '/gifts/stats'), { signal });
}
export function cancelGift(accountId: string, giftId: string): Promise<Gift> {
  return requestJson('POST', accountPath(accountId, `/gifts/${encodeURIComponent(giftId)}/cancel`));
}
export function listPoolsForGifts(accountId: string, signal?: AbortSignal): Promise<{ pools: CouponPoolSummary[] }> {
  return requestJson('GET', accountPath(accountId, '/coupon-pools'), { signal });
}
/** A cookie-authenticated GET the browser loads itself (an <img> or <video> source). */
export const giftReactionMediaUrl = (accountId: string, giftId: string) => `/api/v1${accountPath(accountId, `/gifts/${encodeURIComponent(giftId)}/reaction-media`)}`;
