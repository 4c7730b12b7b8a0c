import type { OutreachPort } from '@touchpoint/core';
import { composeSurveyEmail, deliverDueSurveyRequests } from '@touchpoint/surveys';
import { backgroundBaseUrl } from './http/public-url.ts';
import type { Services } from './services.ts';

/**
 * Opens due survey asks and emails the invitations through outreach (consent, caps, quiet hours, control group;
 * links on PUBLIC_URL, else localhost): the scheduled job's work over every account, or with `requestId` one ask
 * only (a journey's survey step sends its own right away).
 */
export function deliverDueSurveys(services: Services, outreach: Pick<OutreachPort, 'send'>, requestId?: string) {
  const base = backgroundBaseUrl(services.config);
  return deliverDueSurveyRequests(services.db, {
    outreach,
    surveyUrl: (token, score) => new URL(`/s/${token}${score === undefined ? '' : `?score=${score}`}`, base).toString(),
    composeEmail: composeSurveyEmail,
  }, new Date(), 100, requestId);
}
