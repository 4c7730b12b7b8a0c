import type { OutreachPort } from '@touchpoint/core';
import { composeSurveyEmail, deliverDueSurveyRequests } from '@touchpoint/surveys';
import type { Services } from './services.ts';

/**
 * Opens due survey asks and emails the invitations through outreach (consent, caps, quiet hours, control group;
 * links need PUBLIC_URL): the scheduled job's work, and a journey's survey step's right away.
 */
export function deliverDueSurveys(services: Services, outreach: Pick<OutreachPort, 'send'>) {
  const base = services.config.publicUrl;
  return deliverDueSurveyRequests(services.db, {
    outreach,
    surveyUrl: (token, score) => (base ? new URL(`/s/${token}${score === undefined ? '' : `?score=${score}`}`, base).toString() : null),
    composeEmail: composeSurveyEmail,
  });
}
