import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { handleOfAccount, mintSignInLink } from '@touchpoint/customers';
import { schema } from '@touchpoint/db';
import { addDays, localDayOf, type PuzzleMove } from '@touchpoint/puzzles';
import { createCouponPool, getPointsBalance, importCoupons } from '@touchpoint/rewards';
import { multipartBody } from '../testing/multipart.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

const RUN = randomUUID().slice(0, 8);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

interface Customer { contactId: string; cookie: string; csrfToken: string }
interface Session { id: string; gridSize: number; arrangement: number[] }

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let handle: string;
let today: string;
let poolId: string;
const scope = () => ({ accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } }) as AccountScope;
const api = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const portal = (path: string) => `/api/portal/${handle}${path}`;
const as = (who: Customer, options: InjectOptions) => t.app.inject({ ...options, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, ...(options.headers ?? {}) } });

async function newCustomer(name: string): Promise<Customer> {
  const contact = await createContact(t.services.db, scope(), { name, email: `${name.toLowerCase()}-${RUN}-${randomUUID().slice(0, 4)}@example.test` });
  const link = await mintSignInLink(t.services.db, ws.accountId, contact.id, 'widget');
  const redeemed = await t.app.inject({ method: 'POST', url: portal('/auth/redeem'), payload: { token: link.token } });
  const cookie = (redeemed.cookies as { name: string; value: string }[]).find((c) => c.name === 'tp_customer')!;
  return { contactId: contact.id, cookie: `tp_customer=${cookie.value}`, csrfToken: redeemed.json().csrfToken };
}

/** The swaps that sort an arrangement, as a player's drags would. */
function solvingMoves(arrangement: number[]): PuzzleMove[] {
  const board = [...arrangement];
  const moves: PuzzleMove[] = [];
  for (let slot = 0; slot < board.length; slot++) {
    const from = board.indexOf(slot);
    if (from !== slot) {
      moves.push([slot, from]);
      [board[slot], board[from]] = [board[from]!, board[slot]!];
    }
  }
  return moves;
}

const schedule = (day: string, body: Record<string, unknown>) => requestAs(t.app, admin, { method: 'PUT', url: api(`/puzzles/${day}`), payload: body });
const couponPuzzle = () => ({ image: { kind: 'builtin', key: 'blossom' }, gridSize: 3, deal: { kind: 'coupon', poolId }, dealText: { en: '20% off spring tea', ja: '春のお茶が20%オフ' } });
const start = async (who: Customer) => {
  const response = await as(who, { method: 'POST', url: portal('/puzzle/sessions') });
  expect(response.statusCode).toBe(201);
  return response.json<{ session: Session; resumed: boolean }>();
};
const submit = (who: Customer, sessionId: string, moves: PuzzleMove[]) => as(who, { method: 'POST', url: portal(`/puzzle/sessions/${sessionId}/solution`), payload: { moves } });
const issuedCoupons = async (contactId: string) =>
  t.services.db.select().from(schema.coupons).where(and(eq(schema.coupons.accountId, ws.accountId), eq(schema.coupons.contactId, contactId)));
const eventsNamed = async (contactId: string, name: string) =>
  t.services.db.select().from(schema.customerEvents).where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.contactId, contactId), eq(schema.customerEvents.name, name)));

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Puzzles');
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  handle = await handleOfAccount(t.services.db, ws.accountId);
  today = localDayOf(new Date(), 'UTC');
  const pool = await createCouponPool(t.services.db, ws.accountId, { name: 'Puzzle deal', kind: 'percent', value: 20 });
  await importCoupons(t.services.db, ws.accountId, pool.id, Array.from({ length: 6 }, (_, i) => `PUZ-${RUN}-${i}`));
  poolId = pool.id;
});
afterAll(() => t.close());

