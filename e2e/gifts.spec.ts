import { randomUUID } from 'node:crypto';
import { chromium, type Page } from '@playwright/test';
import lighthouse from 'lighthouse';
import { expectNoAxeViolations } from './support/axe.ts';
import { findAccountId } from './support/api.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.ts';
import { DEMO_USERS } from './support/demo.ts';
import { expect, test } from './support/fixtures.ts';
import { closePromptsWhenShown } from './support/prompts.ts';
import { createTranslator } from './support/ui-text.ts';

/**
 * Gifting end to end: an admin sets up a gift campaign in the console; a customer on a phone sends its free item by
 * link from the portal; the recipient opens the link on a phone, accepts, and sends a photo back (a second claim is
 * refused); a card gets a text reaction; the giver sees both reactions in the portal. Then Lighthouse on the claim page.
 */
const t = createTranslator(DEMO_USERS.aiko.locale);
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512, 9)]);
const DEBUG_PORT = Number(process.env.E2E_PORT ?? 3107) + 1100;

async function sendByLink(portal: Page, what: string | RegExp, message: string) {
  await portal.getByRole('radio', { name: what }).check();
  await portal.getByRole('radio', { name: 'Get a link to share' }).check();
  await portal.getByRole('textbox', { name: 'Your message' }).fill(message);
  await portal.getByRole('button', { name: 'Send the gift' }).click();
  const link = portal.getByRole('textbox', { name: 'Gift link' }).first();
  await expect(link).toHaveValue(/\/gift\/[A-Za-z0-9_-]{43}$/);
  return new URL(await link.inputValue()).pathname;
}

test('a campaign set up in the console is sent by link from the portal, claimed on a phone, and its reaction comes back to the giver', async ({ openPage, adminApi }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const accountId = findAccountId(adminApi.me);
  const campaignName = `E2E yuzu soda ${tag}`;

  // The admin creates the campaign in the console.
  const admin = await openPage('aiko');
  await admin.goto(`/a/${accountId}/engagement/gifts`);
  await expect(admin.getByRole('heading', { level: 1, name: t('gifts.title') })).toBeVisible();
  await admin.getByRole('link', { name: t('gifts.newCampaign') }).click();
  await expect(admin.getByRole('heading', { level: 1, name: t('gifts.newTitle') })).toBeVisible();
  await admin.getByLabel(t('gifts.name'), { exact: true }).fill(campaignName);
  await admin.getByLabel(t('gifts.status'), { exact: true }).selectOption('live');
  await admin.getByLabel(t('gifts.itemTitle')).fill('A free yuzu soda');
  await admin.getByLabel(t('gifts.stock'), { exact: true }).fill('5');
  await expectNoAxeViolations(admin);
  await admin.getByRole('button', { name: t('gifts.create') }).click();
  await expect(admin.getByRole('link', { name: campaignName })).toBeVisible();
  await expectNoAxeViolations(admin);

  // The customer opens the portal on a phone and sends the campaign's soda by link.
  const contact = (await adminApi.send('POST', `/accounts/${accountId}/contacts`, { name: `Rin ${tag}`, email: `gift-${tag}@e2e.touchpoint.dev`, locale: 'en' })) as { id: string };
  const signIn = (await adminApi.send('POST', `/accounts/${accountId}/contacts/${contact.id}/portal-link`, {})) as { url: string };
  const portal = await openPage(null, PHONE);
  await closePromptsWhenShown(portal);
  await portal.goto(new URL(signIn.url).pathname + new URL(signIn.url).hash);
  await portal.getByRole('link', { name: /Send a gift/ }).click();
  await expect(portal.getByRole('heading', { level: 1, name: 'Gifts' })).toBeVisible();
  await expectNoAxeViolations(portal);
  const sodaLink = await sendByLink(portal, new RegExp(campaignName), 'Cheers from Osaka!');

  // The recipient opens it on their phone, accepts, and sends a photo back.
  const recipient = await openPage(null, PHONE);
  await recipient.goto(sodaLink);
  await expect(recipient.getByRole('heading', { level: 1, name: `Rin ${tag} sent you a gift` })).toBeVisible();
  await expect(recipient.getByText('Cheers from Osaka!')).toBeVisible();
  await expect(recipient.getByText('A free yuzu soda')).toBeVisible();
  await expectNoAxeViolations(recipient);
  await recipient.getByRole('button', { name: 'Accept the gift' }).click();
  await expect(recipient.getByRole('status').filter({ hasText: 'It’s yours!' })).toBeVisible();
  await expectNoAxeViolations(recipient);
  await recipient.getByRole('tab', { name: 'Photo' }).click();
  await recipient.getByLabel('Take or choose a photo').setInputFiles({ name: 'smile.png', mimeType: 'image/png', buffer: PNG });
  await expect(recipient.getByRole('status').filter({ hasText: `Rin ${tag} will see your reaction` })).toBeVisible();

  // A second claim of the same gift is refused and changes nothing.
  const again = await recipient.request.post(`/api${sodaLink}/accept`, { data: {} });
  expect(again.status()).toBe(409);
  expect((await again.json()) as { code: string }).toMatchObject({ code: 'already_claimed' });

  // A card by link gets a text reaction.
  await portal.reload();
  const cardLink = await sendByLink(portal, 'A card with your message', 'Happy birthday!');
  const friend = await openPage(null, PHONE);
  await friend.goto(cardLink);
  await friend.getByRole('button', { name: 'Accept the gift' }).click();
  await friend.getByRole('tab', { name: 'Text' }).click();
  await friend.getByLabel('Your message').fill('Thank you, this made my day!');
  await friend.getByRole('button', { name: 'Send' }).click();
  await expect(friend.getByRole('status').filter({ hasText: 'will see your reaction' })).toBeVisible();

  // The giver sees both reactions in the portal.
  await portal.reload();
  await expect(portal.getByRole('img', { name: 'Their reaction' })).toBeVisible();
  await expect(portal.getByText('Thank you, this made my day!')).toBeVisible();
  await expect(portal.getByText('Reacted', { exact: true })).toHaveCount(2);
  await expectNoAxeViolations(portal);

  // And the console lists them with their reactions.
  await admin.goto(`/a/${accountId}/engagement/gifts`);
  await expect(admin.getByText('Thank you, this made my day!')).toBeVisible();
});

