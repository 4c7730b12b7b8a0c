import { availableParallelism, loadavg } from 'node:os';
import { readBenchEnv } from './lib/bench-env.ts';
import { listTargets, type PreparedDatabase, type Target } from './lib/database-targets.ts';
import { createDemoApiKey, describeWorkspaceData } from './lib/demo-client.ts';
import { generateLoad } from './lib/load-generator.ts';
import type { LoadReport } from './lib/load-report.ts';
import { computeBusyShare, readCpuTimeMs, readMemoryUsage, readSystemCpu } from './lib/proc-stats.ts';
import { type ServerProcess, useServer } from './lib/server-process.ts';
import type { Benchmark, Measurement, ReportProgress } from './lib/types.ts';

const CONNECTIONS = 10;
const WARMUP_SECONDS = 3;
const DURATION_SECONDS = 15;
const ENDPOINTS = [
  { label: 'GET conversations', path: '/conversations' },
  { label: 'GET home', path: '/home' },
] as const;
const INBOX_BUDGET_NOTE = 'the inbox budget (p95 ≤ 100 ms) is set at 1M conversations; this is the 18-conversation demo';

/** pg_stat_database lags by up to 10 s (PGSTAT_IDLE_INTERVAL), so counts are read after this much idle time. */
const STATS_SETTLE_MS = 11_000;

interface EndpointRun {
  endpoint: string;
  load: LoadReport;
  serverCpuMs: number;
  /** Share of all cores busy (server, load generator and anything else on the machine) over warm-up + window. */
  machineBusyShare: number;
  /** Wall time the CPU figures cover: load worker start-up, warm-up and the measured window. */
  wallSeconds: number;
  loadAverageBefore: number[];
  /** Database statements (autocommit transactions) per response, PostgreSQL only; independent of machine noise. */
  statementsPerRequest: number | null;
}

async function readSettledCount(count: (() => Promise<number>) | null): Promise<number | null> {
  if (!count) return null;
  await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS));
  return count();
}

async function measureEndpoint(server: ServerProcess, url: string, key: string, endpoint: string, countStatements: PreparedDatabase['countStatements']): Promise<EndpointRun> {
  const statementsBefore = await readSettledCount(countStatements);
  const loadAverageBefore = loadavg();
  const systemBefore = readSystemCpu();
  const cpuBefore = readCpuTimeMs(server.pid);
  const wallBefore = performance.now();
  const load = await generateLoad({ url, headers: { authorization: `Bearer ${key}` }, connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, durationSeconds: DURATION_SECONDS });
  const serverCpuMs = readCpuTimeMs(server.pid) - cpuBefore;
  const machineBusyShare = computeBusyShare(systemBefore, readSystemCpu());
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const statementsAfter = await readSettledCount(countStatements);
  const statementsPerRequest = statementsBefore === null || statementsAfter === null ? null : (statementsAfter - statementsBefore) / (load.responses + load.warmupResponses);
  return { endpoint, load, serverCpuMs, machineBusyShare, wallSeconds, loadAverageBefore, statementsPerRequest };
}

/** One server on a fresh database: demo loaded on start, jobs off, then each endpoint in turn. */
async function loadTarget(target: Target, progress: ReportProgress) {
  const { inheritedEnv } = readBenchEnv();
  const prepared = await target.prepare();
  try {
    progress(`${target.label}: starting the server`);
    const { value, stop } = await useServer({ env: { ...inheritedEnv, ...prepared.env, JOBS: 'false', LOG_LEVEL: 'warn' } }, async (server) => {
      const { accountId, key } = await createDemoApiKey(server.baseUrl, 'bench api-load');
      const data = await describeWorkspaceData(server.baseUrl, accountId, key);
      const runs: EndpointRun[] = [];
      for (const endpoint of ENDPOINTS) {
        progress(`${target.label}: ${endpoint.label}, ${WARMUP_SECONDS} s warm-up + ${DURATION_SECONDS} s at ${CONNECTIONS} connections`);
        runs.push(await measureEndpoint(server, `${server.baseUrl}/api/v1/accounts/${accountId}${endpoint.path}`, key, endpoint.label, prepared.countStatements));
      }
      return { target: target.label, readyMs: server.readyMs, data, runs, memoryAfterLoad: readMemoryUsage(server.pid) };
    });
    return { ...value, stop };
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
    { metric: `${name}: latency p95`, value: load.latencyMs.p95, unit: 'ms' },
    { metric: `${name}: latency p99`, value: load.latencyMs.p99, unit: 'ms' },
    { metric: `${name}: server CPU per request`, value: cpuPerRequestUs, unit: 'µs' },
    ...(run.statementsPerRequest === null ? [] : [{ metric: `${name}: SQL statements per request`, value: run.statementsPerRequest, unit: 'count' as const }]),
  ];
}

