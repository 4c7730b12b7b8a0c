import { requestJson } from './client.ts';
import type { AttributeValue, ContactProfile } from './types.ts';

export const SOCIAL_NETWORKS = ['instagram', 'facebook', 'whatsapp', 'x', 'line', 'wechat'] as const;

/** Columns a CSV header can be mapped to (besides `attr.<key>`); the server's import understands exactly these. */
export const IMPORT_COLUMNS = ['name', 'email', 'phone', 'locale', 'time_zone', 'company'] as const;

export interface ContactInput {
  name?: string;
  email?: string | null;
  phone?: string | null;
  otherEmails?: string[];
  otherPhones?: string[];
  socialHandles?: Record<string, string>;
  locale?: string | null;
  timeZone?: string | null;
  companyId?: string | null;
  /** Merged into the contact's attributes; `null` removes one. */
  attributes?: Record<string, AttributeValue | null>;
}

export interface ContactNote {
  id: string;
  body: string;
  author: { id: string; name: string } | null;
  createdAt: string;
}

export interface Company {
  id: string;
  name: string;
  domain: string | null;
  contactCount: number;
  createdAt: string;
}

export interface MergedContact extends ContactProfile {
  moved: { conversations: number; orders: number; notes: number };
}

export interface ContactImport {
  id: string;
  fileName: string;
  status: 'running' | 'completed' | 'failed';
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  skipped: number;
  /** `row` is the line in the file; the header is line 1. The first 500 are kept. */
  errors: { row: number; message: string }[];
  createdAt: string;
  finishedAt: string | null;
}

const contactsPath = (accountId: string, rest = '') => `/accounts/${encodeURIComponent(accountId)}/contacts${rest}`;
const segment = (id: string) => `/${encodeURIComponent(id)}`;

export function createContact(accountId: string, contact: ContactInput & { name: string }): Promise<ContactProfile> {
  return requestJson('POST', contactsPath(accountId), { body: contact });
}

export function updateContact(accountId: string, contactId: string, changes: ContactInput): Promise<ContactProfile> {
  return requestJson('PATCH', contactsPath(accountId, segment(contactId)), { body: changes });
}

export function deleteContact(accountId: string, contactId: string): Promise<void> {
  return requestJson('DELETE', contactsPath(accountId, segment(contactId)));
}

/** Merges `duplicateId` into `keptId`: the duplicate's conversations, orders and notes move to the kept contact. */
export function mergeContacts(accountId: string, keptId: string, duplicateId: string): Promise<MergedContact> {
  return requestJson('POST', contactsPath(accountId, `${segment(keptId)}/merge`), { body: { duplicateId } });
}

export function listContactNotes(accountId: string, contactId: string, signal?: AbortSignal): Promise<{ items: ContactNote[] }> {
  return requestJson('GET', contactsPath(accountId, `${segment(contactId)}/notes`), { signal });
}

export function addContactNote(accountId: string, contactId: string, body: string): Promise<ContactNote> {
  return requestJson('POST', contactsPath(accountId, `${segment(contactId)}/notes`), { body: { body } });
}

export function deleteContactNote(accountId: string, contactId: string, noteId: string): Promise<void> {
  return requestJson('DELETE', contactsPath(accountId, `${segment(contactId)}/notes${segment(noteId)}`));
}

export function listCompanies(accountId: string, signal?: AbortSignal): Promise<{ items: Company[] }> {
  return requestJson('GET', `/accounts/${encodeURIComponent(accountId)}/companies`, { signal });
}

export function createCompany(accountId: string, company: { name: string; domain?: string | null }): Promise<Company> {
  return requestJson('POST', `/accounts/${encodeURIComponent(accountId)}/companies`, { body: company });
}

export function updateCompany(accountId: string, companyId: string, changes: { name?: string; domain?: string | null }): Promise<Company> {
  return requestJson('PATCH', `/accounts/${encodeURIComponent(accountId)}/companies${segment(companyId)}`, { body: changes });
}

export function startContactImport(accountId: string, upload: { fileName: string; csv: string; mapping?: Record<string, string> }): Promise<ContactImport> {
  return requestJson('POST', contactsPath(accountId, '/imports'), { body: upload });
}

export function getContactImport(accountId: string, importId: string, signal?: AbortSignal): Promise<ContactImport> {
  return requestJson('GET', contactsPath(accountId, `/imports${segment(importId)}`), { signal });
}

/** A plain link (the session cookie authenticates it): the browser downloads the streamed CSV itself. */
export function contactsExportUrl(accountId: string): string {
  return `/api/v1${contactsPath(accountId, '/export.csv')}`;
}

/** Kinds of timeline items (GET …/contacts/:id/timeline); message, prompt, survey and event items are customer events. */
export const TIMELINE_KINDS = ['conversation', 'order', 'return', 'note', 'message', 'prompt', 'survey', 'event'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One item of a contact's timeline; which optional fields are present depends on `kind` (see the API reference). */
export interface TimelineEntry {
  kind: TimelineKind;
  id: string;
  at: string;
  summary: string;
  number?: string;
  status?: string;
  subject?: string;
  inboxId?: string;
  channel?: string | null;
  totalMinor?: number;
  currency?: string;
  stepId?: string;
  orderId?: string;
  orderNumber?: string;
  actorName?: string | null;
  note?: string | null;
  name?: string;
  eventType?: string;
  touchpoint?: { kind: string; id: string | null; stepId: string | null } | null;
  reason?: string | null;
  properties?: Record<string, unknown>;
}

export interface TimelinePage {
  items: TimelineEntry[];
  nextCursor: string | null;
}

/** One page of the contact's timeline, newest first; `before` is the previous page's `nextCursor`. */
export function listContactTimeline(
  accountId: string,
  contactId: string,
  options: { before?: string | null; limit?: number; kinds?: readonly TimelineKind[] } = {},
  signal?: AbortSignal,
): Promise<TimelinePage> {
  const query = new URLSearchParams();
  if (options.limit) query.set('limit', String(options.limit));
  if (options.before) query.set('before', options.before);
  if (options.kinds && options.kinds.length > 0) query.set('kinds', options.kinds.join(','));
  const search = query.toString() ? `?${query.toString()}` : '';
  return requestJson('GET', contactsPath(accountId, `${segment(contactId)}/timeline${search}`), { signal });
}
