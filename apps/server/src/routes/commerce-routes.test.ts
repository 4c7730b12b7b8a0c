import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';
import { multipartBody } from '../testing/multipart.ts';
import { eventsSettled } from '../testing/events-settled.ts';
import { startSmtpSink } from '../testing/smtp-sink.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e0d8e50000000049454e44ae426082', 'hex');
let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000).toISOString();

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ env: { SMTP_URL: sink.url } });
  ws = await createTestWorkspace('Commerce');
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

async function placeDeliveredOrder(email = `${randomUUID().slice(0, 8)}@buyer.test`) {
  const response = await requestAs(t.app, agent, {
    method: 'POST',
    url: url('/orders'),
    payload: {
      number: `API-${randomUUID().slice(0, 6)}`,
      customer: { email, name: 'Buyer', phone: '+81 90 1234 5678' },
      currency: 'USD',
      lines: [{ id: 'a', title: 'Teapot', sku: 'TP-1', quantity: 2, unitPriceMinor: 4000, productTags: ['teaware'] }, { id: 'b', title: 'Gift card', quantity: 1, unitPriceMinor: 2500, productTags: ['gift-card'] }],
      shippingMinor: 500,
      taxMinor: 800,
      shipments: [{ carrier: 'UPS', trackingNumber: '1Z1', trackingUrl: 'https://track.example/1Z1', status: 'delivered', deliveredAt: daysAgo(3) }],
      placedAt: daysAgo(6),
    },
  });
  expect(response.statusCode).toBe(200);
  return response.json().order as { id: string; contactId: string; number: string };
}

