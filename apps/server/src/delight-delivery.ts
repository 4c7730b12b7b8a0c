import { composeDelightCard, composeDelightEmail, type Gesture, recordGestureDelivery } from '@touchpoint/delight';
import { deliverDueGifts } from '@touchpoint/gifts';
import { giftDeliveryDepsOf } from './gift-delivery.ts';
import { backgroundBaseUrl } from './http/public-url.ts';
import { outreachOf } from './journeys/journey-ports.ts';
import type { Services } from './services.ts';

/**
 * Tells the customer, after the gesture has committed: the card by email through outreach (consent respected; a
 * personal message from an agent in a service conversation is transactional, so no marketing caps or quiet hours).
 * A gift is announced by the gifts domain itself (its claim link, by the customer's email or phone), at once rather
 * than on the next minute's run. The outcome is kept on the gesture; a failed send never undoes it.
 */
export async function deliverDelightGesture(services: Services, accountId: string, gesture: Gesture, agentName: string, log?: { warn(details: object, message: string): void }) {
  if (gesture.kind === 'gift') return announceGift(services, accountId, gesture, log);
  const base = backgroundBaseUrl(services.config);
  const cardUrl = new URL(gesture.cardPath, base).toString();
  const card = await composeDelightCard(services.db, accountId, gesture, { cardUrl, giftUrl: gesture.giftUrl ? new URL(gesture.giftUrl, base).toString() : null }, agentName);
  try {
    const result = await outreachOf(services).send({
      accountId, contactId: gesture.contactId, channel: 'email', content: composeDelightEmail(card, gesture, cardUrl),
      touchpoint: { kind: 'delight', id: gesture.id }, dedupeKey: `delight:${gesture.id}`, transactional: true,
    });
    const delivery = result.status === 'sent' || result.status === 'duplicate' ? 'sent' : result.status === 'deferred' ? 'deferred' : 'suppressed';
    await recordGestureDelivery(services.db, accountId, gesture.id, delivery);
    return delivery;
  } catch (error) {
    log?.warn({ err: error, gestureId: gesture.id }, 'delight email failed; the gesture stands, its delivery stays pending');
    return 'pending' as const;
  }
}

async function announceGift(services: Services, accountId: string, gesture: Gesture, log?: { warn(details: object, message: string): void }) {
  try {
    const delivered = gesture.giftId ? await deliverDueGifts(services.db, giftDeliveryDepsOf(services), new Date(), 1, gesture.giftId) : 0;
    const delivery = delivered > 0 ? 'sent' as const : 'link_only' as const;
    await recordGestureDelivery(services.db, accountId, gesture.id, delivery);
    return delivery;
  } catch (error) {
    log?.warn({ err: error, gestureId: gesture.id }, 'gift announcement failed; the gift stands and the gifts job retries it');
    return 'pending' as const;
  }
}
