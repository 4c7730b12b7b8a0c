import type { AccountScope } from '@touchpoint/core';
import { and, eq } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { ingestEvents } from '@touchpoint/customer-events';

const BROWSING: [event: string | null, page: string, properties: Record<string, unknown>][] = [
  [null, 'Home', { path: '/' }],
  [null, 'Vases', { path: '/collections/vases' }],
  ['Product Viewed', 'Ikebana vase', { sku: 'VASE-IKB-01', price: 4200 }],
  ['Added to Cart', 'Ikebana vase', { sku: 'VASE-IKB-01', quantity: 1 }],
  [null, 'Shipping and returns', { path: '/pages/shipping' }],
  ['Newsletter Subscribed', 'Footer', { list: 'monthly' }],
];

/**
 * The demo shop's own site sending events (as its server would, with an API key): each demo customer gets an
 * external id, a profile identify and a few days of browsing, so contact pages show traits and a timeline.
 */
export async function loadDemoEvents(db: Database, scope: AccountScope, contacts: Map<string, string>, now: Date) {
  const batch: Record<string, unknown>[] = [];
  let customer = 0;
  for (const key of contacts.keys()) {
    customer += 1;
    const userId = `shop-${key}`;
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000).toISOString();
    batch.push({ type: 'identify', messageId: `demo-${key}-identify`, userId, timestamp: at(24 * 30), traits: { plan: customer % 3 === 0 ? 'member' : 'guest', newsletter: customer % 2 === 0 } });
    BROWSING.slice(0, 2 + (customer % BROWSING.length)).forEach(([event, name, properties], step) => {
      const timestamp = at(24 * (customer % 9) + 5 - step * 0.2);
      batch.push(event
        ? { type: 'track', messageId: `demo-${key}-${step}`, userId, event, timestamp, properties }
        : { type: 'page', messageId: `demo-${key}-${step}`, userId, name, timestamp, properties });
    });
  }
  // Demo customers already exist: give them their shop ids before the batch finds them by external id.
  for (const [key, contactId] of contacts) {
    await db.update(schema.contacts).set({ externalId: `shop-${key}` }).where(and(eq(schema.contacts.accountId, scope.accountId), eq(schema.contacts.id, contactId)));
  }
  await ingestEvents(db, scope.accountId, batch, { source: 'api', now });
}
