import { createHmac, randomUUID } from 'node:crypto';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { startChatHostSite } from './support/host-site.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

test('a prompt pushed to a shopper on the host site shows as a banner at once, and its click is counted', async ({ openPage, adminApi, baseURL, request }) => {
  const tag = randomUUID().slice(0, 8);
  const secret = `prompts-e2e-${randomUUID()}`;
  const accountId = findAccountId(adminApi.me);
  const userId = `shopper-${tag}`;
  const email = `shopper-${tag}@e2e.touchpoint.dev`;
  const userHash = createHmac('sha256', secret).update(userId).digest('hex');
  const site = await startChatHostSite(adminApi, {
    baseURL: baseURL!,
    accountId,
    inboxName: `Prompt chat ${tag}`,
    secrets: { identitySecret: secret },
    initOptions: { userId, userHash, name: `Mio ${tag}`, email },
  });
  try {
    // The shopper's contact, as the widget makes it when the host page names its signed-in user.
    const profile = await request.post(`${baseURL}/widget/v1/${site.channelKey}/profile`, {
      headers: { origin: site.url, authorization: `User ${Buffer.from(userId).toString('base64url')}.${userHash}` },
      data: { name: `Mio ${tag}`, email },
    });
    expect(profile.ok()).toBe(true);
    const contacts = (await adminApi.get(`/accounts/${accountId}/contacts?q=${encodeURIComponent(email)}`)) as { items: { id: string }[] };
    const contactId = contacts.items[0]!.id;
    const prompt = (await adminApi.send('POST', `/accounts/${accountId}/prompts`, {
      name: `Sale ${tag}`,
      kind: 'banner',
      placement: 'top',
      status: 'live',
      triggerEvent: `e2e.visited.${tag}`,
      surfaces: 'widget',
      content: { en: { title: `Spring sale ${tag}`, body: '20% off vases this week.', ctaLabel: 'Ask us' } },
      action: { kind: 'open_chat' },
    })) as { id: string };

    const page = await openPage(null, PHONE);
    await page.goto(site.url);
    await adminApi.send('POST', `/accounts/${accountId}/prompts/${prompt.id}/send`, { contactId });
    const banner = page.getByRole('region', { name: `Spring sale ${tag}` });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('20% off vases this week.');
    await expectNoAxeViolations(page);
    await banner.getByRole('button', { name: 'Ask us' }).click();
    await expect(banner).toBeHidden();
    await expect(page.getByRole('dialog', { name: `Prompt chat ${tag}` })).toBeVisible();
    await expect.poll(async () => {
      const list = (await adminApi.get(`/accounts/${accountId}/prompts`)) as { prompts: { id: string; stats: { shown: number; clicked: number } }[] };
      return list.prompts.find((item) => item.id === prompt.id)?.stats;
    }).toMatchObject({ shown: 1, clicked: 1 });
    await adminApi.send('DELETE', `/accounts/${accountId}/prompts/${prompt.id}`);
  } finally {
    await site.close();
  }
});
