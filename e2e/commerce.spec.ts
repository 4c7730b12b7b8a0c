import { randomUUID } from 'node:crypto';
import { findAccountId, type ApiSession } from './support/api.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { createTranslator } from './support/ui-text.ts';

/** Sam (an agent who works the store inbox) reads English; Aiko (admin) reads Japanese. */
const t = createTranslator('en');
const ja = createTranslator('ja');
const PHONE = { width: 390, height: 844 };

interface PlacedOrder {
  id: string;
  number: string;
  contactId: string;
}

/** A delivered order of a new customer: two teapots (returnable) and a gift card (not), tracked with UPS. */
async function placeOrder(api: ApiSession, accountId: string, name: string): Promise<PlacedOrder> {
  const tag = randomUUID().slice(0, 8);
  const deliveredAt = new Date(Date.now() - 3 * 24 * 3600_000).toISOString();
  const response = (await api.send('POST', `/accounts/${accountId}/orders`, {
    number: `E2E-${tag}`,
    customer: { email: `shopper-${tag}@e2e.touchpoint.dev`, name },
    currency: 'JPY',
    lines: [
      { id: 'teapot', title: 'Cast-iron teapot', sku: 'TEA-IRON', variant: 'Black', quantity: 2, unitPriceMinor: 8900 },
      { id: 'card', title: 'Gift card', quantity: 1, unitPriceMinor: 5000, productTags: ['gift-card'] },
    ],
    shipments: [{ carrier: 'UPS', trackingNumber: `1Z${tag}`, trackingUrl: `https://track.example/1Z${tag}`, status: 'delivered', deliveredAt }],
    placedAt: new Date(Date.now() - 6 * 24 * 3600_000).toISOString(),
  })) as { order: PlacedOrder };
  return response.order;
}

test('an agent sees the order with its tracking link, starts a return, and takes it to refunded from the Returns page', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const order = await placeOrder(adminApi, accountId, `E2E Buyer ${randomUUID().slice(0, 4)}`);
  const page = await openPage('sam');
  await page.goto(`/a/${accountId}/contacts/${order.contactId}`);

  const card = page.getByRole('article', { name: order.number });
  await expect(card.getByRole('link', { name: /Track with UPS/ })).toHaveAttribute('href', /^https:\/\/track\.example\/1Z/);
  await card.getByRole('button', { name: t('order.startReturn') }).click();

  const form = page.getByRole('form', { name: t('startReturn.title', { number: order.number }) });
  await expect(form.getByText(t('return.ineligible.non_returnable'))).toBeVisible();
  await form.getByLabel(t('startReturn.quantity', { title: 'Cast-iron teapot' })).fill('1');
  await form.getByLabel(t('startReturn.reason')).selectOption('changed_mind');
  await form.getByRole('button', { name: t('startReturn.submit') }).click();
  const started = page.getByRole('status').filter({ hasText: /R-\d+/ });
  await expect(started).toBeVisible();
  await expectNoAxeViolations(page);
  const number = (await started.getByRole('link').textContent())!;
  // The contact's timeline takes the new return step live, linked to the return.
  await expect(page.getByRole('list', { name: t('timeline.list') }).getByRole('link', { name: number })).toBeVisible();

  await page.getByRole('link', { name: t('nav.returns') }).click();
  await page.getByLabel(t('returns.search')).fill(order.number);
  await page.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('returns.detailTitle', { number }) })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: t('returns.approve') }).click();
  await page.getByRole('button', { name: t('returns.receive') }).click();
  await page.getByRole('button', { name: t('returns.markRefunded') }).click();
  await expect(page.getByText(t('returns.done'))).toBeVisible();
  await expect(page.getByRole('list').filter({ hasText: t('return.status.refunded') }).getByRole('listitem')).toHaveCount(4);
});

test('the inbox side panel shows the customer’s orders with tracking and their returns', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const contacts = (await adminApi.get(`/accounts/${accountId}/contacts?q=meiling.wang`)) as { items: { id: string }[] };
  const contact = (await adminApi.get(`/accounts/${accountId}/contacts/${contacts.items[0]!.id}`)) as { conversations: { id: string }[] };
  // Aiko (admin, Japanese) sees the WhatsApp inbox where this customer wrote.
  const page = await openPage('aiko', { viewport: { width: 1800, height: 1000 } });
  await page.goto(`/a/${accountId}/conversations/${contact.conversations[0]!.id}`);
  const panel = page.getByRole('region', { name: ja('conversation.contact') });
  const order = panel.getByRole('article', { name: 'SG-1044' });
  await expect(order.getByRole('link', { name: ja('order.trackWith', { carrier: 'SF Express' }) })).toBeVisible();
  // The demo's return for this order, started in the portal, with its status.
  await expect(order.getByRole('link', { name: /^R-\d+$/ })).toBeVisible();
  await expect(order.getByText(ja('return.status.requested'))).toBeVisible();
  await expectNoAxeViolations(page);
});

