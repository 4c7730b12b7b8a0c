import type { GiftSender } from '@touchpoint/delight';
import { sendGift } from '@touchpoint/gifts';
import type { Services } from './services.ts';

/** The gifts domain's sender as delight uses it (a gift gesture sends a real gift, in the gesture's transaction). */
export function giftSenderOf(_services: Services): GiftSender {
  return { sendGift };
}
