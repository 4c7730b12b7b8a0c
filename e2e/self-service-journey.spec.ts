import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { type ChatHostSite, startChatHostSite } from './support/host-site.ts';
import { closePromptsWhenShown } from './support/prompts.ts';

/**
 * Issue 6's promise in one go, as one customer on a phone lives it: find an answer in the help center, ask the bot in
 * the shop's chat, reach a person, then open "My account" from the chat, check the order and complete a return with
 * its slip. The shop's side (agent queue, return queue) is checked through the API the console uses.
 */

const HANDLE = 'sakura';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const TAG = randomUUID().slice(0, 8);
const INBOX_NAME = `Shop chat ${TAG}`;
const TRACKING_REPLY = `Follow your parcel under My account → Orders (${TAG}).`;

let site: ChatHostSite | null = null;
test.afterAll(async () => {
  await site?.close();
});

test('a customer on a phone finds an answer, asks the bot, reaches a person, checks the order and returns an item', async ({ openPage, adminApi, baseURL }) => {
  test.setTimeout(150_000);
  const accountId = findAccountId(adminApi.me);
  const email = `mei-${TAG}@e2e.touchpoint.dev`;
  const name = `Mei ${TAG}`;

  // The shop's site identifies its signed-in customer to the chat (identity verification), and the bot is on.
  const secret = `journey-${randomUUID()}`;
  const userId = `shop-user-${TAG}`;
  const userHash = createHmac('sha256', secret).update(userId).digest('hex');
  site = await startChatHostSite(adminApi, { baseURL: baseURL!, accountId, inboxName: INBOX_NAME, secrets: { identitySecret: secret }, initOptions: { userId, userHash, name, email } });
  await adminApi.send('POST', `/accounts/${accountId}/bot/intents`, {
    name: `Order tracking ${TAG}`,
    replies: { en: TRACKING_REPLY },
    examples: ['where is my order', 'track my parcel', 'has my package shipped', 'when will my order arrive', 'tracking number for my order', 'my delivery is late'],
  });
  const enabled = await adminApi.request.fetch(`/api/v1/accounts/${accountId}/bot/inboxes/${site.inboxId}`, { method: 'PATCH', data: { enabled: true }, headers: { 'x-csrf-token': adminApi.me.csrfToken } });
  expect(enabled.ok(), await enabled.text()).toBe(true);
  await expect(async () => {
    expect(((await adminApi.get(`/accounts/${accountId}/bot/model`)) as { state: string }).state).toBe('ready');
  }).toPass({ timeout: 30_000 });

  const phone = await openPage(null, PHONE);
  await closePromptsWhenShown(phone);

  // 1. Find an answer: the help center's search, as the customer types, then the article.
  await phone.goto(`/help/${HANDLE}/en`);
  const search = phone.getByLabel('Search the help center');
  await search.fill('refund');
  await search.press('Enter');
  await phone.getByRole('link', { name: 'When will I get my refund?' }).first().click();
  await expect(phone.getByRole('heading', { level: 1, name: 'When will I get my refund?' })).toBeVisible();
  await expectNoAxeViolations(phone);

  // 2. Ask the bot in the shop's chat: it answers from what the shop taught it, and a person is one tap away.
  await phone.goto(site.url);
  await phone.getByRole('button', { name: /^Open chat/ }).click();
  const dialog = phone.getByRole('dialog', { name: INBOX_NAME });
  const message = dialog.getByRole('textbox', { name: 'Message' });
  await message.fill('Where is my order?');
  await message.press('Enter');
  const log = dialog.getByRole('log', { name: 'Messages' });
  // The bot answers with what the shop taught it or with the help center's tracking article; when the two score
  // close it asks which one fits, and the customer picks the shop's answer.
  const answered = log.locator('.tp-msg').filter({ hasText: /Follow your parcel under My account|Read more: http/ });
  const choice = dialog.getByRole('button', { name: /^Order tracking / }).first();
  await expect(answered.or(choice).first()).toBeVisible();
  if (await choice.isVisible()) await choice.click();
  await expect(answered.first()).toBeVisible();
  const talk = dialog.getByRole('button', { name: 'Talk to a person' });
  await expectNoAxeViolations(phone);

  // 3. Reach a person: the conversation lands open in the agents' queue.
  await talk.click();
  await expect(log.locator('.tp-msg').filter({ hasText: 'passing you to a person' })).toBeVisible();
  await expect(async () => {
    const list = (await adminApi.get(`/accounts/${accountId}/conversations?view=all&inboxId=${site!.inboxId}`)) as { items: { status: string; contact: { name: string } | null }[] };
    expect(list.items.map((item) => item.status)).toEqual(['open']);
  }).toPass();

  // The shop's order for this customer, delivered two days ago (as its store would send it).
  const contacts = (await adminApi.get(`/accounts/${accountId}/contacts?q=${encodeURIComponent(email)}`)) as { items: { id: string; email: string | null }[] };
  const contact = contacts.items.find((candidate) => candidate.email === email)!;
  const deliveredAt = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
  await adminApi.send('POST', `/accounts/${accountId}/orders`, {
    number: `J-${TAG}`,
    contactId: contact.id,
    currency: 'JPY',
    lines: [{ id: 'bowl', title: 'Hagi tea bowl', quantity: 1, unitPriceMinor: 6800 }, { id: 'cloth', title: 'Furoshiki cloth', quantity: 2, unitPriceMinor: 1200 }],
    financialStatus: 'paid',
    fulfillmentStatus: 'delivered',
    shipments: [{ carrier: 'Yamato', trackingNumber: `YT${TAG}`, trackingUrl: `https://track.example/YT${TAG}`, status: 'delivered', shippedAt: deliveredAt, deliveredAt }],
    placedAt: new Date(Date.now() - 4 * 24 * 3600_000).toISOString(),
  });

  // 4. Check the order: "My account" in the chat opens the portal already signed in.
  const opening = phone.context().waitForEvent('page');
  await dialog.getByRole('button', { name: 'My account' }).click();
  const portal = await opening;
  await closePromptsWhenShown(portal);
  await expect(portal.getByRole('heading', { level: 1, name: `Hello, ${name}` })).toBeVisible();
  await portal.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  await portal.getByRole('link', { name: new RegExp(`Order J-${TAG}`) }).click();
  await expect(portal.getByText('Hagi tea bowl')).toBeVisible();
  await expect(portal.getByRole('link', { name: `Track package (Yamato YT${TAG})` })).toHaveAttribute('href', `https://track.example/YT${TAG}`);
  await expectNoAxeViolations(portal);

  // 5. Return the cloths for a refund (a reason that needs no photo), and take the slip.
  await portal.getByRole('link', { name: 'Return items' }).click();
  await portal.getByLabel('Quantity to return for Furoshiki cloth').selectOption('2');
  await portal.getByRole('button', { name: 'Continue' }).click();
  await portal.getByLabel('Changed my mind').check();
  await portal.getByRole('button', { name: 'Continue' }).click();
  await expect(portal.getByRole('heading', { level: 2, name: 'Photos' })).toBeVisible();
  await portal.getByRole('button', { name: 'Continue' }).click();
  await portal.getByRole('radio', { name: /Refund/ }).check();
  await portal.getByRole('button', { name: 'Continue' }).click();
  await expect(portal.getByRole('heading', { level: 3, name: 'Return policy' })).toBeVisible();
  await portal.getByRole('button', { name: 'Confirm return' }).click();
  await expect(portal.getByText('Your return has started')).toBeVisible();
  await expectNoAxeViolations(portal);
  const downloading = portal.waitForEvent('download');
  await portal.getByRole('link', { name: 'Download return slip (PDF)' }).click();
  expect(readFileSync((await (await downloading).path())!).subarray(0, 5).toString()).toBe('%PDF-');

  // The shop sees the return in its queue, for this customer, with the two cloths.
  const returns = (await adminApi.get(`/accounts/${accountId}/returns?contactId=${contact.id}`)) as { items: { lines: { orderLineId: string; quantity: number }[] }[] };
  expect(returns.items.map((item) => item.lines)).toEqual([[expect.objectContaining({ orderLineId: 'cloth', quantity: 2 })]]);
});
