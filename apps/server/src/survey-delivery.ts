import { and, eq } from 'drizzle-orm';
import type { OutreachPort, OutreachResult } from '@touchpoint/core';
import { describeCommunicationConsent } from '@touchpoint/customers';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { type Database, schema } from '@touchpoint/db';
import type { Mailer } from '@touchpoint/mailer';
import { composeSurveyEmail, deliverDueSurveyRequests } from '@touchpoint/surveys';
import type { Services } from './services.ts';

/**
 * Until @touchpoint/outreach is merged: survey invitations go straight to the mailer, never to a contact who said no
 * to email (consent) or has no address; each outcome lands on the timeline as `message.sent`/`message.suppressed`.
 * At merge the lead passes the real `OutreachPort` (caps, quiet hours, control group) instead.
 */
export function createMailOnlyOutreach(db: Database, mailer: Mailer): Pick<OutreachPort, 'send'> {
  return {
    async send(request): Promise<OutreachResult> {
      const [contact] = await db.select({ email: schema.contacts.email }).from(schema.contacts).where(and(eq(schema.contacts.accountId, request.accountId), eq(schema.contacts.id, request.contactId)));
      const consent = await describeCommunicationConsent(db, request.accountId, request.contactId);
      const reason = !contact?.email ? 'no_address' : consent.consent.email?.granted === false ? 'no_consent' : !mailer.enabled ? 'channel_unavailable' : null;
      const outcome = { contactId: request.contactId, kind: 'system' as const, source: 'system' as const, touchpoint: request.touchpoint, messageId: `outreach:${request.dedupeKey}` };
      if (reason) {
        await recordCustomerEvents(db, request.accountId, [{ ...outcome, name: 'message.suppressed', properties: { channel: 'email', reason } }]);
        return { status: 'suppressed', reason, detail: reason };
      }
      const sent = await db.transaction((tx) => recordCustomerEvents(tx, request.accountId, [{ ...outcome, name: 'message.sent', properties: { channel: 'email', subject: request.content.subject ?? null } }]));
      if (sent.length === 0) return { status: 'duplicate' };
      const { messageId } = await mailer.send({ to: contact!.email!, subject: request.content.subject ?? '', text: request.content.text, html: request.content.html ?? request.content.text });
      return { status: 'sent', messageId };
    },
  };
}

/** The scheduled job's work: opens due survey asks and emails the invitations (links need PUBLIC_URL). */
export function deliverDueSurveys(services: Services, outreach: Pick<OutreachPort, 'send'> = createMailOnlyOutreach(services.db, services.mailer)) {
  const base = services.config.publicUrl;
  return deliverDueSurveyRequests(services.db, {
    outreach,
    surveyUrl: (token, score) => (base ? new URL(`/s/${token}${score === undefined ? '' : `?score=${score}`}`, base).toString() : null),
    composeEmail: composeSurveyEmail,
  });
}
