import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder } from '@touchpoint/commerce';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { handleOfAccount, mintSignInLink } from '@touchpoint/customers';
import { schema } from '@touchpoint/db';
import { verifyReceipt } from '@touchpoint/games';
import { createCouponPool, generateCoupons } from '@touchpoint/rewards';
import { and, eq } from 'drizzle-orm';
import { eventsSettled } from '../testing/events-settled.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';
import { getTestDatabase } from '../testing/test-database.ts';

const RUN = randomUUID().slice(0, 8);
let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let handle: string;
let scope: AccountScope;
let freePoolId: string;

interface Customer { contactId: string; cookie: string; csrfToken: string }

const api = (path = '') => `/api/v1/accounts/${ws.accountId}/game-campaigns${path}`;
const portal = (path: string) => `/api/portal/${handle}${path}`;
const as = (who: Customer, options: InjectOptions) => t.app.inject({ ...options, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, ...(options.headers ?? {}) } });

async function signedInCustomer(name: string, orders = 0): Promise<Customer> {
  const { db } = await getTestDatabase();
  const contact = await createContact(db, scope, { name, email: `${name.toLowerCase()}-${RUN}-${randomUUID().slice(0, 4)}@example.test` });
  for (let i = 0; i < orders; i += 1) await placeOrder(contact.id, i);
  const link = await mintSignInLink(db, ws.accountId, contact.id, 'widget');
  const redeemed = await t.app.inject({ method: 'POST', url: portal('/auth/redeem'), payload: { token: link.token } });
  const cookie = (redeemed.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_customer')!;
  return { contactId: contact.id, cookie: `tp_customer=${cookie.value}`, csrfToken: redeemed.json().csrfToken };
}

async function placeOrder(contactId: string, daysAgo: number, totalMinor = 1500) {
  const { db } = await getTestDatabase();
  return createOrder(db, scope, {
    number: `G-${RUN}-${randomUUID().slice(0, 8)}`, contactId, currency: 'JPY', lines: [{ id: 'ramen', title: 'Ramen', quantity: 1, unitPriceMinor: totalMinor }],
    financialStatus: 'paid', fulfillmentStatus: 'delivered', placedAt: new Date(Date.now() - daysAgo * 24 * 3600_000 - 60_000),
  });
}

async function createLiveCampaign(body: Record<string, unknown>) {
  const created = await requestAs(t.app, admin, { method: 'POST', url: api(), payload: body });
  expect(created.statusCode, created.body).toBe(201);
  const published = await requestAs(t.app, admin, { method: 'POST', url: api(`/${created.json().id}/publish`) });
  expect(published.statusCode, published.body).toBe(200);
  return published.json() as { id: string; slug: string; prizes: { id: string; label: string; odds: number }[] };
}

async function commitAndPlay(who: Customer, unlockId: string, clientSeed = `seed-${randomUUID()}`) {
  const commit = await as(who, { method: 'POST', url: portal(`/game-unlocks/${unlockId}/commit`) });
  expect(commit.statusCode, commit.body).toBe(200);
  const { playId, nonce } = commit.json();
  const body = { clientSeed, nonce, idempotencyKey: `key-${playId}` };
  const played = await as(who, { method: 'POST', url: portal(`/game-plays/${playId}/play`), payload: body });
  return { commit: commit.json(), played, body, playId: playId as string };
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Games');
  admin = await signInAs(t.app, ws.admin.email);
  const { db } = await getTestDatabase();
  handle = await handleOfAccount(db, ws.accountId);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const pool = await createCouponPool(db, ws.accountId, { name: 'Free gyoza', kind: 'free_item', value: 0, prefix: 'GYZ' });
  await generateCoupons(db, ws.accountId, pool.id, 200);
  freePoolId = pool.id;
});
afterAll(async () => {
  await t.close();
});

