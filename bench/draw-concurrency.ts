import { Agent, request } from 'node:http';
import { and, eq, inArray } from 'drizzle-orm';
import { createAccount, createUser } from '@touchpoint/accounts';
import { createContact } from '@touchpoint/contacts';
import { handleOfAccount, openCustomerSession } from '@touchpoint/customers';
import { schema } from '@touchpoint/db';
import { createCampaign, setCampaignStatus } from '@touchpoint/games';
import { createCouponPool, generateCoupons } from '@touchpoint/rewards';
import { loadConfig } from '../apps/server/src/config.ts';
import { startTouchpoint } from '../apps/server/src/runtime.ts';
import { readBenchEnv } from './lib/bench-env.ts';
import { measureOnEachTarget } from './lib/database-targets.ts';
import { computePercentile } from './lib/stats.ts';
import type { Benchmark, ReportProgress } from './lib/types.ts';

const PLAYERS = 1000;
const STOCK = 10;

interface Player { contactId: string; headers: Record<string, string>; playId: string; nonce: number }

/**
 * All plays are sent at once; the client keeps at most this many connections open (the rest wait in its queue), so
 * the figures measure the server, not the kernel's accept backlog. A connection error is retried with the same
 * idempotency key, which must answer the same result (counted in `retried`).
 */
const MAX_SOCKETS = 200;

