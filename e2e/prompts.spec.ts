import { createHmac, randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { type ApiSession, findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { startChatHostSite } from './support/host-site.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** A host site whose signed-in shopper is known to the widget, and a live banner prompt for them. */
async function shopperWithPrompt(adminApi: ApiSession, request: APIRequestContext, baseURL: string) {
  const tag = randomUUID().slice(0, 8);
  const secret = `prompts-e2e-${randomUUID()}`;
  const accountId = findAccountId(adminApi.me);
  const userId = `shopper-${tag}`;
  const email = `shopper-${tag}@e2e.touchpoint.dev`;
  const userHash = createHmac('sha256', secret).update(userId).digest('hex');
  const site = await startChatHostSite(adminApi, {
    baseURL,
    accountId,
    inboxName: `Prompt chat ${tag}`,
    secrets: { identitySecret: secret },
    initOptions: { userId, userHash, name: `Mio ${tag}`, email },
  });
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
  const stats = async () => {
    const list = (await adminApi.get(`/accounts/${accountId}/prompts`)) as { prompts: { id: string; stats: { triggered: number; shown: number; clicked: number } }[] };
    return list.prompts.find((item) => item.id === prompt.id)?.stats;
  };
  return {
    tag,
    site,
    stats,
    send: () => adminApi.send('POST', `/accounts/${accountId}/prompts/${prompt.id}/send`, { contactId }),
    close: async () => {
      await adminApi.send('DELETE', `/accounts/${accountId}/prompts/${prompt.id}`);
      await site.close();
    },
  };
}

test('a prompt pushed to a shopper on the host site shows as a banner at once, and its click is counted', async ({ openPage, adminApi, baseURL, request }) => {
  const shopper = await shopperWithPrompt(adminApi, request, baseURL!);
  try {
    const page = await openPage(null, PHONE);
    await page.goto(shopper.site.url);
    await shopper.send();
    const banner = page.getByRole('region', { name: `Spring sale ${shopper.tag}` });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('20% off vases this week.');
    await expectNoAxeViolations(page);
    await banner.getByRole('button', { name: 'Ask us' }).click();
    await expect(banner).toBeHidden();
    await expect(page.getByRole('dialog', { name: `Prompt chat ${shopper.tag}` })).toBeVisible();
    await expect.poll(shopper.stats).toMatchObject({ shown: 1, clicked: 1 });
  } finally {
    await shopper.close();
  }
});

test('a prompt never covers an open chat: it waits until the shopper closes the chat', async ({ openPage, adminApi, baseURL, request }) => {
  const shopper = await shopperWithPrompt(adminApi, request, baseURL!);
  try {
    const page = await openPage(null, PHONE);
    await page.goto(shopper.site.url);
    await page.getByRole('button', { name: /^Open chat/ }).click();
    const chat = page.getByRole('dialog', { name: `Prompt chat ${shopper.tag}` });
    await expect(chat.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await shopper.send();
    const banner = page.getByRole('region', { name: `Spring sale ${shopper.tag}` });
    // It reached the page (the server counts it triggered) but is neither drawn nor counted as shown while chatting.
    await expect.poll(shopper.stats).toMatchObject({ triggered: 1, shown: 0 });
    // The push reaches the open socket within milliseconds; a second is ample for it to have been drawn, had it been.
    await page.waitForTimeout(1_000);
    await expect(banner).toHaveCount(0);
    await chat.getByRole('button', { name: 'Close chat' }).click();
    await expect(banner).toBeVisible();
    await expect.poll(shopper.stats).toMatchObject({ shown: 1, clicked: 0 });
  } finally {
    await shopper.close();
  }
});
