import { buildQuery, requestJson, uploadFile } from './client.ts';
import type { ContactProfile, ItemList } from './types.ts';

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}`;
const seg = (id: string) => `/${encodeURIComponent(id)}`;

export interface CommerceOrderLine {
  id: string;
  title: string;
  sku: string | null;
  variant: string | null;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
  productTags: string[];
}

export interface Shipment {
  id: string;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  status: 'pending' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'failed' | 'returned';
  shippedAt: string | null;
  deliveredAt: string | null;
}

export interface CommerceOrder {
  id: string;
  number: string;
  contactId: string | null;
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  totalMinor: number;
  status: string;
  financialStatus: string;
  fulfillmentStatus: string;
  lines: CommerceOrderLine[];
  shipments: Shipment[];
  source: string;
  customerEmail: string | null;
  customerName: string | null;
  deliveredAt: string | null;
  placedAt: string;
  updatedAt: string;
}

export const RETURN_STATUSES = ['requested', 'approved', 'rejected', 'received', 'refunded', 'exchanged', 'cancelled'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export const RETURN_SOURCES = ['portal', 'store', 'agent', 'api'] as const;
export type ReturnSource = (typeof RETURN_SOURCES)[number];

export interface ReturnSummary {
  id: string;
  number: string;
  orderId: string;
  orderNumber: string;
  contactId: string | null;
  status: ReturnStatus;
  resolution: 'refund' | 'exchange';
  reason: string;
  note: string;
  source: ReturnSource;
  lines: { orderLineId: string; title: string; sku: string | null; variant: string | null; quantity: number; unitPriceMinor: number; refundMinor: number }[];
  currency: string;
  refundMinor: number;
  locale: string;
  decisionNote: string;
  autoApproved: boolean;
  createdAt: string;
  updatedAt: string;
  /** In lists only. */
  customerName?: string | null;
}

export interface ReturnDetail extends ReturnSummary {
  photos: { id: string; fileName: string; contentType: string; byteSize: number; url: string }[];
  history: { fromStatus: string | null; toStatus: string; actorType: string; actorName: string; note: string; at: string }[];
  policyReasonLabel: string;
}

export type LocalizedText = Partial<Record<'en' | 'ja' | 'zh', string>>;

export interface ReturnPolicy {
  windowDays: number;
  nonReturnableTags: string[];
  reasons: { code: string; label: LocalizedText; photoRequired: boolean }[];
  autoApprove: { enabled: boolean; maxRefundMinor: number | null; reasons: string[] };
  allowExchange: boolean;
  policyText: LocalizedText;
  instructions: LocalizedText;
  returnAddress: string;
}

export interface Eligibility {
  orderId: string;
  orderNumber: string;
  currency: string;
  returnBy: string | null;
  eligible: boolean;
  lines: { lineId: string; title: string; variant: string | null; sku: string | null; quantity: number; returnedQuantity: number; returnableQuantity: number; eligible: boolean; reason: string | null; detail: string }[];
  policy: { windowDays: number; reasons: ReturnPolicy['reasons']; allowExchange: boolean };
}

export interface ShopifyConnection {
  connected: boolean;
  shopDomain: string | null;
  webhookUrl: string | null;
  lastWebhookAt: string | null;
  updatedAt: string | null;
}

export const listOrders = (accountId: string, filter: { contactId?: string; q?: string; limit?: number }, signal?: AbortSignal) =>
  requestJson<ItemList<CommerceOrder>>('GET', `${base(accountId)}/orders${buildQuery(filter)}`, { signal });

export const getReturnEligibility = (accountId: string, orderId: string, signal?: AbortSignal) =>
  requestJson<Eligibility>('GET', `${base(accountId)}/orders${seg(orderId)}/return-eligibility`, { signal });

export interface StartReturnInput {
  lines: { lineId: string; quantity: number }[];
  reason: string;
  note?: string;
  photoIds?: string[];
  resolution: 'refund' | 'exchange';
  source?: 'agent' | 'store';
}

export const startReturn = (accountId: string, orderId: string, input: StartReturnInput) =>
  requestJson<ReturnDetail>('POST', `${base(accountId)}/orders${seg(orderId)}/returns`, { body: input });

export const uploadReturnPhoto = (accountId: string, contactId: string, file: File) =>
  uploadFile<{ id: string; fileName: string }>(`${base(accountId)}/contacts${seg(contactId)}/return-photos`, file);

export const listReturns = (accountId: string, filter: { status?: string; source?: string; contactId?: string; q?: string; limit?: number }, signal?: AbortSignal) =>
  requestJson<ItemList<ReturnSummary>>('GET', `${base(accountId)}/returns${buildQuery(filter)}`, { signal });

export const getReturn = (accountId: string, returnId: string, signal?: AbortSignal) =>
  requestJson<ReturnDetail>('GET', `${base(accountId)}/returns${seg(returnId)}`, { signal });

export type ReturnAction = 'approve' | 'reject' | 'receive' | 'refund' | 'exchange' | 'cancel';

export const actOnReturn = (accountId: string, returnId: string, action: ReturnAction, note?: string) =>
  requestJson<ReturnDetail>('POST', `${base(accountId)}/returns${seg(returnId)}/${action}`, { body: note ? { note } : {} });

export const returnSlipUrl = (accountId: string, returnId: string) => `/api/v1${base(accountId)}/returns${seg(returnId)}/slip.pdf`;

export const getReturnPolicy = (accountId: string, signal?: AbortSignal) => requestJson<ReturnPolicy>('GET', `${base(accountId)}/return-policy`, { signal });
export const saveReturnPolicy = (accountId: string, policy: ReturnPolicy) => requestJson<ReturnPolicy>('PUT', `${base(accountId)}/return-policy`, { body: policy });

export const getShopifyConnection = (accountId: string, signal?: AbortSignal) => requestJson<ShopifyConnection>('GET', `${base(accountId)}/integrations/shopify`, { signal });
export const saveShopifyConnection = (accountId: string, input: { shopDomain: string; webhookSecret?: string }) =>
  requestJson<ShopifyConnection>('PUT', `${base(accountId)}/integrations/shopify`, { body: input });
export const disconnectShopify = (accountId: string) => requestJson<void>('DELETE', `${base(accountId)}/integrations/shopify`);

export interface StoreLookup {
  /** What the query was read as: a scanned customer or return code, an order number, or free text. */
  matchedBy: 'contact_code' | 'return_code' | 'return_number' | 'order_number' | 'text';
  contacts: ContactProfile[];
  /** The return a slip's code named. */
  ret: ReturnSummary | null;
}

export const lookupStoreCustomer = (accountId: string, q: string, signal?: AbortSignal) =>
  requestJson<StoreLookup>('GET', `${base(accountId)}/store/lookup${buildQuery({ q })}`, { signal });

export const logStoreVisit = (accountId: string, contactId: string, input: { note: string }) =>
  requestJson<{ conversationId: string }>('POST', `${base(accountId)}/contacts${seg(contactId)}/store-visits`, { body: input });
