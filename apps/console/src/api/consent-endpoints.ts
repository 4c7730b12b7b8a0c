import { requestJson } from './client.ts';

export type ConsentChannel = 'email' | 'sms' | 'whatsapp' | 'messenger';
export type ConsentState = { granted: boolean; at: string; source: string } | null;

export interface ContactConsent {
  consent: Record<ConsentChannel, ConsentState>;
  history: { channel: string; granted: boolean; source: string; at: string }[];
}

/** The customer's communication preferences (docs/portal.md#communication-preferences-consent). */
export function getContactConsent(accountId: string, contactId: string, signal?: AbortSignal): Promise<ContactConsent> {
  return requestJson('GET', `/accounts/${encodeURIComponent(accountId)}/contacts/${encodeURIComponent(contactId)}/consent`, { signal });
}
