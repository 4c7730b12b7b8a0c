import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { createAccount, createUser } from '@touchpoint/accounts';
import { createDiskFileStore, type FileStore } from '@touchpoint/conversations';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { createOrder, getCustomerOrder, listCustomerOrders, upsertOrder } from './orders.ts';
import { DEFAULT_RETURN_POLICY, updateReturnPolicy } from './return-policy.ts';
import { uploadReturnPhoto, validateReturnPhoto } from './return-photos.ts';
import { drawReturnSlip, findCjkFontFile, renderReturnSlipPdf } from './return-slip.ts';
import { checkReturnEligibility, getCustomerReturn, listCustomerReturns, startReturn, transitionReturn } from './returns.ts';

const DAY = 24 * 3600_000;
const now = new Date('2031-03-10T10:00:00Z');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e0d8e50000000049454e44ae426082', 'hex');

let db: Database;
let files: FileStore;
let filesDir: string;
let admin: AccountScope;
let agent: AccountScope;
/** How the portal acts for a signed-in customer. */
let portal: AccountScope;

async function newContact(name: string, locale: string | null = null) {
  const [row] = await db.insert(schema.contacts).values({ accountId: admin.accountId, name, email: `${randomUUID().slice(0, 8)}@customer.test`, locale }).returning();
  return row!.id;
}

/** A delivered order `deliveredDaysAgo` days before `now`: a teapot (2), a final-sale tea, a cup. */
async function deliveredOrder(contactId: string, deliveredDaysAgo = 5) {
  return createOrder(db, admin, {
    number: `T-${randomUUID().slice(0, 8)}`,
    contactId,
    currency: 'USD',
    lines: [
      { id: 'teapot', title: 'Cast-iron teapot', sku: 'TEA-1', variant: 'Black', quantity: 2, unitPriceMinor: 5000 },
      { id: 'tea', title: 'Sencha', quantity: 1, unitPriceMinor: 1800, productTags: ['Final-Sale'] },
      { id: 'cup', title: 'Cup', quantity: 1, unitPriceMinor: 900, lineTotalMinor: 800 },
    ],
    shipments: [{ carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://track.example/1Z999', status: 'delivered', deliveredAt: new Date(now.getTime() - deliveredDaysAgo * DAY) }],
    placedAt: new Date(now.getTime() - (deliveredDaysAgo + 3) * DAY),
  }, new Date(now.getTime() - (deliveredDaysAgo + 3) * DAY));
}

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  filesDir = mkdtempSync(join(tmpdir(), 'touchpoint-commerce-'));
  files = createDiskFileStore(filesDir);
  const tag = randomUUID().slice(0, 8);
  const user = await createUser(db, { email: `owner-${tag}@shop.test`, name: 'Owner', password: 'correct horse battery staple' });
  const account = await createAccount(db, { name: `Returns shop ${tag}`, purposeStatement: 'Easy returns.', adminUserId: user.id });
  admin = { accountId: account.id, actor: { type: 'user', id: user.id, name: 'Owner', role: 'admin' } };
  agent = { accountId: account.id, actor: { type: 'user', id: user.id, name: 'Aiko', role: 'agent' } };
  portal = { accountId: account.id, actor: { type: 'system', id: null, name: 'Customer portal', role: 'agent' } };
});
afterAll(() => {
  rmSync(filesDir, { recursive: true, force: true });
});

