import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { handleOfAccount, mintSignInLink } from '@touchpoint/customers';
import { schema } from '@touchpoint/db';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let scope: AccountScope;
let apiKey: string;
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const RUN = Math.random().toString(36).slice(2, 8).toUpperCase();

async function newContact(name: string) {
  return createContact(t.services.db, scope, { name, email: `${name.toLowerCase()}-${RUN.toLowerCase()}@example.test` });
}
async function poolWithCodes(codes: string[]) {
  const pool = (await requestAs(t.app, admin, { method: 'POST', url: url('/coupon-pools'), payload: { name: 'Sorry', kind: 'amount', value: 500, currency: 'EUR' } })).json<{ id: string }>();
  await requestAs(t.app, admin, { method: 'POST', url: url(`/coupon-pools/${pool.id}/codes`), payload: { codes } });
  return pool;
}
const asShop = (path: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: url(path), payload, headers: { authorization: `Bearer ${apiKey}` } });
const couponByCode = async (code: string) => (await t.services.db.select().from(schema.coupons).where(and(eq(schema.coupons.accountId, ws.accountId), eq(schema.coupons.code, code))))[0]!;
const auditActions = async (targetId: string) =>
  (await t.services.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.accountId, ws.accountId), eq(schema.auditLog.targetId, targetId)))).map((row) => row.action);

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  apiKey = (await requestAs(t.app, admin, { method: 'POST', url: url('/api-keys'), payload: { name: 'Shop' } })).json<{ key: string }>().key;
});
afterAll(() => t.close());

describe('voiding codes', () => {
  it('voids one unused code so checkout refuses it, once, and never a redeemed one', async () => {
    const pool = await poolWithCodes([`V1-${RUN}`, `V2-${RUN}`]);
    const contact = await newContact('Voided');
    await requestAs(t.app, admin, { method: 'POST', url: url(`/coupon-pools/${pool.id}/issue`), payload: { contactId: contact.id } });
    const issued = await couponByCode(`V1-${RUN}`);
    expect(issued.status).toBe('issued');
    const voided = await requestAs(t.app, admin, { method: 'POST', url: url(`/coupons/${issued.id}/void`), payload: { reason: 'sent by mistake' } });
    expect(voided.json()).toMatchObject({ status: 'void' });
    expect((await requestAs(t.app, admin, { method: 'POST', url: url(`/coupons/${issued.id}/void`), payload: {} })).statusCode).toBe(409);
    expect((await asShop('/coupons/validate', { code: `V1-${RUN}`, totalMinor: 1000, currency: 'EUR' })).json()).toMatchObject({ valid: false, reason: 'void' });
    expect(await auditActions(issued.id)).toEqual(['coupon.voided']);

    await asShop('/coupons/redeem', { code: `V2-${RUN}`, totalMinor: 1000, currency: 'EUR', orderRef: `O-${RUN}-a` });
    const redeemed = await couponByCode(`V2-${RUN}`);
    const refused = await requestAs(t.app, admin, { method: 'POST', url: url(`/coupons/${redeemed.id}/void`), payload: {} });
    expect(refused.statusCode).toBe(409);
    expect((await couponByCode(`V2-${RUN}`)).status).toBe('redeemed');
  });

  it('voids every unissued code of a pool and leaves issued ones valid', async () => {
    const pool = await poolWithCodes([`U1-${RUN}`, `U2-${RUN}`, `U3-${RUN}`]);
    const contact = await newContact('Keeper');
    await requestAs(t.app, admin, { method: 'POST', url: url(`/coupon-pools/${pool.id}/issue`), payload: { contactId: contact.id } });
    const answer = await requestAs(t.app, admin, { method: 'POST', url: url(`/coupon-pools/${pool.id}/void-unissued`), payload: {} });
    expect(answer.json()).toEqual({ voided: 2 });
    const list = await requestAs(t.app, admin, { method: 'GET', url: url(`/coupon-pools/${pool.id}/coupons?status=issued`) });
    expect(list.json()).toMatchObject({ total: 1, coupons: [{ status: 'issued', contactName: 'Keeper' }] });
    const pools = (await requestAs(t.app, admin, { method: 'GET', url: url('/coupon-pools') })).json<{ pools: { id: string; stock: object }[] }>();
    expect(pools.pools.find((p) => p.id === pool.id)!.stock).toEqual({ available: 0, issued: 1, redeemed: 0 });
  });

  it('lists and searches a pool’s codes by part of the code, any case', async () => {
    const pool = await poolWithCodes([`FIND-${RUN}-A`, `FIND-${RUN}-B`, `OTHER-${RUN}`]);
    const found = await requestAs(t.app, admin, { method: 'GET', url: url(`/coupon-pools/${pool.id}/coupons?q=find-${RUN.toLowerCase()}`) });
    expect(found.json<{ total: number }>().total).toBe(2);
    const bad = await requestAs(t.app, admin, { method: 'GET', url: url(`/coupon-pools/${pool.id}/coupons?status=lost`) });
    expect(bad.statusCode).toBe(400);
  });
});

