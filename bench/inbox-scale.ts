import { availableParallelism, loadavg } from 'node:os';
import type { AgentLoadReport, AgentLoadSpec } from './agent-worker.ts';
import { BENCH_ACCOUNT_NAME } from './lib/bench-account.ts';
import { readBenchEnv } from './lib/bench-env.ts';
import { runWorker } from './lib/load-generator.ts';
import { computeBusyShare, readCpuTimeMs, readMemoryUsage, readSystemCpu } from './lib/proc-stats.ts';
import { useServer } from './lib/server-process.ts';
import type { Benchmark, Budget, Measurement, ReportProgress } from './lib/types.ts';
import type { SocketLoadReport, SocketLoadSpec } from './socket-worker.ts';

const AGENTS = 100;
const AGENT_LOAD = { warmupSeconds: 10, durationSeconds: 60, thinkMs: [500, 1500] as [number, number], deepPages: 40 };
const SOCKETS_PER_AGENT = 10;
const FANOUT = { messages: 300, intervalMs: 100 };

const LIST_BUDGET: Budget = { limit: 100, kind: 'max', text: '≤ 100 ms' };
const SEARCH_BUDGET: Budget = { limit: 200, kind: 'max', text: '≤ 200 ms' };
const DELIVERY_BUDGET: Budget = { limit: 50, kind: 'max', text: '≤ 50 ms' };

const budgetFor = (operation: string) => (operation.startsWith('search') ? SEARCH_BUDGET : LIST_BUDGET);

/** Measures what one phase cost the server and the machine, around `work`. */
async function withCpu<T>(pid: number, work: () => Promise<T>) {
  const systemBefore = readSystemCpu();
  const cpuBefore = readCpuTimeMs(pid);
  const wallBefore = performance.now();
  const loadAverageBefore = loadavg();
  const value = await work();
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  return { value, serverCores: (readCpuTimeMs(pid) - cpuBefore) / 1000 / wallSeconds, machineCores: computeBusyShare(systemBefore, readSystemCpu()) * availableParallelism(), loadAverageBefore };
}

/**
 * 100 agents (each its own session) on an account made by bench/generate.ts: inbox lists, a deep keyset page,
 * conversation open and search with think time; then 1,000 console sockets and message → socket delivery times.
 */
