import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder } from '@touchpoint/commerce';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { handleOfAccount, mintSignInLink } from '@touchpoint/customers';
import { multipartBody } from '../testing/multipart.ts';
import { createTestApp, createTestWorkspace, type TestApp, type TestWorkspace } from '../testing/test-app.ts';
import { getTestDatabase } from '../testing/test-database.ts';

const RUN = randomUUID().slice(0, 8);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

let t: TestApp;
let ws: TestWorkspace;
let handle: string;
let scope: AccountScope;
let mine: { orderId: string; customer: Customer };
let theirs: { orderId: string; customer: Customer };

interface Customer {
  cookie: string;
  csrfToken: string;
}

const portal = (path: string) => `/api/portal/${handle}${path}`;
const as = (who: Customer, options: InjectOptions) => t.app.inject({ ...options, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, ...(options.headers ?? {}) } });

/** A signed-in customer with one delivered order (a returnable vase, a final-sale card) shipped with a tracking link. */
async function customerWithOrder(name: string) {
  const { db } = await getTestDatabase();
  const contact = await createContact(db, scope, { name, email: `${name.toLowerCase()}-${RUN}@example.test` });
  const deliveredAt = new Date(Date.now() - 3 * 24 * 3600_000);
  const order = await createOrder(db, scope, {
    number: `P-${name}-${RUN}`,
    contactId: contact.id,
    currency: 'JPY',
    lines: [
      { id: 'vase', title: 'Celadon vase', quantity: 2, unitPriceMinor: 4800 },
      { id: 'card', title: 'Gift card', quantity: 1, unitPriceMinor: 3000, productTags: ['gift-card'] },
    ],
    shippingMinor: 500,
    financialStatus: 'paid',
    fulfillmentStatus: 'delivered',
    shipments: [{ carrier: 'Yamato', trackingNumber: `TRK${RUN}`, trackingUrl: `https://track.example/TRK${RUN}`, status: 'delivered', shippedAt: deliveredAt, deliveredAt }],
    placedAt: new Date(deliveredAt.getTime() - 24 * 3600_000),
  });
  const link = await mintSignInLink(db, ws.accountId, contact.id, 'widget');
  const redeemed = await t.app.inject({ method: 'POST', url: portal('/auth/redeem'), payload: { token: link.token } });
  const cookie = (redeemed.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_customer')!;
  return { orderId: order.id, customer: { cookie: `tp_customer=${cookie.value}`, csrfToken: redeemed.json().csrfToken } };
}

async function uploadPhoto(who: Customer, fileName: string, contentType: string, content: Buffer) {
  const { body, contentType: type } = multipartBody([{ name: 'file', value: content, fileName, contentType }]);
  return as(who, { method: 'POST', url: portal('/return-photos'), payload: body, headers: { 'content-type': type } });
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Portal commerce');
  const { db } = await getTestDatabase();
  handle = await handleOfAccount(db, ws.accountId);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  mine = await customerWithOrder('Mina');
  theirs = await customerWithOrder('Taro');
});
afterAll(async () => {
  await t.close();
});

describe('my orders in the portal', () => {
  it('lists my orders and shows one with lines, totals, tracking and whether it can be returned', async () => {
    const list = await as(mine.customer, { method: 'GET', url: portal('/orders') });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().orders).toEqual([expect.objectContaining({ id: mine.orderId, status: 'delivered', currency: 'JPY', totalMinor: 13100, itemCount: 3 })]);
    const order = await as(mine.customer, { method: 'GET', url: portal(`/orders/${mine.orderId}`) });
    expect(order.statusCode, order.body).toBe(200);
    expect(order.json()).toMatchObject({ canReturn: true, shippingMinor: 500, lines: [{ id: 'vase', quantity: 2, totalMinor: 9600 }, { id: 'card' }], shipments: [{ carrier: 'Yamato', trackingUrl: `https://track.example/TRK${RUN}` }] });
  });

  it('answers 404 for another customer’s order, its eligibility, and a return of it', async () => {
    expect((await as(mine.customer, { method: 'GET', url: portal(`/orders/${theirs.orderId}`) })).statusCode).toBe(404);
    expect((await as(mine.customer, { method: 'GET', url: portal(`/orders/${theirs.orderId}/return-eligibility`) })).statusCode).toBe(404);
    const stolen = await as(mine.customer, { method: 'POST', url: portal('/returns'), payload: { orderId: theirs.orderId, lines: [{ lineId: 'vase', quantity: 1 }], reason: 'changed_mind', resolution: 'refund' } });
    expect(stolen.statusCode).toBe(404);
  });
});

