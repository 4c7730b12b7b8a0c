import { createHmac, randomUUID } from 'node:crypto';
import { findAccountId, openApiSession } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { readAuthFile } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { type ChatHostSite, startChatHostSite } from './support/host-site.ts';
import { createTranslator } from './support/ui-text.ts';

/**
 * The browser SDK on a host site of its own origin: calls made before the loader arrives are queued, a signed-in
 * user is identified with the HMAC from the host's server, and what they did shows on their contact page.
 */
/** Aiko, the demo admin, reads the console in Japanese. */
const ja = createTranslator('ja');
const IDENTITY_SECRET = `e2e-events-${randomUUID()}`;
const INBOX_NAME = `SDK shop ${Date.now().toString(36)}`;
let site: ChatHostSite | null = null;

test.afterAll(async () => {
  await site?.close();
});

test('events the SDK sends from a host page appear on the identified customer’s timeline in the console', async ({ openPage, baseURL }) => {
  const userId = `shopper-${randomUUID().slice(0, 8)}`;
  const email = `${userId}@example.test`;
  const userHash = createHmac('sha256', IDENTITY_SECRET).update(userId).digest('hex');
  const admin = await openApiSession(baseURL ?? '', readAuthFile('aiko'));
  const accountId = findAccountId(admin.me);
  try {
    site = await startChatHostSite(admin, {
      baseURL: baseURL ?? '',
      accountId,
      inboxName: INBOX_NAME,
      secrets: { identitySecret: IDENTITY_SECRET },
      pageScript: `window.Touchpoint = window.Touchpoint || function () { (Touchpoint.q = Touchpoint.q || []).push(arguments); };
Touchpoint('page');
Touchpoint('identify', ${JSON.stringify(userId)}, { name: 'Hana Mori', email: ${JSON.stringify(email)}, tier: 'gold' }, { userHash: ${JSON.stringify(userHash)} });
Touchpoint('track', 'Vase Wishlisted', { sku: 'VASE-7' });`,
    });
    const visitor = await openPage(null);
    await visitor.goto(site.url);
    await expect(visitor.getByRole('button', { name: 'Open chat' })).toBeVisible();
    // After the page has loaded, a later call goes through the live SDK.
    await visitor.evaluate(() => (window as unknown as { Touchpoint: (...args: unknown[]) => void }).Touchpoint('track', 'Checkout Started', { total: 4200 }));

    let contactId = '';
    await expect(async () => {
      const found = (await admin.get(`/accounts/${accountId}/contacts?q=${encodeURIComponent(email)}`)) as { items: { id: string }[] };
      contactId = found.items[0]?.id ?? '';
      expect(contactId).not.toBe('');
      const events = (await admin.get(`/accounts/${accountId}/contacts/${contactId}/events`)) as { events: { name: string }[] };
      expect(events.events.map((event) => event.name)).toEqual(expect.arrayContaining(['Vase Wishlisted', 'Checkout Started', 'identify']));
    }).toPass({ timeout: 15_000 });

    const page = await openPage('aiko');
    await page.goto(`/a/${accountId}/contacts/${contactId}`);
    await expect(page.getByRole('heading', { name: ja('events.heading') })).toBeVisible();
    await expect(page.getByRole('heading', { name: ja('timeline.heading') })).toBeVisible();
    const timeline = page.getByRole('list', { name: ja('timeline.list') });
    await expect(timeline.getByText('Checkout Started')).toBeVisible();
    await expect(timeline.getByText('Vase Wishlisted')).toBeVisible();
    await expect(timeline.getByText(ja('timeline.identify'))).toBeVisible();
    const filters = page.getByRole('group', { name: ja('timeline.filter') });
    await filters.getByRole('button', { name: ja('timeline.filter.conversations') }).click();
    await expect(filters.getByRole('button', { name: ja('timeline.filter.conversations') })).toHaveAttribute('aria-pressed', 'true');
    await expect(timeline.getByText('Checkout Started')).toHaveCount(0);
    await filters.getByRole('button', { name: ja('timeline.filter.events') }).click();
    await expect(timeline.getByText('Checkout Started')).toBeVisible();
    // A new event appears on the open page without a reload (admins receive customer_event.recorded live).
    await visitor.evaluate(() => (window as unknown as { Touchpoint: (...args: unknown[]) => void }).Touchpoint('track', 'Gift Card Viewed', {}));
    await expect(timeline.getByText('Gift Card Viewed')).toBeVisible({ timeout: 15_000 });
    await expectNoAxeViolations(page);
  } finally {
    await admin.dispose();
  }
});
