import { requestJson } from './client.ts';

/** The condition shapes of packages/core/src/experience.ts, as the console edits them. */
export type AttributeOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'exists' | 'not_exists' | 'before_days_ago' | 'within_days';
export type CountOperator = 'gte' | 'lte' | 'eq';
export type PropertyOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains';
export type SurveyKind = 'csat' | 'nps' | 'ces';
export type Scalar = string | number | boolean;

export interface AttributeCondition { kind: 'attribute'; key: string; operator: AttributeOperator; value?: Scalar }
export interface EventCondition {
  kind: 'event';
  name: string;
  operator: CountOperator;
  count: number;
  withinDays?: number;
  distinctProperty?: string;
  where?: { property: string; operator: PropertyOperator; value: Scalar }[];
}
export interface SurveyCondition { kind: 'survey'; survey: SurveyKind; match: 'latest' | 'any'; operator: 'eq' | 'gte' | 'lte' | 'answered' | 'not_answered'; score?: number; withinDays?: number }
export interface SegmentMembershipCondition { kind: 'segment'; segmentId: string; member: boolean }
export interface ConditionGroup { kind: 'all' | 'any'; conditions: Condition[] }
export type Condition = AttributeCondition | EventCondition | SurveyCondition | SegmentMembershipCondition | ConditionGroup;

export type SegmentKind = 'dynamic' | 'manual';
export interface SegmentSummary {
  id: string;
  name: string;
  description: string;
  kind: SegmentKind;
  memberCount: number;
  build: { status: 'building' | 'ready'; done: number; total: number };
  createdAt: string;
  updatedAt: string;
}
export interface SegmentDetail extends SegmentSummary {
  condition: Condition | null;
  dependencies: string[];
}
export interface SegmentMember { contactId: string; name: string; email: string | null; phone: string | null; enteredAt: string }
export interface SegmentPreview { count: number; total: number; sample: { contactId: string; name: string; email: string | null }[] }

const base = (accountId: string, path = '') => `/accounts/${encodeURIComponent(accountId)}/segments${path}`;

export function listSegments(accountId: string, signal?: AbortSignal): Promise<{ segments: SegmentSummary[] }> {
  return requestJson('GET', base(accountId), { signal });
}

export function getSegment(accountId: string, segmentId: string, signal?: AbortSignal): Promise<SegmentDetail> {
  return requestJson('GET', base(accountId, `/${encodeURIComponent(segmentId)}`), { signal });
}

export function createSegment(accountId: string, body: { name: string; description?: string; kind: SegmentKind; condition?: Condition | null }): Promise<SegmentDetail> {
  return requestJson('POST', base(accountId), { body });
}

export function updateSegment(accountId: string, segmentId: string, body: { name?: string; description?: string; condition?: Condition }): Promise<SegmentDetail> {
  return requestJson('PATCH', base(accountId, `/${encodeURIComponent(segmentId)}`), { body });
}

export function deleteSegment(accountId: string, segmentId: string): Promise<void> {
  return requestJson('DELETE', base(accountId, `/${encodeURIComponent(segmentId)}`));
}

export function previewSegment(accountId: string, condition: Condition, signal?: AbortSignal): Promise<SegmentPreview> {
  return requestJson('POST', base(accountId, '/preview'), { body: { condition }, signal });
}

export function listSegmentMembers(accountId: string, segmentId: string, options: { search?: string; after?: string | null; limit?: number }, signal?: AbortSignal): Promise<{ members: SegmentMember[]; nextCursor: string | null }> {
  const query = new URLSearchParams();
  if (options.search) query.set('search', options.search);
  if (options.after) query.set('after', options.after);
  query.set('limit', String(options.limit ?? 50));
  return requestJson('GET', base(accountId, `/${encodeURIComponent(segmentId)}/members?${query}`), { signal });
}

export function removeSegmentMember(accountId: string, segmentId: string, contactId: string): Promise<{ removed: boolean }> {
  return requestJson('DELETE', base(accountId, `/${encodeURIComponent(segmentId)}/members/${encodeURIComponent(contactId)}`));
}

export function addSegmentMember(accountId: string, segmentId: string, contactId: string): Promise<{ added: boolean }> {
  return requestJson('PUT', base(accountId, `/${encodeURIComponent(segmentId)}/members/${encodeURIComponent(contactId)}`));
}

export function segmentMembersCsvUrl(accountId: string, segmentId: string): string {
  return `/api/v1${base(accountId, `/${encodeURIComponent(segmentId)}/members.csv`)}`;
}
