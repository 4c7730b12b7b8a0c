import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { createAgent, findAccountId } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { closePromptsWhenShown } from './support/prompts.ts';
import { createTranslator } from './support/ui-text.ts';

/** The demo admin reads the console in Japanese. */
const ja = createTranslator('ja');

/**
 * Coupons and points, and delight on the spot (docs/rewards.md, docs/delight.md): an admin creates a coupon pool and
 * generates its codes; an admin gives a new agent a budget; the agent sends a voucher and a card from a conversation
 * without approval, and is refused once over budget; the customer finds the voucher in the portal's "My rewards" on a
 * phone; the report shows the gesture.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function expectNoSideScroll(page: Page) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, 'no horizontal scroll').toBeLessThanOrEqual(widths.client);
}

test('an admin creates a coupon pool, generates its codes with progress, and sees the stock', async ({ openPage, adminApi }) => {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/engagement/rewards`);
  await expect(page.getByRole('heading', { level: 1, name: ja('rewards.title') })).toBeVisible();
  await page.getByRole('button', { name: ja('rewards.newPool') }).click();
  await page.getByLabel(ja('rewards.poolName')).fill(`Spring ${tag}`);
  await page.getByLabel(ja('rewards.kind')).selectOption('amount');
  await page.getByLabel(ja('rewards.valueAmount')).fill('5');
  await page.getByLabel(ja('rewards.currency')).fill('USD');
  await page.getByLabel(ja('rewards.prefix')).fill(`SP${tag}-`);
  await page.getByRole('button', { name: ja('rewards.createPool') }).click();
  await page.getByRole('link', { name: `Spring ${tag}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Spring ${tag}` })).toBeVisible();
  await page.getByLabel(ja('rewards.generateCount')).fill('1500');
  await page.getByRole('button', { name: ja('rewards.generate') }).click();
  await expect(page.getByText(ja('rewards.added', { count: '1,500' }))).toBeVisible();
  await expect(page.getByTestId('pool-stock')).toContainText(ja('rewards.stockAvailable', { count: '1,500' }));
  await expect(page.getByText(ja('rewards.codesShown', { shown: 50, total: 1500 }))).toBeVisible();
  await page.getByLabel(ja('rewards.pasteCodes')).fill(`OWN-${tag}-1\nbad code\nOWN-${tag}-1`);
  await page.getByRole('button', { name: ja('rewards.importCodes') }).click();
  await expect(page.getByText(ja('rewards.lineError', { line: 2, message: 'must be 4 to 40 letters, digits or dashes' }))).toBeVisible();
  await expect(page.getByText(ja('rewards.lineError', { line: 3, message: 'repeats the code on line 1' }))).toBeVisible();
  await expect(page.getByTestId('pool-stock')).toContainText(ja('rewards.stockAvailable', { count: '1,501' }));
  await page.getByLabel(ja('rewards.searchCodes')).fill(`own-${tag}`);
  await expect(page.getByRole('cell', { name: `OWN-${tag}-1`, exact: true })).toBeVisible();
  await page.getByRole('button', { name: `${ja('rewards.void')}: OWN-${tag}-1` }).click();
  await page.getByRole('button', { name: ja('rewards.confirmVoid') }).click();
  await expect(page.getByRole('cell', { name: ja('rewards.status.void'), exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an agent delights a customer within budget, is refused over it, and the customer finds the voucher in the portal', async ({ openPage, adminApi, baseURL }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const accountId = findAccountId(adminApi.me);
  const agent = await createAgent(baseURL ?? '', adminApi, 'delight');
  const inboxes = (await adminApi.get(`/accounts/${accountId}/inboxes`)) as { id: string; channel: string }[];
  const chat = inboxes.find((inbox) => inbox.channel === 'web_chat')!;
  await adminApi.send('PATCH', `/accounts/${accountId}/members/${agent.session.me.user.id}`, { inboxIds: [chat.id] });
  const pool = (await adminApi.send('POST', `/accounts/${accountId}/coupon-pools`, { name: `Sorry ${tag}`, kind: 'amount', value: 500, currency: 'USD', prefix: `D${tag}-` })) as { id: string };
  await adminApi.send('POST', `/accounts/${accountId}/coupon-pools/${pool.id}/codes`, { generate: 10 });
  const contact = (await adminApi.send('POST', `/accounts/${accountId}/contacts`, { name: `Hana ${tag}`, email: `hana-${tag.toLowerCase()}@e2e.touchpoint.dev`, locale: 'en' })) as { id: string };
  const conversation = (await adminApi.send('POST', `/accounts/${accountId}/conversations`, { inboxId: chat.id, contactId: contact.id, subject: `Broken cup ${tag}`, message: { body: 'My cup arrived broken.' } })) as { id: string };

  // The admin gives the new agent $8 a month.
  const admin = await openPage('aiko');
  await admin.goto(`/a/${accountId}/engagement/delight`);
  await expect(admin.getByRole('heading', { level: 1, name: ja('delight.title') })).toBeVisible();
  await admin.getByLabel(ja('delight.agent'), { exact: true }).selectOption({ label: agent.name });
  await admin.locator('#agent-amount').fill('8');
  await admin.locator('#agent-currency').fill('USD');
  await admin.locator('#agent-period').selectOption('month');
  await admin.getByRole('button', { name: ja('delight.save') }).nth(1).click();
  await expect(admin.getByText(`${agent.name} · ${ja('delight.budgetLine', { amount: '$8.00', period: ja('delight.period.month') })}`)).toBeVisible();
  await expectNoAxeViolations(admin);

  // The agent sends a $5 voucher from the conversation, on the spot.
  const page = await openPage(await agent.session.request.storageState());
  await page.goto(`/a/${accountId}/conversations/${conversation.id}`);
  await expect(page.getByRole('heading', { name: new RegExp(`Broken cup ${tag}`) })).toBeVisible();
  // Narrower screens fold the contact panel (where Delight sits) behind a toggle.
  const details = page.getByRole('button', { name: 'Contact details' });
  if (await details.isVisible()) await details.click();
  await expect(page.getByTestId('delight-left')).toContainText('$8.00 left of $8.00 monthly');
  await page.getByRole('button', { name: 'Delight this customer' }).click();
  await page.getByRole('combobox', { name: 'Voucher' }).selectOption(pool.id);
  await page.getByLabel('Card design').selectOption('sorry');
  await page.getByLabel('Your personal message').fill(`Hana, so sorry about the cup. ${tag}`);
  await page.getByRole('button', { name: 'Send now' }).click();
  const sent = page.getByRole('status').filter({ hasText: /^Voucher D.* sent\.$/ });
  await expect(sent).toBeVisible();
  const code = /Voucher (\S+) sent/.exec((await sent.textContent()) ?? '')![1]!;
  await expect(page.getByTestId('delight-left')).toContainText('$3.00 left of $8.00 monthly');
  await expect(page.getByText(/Delight: E2E delight sent a voucher/)).toBeVisible();
  await expectNoAxeViolations(page);

  // A second $5 voucher would go over budget: refused, nothing sent.
  await page.getByRole('button', { name: 'Delight this customer' }).click();
  await page.getByRole('combobox', { name: 'Voucher' }).selectOption(pool.id);
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByRole('alert')).toContainText('Nothing was sent');
  await expect(page.getByTestId('delight-left')).toContainText('$3.00 left');
  // A card costs nothing and still goes out.
  await page.getByRole('radio', { name: 'Card' }).check();
  await page.getByLabel('Your personal message').fill('Thinking of you, Hana.');
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByText('Card sent.')).toBeVisible();

  // The customer, on a phone, finds the voucher in "My rewards".
  const link = (await adminApi.send('POST', `/accounts/${accountId}/contacts/${contact.id}/portal-link`)) as { url: string };
  const phone = await openPage(null, PHONE);
  await closePromptsWhenShown(phone);
  const url = new URL(link.url);
  await phone.goto(`${url.pathname}${url.hash}`);
  await expect(phone.getByRole('heading', { level: 1, name: `Hello, Hana ${tag}` })).toBeVisible();
  await phone.getByRole('link', { name: /My rewards/ }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'My rewards' })).toBeVisible();
  await expect(phone.getByTestId('portal-coupon-code')).toHaveText(code);
  await expect(phone.getByText('$5.00 off')).toBeVisible();
  await expectNoAxeViolations(phone);
  await expectNoSideScroll(phone);

  // The report shows the gesture with its conversation.
  await admin.reload();
  const gestures = admin.getByTestId('delight-gestures');
  await expect(gestures.getByRole('row').filter({ hasText: `Hana ${tag}` }).filter({ hasText: ja('delight.kind.voucher') })).toBeVisible();
  await expect(gestures.getByRole('row').filter({ hasText: `Hana ${tag}` }).filter({ hasText: 'Thinking of you, Hana.' })).toBeVisible();
});
