import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { startChatHostSite } from './support/host-site.ts';
import { waitForMail } from './support/mail-sink.ts';
import { closePromptsWhenShown } from './support/prompts.ts';

/**
 * The customer portal on a phone: sign in by the emailed link (read from the SMTP listener the server sends to), read
 * a conversation and reply, check an order, complete a return and download its slip, change the language. Each page
 * is axe-checked, and none scrolls sideways even at 320 px.
 */

const HANDLE = 'sakura';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 7)]);

async function expectNoSideScroll(page: Page) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, 'no horizontal scroll').toBeLessThanOrEqual(widths.client);
}

test('a customer on a phone signs in by email, replies, checks an order, returns an item with its slip, and switches to Japanese', async ({ openPage, adminApi }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const email = `portal-${tag}@e2e.touchpoint.dev`;
  const accountId = findAccountId(adminApi.me);

  // Arrange, as the shop would: the customer, a conversation with an answer, and a delivered order with tracking.
  const contact = (await adminApi.send('POST', `/accounts/${accountId}/contacts`, { name: `Rin ${tag}`, email, locale: 'en' })) as { id: string };
  const inboxes = (await adminApi.get(`/accounts/${accountId}/inboxes`)) as { id: string; channel: string }[];
  const inbox = inboxes.find((candidate) => candidate.channel === 'email') ?? inboxes[0]!;
  const conversation = (await adminApi.send('POST', `/accounts/${accountId}/conversations`, { inboxId: inbox.id, contactId: contact.id, subject: `Vase size ${tag}`, message: { body: 'How tall is the celadon vase?' } })) as { id: string };
  await adminApi.send('POST', `/accounts/${accountId}/conversations/${conversation.id}/messages`, { kind: 'reply', body: 'It is 24 cm tall.' });
  const deliveredAt = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
  const placed = (await adminApi.send('POST', `/accounts/${accountId}/orders`, {
    number: `E2E-${tag}`,
    contactId: contact.id,
    currency: 'USD',
    lines: [{ id: 'vase', title: 'Celadon vase', variant: 'Large', quantity: 2, unitPriceMinor: 4800 }],
    shippingMinor: 900,
    financialStatus: 'paid',
    fulfillmentStatus: 'delivered',
    shipments: [{ carrier: 'UPS', trackingNumber: `1Z${tag}`, trackingUrl: `https://track.example/1Z${tag}`, status: 'delivered', shippedAt: deliveredAt, deliveredAt }],
    placedAt: new Date(Date.now() - 4 * 24 * 3600_000).toISOString(),
  })) as { order: { id: string } };

  const page = await openPage(null, PHONE);
  await closePromptsWhenShown(page);

  // Sign in: enter the email, "check your email", open the emailed link.
  await page.goto(`/portal/${HANDLE}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await expectNoAxeViolations(page);
  const mail = await waitForMail(email, (candidate) => Boolean(candidate.subject?.includes('sign-in link')));
  const link = /https?:\/\/\S+#token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0];
  const url = new URL(link);
  await page.goto(`${url.pathname}${url.hash}`);
  await expect(page.getByRole('heading', { level: 1, name: `Hello, Rin ${tag}` })).toBeVisible();
  expect(page.url()).not.toContain('token');
  await expectNoAxeViolations(page);
  await expectNoSideScroll(page);

  // The link worked once: opening it again does not sign anyone in.
  const again = await openPage(null, PHONE);
  await again.goto(`${url.pathname}${url.hash}`);
  await expect(again.getByText('This sign-in link has expired or was already used.')).toBeVisible();

  // Read the conversation and reply.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages' }).click();
  await page.getByRole('link', { name: new RegExp(`Vase size ${tag}`) }).click();
  await expect(page.getByText('It is 24 cm tall.')).toBeVisible();
  await expectNoAxeViolations(page);

  // Once the shop resolves it, the customer rates it (the conversation's CSAT), then writes again, which reopens it.
  await adminApi.send('PATCH', `/accounts/${accountId}/conversations/${conversation.id}`, { status: 'resolved' });
  await page.reload();
  await expect(page.getByRole('group', { name: 'How did we do?' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('radio', { name: '5 out of 5' }).check();
  await page.getByLabel('Anything to add? (optional)').fill('Quick and kind.');
  await page.getByRole('button', { name: 'Send rating' }).click();
  await expect(page.getByText('You rated this conversation 5 out of 5. Thank you!')).toBeVisible();
  await expect(page.getByText('This conversation is resolved. Writing again reopens it.')).toBeVisible();
  await page.getByLabel('Your reply').fill('Thanks, I will take two.');
  await page.locator('#reply-files').setInputFiles([{ name: 'measurements.txt', mimeType: 'text/plain', buffer: Buffer.from('24 cm x 12 cm') }]);
  await expect(page.getByRole('button', { name: 'Remove measurements.txt' })).toBeVisible();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.thread').getByText('Thanks, I will take two.')).toBeVisible();
  await expect(page.locator('.thread').getByRole('link', { name: 'Attachment: measurements.txt' })).toBeVisible();
  await expect(page.locator('.list-meta').getByText('Open')).toBeVisible();

  // Check the order: lines, total, tracking link.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  await page.getByRole('link', { name: new RegExp(`Order E2E-${tag}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order E2E-${tag}` })).toBeVisible();
  await expect(page.getByText('Celadon vase')).toBeVisible();
  await expect(page.getByText('$105.00')).toBeVisible();
  await expect(page.getByRole('link', { name: `Track package (UPS 1Z${tag})` })).toHaveAttribute('href', `https://track.example/1Z${tag}`);
  await expectNoAxeViolations(page);
  await expectNoSideScroll(page);

  // Return one vase: lines → reason → photo → refund or exchange → review with the policy → confirm.
  await page.getByRole('link', { name: 'Return items' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Choose items' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Choose at least one item to return.')).toBeVisible();
  await page.getByLabel('Quantity to return for Celadon vase').selectOption('1');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Reason' })).toBeVisible();
  await page.getByLabel('Arrived damaged').check();
  await page.getByLabel('Tell us more (optional)').fill('The rim is chipped.');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Photos' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Please add at least one photo for this reason.').first()).toBeVisible();
  await page.locator('input[type=file]').setInputFiles([{ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') }]);
  await expect(page.getByRole('alert').filter({ hasText: 'notes.pdf' })).toBeVisible();
  await page.locator('input[type=file]').setInputFiles([{ name: 'chip.png', mimeType: 'image/png', buffer: PNG }]);
  await expect(page.getByRole('button', { name: 'Remove photo chip.png' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: /Exchange/ }).check();
  await page.getByRole('radio', { name: /Refund/ }).check();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Return policy' })).toBeVisible();
  await expect(page.getByText('within 30 days of delivery')).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoSideScroll(page);
  await page.getByRole('button', { name: 'Confirm return' }).click();

  // The return: started, its status, and the slip as a PDF.
  await expect(page.getByText('Your return has started')).toBeVisible();
  await expect(page.locator('.list-meta').getByText('Requested')).toBeVisible();
  await expectNoAxeViolations(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download return slip (PDF)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^return-R-\d+\.pdf$/);
  expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
  const order = (await adminApi.get(`/accounts/${accountId}/orders/${placed.order.id}/return-eligibility`)) as { lines: { lineId: string; returnableQuantity: number }[] };
  expect(order.lines[0]).toMatchObject({ lineId: 'vase', returnableQuantity: 1 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Returns' }).click();
  await expect(page.getByRole('link', { name: new RegExp(`For order E2E-${tag}`) })).toBeVisible();
  await expectNoAxeViolations(page);

  // Profile: switch to Japanese (saved to the profile), see the customer code.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('img', { name: 'Your customer code' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('switch', { name: 'Email' }).check();
  await expect(page.getByText(/^Changed /)).toBeVisible();

  // The shop's agent sees the answer on the contact page, with where it came from.
  const agentPage = await openPage('aiko');
  await agentPage.goto(`/a/${accountId}/contacts/${contact.id}`);
  const preferences = agentPage.getByRole('region', { name: '連絡方法の設定' });
  await expect(preferences.getByText(/カスタマーポータル、\d/)).toBeVisible();
  await expect(preferences.getByText('可', { exact: true })).toBeVisible();
  await expectNoAxeViolations(agentPage);
  await page.getByLabel('Language', { exact: true }).first().selectOption('ja');
  await expect(page.getByRole('heading', { level: 1, name: 'プロフィール' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'プロフィール' })).toBeVisible();
  const saved = (await adminApi.get(`/accounts/${accountId}/contacts/${contact.id}`)) as { locale: string };
  expect(saved.locale).toBe('ja');

  // Narrowest phones: nothing scrolls sideways at 320 px.
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoSideScroll(page);
  await page.getByRole('navigation').getByRole('link', { name: '注文' }).click();
  await page.getByRole('link', { name: new RegExp(`E2E-${tag}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: `注文 E2E-${tag}` })).toBeVisible();
  await expectNoSideScroll(page);
});

test('the portal answers the same for an unknown address and sends it nothing', async ({ openPage }) => {
  const page = await openPage(null, PHONE);
  await closePromptsWhenShown(page);
  await page.goto(`/portal/${HANDLE}/`);
  const email = `nobody-${randomUUID().slice(0, 8)}@e2e.touchpoint.dev`;
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await expect(waitForMail(email, undefined, 2_000)).rejects.toThrow('no email');
});

test('a user the host site verified opens the portal signed in from the chat widget', async ({ openPage, adminApi, baseURL }) => {
  const tag = randomUUID().slice(0, 8);
  const secret = `portal-e2e-${randomUUID()}`;
  const accountId = findAccountId(adminApi.me);
  const userId = `shop-user-${tag}`;
  const userHash = createHmac('sha256', secret).update(userId).digest('hex');
  // The host site: one page that identifies its signed-in user to the widget, as docs/channels.md shows.
  const site = await startChatHostSite(adminApi, {
    baseURL: baseURL!,
    accountId,
    inboxName: `Portal chat ${tag}`,
    secrets: { identitySecret: secret },
    initOptions: { userId, userHash, name: `Kai ${tag}`, email: `kai-${tag}@e2e.touchpoint.dev` },
  });
  try {
    const page = await openPage(null, PHONE);
  await closePromptsWhenShown(page);
    await page.goto(site.url);
    await page.getByRole('button', { name: /^Open chat/ }).click();
    const opening = page.context().waitForEvent('page');
    await page.getByRole('dialog', { name: `Portal chat ${tag}` }).getByRole('button', { name: 'My account' }).click();
    const portal = await opening;
    await expect(portal.getByRole('heading', { level: 1, name: `Hello, Kai ${tag}` })).toBeVisible();
    expect(portal.url()).toBe(`${baseURL}/portal/${HANDLE}/`);
    await expectNoAxeViolations(portal);
  } finally {
    await site.close();
  }
});
