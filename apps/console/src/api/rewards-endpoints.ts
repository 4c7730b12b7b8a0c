import { requestJson } from './client.ts';

export type PoolKind = 'percent' | 'amount' | 'free_item';
export type CouponStatus = 'available' | 'issued' | 'redeemed' | 'void';
export interface PoolStock { available: number; issued: number; redeemed: number }
export interface CouponPool {
  id: string; name: string; kind: PoolKind; value: number; currency: string | null; minSpendMinor: number | null; expiresAt: string | null;
  prefix: string; codeLength: number; createdAt: string; stock?: PoolStock;
}
export interface Coupon {
  id: string; poolId: string; code: string; status: CouponStatus; contactId: string | null; contactName?: string | null;
  issuedAt: string | null; redeemedAt: string | null; redemptionRef: string | null;
}
export interface PointsEntry {
  id: string; contactId: string; kind: 'earn' | 'spend' | 'expire' | 'reverse'; points: number; balanceAfter: number; reason: string; reference: string;
  reversesEntryId: string | null; expiresAt: string | null; actor: string; createdAt: string;
}
export interface AddCodesResult { accepted: number; errors: { index: number; message: string }[] }

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}`;

/** Coupon pools and the points ledger (docs/rewards.md). */
export const listCouponPools = (accountId: string, signal?: AbortSignal) => requestJson<{ pools: CouponPool[] }>('GET', `${base(accountId)}/coupon-pools`, { signal });
export const createCouponPool = (accountId: string, body: { name: string; kind: PoolKind; value: number; currency?: string | null; minSpendMinor?: number | null; expiresAt?: string | null; prefix?: string; codeLength?: number }) =>
  requestJson<CouponPool>('POST', `${base(accountId)}/coupon-pools`, { body });
export const addCouponCodes = (accountId: string, poolId: string, body: { generate: number } | { codes: string[] }) =>
  requestJson<AddCodesResult>('POST', `${base(accountId)}/coupon-pools/${encodeURIComponent(poolId)}/codes`, { body });
export function listPoolCoupons(accountId: string, poolId: string, filter: { status?: CouponStatus | ''; q?: string; limit?: number; offset?: number }, signal?: AbortSignal) {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.q) query.set('q', filter.q);
  query.set('limit', String(filter.limit ?? 50));
  if (filter.offset) query.set('offset', String(filter.offset));
  return requestJson<{ coupons: Coupon[]; total: number }>('GET', `${base(accountId)}/coupon-pools/${encodeURIComponent(poolId)}/coupons?${query}`, { signal });
}
export const voidCoupon = (accountId: string, couponId: string) => requestJson<Coupon>('POST', `${base(accountId)}/coupons/${encodeURIComponent(couponId)}/void`, { body: {} });
export const voidUnissuedCoupons = (accountId: string, poolId: string) => requestJson<{ voided: number }>('POST', `${base(accountId)}/coupon-pools/${encodeURIComponent(poolId)}/void-unissued`, { body: {} });
export const unredeemCoupon = (accountId: string, couponId: string) => requestJson<Coupon>('POST', `${base(accountId)}/coupons/${encodeURIComponent(couponId)}/unredeem`, { body: {} });
export const getContactPoints = (accountId: string, contactId: string, signal?: AbortSignal) =>
  requestJson<{ balance: number; entries: PointsEntry[] }>('GET', `${base(accountId)}/contacts/${encodeURIComponent(contactId)}/points`, { signal });
export const recordContactPoints = (accountId: string, contactId: string, body: { kind: 'earn' | 'spend'; points: number; reason: string; reference: string }) =>
  requestJson<{ entry: PointsEntry; replayed: boolean }>('POST', `${base(accountId)}/contacts/${encodeURIComponent(contactId)}/points`, { body });
export const reversePointsEntry = (accountId: string, entryId: string, reason: string) =>
  requestJson<PointsEntry>('POST', `${base(accountId)}/points-entries/${encodeURIComponent(entryId)}/reverse`, { body: { reason } });
