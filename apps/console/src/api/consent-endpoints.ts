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

/** A one-time link into the customer portal as this contact, valid for 2 minutes; admins only, audited. */
export function openPortalAsContact(accountId: string, contactId: string): Promise<{ url: string; expiresAt: string }> {
  return requestJson('POST', `/accounts/${encodeURIComponent(accountId)}/contacts/${encodeURIComponent(contactId)}/portal-link`);
}
