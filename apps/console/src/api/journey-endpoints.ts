import { requestJson } from './client.ts';
import { isApiError } from './api-error.ts';

/*
 * The journeys API (issue 7 contracts). The definition types mirror `JourneyDefinitionSchema`
 * (packages/journeys/src/journey-definition.ts) and the `Condition` type of packages/core/src/experience.ts: the
 * console does not import server packages, so these are kept in step by hand.
 */

export const JOURNEY_CHANNELS = ['email', 'in_app', 'whatsapp', 'sms', 'messenger'] as const;
export type JourneyChannel = (typeof JOURNEY_CHANNELS)[number];

export const ATTRIBUTE_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists', 'not_exists', 'before_days_ago', 'within_days'] as const;
export const COUNT_OPERATORS = ['gte', 'lte', 'eq'] as const;
export const SURVEY_OPERATORS = ['eq', 'gte', 'lte', 'answered', 'not_answered'] as const;
export const SURVEY_KINDS = ['csat', 'nps', 'ces'] as const;

type Scalar = string | number | boolean;
export interface AttributeCondition { kind: 'attribute'; key: string; operator: (typeof ATTRIBUTE_OPERATORS)[number]; value?: Scalar }
export interface EventCondition {
  kind: 'event';
  name: string;
  operator: (typeof COUNT_OPERATORS)[number];
  count: number;
  withinDays?: number;
  distinctProperty?: string;
  where?: { property: string; operator: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains'; value: Scalar }[];
}
export interface SurveyCondition {
  kind: 'survey';
  survey: (typeof SURVEY_KINDS)[number];
  match?: 'latest' | 'any';
  operator: (typeof SURVEY_OPERATORS)[number];
  score?: number;
  withinDays?: number;
}
export interface SegmentCondition { kind: 'segment'; segmentId: string; member: boolean }
export interface ConditionGroup { kind: 'all' | 'any'; conditions: Condition[] }
export type Condition = AttributeCondition | EventCondition | SurveyCondition | SegmentCondition | ConditionGroup;

export type JourneyEntry =
  | { kind: 'event'; eventName: string; where?: Condition }
  | { kind: 'segment_entered'; segmentId: string }
  | { kind: 'date_attribute'; attribute: string; offsetDays: number; atLocalTime: string; everyYear: boolean };

export interface StepPosition { x: number; y: number }
interface StepBase { id: string; name?: string; position?: StepPosition }
type Next = string | null;

export type JourneyStep = StepBase & (
  | { kind: 'wait_duration'; seconds: number; next: Next }
  | { kind: 'wait_until_time'; time: string; weekdays?: number[]; next: Next }
  | { kind: 'wait_for_event'; eventName: string; timeoutSeconds: number; next: Next; timeoutNext: Next }
  | { kind: 'branch'; condition: Condition; yes: Next; no: Next }
  | { kind: 'split'; paths: { label: string; percent: number; next: Next }[] }
  | { kind: 'send_message'; channel: JourneyChannel; templateId: string; next: Next }
  | { kind: 'show_prompt'; promptId: string; next: Next }
  | { kind: 'send_survey'; surveyId: string; channel: JourneyChannel; next: Next }
  | { kind: 'update_attribute'; key: string; value: string | number | boolean | null; next: Next }
  | { kind: 'add_to_segment'; segmentId: string; next: Next }
  | { kind: 'call_webhook'; url: string; next: Next }
  | { kind: 'create_conversation'; inboxId: string; subject: string; note?: string; next: Next }
);
export type JourneyStepKind = JourneyStep['kind'];

export interface JourneyDefinition {
  entry: JourneyEntry;
  start: string;
  steps: JourneyStep[];
  goal: { eventName: string; withinDays: number; exitOnGoal: boolean } | null;
  exitOnEvent: string | null;
  reentry: 'never' | 'after_exit' | 'always';
  priority: number;
}

export const JOURNEY_STATUSES = ['draft', 'live', 'paused', 'archived'] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export interface Journey {
  id: string;
  name: string;
  description: string;
  status: JourneyStatus;
  definition: JourneyDefinition;
  liveVersion: number | null;
  publishedAt: string | null;
  hasUnpublishedChanges: boolean;
  createdAt: string;
  updatedAt: string;
}

export const TRACE_OUTCOMES = ['entered', 'waited', 'branched', 'sent', 'suppressed', 'deferred', 'updated', 'called', 'created', 'exited', 'converted', 'failed'] as const;
export type TraceOutcome = (typeof TRACE_OUTCOMES)[number];
export interface TraceItem { stepId: string; kind: string; at: string; outcome: TraceOutcome; detail: Record<string, unknown> | null }

export interface JourneyAnalytics {
  totals: { entered: number; active: number; converted: number; exited: number };
  steps: { stepId: string; entered: number; sent: number; suppressed: Record<string, number>; converted: number }[];
}

export interface StepProblem { stepId: string | null; message: string }

export interface TemplateOption { id: string; name: string; channel: string; builtIn: boolean; locales: string[] }
export interface SegmentOption { id: string; name: string; memberCount: number; kind: 'dynamic' | 'manual' }
export interface PromptOption { id: string; name: string; kind: 'banner' | 'modal' | 'tooltip'; status: string }
export interface SurveyOption { id: string; name: string; kind: 'csat' | 'nps' | 'ces'; status: string }

const accountPath = (accountId: string, rest: string) => `/accounts/${encodeURIComponent(accountId)}${rest}`;
const journeyPath = (accountId: string, journeyId: string, rest = '') => accountPath(accountId, `/journeys/${encodeURIComponent(journeyId)}${rest}`);

export function listJourneys(accountId: string, signal?: AbortSignal): Promise<{ journeys: Journey[] }> {
  return requestJson('GET', accountPath(accountId, '/journeys'), { signal });
}

export function createJourney(accountId: string, input: { name: string; description?: string; definition: JourneyDefinition }): Promise<Journey> {
  return requestJson('POST', accountPath(accountId, '/journeys'), { body: input });
}

export function getJourney(accountId: string, journeyId: string, signal?: AbortSignal): Promise<Journey> {
  return requestJson('GET', journeyPath(accountId, journeyId), { signal });
}

/** Edits the draft; a live journey keeps running its published version until the next publish. */
export function updateJourney(accountId: string, journeyId: string, changes: { name?: string; description?: string; definition?: JourneyDefinition }): Promise<Journey> {
  return requestJson('PATCH', journeyPath(accountId, journeyId), { body: changes });
}

export function deleteJourney(accountId: string, journeyId: string): Promise<void> {
  return requestJson('DELETE', journeyPath(accountId, journeyId));
}

export function publishJourney(accountId: string, journeyId: string): Promise<Journey> {
  return requestJson('POST', journeyPath(accountId, journeyId, '/publish'));
}

export function pauseJourney(accountId: string, journeyId: string): Promise<Journey> {
  return requestJson('POST', journeyPath(accountId, journeyId, '/pause'));
}

export function testJourney(accountId: string, journeyId: string, contactId: string): Promise<{ trace: TraceItem[] }> {
  return requestJson('POST', journeyPath(accountId, journeyId, '/test'), { body: { contactId } });
}

export function getJourneyAnalytics(accountId: string, journeyId: string, range: { from: string; to: string }, signal?: AbortSignal): Promise<JourneyAnalytics> {
  const query = `?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
  return requestJson('GET', journeyPath(accountId, journeyId, `/analytics${query}`), { signal });
}

export function listTemplateOptions(accountId: string, signal?: AbortSignal): Promise<{ templates: TemplateOption[] }> {
  return requestJson('GET', accountPath(accountId, '/message-templates'), { signal });
}

export function listSegmentOptions(accountId: string, signal?: AbortSignal): Promise<{ segments: SegmentOption[] }> {
  return requestJson('GET', accountPath(accountId, '/segments'), { signal });
}

export function listPromptOptions(accountId: string, signal?: AbortSignal): Promise<{ prompts: PromptOption[] }> {
  return requestJson('GET', accountPath(accountId, '/prompts'), { signal });
}

export function listSurveyOptions(accountId: string, signal?: AbortSignal): Promise<{ surveys: SurveyOption[] }> {
  return requestJson('GET', accountPath(accountId, '/surveys'), { signal });
}

/** The per-step problems of a 422 from publish (`errors: [{ stepId, message }]`); empty for any other error. */
export function readStepProblems(error: unknown): StepProblem[] {
  if (!isApiError(error) || error.status !== 422) return [];
  const errors = error.problem.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const record = item as Record<string, unknown>;
    if (typeof record.message !== 'string') return [];
    return [{ stepId: typeof record.stepId === 'string' ? record.stepId : null, message: record.message }];
  });
}
