import WebSocket from 'ws';
import { eq } from 'drizzle-orm';
import { createAccount, createUser } from '@touchpoint/accounts';
import { connectInboxChannel, userHashOf } from '@touchpoint/channels';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { schema } from '@touchpoint/db';
import { createPrompt } from '@touchpoint/prompts';
import { loadConfig } from '../apps/server/src/config.ts';
import { startTouchpoint } from '../apps/server/src/runtime.ts';
import { readBenchEnv } from './lib/bench-env.ts';
import { measureOnEachTarget } from './lib/database-targets.ts';
import { computeMax, computePercentile } from './lib/stats.ts';
import type { Benchmark, Budget, ReportProgress } from './lib/types.ts';

const SOCKETS = 500;
/** At most SOCKETS: each trigger goes to a shopper of its own. */
const TRIGGERS = 200;
const INTERVAL_MS = 50;
const ORIGIN = 'https://bench-shop.example';
const SECRET = 'bench-identity-secret';
const BUDGET: Budget = { limit: 100, kind: 'max', text: '≤ 100 ms' };

interface Shopper { contactId: string; socket: WebSocket; received: Map<string, number> }

/**
 * "Trigger event → in-app prompt shown": one server in this process (embedded or PostgreSQL), a live prompt on
 * `bench.triggered` (every time), SOCKETS identified shoppers each with their widget socket open; then TRIGGERS
 * events, one every INTERVAL_MS for a random shopper, each recorded with recordCustomerEvents in its own transaction
 * (as the events batch API does) and timed from before the transaction until the prompt arrives on that
 * shopper's socket. Prompts arriving on any other socket are counted as misdelivered.
 */
async function measure(label: string, env: Record<string, string>, progress: ReportProgress) {
  const running = await startTouchpoint(loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'never', LOG_LEVEL: 'warn', TRUST_PROXY: 'true', PUBLIC_URL: 'http://127.0.0.1' }));
  const sockets: WebSocket[] = [];
  try {
    const { db } = running.services;
    const port = new URL(running.url).port;
    const base = `http://127.0.0.1:${port}`;
    const admin = await createUser(db, { email: `bench-${Date.now()}@example.test`, name: 'Bench', password: 'correct horse battery staple' });
    const account = await createAccount(db, { name: 'Bench prompts', purposeStatement: 'Measure prompts.', adminUserId: admin.id });
    const scope = { accountId: account.id, actor: { type: 'system' as const, id: null, name: 'bench', role: 'admin' as const } };
    const [inbox] = await db.insert(schema.inboxes).values({ accountId: account.id, name: 'Bench chat', channel: 'web_chat' }).returning();
    await connectInboxChannel(db, scope, inbox!.id, running.services.channels, { config: { allowedOrigins: ORIGIN }, secrets: { identitySecret: SECRET } }, base);
    const [row] = await db.select({ channelKey: schema.inboxes.channelKey }).from(schema.inboxes).where(eq(schema.inboxes.id, inbox!.id));
    const channelKey = row!.channelKey!;
    await createPrompt(db, account.id, { name: 'Bench', kind: 'banner', status: 'live', triggerEvent: 'bench.triggered', frequency: 'every_time', content: { en: { title: 'Hello' } } });

    progress(`${label}: ${SOCKETS} shoppers sign in and open their widget socket`);
    const shoppers: Shopper[] = [];
    for (let index = 0; index < SOCKETS; index += 1) {
      const userId = `bench-${index}`;
      const authorization = `User ${Buffer.from(userId).toString('base64url')}.${userHashOf(SECRET, userId)}`;
      const profile = await fetch(`${base}/widget/v1/${channelKey}/profile`, { method: 'POST', headers: { origin: ORIGIN, authorization, 'content-type': 'application/json', 'x-forwarded-for': `10.1.${index >> 8}.${index & 255}` }, body: JSON.stringify({ name: userId, email: `${userId}@example.test` }) });
      if (!profile.ok) throw new Error(`profile answered ${profile.status}: ${await profile.text()}`);
      const [contact] = await db.select({ id: schema.contacts.id }).from(schema.contacts).where(eq(schema.contacts.email, `${userId}@example.test`));
      const socket = new WebSocket(`${base.replace('http', 'ws')}/widget/v1/${channelKey}/socket`, { headers: { origin: ORIGIN } });
      sockets.push(socket);
      const shopper: Shopper = { contactId: contact!.id, socket, received: new Map() };
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.on('message', (data) => {
          const message = JSON.parse(String(data)) as { type: string; prompt?: { deliveryId: string } };
          if (message.type === 'ready') resolve();
          if (message.type === 'prompt') shopper.received.set(message.prompt!.deliveryId, performance.now());
        });
        socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', authorization })));
      });
      shoppers.push(shopper);
    }

    progress(`${label}: ${TRIGGERS} trigger events, one every ${INTERVAL_MS} ms`);
    const samples: number[] = [];
    const pending: Promise<void>[] = [];
    // A different shopper each time: a prompt still waiting for its shopper is not queued twice (frequency rule).
    const order = shoppers.map((shopper) => ({ shopper, key: Math.random() })).sort((a, b) => a.key - b.key).map(({ shopper }) => shopper);
    for (let index = 0; index < TRIGGERS; index += 1) {
      const shopper = order[index]!;
      const before = shopper.received.size;
      const started = performance.now();
      pending.push((async () => {
        await db.transaction((tx) => recordCustomerEvents(tx, account.id, [{ contactId: shopper.contactId, kind: 'track', name: 'bench.triggered', source: 'api' }]));
        const deadline = Date.now() + 10_000;
        while (shopper.received.size === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
        const arrived = [...shopper.received.values()].at(-1);
        if (shopper.received.size > before && arrived !== undefined) samples.push(arrived - started);
      })());
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
    }
    await Promise.all(pending);
    const received = shoppers.reduce((sum, shopper) => sum + shopper.received.size, 0);
    return { label, samples, delivered: samples.length, misdelivered: Math.max(0, received - TRIGGERS) };
  } finally {
    for (const socket of sockets) socket.terminate();
    await running.stop();
  }
}