describe('the order game', () => {
  let campaign: { id: string; slug: string };

  beforeAll(async () => {
    campaign = await createLiveCampaign({
      name: `Yummy ${RUN}`, kind: 'order_game', eligibility: { ordersRequired: 3, windowDays: 30, uniqueBy: 'order', minOrderMinor: 1000 },
      prizes: [
        { label: 'Free gyoza', kind: 'free_item', poolId: freePoolId, weight: 1, stock: 100 },
        { label: '50 points', kind: 'points', points: 50, weight: 1, stock: null },
      ],
    });
  });

  it('unlocks one play after three unique orders, plays it with a verifiable receipt, and puts it all on the timeline', async () => {
    const mina = await signedInCustomer('Mina', 2);
    await placeOrder(mina.contactId, 40); // outside the 30-day window of the others: does not count
    await placeOrder(mina.contactId, 0, 500); // below the minimum order value: does not count
    await eventsSettled(ws.accountId);
    let games = (await as(mina, { method: 'GET', url: portal('/games') })).json().games;
    expect(games.find((game: { id: string }) => game.id === campaign.id)).toMatchObject({ progress: { counted: 2, required: 3 }, unlocked: [] });

    await placeOrder(mina.contactId, 0);
    await eventsSettled(ws.accountId);
    games = (await as(mina, { method: 'GET', url: portal('/games') })).json().games;
    const game = games.find((g: { id: string }) => g.id === campaign.id);
    expect(game.unlocked).toHaveLength(1);
    expect(game.progress).toEqual({ counted: 0, required: 3 });

    const { commit, played } = await commitAndPlay(mina, game.unlocked[0].unlockId, 'mina-lucky');
    expect(commit.serverSeedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(played.statusCode, played.body).toBe(200);
    const { receipt, couponCode, points } = played.json();
    expect(receipt.serverSeedHash).toBe(commit.serverSeedHash);
    expect(verifyReceipt(receipt)).toEqual({ valid: true, roll: receipt.roll });
    expect(receipt.outcome).toBe('won');
    expect(Boolean(couponCode) !== Boolean(points)).toBe(true);

    const publicReceipt = await t.app.inject({ method: 'GET', url: `/api/play/${handle}/receipts/${receipt.playId}` });
    expect(publicReceipt.json()).toEqual(receipt);

    await eventsSettled(ws.accountId);
    const { db } = await getTestDatabase();
    const names = (await db.select({ name: schema.customerEvents.name }).from(schema.customerEvents)
      .where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.contactId, mina.contactId)))).map((row) => row.name);
    expect(names.filter((name) => name === 'game.unlocked')).toHaveLength(1);
    expect(names).toEqual(expect.arrayContaining(['game.played', 'prize.won']));
  });

  it('answers the same result for the same idempotency key, and refuses a replay with another seed, a wrong nonce or another customer', async () => {
    const ken = await signedInCustomer('Ken', 3);
    const other = await signedInCustomer('Other', 0);
    await eventsSettled(ws.accountId);
    const game = (await as(ken, { method: 'GET', url: portal('/games') })).json().games.find((g: { id: string }) => g.id === campaign.id);
    const unlockId = game.unlocked[0].unlockId;
    // Another customer can neither commit nor play it.
    expect((await as(other, { method: 'POST', url: portal(`/game-unlocks/${unlockId}/commit`) })).statusCode).toBe(404);
    const commit = (await as(ken, { method: 'POST', url: portal(`/game-unlocks/${unlockId}/commit`) })).json();
    const again = (await as(ken, { method: 'POST', url: portal(`/game-unlocks/${unlockId}/commit`) })).json();
    expect(again.serverSeedHash).toBe(commit.serverSeedHash);
    const body = { clientSeed: 'ken-seed', nonce: commit.nonce, idempotencyKey: 'ken-key-0001' };
    const stolen = await as(other, { method: 'POST', url: portal(`/game-plays/${commit.playId}/play`), payload: body });
    expect(stolen.statusCode).toBe(404);
    const wrongNonce = await as(ken, { method: 'POST', url: portal(`/game-plays/${commit.playId}/play`), payload: { ...body, nonce: commit.nonce + 1 } });
    expect(wrongNonce.statusCode).toBe(409);
    expect(wrongNonce.headers['content-type']).toContain('application/problem+json');
    expect(wrongNonce.json().code).toBe('play_refused');

    const [first, second] = await Promise.all([
      as(ken, { method: 'POST', url: portal(`/game-plays/${commit.playId}/play`), payload: body }),
      as(ken, { method: 'POST', url: portal(`/game-plays/${commit.playId}/play`), payload: body }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(first.json().receipt).toEqual(second.json().receipt);
    expect([first.json().replayed, second.json().replayed].sort()).toEqual([false, true]);

    const tampered = await as(ken, { method: 'POST', url: portal(`/game-plays/${commit.playId}/play`), payload: { ...body, clientSeed: 'a-better-seed' } });
    expect(tampered.statusCode).toBe(409);
    expect(tampered.json().code).toBe('play_refused');
    const { db } = await getTestDatabase();
    const plays = await db.select().from(schema.gamePlays).where(eq(schema.gamePlays.contactId, ken.contactId));
    expect(plays).toHaveLength(1);
    expect(plays[0]!.clientSeed).toBe('ken-seed');
    const coupons = await db.select().from(schema.coupons).where(eq(schema.coupons.contactId, ken.contactId));
    const entries = await db.select().from(schema.pointsEntries).where(eq(schema.pointsEntries.contactId, ken.contactId));
    expect(coupons.length + entries.length).toBe(1);
  });

  it('keeps a live campaign’s odds: changing a weight is refused, adding stock is accepted', async () => {
    const current = (await requestAs(t.app, admin, { method: 'GET', url: api(`/${campaign.id}`) })).json();
    const prizes = current.prizes.map((prize: Record<string, unknown>) => ({ id: prize.id, label: prize.label, kind: prize.kind, poolId: prize.poolId, points: prize.points, weight: prize.weight, stock: prize.stock }));
    const body = { name: current.name, kind: current.kind, eligibility: current.eligibility, prizes };
    const reweighted = await requestAs(t.app, admin, { method: 'PUT', url: api(`/${campaign.id}`), payload: { ...body, prizes: [{ ...prizes[0], weight: 99 }, prizes[1]] } });
    expect(reweighted.statusCode).toBe(409);
    const restocked = await requestAs(t.app, admin, { method: 'PUT', url: api(`/${campaign.id}`), payload: { ...body, prizes: [{ ...prizes[0], stock: 150 }, prizes[1]] } });
    expect(restocked.statusCode, restocked.body).toBe(200);
    expect(restocked.json().prizes[0].stock).toBe(150);
  });

  it('exports the evidence as JSON and CSV with seeds, nonces and outcomes', async () => {
    const json = await requestAs(t.app, admin, { method: 'GET', url: api(`/${campaign.id}/evidence`) });
    expect(json.statusCode, json.body).toBe(200);
    const evidence = json.json();
    expect(evidence.algorithm).toBe('hmac-sha256-v1');
    const played = evidence.plays.filter((play: { status: string }) => play.status === 'played');
    expect(played.length).toBeGreaterThanOrEqual(2);
    for (const play of played) expect(verifyReceipt({ ...play, algorithm: play.algorithm }).valid).toBe(true);
    const csv = await requestAs(t.app, admin, { method: 'GET', url: api(`/${campaign.id}/evidence?format=csv`) });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('serverSeedHash,serverSeed,clientSeed,nonce');
    const stats = (await requestAs(t.app, admin, { method: 'GET', url: api(`/${campaign.id}/stats`) })).json();
    expect(stats.plays).toBe(played.length);
    expect(stats.winners).toBe(played.length);
  });
});

describe('a draw under concurrent plays', () => {
  it('awards exactly the stock left when 50 customers play at once, each coupon to one winner', async () => {
    const { db } = await getTestDatabase();
    const pool = await createCouponPool(db, ws.accountId, { name: `Draw ${RUN}`, kind: 'free_item', value: 0 });
    await generateCoupons(db, ws.accountId, pool.id, 20);
    const draw = await createLiveCampaign({
      name: `Draw ${RUN}`, kind: 'draw', prizes: [{ label: 'Free drink', kind: 'free_item', poolId: pool.id, weight: 1, stock: 3 }, { label: 'Try again', kind: 'try_again', weight: 0 }],
    });
    const customers = await Promise.all(Array.from({ length: 50 }, (_, i) => signedInCustomer(`Crowd${i}`)));
    const commits = await Promise.all(customers.map(async (who) => {
      const entered = await as(who, { method: 'POST', url: portal(`/games/${draw.id}/enter`) });
      expect(entered.statusCode, entered.body).toBe(201);
      const commit = await as(who, { method: 'POST', url: portal(`/game-unlocks/${entered.json().id}/commit`) });
      return { who, commit: commit.json() };
    }));
    const results = await Promise.all(commits.map(({ who, commit }) =>
      as(who, { method: 'POST', url: portal(`/game-plays/${commit.playId}/play`), payload: { clientSeed: randomUUID(), nonce: commit.nonce, idempotencyKey: `k-${commit.playId}` } })));
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
    const winners = results.filter((r) => r.json().receipt.outcome === 'won');
    expect(winners).toHaveLength(3);
    expect(new Set(winners.map((r) => r.json().couponCode)).size).toBe(3);
    // Everyone else drew the same prize but found it out of stock: the documented fallback.
    expect(results.filter((r) => r.json().receipt.fallback)).toHaveLength(47);
    const issued = await db.select().from(schema.coupons).where(and(eq(schema.coupons.poolId, pool.id), eq(schema.coupons.status, 'issued')));
    expect(issued).toHaveLength(3);
    const [prize] = await db.select().from(schema.gamePrizes).where(eq(schema.gamePrizes.campaignId, draw.id));
    expect(prize!.awarded).toBe(3);
  });

  it('refuses a play beyond the per-customer limit and changes nothing', async () => {
    const limited = await createLiveCampaign({
      name: `Once ${RUN}`, kind: 'draw', limits: { perCustomer: 1 }, prizes: [{ label: '10 points', kind: 'points', points: 10, weight: 1 }],
    });
    const aya = await signedInCustomer('Aya');
    const enter = async () => (await as(aya, { method: 'POST', url: portal(`/games/${limited.id}/enter`) })).json().id as string;
    const first = await commitAndPlay(aya, await enter());
    expect(first.played.statusCode).toBe(200);
    const second = await commitAndPlay(aya, await enter());
    expect(second.played.statusCode).toBe(409);
    expect(second.played.json().code).toBe('limit_reached');
    const { db } = await getTestDatabase();
    const entries = await db.select().from(schema.pointsEntries).where(eq(schema.pointsEntries.contactId, aya.contactId));
    expect(entries).toHaveLength(1);
  });
});

describe('public game pages', () => {
  it('publishes the rules with the odds of every prize from the configuration, the limits and the no-purchase alternative', async () => {
    const game = await createLiveCampaign({
      name: `Rules ${RUN}`, kind: 'order_game', eligibility: { ordersRequired: 3, uniqueBy: 'day' }, limits: { perCustomer: 2 }, alternativeEntry: 'Write to us for a free play.',
      prizes: [{ label: 'Free gyoza', kind: 'free_item', poolId: freePoolId, weight: 1, stock: 5 }, { label: 'Try again', kind: 'try_again', weight: 3 }],
    });
    const page = await t.app.inject({ method: 'GET', url: `/play/${handle}/${game.slug}/rules?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('25%');
    expect(page.body).toContain('75%');
    expect(page.body).toContain('different days with an order');
    expect(page.body).toContain('At most 2 plays per customer.');
    expect(page.body).toContain('Write to us for a free play.');
    const ja = await t.app.inject({ method: 'GET', url: `/play/${handle}/${game.slug}/rules`, headers: { 'accept-language': 'ja' } });
    expect(ja.body).toContain('賞品と当選確率');
    expect((await t.app.inject({ method: 'GET', url: `/play/${handle}/no-such-game/rules` })).statusCode).toBe(404);
  });

  it('checks a stored play on the server, and says so when the play id is unknown', async () => {
    const { db } = await getTestDatabase();
    const [play] = await db.select({ id: schema.gamePlays.id }).from(schema.gamePlays).where(and(eq(schema.gamePlays.accountId, ws.accountId), eq(schema.gamePlays.status, 'played'))).limit(1);
    const page = await t.app.inject({ method: 'GET', url: `/play/${handle}/verify?play=${play!.id}&lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The server recomputed this play from its records');
    expect(page.body).toContain('&#34;serverSeed&#34;');
    const unknown = await t.app.inject({ method: 'GET', url: `/play/${handle}/verify?play=${randomUUID()}&lang=en` });
    expect(unknown.body).toContain('We could not find this game');
  });
});
