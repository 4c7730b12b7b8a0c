import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createOrder, upsertOrder } from '@touchpoint/commerce';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { handleOfAccount, mintSignInLink } from '@touchpoint/customers';
import { schema } from '@touchpoint/db';
import { claimReferral, ensureReferralCode } from '@touchpoint/referrals';
import { eventsSettled } from '../testing/events-settled.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

const RUN = randomUUID().slice(0, 8);
let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let scope: AccountScope;
let apiKey: string;
let handle: string;
let friendPoolId: string;
let seq = 0;

interface Customer { contactId: string; cookie: string; csrfToken: string }
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const asShop = (path: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: url(path), payload, headers: { authorization: `Bearer ${apiKey}` } });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const db = () => t.services.db;

async function newContact(name: string, extra: Record<string, unknown> = {}) {
  seq += 1;
  return createContact(db(), scope, { name, email: `${name.toLowerCase()}-${seq}-${RUN}@example.test`, ...extra });
}
async function signIn(contactId: string): Promise<Customer> {
  const link = await mintSignInLink(db(), ws.accountId, contactId, 'widget');
  const redeemed = await t.app.inject({ method: 'POST', url: `/api/portal/${handle}/auth/redeem`, payload: { token: link.token } });
  const cookie = (redeemed.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_customer')!;
  return { contactId, cookie: `tp_customer=${cookie.value}`, csrfToken: redeemed.json().csrfToken };
}
const asCustomer = (who: Customer, options: InjectOptions & { cookie?: string }) =>
  t.app.inject({ ...options, headers: { cookie: [who.cookie, options.cookie].filter(Boolean).join('; '), 'x-csrf-token': who.csrfToken, ...(options.headers ?? {}) } });
async function saveProgram(body: Record<string, unknown> = {}) {
  const response = await requestAs(t.app, admin, { method: 'PUT', url: url('/referral-program'), payload: {
    status: 'live', referrerReward: { kind: 'points', points: 500 }, friendReward: { kind: 'coupon', poolId: friendPoolId }, attributionDays: 30, capPerReferrer: 50, capPeriodDays: 30, ...body,
  } });
  expect(response.statusCode).toBe(200);
  return response.json();
}
async function codeOf(contactId: string) {
  return (await ensureReferralCode(db(), ws.accountId, contactId)).code;
}
async function order(contactId: string, totalMinor = 5000, number = `R-${RUN}-${++seq}`) {
  return createOrder(db(), scope, { number, contactId, currency: 'JPY', lines: [{ title: 'Tea set', quantity: 1, unitPriceMinor: totalMinor }] });
}
async function referralsOf(referrerId: string) {
  return db().select().from(schema.referrals).where(and(eq(schema.referrals.accountId, ws.accountId), eq(schema.referrals.referrerContactId, referrerId)));
}
async function eventsNamed(contactId: string, name: string) {
  return db().select().from(schema.customerEvents).where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.contactId, contactId), eq(schema.customerEvents.name, name)));
}
async function pointsOf(contactId: string) {
  return db().select().from(schema.pointsEntries).where(and(eq(schema.pointsEntries.accountId, ws.accountId), eq(schema.pointsEntries.contactId, contactId)));
}
async function couponsOf(contactId: string) {
  return db().select().from(schema.coupons).where(and(eq(schema.coupons.accountId, ws.accountId), eq(schema.coupons.contactId, contactId)));
}
/** A friend's visit: the landing (device cookie and attribution set), then the claim form from the same browser. */
async function visitAndClaim(code: string, email: string, headers: Record<string, string> = {}) {
  const landing = await t.app.inject({ url: `/r/${code}`, headers: { 'user-agent': 'PhoneBrowser/1.0', ...headers } });
  const cookies = (landing.cookies as { name: string; value: string }[]).map((c) => `${c.name}=${c.value}`).join('; ');
  const claim = await t.app.inject({ method: 'POST', url: `/r/${code}`, payload: form({ email }), headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'PhoneBrowser/1.0', cookie: [cookies, headers.cookie].filter(Boolean).join('; '), ...(headers['x-forwarded-for'] ? { 'x-forwarded-for': headers['x-forwarded-for'] } : {}) } });
  return { landing, claim };
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  apiKey = (await requestAs(t.app, admin, { method: 'POST', url: url('/api-keys'), payload: { name: 'Shop' } })).json<{ key: string }>().key;
  handle = await handleOfAccount(db(), ws.accountId);
  const pool = (await requestAs(t.app, admin, { method: 'POST', url: url('/coupon-pools'), payload: { name: 'Friend 10%', kind: 'percent', value: 10, prefix: 'FRIEND-' } })).json<{ id: string }>();
  friendPoolId = pool.id;
  await requestAs(t.app, admin, { method: 'POST', url: url(`/coupon-pools/${pool.id}/codes`), payload: { generate: 200 } });
  await saveProgram();
});
afterAll(() => t.close());

