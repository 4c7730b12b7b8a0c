import { requestJson } from './client.ts';

export type ReferralReward = { kind: 'points'; points: number } | { kind: 'coupon'; poolId: string } | { kind: 'none' };
export type ProgramStatus = 'draft' | 'live' | 'paused';
export type ReferralLocale = 'en' | 'ja' | 'zh';
export type Localized = Partial<Record<ReferralLocale, string>>;

export interface ReferralProgramFields {
  status: ProgramStatus;
  referrerReward: ReferralReward;
  friendReward: ReferralReward;
  minOrderMinor: number | null;
  currency: string | null;
  attributionDays: number;
  capPerReferrer: number | null;
  capPeriodDays: number;
  ipWindowDays: number;
  offerText: Localized;
}
export interface ReferralProgram extends ReferralProgramFields { updatedAt: string | null }

export interface ReviewPlatform { id: string; name: string; url: string; locale: ReferralLocale | null }
export interface ReviewSettingsFields { enabled: boolean; platforms: ReviewPlatform[]; shareText: Localized; csatMin: number; npsMin: number; cooldownDays: number; channel: 'email' | 'in_app' }
export interface ReviewSettings extends ReviewSettingsFields { updatedAt: string | null }

export interface GrantedReward { kind: string; points?: number; code?: string; failed?: string }
export interface Referral {
  id: string;
  status: 'pending' | 'rewarded' | 'rejected';
  rejectionReason: string | null;
  rejectionDetail: string | null;
  source: string;
  referrerContactId: string;
  referrerName: string;
  friendContactId: string | null;
  friendName: string | null;
  friendEmail: string | null;
  orderId: string | null;
  orderTotalMinor: number | null;
  friendReward: GrantedReward | null;
  referrerReward: GrantedReward | null;
  convertedAt: string | null;
  createdAt: string;
  reversedAt: string | null;
  reversalNote: string | null;
}
export interface ReferralStats {
  days: number;
  funnel: { clicks: number; signUps: number; conversions: number; rewarded: number };
  rejected: number;
  rejectionReasons: Record<string, number>;
  reviewAsks: { sent: number; clicked: number; suppressed: number };
}
export interface ReviewAsk { id: string; contactId: string; contactName: string; surveyKind: string; score: number; channel: string; status: string; suppressionReason: string | null; sentAt: string | null; clickedAt: string | null; clickedPlatform: string | null; createdAt: string }

export const REJECTION_REASONS = [
  'self_referral_contact', 'self_referral_email', 'self_referral_phone', 'self_referral_device', 'self_referral_ip', 'self_referral_address',
  'already_referred', 'existing_customer', 'not_first_order', 'order_below_minimum', 'attribution_expired', 'referrer_cap_reached', 'program_not_live',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}`;

/** Referrals and review asks (docs/referrals.md): the program, the review settings, the list, the funnel. */
export function getReferralProgram(accountId: string, signal?: AbortSignal): Promise<ReferralProgram> {
  return requestJson('GET', `${base(accountId)}/referral-program`, { signal });
}
export function saveReferralProgram(accountId: string, fields: ReferralProgramFields): Promise<ReferralProgram> {
  return requestJson('PUT', `${base(accountId)}/referral-program`, { body: fields });
}
export function getReviewSettings(accountId: string, signal?: AbortSignal): Promise<ReviewSettings> {
  return requestJson('GET', `${base(accountId)}/review-settings`, { signal });
}
export function saveReviewSettings(accountId: string, fields: ReviewSettingsFields): Promise<ReviewSettings> {
  return requestJson('PUT', `${base(accountId)}/review-settings`, { body: fields });
}
export function listReferrals(accountId: string, filter: { status?: string; reason?: string }, signal?: AbortSignal): Promise<{ referrals: Referral[] }> {
  const query = new URLSearchParams(Object.entries(filter).filter(([, value]) => Boolean(value)) as [string, string][]).toString();
  return requestJson('GET', `${base(accountId)}/referrals${query ? `?${query}` : ''}`, { signal });
}
export function getReferralStats(accountId: string, days: number, signal?: AbortSignal): Promise<ReferralStats> {
  return requestJson('GET', `${base(accountId)}/referral-stats?days=${days}`, { signal });
}
export function listReviewAsks(accountId: string, signal?: AbortSignal): Promise<{ asks: ReviewAsk[] }> {
  return requestJson('GET', `${base(accountId)}/review-asks`, { signal });
}
/** The account's coupon pools, to pick a reward from (the rewards domain's list). */
export function listPoolsForReferrals(accountId: string, signal?: AbortSignal): Promise<{ pools: { id: string; name: string; stock?: { available: number } }[] }> {
  return requestJson('GET', `${base(accountId)}/coupon-pools`, { signal });
}
