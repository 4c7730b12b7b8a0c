import { requestJson } from './client.ts';

export type DelightPeriod = 'week' | 'month' | 'quarter';
export type DelightKind = 'voucher' | 'points' | 'card' | 'gift';
export interface DelightBudget { id: string; userId: string | null; period: DelightPeriod; amountMinor: number; currency: string; pointValueMinor: number; updatedBy: string; updatedAt: string }
export interface BudgetFields { period: DelightPeriod; amountMinor: number; currency: string; pointValueMinor?: number }
export interface DelightGesture {
  id: string; userId: string; agentName: string | null; conversationId: string; contactId: string; contactName: string | null; kind: DelightKind; valueMinor: number; currency: string;
  message: string; reason: string; status: string; delivery: string; cardStyle: string; cardPath: string; couponId: string | null; points: number | null; giftUrl: string | null;
  details: Record<string, unknown>; createdAt: string;
}
export interface MyDelight {
  budget: (DelightBudget & { own: boolean }) | null; spentMinor: number; leftMinor: number; gestures: number; periodStart: string | null; periodEnd: string | null;
  pools: { id: string; name: string; kind: string; value: number; currency: string | null; available: number }[]; cardStyles: string[]; giftsAvailable: boolean;
}
export interface DelightReport {
  from: string; to: string;
  agents: { userId: string; name: string; period: DelightPeriod | null; currency: string | null; budgetMinor: number; spentMinor: number; leftMinor: number; gesturesInRange: number; valueInRangeMinor: number }[];
  gestures: (DelightGesture & { outcome: { conversationNumber: number | null; status: string | null; resolved: boolean; csat: number | null; ordersAfter: number; orderValueAfterMinor: number } })[];
  summary: { gestures: number; resolvedShare: number | null; averageCsat: number | null; customersWhoOrderedAfter: number };
}
export interface GestureFields {
  kind: DelightKind; clientKey: string; message: string; reason?: string; cardStyle?: string; poolId?: string; valueMinor?: number; points?: number; gift?: { title: string };
}

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}`;

/** Delight on the spot (docs/delight.md): budgets, the agent's own budget, gestures from a conversation, the report. */
export const listDelightBudgets = (accountId: string, signal?: AbortSignal) =>
  requestJson<{ defaultBudget: DelightBudget | null; agentBudgets: DelightBudget[]; members: { userId: string; name: string; role: string }[] }>('GET', `${base(accountId)}/delight/budgets`, { signal });
export const setDefaultDelightBudget = (accountId: string, body: BudgetFields) => requestJson<DelightBudget>('PUT', `${base(accountId)}/delight/budgets/default`, { body });
export const removeDefaultDelightBudget = (accountId: string) => requestJson<void>('DELETE', `${base(accountId)}/delight/budgets/default`);
export const setAgentDelightBudget = (accountId: string, userId: string, body: BudgetFields) => requestJson<DelightBudget>('PUT', `${base(accountId)}/delight/budgets/agents/${encodeURIComponent(userId)}`, { body });
export const removeAgentDelightBudget = (accountId: string, userId: string) => requestJson<void>('DELETE', `${base(accountId)}/delight/budgets/agents/${encodeURIComponent(userId)}`);
export const getMyDelight = (accountId: string, signal?: AbortSignal) => requestJson<MyDelight>('GET', `${base(accountId)}/delight/me`, { signal });
export const listConversationGestures = (accountId: string, conversationId: string, signal?: AbortSignal) =>
  requestJson<{ gestures: DelightGesture[] }>('GET', `${base(accountId)}/conversations/${encodeURIComponent(conversationId)}/delight`, { signal });
export const sendDelightGesture = (accountId: string, conversationId: string, body: GestureFields) =>
  requestJson<{ gesture: DelightGesture; replayed: boolean }>('POST', `${base(accountId)}/conversations/${encodeURIComponent(conversationId)}/delight`, { body });
export const getDelightReport = (accountId: string, range: { from: string; to: string }, signal?: AbortSignal) =>
  requestJson<DelightReport>('GET', `${base(accountId)}/delight/report?${new URLSearchParams(range)}`, { signal });