function postJson(agent: Agent, url: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (error) {
          reject(error as Error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * "1,000 concurrent plays of one draw with 10 prizes left": one server in this process (embedded or PostgreSQL), a
 * live draw whose table is one coupon prize (stock 10, weight 1) and "try again" (weight 1), PLAYERS customers each
 * with a portal session, entered and committed beforehand (over HTTP). Then every play is sent at once over HTTP;
 * timed from the first request to the last answer. Checks: exactly STOCK winners, STOCK distinct coupons issued,
 * each to a different winner, the prize's awarded count equal to STOCK, every other play answered (no errors).
 */
async function measure(label: string, env: Record<string, string>, progress: ReportProgress) {
  const running = await startTouchpoint(loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'never', LOG_LEVEL: 'warn', TRUST_PROXY: 'true', PUBLIC_URL: 'http://127.0.0.1' }));
  try {
    const { db } = running.services;
    const base = `http://127.0.0.1:${new URL(running.url).port}`;
    const admin = await createUser(db, { email: `bench-${Date.now()}@example.test`, name: 'Bench', password: 'correct horse battery staple' });
    const account = await createAccount(db, { name: 'Bench draw', purposeStatement: 'Measure draws.', adminUserId: admin.id });
    const handle = await handleOfAccount(db, account.id);
    const scope = { accountId: account.id, actor: { type: 'system' as const, id: null, name: 'bench', role: 'admin' as const } };
    const pool = await createCouponPool(db, account.id, { name: 'Bench prize', kind: 'free_item', value: 0 });
    await generateCoupons(db, account.id, pool.id, STOCK * 3);
    const campaign = await createCampaign(db, account.id, {
      name: 'Bench draw', kind: 'draw', prizes: [{ label: 'Free drink', kind: 'free_item', poolId: pool.id, weight: 1, stock: STOCK }, { label: 'Try again', kind: 'try_again', weight: 1 }],
    });
    await setCampaignStatus(db, account.id, campaign.id, 'live');

    progress(`${label}: ${PLAYERS} customers sign in, enter and commit`);
    const players: Player[] = [];
    for (let index = 0; index < PLAYERS; index += 1) {
      const contact = await createContact(db, scope, { name: `Player ${index}`, email: `player-${index}@example.test` });
      const session = await openCustomerSession(db, account.id, contact.id, { ip: '127.0.0.1', userAgent: 'bench' });
      const headers = { cookie: `tp_customer=${session.token}`, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json', 'x-forwarded-for': `10.2.${index >> 8}.${index & 255}` };
      const entered = await fetch(`${base}/api/portal/${handle}/games/${campaign.id}/enter`, { method: 'POST', headers, body: '{}' });
      if (!entered.ok) throw new Error(`enter answered ${entered.status}: ${await entered.text()}`);
      const unlock = (await entered.json()) as { id: string };
      const committed = await fetch(`${base}/api/portal/${handle}/game-unlocks/${unlock.id}/commit`, { method: 'POST', headers, body: '{}' });
      if (!committed.ok) throw new Error(`commit answered ${committed.status}: ${await committed.text()}`);
      const commit = (await committed.json()) as { playId: string; nonce: number };
      players.push({ contactId: contact.id, headers, playId: commit.playId, nonce: commit.nonce });
    }

    progress(`${label}: ${PLAYERS} plays at once`);
    const latencies: number[] = [];
    const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
    let retried = 0;
    const started = performance.now();
    const answers = await Promise.all(players.map(async (player, index) => {
      const sent = performance.now();
      const body = JSON.stringify({ clientSeed: `bench-seed-${index}`, nonce: player.nonce, idempotencyKey: `bench-key-${player.playId}` });
      let answer: { status: number; json: unknown } | null = null;
      for (let attempt = 0; answer === null; attempt += 1) {
        try {
          answer = await postJson(agent, `${base}/api/portal/${handle}/game-plays/${player.playId}/play`, player.headers, body);
        } catch (error) {
          if (attempt >= 3) throw error;
          retried += 1;
        }
      }
      latencies.push(performance.now() - sent);
      const json = answer.json as { receipt?: { outcome: string; fallback: boolean }; couponCode?: string | null };
      return { status: answer.status, outcome: json.receipt?.outcome ?? null, fallback: json.receipt?.fallback ?? false, couponCode: json.couponCode ?? null, contactId: player.contactId };
    }));
    const elapsedMs = performance.now() - started;
    agent.destroy();

    const failed = answers.filter((answer) => answer.status !== 200).length;
    const winners = answers.filter((answer) => answer.outcome === 'won');
    const codes = new Set(winners.map((winner) => winner.couponCode));
    const issued = await db.select({ code: schema.coupons.code, contactId: schema.coupons.contactId }).from(schema.coupons)
      .where(and(eq(schema.coupons.poolId, pool.id), inArray(schema.coupons.status, ['issued', 'redeemed'])));
    const [prize] = await db.select({ awarded: schema.gamePrizes.awarded }).from(schema.gamePrizes).where(and(eq(schema.gamePrizes.campaignId, campaign.id), eq(schema.gamePrizes.kind, 'free_item')));
    const checks = {
      failed, winners: winners.length, distinctCodes: codes.size, issuedCoupons: issued.length, distinctHolders: new Set(issued.map((row) => row.contactId)).size,
      awarded: prize?.awarded ?? -1, fallbacks: answers.filter((answer) => answer.fallback).length, retried,
    };
    if (failed > 0 || winners.length !== STOCK || codes.size !== STOCK || issued.length !== STOCK || checks.distinctHolders !== STOCK || checks.awarded !== STOCK) {
      throw new Error(`${label}: integrity check failed: ${JSON.stringify(checks)}`);
    }
    return { label, elapsedMs, latencies, checks };
  } finally {
    await running.stop();
  }
}

async function runDrawConcurrency(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  const results = await measureOnEachTarget(postgresAdminUrl, (label, env) => measure(label, env, progress));
  return {
    measurements: results.flatMap(({ label, elapsedMs, latencies, checks }) => [
      { metric: `${label}, ${PLAYERS} concurrent plays, ${STOCK} prizes left: plays/s`, value: Math.round((PLAYERS / elapsedMs) * 1000), unit: 'req/s' as const },
      { metric: `${label}, play p50`, value: computePercentile(latencies, 50), unit: 'ms' as const },
      { metric: `${label}, play p99`, value: computePercentile(latencies, 99), unit: 'ms' as const },
      { metric: `${label}, winners (must be ${STOCK})`, value: checks.winners, unit: 'count' as const, budget: { limit: STOCK, kind: 'max' as const, text: `= ${STOCK}` } },
      { metric: `${label}, coupons issued twice`, value: checks.winners - checks.distinctCodes, unit: 'count' as const, budget: { limit: 0, kind: 'max' as const, text: '0' } },
    ]),
    raw: { players: PLAYERS, stock: STOCK, results: results.map(({ label, elapsedMs, latencies, checks }) => ({ label, elapsedMs, checks, latencies })) },
    notes: [
      `Each run asserts exactly ${STOCK} winners, ${STOCK} distinct coupons each held by a different winner, and no failed play; it throws otherwise.`,
      `Server and HTTP clients share this process; entries and commits happen before the timed burst; the client sends all ${PLAYERS} plays at once over at most ${MAX_SOCKETS} keep-alive connections.`,
      ...(postgresAdminUrl === null ? ['PostgreSQL skipped: set BENCH_DATABASE_URL (a role that may CREATE DATABASE) to run it.'] : []),
    ],
  };
}

export const drawConcurrencyBenchmark: Benchmark = {
  name: 'draw-concurrency',
  summary: '1,000 concurrent plays of one draw with 10 prizes left: exactly 10 winners, no coupon twice, plays/s and p50/p99 (embedded and PostgreSQL)',
  run: runDrawConcurrency,
};
