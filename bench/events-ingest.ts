import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { readBenchEnv } from './lib/bench-env.ts';
import { listTargets, type Target } from './lib/database-targets.ts';
import { createDemoApiKey } from './lib/demo-client.ts';
import { computeBusyShare, readCpuTimeMs, readSystemCpu } from './lib/proc-stats.ts';
import { useServer } from './lib/server-process.ts';
import type { Benchmark, Measurement, ReportProgress } from './lib/types.ts';

const LOAD = { batchSize: 250, inFlight: 6, seconds: 20, users: 2_000 };
const BUDGET = { limit: 10_000, kind: 'min' as const, text: '≥ 10,000 events/s (PostgreSQL)' };

/** A batch of track events for random users of a fixed pool (most users already known after the first seconds). */
function buildBatch(run: string, sequence: number) {
  const now = Date.now();
  return Array.from({ length: LOAD.batchSize }, (_, i) => ({
    type: 'track',
    messageId: `${run}-${sequence}-${i}`,
    userId: `bench-user-${Math.floor(Math.random() * LOAD.users)}`,
    event: i % 5 === 0 ? 'Product Viewed' : 'Page Scrolled',
    timestamp: new Date(now - Math.floor(Math.random() * 60_000)).toISOString(),
    properties: { sku: `SKU-${i % 50}`, price: 1200, depth: i % 100 },
  }));
}

/**
 * PostgreSQL only (the embedded database belongs to the server process): how long after the load the outbox took to
 * drain, i.e. until every computed trait was folded in, and whether the event counts then add up to the events stored.
 */
async function awaitTraits(databaseUrl: string, accountId: string, stored: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    for (;;) {
      const { rows } = await client.query<{ n: number }>('select count(*)::int as n from outbox where published_at is null');
      if (rows[0]!.n === 0 || performance.now() - started > 120_000) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const drainMs = performance.now() - started;
    const { rows } = await client.query<{ total: number }>("select coalesce(sum(t.event_count), 0)::int as total from contact_traits t join contacts c on c.id = t.contact_id where t.account_id = $1 and c.external_id like 'bench-user-%'", [accountId]);
    return { drainMs, traitsTotal: rows[0]!.total, stored, traitsExact: rows[0]!.total === stored };
  } finally {
    await client.end();
  }
}

async function ingestOn(target: Target, progress: ReportProgress) {
  const { inheritedEnv } = readBenchEnv();
  const prepared = await target.prepare();
  try {
    progress(`${target.label}: starting the server`);
    const { value } = await useServer({ env: { ...inheritedEnv, ...prepared.env, JOBS: 'false', LOG_LEVEL: 'warn' } }, async (server) => {
      const { accountId, key } = await createDemoApiKey(server.baseUrl, 'events bench');
      const url = `${server.baseUrl}/api/v1/accounts/${accountId}/events/batch`;
      const run = `r${Date.now()}`;
      let sequence = 0;
      let accepted = 0;
      let storedInAll = 0;
      let failed = 0;
      const failures: Record<string, number> = {};
      const latencies: number[] = [];
      const post = async () => {
        const body = JSON.stringify({ batch: buildBatch(run, sequence++) });
        const started = performance.now();
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
        const answer = (await response.json()) as { accepted?: number };
        latencies.push(performance.now() - started);
        if (response.ok) {
          accepted += answer.accepted ?? 0;
          storedInAll += answer.accepted ?? 0;
        }
        else {
          failed += 1;
          failures[response.status] = (failures[response.status] ?? 0) + 1;
        }
      };
      progress(`${target.label}: warming up (users created)`);
      for (let i = 0; i < 8; i++) await post();
      accepted = 0;
      latencies.length = 0;
      progress(`${target.label}: ${LOAD.inFlight} batches of ${LOAD.batchSize} in flight for ${LOAD.seconds} s`);
      const loadAverageBefore = loadavg();
      const systemBefore = readSystemCpu();
      const cpuBefore = readCpuTimeMs(server.pid);
      const started = performance.now();
      const deadline = started + LOAD.seconds * 1000;
      await Promise.all(Array.from({ length: LOAD.inFlight }, async () => {
        while (performance.now() < deadline) await post();
      }));
      const seconds = (performance.now() - started) / 1000;
      const serverCores = (readCpuTimeMs(server.pid) - cpuBefore) / 1000 / seconds;
      const machineCores = computeBusyShare(systemBefore, readSystemCpu()) * availableParallelism();
      latencies.sort((a, b) => a - b);
      const databaseUrl = prepared.env.DATABASE_URL;
      if (databaseUrl) progress(`${target.label}: waiting for the outbox to drain (computed traits)`);
      const traits = databaseUrl ? await awaitTraits(databaseUrl, accountId, storedInAll) : null;
      return { target: target.label, eventsPerSecond: accepted / seconds, accepted, failed, failures, p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, serverCores, machineCores, loadAverageBefore, traits };
    });
    return value;
  } finally {
    await prepared.cleanUp();
  }
}

async function runEventsIngest(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  const results = [];
  for (const target of listTargets(postgresAdminUrl)) results.push(await ingestOn(target, progress));
  const measurements: Measurement[] = results.flatMap((result) => [
    { metric: `${result.target}: events stored per second (batches of ${LOAD.batchSize}, ${LOAD.inFlight} in flight)`, value: result.eventsPerSecond, unit: 'req/s' as const, ...(result.target === 'embedded' ? {} : { budget: BUDGET }) },
    { metric: `${result.target}: batch answered (committed) p50`, value: result.p50, unit: 'ms' as const },
    { metric: `${result.target}: batch answered (committed) p99`, value: result.p99, unit: 'ms' as const },
    ...(result.traits ? [{ metric: `${result.target}: computed traits caught up after the load (outbox drained)`, value: result.traits.drainMs, unit: 'ms' as const }] : []),
  ]);
  const notes = [
    'Unit req/s here is events/s. Each event is a track call for one of 2,000 users (contacts found by external id); each batch is one transaction: contacts by external id (one select), one INSERT … SELECT FROM jsonb_to_recordset for the events, one outbox row carrying the event ids. Computed traits are folded in by the outbox sink after commit (one statement per claim).',
    ...(postgresAdminUrl === null ? ['PostgreSQL skipped: set BENCH_DATABASE_URL (a role that may CREATE DATABASE) to run it.'] : []),
    ...results.map((result) => `${result.target}: ${result.accepted} events, ${result.failed} failed batches ${JSON.stringify(result.failures)}; cores used by the server ${result.serverCores.toFixed(2)}, by everything ${result.machineCores.toFixed(2)} of ${availableParallelism()}; load average before ${result.loadAverageBefore.map((v) => v.toFixed(2)).join(' ')}${result.traits ? `; event counts in contact_traits after the drain ${result.traits.traitsTotal} of ${result.traits.stored} stored (${result.traits.traitsExact ? 'exact' : 'NOT exact'})` : ''}`),
  ];
  return { measurements, raw: { load: LOAD, results }, notes };
}

export const eventsIngestBenchmark: Benchmark = {
  name: 'events-ingest',
  summary: 'Customer events through the batched HTTP API: sustained events per second on one node',
  run: runEventsIngest,
};