describe('the puzzle calendar in the console', () => {
  it('shows a day without a puzzle as “no puzzle today” to the customer', async () => {
    const response = await as(await newCustomer('Early'), { method: 'GET', url: portal('/puzzle/today') });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ day: today, nextDay: null, puzzle: null, session: null, solved: null });
    await schedule(addDays(today, 5), couponPuzzle());
    const later = await as(await newCustomer('Early'), { method: 'GET', url: portal('/puzzle/today') });
    expect(later.json()).toMatchObject({ puzzle: null, nextDay: addDays(today, 5) });
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: api(`/puzzles/${addDays(today, 5)}`) })).statusCode).toBe(204);
  });

  it('lets an admin set today’s puzzle and lists it in the calendar with the built-in pictures', async () => {
    const saved = await schedule(today, couponPuzzle());
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ day: today, gridSize: 3, image: { kind: 'builtin', key: 'blossom' }, deal: { kind: 'coupon', poolId } });
    const calendar = (await requestAs(t.app, agent, { method: 'GET', url: api('/puzzles') })).json<{ today: string; days: { day: string; puzzle: unknown }[]; builtinImages: { key: string; url: string }[] }>();
    expect(calendar.today).toBe(today);
    expect(calendar.days.find((d) => d.day === today)!.puzzle).toMatchObject({ dealText: { en: '20% off spring tea' } });
    expect(calendar.days.filter((d) => d.puzzle === null).length).toBeGreaterThan(20);
    const picture = await t.app.inject({ method: 'GET', url: calendar.builtinImages[0]!.url });
    expect(picture.statusCode).toBe(200);
    expect(picture.headers['content-type']).toContain('image/svg+xml');
  });

  it('refuses a past day, a missing English text, another pool and an agent, changing nothing', async () => {
    expect((await schedule(addDays(today, -1), couponPuzzle())).statusCode).toBe(409);
    const noText = await schedule(addDays(today, 1), { ...couponPuzzle(), dealText: { en: ' ', ja: 'x' } });
    expect(noText.statusCode).toBe(400);
    expect(noText.headers['content-type']).toContain('application/problem+json');
    expect((await schedule(addDays(today, 1), { ...couponPuzzle(), deal: { kind: 'coupon', poolId: randomUUID() } })).statusCode).toBe(404);
    expect((await schedule(addDays(today, 1), { ...couponPuzzle(), gridSize: 7 })).statusCode).toBe(400);
    expect((await requestAs(t.app, agent, { method: 'PUT', url: api(`/puzzles/${addDays(today, 1)}`), payload: couponPuzzle() })).statusCode).toBe(403);
    expect((await requestAs(t.app, admin, { method: 'GET', url: api(`/puzzles/${addDays(today, 1)}`) })).statusCode).toBe(404);
  });

  it('accepts an uploaded picture by its bytes, serves it, and refuses a script disguised as a PNG', async () => {
    const upload = (fileName: string, contentType: string, content: Buffer) => {
      const { body, contentType: type } = multipartBody([{ name: 'file', value: content, fileName, contentType }]);
      return requestAs(t.app, admin, { method: 'POST', url: api('/puzzle-images'), payload: body, headers: { 'content-type': type } });
    };
    const ok = await upload('view.png', 'image/png', PNG);
    expect(ok.statusCode).toBe(201);
    const image = ok.json<{ id: string; url: string; contentType: string }>();
    expect(image.contentType).toBe('image/png');
    const served = await t.app.inject({ method: 'GET', url: image.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(PNG)).toBe(true);
    const svg = await upload('evil.png', 'image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(svg.statusCode).toBe(415);
    expect(svg.json().code).toBe('unsupported_media_type');
    const day = addDays(today, 2);
    expect((await schedule(day, { ...couponPuzzle(), image: { kind: 'upload', imageId: image.id } })).json()).toMatchObject({ imageUrl: image.url });
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: api(`/puzzles/${day}`) })).statusCode).toBe(204);
  });
});

