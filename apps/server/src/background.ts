import type { FastifyBaseLogger } from 'fastify';
import type { PublishedEvent } from '@touchpoint/core';
import type { DatabaseHandle } from '@touchpoint/db';
import type { EventSink } from '@touchpoint/events';
import type { JobDefinition } from '@touchpoint/jobs';
import { purgeExpiredSessions } from '@touchpoint/accounts';
import { purgeExpiredCustomerSessions, purgeSignInLinks } from '@touchpoint/customers';
import { onConversationChange, purgeUnsentAttachments, sendDueScheduledMessages } from '@touchpoint/conversations';
import { purgePublishedEvents } from '@touchpoint/events';
import { detectSlaBreaches, syncConversationSla } from '@touchpoint/sla';
import { createAutomationSink } from '@touchpoint/automation';
import { createWebhookDeliveryWorker, recordWebhookDeliveries } from '@touchpoint/webhooks';
import { createAnswerBotSink, createChatCompletionsDrafter, draftPendingAnswers, trainPendingModels } from '@touchpoint/answer-bot';
import { createArticleSearch } from './bot/article-search.ts';
import { createChannelDeliveryWorker, createDeliveryQueueSink } from '@touchpoint/channels';
import { createReturnNotificationSink, purgeWebhookReceipts } from '@touchpoint/commerce';
import { createCustomerEventSink } from '@touchpoint/customer-events';
import { createGameUnlockSink } from '@touchpoint/games';
import { createLiveFeedSocialSink } from '@touchpoint/live-feed';
import { createJourneySink, createJourneyWorker, enterDateAttributeJourneys } from '@touchpoint/journeys';
import { createDeferredSendWorker } from '@touchpoint/outreach';
import { createPromptTriggerSink } from '@touchpoint/prompts';
import { expireDuePoints } from '@touchpoint/rewards';
import { createConditionEvaluator, createSegmentSink, createSegmentWorker } from '@touchpoint/segments';
import { createSurveySink } from '@touchpoint/surveys';
import { createReferralSink } from '@touchpoint/referrals';
import { deliverReviewAsks, wakeReviewAskDelivery } from './referral-delivery.ts';
import { journeyPortsOf, outreachOf } from './journeys/journey-ports.ts';
import { onJourneyWake, wakeJourneyWorkers } from './journeys/journey-wakeup.ts';
import { backgroundBaseUrl } from './http/public-url.ts';
import { deliverDueSurveys } from './survey-delivery.ts';
import type { Services } from './services.ts';
import { runGiftSchedule } from './gift-delivery.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const PUBLISHED_EVENT_RETENTION_MS = 7 * 24 * 3600_000;
/** Shopify retries a webhook for up to 48 hours; a delivery id is remembered well past that. */
const WEBHOOK_RECEIPT_RETENTION_MS = 30 * 24 * 3600_000;
/** How long an upload may wait for its message before it is deleted. */
export const UNSENT_ATTACHMENT_RETENTION_MS = 24 * 3600_000;

/** Jobs and schedules every node runs (pg-boss makes sure each scheduled tick runs once across nodes). */
export function listBackgroundJobs(database: DatabaseHandle, services: Services): JobDefinition[] {
  return [
    {
      name: 'maintenance.purge',
      cron: '17 * * * *',
      async handle() {
        await purgeExpiredSessions(database.db);
        await purgeExpiredCustomerSessions(database.db);
        await purgeSignInLinks(database.db);
        await purgePublishedEvents(database.db, new Date(Date.now() - PUBLISHED_EVENT_RETENTION_MS));
        await purgeUnsentAttachments(database.db, services.files, new Date(Date.now() - UNSENT_ATTACHMENT_RETENTION_MS));
        await purgeWebhookReceipts(database.db, new Date(Date.now() - WEBHOOK_RECEIPT_RETENTION_MS));
      },
    },
    {
      // Records each SLA clock that ran out and emits sla.breached (once per target and due time).
      name: 'sla.detect-breaches',
      cron: '* * * * *',
      async handle() {
        await detectSlaBreaches(database.db, new Date());
      },
    },
    {
      name: 'messages.send-scheduled',
      cron: '* * * * *',
      async handle() {
        await sendDueScheduledMessages(database.db);
      },
    },
    {
      // Date-attribute journey entries at their local time (idempotent per occurrence, so any tick may look again).
      name: 'journeys.enter-by-date',
      cron: '*/5 * * * *',
      async handle() {
        await enterDateAttributeJourneys(database.db);
      },
    },
    {
      // Survey asks that are due (after a delivery + N days): opened, and their invitations sent.
      name: 'surveys.deliver-due',
      cron: '* * * * *',
      async handle() {
        await deliverDueSurveys(services, outreachOf(services));
      },
    },
    {
      // Earned points past their expiry lapse (each earn once, never more than the balance left).
      name: 'rewards.expire-points',
      cron: '*/15 * * * *',
      async handle() {
        await expireDuePoints(database.db, null);
      },
    },
    {
      // Gifts: scheduled ones delivered, reminders two days before expiry, unclaimed ones expired (docs/gifts.md).
      name: 'gifts.schedule',
      cron: '* * * * *',
      async handle() {
        await runGiftSchedule(services);
      },
    },
    {
      // Review asks the sink made and nothing sent yet (a wake-up missed, a node restarted): sent through outreach.
      name: 'referrals.deliver-review-asks',
      cron: '* * * * *',
      async handle() {
        await deliverReviewAsks(services);
      },
    },
  ];
}

