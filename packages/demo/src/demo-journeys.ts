import type { Database } from '@touchpoint/db';
import { createJourney, type JourneyDefinition, publishJourney } from '@touchpoint/journeys';

/** Ids of records other demo files create (templates, prompts, surveys); absent ones leave their journey a draft. */
export interface DemoJourneyRefs {
  welcomeTemplateId?: string | null;
  nudgeTemplateId?: string | null;
  thankYouPromptId?: string | null;
  csatSurveyId?: string | null;
}

/** Stands in for a reference not loaded yet, so the draft is complete in shape; publishing waits for the real id. */
const MISSING = '00000000-0000-4000-8000-000000000000';

/**
 * The demo's journeys: an onboarding journey (new customers enter at 10:00 their time on the day they became a
 * customer: welcome email, wait 2 days, ordered? → thank-you prompt and a CSAT survey : a nudge email), live when the
 * template, prompt and survey ids are given and a draft otherwise; and a live "repeat customer" journey that needs no
 * other domain (order.placed, 3+ orders → mark the profile and open a conversation for the team).
 */
export async function loadDemoJourneys(db: Database, accountId: string, inboxIds: { email: string }, refs: DemoJourneyRefs = {}) {
  const onboarding: JourneyDefinition = {
    entry: { kind: 'date_attribute', attribute: 'createdAt', offsetDays: 0, atLocalTime: '10:00', everyYear: false },
    start: 'welcome',
    steps: [
      { id: 'welcome', name: 'Welcome email', kind: 'send_message', channel: 'email', templateId: refs.welcomeTemplateId ?? MISSING, next: 'wait_2_days', position: { x: 0, y: 0 } },
      { id: 'wait_2_days', name: 'Wait 2 days', kind: 'wait_duration', seconds: 2 * 24 * 3600, next: 'has_ordered', position: { x: 0, y: 140 } },
      { id: 'has_ordered', name: 'Has ordered?', kind: 'branch', condition: { kind: 'event', name: 'order.placed', operator: 'gte', count: 1 }, yes: 'thank_you', no: 'nudge', position: { x: 0, y: 280 } },
      { id: 'thank_you', name: 'Thank-you prompt', kind: 'show_prompt', promptId: refs.thankYouPromptId ?? MISSING, next: 'csat', position: { x: -200, y: 420 } },
      { id: 'csat', name: 'How was it?', kind: 'send_survey', surveyId: refs.csatSurveyId ?? MISSING, channel: 'email', next: null, position: { x: -200, y: 560 } },
      { id: 'nudge', name: 'Nudge email', kind: 'send_message', channel: 'email', templateId: refs.nudgeTemplateId ?? MISSING, next: null, position: { x: 200, y: 420 } },
    ],
    goal: { eventName: 'order.placed', withinDays: 14, exitOnGoal: false },
    exitOnEvent: null,
    reentry: 'never',
    priority: 60,
  };
  const created = await createJourney(db, accountId, { name: 'Onboarding', description: 'Welcome new customers, thank those who order, nudge those who have not.', definition: onboarding });
  if (refs.welcomeTemplateId && refs.nudgeTemplateId && refs.thankYouPromptId && refs.csatSurveyId) await publishJourney(db, accountId, created.id);

  const repeat: JourneyDefinition = {
    entry: { kind: 'event', eventName: 'order.placed' },
    start: 'third_order',
    steps: [
      { id: 'third_order', name: '3 orders or more?', kind: 'branch', condition: { kind: 'event', name: 'order.placed', operator: 'gte', count: 3 }, yes: 'mark_loyal', no: null, position: { x: 0, y: 0 } },
      { id: 'mark_loyal', name: 'Mark as loyal', kind: 'update_attribute', key: 'attributes.loyalty', value: 'repeat', next: 'thank_personally', position: { x: 0, y: 140 } },
      { id: 'thank_personally', name: 'Thank them personally', kind: 'create_conversation', inboxId: inboxIds.email, subject: 'Thank a repeat customer', note: 'Third order or more: write them a personal thank-you.', next: null, position: { x: 0, y: 280 } },
    ],
    goal: null,
    exitOnEvent: null,
    reentry: 'never',
    priority: 40,
  };
  const loyal = await createJourney(db, accountId, { name: 'Repeat customers', description: 'A personal thank-you from the team on a customer’s third order.', definition: repeat });
  await publishJourney(db, accountId, loyal.id);
}