describe('playing today’s puzzle', () => {
  it('shuffles on the server, resumes the open play, verifies the moves and reveals the deal once', async () => {
    const mina = await newCustomer('Mina');
    const { session, resumed } = await start(mina);
    expect(resumed).toBe(false);
    expect(session.gridSize).toBe(3);
    expect([...session.arrangement].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const again = await start(mina);
    expect(again).toMatchObject({ resumed: true, session: { id: session.id, arrangement: session.arrangement } });
    const before = (await as(mina, { method: 'GET', url: portal('/puzzle/today') })).json();
    expect(before).toMatchObject({ session: { id: session.id }, solved: null });
    expect(JSON.stringify(before)).not.toContain('spring tea');

    const solved = await as(mina, { method: 'POST', url: portal(`/puzzle/sessions/${session.id}/solution?locale=ja`), payload: { moves: solvingMoves(session.arrangement) } });
    expect(solved.statusCode).toBe(200);
    const answer = solved.json<{ granted: boolean; solved: { seconds: number; deal: { kind: string; code: string; text: string } } }>();
    expect(answer.granted).toBe(true);
    expect(answer.solved.deal).toMatchObject({ kind: 'coupon', text: '春のお茶が20%オフ', offer: { kind: 'percent', value: 20 } });
    expect(answer.solved.deal.code).toMatch(/^PUZ-/);
    expect((await issuedCoupons(mina.contactId)).map((c) => c.code)).toEqual([answer.solved.deal.code]);
    expect(await eventsNamed(mina.contactId, 'puzzle.started')).toHaveLength(1);
    const [event] = await eventsNamed(mina.contactId, 'puzzle.solved');
    expect(event).toMatchObject({ touchpointKind: 'puzzle', properties: { seconds: answer.solved.seconds, code: answer.solved.deal.code } });

    const later = (await as(mina, { method: 'GET', url: portal('/puzzle/today') })).json();
    expect(later).toMatchObject({ session: null, solved: { deal: { code: answer.solved.deal.code, text: '20% off spring tea' } } });
    const restart = await as(mina, { method: 'POST', url: portal('/puzzle/sessions') });
    expect(restart.statusCode).toBe(409);
  });

  it('refuses a wrong arrangement with problem+json and keeps the play open for the honest player', async () => {
    const ken = await newCustomer('Ken');
    const { session } = await start(ken);
    const moves = solvingMoves(session.arrangement);
    const wrong = await submit(ken, session.id, moves.slice(0, -1));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().code).toBe('puzzle_not_solved');
    expect(await issuedCoupons(ken.contactId)).toHaveLength(0);
    expect(await eventsNamed(ken.contactId, 'puzzle.solved')).toHaveLength(0);
    const offBoard = await submit(ken, session.id, [[0, 9]]);
    expect(offBoard.statusCode).toBe(400);
    expect((await submit(ken, session.id, moves)).statusCode).toBe(200);
  });

  it('refuses someone else’s play as if it did not exist', async () => {
    const owner = await newCustomer('Owner');
    const thief = await newCustomer('Thief');
    const { session } = await start(owner);
    const stolen = await submit(thief, session.id, solvingMoves(session.arrangement));
    expect(stolen.statusCode).toBe(404);
    expect(await issuedCoupons(thief.contactId)).toHaveLength(0);
    expect(await issuedCoupons(owner.contactId)).toHaveLength(0);
  });

  it('refuses an expired play and another day’s play', async () => {
    const late = await newCustomer('Late');
    const { session } = await start(late);
    await t.services.db.update(schema.puzzleSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(schema.puzzleSessions.id, session.id));
    const expired = await submit(late, session.id, solvingMoves(session.arrangement));
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('puzzle_session_expired');

    const yesterday = await newCustomer('Yesterday');
    const play = await start(yesterday);
    const [puzzle] = await t.services.db.select().from(schema.puzzles).where(and(eq(schema.puzzles.accountId, ws.accountId), eq(schema.puzzles.day, today)));
    await t.services.db.update(schema.puzzles).set({ day: addDays(today, -3) }).where(eq(schema.puzzles.id, puzzle!.id));
    try {
      const otherDay = await submit(yesterday, play.session.id, solvingMoves(play.session.arrangement));
      expect(otherDay.statusCode).toBe(410);
      expect(otherDay.json().detail).toContain('another day');
    } finally {
      await t.services.db.update(schema.puzzles).set({ day: today }).where(eq(schema.puzzles.id, puzzle!.id));
    }
    expect(await issuedCoupons(late.contactId)).toHaveLength(0);
    expect(await issuedCoupons(yesterday.contactId)).toHaveLength(0);
  });

  it('refuses a replayed play after its solve, granting nothing more', async () => {
    const sara = await newCustomer('Sara');
    const { session } = await start(sara);
    const moves = solvingMoves(session.arrangement);
    expect((await submit(sara, session.id, moves)).statusCode).toBe(200);
    const replay = await submit(sara, session.id, moves);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('puzzle_session_used');
    expect(await issuedCoupons(sara.contactId)).toHaveLength(1);
  });

  it('grants one deal when the same play is submitted twice at once', async () => {
    const rush = await newCustomer('Rush');
    const { session } = await start(rush);
    const moves = solvingMoves(session.arrangement);
    const answers = await Promise.all([submit(rush, session.id, moves), submit(rush, session.id, moves), submit(rush, session.id, moves)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    expect(await issuedCoupons(rush.contactId)).toHaveLength(1);
    expect(await eventsNamed(rush.contactId, 'puzzle.solved')).toHaveLength(1);
  });

  it('says so when the pool has run out, and still counts the solve', async () => {
    const stock = await t.services.db.select().from(schema.coupons).where(and(eq(schema.coupons.poolId, poolId), eq(schema.coupons.status, 'available')));
    for (const coupon of stock) await t.services.db.update(schema.coupons).set({ status: 'void' }).where(eq(schema.coupons.id, coupon.id));
    const last = await newCustomer('Last');
    const { session } = await start(last);
    const answer = await submit(last, session.id, solvingMoves(session.arrangement));
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ granted: true, solved: { deal: { kind: 'missed', code: null } } });
  });
});

