import { ApiError, type Problem } from '../api.ts';

export type GiftItem = { kind: 'voucher'; poolId: string; title?: string } | { kind: 'product'; title: string; imageUrl?: string } | { kind: 'card' };
export interface GiftCampaign { id: string; name: string; description: string; item: GiftItem; remaining: number | null; requireOtherCountry: boolean }
export interface GiftReaction { id: string; kind: 'photo' | 'video' | 'text'; text: string; shared: boolean; sharePath: string | null }
export interface SentGift {
  id: string; status: string; item: GiftItem; claimedItem: GiftItem | null; message: string; recipientName: string | null; recipientEmail: string | null;
  recipientPhone: string | null; channel: string; deliveryResult: string | null; createdAt: string; expiresAt: string; claimPath: string | null; reaction: GiftReaction | null;
}
export interface SendGiftBody {
  campaignId?: string; recipient: { email?: string; phone?: string; name?: string }; message: string; deliverAt?: string | null; locale: string; channel?: 'email' | 'sms'; clientId: string;
}

/** The portal's gift calls (`/api/portal/<handle>/gifts`), with the session's CSRF token on writes. */
export function createGiftApi(base: string, csrfToken: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}/gifts${path}`, {
      method, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }) },
    });
    if (response.status === 204) return undefined as T;
    const data = (await response.json().catch(() => ({}))) as Problem & T;
    if (!response.ok) throw new ApiError({ status: response.status, code: data.code ?? 'error', detail: data.detail, errors: data.errors });
    return data;
  }
  return {
    load: () => call<{ campaigns: GiftCampaign[]; gifts: SentGift[] }>('GET', ''),
    send: (body: SendGiftBody) => call<{ giftId: string; claimUrl: string }>('POST', '', body),
    cancel: (giftId: string) => call<void>('POST', `/${giftId}/cancel`),
    share: (giftId: string, shared: boolean) => call<GiftReaction>('POST', `/${giftId}/share`, { shared }),
    mediaUrl: (giftId: string) => `${base}/gifts/${giftId}/reaction-media`,
  };
}

export type GiftApi = ReturnType<typeof createGiftApi>;

export const itemTitle = (item: GiftItem, cardLabel: string) => (item.kind === 'product' ? item.title : item.kind === 'voucher' ? (item.title ?? 'Voucher') : cardLabel);

/** Shares a URL with the phone's share sheet; where there is none (or it is dismissed badly), copies it. */
export async function shareOrCopy(url: string, title: string): Promise<'shared' | 'copied' | 'failed'> {
  if (navigator.share) {
    try {
      await navigator.share({ url, title });
      return 'shared';
    } catch (error) {
      if ((error as DOMException).name === 'AbortError') return 'shared';
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    return 'copied';
  } catch {
    return 'failed';
  }
}
