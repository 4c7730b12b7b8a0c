import type { Database } from '@touchpoint/db';
import { createJourney, type JourneyDefinition, pauseJourney, publishJourney } from '@touchpoint/journeys';

/** Ids of the records other demo files create, which the journeys send or show. */
export interface DemoJourneyRefs {
  welcomeTemplateId: string;
  nudgeTemplateId: string;
  thankYouTemplateId: string;
  winBackTemplateId: string;
  firstOrderPromptId: string;
  csatSurveyId: string;
  lapsedSegmentId: string;
  emailInboxId: string;
}

export interface DemoJourneyIds {
  onboarding: string;
  thankYou: string;
  repeat: string;
  winBack: string;
}

/** Where the n-th step of a column sits on the builder's canvas. */
const at = (row: number, x = 0) => ({ x, y: row * 140 });

/**
 * The demo's journeys, all four on the touchpoint map with their history:
 * - Onboarding (live): a new customer enters when the shop's site tracks `signed_up`: welcome email, wait 2 days,
 *   ordered? → the first-order thank-you prompt and a CSAT survey : a tips email;
 * - Thank you for your order (live): the personalized thank-you email after every order;
 * - Repeat customers (live): on a third order, mark the profile and open a conversation for a personal thank-you;
 * - Win-back (paused): the win-back email to customers who enter the "Lapsed: not seen in 60 days" segment.
 */
export async function loadDemoJourneys(db: Database, accountId: string, refs: DemoJourneyRefs): Promise<DemoJourneyIds> {
  const base = { exitOnEvent: null, reentry: 'never' as const };
  const onboarding = await createJourney(db, accountId, {
    name: 'Onboarding',
    description: 'Welcome new customers, thank those who order, nudge those who have not.',
    definition: {
      ...base,
      entry: { kind: 'event', eventName: 'signed_up' },
      start: 'welcome',
      steps: [
        { id: 'welcome', name: 'Welcome email', kind: 'send_message', channel: 'email', templateId: refs.welcomeTemplateId, next: 'wait_2_days', position: at(0) },
        { id: 'wait_2_days', name: 'Wait 2 days', kind: 'wait_duration', seconds: 2 * 24 * 3600, next: 'has_ordered', position: at(1) },
        { id: 'has_ordered', name: 'Has ordered?', kind: 'branch', condition: { kind: 'event', name: 'order.placed', operator: 'gte', count: 1 }, yes: 'thank_you', no: 'nudge', position: at(2) },
        { id: 'thank_you', name: 'Thank-you prompt', kind: 'show_prompt', promptId: refs.firstOrderPromptId, next: 'csat', position: at(3, -200) },
        { id: 'csat', name: 'How was it?', kind: 'send_survey', surveyId: refs.csatSurveyId, channel: 'email', next: null, position: at(4, -200) },
        { id: 'nudge', name: 'Tips email', kind: 'send_message', channel: 'email', templateId: refs.nudgeTemplateId, next: null, position: at(3, 200) },
      ],
      goal: { eventName: 'order.placed', withinDays: 14, exitOnGoal: false },
      priority: 60,
    } satisfies JourneyDefinition,
  });
  const thankYou = await createJourney(db, accountId, {
    name: 'Thank you for your order',
    description: 'The personalized thank-you email, in the customer’s language, after every order.',
    definition: {
      ...base,
      entry: { kind: 'event', eventName: 'order.placed' },
      start: 'thank_you',
      steps: [{ id: 'thank_you', name: 'Thank-you email', kind: 'send_message', channel: 'email', templateId: refs.thankYouTemplateId, next: null, position: at(0) }],
      goal: null,
      reentry: 'always',
      priority: 80,
    } satisfies JourneyDefinition,
  });
  const repeat = await createJourney(db, accountId, {
    name: 'Repeat customers',
    description: 'A personal thank-you from the team on a customer’s third order.',
    definition: {
      ...base,
      entry: { kind: 'event', eventName: 'order.placed' },
      start: 'third_order',
      steps: [
        { id: 'third_order', name: '3 orders or more?', kind: 'branch', condition: { kind: 'event', name: 'order.placed', operator: 'gte', count: 3 }, yes: 'mark_loyal', no: null, position: at(0) },
        { id: 'mark_loyal', name: 'Mark as loyal', kind: 'update_attribute', key: 'attributes.loyalty', value: 'repeat', next: 'thank_personally', position: at(1) },
        { id: 'thank_personally', name: 'Thank them personally', kind: 'create_conversation', inboxId: refs.emailInboxId, subject: 'Thank a repeat customer', note: 'Third order or more: write them a personal thank-you.', next: null, position: at(2) },
      ],
      goal: null,
      priority: 40,
    } satisfies JourneyDefinition,
  });
  const winBack = await createJourney(db, accountId, {
    name: 'Win-back',
    description: 'A friendly note, no pressure, to customers who have not ordered in a while.',
    definition: {
      ...base,
      entry: { kind: 'segment_entered', segmentId: refs.lapsedSegmentId },
      start: 'we_miss_you',
      steps: [{ id: 'we_miss_you', name: 'We miss you', kind: 'send_message', channel: 'email', templateId: refs.winBackTemplateId, next: null, position: at(0) }],
      goal: { eventName: 'order.placed', withinDays: 30, exitOnGoal: true },
      priority: 20,
    } satisfies JourneyDefinition,
  });
  for (const journey of [onboarding, thankYou, repeat, winBack]) await publishJourney(db, accountId, journey.id);
  await pauseJourney(db, accountId, winBack.id);
  return { onboarding: onboarding.id, thankYou: thankYou.id, repeat: repeat.id, winBack: winBack.id };
}