describe('a points deal', () => {
  it('earns the points once per customer and day, whichever play solves it, under the puzzle’s reference', async () => {
    const saved = await schedule(today, { image: { kind: 'builtin', key: 'city' }, gridSize: 4, deal: { kind: 'points', points: 150 }, dealText: { en: '150 points', zh: '150 积分' } });
    expect(saved.statusCode).toBe(200);
    const yui = await newCustomer('Yui');
    const first = await start(yui);
    expect(first.session.gridSize).toBe(4);
    // A second play started before the first one ends (another tab): both may be solved, one deal is granted.
    await t.services.db.update(schema.puzzleSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(schema.puzzleSessions.id, first.session.id));
    const second = await start(yui);
    await t.services.db.update(schema.puzzleSessions).set({ expiresAt: new Date(Date.now() + 3_600_000) }).where(eq(schema.puzzleSessions.id, first.session.id));
    expect(second.session.id).not.toBe(first.session.id);
    const won = await as(yui, { method: 'POST', url: portal(`/puzzle/sessions/${second.session.id}/solution?locale=zh`), payload: { moves: solvingMoves(second.session.arrangement) } });
    expect(won.json()).toMatchObject({ granted: true, solved: { deal: { kind: 'points', points: 150, text: '150 积分' } } });
    const again = await submit(yui, first.session.id, solvingMoves(first.session.arrangement));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ granted: false, solved: { deal: { kind: 'points', points: 150 } } });
    expect(await getPointsBalance(t.services.db, ws.accountId, yui.contactId)).toBe(150);
    const [puzzle] = await t.services.db.select().from(schema.puzzles).where(and(eq(schema.puzzles.accountId, ws.accountId), eq(schema.puzzles.day, today)));
    const entries = await t.services.db.select().from(schema.pointsEntries).where(and(eq(schema.pointsEntries.accountId, ws.accountId), eq(schema.pointsEntries.contactId, yui.contactId)));
    expect(entries.map((e) => e.reference)).toEqual([`puzzle:${puzzle!.id}:${yui.contactId}`]);
  });

  it('grants once when two plays of one customer are submitted at the same moment', async () => {
    const twin = await newCustomer('Twin');
    const first = await start(twin);
    await t.services.db.update(schema.puzzleSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(schema.puzzleSessions.id, first.session.id));
    const second = await start(twin);
    await t.services.db.update(schema.puzzleSessions).set({ expiresAt: new Date(Date.now() + 3_600_000) }).where(eq(schema.puzzleSessions.id, first.session.id));
    const answers = await Promise.all([
      submit(twin, first.session.id, solvingMoves(first.session.arrangement)),
      submit(twin, second.session.id, solvingMoves(second.session.arrangement)),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(answers.map((a) => a.json<{ granted: boolean }>().granted).sort()).toEqual([false, true]);
    expect(await getPointsBalance(t.services.db, ws.accountId, twin.contactId)).toBe(150);
    expect(await eventsNamed(twin.contactId, 'puzzle.solved')).toHaveLength(1);
  });

  it('reports players, solvers, median time and deals per day', async () => {
    const stats = (await requestAs(t.app, agent, { method: 'GET', url: api('/puzzle-stats') })).json<{ days: { day: string; players: number; solvers: number; couponsGranted: number; pointsGranted: number; dealsMissed: number; medianSeconds: number | null }[] }>();
    const day = stats.days.find((d) => d.day === today)!;
    expect(day).toMatchObject({ solvers: 7, couponsGranted: 4, pointsGranted: 300, dealsMissed: 1 });
    expect(day.players).toBe(10);
    expect(day.medianSeconds).not.toBeNull();
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: api(`/puzzles/${today}`) })).statusCode).toBe(409);
  });
});