describe('customer orders', () => {
  it('lists only the customer’s own orders, with lines, totals and the tracking link', async () => {
    const mine = await newContact('Mina');
    const other = await newContact('Oscar');
    const order = await deliveredOrder(mine);
    const theirs = await deliveredOrder(other);
    const list = await listCustomerOrders(db, portal, mine);
    expect(list.map((o) => o.id)).toEqual([order.id]);
    expect(list[0]).toMatchObject({ subtotalMinor: 12600, totalMinor: 12600, status: 'delivered', fulfillmentStatus: 'delivered' });
    expect(list[0]!.shipments[0]).toMatchObject({ carrier: 'UPS', trackingUrl: 'https://track.example/1Z999', status: 'delivered' });
    await expect(getCustomerOrder(db, portal, mine, theirs.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('ignores an update older than the stored one, so a late webhook never regresses the order', async () => {
    const contactId = await newContact('Late');
    const base = { number: `W-${randomUUID().slice(0, 8)}`, contactId, currency: 'JPY', lines: [{ title: 'Bowl', quantity: 1, unitPriceMinor: 3000 }], source: 'shopify', externalId: randomUUID() };
    const first = await upsertOrder(db, admin, { ...base, fulfillmentStatus: 'fulfilled', providerUpdatedAt: new Date('2031-03-01T10:00:00Z') });
    const older = await upsertOrder(db, admin, { ...base, fulfillmentStatus: 'unfulfilled', providerUpdatedAt: new Date('2031-03-01T09:00:00Z') });
    const replay = await upsertOrder(db, admin, { ...base, fulfillmentStatus: 'unfulfilled', providerUpdatedAt: new Date('2031-03-01T10:00:00Z') });
    expect([first.outcome, older.outcome, replay.outcome]).toEqual(['created', 'stale', 'stale']);
    expect(older.order.fulfillmentStatus).toBe('fulfilled');
    const count = await db.select().from(schema.orders).where(and(eq(schema.orders.accountId, admin.accountId), eq(schema.orders.number, base.number)));
    expect(count).toHaveLength(1);
  });
});

describe('return eligibility', () => {
  it('gives each line its reason: a non-returnable tag, or the order outside the window or not delivered', async () => {
    const contactId = await newContact('Eli');
    const recent = await deliveredOrder(contactId, 5);
    const old = await deliveredOrder(contactId, 45);
    const result = await checkReturnEligibility(db, portal, contactId, recent.id, now);
    expect(result.lines.map((l) => [l.lineId, l.eligible, l.reason, l.returnableQuantity])).toEqual([
      ['teapot', true, null, 2],
      ['tea', false, 'non_returnable', 0],
      ['cup', true, null, 1],
    ]);
    expect(result.returnBy).toBe(new Date(now.getTime() + 25 * DAY).toISOString());
    expect(result.policy.text.en).toContain('30 days');
    const late = await checkReturnEligibility(db, portal, contactId, old.id, now);
    expect(late.lines.every((l) => l.reason === 'outside_window')).toBe(true);
    expect(late.lines[0]!.detail).toContain('30-day return window ended');

    const unshipped = await createOrder(db, admin, { number: `U-${randomUUID().slice(0, 8)}`, contactId, currency: 'USD', lines: [{ title: 'Pot', quantity: 1, unitPriceMinor: 100 }] });
    expect((await checkReturnEligibility(db, portal, contactId, unshipped.id, now)).lines[0]!.reason).toBe('not_delivered');
  });

  it('answers 404 for another customer’s order', async () => {
    const order = await deliveredOrder(await newContact('Owner'));
    await expect(checkReturnEligibility(db, portal, await newContact('Stranger'), order.id, now)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('starting a return', () => {
  it('records a requested return with its lines, refund and history, and the event for the timeline', async () => {
    const contactId = await newContact('Rin', 'ja');
    const order = await deliveredOrder(contactId);
    const ret = await startReturn(db, portal, contactId, { orderId: order.id, lines: [{ lineId: 'teapot', quantity: 1 }, { lineId: 'cup', quantity: 1 }], reason: 'changed_mind', note: 'Too heavy', resolution: 'refund', source: 'portal' }, now);
    expect(ret).toMatchObject({ status: 'requested', orderNumber: order.number, refundMinor: 5800, locale: 'ja', source: 'portal', autoApproved: false, note: 'Too heavy' });
    expect(ret.number).toMatch(/^R-\d+$/);
    expect(ret.lines.map((l) => [l.orderLineId, l.quantity, l.refundMinor])).toEqual([['teapot', 1, 5000], ['cup', 1, 800]]);
    expect(ret.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'requested', actorName: 'Customer portal' })]);
    const events = await db.select().from(schema.outbox).where(and(eq(schema.outbox.accountId, admin.accountId), eq(schema.outbox.type, 'return.requested')));
    expect(events.some((e) => e.payload.returnId === ret.id && e.payload.contactId === contactId)).toBe(true);
    expect((await listCustomerReturns(db, portal, contactId)).map((r) => r.id)).toEqual([ret.id]);
  });

  it('refuses an ineligible line and a quantity already returned, naming the reason, and records nothing', async () => {
    const contactId = await newContact('Sam');
    const order = await deliveredOrder(contactId);
    const finalSale = startReturn(db, portal, contactId, { orderId: order.id, lines: [{ lineId: 'tea', quantity: 1 }], reason: 'changed_mind', resolution: 'refund', source: 'portal' }, now);
    await expect(finalSale).rejects.toMatchObject({ code: 'validation_failed', detail: expect.stringContaining('non_returnable') });
    await startReturn(db, portal, contactId, { orderId: order.id, lines: [{ lineId: 'teapot', quantity: 2 }], reason: 'changed_mind', resolution: 'refund', source: 'portal' }, now);
    const again = startReturn(db, portal, contactId, { orderId: order.id, lines: [{ lineId: 'teapot', quantity: 1 }], reason: 'changed_mind', resolution: 'refund', source: 'store' }, now);
    await expect(again).rejects.toMatchObject({ code: 'validation_failed', detail: expect.stringContaining('already_returned') });
    const tooMany = startReturn(db, portal, contactId, { orderId: order.id, lines: [{ lineId: 'cup', quantity: 3 }], reason: 'changed_mind', resolution: 'refund', source: 'portal' }, now);
    await expect(tooMany).rejects.toMatchObject({ detail: expect.stringContaining('only 1 left to return') });
    expect(await listCustomerReturns(db, portal, contactId)).toHaveLength(1);
  });

  it('lets two returns started at once take the last item only once', async () => {
    const contactId = await newContact('Race');
    const order = await deliveredOrder(contactId);
    const input = { orderId: order.id, lines: [{ lineId: 'cup', quantity: 1 }], reason: 'changed_mind', resolution: 'refund' as const, source: 'portal' as const };
    const results = await Promise.allSettled([startReturn(db, portal, contactId, input, now), startReturn(db, portal, contactId, input, now)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('requires a photo for a reason that asks for one, and attaches the customer’s uploaded photo', async () => {
    const contactId = await newContact('Photo');
    const order = await deliveredOrder(contactId);
    const input = { orderId: order.id, lines: [{ lineId: 'cup', quantity: 1 }], reason: 'damaged', resolution: 'exchange' as const, source: 'portal' as const };
    await expect(startReturn(db, portal, contactId, input, now)).rejects.toMatchObject({ code: 'validation_failed', detail: expect.stringContaining('photo is required') });
    const photo = await uploadReturnPhoto(db, files, portal, contactId, { fileName: 'crack.png', contentType: 'image/png', content: Readable.from([PNG]) });
    const strangersPhoto = await uploadReturnPhoto(db, files, portal, await newContact('Other'), { fileName: 'x.png', contentType: 'image/png', content: Readable.from([PNG]) });
    await expect(startReturn(db, portal, contactId, { ...input, photoIds: [strangersPhoto.id] }, now)).rejects.toMatchObject({ code: 'validation_failed' });
    const ret = await startReturn(db, portal, contactId, { ...input, photoIds: [photo.id] }, now);
    expect(ret.photos).toEqual([expect.objectContaining({ id: photo.id, contentType: 'image/png', fileName: 'crack.png' })]);
    expect(ret.resolution).toBe('exchange');
  });

  it('approves at once what the auto-approve rule covers, as the return policy', async () => {
    const contactId = await newContact('Auto');
    const order = await deliveredOrder(contactId);
    await updateReturnPolicy(db, admin, { ...DEFAULT_RETURN_POLICY, autoApprove: { enabled: true, maxRefundMinor: 1000, reasons: ['changed_mind'] } });
    try {
      const small = await startReturn(db, portal, contactId, { orderId: order.id, lines: [{ lineId: 'cup', quantity: 1 }], reason: 'changed_mind', resolution: 'refund', source: 'portal' }, now);
      expect(small).toMatchObject({ status: 'approved', autoApproved: true });
      expect(small.history.map((h) => [h.toStatus, h.actorName])).toEqual([['requested', 'Customer portal'], ['approved', 'Return policy']]);
      const large = await startReturn(db, portal, contactId, { orderId: order.id, lines: [{ lineId: 'teapot', quantity: 1 }], reason: 'changed_mind', resolution: 'refund', source: 'portal' }, now);
      expect(large.status).toBe('requested');
    } finally {
      await updateReturnPolicy(db, admin, DEFAULT_RETURN_POLICY);
    }
  });
});

describe('return photos', () => {
  it('refuses a type that is not a photo, a renamed file, and a photo past the size limit, keeping nothing', async () => {
    const contactId = await newContact('Up');
    expect(() => validateReturnPhoto({ fileName: 'receipt.pdf', contentType: 'application/pdf' })).toThrow(/JPEG, PNG, WebP or HEIC/);
    expect(validateReturnPhoto({ fileName: 'IMG_0001.HEIC', contentType: 'application/octet-stream' })).toBe('image/heic');
    const renamed = uploadReturnPhoto(db, files, portal, contactId, { fileName: 'fake.jpg', contentType: 'image/jpeg', content: Readable.from([Buffer.from('%PDF-1.7 not a photo')]) });
    await expect(renamed).rejects.toMatchObject({ code: 'unsupported_media_type' });
    const huge = uploadReturnPhoto(db, files, portal, contactId, { fileName: 'big.png', contentType: 'image/png', content: Readable.from([PNG, Buffer.alloc(10 * 1024 * 1024)]) });
    await expect(huge).rejects.toMatchObject({ code: 'payload_too_large', detail: expect.stringContaining('10 MB') });
    const kept = await db.select().from(schema.attachments).where(eq(schema.attachments.contactId, contactId));
    expect(kept).toHaveLength(0);
  });
});

describe('the return status machine', () => {
  it('goes requested → approved → received → refunded, records each step once, and refuses a move it does not allow', async () => {
    const contactId = await newContact('Steps');
    const order = await deliveredOrder(contactId);
    const ret = await startReturn(db, portal, contactId, { orderId: order.id, lines: [{ lineId: 'cup', quantity: 1 }], reason: 'changed_mind', resolution: 'refund', source: 'portal' }, now);
    await transitionReturn(db, agent, ret.id, 'approved', {}, now);
    await transitionReturn(db, agent, ret.id, 'approved', {}, now);
    await expect(transitionReturn(db, agent, ret.id, 'refunded', {}, now)).rejects.toMatchObject({ code: 'conflict', detail: expect.stringContaining('is approved; it cannot become refunded') });
    await expect(transitionReturn(db, agent, ret.id, 'exchanged', {}, now)).rejects.toMatchObject({ code: 'conflict' });
    await transitionReturn(db, agent, ret.id, 'received', { note: 'Box intact' }, now);
    const done = await transitionReturn(db, agent, ret.id, 'refunded', {}, now);
    expect(done.status).toBe('refunded');
    expect(done.history.map((h) => `${h.fromStatus}→${h.toStatus} by ${h.actorName}`)).toEqual(['null→requested by Customer portal', 'requested→approved by Aiko', 'approved→received by Aiko', 'received→refunded by Aiko']);
    expect(done.history[2]!.note).toBe('Box intact');
    expect((await getCustomerOrder(db, portal, contactId, order.id)).financialStatus).toBe('partially_refunded');
  });

  it('requires a reason to reject, shows it to the customer, and frees the lines for another return', async () => {
    const contactId = await newContact('Rejected');
    const order = await deliveredOrder(contactId);
    const input = { orderId: order.id, lines: [{ lineId: 'cup', quantity: 1 }], reason: 'changed_mind', resolution: 'refund' as const, source: 'portal' as const };
    const ret = await startReturn(db, portal, contactId, input, now);
    await expect(transitionReturn(db, agent, ret.id, 'rejected', {}, now)).rejects.toMatchObject({ code: 'validation_failed' });
    await transitionReturn(db, agent, ret.id, 'rejected', { note: 'Used item' }, now);
    expect((await getCustomerReturn(db, portal, contactId, ret.id)).decisionNote).toBe('Used item');
    await expect(startReturn(db, portal, contactId, input, now)).resolves.toMatchObject({ status: 'requested' });
  });
});

describe('the return slip', () => {
  it('is a PDF in the customer’s language with a CJK font embedded, and another customer cannot get it', async () => {
    const contactId = await newContact('春香', 'ja');
    const order = await createOrder(db, admin, {
      number: `J-${randomUUID().slice(0, 8)}`, contactId, currency: 'JPY',
      lines: [{ id: 'yunomi', title: '有田焼 湯呑み', quantity: 1, unitPriceMinor: 12800 }],
      shipments: [{ status: 'delivered', deliveredAt: new Date(now.getTime() - DAY) }],
    });
    const ret = await startReturn(db, portal, contactId, { orderId: order.id, lines: [{ lineId: 'yunomi', quantity: 1 }], reason: 'wrong_item', resolution: 'refund', source: 'portal' }, now);
    const pdf = await renderReturnSlipPdf(db, portal, contactId, ret.id);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (findCjkFontFile()) expect(pdf.toString('latin1')).toContain('NotoSansCJKjp');
    await expect(renderReturnSlipPdf(db, portal, await newContact('Nosy'), ret.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('falls back to English and a built-in font when no CJK font is installed', async () => {
    const pdf = await drawReturnSlip({
      shopName: 'Shop', customerName: '王', returnAddress: '1-2-3 Shibuya', instructions: 'Pack it well.', locale: 'zh',
      ret: { id: randomUUID(), number: 'R-1001', orderNumber: 'SG-1', lines: [{ orderLineId: 'a', title: '茶壶', sku: null, variant: null, quantity: 1, unitPriceMinor: 100, refundMinor: 100 }], resolution: 'refund', refundMinor: 100, currency: 'CNY', createdAt: now.toISOString(), policyReasonLabel: 'Other' } as never,
    }, null);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('Helvetica');
    expect(text).not.toContain('NotoSans');
  });
});
