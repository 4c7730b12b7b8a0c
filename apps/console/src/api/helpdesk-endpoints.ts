import { buildQuery, requestJson } from './client.ts';

/** Helpdesk configuration: labels, canned replies, custom statuses, teams, business hours, SLA policies. */

export interface Label {
  id: string;
  name: string;
  color: string;
}

export interface CannedReply {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  createdAt: string;
}

export type StatusCategory = 'open' | 'pending' | 'resolved';

export interface CustomStatus {
  id: string;
  name: string;
  category: StatusCategory;
  position: number;
}

export interface Team {
  id: string;
  name: string;
  description: string;
  businessHoursId: string | null;
  memberCount: number;
  createdAt: string;
  userIds?: string[];
}

/** `[startMinute, endMinute]` after local midnight; weekdays are "0" (Sunday) … "6" (Saturday). */
export type WeeklyHours = Record<string, [number, number][]>;

export interface BusinessHours {
  id: string;
  name: string;
  timeZone: string;
  weekly: WeeklyHours;
  holidays: { date: string; name: string }[];
  createdAt: string;
}

export interface SlaPolicy {
  id: string;
  name: string;
  position: number;
  conditions: { priorities?: string[]; channels?: string[]; labelIds?: string[]; inboxIds?: string[] };
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  businessHoursId: string | null;
  enabled: boolean;
  createdAt: string;
}

export type SlaPolicyInput = Omit<SlaPolicy, 'id' | 'position' | 'createdAt'>;

const accountPath = (accountId: string, rest: string) => `/accounts/${encodeURIComponent(accountId)}${rest}`;
const segment = (id: string) => `/${encodeURIComponent(id)}`;

// Labels

export function listLabels(accountId: string, signal?: AbortSignal): Promise<Label[]> {
  return requestJson('GET', accountPath(accountId, '/labels'), { signal });
}

export function createLabel(accountId: string, label: { name: string; color: string }): Promise<Label> {
  return requestJson('POST', accountPath(accountId, '/labels'), { body: label });
}

export function updateLabel(accountId: string, labelId: string, changes: { name?: string; color?: string }): Promise<Label> {
  return requestJson('PATCH', accountPath(accountId, `/labels${segment(labelId)}`), { body: changes });
}

export function deleteLabel(accountId: string, labelId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/labels${segment(labelId)}`));
}

// Canned replies

export type CannedReplyInput = { shortcut: string; title: string; body: string };

export function listCannedReplies(accountId: string, q: string | null, signal?: AbortSignal): Promise<CannedReply[]> {
  return requestJson('GET', accountPath(accountId, `/canned-replies${buildQuery({ q })}`), { signal });
}

export function createCannedReply(accountId: string, reply: CannedReplyInput): Promise<CannedReply> {
  return requestJson('POST', accountPath(accountId, '/canned-replies'), { body: reply });
}

export function updateCannedReply(accountId: string, cannedReplyId: string, changes: Partial<CannedReplyInput>): Promise<CannedReply> {
  return requestJson('PATCH', accountPath(accountId, `/canned-replies${segment(cannedReplyId)}`), { body: changes });
}

export function deleteCannedReply(accountId: string, cannedReplyId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/canned-replies${segment(cannedReplyId)}`));
}

// Custom statuses

export function listCustomStatuses(accountId: string, signal?: AbortSignal): Promise<CustomStatus[]> {
  return requestJson('GET', accountPath(accountId, '/custom-statuses'), { signal });
}

export function createCustomStatus(accountId: string, status: { name: string; category: StatusCategory }): Promise<CustomStatus> {
  return requestJson('POST', accountPath(accountId, '/custom-statuses'), { body: status });
}

/** The category is fixed once created (the server accepts only name and position). */
export function updateCustomStatus(accountId: string, statusId: string, changes: { name?: string; position?: number }): Promise<CustomStatus> {
  return requestJson('PATCH', accountPath(accountId, `/custom-statuses${segment(statusId)}`), { body: changes });
}

export function deleteCustomStatus(accountId: string, statusId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/custom-statuses${segment(statusId)}`));
}

// Teams

export function listTeams(accountId: string, signal?: AbortSignal): Promise<Team[]> {
  return requestJson('GET', accountPath(accountId, '/teams'), { signal });
}

export function getTeam(accountId: string, teamId: string, signal?: AbortSignal): Promise<Team> {
  return requestJson('GET', accountPath(accountId, `/teams${segment(teamId)}`), { signal });
}

export function createTeam(
  accountId: string,
  team: { name: string; description: string; businessHoursId: string | null; userIds: string[] },
): Promise<Team> {
  return requestJson('POST', accountPath(accountId, '/teams'), { body: team });
}

export function updateTeam(
  accountId: string,
  teamId: string,
  changes: { name?: string; description?: string; businessHoursId?: string | null },
): Promise<Team> {
  return requestJson('PATCH', accountPath(accountId, `/teams${segment(teamId)}`), { body: changes });
}

export function setTeamMembers(accountId: string, teamId: string, userIds: string[]): Promise<Team> {
  return requestJson('PUT', accountPath(accountId, `/teams${segment(teamId)}/members`), { body: { userIds } });
}

export function deleteTeam(accountId: string, teamId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/teams${segment(teamId)}`));
}

// Business hours

export type BusinessHoursInput = Omit<BusinessHours, 'id' | 'createdAt'>;

export function listBusinessHours(accountId: string, signal?: AbortSignal): Promise<BusinessHours[]> {
  return requestJson('GET', accountPath(accountId, '/business-hours'), { signal });
}

export function createBusinessHours(accountId: string, hours: BusinessHoursInput): Promise<BusinessHours> {
  return requestJson('POST', accountPath(accountId, '/business-hours'), { body: hours });
}

export function updateBusinessHours(accountId: string, businessHoursId: string, changes: Partial<BusinessHoursInput>): Promise<BusinessHours> {
  return requestJson('PATCH', accountPath(accountId, `/business-hours${segment(businessHoursId)}`), { body: changes });
}

export function deleteBusinessHours(accountId: string, businessHoursId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/business-hours${segment(businessHoursId)}`));
}

// SLA policies

export function listSlaPolicies(accountId: string, signal?: AbortSignal): Promise<SlaPolicy[]> {
  return requestJson('GET', accountPath(accountId, '/sla-policies'), { signal });
}

export function createSlaPolicy(accountId: string, policy: SlaPolicyInput): Promise<SlaPolicy> {
  return requestJson('POST', accountPath(accountId, '/sla-policies'), { body: policy });
}

export function updateSlaPolicy(accountId: string, policyId: string, changes: Partial<SlaPolicyInput>): Promise<SlaPolicy> {
  return requestJson('PATCH', accountPath(accountId, `/sla-policies${segment(policyId)}`), { body: changes });
}

/** Sets the order policies are tried in: `policyIds` lists every policy once. */
export function reorderSlaPolicies(accountId: string, policyIds: string[]): Promise<SlaPolicy[]> {
  return requestJson('PUT', accountPath(accountId, '/sla-policies/order'), { body: { policyIds } });
}

export function deleteSlaPolicy(accountId: string, policyId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/sla-policies${segment(policyId)}`));
}