describe('undoing a redemption', () => {
  it('puts a cancelled order’s code back in its holder’s hands once, audited and on the timeline', async () => {
    const pool = await poolWithCodes([`R1-${RUN}`]);
    const contact = await newContact('Canceller');
    await requestAs(t.app, admin, { method: 'POST', url: url(`/coupon-pools/${pool.id}/issue`), payload: { contactId: contact.id } });
    await asShop('/coupons/redeem', { code: `R1-${RUN}`, totalMinor: 1000, currency: 'EUR', orderRef: `O-${RUN}-1` });
    const coupon = await couponByCode(`R1-${RUN}`);
    const undos = await Promise.all(Array.from({ length: 8 }, () => t.app.inject({ method: 'POST', url: url(`/coupons/${coupon.id}/unredeem`), payload: { reason: 'order cancelled' }, headers: { authorization: `Bearer ${apiKey}` } })));
    expect(undos.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(undos.filter((r) => r.statusCode === 409)).toHaveLength(7);
    expect(await couponByCode(`R1-${RUN}`)).toMatchObject({ status: 'issued', contactId: contact.id, redemptionRef: null });
    expect(await auditActions(coupon.id)).toEqual(['coupon.unredeemed']);
    const events = await t.services.db.select().from(schema.customerEvents).where(and(eq(schema.customerEvents.contactId, contact.id), eq(schema.customerEvents.name, 'coupon.unredeemed')));
    expect(events).toHaveLength(1);
    // Usable again, then the second redemption can be undone by order ref.
    expect((await asShop('/coupons/redeem', { code: `R1-${RUN}`, totalMinor: 1000, currency: 'EUR', orderRef: `O-${RUN}-2` })).statusCode).toBe(200);
    const byOrder = await asShop('/coupons/unredeem', { orderRef: `O-${RUN}-2` });
    expect(byOrder.json()).toMatchObject({ coupons: [{ code: `R1-${RUN}`, status: 'issued' }] });
    expect((await asShop('/coupons/unredeem', { orderRef: `O-${RUN}-2` })).statusCode).toBe(404);
  });
});

describe('my rewards in the portal', () => {
  it('shows the signed-in customer their balance, history and coupons, and nobody else’s', async () => {
    const pool = await poolWithCodes([`P1-${RUN}`, `P2-${RUN}`]);
    const me = await newContact('Portal');
    const other = await newContact('Other');
    await requestAs(t.app, admin, { method: 'POST', url: url(`/coupon-pools/${pool.id}/issue`), payload: { contactId: me.id } });
    await requestAs(t.app, admin, { method: 'POST', url: url(`/coupon-pools/${pool.id}/issue`), payload: { contactId: other.id } });
    await requestAs(t.app, admin, { method: 'POST', url: url(`/contacts/${me.id}/points`), payload: { kind: 'earn', points: 40, reason: 'Welcome', reference: `welcome:${me.id}` } });
    const handle = await handleOfAccount(t.services.db, ws.accountId);
    const link = await mintSignInLink(t.services.db, ws.accountId, me.id, 'widget');
    const redeemed = await t.app.inject({ method: 'POST', url: `/api/portal/${handle}/auth/redeem`, payload: { token: link.token } });
    const cookie = (redeemed.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_customer')!;
    const mine = await t.app.inject({ method: 'GET', url: `/api/portal/${handle}/rewards`, headers: { cookie: `tp_customer=${cookie.value}` } });
    expect(mine.json()).toMatchObject({ balance: 40, entries: [{ kind: 'earn', points: 40, reason: 'Welcome' }], coupons: [{ code: `P1-${RUN}`, status: 'issued', offer: { kind: 'amount', value: 500, currency: 'EUR' } }] });
    expect(mine.json<{ coupons: unknown[] }>().coupons).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: `/api/portal/${handle}/rewards` })).statusCode).toBe(401);
  });
});