describe('referral program settings', () => {
  it('refuses a coupon reward from a pool the account does not own, and a min order without a currency, changing nothing', async () => {
    const before = (await requestAs(t.app, admin, { method: 'GET', url: url('/referral-program') })).json();
    const foreign = await requestAs(t.app, admin, { method: 'PUT', url: url('/referral-program'), payload: { status: 'live', referrerReward: { kind: 'coupon', poolId: randomUUID() }, friendReward: { kind: 'none' } } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect(foreign.json().errors[0].path).toBe('referrerReward.poolId');
    const noCurrency = await requestAs(t.app, admin, { method: 'PUT', url: url('/referral-program'), payload: { status: 'live', referrerReward: { kind: 'points', points: 10 }, friendReward: { kind: 'none' }, minOrderMinor: 1000 } });
    expect(noCurrency.json().errors[0].path).toBe('currency');
    expect((await requestAs(t.app, admin, { method: 'GET', url: url('/referral-program') })).json()).toEqual(before);
  });
});

describe('referral links', () => {
  it('gives a customer one stable, unguessable code and records their device, and the landing records a click for the referrer', async () => {
    const sakura = await newContact('Sakura');
    const me = await signIn(sakura.id);
    const first = await asCustomer(me, { method: 'GET', url: `/api/portal/${handle}/referrals` });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.code).toMatch(/^[a-hjkmnp-z2-9]{10}$/);
    expect(body.url).toBe(`http://touchpoint.test/r/${body.code}`);
    expect(body.friendOffer).toMatchObject({ kind: 'coupon', couponKind: 'percent', value: 10 });
    expect((await asCustomer(me, { method: 'GET', url: `/api/portal/${handle}/referrals` })).json().code).toBe(body.code);
    const landing = await t.app.inject({ url: `/r/${body.code}`, headers: { 'accept-language': 'ja', 'user-agent': 'PhoneBrowser/1.0' } });
    expect(landing.statusCode).toBe(200);
    expect(landing.body).toContain('Sakura');
    expect(landing.body).toContain('10%オフ');
    const names = (landing.cookies as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['tp_did', 'tp_ref']));
    expect(await eventsNamed(sakura.id, 'referral.clicked')).toHaveLength(1);
    expect((await t.app.inject({ url: `/r/${body.code}?lang=zh`, headers: { 'accept-language': 'ja' } })).body).toContain('10% 折扣');
    expect((await t.app.inject({ url: '/r/zzzzzzzzzz' })).statusCode).toBe(404);
    const sightings = await db().select().from(schema.referralSightings).where(eq(schema.referralSightings.accountId, ws.accountId));
    // No raw IP anywhere: only hashes.
    for (const row of sightings) expect(JSON.stringify(row)).not.toContain('127.0.0.1');
  });

  it('lets a friend claim the welcome coupon by email once, and both rewards arrive on the friend’s first order, exactly once', async () => {
    const referrer = await newContact('Kenji');
    const code = await codeOf(referrer.id);
    const email = `new-friend-${RUN}@example.test`;
    const { claim } = await visitAndClaim(code, email);
    expect(claim.statusCode).toBe(200);
    expect(claim.body).toContain('FRIEND-');
    const [referral] = await referralsOf(referrer.id);
    expect(referral).toMatchObject({ status: 'pending', source: 'landing', rejectionReason: null });
    expect(referral!.clickId).not.toBeNull();
    const friendId = referral!.friendContactId!;
    expect(await couponsOf(friendId)).toHaveLength(1);
    const again = await visitAndClaim(code, email.toUpperCase());
    expect(again.claim.body).not.toContain('FRIEND-');
    expect(await couponsOf(friendId)).toHaveLength(1);
    await order(friendId);
    await eventsSettled(ws.accountId);
    const [converted] = await referralsOf(referrer.id);
    expect(converted).toMatchObject({ status: 'rewarded', orderTotalMinor: 5000 });
    expect((await pointsOf(referrer.id)).map((e) => e.reference)).toEqual([`referral:${converted!.id}:referrer`]);
    expect(await couponsOf(friendId)).toHaveLength(1);
    expect(await eventsNamed(referrer.id, 'referral.converted')).toHaveLength(1);
    expect(await eventsNamed(friendId, 'referral.signed_up')).toHaveLength(1);
    const list = (await requestAs(t.app, admin, { method: 'GET', url: url('/referrals?status=rewarded') })).json();
    expect(list.referrals.find((r: { id: string }) => r.id === converted!.id)).toMatchObject({ referrerName: 'Kenji', referrerReward: { kind: 'points', points: 500 } });
    const me = await signIn(referrer.id);
    const mine = (await asCustomer(me, { method: 'GET', url: `/api/portal/${handle}/referrals` })).json();
    expect(mine.referrals).toEqual([expect.objectContaining({ status: 'rewarded', reward: expect.objectContaining({ points: 500 }) })]);
  });

  it('grants both rewards once when the shop attaches the same order concurrently and the order event is also replayed', async () => {
    const referrer = await newContact('Aiko');
    const friend = await newContact('Mei');
    const code = await codeOf(referrer.id);
    const placed = await order(friend.id, 8000);
    const responses = await Promise.all(Array.from({ length: 8 }, () => asShop('/referrals/attach', { code, orderId: placed.id })));
    for (const response of responses) expect(response.statusCode).toBe(200);
    const outcomes = responses.map((r) => r.json().outcome);
    // One conversion wins: one of these calls, or the order.placed sink that raced them (then every call says already_converted).
    expect(outcomes.filter((o) => o === 'rewarded').length).toBeLessThanOrEqual(1);
    expect(outcomes.every((o) => o === 'rewarded' || o === 'already_converted')).toBe(true);
    await eventsSettled(ws.accountId);
    expect(await pointsOf(referrer.id)).toHaveLength(1);
    expect(await couponsOf(friend.id)).toHaveLength(1);
    const again = await asShop('/referrals/attach', { code, orderId: placed.id });
    expect(again.json().outcome).toBe('already_converted');
    expect(await referralsOf(referrer.id)).toHaveLength(1);
    expect(await pointsOf(referrer.id)).toHaveLength(1);
  });
});

