import { buildQuery, requestJson } from './client.ts';

export interface MinutesSummary {
  median: number | null;
  p90: number | null;
}

/** `GET /reports/overview`: dates are local dates in the account's time zone. */
export interface ReportOverview {
  timeZone: string;
  period?: DateRange;
  volume: { date: string; created: number; resolved: number }[];
  firstResponseMinutes: MinutesSummary;
  resolutionMinutes: MinutesSummary;
  byChannel: { channel: string; created: number }[];
  byAgent: { agentId: string; name: string; assigned: number; resolved: number; medianFirstResponseMinutes: number | null }[];
  byTeam?: { teamId: string; name: string; created: number; resolved: number }[];
  slaAttainment: { met: number; breached: number; ratio: number } | null;
  csat: { average: number | null; count: number; satisfiedRatio?: number } | null;
}

export interface DateRange {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
}

const reportsPath = (accountId: string, rest: string) => `/accounts/${encodeURIComponent(accountId)}/reports${rest}`;

export function getReportOverview(accountId: string, range: DateRange, signal?: AbortSignal): Promise<ReportOverview> {
  return requestJson('GET', reportsPath(accountId, `/overview${buildQuery({ from: range.from, to: range.to })}`), { signal });
}

/** A plain link (cookie-authenticated GET), so the browser downloads the file itself. */
export function buildConversationsCsvUrl(accountId: string, range: DateRange): string {
  return `/api/v1${reportsPath(accountId, `/conversations.csv${buildQuery({ from: range.from, to: range.to })}`)}`;
}