test('store mode on a phone: the customer’s QR finds them, a return is taken at the counter, the visit is logged, and a slip is received', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const name = `E2E 来店 ${randomUUID().slice(0, 4)}`;
  const order = await placeOrder(adminApi, accountId, name);
  const page = await openPage('sam', { viewport: PHONE });
  await page.goto(`/a/${accountId}`);
  await page.getByRole('navigation').getByRole('link', { name: t('nav.store') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('store.title') })).toBeVisible();

  // A scanner types the portal QR's text and Enter into the focused box.
  const box = page.getByRole('searchbox', { name: t('store.findLabel') });
  await expect(box).toBeFocused();
  await page.keyboard.type(`touchpoint:contact:${order.contactId}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('article', { name: order.number }).getByRole('button', { name: t('order.startReturn') }).click();
  const form = page.getByRole('form', { name: t('startReturn.title', { number: order.number }) });
  await form.getByLabel(t('startReturn.quantity', { title: 'Cast-iron teapot' })).fill('2');
  await form.getByLabel(t('startReturn.reason')).selectOption('wrong_item');
  await form.getByText(t('return.resolution.exchange')).click();
  await form.getByRole('button', { name: t('startReturn.submit') }).click();
  await expect(page.getByRole('status').filter({ hasText: /R-\d+/ })).toBeVisible();

  const visit = page.getByRole('form', { name: t('store.logVisit') });
  await visit.getByLabel(t('store.visitNote')).fill('Brought the wrong teapot back; exchange for the red one.');
  await visit.getByRole('button', { name: t('store.saveVisit') }).click();
  await expect(page.getByText(t('store.visitSaved'))).toBeVisible();

  const returns = (await adminApi.get(`/accounts/${accountId}/returns?contactId=${order.contactId}`)) as { items: { id: string; number: string; source: string; resolution: string }[] };
  expect(returns.items).toEqual([expect.objectContaining({ source: 'store', resolution: 'exchange' })]);
  const timeline = (await adminApi.get(`/accounts/${accountId}/contacts/${order.contactId}/timeline`)) as { items: { kind: string; summary: string }[] };
  expect(timeline.items.map((item) => item.kind)).toEqual(expect.arrayContaining(['conversation', 'return', 'order']));
  expect(timeline.items.find((item) => item.kind === 'conversation')?.summary).toContain('In store: Brought the wrong teapot back');

  // Later the parcel comes in with its slip: the slip's QR finds the return, which is approved and received.
  await page.getByRole('button', { name: t('store.clear') }).click();
  await box.fill(`touchpoint:return:${returns.items[0]!.id}`);
  await box.press('Enter');
  const slip = page.getByRole('region', { name: new RegExp(returns.items[0]!.number) });
  await slip.getByRole('button', { name: t('returns.approve') }).click();
  await slip.getByRole('button', { name: t('returns.receive') }).click();
  await expect(slip.getByRole('button', { name: t('returns.markExchanged') })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('store mode on a phone: a walk-in customer with no profile is added and their visit logged', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const email = `walkin-${randomUUID().slice(0, 8)}@e2e.touchpoint.dev`;
  const page = await openPage('sam', { viewport: PHONE });
  await page.goto(`/a/${accountId}/store`);
  const box = page.getByRole('searchbox', { name: t('store.findLabel') });
  await box.fill(email);
  await box.press('Enter');
  await expect(page.getByText(t('store.noMatch', { query: email }))).toBeVisible();
  const form = page.getByRole('form', { name: t('store.addCustomer') });
  await expect(form.getByLabel(t('store.newEmail'))).toHaveValue(email);
  await form.getByLabel(t('store.newName')).fill('Walk-in Customer');
  await form.getByRole('button', { name: t('store.create') }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Walk-in Customer' })).toBeVisible();
  await expectNoAxeViolations(page);
  const visit = page.getByRole('form', { name: t('store.logVisit') });
  await visit.getByLabel(t('store.visitNote')).fill('Asked about teapot sizes.');
  await visit.getByRole('button', { name: t('store.saveVisit') }).click();
  await expect(page.getByText(t('store.visitSaved'))).toBeVisible();
});

test('an admin sets the return policy and connects a Shopify store, in Japanese', async ({ openPage, adminApi }) => {
  const accountId = findAccountId(adminApi.me);
  const page = await openPage('aiko');
  await page.goto(`/a/${accountId}/settings/return-policy`);
  await expect(page.getByRole('heading', { level: 1, name: ja('policy.title') })).toBeVisible();
  await page.getByLabel(ja('policy.windowDays')).fill('30');
  await page.getByRole('button', { name: ja('common.save') }).click();
  await expect(page.getByRole('status').filter({ hasText: ja('common.saved') })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/a/${accountId}/settings/shopify`);
  await page.getByLabel(ja('shopify.shopDomain')).fill('sakura-e2e.myshopify.com');
  await page.getByLabel(ja('shopify.secret')).fill(`shpss_${randomUUID().replaceAll('-', '')}`);
  await page.getByRole('button', { name: ja('shopify.connect') }).click();
  await expect(page.getByText(ja('shopify.connected', { domain: 'sakura-e2e.myshopify.com' }))).toBeVisible();
  await expect(page.getByRole('textbox', { name: ja('shopify.webhookUrl') })).toHaveValue(/\/webhooks\/shopify\/[0-9a-f]{32}$/);
  await expectNoAxeViolations(page);
  await adminApi.send('DELETE', `/accounts/${accountId}/integrations/shopify`);
});
