import { eq } from 'drizzle-orm';
import type { PublishedEvent } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import type { EventSink } from '@touchpoint/events';
import { convertReferralForOrder } from './referral-conversions.ts';
import { reverseReferralForOrder } from './referral-reversals.ts';
import { createReviewAskFromAnswer } from './review-asks.ts';

const HANDLED = new Set(['order.placed', 'order.updated', 'survey.answered']);
const UNDONE = new Set(['refunded', 'cancelled']);

/**
 * The outbox sink of advocacy: a placed order converts its customer's pending referral (exactly once, see
 * convertReferralForOrder), and its refund or cancellation reverses the referrer's reward; a high survey answer (a CSAT rating too, mirrored into `survey.answered`) makes a review
 * ask, which `deliverDueReviewAsks` sends: `onReviewAsksDue` nudges it after this transaction commits.
 */
export function createReferralSink(options: { onReviewAsksDue?: () => void; onError?: (error: unknown, event: PublishedEvent) => void } = {}): EventSink {
  return async (tx, events) => {
    let asks = false;
    for (const event of events) {
      if (!event.accountId || !HANDLED.has(event.type)) continue;
      const accountId = event.accountId;
      try {
        // A savepoint per event: a failure rolls back only that event's work, and the claim transaction goes on.
        asks = (await tx.transaction((savepoint) => handleEvent(savepoint, accountId, event))) || asks;
      } catch (error) {
        if (!options.onError) throw error;
        options.onError(error, event);
      }
    }
    if (asks) options.onReviewAsksDue?.();
  };
}

async function handleEvent(tx: Database, accountId: string, event: PublishedEvent): Promise<boolean> {
  const payload = event.payload as Record<string, unknown>;
  if (event.type === 'order.placed') {
    if (typeof payload.orderId === 'string' && typeof payload.contactId === 'string') await convertReferralForOrder(tx, accountId, payload.orderId, { now: new Date(event.occurredAt) });
    return false;
  }
  if (event.type === 'order.updated') {
    if (typeof payload.orderId === 'string' && UNDONE.has(String(payload.status)) && !UNDONE.has(String(payload.previousStatus))) await reverseReferralForOrder(tx, accountId, payload.orderId, new Date(event.occurredAt));
    return false;
  }
  if (typeof payload.responseId !== 'string' || typeof payload.contactId !== 'string' || typeof payload.score !== 'number') return false;
  const [response] = await tx.select({ test: schema.surveyResponses.test }).from(schema.surveyResponses).where(eq(schema.surveyResponses.id, payload.responseId));
  // A journey's test answer never asks a real customer for a public review.
  if (!response || response.test) return false;
  const decision = await createReviewAskFromAnswer(tx, accountId, { contactId: payload.contactId, responseId: payload.responseId, kind: String(payload.kind), score: payload.score }, new Date(event.occurredAt));
  return decision.status === 'created';
}
