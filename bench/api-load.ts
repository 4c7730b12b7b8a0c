import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBenchEnv } from './lib/bench-env.ts';
import { createDemoApiKey, describeWorkspaceData } from './lib/demo-client.ts';
import { generateLoad } from './lib/load-generator.ts';
import type { LoadReport } from './lib/load-report.ts';
import { createFreshDatabase } from './lib/postgres-database.ts';
import { readCpuTimeMs, readMemoryUsage } from './lib/proc-stats.ts';
import { startServer } from './lib/server-process.ts';
import type { Benchmark, Measurement, ReportProgress } from './lib/types.ts';

const CONNECTIONS = 10;
const WARMUP_SECONDS = 3;
const DURATION_SECONDS = 15;
const ENDPOINTS = [
  { label: 'GET conversations', path: '/conversations' },
  { label: 'GET home', path: '/home' },
] as const;
const INBOX_BUDGET_NOTE = 'the inbox budget (p95 ≤ 100 ms) is set at 1M conversations; this is the 18-conversation demo';

interface Target {
  label: 'embedded' | 'postgres';
  /** Sets up a fresh, empty database and returns the server env for it, plus how to remove it. */
  prepare(): Promise<{ env: Record<string, string>; cleanUp(): Promise<void> }>;
}

interface EndpointRun {
  endpoint: string;
  load: LoadReport;
  serverCpuMs: number;
}

function listTargets(postgresAdminUrl: string | null): Target[] {
  const embedded: Target = {
    label: 'embedded',
    async prepare() {
      const dir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-load-'));
      return { env: { DATA_DIR: join(dir, 'data') }, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  };
  if (!postgresAdminUrl) return [embedded];
  const postgres: Target = {
    label: 'postgres',
    async prepare() {
      const database = await createFreshDatabase(postgresAdminUrl);
      return { env: { DATABASE_URL: database.url }, cleanUp: () => database.drop() };
    },
  };
  return [embedded, postgres];
}

async function loadTarget(target: Target, progress: ReportProgress) {
  const { inheritedEnv } = readBenchEnv();
  const prepared = await target.prepare();
  try {
    progress(`${target.label}: starting the server`);
    const server = await startServer({ env: { ...inheritedEnv, ...prepared.env, JOBS: 'false', LOG_LEVEL: 'warn' } });
    try {
      const { accountId, key } = await createDemoApiKey(server.baseUrl, 'bench api-load');
      const data = await describeWorkspaceData(server.baseUrl, accountId, key);
      const runs: EndpointRun[] = [];
      for (const endpoint of ENDPOINTS) {
        progress(`${target.label}: ${endpoint.label}, ${WARMUP_SECONDS} s warm-up + ${DURATION_SECONDS} s at ${CONNECTIONS} connections`);
        const cpuBefore = readCpuTimeMs(server.pid);
        const load = await generateLoad({
          url: `${server.baseUrl}/api/v1/accounts/${accountId}${endpoint.path}`,
          headers: { authorization: `Bearer ${key}` },
          connections: CONNECTIONS,
          warmupSeconds: WARMUP_SECONDS,
          durationSeconds: DURATION_SECONDS,
        });
        runs.push({ endpoint: endpoint.label, load, serverCpuMs: readCpuTimeMs(server.pid) - cpuBefore });
      }
      const memory = readMemoryUsage(server.pid);
      return { target: target.label, readyMs: server.readyMs, data, runs, memoryAfterLoad: memory };
    } finally {
      await server.stop();
    }
  } finally {
    await prepared.cleanUp();
  }
}

function measureRun(target: string, run: EndpointRun): Measurement[] {
  const name = `${target}, ${run.endpoint}`;
  const { load } = run;
  const cpuPerRequestUs = (run.serverCpuMs * 1000) / (load.responses + load.warmupResponses);
  return [
    { metric: `${name}: requests/s`, value: load.requestsPerSecond, unit: 'req/s' },
    { metric: `${name}: latency p50`, value: load.latencyMs.p50, unit: 'ms' },
    { metric: `${name}: latency p95`, value: load.latencyMs.p95, unit: 'ms', note: INBOX_BUDGET_NOTE },
    { metric: `${name}: latency p99`, value: load.latencyMs.p99, unit: 'ms' },
    { metric: `${name}: server CPU per request`, value: cpuPerRequestUs, unit: 'µs' },
  ];
}

/** Authenticated read load (Bearer API key) on the two pages an agent opens most, per database. */
async function runApiLoad(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  const results = [];
  for (const target of listTargets(postgresAdminUrl)) results.push(await loadTarget(target, progress));
  const measurements = results.flatMap((result) => [
    ...result.runs.flatMap((run) => measureRun(result.target, run)),
    { metric: `${result.target}: server RSS after load (VmRSS)`, value: result.memoryAfterLoad.rssMb, unit: 'MB' as const },
  ]);
  const failures = results.flatMap((result) => result.runs.filter((run) => run.load.non2xx + run.load.errors + run.load.timeouts > 0).map((run) => `${result.target}, ${run.endpoint}: ${run.load.non2xx} non-2xx, ${run.load.errors} errors, ${run.load.timeouts} timeouts`));
  return {
    measurements,
    raw: { connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, durationSeconds: DURATION_SECONDS, results },
    notes: [
      'Latency: exact nearest-rank p50/p95/p99 of every 2xx response in the measured window (hrtime, per response); autocannon p97.5/p99 are in the JSON.',
      'Server CPU per request: server process utime+stime over warm-up and measured window ÷ responses in both; load generator and server share the same cores.',
      ...(postgresAdminUrl ? [] : ['PostgreSQL skipped: set BENCH_DATABASE_URL (a role that may CREATE DATABASE) to run it.']),
      ...failures.map((failure) => `FAILED REQUESTS: ${failure}`),
    ],
  };
}

export const apiLoadBenchmark: Benchmark = {
  name: 'api-load',
  summary: `Authenticated GET load, ${CONNECTIONS} connections, ${DURATION_SECONDS} s per endpoint after ${WARMUP_SECONDS} s warm-up`,
  run: runApiLoad,
};
