import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { schema } from '@touchpoint/db';
import { expireDuePoints } from '@touchpoint/rewards';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let scope: AccountScope;
let apiKey: string;
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;

async function newContact(name: string) {
  return createContact(t.services.db, scope, { name, email: `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test` });
}
async function newPool(body: Record<string, unknown>) {
  const response = await requestAs(t.app, admin, { method: 'POST', url: url('/coupon-pools'), payload: { name: 'Pool', kind: 'percent', value: 10, ...body } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; prefix: string }>();
}
async function addCodes(poolId: string, payload: Record<string, unknown>) {
  return requestAs(t.app, admin, { method: 'POST', url: url(`/coupon-pools/${poolId}/codes`), payload });
}
const asShop = (path: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: url(path), payload, headers: { authorization: `Bearer ${apiKey}` } });
const points = (contactId: string, payload: Record<string, unknown>) =>
  requestAs(t.app, admin, { method: 'POST', url: url(`/contacts/${contactId}/points`), payload: { reason: 'test', ...payload } });
async function eventsNamed(contactId: string, name: string) {
  return t.services.db.select().from(schema.customerEvents).where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.contactId, contactId), eq(schema.customerEvents.name, name)));
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  apiKey = (await requestAs(t.app, admin, { method: 'POST', url: url('/api-keys'), payload: { name: 'Shop checkout' } })).json<{ key: string }>().key;
});
afterAll(() => t.close());

describe('coupon pools and codes', () => {
  it('generates unique codes with the pool’s prefix and length and counts them as available', async () => {
    const pool = await newPool({ name: 'Spring', prefix: 'spr-', codeLength: 8 });
    const generated = await addCodes(pool.id, { generate: 500 });
    expect(generated.json()).toEqual({ accepted: 500, errors: [] });
    const codes = await t.services.db.select({ code: schema.coupons.code }).from(schema.coupons).where(eq(schema.coupons.poolId, pool.id));
    expect(new Set(codes.map((row) => row.code)).size).toBe(500);
    for (const { code } of codes) expect(code).toMatch(/^SPR-[2-9A-HJKMNP-Z]{8}$/);
    const list = (await requestAs(t.app, admin, { method: 'GET', url: url('/coupon-pools') })).json<{ pools: { id: string; stock: { available: number } }[] }>();
    expect(list.pools.find((p) => p.id === pool.id)!.stock.available).toBe(500);
  });

  it('imports the shop’s codes, reporting malformed and duplicate ones by index and adding the rest', async () => {
    const pool = await newPool({ name: 'Imported' });
    const first = await addCodes(pool.id, { codes: ['WELCOME-1', 'welcome-2', 'x', 'WELCOME-1', 'has space'] });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ accepted: 2, errors: [
      { index: 2, message: expect.stringContaining('4 to 40') },
      { index: 3, message: 'repeats the code at index 0' },
      { index: 4, message: expect.stringContaining('4 to 40') },
    ] });
    const again = await addCodes(pool.id, { codes: ['WELCOME-2', 'WELCOME-3'] });
    expect(again.json()).toEqual({ accepted: 1, errors: [{ index: 0, message: 'this code already exists in the account' }] });
  });

  it('refuses bad pool and code input as a problem naming the field, changing nothing', async () => {
    const badPercent = await requestAs(t.app, admin, { method: 'POST', url: url('/coupon-pools'), payload: { name: 'Bad', kind: 'percent', value: 150 } });
    expect(badPercent.statusCode).toBe(400);
    expect(badPercent.headers['content-type']).toContain('application/problem+json');
    expect(badPercent.json().errors[0].path).toBe('value');
    const noCurrency = await requestAs(t.app, admin, { method: 'POST', url: url('/coupon-pools'), payload: { name: 'Bad', kind: 'amount', value: 500 } });
    expect(noCurrency.json().errors[0].path).toBe('currency');
    const pools = await t.services.db.select().from(schema.couponPools).where(and(eq(schema.couponPools.accountId, ws.accountId), eq(schema.couponPools.name, 'Bad')));
    expect(pools).toHaveLength(0);
    const pool = await newPool({ name: 'Either' });
    expect((await addCodes(pool.id, { generate: 2, codes: ['ABCD-1'] })).statusCode).toBe(400);
    expect((await addCodes(pool.id, { generate: 0 })).json().errors[0].path).toBe('generate');
    expect((await requestAs(t.app, agent, { method: 'POST', url: url('/coupon-pools'), payload: { name: 'Agent', kind: 'free_item' } })).statusCode).toBe(403);
  });
});

