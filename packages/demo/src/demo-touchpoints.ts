import type { SurveyAnsweredProperties, TouchpointRef } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';

/**
 * Ninety days of customer_events history for the demo account, so the touchpoint map, a customer's journey and the
 * service-investment panel have figures on `npm start`. Deterministic (one seeded generator), written as one multi-row
 * insert straight into customer_events: history is not announced on the outbox, so no live journey or prompt reacts
 * to it. It names the demo's own journeys, prompts and surveys (their ids and step ids), so the map shows them by name.
 */
export interface DemoTouchpointIds {
  onboardingJourney: string;
  thankYouJourney: string;
  winBackJourney: string;
  firstOrderPrompt: string;
  failedPaymentPrompt: string;
  csatSurvey: string;
  npsSurvey: string;
}

const DAYS = 90;
const CHANNELS = ['web_chat', 'email', 'whatsapp', 'messenger', 'sms'] as const;
/** How happy customers tend to be per channel (mean CSAT): the map should show differences worth a look. */
const CHANNEL_MOOD: Record<(typeof CHANNELS)[number], number> = { web_chat: 4.4, email: 3.4, whatsapp: 4.6, messenger: 4.0, sms: 3.8 };

/** A small deterministic generator (mulberry32), so every demo load shows the same map. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type EventRow = typeof schema.customerEvents.$inferInsert;

export function generateDemoTouchpointEvents(accountId: string, contactIds: string[], now: Date, ids: DemoTouchpointIds): EventRow[] {
  const random = createRandom(20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const rows: EventRow[] = [];
  const push = (contactId: string, at: Date, name: string, touchpoint: TouchpointRef, properties: Record<string, unknown> = {}, kind: EventRow['kind'] = 'system') => {
    if (at.getTime() > now.getTime()) return;
    rows.push({
      accountId, contactId, kind, name, properties, source: kind === 'system' ? 'system' : 'sdk', occurredAt: at,
      touchpointKind: touchpoint.kind, touchpointId: touchpoint.id ?? null, touchpointStepId: touchpoint.stepId ?? null,
      messageId: `demo-tp-${rows.length}`,
    });
  };
  const later = (at: Date, hours: number) => new Date(at.getTime() + hours * 3600_000);
  const score = (mean: number, max: number, min: number) => Math.max(min, Math.min(max, Math.round(mean + (random() - 0.5) * 3)));
  const survey = (contactId: string, at: Date, kind: 'csat' | 'nps', about: TouchpointRef, mean: number) => {
    const surveyId = kind === 'csat' ? ids.csatSurvey : ids.npsSurvey;
    const ref: TouchpointRef = { kind: 'survey', id: surveyId };
    if (random() < 0.12) return push(contactId, at, 'survey.suppressed', ref, { reason: 'survey_fatigue' });
    push(contactId, at, 'survey.requested', ref, { channel: 'email' });
    if (random() < 0.55) {
      const answer: SurveyAnsweredProperties = { surveyId, kind, score: kind === 'csat' ? score(mean, 5, 1) : score(mean * 2, 10, 0), comment: null, about };
      push(contactId, later(at, 2), 'survey.answered', ref, { ...answer });
    }
  };

  contactIds.forEach((contactId, index) => {
    const channel = CHANNELS[index % CHANNELS.length]!;
    const loyal = index % 3 !== 2;
    const joined = new Date(now.getTime() - (DAYS - Math.floor(random() * 20)) * 86_400_000);
    const welcome = (stepId: string): TouchpointRef => ({ kind: 'journey', id: ids.onboardingJourney, stepId });
    push(contactId, joined, 'article.viewed', { kind: 'help_center' }, { article: 'getting-started' }, 'track');
    push(contactId, later(joined, 1), 'journey.entered', welcome('welcome'));
    if (random() < 0.15) push(contactId, later(joined, 2), 'message.suppressed', welcome('welcome'), { reason: pick(['no_consent', 'quiet_hours'] as const) });
    else push(contactId, later(joined, 2), 'message.sent', welcome('welcome'), { channel: 'email' });
    push(contactId, later(joined, 26), 'prompt.shown', { kind: 'prompt', id: ids.firstOrderPrompt });
    if (random() < 0.4) push(contactId, later(joined, 26.1), 'prompt.clicked', { kind: 'prompt', id: ids.firstOrderPrompt });
    else push(contactId, later(joined, 26.1), 'prompt.dismissed', { kind: 'prompt', id: ids.firstOrderPrompt });

    let convertedWelcome = false;
    for (let day = Math.ceil((now.getTime() - joined.getTime()) / 86_400_000); day > 0; day -= 1) {
      const at = new Date(now.getTime() - day * 86_400_000 + Math.floor(random() * 12) * 3600_000);
      const roll = random();
      if (roll < (loyal ? 0.05 : 0.02)) {
        const order: TouchpointRef = { kind: 'order' };
        push(contactId, at, 'order.placed', order, { totalMinor: 2000 + Math.floor(random() * 12000) });
        if (!convertedWelcome) push(contactId, at, 'journey.converted', welcome('has_ordered'));
        convertedWelcome = true;
        const thanks: TouchpointRef = { kind: 'journey', id: ids.thankYouJourney, stepId: 'thank_you' };
        push(contactId, later(at, 0.1), 'journey.entered', thanks);
        const capped = random() < 0.1;
        push(contactId, later(at, 0.2), capped ? 'message.suppressed' : 'message.sent', thanks, capped ? { reason: 'frequency_cap' } : { channel: 'email' });
        if (random() < 0.3) survey(contactId, later(at, 72), 'nps', order, loyal ? 4.3 : 3.2);
        if (random() < 0.12) {
          push(contactId, later(at, 96), 'return.requested', { kind: 'return' });
          push(contactId, later(at, 120), 'return.approved', { kind: 'return' });
          survey(contactId, later(at, 170), 'csat', { kind: 'return' }, 3.6);
        }
      } else if (roll < 0.1) {
        const ref: TouchpointRef = { kind: 'channel', id: channel };
        push(contactId, at, 'message.received', ref, { channel });
        push(contactId, later(at, 0.5 + random() * 4), 'message.sent', ref, { channel });
        if (random() < 0.6) push(contactId, later(at, 6), 'message.received', ref, { channel });
        if (random() < 0.45) survey(contactId, later(at, 8), 'csat', ref, CHANNEL_MOOD[channel]);
      } else if (roll < 0.12) {
        push(contactId, at, 'bot.answered', { kind: 'bot' }, { resolved: random() < 0.6 });
      } else if (roll < 0.15) {
        push(contactId, at, 'article.viewed', { kind: 'help_center' }, { article: pick(['shipping', 'returns', 'sizing'] as const) }, 'track');
      } else if (roll < 0.16) {
        const prompt: TouchpointRef = { kind: 'prompt', id: ids.failedPaymentPrompt };
        push(contactId, at, 'prompt.shown', prompt);
        if (random() < 0.6) push(contactId, later(at, 0.05), 'prompt.clicked', prompt);
      } else if (!loyal && roll < 0.18) {
        const winBack: TouchpointRef = { kind: 'journey', id: ids.winBackJourney, stepId: 'we_miss_you' };
        push(contactId, at, 'journey.entered', winBack);
        const suppressed = random() < 0.3;
        push(contactId, later(at, 1), suppressed ? 'message.suppressed' : 'message.sent', winBack, suppressed ? { reason: pick(['frequency_cap', 'control_group', 'quiet_hours'] as const) } : { channel: 'email' });
        if (!suppressed && random() < 0.2) push(contactId, later(at, 30), 'journey.converted', winBack);
      }
    }
  });
  return rows;
}

/** Writes the demo history in one insert and places the win-back journey in the "stay" stage (an admin's override). */
export async function loadDemoTouchpoints(db: Database, accountId: string, contactIds: string[], now: Date, ids: DemoTouchpointIds): Promise<void> {
  const rows = generateDemoTouchpointEvents(accountId, contactIds, now, ids);
  if (rows.length > 0) await db.insert(schema.customerEvents).values(rows).onConflictDoNothing();
  await db.insert(schema.touchpointStages).values({ accountId, touchpointKind: 'journey', touchpointId: ids.winBackJourney, stage: 'stay' }).onConflictDoNothing();
}
