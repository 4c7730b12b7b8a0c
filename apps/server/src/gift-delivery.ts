import { join } from 'node:path';
import { createDiskFileStore } from '@touchpoint/conversations';
import { deliverDueGifts, expireGifts, type GiftDeliveryDeps, type ReactionMediaStore, remindUnclaimedGifts } from '@touchpoint/gifts';
import { backgroundBaseUrl } from './http/public-url.ts';
import { outreachOf } from './journeys/journey-ports.ts';
import type { Services } from './services.ts';

const storeByDir = new Map<string, ReactionMediaStore>();

/** Reaction photos and videos live under the file store's `gift-reactions/` folder, apart from attachments (which are swept). */
export function giftMediaStoreOf(services: Services): ReactionMediaStore {
  const dir = join(services.config.files.dir, 'gift-reactions');
  let store = storeByDir.get(dir);
  if (!store) storeByDir.set(dir, (store = createDiskFileStore(dir)));
  return store;
}

/** Outreach and the claim links' base (PUBLIC_URL, else this server on localhost), as gift delivery needs them. */
export function giftDeliveryDepsOf(services: Services, base: URL = backgroundBaseUrl(services.config)): GiftDeliveryDeps {
  return { outreach: outreachOf(services), absoluteUrl: (path) => new URL(path, base).toString() };
}

/** The scheduled job's work: due gifts delivered, reminders two days before expiry, then lapsed gifts expired. */
export async function runGiftSchedule(services: Services, now = new Date()) {
  const deps = giftDeliveryDepsOf(services);
  const delivered = await deliverDueGifts(services.db, deps, now);
  const reminded = await remindUnclaimedGifts(services.db, deps, now);
  const expired = await expireGifts(services.db, now);
  return { delivered, reminded, expired };
}