async function runInboxScale(progress: ReportProgress) {
  const { scaleEnv, inheritedEnv } = readBenchEnv();
  if (!scaleEnv) {
    return { measurements: [], raw: null, notes: ['inbox-scale skipped: set BENCH_SCALE_DATABASE_URL (or BENCH_SCALE_DATA_DIR) to a database filled by `npm run bench:generate` (see docs/benchmarks.md).'] };
  }
  const target = 'DATABASE_URL' in scaleEnv ? 'postgres' : 'embedded';
  progress(`${target}: starting the server on the generated database`);
  const { value, stop } = await useServer({ env: { ...inheritedEnv, ...scaleEnv, JOBS: 'false', LOG_LEVEL: 'warn', DEMO_DATA: 'never', DATABASE_POOL_SIZE: '20' }, readyTimeoutMs: 600_000 }, async (server) => {
    progress(`${target}: ${AGENTS} agents sign in, walk ${AGENT_LOAD.deepPages} pages, then ${AGENT_LOAD.warmupSeconds} s warm-up + ${AGENT_LOAD.durationSeconds} s of inbox work`);
    const agents = await withCpu(server.pid, () =>
      runWorker<AgentLoadSpec, AgentLoadReport>('bench/agent-worker.ts', { baseUrl: server.baseUrl, accountName: BENCH_ACCOUNT_NAME, agents: AGENTS, ...AGENT_LOAD }),
    );
    progress(`${target}: ${AGENTS * SOCKETS_PER_AGENT} sockets, ${FANOUT.messages} messages every ${FANOUT.intervalMs} ms`);
    // A server overloaded by the agent phase can fail the socket phase (sign-ins time out): keep the agent figures.
    const sockets = await withCpu(server.pid, () =>
      runWorker<SocketLoadSpec, SocketLoadReport>('bench/socket-worker.ts', { baseUrl: server.baseUrl, accountName: BENCH_ACCOUNT_NAME, agents: AGENTS, socketsPerAgent: SOCKETS_PER_AGENT, ...FANOUT }).catch((error: unknown) => ({ failed: String(error).slice(0, 500) })),
    );
    return { agents, sockets, memory: readMemoryUsage(server.pid) };
  });

  const sockets = value.sockets.value;
  const measurements: Measurement[] = [
    ...Object.entries(value.agents.value.operations).flatMap(([operation, stats]): Measurement[] => {
      const label = `${target}, ${operation} (n=${stats.count}${stats.failures ? `, ${stats.failures} FAILED` : ''})`;
      if (stats.p50 === null || stats.p95 === null || stats.p99 === null) return [{ metric: `${label}: every request failed`, value: stats.failures, unit: 'count' }];
      return [
        { metric: `${label}: p50`, value: stats.p50, unit: 'ms' },
        { metric: `${target}, ${operation}: p95`, value: stats.p95, unit: 'ms', budget: budgetFor(operation) },
        { metric: `${target}, ${operation}: p99`, value: stats.p99, unit: 'ms' },
      ];
    }),
    { metric: `${target}, agent requests/s (100 agents, think time ${AGENT_LOAD.thinkMs.join('–')} ms)`, value: value.agents.value.requestsPerSecond, unit: 'req/s' },
    ...('failed' in sockets ? [] : [
      { metric: `${target}, note posted → message.created on the sockets: p50 (${sockets.deliveries} deliveries)`, value: sockets.deliveryMs.p50, unit: 'ms' as const },
      { metric: `${target}, note posted → message.created on the sockets: p99 (${sockets.sockets} sockets open)`, value: sockets.deliveryMs.p99, unit: 'ms' as const, budget: DELIVERY_BUDGET },
      { metric: `${target}, POST note answered: p99`, value: sockets.postMs.p99, unit: 'ms' as const },
    ]),
    { metric: `${target}, server RSS after the runs`, value: value.memory.rssMb, unit: 'MB' },
  ];
  const describe = (phase: string, run: { serverCores: number; machineCores: number; loadAverageBefore: number[] }) =>
    `${phase}: cores used by the server ${run.serverCores.toFixed(2)}, by everything (PostgreSQL, load worker, other work) ${run.machineCores.toFixed(2)} of ${availableParallelism()}; load average before ${run.loadAverageBefore.map((v) => v.toFixed(2)).join(' ')}`;
  return {
    measurements,
    raw: { target, agentCount: AGENTS, agentLoad: AGENT_LOAD, socketsPerAgent: SOCKETS_PER_AGENT, fanout: FANOUT, ...value, stop },
    notes: [
      `Agents sign in as themselves (${value.agents.value.signInSeconds.toFixed(0)} s for ${AGENTS}); every request carries its agent's session cookie. Latency is client-side, fetch() to end of body, in the worker process.`,
      'Customer side of delivery: measured by the widget-sockets benchmark (1,000 chat widget sockets); here only agents\' console sockets.',
      describe('agent load', value.agents),
      describe('socket fan-out', value.sockets),
      'failed' in sockets
        ? `SOCKET PHASE FAILED: ${sockets.failed}`
        : `socket fan-out: each note reached ${sockets.socketsPerMessage.min}–${sockets.socketsPerMessage.max} sockets (every socket of every agent who sees the inbox).`,
    ],
  };
}

export const inboxScaleBenchmark: Benchmark = {
  name: 'inbox-scale',
  summary: `${AGENTS} agents on a generated account (npm run bench:generate): inbox lists, conversation open, search; ${AGENTS * SOCKETS_PER_AGENT} sockets`,
  run: runInboxScale,
};