describe('returns in the portal', () => {
  let returnId: string;

  it('shows which lines can be returned, with the reason and the policy in my language', async () => {
    const eligibility = await as(mine.customer, { method: 'GET', url: portal(`/orders/${mine.orderId}/return-eligibility?locale=ja`) });
    expect(eligibility.statusCode, eligibility.body).toBe(200);
    expect(eligibility.json().lines).toEqual([
      expect.objectContaining({ lineId: 'vase', eligible: true, returnableQuantity: 2 }),
      expect.objectContaining({ lineId: 'card', eligible: false, reason: 'non_returnable' }),
    ]);
    expect(eligibility.json().policy).toContain('30日');
    expect(eligibility.json().reasons).toContainEqual({ code: 'damaged', label: '破損して届いた', photoRequired: true });
  });

  it('refuses a photo of the wrong type with a clear message, and keeps a real one', async () => {
    const pdf = await uploadPhoto(mine.customer, 'receipt.pdf', 'application/pdf', Buffer.from('%PDF-1.4 not a photo'));
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().detail).toContain('application/pdf');
    const disguised = await uploadPhoto(mine.customer, 'vase.png', 'image/png', Buffer.from('%PDF-1.4 renamed'));
    expect(disguised.statusCode).toBe(415);
    const photo = await uploadPhoto(mine.customer, 'vase.png', 'image/png', PNG);
    expect(photo.statusCode, photo.body).toBe(201);
  });

  it('starts a return with lines, reason, photo and resolution; refuses an ineligible line, naming it', async () => {
    const refused = await as(mine.customer, { method: 'POST', url: portal('/returns'), payload: { orderId: mine.orderId, lines: [{ lineId: 'card', quantity: 1 }], reason: 'changed_mind', resolution: 'refund' } });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    expect(refused.body).toContain('card');
    const photo = (await uploadPhoto(mine.customer, 'crack.png', 'image/png', PNG)).json();
    const started = await as(mine.customer, { method: 'POST', url: portal('/returns'), payload: { orderId: mine.orderId, lines: [{ lineId: 'vase', quantity: 1 }], reason: 'damaged', note: 'Cracked rim', resolution: 'exchange', photoIds: [photo.id] } });
    expect(started.statusCode, started.body).toBe(201);
    returnId = started.json().id;
    const detail = await as(mine.customer, { method: 'GET', url: portal(`/returns/${returnId}`) });
    expect(detail.json()).toMatchObject({ status: 'requested', resolution: 'exchange', reason: 'damaged', note: 'Cracked rim', lines: [{ lineId: 'vase', quantity: 1 }], photos: [{ id: photo.id }], history: [{ status: 'requested' }], canCancel: true });
    const list = await as(mine.customer, { method: 'GET', url: portal('/returns') });
    expect(list.json().returns.map((r: { id: string }) => r.id)).toEqual([returnId]);
    const eligibility = await as(mine.customer, { method: 'GET', url: portal(`/orders/${mine.orderId}/return-eligibility`) });
    expect(eligibility.json().lines[0]).toMatchObject({ lineId: 'vase', returnableQuantity: 1 });
  });

  it('serves my slip as a PDF, and nobody else’s', async () => {
    const slip = await as(mine.customer, { method: 'GET', url: portal(`/returns/${returnId}/slip.pdf`) });
    expect(slip.statusCode).toBe(200);
    expect(slip.headers['content-type']).toBe('application/pdf');
    expect(slip.headers['content-disposition']).toContain('attachment');
    expect(slip.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await as(theirs.customer, { method: 'GET', url: portal(`/returns/${returnId}/slip.pdf`) })).statusCode).toBe(404);
    expect((await as(theirs.customer, { method: 'GET', url: portal(`/returns/${returnId}`) })).statusCode).toBe(404);
    expect((await as(theirs.customer, { method: 'POST', url: portal(`/returns/${returnId}/cancel`) })).statusCode).toBe(404);
  });

  it('lets me withdraw the return before it is received', async () => {
    const cancelled = await as(mine.customer, { method: 'POST', url: portal(`/returns/${returnId}/cancel`) });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', canCancel: false });
  });
});