describe('replayed order webhooks', () => {
  it('converts once when the shop’s order webhook is delivered several times at once', async () => {
    const referrer = await newContact('Hook');
    const friend = await newContact('HookFriend');
    await claimReferral(db(), { code: await codeOf(referrer.id), contactId: friend.id, source: 'landing' });
    const delivery = { number: `W-${RUN}`, contactId: friend.id, currency: 'JPY', lines: [{ title: 'Kettle', quantity: 1, unitPriceMinor: 9000 }], source: 'shopify', externalId: `gid-${RUN}`, providerUpdatedAt: new Date('2026-01-01T00:00:00Z') };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => upsertOrder(db(), scope, delivery)));
    expect(outcomes.filter((o) => o.outcome === 'created')).toHaveLength(1);
    await eventsSettled(ws.accountId);
    expect((await referralsOf(referrer.id))[0]).toMatchObject({ status: 'rewarded', orderId: outcomes[0]!.order.id });
    expect(await pointsOf(referrer.id)).toHaveLength(1);
    expect(await couponsOf(friend.id)).toHaveLength(1);
    expect(await eventsNamed(referrer.id, 'referral.converted')).toHaveLength(1);
  });
});

describe('refunds', () => {
  it('takes the referrer’s points back once when the friend’s qualifying order is refunded', async () => {
    const referrer = await newContact('Refund');
    const friend = await newContact('RefundFriend');
    await claimReferral(db(), { code: await codeOf(referrer.id), contactId: friend.id, source: 'landing' });
    const base = { number: `F-${RUN}`, contactId: friend.id, currency: 'JPY', lines: [{ title: 'Bowl', quantity: 1, unitPriceMinor: 6000 }], source: 'shopify', externalId: `refund-${RUN}` };
    await upsertOrder(db(), scope, { ...base, providerUpdatedAt: new Date('2026-01-01T00:00:00Z') });
    await eventsSettled(ws.accountId);
    await Promise.all([1, 2].map(() => upsertOrder(db(), scope, { ...base, financialStatus: 'refunded', providerUpdatedAt: new Date('2026-01-02T00:00:00Z') })));
    await eventsSettled(ws.accountId);
    const [referral] = await referralsOf(referrer.id);
    expect(referral!.reversedAt).not.toBeNull();
    expect(referral!.reversalNote).toContain('500 points reversed');
    const entries = await pointsOf(referrer.id);
    expect(entries.map((e) => e.kind).sort()).toEqual(['earn', 'reverse']);
    expect(await eventsNamed(referrer.id, 'referral.reversed')).toHaveLength(1);
    const me = await signIn(referrer.id);
    expect((await asCustomer(me, { method: 'GET', url: `/api/portal/${handle}/referrals` })).json().referrals[0]).toMatchObject({ reversed: true });
  });
});

