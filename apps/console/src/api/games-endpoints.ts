import { buildQuery, requestJson } from './client.ts';

export type GameKind = 'order_game' | 'draw';
export type GameStatus = 'draft' | 'live' | 'ended';
export type PrizeKind = 'free_item' | 'discount' | 'points' | 'try_again';
export interface GameEligibility { ordersRequired: number; windowDays: number | null; uniqueBy: 'order' | 'day'; minOrderMinor: number | null }
export interface GameLimits { perCustomer: number | null; perDevice: number | null; perPeriod: { plays: number; days: number } | null }
export interface GamePrize {
  id: string; position: number; label: string; kind: PrizeKind; poolId: string | null; points: number | null; weight: number; odds: number;
  stock: number | null; awarded: number; stockLeft: number | null; valueMinor: number;
}
export interface GameCampaign {
  id: string; slug: string; name: string; kind: GameKind; status: GameStatus; startsAt: string | null; endsAt: string | null;
  eligibility: GameEligibility; limits: GameLimits; cardCount: number; rulesText: string; alternativeEntry: string;
  budgetMinor: number | null; spentMinor: number; currency: string | null; publishedAt: string | null; endedAt: string | null; createdAt: string; prizes: GamePrize[];
}
export interface PrizeInput { id?: string; label: string; kind: PrizeKind; poolId?: string | null; points?: number | null; weight: number; stock?: number | null; valueMinor?: number }
export interface GameCampaignInput {
  name: string; kind: GameKind; startsAt: string | null; endsAt: string | null; eligibility: GameEligibility; limits: GameLimits; cardCount: 3 | 5;
  rulesText: string; alternativeEntry: string; budgetMinor: number | null; currency: string | null; prizes: PrizeInput[];
}
export interface GameStats {
  plays: number; winners: number; players: number; unlocks: number; spentMinor: number; budgetMinor: number | null; currency: string | null;
  prizes: { id: string; label: string; kind: PrizeKind; odds: number; stock: number | null; awarded: number; stockLeft: number | null }[];
  daily: { day: string; plays: number; winners: number }[];
  slug: string; rulesPath: string; verifyPath: string;
}
export interface CouponPoolOption { id: string; name: string; kind: 'percent' | 'amount' | 'free_item'; stock?: { available: number } }

const gamesPath = (accountId: string, rest = '') => `/accounts/${encodeURIComponent(accountId)}/game-campaigns${rest}`;

export function listGameCampaigns(accountId: string, signal?: AbortSignal): Promise<{ campaigns: GameCampaign[] }> {
  return requestJson('GET', gamesPath(accountId), { signal });
}
export function getGameCampaign(accountId: string, campaignId: string, signal?: AbortSignal): Promise<GameCampaign> {
  return requestJson('GET', gamesPath(accountId, `/${encodeURIComponent(campaignId)}`), { signal });
}
export function createGameCampaign(accountId: string, input: GameCampaignInput): Promise<GameCampaign> {
  return requestJson('POST', gamesPath(accountId), { body: input });
}
export function updateGameCampaign(accountId: string, campaignId: string, input: GameCampaignInput): Promise<GameCampaign> {
  return requestJson('PUT', gamesPath(accountId, `/${encodeURIComponent(campaignId)}`), { body: input });
}
export function setGameCampaignStatus(accountId: string, campaignId: string, to: 'publish' | 'end'): Promise<GameCampaign> {
  return requestJson('POST', gamesPath(accountId, `/${encodeURIComponent(campaignId)}/${to}`));
}
export function deleteGameCampaign(accountId: string, campaignId: string): Promise<void> {
  return requestJson('DELETE', gamesPath(accountId, `/${encodeURIComponent(campaignId)}`));
}
export function getGameStats(accountId: string, campaignId: string, signal?: AbortSignal): Promise<GameStats> {
  return requestJson('GET', gamesPath(accountId, `/${encodeURIComponent(campaignId)}/stats`), { signal });
}
/** A plain link (cookie-authenticated GET), so the browser downloads the file itself. */
export function buildGameEvidenceUrl(accountId: string, campaignId: string, format: 'csv' | 'json'): string {
  return `/api/v1${gamesPath(accountId, `/${encodeURIComponent(campaignId)}/evidence${buildQuery({ format })}`)}`;
}
export function listCouponPoolOptions(accountId: string, signal?: AbortSignal): Promise<{ pools: CouponPoolOption[] }> {
  return requestJson('GET', `/accounts/${encodeURIComponent(accountId)}/coupon-pools`, { signal });
}
export function grantGamePlay(accountId: string, campaignId: string, contactId: string, source: 'alternative' | 'manual'): Promise<{ id: string }> {
  return requestJson('POST', gamesPath(accountId, `/${encodeURIComponent(campaignId)}/unlocks`), { body: { contactId, source } });
}
