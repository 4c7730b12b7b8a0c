import { requestJson } from './client.ts';

export type PromptKind = 'banner' | 'modal' | 'tooltip';
export type PromptStatus = 'draft' | 'live' | 'paused';
export type PromptLocale = 'en' | 'ja' | 'zh';
export interface PromptContent { title: string; body: string; ctaLabel?: string | null; imageUrl?: string | null }
export type PromptAction = { kind: 'url'; url: string } | { kind: 'open_chat' } | { kind: 'dismiss' };

export interface PromptFields {
  name: string;
  kind: PromptKind;
  placement: 'top' | 'bottom';
  anchorSelector: string | null;
  status: PromptStatus;
  content: Partial<Record<PromptLocale, PromptContent>>;
  action: PromptAction;
  triggerEvent: string | null;
  triggerFirstOnly: boolean;
  segmentId: string | null;
  surfaces: 'widget' | 'portal' | 'both';
  frequency: 'once' | 'every_n_days' | 'every_time';
  frequencyDays: number | null;
  startsAt: string | null;
  endsAt: string | null;
  priority: number;
  pendingMinutes: number;
}

export interface Prompt extends PromptFields {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface PromptStats { triggered: number; shown: number; clicked: number; dismissed: number; clickRate: number }

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/prompts`;

/** In-app prompts (docs/prompts.md): list with figures, one, create, change (status pauses/resumes), delete. */
export function listPrompts(accountId: string, signal?: AbortSignal): Promise<{ prompts: (Prompt & { stats: PromptStats })[] }> {
  return requestJson('GET', base(accountId), { signal });
}

export function getPrompt(accountId: string, promptId: string, signal?: AbortSignal): Promise<Prompt> {
  return requestJson('GET', `${base(accountId)}/${encodeURIComponent(promptId)}`, { signal });
}

export function createPrompt(accountId: string, fields: PromptFields): Promise<Prompt> {
  return requestJson('POST', base(accountId), { body: fields });
}

export function updatePrompt(accountId: string, promptId: string, fields: Partial<PromptFields>): Promise<Prompt> {
  return requestJson('PATCH', `${base(accountId)}/${encodeURIComponent(promptId)}`, { body: fields });
}

export function deletePrompt(accountId: string, promptId: string): Promise<void> {
  return requestJson('DELETE', `${base(accountId)}/${encodeURIComponent(promptId)}`);
}

/** Shows the prompt to one customer now, whatever its status and rules (admins). */
export function sendPromptNow(accountId: string, promptId: string, contactId: string): Promise<{ status: 'queued' | 'skipped'; deliveryId?: string }> {
  return requestJson('POST', `${base(accountId)}/${encodeURIComponent(promptId)}/send`, { body: { contactId } });
}

/** Segments to target (the segments helper's list endpoint). */
export function listSegmentsForPrompts(accountId: string, signal?: AbortSignal): Promise<{ segments: { id: string; name: string }[] }> {
  return requestJson('GET', `/accounts/${encodeURIComponent(accountId)}/segments`, { signal });
}
