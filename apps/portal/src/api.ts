/** The portal API of one business (`/api/portal/<handle>`): JSON in and out, the CSRF token on every write. */
import type { ReferralsView } from './pages/referrals.tsx';

export interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code);
  }
}

export type ConsentState = { granted: boolean; at: string; source: string } | null;
export type ConsentChannel = 'email' | 'sms' | 'whatsapp' | 'messenger';

export interface Me {
  contactId: string;
  name: string;
  email: string | null;
  phone: string | null;
  locale: string | null;
  timeZone: string | null;
  consent: Record<ConsentChannel, ConsentState>;
  csrfToken: string;
  account: { name: string; handle: string };
}

export interface PortalInfo {
  name: string;
  handle: string;
  defaultLocale: string;
  helpCenterUrl: string;
  maxUploadBytes: number;
}

export interface ConversationSummary {
  id: string;
  number: number;
  subject: string;
  status: string;
  channel: string;
  lastMessageAt: string;
  preview: string;
  rating: number | null;
  canRate: boolean;
}

export interface Message {
  id: string;
  direction: 'inbound' | 'outbound';
  body: string;
  author: string | null;
  attachments: { id: string; fileName: string; contentType: string; byteSize: number }[];
  createdAt: string;
}

export interface Conversation {
  id: string;
  number: number;
  subject: string;
  status: string;
  channel: string;
  createdAt: string;
  canRate: boolean;
  rating: number | null;
  ratingComment: string;
  messages: Message[];
}

export interface OrderSummary {
  id: string;
  number: string;
  status: string;
  currency: string;
  totalMinor: number;
  placedAt: string;
  itemCount: number;
}

export interface OrderLine {
  id: string;
  title: string;
  sku: string | null;
  variant: string | null;
  quantity: number;
  unitPriceMinor: number;
  totalMinor: number;
}

export interface Shipment {
  id: string;
  status: string;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
}

export interface Order extends OrderSummary {
  subtotalMinor: number | null;
  discountMinor: number | null;
  shippingMinor: number | null;
  taxMinor: number | null;
  lines: OrderLine[];
  shipments: Shipment[];
  canReturn: boolean;
  returnBy: string | null;
}

export interface Eligibility {
  policy: string;
  returnBy: string | null;
  allowExchange: boolean;
  reasons: { code: string; label: string; photoRequired: boolean }[];
  lines: { lineId: string; title: string; variant: string | null; quantity: number; returnableQuantity: number; eligible: boolean; reason: string | null }[];
  maxPhotos: number;
  maxPhotoBytes: number;
  photoTypes: string[];
}

export interface ReturnSummary {
  id: string;
  number: string;
  orderId: string;
  orderNumber: string;
  status: string;
  resolution: 'refund' | 'exchange';
  createdAt: string;
}

export interface ReturnDetail extends ReturnSummary {
  reason: string;
  reasonLabel: string;
  note: string;
  currency: string;
  refundMinor: number;
  lines: { lineId: string; title: string; variant: string | null; quantity: number }[];
  photos: { id: string; fileName: string }[];
  history: { status: string; at: string; note: string | null }[];
  policy: string;
  canCancel: boolean;
  slipUrl: string;
}

export interface UploadedPhoto {
  id: string;
  fileName: string;
  contentType: string;
  byteSize: number;
}

/** `onSignedOut` runs when the server no longer knows the session (expired, or signed out on another tab). */
export function createApi(handle: string, onSignedOut: () => void = () => undefined) {
  const base = `/api/portal/${encodeURIComponent(handle)}`;
  let csrfToken = '';

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
    if (response.status === 204) return undefined as T;
    const data = await response.json().catch(() => ({}));
    if (response.status === 401 && !path.startsWith('/auth/') && path !== '/me') onSignedOut();
    if (!response.ok) throw new ApiError({ status: response.status, code: (data as Problem).code ?? 'error', detail: (data as Problem).detail, errors: (data as Problem).errors });
    return data as T;
  }

  const remember = (me: Me) => {
    csrfToken = me.csrfToken;
    return me;
  };

  return {
    base,
    info: () => call<PortalInfo>('GET', ''),
    me: async () => remember(await call<Me>('GET', '/me')),
    requestLink: (email: string, locale: string) => call<{ sent: true }>('POST', '/auth/link', { email, locale }),
    redeem: async (token: string) => remember(await call<Me>('POST', '/auth/redeem', { token })),
    signOut: () => call<void>('POST', '/auth/sign-out'),
    updateMe: async (patch: { name?: string; locale?: string | null; timeZone?: string | null }) => remember(await call<Me>('PATCH', '/me', patch)),
    setConsent: (changes: Partial<Record<ConsentChannel, boolean>>) => call<Me['consent']>('PUT', '/me/consent', changes),
    respondToPrompt: (deliveryId: string, response: 'shown' | 'clicked' | 'dismissed') => call<void>('POST', `/prompts/${deliveryId}/${response}`),
    conversations: () => call<{ conversations: ConversationSummary[] }>('GET', '/conversations'),
    conversation: (id: string) => call<Conversation>('GET', `/conversations/${id}`),
    reply: (id: string, body: string, clientId: string, attachmentIds: string[]) => call<{ id: string }>('POST', `/conversations/${id}/messages`, { body, clientId, attachmentIds }),
    uploadFile: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return call<UploadedPhoto>('POST', '/attachments', form);
    },
    startConversation: (body: string, subject: string, clientId: string) => call<{ id: string }>('POST', '/conversations', { body, clientId, ...(subject ? { subject } : {}) }),
    rate: (id: string, rating: number, comment: string) => call<void>('POST', `/conversations/${id}/rating`, { rating, comment }),
    attachmentUrl: (id: string) => `${base}/attachments/${id}`,
    orders: () => call<{ orders: OrderSummary[] }>('GET', '/orders'),
    referrals: () => call<ReferralsView>('GET', '/referrals'),
    order: (id: string) => call<Order>('GET', `/orders/${id}`),
    eligibility: (orderId: string, locale: string) => call<Eligibility>('GET', `/orders/${orderId}/return-eligibility?locale=${locale}`),
    uploadPhoto: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return call<UploadedPhoto>('POST', '/return-photos', form);
    },
    startReturn: (input: { orderId: string; lines: { lineId: string; quantity: number }[]; reason: string; note: string; resolution: 'refund' | 'exchange'; photoIds: string[]; locale: string }) =>
      call<{ id: string }>('POST', '/returns', input),
    returns: () => call<{ returns: ReturnSummary[] }>('GET', '/returns'),
    returnDetail: (id: string, locale: string) => call<ReturnDetail>('GET', `/returns/${id}?locale=${locale}`),
    cancelReturn: (id: string) => call<ReturnDetail>('POST', `/returns/${id}/cancel`),
  };
}

export type Api = ReturnType<typeof createApi>;

/** An id for a message the page sends: retrying with it stores the message once. */
export const newClientId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