describe('issuing coupons', () => {
  it('never hands out the same code twice, then says out_of_stock', async () => {
    const pool = await newPool({ name: 'Three codes' });
    await addCodes(pool.id, { generate: 3 });
    const contacts = await Promise.all(['Ann', 'Ben', 'Cai', 'Dee', 'Eve'].map(newContact));
    const results = await Promise.all(contacts.map((contact) => asShop(`/coupon-pools/${pool.id}/issue`, { contactId: contact.id })));
    const issued = results.filter((r) => r.statusCode === 201).map((r) => r.json<{ code: string; status: string }>());
    expect(issued).toHaveLength(3);
    expect(new Set(issued.map((c) => c.code)).size).toBe(3);
    expect(issued.every((c) => c.status === 'issued')).toBe(true);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => [r.statusCode, r.json().code])).toEqual([[409, 'out_of_stock'], [409, 'out_of_stock']]);
    const winner = contacts[results.findIndex((r) => r.statusCode === 201)]!;
    expect(await eventsNamed(winner.id, 'coupon.issued')).toHaveLength(1);
  });
});

describe('validating and redeeming coupons', () => {
  it('redeems a code exactly once out of twenty concurrent attempts; the others get 409 already_redeemed', async () => {
    const pool = await newPool({ name: 'Once', kind: 'amount', value: 500, currency: 'EUR' });
    const contact = await newContact('Fay');
    await addCodes(pool.id, { codes: ['ONCE-ONLY'] });
    const issued = await requestAs(t.app, admin, { method: 'POST', url: url(`/coupon-pools/${pool.id}/issue`), payload: { contactId: contact.id } });
    expect(issued.json().code).toBe('ONCE-ONLY');
    const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => asShop('/coupons/redeem', { code: 'once-only', totalMinor: 3000, currency: 'EUR', orderRef: `order-${i}` })));
    const won = attempts.filter((r) => r.statusCode === 200);
    expect(won).toHaveLength(1);
    expect(won[0]!.json()).toMatchObject({ coupon: { status: 'redeemed', code: 'ONCE-ONLY' }, offer: { discountMinor: 500 } });
    const lost = attempts.filter((r) => r.statusCode !== 200);
    expect(lost.every((r) => r.statusCode === 409 && r.json().code === 'already_redeemed')).toBe(true);
    expect(await eventsNamed(contact.id, 'coupon.redeemed')).toHaveLength(1);
    const after = (await asShop('/coupons/validate', { code: 'ONCE-ONLY', totalMinor: 3000, currency: 'EUR' })).json();
    expect(after).toMatchObject({ valid: false, reason: 'redeemed' });
  });

  it('says why a code cannot be used: unknown, another account’s, expired, below the minimum spend, another currency', async () => {
    const expired = await newPool({ name: 'Old', expiresAt: new Date(Date.now() - 60_000).toISOString() });
    await addCodes(expired.id, { codes: ['OLD-CODE'] });
    const minSpend = await newPool({ name: 'Big baskets', kind: 'percent', value: 20, currency: 'EUR', minSpendMinor: 5000 });
    await addCodes(minSpend.id, { codes: ['BIG-BASKET'] });
    const other = await createTestWorkspace('Other shop');
    const otherAdmin = await signInAs(t.app, other.admin.email);
    const otherPool = await requestAs(t.app, otherAdmin, { method: 'POST', url: `/api/v1/accounts/${other.accountId}/coupon-pools`, payload: { name: 'Theirs', kind: 'percent', value: 50 } });
    await requestAs(t.app, otherAdmin, { method: 'POST', url: `/api/v1/accounts/${other.accountId}/coupon-pools/${otherPool.json().id}/codes`, payload: { codes: ['THEIRS-1'] } });

    const check = async (code: string, totalMinor: number, currency = 'EUR') => (await asShop('/coupons/validate', { code, totalMinor, currency })).json();
    expect(await check('NOPE-NOPE', 1000)).toMatchObject({ valid: false, reason: 'unknown_code' });
    expect(await check('THEIRS-1', 1000)).toMatchObject({ valid: false, reason: 'unknown_code' });
    expect(await check('OLD-CODE', 1000)).toMatchObject({ valid: false, reason: 'expired' });
    const lateIssue = await asShop(`/coupon-pools/${expired.id}/issue`, { contactId: (await newContact('Lou')).id });
    expect(lateIssue.statusCode).toBe(409);
    expect(await check('BIG-BASKET', 4999)).toMatchObject({ valid: false, reason: 'min_spend_not_met' });
    expect(await check('BIG-BASKET', 9000, 'USD')).toMatchObject({ valid: false, reason: 'currency_mismatch' });
    expect(await check('big-basket', 5000)).toMatchObject({ valid: true, offer: { kind: 'percent', discountMinor: 1000 } });

    const refused = await asShop('/coupons/redeem', { code: 'BIG-BASKET', totalMinor: 100, currency: 'EUR', orderRef: 'o-1' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'coupon_invalid', errors: [{ path: 'code', message: 'min_spend_not_met' }] });
    const [stillAvailable] = await t.services.db.select().from(schema.coupons).where(and(eq(schema.coupons.accountId, ws.accountId), eq(schema.coupons.code, 'BIG-BASKET')));
    expect(stillAvailable!.status).toBe('available');
    expect((await asShop('/coupons/validate', { code: 'BIG-BASKET', totalMinor: -1, currency: 'EUR' })).json().errors[0].path).toBe('totalMinor');
  });
});