function describeMachineLoad(target: string, run: EndpointRun): string {
  const serverCores = run.serverCpuMs / 1000 / run.wallSeconds;
  const workerCores = run.load.workerCpuMs / 1000 / run.wallSeconds;
  const otherCores = run.machineBusyShare * availableParallelism() - serverCores - workerCores;
  return `${target}, ${run.endpoint}: cores used by server ${serverCores.toFixed(2)}, load generator ${workerCores.toFixed(2)}, everything else ${Math.max(0, otherCores).toFixed(2)} (PostgreSQL when used, and other work on the machine; of ${availableParallelism()}); load average before ${run.loadAverageBefore.map((value) => value.toFixed(2)).join(' ')}`;
}

type TargetResult = Awaited<ReturnType<typeof loadTarget>>;

function composeNotes(results: TargetResult[], postgresSkipped: boolean): string[] {
  const failures = results.flatMap((result) =>
    result.runs.filter((run) => run.load.non2xx + run.load.errors + run.load.timeouts > 0).map((run) => `FAILED REQUESTS: ${result.target}, ${run.endpoint}: ${run.load.non2xx} non-2xx, ${run.load.errors} errors, ${run.load.timeouts} timeouts`),
  );
  const unclean = results.filter((result) => result.stop.killed || result.stop.exitCode !== 0).map((result) => `${result.target}: server did not stop cleanly on SIGTERM (${JSON.stringify(result.stop)})`);
  return [
    'Latency: exact nearest-rank p50/p95/p99 of every 2xx response in the measured window (hrtime, per response); autocannon p97.5/p99 are in the JSON.',
    'Server CPU per request: server process utime+stime over warm-up and measured window ÷ responses in both; load generator and server share the same cores.',
    `No budget applies: ${INBOX_BUDGET_NOTE}.`,
    'SQL statements per request (PostgreSQL): pg_stat_database transactions during warm-up + window ÷ responses, read after 11 s idle; includes the outbox poller (a few per second).',
    ...(postgresSkipped ? ['PostgreSQL skipped: set BENCH_DATABASE_URL (a role that may CREATE DATABASE) to run it.'] : []),
    ...results.flatMap((result) => result.runs.map((run) => describeMachineLoad(result.target, run))),
    ...failures,
    ...unclean,
  ];
}

/** Authenticated read load (Bearer API key) on the two pages an agent opens most, per database. */
async function runApiLoad(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  const results: TargetResult[] = [];
  for (const target of listTargets(postgresAdminUrl)) results.push(await loadTarget(target, progress));
  const measurements = results.flatMap((result): Measurement[] => [
    ...result.runs.flatMap((run) => measureRun(result.target, run)),
    { metric: `${result.target}: server RSS after load (VmRSS)`, value: result.memoryAfterLoad.rssMb, unit: 'MB' },
  ]);
  return {
    measurements,
    raw: { connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, durationSeconds: DURATION_SECONDS, results },
    notes: composeNotes(results, postgresAdminUrl === null),
  };
}

export const apiLoadBenchmark: Benchmark = {
  name: 'api-load',
  summary: `Authenticated GET load, ${CONNECTIONS} connections, ${DURATION_SECONDS} s per endpoint after ${WARMUP_SECONDS} s warm-up`,
  run: runApiLoad,
};
