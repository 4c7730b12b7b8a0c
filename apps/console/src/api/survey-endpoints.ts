import { buildQuery, requestJson } from './client.ts';

export type SurveyKind = 'csat' | 'nps' | 'ces';
export type SurveyStatus = 'draft' | 'live' | 'paused';
export type SurveyChannel = 'email' | 'in_app' | 'link';
export type SurveyLocale = 'en' | 'ja' | 'zh';
export interface SurveyText { question: string; followUp: string; thanks: string }
export type SurveyTrigger =
  | { kind: 'conversation_resolved'; inboxIds: string[] }
  | { kind: 'order_placed' | 'order_delivered' | 'return_completed'; delayDays: number };

export interface Survey {
  id: string;
  name: string;
  kind: SurveyKind;
  status: SurveyStatus;
  builtIn: string | null;
  texts: Partial<Record<SurveyLocale, SurveyText>>;
  triggers: SurveyTrigger[];
  channel: SurveyChannel;
  detractorMaxScore: number;
  detractorAction: boolean;
  detractorInboxId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SurveyFigures {
  asked: number;
  suppressed: number;
  responseRate: number | null;
  responses: number;
  nps: number | null;
  csatPercent: number | null;
  cesAverage: number | null;
  average: number | null;
  headline: number | null;
  distribution: { score: number; count: number }[];
}
export interface TouchpointFigures extends SurveyFigures { surveyKind: SurveyKind; aboutKind: string | null; aboutId: string | null }

export interface SurveysReport {
  surveys: (SurveyFigures & { id: string; name: string; kind: SurveyKind; status: SurveyStatus })[];
  touchpoints: TouchpointFigures[];
}
export interface SurveyReport {
  survey: { id: string; name: string; kind: SurveyKind; status: SurveyStatus };
  totals: SurveyFigures;
  touchpoints: TouchpointFigures[];
  trend: { day: string; responses: number; headline: number | null }[];
  comments: { responseId: string; contactId: string; contactName: string | null; score: number; comment: string; about: { kind: string; id: string | null } | null; conversationId: string | null; answeredAt: string }[];
}
export interface DayRange { from: string; to: string }
export type SurveyInput = Omit<Survey, 'id' | 'builtIn' | 'createdAt' | 'updatedAt'>;

const surveysPath = (accountId: string, rest = '') => `/accounts/${encodeURIComponent(accountId)}/surveys${rest}`;

export function listSurveys(accountId: string, signal?: AbortSignal): Promise<{ surveys: Survey[] }> {
  return requestJson('GET', surveysPath(accountId), { signal });
}
export function getSurvey(accountId: string, surveyId: string, signal?: AbortSignal): Promise<Survey> {
  return requestJson('GET', surveysPath(accountId, `/${encodeURIComponent(surveyId)}`), { signal });
}
export function createSurvey(accountId: string, input: SurveyInput): Promise<Survey> {
  return requestJson('POST', surveysPath(accountId), { body: input });
}
export function updateSurvey(accountId: string, surveyId: string, input: Partial<Omit<SurveyInput, 'kind'>>): Promise<Survey> {
  return requestJson('PATCH', surveysPath(accountId, `/${encodeURIComponent(surveyId)}`), { body: input });
}
export function getSurveySettings(accountId: string, signal?: AbortSignal): Promise<{ fatigueDays: number }> {
  return requestJson('GET', surveysPath(accountId, '/settings'), { signal });
}
export function updateSurveySettings(accountId: string, fatigueDays: number): Promise<{ fatigueDays: number }> {
  return requestJson('PUT', surveysPath(accountId, '/settings'), { body: { fatigueDays } });
}
export function getSurveysReport(accountId: string, range: DayRange, signal?: AbortSignal): Promise<SurveysReport> {
  return requestJson('GET', surveysPath(accountId, `/report${buildQuery({ ...range })}`), { signal });
}
export function getSurveyReport(accountId: string, surveyId: string, range: DayRange, signal?: AbortSignal): Promise<SurveyReport> {
  return requestJson('GET', surveysPath(accountId, `/${encodeURIComponent(surveyId)}/report${buildQuery({ ...range })}`), { signal });
}
/** A plain link (cookie-authenticated GET), so the browser downloads the file itself. */
export function buildSurveyResponsesCsvUrl(accountId: string, surveyId: string, range: DayRange): string {
  return `/api/v1${surveysPath(accountId, `/${encodeURIComponent(surveyId)}/responses.csv${buildQuery({ ...range })}`)}`;
}