async function runPromptLatency(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  const results = await measureOnEachTarget(postgresAdminUrl, (label, env) => measure(label, env, progress));
  return {
    measurements: results.flatMap(({ label, samples, misdelivered }) => [
      { metric: `${label}, trigger event → prompt on the socket: p50 (${samples.length} of ${TRIGGERS})`, value: computePercentile(samples, 50), unit: 'ms' as const },
      { metric: `${label}, trigger event → prompt on the socket: p99 (${SOCKETS} widget sockets open)`, value: computePercentile(samples, 99), unit: 'ms' as const, budget: BUDGET },
      { metric: `${label}, prompts on another shopper's socket`, value: misdelivered, unit: 'count' as const, budget: { limit: 0, kind: 'max' as const, text: '0' } },
    ]),
    raw: { sockets: SOCKETS, triggers: TRIGGERS, intervalMs: INTERVAL_MS, results: results.map(({ label, samples }) => ({ label, samples, max: samples.length ? computeMax(samples) : null })) },
    notes: [
      'Server and socket clients share this process: the figures include the client side of every socket.',
      'Events are recorded with recordCustomerEvents in a transaction, as the events batch API does (its throughput is the events-ingest benchmark).',
      ...(postgresAdminUrl === null ? ['PostgreSQL skipped: set BENCH_DATABASE_URL (a role that may CREATE DATABASE) to run it.'] : []),
    ],
  };
}

export const promptLatencyBenchmark: Benchmark = {
  name: 'prompt-latency',
  summary: 'trigger event → in-app prompt on the right one of hundreds of open widget sockets (p50/p99, embedded and PostgreSQL)',
  run: runPromptLatency,
};