describe('abuse guards', () => {
  async function claimAs(referrerId: string, input: Parameters<typeof claimReferral>[1] extends infer I ? Partial<I & object> : never) {
    return claimReferral(db(), { code: await codeOf(referrerId), source: 'landing', ...input } as Parameters<typeof claimReferral>[1]);
  }

  it('rejects the referrer claiming their own link, by contact and by an email that reaches their inbox', async () => {
    const referrer = await newContact('Yuki', { email: `yuki.tanaka-${RUN}@gmail.com` });
    const own = await claimAs(referrer.id, { contactId: referrer.id });
    expect(own.referral).toMatchObject({ status: 'rejected', rejectionReason: 'self_referral_contact' });
    const alias = await claimAs(referrer.id, { email: `Yuki.Tanaka-${RUN}+deals@googlemail.com` });
    expect(alias.referral).toMatchObject({ status: 'rejected', rejectionReason: 'self_referral_email' });
    expect(await couponsOf(alias.friendContactId)).toHaveLength(0);
    expect(await eventsNamed(referrer.id, 'referral.rejected')).toHaveLength(2);
  });

  it('rejects a friend with the referrer’s phone', async () => {
    const referrer = await newContact('Ren', { phone: '+81 90-1111-2222' });
    const friend = await newContact('Ren2', { phone: '+819011112222' });
    expect((await claimAs(referrer.id, { contactId: friend.id })).referral.rejectionReason).toBe('self_referral_phone');
  });

  it('rejects a claim from the referrer’s own browser (device cookie) and from their network (IP) in the window', async () => {
    const referrer = await newContact('Daichi');
    const me = await signIn(referrer.id);
    const page = await asCustomer(me, { method: 'GET', url: `/api/portal/${handle}/referrals`, headers: { 'user-agent': 'PhoneBrowser/1.0', 'x-forwarded-for': '198.51.100.7' } });
    const device = (page.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_did')!;
    const code = page.json().code as string;
    const sameDevice = await visitAndClaim(code, `other-${RUN}@example.test`, { cookie: `tp_did=${device.value}` });
    expect(sameDevice.claim.statusCode).toBe(200);
    const referrals = await referralsOf(referrer.id);
    expect(referrals.map((r) => r.rejectionReason)).toEqual(['self_referral_device']);
    expect(referrals[0]!.rejectionDetail).toContain('device');
  });

  it('rejects a claim from the IP the referrer used, stored only as a salted hash', async () => {
    const referrer = await newContact('Haru');
    const code = await codeOf(referrer.id);
    const print = { deviceId: randomUUID(), userAgent: 'Laptop', ip: '203.0.113.50' };
    const { recordReferrerSighting, findReferralCode } = await import('@touchpoint/referrals');
    await recordReferrerSighting(db(), (await findReferralCode(db(), code))!, print);
    const claim = await claimReferral(db(), { code, email: `ip-friend-${RUN}@example.test`, print: { deviceId: randomUUID(), userAgent: 'Phone', ip: '203.0.113.50' }, source: 'landing' });
    expect(claim.referral.rejectionReason).toBe('self_referral_ip');
    const other = await claimReferral(db(), { code, email: `ip-friend2-${RUN}@example.test`, print: { deviceId: randomUUID(), userAgent: 'Phone', ip: '203.0.113.51' }, source: 'landing' });
    expect(other.referral.status).toBe('pending');
  });

  it('rejects an order shipped to the referrer’s address, however it is written', async () => {
    const referrer = await newContact('Sora', { attributes: { shipping_address: '1-2-3 Jingumae, Shibuya, Tokyo' } });
    const friend = await newContact('Kai');
    const placed = await order(friend.id);
    const attached = await asShop('/referrals/attach', { code: await codeOf(referrer.id), orderId: placed.id, shippingAddress: '1-2-3  JINGUMAE shibuya TOKYO' });
    expect(attached.json()).toMatchObject({ outcome: 'rejected', referral: { rejectionReason: 'self_referral_address' } });
    await eventsSettled(ws.accountId);
    expect(await pointsOf(referrer.id)).toHaveLength(0);
  });

  it('rewards a friend once ever: a second referrer’s link is rejected, and so is a person who had already ordered', async () => {
    const first = await newContact('Nao');
    const second = await newContact('Rio');
    const friend = await newContact('Emi');
    expect((await claimAs(first.id, { contactId: friend.id })).referral.status).toBe('pending');
    expect((await claimAs(second.id, { contactId: friend.id })).referral.rejectionReason).toBe('already_referred');
    const customer = await newContact('Old');
    await order(customer.id);
    expect((await claimAs(first.id, { contactId: customer.id })).referral.rejectionReason).toBe('existing_customer');
    expect(await couponsOf(friend.id)).toHaveLength(1);
    expect(await couponsOf(customer.id)).toHaveLength(0);
  });

  it('stops rewarding a referrer at the cap, even when their friends order at the same time', async () => {
    await saveProgram({ capPerReferrer: 2, capPeriodDays: 30 });
    try {
      const referrer = await newContact('Cap');
      const friends = await Promise.all([1, 2, 3, 4].map((n) => newContact(`CapFriend${n}`)));
      for (const friend of friends) await claimAs(referrer.id, { contactId: friend.id });
      await Promise.all(friends.map((friend) => order(friend.id)));
      await eventsSettled(ws.accountId);
      const rows = await referralsOf(referrer.id);
      expect(rows.filter((r) => r.status === 'rewarded')).toHaveLength(2);
      expect(rows.filter((r) => r.rejectionReason === 'referrer_cap_reached')).toHaveLength(2);
      expect(await pointsOf(referrer.id)).toHaveLength(2);
    } finally {
      await saveProgram();
    }
  });

  it('rejects an order below the minimum and a second order, and shows rejections by reason in the funnel', async () => {
    await saveProgram({ minOrderMinor: 3000, currency: 'JPY' });
    try {
      const referrer = await newContact('Min');
      const friend = await newContact('Small');
      await claimAs(referrer.id, { contactId: friend.id });
      await order(friend.id, 1000);
      await eventsSettled(ws.accountId);
      expect((await referralsOf(referrer.id))[0]).toMatchObject({ status: 'rejected', rejectionReason: 'order_below_minimum' });
    } finally {
      await saveProgram();
    }
    const stats = (await requestAs(t.app, admin, { method: 'GET', url: url('/referral-stats?days=30') })).json();
    expect(stats.funnel.clicks).toBeGreaterThan(0);
    expect(stats.funnel.rewarded).toBeGreaterThan(0);
    expect(stats.rejectionReasons).toMatchObject({ self_referral_email: 1, order_below_minimum: 1 });
    const filtered = (await requestAs(t.app, admin, { method: 'GET', url: url('/referrals?reason=self_referral_device') })).json();
    expect(filtered.referrals).toHaveLength(1);
  });

  it('rejects a first order placed after the attribution window', async () => {
    const referrer = await newContact('Late');
    const friend = await newContact('Slow');
    await claimReferral(db(), { code: await codeOf(referrer.id), contactId: friend.id, source: 'landing' }, new Date(Date.now() - 31 * 24 * 3600_000));
    await order(friend.id);
    await eventsSettled(ws.accountId);
    expect((await referralsOf(referrer.id))[0]).toMatchObject({ status: 'rejected', rejectionReason: 'attribution_expired' });
    expect(await pointsOf(referrer.id)).toHaveLength(0);
  });

  it('shows a closed page and grants nothing while the program is paused', async () => {
    await saveProgram({ status: 'paused' });
    try {
      const referrer = await newContact('Paused');
      const code = await codeOf(referrer.id);
      const page = await t.app.inject({ url: `/r/${code}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('ended');
      const claim = await t.app.inject({ method: 'POST', url: `/r/${code}`, payload: form({ email: `late-${RUN}@example.test` }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(claim.statusCode).toBe(409);
      expect(await referralsOf(referrer.id)).toHaveLength(0);
    } finally {
      await saveProgram();
    }
  });
});

describe('landing claims', () => {
  it('answers 429 to an address making up claims faster than a person would, storing nothing more', async () => {
    const referrer = await newContact('Busy');
    const code = await codeOf(referrer.id);
    const post = (n: number) => t.app.inject({ method: 'POST', url: `/r/${code}`, remoteAddress: '198.51.100.99', payload: form({ email: `made-up-${n}-${RUN}@example.test` }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const statuses: number[] = [];
    for (let n = 0; n < 12; n += 1) statuses.push((await post(n)).statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(await referralsOf(referrer.id)).toHaveLength(10);
  });
});
