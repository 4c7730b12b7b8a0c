import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { mintSignInLink } from '@touchpoint/customers';
import { schema } from '@touchpoint/db';
import { MAX_GIFTS_PER_CUSTOMER_PER_DAY } from '@touchpoint/gifts';
import { createCouponPool, importCoupons } from '@touchpoint/rewards';
import { runGiftSchedule } from '../gift-delivery.ts';
import { multipartBody } from '../testing/multipart.ts';
import { startSmtpSink } from '../testing/smtp-sink.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

const RUN = randomUUID().slice(0, 8);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 7)]);

interface Customer { contactId: string; cookie: string; csrfToken: string }
let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let ws: TestWorkspace;
let admin: SignedIn;
let scope: AccountScope;
let handle: string;

const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const portal = (path: string) => `/api/portal/${handle}${path}`;
const as = (who: Customer, options: InjectOptions) => t.app.inject({ ...options, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, ...(options.headers ?? {}) } });
const tokenOf = (claimUrl: string) => claimUrl.slice('/gift/'.length);
const db = () => t.services.db;

async function customer(name: string, attributes: Record<string, string> = {}): Promise<Customer> {
  const contact = await createContact(db(), scope, { name, email: `${name.toLowerCase()}-${randomUUID().slice(0, 6)}@example.test`, attributes });
  const link = await mintSignInLink(db(), ws.accountId, contact.id, 'widget');
  const redeemed = await t.app.inject({ method: 'POST', url: portal('/auth/redeem'), payload: { token: link.token } });
  const cookie = (redeemed.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_customer')!;
  return { contactId: contact.id, cookie: `tp_customer=${cookie.value}`, csrfToken: redeemed.json<{ csrfToken: string }>().csrfToken };
}

async function campaign(body: Record<string, unknown>) {
  const response = await requestAs(t.app, admin, { method: 'POST', url: url('/gift-campaigns'), payload: { name: `Free drink ${RUN}`, status: 'live', item: { kind: 'product', title: 'Iced matcha' }, ...body } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; stock: number | null }>();
}

const send = (who: Customer, payload: Record<string, unknown>) => as(who, { method: 'POST', url: portal('/gifts'), payload: { clientId: randomUUID(), message: 'Enjoy!', ...payload } });
async function sendLink(who: Customer, payload: Record<string, unknown> = {}) {
  const response = await send(who, payload);
  expect(response.statusCode).toBe(201);
  return response.json<{ giftId: string; claimUrl: string }>();
}
const accept = (token: string, payload: Record<string, unknown> = {}) => t.app.inject({ method: 'POST', url: `/api/gift/${token}/accept`, payload });
function uploadReaction(token: string, file: { bytes: Buffer; name: string; type: string }, fields: Record<string, string> = {}) {
  const { body, contentType } = multipartBody([...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: 'file', value: file.bytes, fileName: file.name, contentType: file.type }]);
  return t.app.inject({ method: 'POST', url: `/api/gift/${token}/reaction/media`, payload: body, headers: { 'content-type': contentType } });
}
async function giftRow(giftId: string) {
  const [row] = await db().select().from(schema.gifts).where(eq(schema.gifts.id, giftId));
  return row!;
}
async function eventNames(contactId: string) {
  const rows = await db().select({ name: schema.customerEvents.name }).from(schema.customerEvents).where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.contactId, contactId)));
  return rows.map((row) => row.name);
}

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ env: { SMTP_URL: sink.url } });
  ws = await createTestWorkspace('Gift shop');
  admin = await signInAs(t.app, ws.admin.email);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const [account] = await db().select({ handle: schema.accounts.handle }).from(schema.accounts).where(eq(schema.accounts.id, ws.accountId));
  handle = account!.handle;
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