test('a recipient records a short video reaction in the browser and the giver can play it', async ({ openPage, adminApi, baseURL }) => {
  test.setTimeout(90_000);
  const tag = randomUUID().slice(0, 8);
  const accountId = findAccountId(adminApi.me);
  const giver = (await adminApi.send('POST', `/accounts/${accountId}/contacts`, { name: `Video Giver ${tag}`, email: `gift-video-${tag}@e2e.touchpoint.dev`, locale: 'en' })) as { id: string };
  const gift = (await adminApi.send('POST', `/accounts/${accountId}/gifts`, { senderContactId: giver.id, recipient: {}, item: { kind: 'card' }, message: 'Say hi!', reference: `video-${tag}` })) as { giftId: string; claimUrl: string };
  // Chromium's fake camera and microphone stand in for the phone's (granted without a prompt).
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
  try {
    const context = await browser.newContext({ baseURL, ...PHONE, permissions: ['camera', 'microphone'] });
    const phone = await context.newPage();
    await phone.goto(gift.claimUrl);
    await phone.getByRole('button', { name: 'Accept the gift' }).click();
    await phone.getByRole('button', { name: 'Record' }).click();
    await expect(phone.getByText(/\d+ s left/)).toBeVisible();
    await expect(phone.getByText('13 s left')).toBeVisible({ timeout: 10_000 });
    await phone.getByRole('button', { name: 'Stop' }).click();
    await expect(phone.getByRole('status').filter({ hasText: 'will see your reaction' })).toBeVisible({ timeout: 20_000 });
  } finally {
    await browser.close();
  }
  const stored = (await adminApi.get(`/accounts/${accountId}/gifts/${gift.giftId}`)) as { status: string; reaction: { kind: string; contentType: string; durationMs: number } };
  expect(stored).toMatchObject({ status: 'reacted', reaction: { kind: 'video', contentType: expect.stringMatching(/^video\/(webm|mp4)$/) } });
  expect(stored.reaction.durationMs).toBeLessThanOrEqual(15_500);

  const signIn = (await adminApi.send('POST', `/accounts/${accountId}/contacts/${giver.id}/portal-link`, {})) as { url: string };
  const portal = await openPage(null, PHONE);
  await closePromptsWhenShown(portal);
  await portal.goto(new URL(signIn.url).pathname + new URL(signIn.url).hash);
  await portal.getByRole('link', { name: /Send a gift/ }).click();
  const video = portal.locator('video[aria-label="Their reaction"]');
  await expect(video).toBeVisible();
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState)).toBeGreaterThanOrEqual(1);
});

test('the gift claim page scores at least 0.9 for performance and accessibility on Lighthouse mobile', async ({ adminApi, baseURL }) => {
  test.setTimeout(180_000);
  const accountId = findAccountId(adminApi.me);
  const contact = (await adminApi.send('POST', `/accounts/${accountId}/contacts`, { name: 'Lighthouse Giver', email: `gift-lh-${randomUUID().slice(0, 8)}@e2e.touchpoint.dev` })) as { id: string };
  const gift = (await adminApi.send('POST', `/accounts/${accountId}/gifts`, { senderContactId: contact.id, recipient: {}, item: { kind: 'product', title: 'A free matcha latte' }, message: 'For you, from far away.', reference: `lighthouse-${randomUUID()}` })) as { claimUrl: string };
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEBUG_PORT}`] });
  try {
    const result = await lighthouse(`${baseURL}${gift.claimUrl}`, { port: DEBUG_PORT, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
    const categories = result!.lhr.categories;
    const scores = { performance: categories.performance!.score, accessibility: categories.accessibility!.score };
    test.info().annotations.push({ type: 'lighthouse', description: `/gift/<token> ${JSON.stringify(scores)}` });
    expect(scores.performance).toBeGreaterThanOrEqual(0.9);
    expect(scores.accessibility).toBeGreaterThanOrEqual(0.9);
  } finally {
    await browser.close();
  }
});
