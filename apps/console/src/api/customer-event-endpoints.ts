import { requestJson } from './client.ts';

export interface ContactTraits {
  eventCount: number;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  orderCount: number;
  lifetimeValue: { currency: string; amountMinor: number }[];
  lastOrderAt: string | null;
}

export interface CustomerEvent {
  id: string;
  kind: 'track' | 'identify' | 'page' | 'alias' | 'system';
  name: string;
  properties: Record<string, unknown>;
  touchpoint: { kind: string; id: string | null; stepId: string | null } | null;
  source: string;
  occurredAt: string;
}

export interface ContactMerge {
  id: string;
  duplicateId: string;
  duplicateName: string;
  mergedAt: string;
  undoneAt: string | null;
  moved: Record<string, number>;
}

const contactPath = (accountId: string, contactId: string, rest: string) => `/accounts/${encodeURIComponent(accountId)}/contacts/${encodeURIComponent(contactId)}${rest}`;

export function getContactTraits(accountId: string, contactId: string, signal?: AbortSignal): Promise<ContactTraits> {
  return requestJson('GET', contactPath(accountId, contactId, '/traits'), { signal });
}

export function listContactEvents(accountId: string, contactId: string, before: string | null, signal?: AbortSignal): Promise<{ events: CustomerEvent[]; nextBefore: string | null }> {
  return requestJson('GET', contactPath(accountId, contactId, `/events${before ? `?before=${encodeURIComponent(before)}` : ''}`), { signal });
}

export function listContactMerges(accountId: string, contactId: string, signal?: AbortSignal): Promise<{ merges: ContactMerge[] }> {
  return requestJson('GET', contactPath(accountId, contactId, '/merges'), { signal });
}

export function undoContactMerge(accountId: string, contactId: string, mergeId: string): Promise<{ duplicateId: string }> {
  return requestJson('POST', contactPath(accountId, contactId, `/merges/${encodeURIComponent(mergeId)}/undo`));
}
