import { and, eq } from 'drizzle-orm';
import type { PublishedEvent, TouchpointRef } from '@touchpoint/core';
import { type Database, schema, type SurveyTrigger } from '@touchpoint/db';
import type { EventSink } from '@touchpoint/events';
import { mirrorCsatRated, mirrorCsatRequested } from './csat-mirror.ts';
import { ensureConversationCsatSurvey, listLiveSurveysWithTrigger } from './survey-definitions.ts';
import { eraseSurveysOfDeletedContacts, requestSurvey } from './survey-requests.ts';

const DAY_MS = 24 * 3600_000;
const COMPLETED_RETURN_EVENTS = new Set(['return.refunded', 'return.exchanged']);
/** The event types `handleEvent` acts on; the others (customer events, messages…) cost no savepoint. */
const HANDLED = new Set(['order.placed', 'order.updated', 'csat.requested', 'contact.deleted', 'csat.rated', ...COMPLETED_RETURN_EVENTS]);

/**
 * The outbox sink that attaches surveys to touchpoints: an order placed or delivered, a return completed, a
 * conversation resolved (its `csat.requested`), each asking every live survey with a matching rule (with its delay,
 * under the fatigue rule); the mirror of the helpdesk's CSAT into the built-in survey; and erasure with a contact.
 */
export function createSurveySink(options: { onError?: (error: unknown, event: PublishedEvent) => void } = {}): EventSink {
  return async (tx, events) => {
    for (const event of events) {
      if (!event.accountId || !HANDLED.has(event.type)) continue;
      try {
        const accountId = event.accountId;
        // A savepoint per event: a failure rolls back only that event's asks, and the claim transaction goes on.
        await tx.transaction((savepoint) => handleEvent(savepoint, accountId, event));
      } catch (error) {
        // One event's failure must not hold up the outbox; it is logged and the others go on.
        if (!options.onError) throw error;
        options.onError(error, event);
      }
    }
  };
}

async function handleEvent(tx: Database, accountId: string, event: PublishedEvent) {
  const payload = event.payload as Record<string, unknown>;
  const now = new Date(event.occurredAt);
  switch (event.type) {
    case 'order.placed':
      if (typeof payload.contactId === 'string') await askForRule(tx, accountId, 'order_placed', payload.contactId, { kind: 'order', id: String(payload.orderId) }, `order:${String(payload.orderId)}:placed`, now);
      return;
    case 'order.updated':
      if (typeof payload.contactId === 'string' && payload.status === 'delivered' && payload.previousStatus !== 'delivered') {
        await askForRule(tx, accountId, 'order_delivered', payload.contactId, { kind: 'order', id: String(payload.orderId) }, `order:${String(payload.orderId)}:delivered`, now);
      }
      return;
    case 'csat.requested': {
      const conversationId = String(payload.conversationId);
      const builtIn = await ensureConversationCsatSurvey(tx, accountId);
      await mirrorCsatRequested(tx, builtIn, conversationId);
      const [conversation] = await tx.select({ contactId: schema.conversations.contactId, inboxId: schema.conversations.inboxId, channel: schema.inboxes.channel })
        .from(schema.conversations).innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
        .where(and(eq(schema.conversations.accountId, accountId), eq(schema.conversations.id, conversationId)));
      if (conversation) await askForRule(tx, accountId, 'conversation_resolved', conversation.contactId, { kind: 'channel', id: conversation.channel }, `conversation:${conversationId}:resolved`, now, conversation.inboxId);
      return;
    }
    case 'contact.deleted':
      await eraseSurveysOfDeletedContacts(tx, accountId);
      return;
    case 'csat.rated':
      await mirrorCsatRated(tx, await ensureConversationCsatSurvey(tx, accountId), String(payload.conversationId), now);
      return;
    default:
      if (COMPLETED_RETURN_EVENTS.has(event.type) && typeof payload.contactId === 'string') {
        await askForRule(tx, accountId, 'return_completed', payload.contactId, { kind: 'return', id: String(payload.returnId) }, `return:${String(payload.returnId)}:completed`, now);
      }
  }
}

async function askForRule(tx: Database, accountId: string, kind: SurveyTrigger['kind'], contactId: string, about: TouchpointRef, occurrence: string, now: Date, inboxId?: string) {
  for (const survey of await listLiveSurveysWithTrigger(tx, accountId, kind)) {
    for (const trigger of survey.triggers) {
      if (trigger.kind !== kind) continue;
      if (trigger.kind === 'conversation_resolved' && trigger.inboxIds.length > 0 && (!inboxId || !trigger.inboxIds.includes(inboxId))) continue;
      const delayDays = 'delayDays' in trigger ? trigger.delayDays : 0;
      await requestSurvey(tx, {
        accountId, contactId, surveyId: survey.id, channel: survey.channel, about,
        touchpoint: { kind: 'survey', id: survey.id },
        dedupeKey: `survey:${survey.id}:${occurrence}`,
        dueAt: new Date(now.getTime() + delayDays * DAY_MS),
        now,
      });
      break;
    }
  }
}