describe('points', () => {
  it('earns and spends with a running balance, refuses to go negative and records each reference once', async () => {
    const contact = await newContact('Gus');
    const earned = await points(contact.id, { kind: 'earn', points: 100, reference: 'order-1' });
    expect(earned.statusCode).toBe(201);
    expect(earned.json()).toMatchObject({ replayed: false, entry: { kind: 'earn', points: 100, balanceAfter: 100 } });
    const replay = await points(contact.id, { kind: 'earn', points: 100, reference: 'order-1' });
    expect(replay.json()).toMatchObject({ replayed: true, entry: { id: earned.json().entry.id } });
    expect((await points(contact.id, { kind: 'spend', points: 5, reference: 'order-1' })).statusCode).toBe(409);
    const spent = await points(contact.id, { kind: 'spend', points: 30, reference: 'reward-1' });
    expect(spent.json().entry).toMatchObject({ kind: 'spend', points: -30, balanceAfter: 70 });
    const tooMuch = await points(contact.id, { kind: 'spend', points: 71, reference: 'reward-2' });
    expect([tooMuch.statusCode, tooMuch.json().code]).toEqual([409, 'insufficient_points']);
    const ledger = (await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts/${contact.id}/points`) })).json<{ balance: number; entries: { reference: string }[] }>();
    expect(ledger.balance).toBe(70);
    expect(ledger.entries.map((entry) => entry.reference)).toEqual(['reward-1', 'order-1']);
    expect(await eventsNamed(contact.id, 'points.earned')).toHaveLength(1);
    expect(await eventsNamed(contact.id, 'points.spent')).toHaveLength(1);
    expect((await points(contact.id, { kind: 'earn', points: 1.5, reference: 'x' })).json().errors[0].path).toBe('points');
  });

  it('keeps concurrent spends from overdrawing the balance', async () => {
    const contact = await newContact('Hal');
    await points(contact.id, { kind: 'earn', points: 50, reference: 'hal-earn' });
    const spends = await Promise.all(Array.from({ length: 10 }, (_, i) => points(contact.id, { kind: 'spend', points: 10, reference: `hal-spend-${i}` })));
    expect(spends.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts/${contact.id}/points`) })).json().balance).toBe(0);
  });

  it('reverses an entry once', async () => {
    const contact = await newContact('Ivy');
    const earned = (await points(contact.id, { kind: 'earn', points: 40, reference: 'ivy-earn' })).json().entry;
    const reverse = () => requestAs(t.app, admin, { method: 'POST', url: url(`/points-entries/${earned.id}/reverse`), payload: { reason: 'order cancelled' } });
    const first = await reverse();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'reverse', points: -40, balanceAfter: 0, reversesEntryId: earned.id });
    expect([(await reverse()).statusCode, (await reverse()).json().code]).toEqual([409, 'already_settled']);
  });

  it('expires earned points once they are due, without taking spent points twice', async () => {
    const contact = await newContact('Jay');
    const soon = new Date(Date.now() + 60_000).toISOString();
    await points(contact.id, { kind: 'earn', points: 100, reference: 'jay-1', expiresAt: soon });
    await points(contact.id, { kind: 'earn', points: 20, reference: 'jay-2' });
    await points(contact.id, { kind: 'spend', points: 90, reference: 'jay-3' });
    const later = new Date(Date.now() + 120_000);
    expect(await expireDuePoints(t.services.db, ws.accountId, later)).toBe(1);
    expect(await expireDuePoints(t.services.db, ws.accountId, later)).toBe(0);
    // The scheduled job passes no account and lapses what is due in every account.
    const kai = await newContact('Kai');
    await points(kai.id, { kind: 'earn', points: 15, reference: 'kai-1', expiresAt: soon });
    expect(await expireDuePoints(t.services.db, null, later)).toBeGreaterThanOrEqual(1);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts/${kai.id}/points`) })).json()).toMatchObject({ balance: 0 });
    const ledger = (await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts/${contact.id}/points`) })).json<{ balance: number; entries: { kind: string; points: number }[] }>();
    expect(ledger.balance).toBe(0);
    expect(ledger.entries[0]).toMatchObject({ kind: 'expire', points: -30 });
  });
});

