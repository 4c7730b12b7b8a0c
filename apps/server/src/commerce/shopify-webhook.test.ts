import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

/** Shopify's own fixture (MIT, see fixtures/shopify/LICENSE): a webhook body is the inner `order` object. */
const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/shopify/order.json', import.meta.url), 'utf8')).order as Record<string, unknown>;
const SECRET = 'shpss_0123456789abcdef0123456789abcdef';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let webhookPath: string;
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;

function deliver(body: Record<string, unknown>, options: { topic?: string; webhookId?: string; secret?: string; path?: string } = {}) {
  const raw = Buffer.from(JSON.stringify(body));
  return t.app.inject({
    method: 'POST',
    url: options.path ?? webhookPath,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': options.topic ?? 'orders/create',
      'x-shopify-hmac-sha256': createHmac('sha256', options.secret ?? SECRET).update(raw).digest('base64'),
      'x-shopify-shop-domain': 'sakura-test.myshopify.com',
      'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
    },
  });
}

/** The fixture as a new order of this test: its own Shopify id and number. */
const freshOrder = (overrides: Record<string, unknown> = {}) => {
  const id = Math.floor(Math.random() * 1e12);
  return { ...FIXTURE, id, name: `#S${id}`, email: `${id}@shopper.test`, ...overrides };
};

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Shopify');
  admin = await signInAs(t.app, ws.admin.email);
  const connected = await requestAs(t.app, admin, { method: 'PUT', url: url('/integrations/shopify'), payload: { shopDomain: 'https://Sakura-Test.myshopify.com/admin', webhookSecret: SECRET } });
  expect(connected.statusCode).toBe(200);
  webhookPath = new URL(connected.json().webhookUrl).pathname;
});
afterAll(() => t.close());

describe('the Shopify connection', () => {
  it('shows the domain and the webhook URL to paste, never the secret, and only to admins', async () => {
    const view = await requestAs(t.app, admin, { method: 'GET', url: url('/integrations/shopify') });
    expect(view.json()).toMatchObject({ connected: true, shopDomain: 'sakura-test.myshopify.com', webhookUrl: expect.stringMatching(/^http:\/\/touchpoint\.test\/webhooks\/shopify\/[0-9a-f]{32}$/) });
    expect(view.body).not.toContain(SECRET);
    const agent = await signInAs(t.app, ws.agent.email);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url('/integrations/shopify') })).statusCode).toBe(403);
    const bad = await requestAs(t.app, admin, { method: 'PUT', url: url('/integrations/shopify'), payload: { shopDomain: 'example.com' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('shopDomain');
  });
});

describe('orders/create and orders/updated webhooks', () => {
  it('turns Shopify’s order into ours: lines, totals in minor units, statuses, the fulfilment’s tracking, and the customer by email', async () => {
    const body = freshOrder();
    const response = await deliver(body);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ applied: true, outcome: 'created' });
    const order = (await requestAs(t.app, admin, { method: 'GET', url: url(`/orders/${response.json().orderId}`) })).json();
    expect(order).toMatchObject({
      number: body.name, currency: 'USD', source: 'shopify', externalId: String(body.id),
      subtotalMinor: 39800, taxMinor: 1194, discountMinor: 0, totalMinor: 40994, financialStatus: 'authorized', fulfillmentStatus: 'unfulfilled',
      customerEmail: body.email, customerName: 'Bob Norman', providerUpdatedAt: '2008-01-10T16:00:00.000Z',
    });
    expect(order.lines.map((l: { id: string; sku: string; variant: string; unitPriceMinor: number }) => [l.id, l.sku, l.variant, l.unitPriceMinor])).toEqual([
      ['466157049', 'IPOD2008GREEN', 'green', 19900], ['518995019', 'IPOD2008RED', 'red', 19900], ['703073504', 'IPOD2008BLACK', 'black', 19900],
    ]);
    expect(order.shipments).toEqual([expect.objectContaining({ trackingNumber: '1Z2345', status: 'failed', trackingUrl: expect.stringContaining('ups.com') })]);
    const contact = (await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts/${order.contactId}`) })).json();
    expect(contact).toMatchObject({ name: 'Bob Norman', email: body.email });
  });

  it('refuses a body not signed with the store’s secret with a 401 problem, and changes nothing', async () => {
    const body = freshOrder();
    const response = await deliver(body, { secret: 'someone-elses-secret-0000' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const list = await requestAs(t.app, admin, { method: 'GET', url: url(`/orders?q=${encodeURIComponent(String(body.name))}`) });
    expect(list.json().items).toEqual([]);
    expect((await deliver(body, { path: '/webhooks/shopify/00000000000000000000000000000000' })).statusCode).toBe(404);
  });

  it('ignores a replayed delivery and an update older than the one applied, so the order never duplicates or regresses', async () => {
    const created = freshOrder({ updated_at: '2031-05-01T10:00:00Z' });
    const webhookId = randomUUID();
    await deliver(created, { webhookId });
    const replay = await deliver(created, { webhookId });
    expect(replay.json()).toMatchObject({ applied: false, reason: 'duplicate delivery' });

    const shipped = {
      ...created, updated_at: '2031-05-03T10:00:00Z', financial_status: 'paid', fulfillment_status: 'fulfilled',
      fulfillments: [{ id: 1, status: 'success', shipment_status: 'delivered', tracking_company: 'UPS', tracking_number: '1ZNEW', tracking_url: 'https://ups.example/1ZNEW', created_at: '2031-05-02T10:00:00Z', updated_at: '2031-05-03T09:00:00Z' }],
    };
    const late = { ...created, updated_at: '2031-05-02T10:00:00Z', financial_status: 'paid' };
    expect((await deliver(shipped, { topic: 'orders/updated' })).json().outcome).toBe('updated');
    expect((await deliver(late, { topic: 'orders/updated' })).json()).toMatchObject({ applied: false, outcome: 'stale' });

    const list = await requestAs(t.app, admin, { method: 'GET', url: url(`/orders?q=${encodeURIComponent(String(created.name))}`) });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({ status: 'delivered', financialStatus: 'paid', deliveredAt: '2031-05-03T09:00:00.000Z', shipments: [{ trackingNumber: '1ZNEW', status: 'delivered' }] });
  });

  it('answers a body that is not an order with a 400 naming the field', async () => {
    const response = await deliver({ ...freshOrder(), line_items: [] });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('line_items');
  });
});

describe('disconnecting the store', () => {
  it('refuses its webhooks from then on and keeps the orders already received', async () => {
    const body = freshOrder();
    expect((await deliver(body)).statusCode).toBe(200);
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: url('/integrations/shopify') })).statusCode).toBe(204);
    expect((await deliver(freshOrder())).statusCode).toBe(404);
    const kept = await requestAs(t.app, admin, { method: 'GET', url: url(`/orders?q=${encodeURIComponent(String(body.name))}`) });
    expect(kept.json().items).toHaveLength(1);
    const view = await requestAs(t.app, admin, { method: 'GET', url: url('/integrations/shopify') });
    expect(view.json()).toMatchObject({ connected: false, webhookUrl: null });
  });
});