/** Consumers that see every domain event exactly once, inside the outbox claim transaction (see dispatcher.ts). */
export function listEventSinks(services: Services, log?: FastifyBaseLogger): EventSink[] {
  // Events that automation actions cause are recorded to the outbox and reach both sinks on the next drain.
  const onError = (error: unknown, event: PublishedEvent) => log?.error({ err: error, eventId: event.id, eventType: event.type }, 'automation failed');
  const returnNotifications = createReturnNotificationSink({
    returnPageUrl: (handle, returnId) => new URL(`/portal/${handle}/returns/${returnId}`, backgroundBaseUrl(services.config)).toString(),
    sendEmail: async (mail) => {
      if (!services.mailer.enabled) return false;
      await services.mailer.send({ ...mail, html: `<p>${escapeHtml(mail.text)}</p>` });
      return true;
    },
    onError: (error, event) => log?.error({ err: error, eventId: event.id, eventType: event.type }, 'return notification failed'),
  });
  // The answer bot goes first: a conversation it takes is set to pending before auto-assignment looks at it.
  const answerBot = createAnswerBotSink({ articles: createArticleSearch(services.config), drafting: services.config.botLlm !== null, onError: (error, event) => log?.error({ err: error, eventId: event.id }, 'answer bot failed') });
  // Return notifications come before the delivery queue sink is handed their replies on the next drain (message.created).
  // Experience engine (docs/experience.md): product events onto the timeline, then segments, journeys, prompts, surveys.
  const prompts = createPromptTriggerSink({ conditions: createConditionEvaluator, onError: (error, event) => log?.error({ err: error, eventId: event.id }, 'prompt trigger failed') });
  const segments = createSegmentSink({ onError: (error, accountId) => log?.error({ err: error, accountId }, 'segment update failed') });
  const surveys = createSurveySink({ onError: (error, event) => log?.error({ err: error, eventId: event.id, eventType: event.type }, 'survey rule failed') });
  const referrals = createReferralSink({ onReviewAsksDue: wakeReviewAskDelivery(services, (error) => log?.error({ err: error }, 'review ask delivery failed')), onError: (error, event) => log?.error({ err: error, eventId: event.id, eventType: event.type }, 'referral sink failed') });
  const gameUnlocks = createGameUnlockSink({ onError: (error, accountId) => log?.error({ err: error, accountId }, 'game unlock failed') });
  const liveFeedComments = createLiveFeedSocialSink({ onError: (error, event) => log?.error({ err: error, eventId: event.id }, 'live feed comment copy failed') });
  return [
    answerBot, createAutomationSink({ onError }), recordWebhookDeliveries, createDeliveryQueueSink(services.channels), returnNotifications, createCustomerEventSink(), gameUnlocks,
    segments, createJourneySink({ onRunsDue: wakeJourneyWorkers }), prompts, surveys, liveFeedComments, referrals,
  ];
}

/**
 * Workers that poll continuously on every node: webhook deliveries and replies going out on their channels (both
 * claimed with FOR UPDATE SKIP LOCKED and a lease, so nodes share the work; each call has its own timeout, so a
 * hanging endpoint never holds up the others). Returns how to stop them.
 */
export function startBackgroundWorkers(database: DatabaseHandle, services: Services, log: FastifyBaseLogger) {
  const webhooks = createWebhookDeliveryWorker(database.db, { onError: (error) => log.error({ err: error }, 'webhook delivery failed') });
  const replies = createChannelDeliveryWorker(database.db, services.channels, { files: services.files, onError: (error) => log.error({ err: error }, 'channel delivery failed') });
  // Segment builds and windowed re-checks (docs/segments.md), journey runs that are due, outreach held for quiet hours.
  const segments = createSegmentWorker(database.db, { onError: (error) => log.error({ err: error }, 'segment work failed') });
  const journeys = createJourneyWorker(database.db, journeyPortsOf(services), { onError: (error) => log.error({ err: error }, 'journey step failed') });
  const deferredSends = createDeferredSendWorker(database.db, outreachOf(services), { onError: (error) => log.error({ err: error }, 'deferred outreach send failed') });
  webhooks.start();
  replies.start();
  segments.start();
  journeys.start();
  deferredSends.start();
  const stopJourneyWake = onJourneyWake(() => void journeys.tick());
  // Answer-bot models behind their intents (changed on another node, or a training cut short): trained here.
  let training: Promise<unknown> = Promise.resolve();
  const trainer = setInterval(() => {
    training = training.then(() => trainPendingModels(database.db)).catch((error: unknown) => log.error({ err: error }, 'answer bot training failed'));
  }, 5_000);
  // With an LLM configured, article answers are drafted here, outside the outbox's transaction (llm-drafts.ts).
  const llm = services.config.botLlm;
  let drafting: Promise<unknown> = Promise.resolve();
  const drafter = llm ? createChatCompletionsDrafter(llm) : null;
  const draftTimer = drafter
    ? setInterval(() => {
        drafting = drafting
          .then(() => draftPendingAnswers(database.db, drafter, { articles: createArticleSearch(services.config), onError: (error) => log.warn({ err: error }, 'answer bot draft failed; the plain article went out') }))
          .catch((error: unknown) => log.error({ err: error }, 'answer bot drafting failed'));
      }, 1_000)
    : null;
  return async () => {
    clearInterval(trainer);
    stopJourneyWake();
    if (draftTimer) clearInterval(draftTimer);
    await Promise.all([webhooks.stop(), replies.stop(), segments.stop(), journeys.stop(), deferredSends.stop(), training, drafting]);
  };
}

/**
 * Work that must happen in the same transaction as every change to a conversation: the SLA clocks. Registered once
 * per process, before the first request.
 */
export function registerConversationHooks() {
  onConversationChange(syncConversationSla);
}

