import { buildQuery, requestJson } from './client.ts';

export type LifecycleStage = 'discover' | 'onboard' | 'buy' | 'get_help' | 'stay';
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = ['discover', 'onboard', 'buy', 'get_help', 'stay'];

export interface DateRange {
  from: string;
  to: string;
}

export interface Satisfaction {
  csat: { n: number; satisfiedRate: number; average: number } | null;
  nps: { n: number; score: number; promoters: number; passives: number; detractors: number } | null;
  ces: { n: number; average: number } | null;
}

export interface TouchpointSummary {
  key: string;
  kind: string;
  id: string | null;
  name: string | null;
  stage: LifecycleStage;
  stageOverridden: boolean;
  events: number;
  customers: number;
  satisfaction: Satisfaction;
  conversion: { label: 'converted' | 'clicked' | 'answered' | 'resolved'; numerator: number; denominator: number; rate: number | null } | null;
  messages: { sent: number; responded: number; rate: number | null } | null;
  suppressed: number;
  suppressions: Record<string, number>;
}

export interface TouchpointMap {
  timeZone: string;
  range: DateRange;
  touchpoints: TouchpointSummary[];
  flows: { from: string; to: string; count: number }[];
}

export interface TouchpointDetail {
  timeZone: string;
  range: DateRange;
  touchpoint: TouchpointSummary;
  trend: { date: string; events: number; customers: number; converted: number }[];
  steps: { stepId: string; events: number; customers: number; sent: number; suppressed: number; converted: number }[];
}

export interface InvestmentGroup {
  group: string;
  customers: number;
  repeatCustomers: number;
  repeatRate: number | null;
  valuedCustomers: number;
  averageLifetimeValueMinor: number | null;
  medianLifetimeValueMinor: number | null;
}

export interface ServiceInvestment {
  timeZone: string;
  range: DateRange;
  currency: string | null;
  currencies: string[];
  otherCurrencyOrders: number;
  byService: InvestmentGroup[];
  byCsat: InvestmentGroup[];
  byNps: InvestmentGroup[];
}

export interface CustomerJourney {
  events: {
    id: string;
    name: string;
    occurredAt: string;
    key: string;
    touchpoint: { kind: string; id: string | null; stepId: string | null };
    stage: LifecycleStage;
    suppressedReason: string | null;
    answer: { kind: string; score: number; about: { kind: string; id?: string | null } | null } | null;
  }[];
  touchpoints: { key: string; kind: string; id: string | null; name: string | null; stage: LifecycleStage }[];
  truncated: boolean;
}

const accountPath = (accountId: string, rest: string) => `/accounts/${encodeURIComponent(accountId)}${rest}`;
const rangeQuery = (range: DateRange, extra: Record<string, string | undefined> = {}) => buildQuery({ from: range.from, to: range.to, ...extra });

export function getTouchpointMap(accountId: string, range: DateRange, signal?: AbortSignal): Promise<TouchpointMap> {
  return requestJson('GET', accountPath(accountId, `/touchpoints${rangeQuery(range)}`), { signal });
}

export function getTouchpointDetail(accountId: string, kind: string, id: string | null, range: DateRange, signal?: AbortSignal): Promise<TouchpointDetail> {
  return requestJson('GET', accountPath(accountId, `/touchpoints/detail${rangeQuery(range, { kind, id: id ?? undefined })}`), { signal });
}

export function setTouchpointStage(accountId: string, kind: string, id: string | null, stage: LifecycleStage | null): Promise<unknown> {
  return requestJson('PUT', accountPath(accountId, '/touchpoint-stages'), { body: { kind, id, stage } });
}

export function getServiceInvestment(accountId: string, range: DateRange, currency: string | undefined, signal?: AbortSignal): Promise<ServiceInvestment> {
  return requestJson('GET', accountPath(accountId, `/touchpoints/investment${rangeQuery(range, { currency })}`), { signal });
}

export function getCustomerJourney(accountId: string, contactId: string, signal?: AbortSignal): Promise<CustomerJourney> {
  return requestJson('GET', accountPath(accountId, `/contacts/${encodeURIComponent(contactId)}/touchpoints`), { signal });
}

/** Plain links (cookie-authenticated GET), so the browser downloads the file itself. */
export function buildTouchpointsCsvUrl(accountId: string, range: DateRange): string {
  return `/api/v1${accountPath(accountId, `/touchpoints.csv${rangeQuery(range)}`)}`;
}

export function buildInvestmentCsvUrl(accountId: string, range: DateRange, currency?: string): string {
  return `/api/v1${accountPath(accountId, `/touchpoints/investment.csv${rangeQuery(range, { currency })}`)}`;
}