describe('account scoping', () => {
  it('answers 404 to another account’s admin and for another account’s pool or entry', async () => {
    const other = await createTestWorkspace('Stranger shop');
    const stranger = await signInAs(t.app, other.admin.email);
    const pool = await newPool({ name: 'Mine' });
    const contact = await newContact('Kim');
    const entry = (await points(contact.id, { kind: 'earn', points: 5, reference: 'kim-1' })).json().entry;
    expect((await requestAs(t.app, stranger, { method: 'GET', url: url('/coupon-pools') })).statusCode).toBe(404);
    expect((await requestAs(t.app, stranger, { method: 'POST', url: url(`/coupon-pools/${pool.id}/codes`), payload: { generate: 1 } })).statusCode).toBe(404);
    expect((await requestAs(t.app, stranger, { method: 'GET', url: url(`/contacts/${contact.id}/points`) })).statusCode).toBe(404);
    const theirs = `/api/v1/accounts/${other.accountId}`;
    expect((await requestAs(t.app, stranger, { method: 'POST', url: `${theirs}/coupon-pools/${pool.id}/codes`, payload: { generate: 1 } })).statusCode).toBe(404);
    expect((await requestAs(t.app, stranger, { method: 'POST', url: `${theirs}/points-entries/${entry.id}/reverse`, payload: {} })).statusCode).toBe(404);
    expect((await requestAs(t.app, stranger, { method: 'GET', url: `${theirs}/contacts/${contact.id}/points` })).statusCode).toBe(404);
  });
});