describe('gift campaigns', () => {
  it('never sends more gifts than the stock, even when many customers send at once', async () => {
    const drink = await campaign({ stock: 3 });
    const senders = await Promise.all(Array.from({ length: 8 }, (_, i) => customer(`Stock${i}`)));
    const responses = await Promise.all(senders.map((who) => send(who, { campaignId: drink.id })));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(responses.filter((r) => r.statusCode === 409).map((r) => r.json<{ code: string }>().code)).toEqual(Array(5).fill('out_of_stock'));
    const [row] = await db().select().from(schema.giftCampaigns).where(eq(schema.giftCampaigns.id, drink.id));
    expect(row!.sentCount).toBe(3);
    expect(await db().select().from(schema.gifts).where(eq(schema.gifts.campaignId, drink.id))).toHaveLength(3);
  });

  it('holds each person to the per-person limit when they send twice at the same moment', async () => {
    const drink = await campaign({ stock: 10, perPersonLimit: 1 });
    const who = await customer('Eager');
    const responses = await Promise.all([send(who, { campaignId: drink.id }), send(who, { campaignId: drink.id })]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('sends a retried request once: the same clientId answers the first gift', async () => {
    const who = await customer('Retry');
    const clientId = randomUUID();
    const first = await send(who, { clientId });
    const again = await send(who, { clientId });
    expect(again.json()).toMatchObject({ giftId: first.json<{ giftId: string }>().giftId, replayed: true, claimUrl: first.json<{ claimUrl: string }>().claimUrl });
  });

  it('only lets a gift of a cross-border campaign be claimed in another country than the giver’s', async () => {
    const world = await campaign({ requireOtherCountry: true, stock: null, perPersonLimit: 5 });
    const who = await customer('Tokyo', { country: 'JP' });
    const gift = await sendLink(who, { campaignId: world.id });
    expect((await send(who, { campaignId: world.id, recipient: { country: 'JP' } })).statusCode).toBe(400);
    expect((await accept(tokenOf(gift.claimUrl))).statusCode).toBe(400);
    expect((await accept(tokenOf(gift.claimUrl), { country: 'JP' })).json()).toMatchObject({ code: 'unprocessable' });
    expect((await accept(tokenOf(gift.claimUrl), { country: 'br' })).json()).toMatchObject({ status: 'claimed' });
  });
});

describe('claiming a gift', () => {
  it('claims a voucher gift once when two claims race: one code is issued, the second claim is refused and changes nothing', async () => {
    const pool = await createCouponPool(db(), ws.accountId, { name: `Drinks ${RUN}`, kind: 'free_item', value: 0 });
    await importCoupons(db(), ws.accountId, pool.id, [`DRINK-${RUN}-1`, `DRINK-${RUN}-2`, `DRINK-${RUN}-3`]);
    const vouchers = await campaign({ item: { kind: 'voucher', poolId: pool.id, title: 'A free drink' }, stock: 3 });
    const giver = await customer('Giver');
    const gift = await sendLink(giver, { campaignId: vouchers.id });
    const token = tokenOf(gift.claimUrl);
    const opened = await t.app.inject({ method: 'GET', url: `/api/gift/${token}` });
    expect(opened.json()).toMatchObject({ senderName: 'Giver', message: 'Enjoy!', itemTitle: 'A free drink', status: 'opened', couponCode: null });

    const claims = await Promise.all([accept(token), accept(token)]);
    expect(claims.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = claims.find((r) => r.statusCode === 409)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'already_claimed' });
    const row = await giftRow(gift.giftId);
    expect(row.couponCode).toMatch(new RegExp(`^DRINK-${RUN.toUpperCase()}-`));
    const issued = await db().select().from(schema.coupons).where(and(eq(schema.coupons.poolId, pool.id), eq(schema.coupons.status, 'issued')));
    expect(issued).toHaveLength(1);
    expect((await accept(token)).statusCode).toBe(409);
    expect((await giftRow(gift.giftId)).claimedAt).toEqual(row.claimedAt);
  });

  it('refuses an expired gift with 410, and the expiry job lapses it and gives the campaign unit back', async () => {
    const drink = await campaign({ stock: 1 });
    const gift = await sendLink(await customer('Late'), { campaignId: drink.id });
    await db().update(schema.gifts).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(schema.gifts.id, gift.giftId));
    const refused = await accept(tokenOf(gift.claimUrl));
    expect(refused.statusCode).toBe(410);
    expect(refused.json()).toMatchObject({ code: 'gift_expired' });
    await runGiftSchedule(t.services);
    expect((await giftRow(gift.giftId)).status).toBe('expired');
    const [row] = await db().select().from(schema.giftCampaigns).where(eq(schema.giftCampaigns.id, drink.id));
    expect(row!.sentCount).toBe(0);
  });

  it('lets the recipient swap for one of the campaign’s options, and refuses an option that is not there', async () => {
    const drink = await campaign({ swapOptions: [{ kind: 'product', title: 'Hojicha latte' }], stock: 5 });
    const gift = await sendLink(await customer('Swapper'), { campaignId: drink.id });
    const opened = await t.app.inject({ method: 'GET', url: `/api/gift/${tokenOf(gift.claimUrl)}` });
    expect(opened.json()).toMatchObject({ swapOptions: [{ index: 0, title: 'Hojicha latte' }] });
    expect((await accept(tokenOf(gift.claimUrl), { swapIndex: 3 })).statusCode).toBe(400);
    expect((await accept(tokenOf(gift.claimUrl), { swapIndex: 0 })).json()).toMatchObject({ status: 'swapped', claimedItem: { kind: 'product', title: 'Hojicha latte' } });
  });

  it('answers 404 for a forged token', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/gift/${'x'.repeat(43)}` })).statusCode).toBe(404);
    expect((await accept('nope')).statusCode).toBe(404);
  });
});

describe('reactions', () => {
  it('refuses a reaction before the claim, of the wrong type or too large, and keeps nothing', async () => {
    const gift = await sendLink(await customer('Picky'));
    const token = tokenOf(gift.claimUrl);
    expect((await uploadReaction(token, { bytes: PNG, name: 'me.png', type: 'image/png' })).statusCode).toBe(409);
    await accept(token);
    const script = await uploadReaction(token, { bytes: Buffer.from('<script>alert(1)</script> pretending to be a photo'), name: 'me.png', type: 'image/png' });
    expect(script.statusCode).toBe(415);
    const huge = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await uploadReaction(token, { bytes: huge, name: 'big.png', type: 'image/png' });
    expect(tooLarge.statusCode).toBe(413);
    const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]), Buffer.from('webm'), Buffer.alloc(64)]);
    expect((await uploadReaction(token, { bytes: webm, name: 'long.webm', type: 'video/webm' }, { durationMs: '40000' })).statusCode).toBe(400);
    expect(await db().select().from(schema.giftReactions).where(eq(schema.giftReactions.giftId, gift.giftId))).toHaveLength(0);
    expect((await giftRow(gift.giftId)).status).toBe('claimed');
  });

  it('delivers a photo reaction to the giver, who sees it, can share it publicly, and has it on both timelines', async () => {
    const giver = await customer('Ren');
    const recipient = await createContact(db(), scope, { name: 'Mia', email: `mia-${RUN}@example.test` });
    const sent = await send(giver, { recipient: { email: `mia-${RUN}@example.test` } });
    expect(sent.statusCode).toBe(201);
    const { giftId, claimUrl } = sent.json<{ giftId: string; claimUrl: string }>();
    const token = tokenOf(claimUrl);
    const row = await giftRow(giftId);
    expect(row).toMatchObject({ recipientContactId: recipient.id, channel: 'email', status: 'delivered', deliveryResult: 'sent' });
    await accept(token);
    const reacted = await uploadReaction(token, { bytes: PNG, name: 'smile.png', type: 'application/octet-stream' }, { text: 'Thank you!' });
    expect(reacted.statusCode).toBe(201);
    expect(reacted.json()).toMatchObject({ status: 'reacted', reaction: { kind: 'photo', contentType: 'image/png', text: 'Thank you!' } });
    expect((await t.app.inject({ method: 'POST', url: `/api/gift/${token}/reaction`, payload: { text: 'again' } })).statusCode).toBe(409);

    const mine = (await as(giver, { method: 'GET', url: portal('/gifts') })).json<{ gifts: { id: string; reaction: { kind: string } | null }[] }>();
    expect(mine.gifts.find((gift) => gift.id === giftId)!.reaction).toMatchObject({ kind: 'photo' });
    const media = await as(giver, { method: 'GET', url: portal(`/gifts/${giftId}/reaction-media`) });
    expect(media.statusCode).toBe(200);
    expect(media.rawPayload.equals(PNG)).toBe(true);
    const stranger = await customer('Nosy');
    expect((await as(stranger, { method: 'GET', url: portal(`/gifts/${giftId}/reaction-media`) })).statusCode).toBe(404);

    const shared = await as(giver, { method: 'POST', url: portal(`/gifts/${giftId}/share`), payload: { shared: true } });
    const sharePath = shared.json<{ sharePath: string }>().sharePath;
    expect(sharePath).toMatch(/^\/gift\/reaction\//);
    const sharedPage = await t.app.inject({ method: 'GET', url: sharePath });
    expect(sharedPage.statusCode).toBe(200);
    expect(sharedPage.body).toContain(`<meta property="og:image" content="http://touchpoint.test${sharePath}/media">`);
    expect((await t.app.inject({ method: 'GET', url: `${sharePath}/media` })).rawPayload.equals(PNG)).toBe(true);
    await as(giver, { method: 'POST', url: portal(`/gifts/${giftId}/share`), payload: { shared: false } });
    expect((await t.app.inject({ method: 'GET', url: sharePath })).statusCode).toBe(404);

    expect(await eventNames(giver.contactId)).toEqual(expect.arrayContaining(['gift.sent', 'gift.reaction_received']));
    expect(await eventNames(recipient.id)).toEqual(expect.arrayContaining(['gift.received', 'gift.claimed', 'gift.reacted']));
  });

  it('takes a text reaction', async () => {
    const gift = await sendLink(await customer('Texter'));
    const token = tokenOf(gift.claimUrl);
    await accept(token);
    const reacted = await t.app.inject({ method: 'POST', url: `/api/gift/${token}/reaction`, payload: { text: '  Made my day  ' } });
    expect(reacted.json()).toMatchObject({ status: 'reacted', reaction: { kind: 'text', text: 'Made my day' } });
  });

  it('serves the claim page in the gift’s language, and accepts and takes a text reaction from its plain forms', async () => {
    const gift = await sendLink(await customer('Haruki'), { locale: 'ja', message: '<b>おめでとう</b>' });
    const page = await t.app.inject({ method: 'GET', url: gift.claimUrl });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="ja">');
    expect(page.body).toContain('Harukiさんからギフトが届きました');
    expect(page.body).toContain('&#60;b&#62;おめでとう');
    expect(page.headers['content-security-policy']).toContain("script-src 'nonce-");
    const form = (body: string) => t.app.inject({ method: 'POST', url: gift.claimUrl, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await form('action=accept')).statusCode).toBe(303);
    const again = await form('action=accept');
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('このギフトはすでに受け取られています');
    expect((await form('action=react&text=%E3%81%82%E3%82%8A%E3%81%8C%E3%81%A8%E3%81%86')).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: `${gift.claimUrl}?lang=zh` })).body).toContain('会看到你的回应');
    expect((await t.app.inject({ method: 'GET', url: `/gift/${'A'.repeat(43)}` })).statusCode).toBe(404);
  });
});

describe('delivery', () => {
  it('delivers a scheduled gift by email when it is due, through outreach, not before', async () => {
    const giver = await customer('Planner');
    const deliverAt = new Date(Date.now() + 3 * 24 * 3600_000);
    const sent = await send(giver, { recipient: { email: `later-${RUN}@example.test`, name: 'Later' }, deliverAt: deliverAt.toISOString(), locale: 'ja' });
    const { giftId, claimUrl } = sent.json<{ giftId: string; claimUrl: string }>();
    expect((await giftRow(giftId)).status).toBe('scheduled');
    expect((await accept(tokenOf(claimUrl))).statusCode).toBe(409);
    await runGiftSchedule(t.services);
    expect((await giftRow(giftId)).status).toBe('scheduled');
    await runGiftSchedule(t.services, new Date(deliverAt.getTime() + 60_000));
    const row = await giftRow(giftId);
    expect(row).toMatchObject({ status: 'delivered', deliveryResult: 'sent' });
    const [send_] = await db().select().from(schema.outreachSends).where(and(eq(schema.outreachSends.accountId, ws.accountId), eq(schema.outreachSends.dedupeKey, `gift:${giftId}:delivery`)));
    expect(send_).toMatchObject({ status: 'sent', transactional: true, channel: 'email' });
    expect(await eventNames(row.recipientContactId!)).toContain('gift.received');
  });

  it('respects a recipient’s no: the message is suppressed, the gift still waits behind its link', async () => {
    const recipient = await createContact(db(), scope, { name: 'Quiet', email: `quiet-${RUN}@example.test` });
    await db().update(schema.contacts).set({ communicationConsent: { email: { granted: false, at: new Date().toISOString(), source: 'test' } } }).where(eq(schema.contacts.id, recipient.id));
    const sent = await send(await customer('Kind'), { recipient: { email: `quiet-${RUN}@example.test` } });
    const row = await giftRow(sent.json<{ giftId: string }>().giftId);
    expect(row).toMatchObject({ status: 'delivered', deliveryResult: 'suppressed:no_consent', recipientContactId: recipient.id });
    expect((await accept(tokenOf(sent.json<{ claimUrl: string }>().claimUrl))).statusCode).toBe(200);
  });

  it('reminds a known recipient once, two days before the gift lapses, as a marketing message', async () => {
    const sent = await send(await customer('Reminder'), { recipient: { email: `remind-${RUN}@example.test` } });
    const { giftId } = sent.json<{ giftId: string }>();
    await db().update(schema.gifts).set({ expiresAt: new Date(Date.now() + 24 * 3600_000) }).where(eq(schema.gifts.id, giftId));
    await runGiftSchedule(t.services);
    await runGiftSchedule(t.services);
    const reminders = await db().select().from(schema.outreachSends).where(and(eq(schema.outreachSends.accountId, ws.accountId), eq(schema.outreachSends.dedupeKey, `gift:${giftId}:reminder`)));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ transactional: false, channel: 'email' });
    expect((await giftRow(giftId)).remindedAt).not.toBeNull();
  });

  it('holds a customer to a daily number of gifts', async () => {
    const busy = await customer('Busy');
    for (let i = 0; i < MAX_GIFTS_PER_CUSTOMER_PER_DAY; i++) expect((await send(busy, {})).statusCode).toBe(201);
    const refused = await send(busy, {});
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'rate_limited' });
  });

  it('lets a member send a card from a conversation, and lists it with its status in the console', async () => {
    const contact = await createContact(db(), scope, { name: 'Grieving', email: `g-${RUN}@example.test` });
    const conversation = await createConversation(db(), scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'Sad news', messages: [{ direction: 'inbound', body: 'My dog died.', at: new Date() }] });
    const response = await requestAs(t.app, admin, { method: 'POST', url: url('/gifts'), payload: { conversationId: conversation.id, recipient: { contactId: contact.id }, item: { kind: 'product', title: 'Flowers' }, message: 'Thinking of you.', reference: `flowers-${RUN}` } });
    expect(response.statusCode).toBe(201);
    const list = (await requestAs(t.app, admin, { method: 'GET', url: url('/gifts?limit=200') })).json<{ gifts: { id: string; status: string; senderKind: string }[] }>();
    expect(list.gifts.find((gift) => gift.id === response.json<{ giftId: string }>().giftId)).toMatchObject({ status: 'delivered', senderKind: 'agent' });
    const stats = (await requestAs(t.app, admin, { method: 'GET', url: url('/gifts/stats') })).json<{ total: number }>();
    expect(stats.total).toBeGreaterThan(5);
  });
});
