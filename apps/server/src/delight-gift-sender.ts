import type { GiftSender } from '@touchpoint/delight';
import { sendGift } from '@touchpoint/gifts';
import type { Services } from './services.ts';

/**
 * The gifts domain's sender as delight uses it: `sendGift` runs in the gesture's transaction, so the gift commits or
 * rolls back with it. A message to the recipient goes out after commit, on the `gifts.schedule` job's next minute.
 */
export function giftSenderOf(_services: Services): GiftSender | null {
  return { sendGift };
}
