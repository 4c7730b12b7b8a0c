import type { GiftSender } from '@touchpoint/delight';
import type { Services } from './services.ts';

/**
 * The gifts domain's sender as delight uses it. Null until @touchpoint/gifts is merged: a "gift" gesture is then
 * refused (409) and vouchers, points and cards work. At merge: `return { sendGift };` with sendGift from @touchpoint/gifts.
 */
export function giftSenderOf(_services: Services): GiftSender | null {
  return null;
}