describe('orders API', () => {
  it('creates an order for a customer matched or created by email, with totals worked out', async () => {
    const email = `${randomUUID().slice(0, 8)}@buyer.test`;
    const first = await placeDeliveredOrder(email);
    const second = await placeDeliveredOrder(email);
    expect(second.contactId).toBe(first.contactId);
    const got = await requestAs(t.app, agent, { method: 'GET', url: url(`/orders/${first.id}`) });
    expect(got.json()).toMatchObject({ subtotalMinor: 10500, totalMinor: 11800, status: 'delivered', shipments: [{ trackingUrl: 'https://track.example/1Z1' }], returns: [] });
    const contact = await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts/${first.contactId}`) });
    expect(contact.json()).toMatchObject({ email, phone: '+819012345678' });
    expect(contact.json().orders.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    const list = await requestAs(t.app, agent, { method: 'GET', url: url(`/orders?q=${first.number}`) });
    expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([first.id]);
  });

  it('matches a customer by phone only when no email contradicts it', async () => {
    const phone = `+8170${Math.floor(Math.random() * 1e8)}`;
    const body = (number: string, customer: Record<string, string>) => ({ number, customer, currency: 'JPY', lines: [{ title: 'Cup', quantity: 1, unitPriceMinor: 900 }] });
    const tag = randomUUID().slice(0, 6);
    const first = (await requestAs(t.app, agent, { method: 'POST', url: url('/orders'), payload: body(`P1-${tag}`, { phone, name: 'Phone only' }) })).json().order;
    const samePerson = (await requestAs(t.app, agent, { method: 'POST', url: url('/orders'), payload: body(`P2-${tag}`, { phone, email: `p-${tag}@buyer.test` }) })).json().order;
    const otherPerson = (await requestAs(t.app, agent, { method: 'POST', url: url('/orders'), payload: body(`P3-${tag}`, { phone, email: `q-${tag}@buyer.test` }) })).json().order;
    expect(samePerson.contactId).toBe(first.contactId);
    expect(otherPerson.contactId).not.toBe(first.contactId);
  });

  it('upserts by external id and leaves the order alone for an older update', async () => {
    const externalId = randomUUID();
    const body = { number: `EXT-${externalId.slice(0, 6)}`, currency: 'JPY', lines: [{ title: 'Bowl', quantity: 1, unitPriceMinor: 3000 }], source: 'erp', externalId };
    const created = await requestAs(t.app, agent, { method: 'POST', url: url('/orders'), payload: { ...body, fulfillmentStatus: 'fulfilled', providerUpdatedAt: '2031-01-02T00:00:00Z' } });
    const older = await requestAs(t.app, agent, { method: 'POST', url: url('/orders'), payload: { ...body, fulfillmentStatus: 'unfulfilled', providerUpdatedAt: '2031-01-01T00:00:00Z' } });
    const newer = await requestAs(t.app, agent, { method: 'POST', url: url('/orders'), payload: { ...body, fulfillmentStatus: 'delivered', providerUpdatedAt: '2031-01-03T00:00:00Z' } });
    expect([created.json().outcome, older.json().outcome, newer.json().outcome]).toEqual(['created', 'stale', 'updated']);
    expect(older.json().order.fulfillmentStatus).toBe('fulfilled');
    expect(newer.json().order.id).toBe(created.json().order.id);
  });

  it('answers bad input with a problem naming each field, and changes nothing', async () => {
    const response = await requestAs(t.app, agent, { method: 'POST', url: url('/orders'), payload: { number: 'BAD-1', currency: 'dollars', lines: [{ title: 'x', quantity: 0, unitPriceMinor: -1 }] } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['currency', 'lines.0.quantity', 'lines.0.unitPriceMinor']));
    const list = await requestAs(t.app, agent, { method: 'GET', url: url('/orders?q=BAD-1') });
    expect(list.json().items).toEqual([]);
  });
});

describe('returns API', () => {
  it('takes a return at the counter, refuses a non-returnable line with its reason, and walks it to refunded', async () => {
    const order = await placeDeliveredOrder();
    const eligibility = await requestAs(t.app, agent, { method: 'GET', url: url(`/orders/${order.id}/return-eligibility`) });
    expect(eligibility.json().lines.map((l: { lineId: string; reason: string | null }) => [l.lineId, l.reason])).toEqual([['a', null], ['b', 'non_returnable']]);

    const refused = await requestAs(t.app, agent, { method: 'POST', url: url(`/orders/${order.id}/returns`), payload: { lines: [{ lineId: 'b', quantity: 1 }], reason: 'changed_mind', resolution: 'refund', source: 'store' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toContain('non_returnable');

    const started = await requestAs(t.app, agent, { method: 'POST', url: url(`/orders/${order.id}/returns`), payload: { lines: [{ lineId: 'a', quantity: 1 }], reason: 'changed_mind', resolution: 'refund', source: 'store' } });
    expect(started.statusCode).toBe(201);
    const ret = started.json();
    expect(ret).toMatchObject({ status: 'requested', source: 'store', refundMinor: 4000 });

    const again = await requestAs(t.app, agent, { method: 'POST', url: url(`/orders/${order.id}/returns`), payload: { lines: [{ lineId: 'a', quantity: 2 }], reason: 'changed_mind', resolution: 'refund' } });
    expect(again.json().errors[0].message).toContain('only 1 left to return');

    for (const action of ['approve', 'approve', 'receive', 'refund']) {
      const step = await requestAs(t.app, agent, { method: 'POST', url: url(`/returns/${ret.id}/${action}`) });
      expect(step.statusCode).toBe(200);
    }
    const done = await requestAs(t.app, agent, { method: 'GET', url: url(`/returns/${ret.id}`) });
    expect(done.json().status).toBe('refunded');
    expect(done.json().history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['requested', 'approved', 'received', 'refunded']);
    const wrong = await requestAs(t.app, agent, { method: 'POST', url: url(`/returns/${ret.id}/cancel`) });
    expect(wrong.statusCode).toBe(409);

    const queue = await requestAs(t.app, agent, { method: 'GET', url: url(`/returns?status=refunded&q=${ret.number}`) });
    expect(queue.json().items.map((r: { id: string; customerName: string }) => [r.id, r.customerName])).toEqual([[ret.id, 'Buyer']]);
    const timeline = await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts/${order.contactId}/timeline`) });
    const steps = timeline.json().items.filter((i: { kind: string }) => i.kind === 'return').map((i: { summary: string }) => i.summary);
    expect(steps).toEqual([
      expect.stringMatching(new RegExp(`^Return ${ret.number} refunded by Agent`)),
      expect.stringMatching(/received by Agent/),
      expect.stringMatching(/approved by Agent/),
      expect.stringMatching(new RegExp(`^Return ${ret.number} requested for order ${order.number} \\(Teapot × 1\\) at the store, by Agent`)),
    ]);
  });

  it('accepts a photo, refuses a file that is not one with a clear message, and serves the photo to agents', async () => {
    const order = await placeDeliveredOrder();
    const bad = multipartBody([{ name: 'file', value: Buffer.from('%PDF-1.7'), fileName: 'receipt.pdf', contentType: 'application/pdf' }]);
    const refused = await requestAs(t.app, agent, { method: 'POST', url: url(`/contacts/${order.contactId}/return-photos`), payload: bad.body, headers: { 'content-type': bad.contentType } });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().detail).toContain('JPEG, PNG, WebP or HEIC');
    const good = multipartBody([{ name: 'file', value: PNG, fileName: 'dent.png', contentType: 'image/png' }]);
    const photo = await requestAs(t.app, agent, { method: 'POST', url: url(`/contacts/${order.contactId}/return-photos`), payload: good.body, headers: { 'content-type': good.contentType } });
    expect(photo.statusCode).toBe(201);
    const started = await requestAs(t.app, agent, { method: 'POST', url: url(`/orders/${order.id}/returns`), payload: { lines: [{ lineId: 'a', quantity: 1 }], reason: 'damaged', resolution: 'exchange', photoIds: [photo.json().id] } });
    expect(started.statusCode).toBe(201);
    const served = await requestAs(t.app, agent, { method: 'GET', url: started.json().photos[0].url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    const slip = await requestAs(t.app, agent, { method: 'GET', url: url(`/returns/${started.json().id}/slip.pdf`) });
    expect(slip.headers['content-type']).toBe('application/pdf');
    expect(slip.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const rejected = await requestAs(t.app, agent, { method: 'POST', url: url(`/returns/${started.json().id}/reject`), payload: {} });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().errors[0].path).toBe('note');
  });

  it('lets admins, not agents, change the return policy', async () => {
    const policy = (await requestAs(t.app, agent, { method: 'GET', url: url('/return-policy') })).json();
    expect(policy.windowDays).toBe(30);
    const denied = await requestAs(t.app, agent, { method: 'PUT', url: url('/return-policy'), payload: { ...policy, windowDays: 60 } });
    expect(denied.statusCode).toBe(403);
    const saved = await requestAs(t.app, admin, { method: 'PUT', url: url('/return-policy'), payload: { ...policy, windowDays: 60, autoApprove: { enabled: true, maxRefundMinor: 5000, reasons: ['nope'] } } });
    expect(saved.statusCode).toBe(400);
    expect(saved.json().errors[0].path).toBe('autoApprove.reasons.0');
    const ok = await requestAs(t.app, admin, { method: 'PUT', url: url('/return-policy'), payload: { ...policy, windowDays: 60 } });
    expect(ok.json().windowDays).toBe(60);
  });

  it('tells the customer each step in their language, in their latest conversation, once per step', async () => {
    const order = await placeDeliveredOrder();
    await requestAs(t.app, agent, { method: 'PATCH', url: url(`/contacts/${order.contactId}`), payload: { locale: 'ja' } });
    const conversation = await requestAs(t.app, agent, { method: 'POST', url: url('/conversations'), payload: { inboxId: ws.inboxes.mine, contactId: order.contactId, subject: '返品について', message: { body: '返品したいです' } } });
    expect(conversation.statusCode).toBe(201);
    const ret = (await requestAs(t.app, agent, { method: 'POST', url: url(`/orders/${order.id}/returns`), payload: { lines: [{ lineId: 'a', quantity: 1 }], reason: 'changed_mind', resolution: 'refund' } })).json();
    await requestAs(t.app, agent, { method: 'POST', url: url(`/returns/${ret.id}/reject`), payload: { note: '使用済みのため' } });
    await eventsSettled(ws.accountId);
    const messages = await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.json().id}`) });
    const replies = messages.json().messages.filter((m: { direction: string }) => m.direction === 'outbound').map((m: { body: string }) => m.body);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain(`返品申請（${ret.number}）を受け付けました`);
    expect(replies[1]).toContain('使用済みのため');
    // Notices are not answers: the customer's question still waits for a person.
    expect(messages.json()).toMatchObject({ firstResponseAt: null, waitingSince: expect.any(String) });
  });
});

describe('return notifications by email', () => {
  // Every worker's dispatcher drains the shared outbox in the integration tier, and only this app's has the SMTP
  // sink: there, another app may send (nowhere) first. The unit tier has one dispatcher per worker.
  it.skipIf(Boolean(inject('databaseUrl')))('emails a customer who has no conversation, in their language', async () => {
    const email = `${randomUUID().slice(0, 8)}@buyer.test`;
    const order = await placeDeliveredOrder(email);
    await requestAs(t.app, agent, { method: 'PATCH', url: url(`/contacts/${order.contactId}`), payload: { locale: 'zh' } });
    const ret = (await requestAs(t.app, agent, { method: 'POST', url: url(`/orders/${order.id}/returns`), payload: { lines: [{ lineId: 'a', quantity: 1 }], reason: 'changed_mind', resolution: 'refund' } })).json();
    await requestAs(t.app, agent, { method: 'POST', url: url(`/returns/${ret.id}/approve`) });
    await eventsSettled(ws.accountId);
    await expect.poll(() => sink.received.filter((mail) => JSON.stringify(mail.to).includes(email)).length, { timeout: 10_000 }).toBe(2);
    const mails = sink.received.filter((mail) => JSON.stringify(mail.to).includes(email));
    expect(mails.map((mail) => mail.subject)).toEqual([`关于退货 ${ret.number}`, `关于退货 ${ret.number}`]);
    expect(mails[1]!.text).toContain('已获批准');
  });
});

describe('auto-approved returns', () => {
  it('send the customer one message, the approval, not a request and an approval', async () => {
    const policy = (await requestAs(t.app, admin, { method: 'GET', url: url('/return-policy') })).json();
    await requestAs(t.app, admin, { method: 'PUT', url: url('/return-policy'), payload: { ...policy, autoApprove: { enabled: true, maxRefundMinor: null, reasons: [] } } });
    try {
      const order = await placeDeliveredOrder();
      const conversation = (await requestAs(t.app, agent, { method: 'POST', url: url('/conversations'), payload: { inboxId: ws.inboxes.mine, contactId: order.contactId, subject: 'Return', message: { body: 'I want to return the teapot' } } })).json();
      const ret = (await requestAs(t.app, agent, { method: 'POST', url: url(`/orders/${order.id}/returns`), payload: { lines: [{ lineId: 'a', quantity: 1 }], reason: 'changed_mind', resolution: 'refund' } })).json();
      expect(ret).toMatchObject({ status: 'approved', autoApproved: true });
      await eventsSettled(ws.accountId);
      const detail = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
      const replies = detail.messages.filter((m: { direction: string }) => m.direction === 'outbound').map((m: { body: string }) => m.body);
      expect(replies).toEqual([expect.stringContaining(`Your return ${ret.number} for order ${order.number} is approved`)]);
    } finally {
      await requestAs(t.app, admin, { method: 'PUT', url: url('/return-policy'), payload: policy });
    }
  });
});

describe('store mode', () => {
  it('finds the customer by their portal QR, a slip’s QR, a return number, an order number or their name', async () => {
    const order = await placeDeliveredOrder();
    const ret = (await requestAs(t.app, agent, { method: 'POST', url: url(`/orders/${order.id}/returns`), payload: { lines: [{ lineId: 'a', quantity: 1 }], reason: 'changed_mind', resolution: 'refund' } })).json();
    const lookup = async (q: string) => (await requestAs(t.app, agent, { method: 'GET', url: url(`/store/lookup?q=${encodeURIComponent(q)}`) })).json();
    expect(await lookup(`touchpoint:contact:${order.contactId}`)).toMatchObject({ matchedBy: 'contact_code', contacts: [{ id: order.contactId }] });
    expect(await lookup(`touchpoint:return:${ret.id}`)).toMatchObject({ matchedBy: 'return_code', contacts: [{ id: order.contactId }], ret: { id: ret.id } });
    expect(await lookup(ret.number.toLowerCase())).toMatchObject({ matchedBy: 'return_number', ret: { id: ret.id } });
    expect(await lookup(` ${order.number} `)).toMatchObject({ matchedBy: 'order_number', contacts: [{ id: order.contactId }] });
    expect((await lookup('+81 90 1234 5678')).contacts.map((c: { id: string }) => c.id)).toContain(order.contactId);
    expect(await lookup(`touchpoint:contact:${randomUUID()}`)).toMatchObject({ contacts: [] });
  });

  it('logs an in-person visit on the contact’s timeline, and says so when there is no in-store inbox', async () => {
    const order = await placeDeliveredOrder();
    const none = await requestAs(t.app, admin, { method: 'POST', url: url(`/contacts/${order.contactId}/store-visits`), payload: { note: 'Came to collect' } });
    expect(none.statusCode).toBe(409);
    expect(none.json().detail).toContain('in-store inbox');
    const inbox = await requestAs(t.app, admin, { method: 'POST', url: url('/inboxes'), payload: { name: 'Shibuya store', channel: 'in_store' } });
    expect(inbox.statusCode).toBe(201);
    const visit = await requestAs(t.app, admin, { method: 'POST', url: url(`/contacts/${order.contactId}/store-visits`), payload: { note: 'Tried the teapot in black; will order online.' } });
    expect(visit.statusCode).toBe(201);
    const timeline = await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts/${order.contactId}/timeline`) });
    expect(timeline.json().items[0]).toMatchObject({ kind: 'conversation', id: visit.json().conversationId, summary: expect.stringContaining('In store: Tried the teapot') });
  });
});
