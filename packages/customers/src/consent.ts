import { and, desc, eq } from 'drizzle-orm';
import { notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';

/** The channels a customer can agree (or refuse) to be contacted on. */
export const CONSENT_CHANNELS = ['email', 'sms', 'whatsapp', 'messenger'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CONSENT_SOURCES = ['portal', 'agent', 'api', 'import'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export interface ConsentState {
  granted: boolean;
  at: string;
  source: string;
}

export type CommunicationConsent = Record<ConsentChannel, ConsentState | null>;

/** Every channel with its latest answer, null where the customer was never asked. */
export function presentConsent(stored: Record<string, ConsentState>): CommunicationConsent {
  return Object.fromEntries(CONSENT_CHANNELS.map((channel) => [channel, stored[channel] ?? null])) as CommunicationConsent;
}

/**
 * Records the customer's answer per channel (only the channels named; an unchanged answer is not recorded again):
 * the latest on the contact, each change in contact_consent_changes with its time and source.
 */
export async function setCommunicationConsent(db: Database, accountId: string, contactId: string, changes: Partial<Record<ConsentChannel, boolean>>, source: ConsentSource, now = new Date()) {
  const unknown = Object.keys(changes).filter((channel) => !(CONSENT_CHANNELS as readonly string[]).includes(channel));
  if (unknown.length > 0) throw validationFailed(unknown.map((channel) => ({ path: channel, message: `is not a channel (one of ${CONSENT_CHANNELS.join(', ')})` })));
  return db.transaction(async (tx) => {
    const [contact] = await tx
      .select({ consent: schema.contacts.communicationConsent })
      .from(schema.contacts)
      .where(and(eq(schema.contacts.accountId, accountId), eq(schema.contacts.id, contactId)))
      .for('update');
    if (!contact) throw notFound('contact');
    const next = { ...contact.consent };
    const changed = (Object.entries(changes) as [ConsentChannel, boolean][]).filter(([channel, granted]) => next[channel]?.granted !== granted);
    if (changed.length === 0) return presentConsent(next);
    for (const [channel, granted] of changed) next[channel] = { granted, at: now.toISOString(), source };
    await tx.update(schema.contacts).set({ communicationConsent: next, updatedAt: now }).where(eq(schema.contacts.id, contactId));
    await tx.insert(schema.contactConsentChanges).values(changed.map(([channel, granted]) => ({ accountId, contactId, channel, granted, source, createdAt: now })));
    await recordEvents(tx, [{ type: 'contact.updated', accountId, payload: { contactId, fields: ['communicationConsent'] }, audience: { kind: 'account' } }]);
    return presentConsent(next);
  });
}

/**
 * Whether a message the business starts (not an answer to the customer) may go to this contact on `channel`: not
 * when the customer said no. A channel never asked about is allowed, as before consent was recorded; sends that
 * need an explicit yes (marketing) should test `granted === true` themselves.
 */
export async function mayContactOn(db: Database, accountId: string, contactId: string, channel: ConsentChannel): Promise<boolean> {
  const [contact] = await db
    .select({ consent: schema.contacts.communicationConsent })
    .from(schema.contacts)
    .where(and(eq(schema.contacts.accountId, accountId), eq(schema.contacts.id, contactId)));
  return contact?.consent[channel]?.granted !== false;
}

/** A contact's consent per channel and every change, newest first (up to 200), for agents and the API. */
export async function describeCommunicationConsent(db: Database, accountId: string, contactId: string) {
  const [contact] = await db
    .select({ consent: schema.contacts.communicationConsent })
    .from(schema.contacts)
    .where(and(eq(schema.contacts.accountId, accountId), eq(schema.contacts.id, contactId)));
  if (!contact) throw notFound('contact');
  const changes = await db
    .select()
    .from(schema.contactConsentChanges)
    .where(and(eq(schema.contactConsentChanges.accountId, accountId), eq(schema.contactConsentChanges.contactId, contactId)))
    .orderBy(desc(schema.contactConsentChanges.createdAt), desc(schema.contactConsentChanges.id))
    .limit(200);
  return {
    consent: presentConsent(contact.consent),
    history: changes.map((change) => ({ channel: change.channel, granted: change.granted, source: change.source, at: change.createdAt.toISOString() })),
  };
}
