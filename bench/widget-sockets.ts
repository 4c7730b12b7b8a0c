import { availableParallelism, loadavg } from 'node:os';
import { readBenchEnv } from './lib/bench-env.ts';
import { listTargets, type Target } from './lib/database-targets.ts';
import { createDemoApiKey } from './lib/demo-client.ts';
import { runWorker } from './lib/load-generator.ts';
import { computeBusyShare, readCpuTimeMs, readMemoryUsage, readSystemCpu } from './lib/proc-stats.ts';
import { useServer } from './lib/server-process.ts';
import type { Benchmark, Budget, ReportProgress } from './lib/types.ts';
import type { VisitorLoadReport, VisitorLoadSpec } from './visitor-worker.ts';

const VISITORS = 1000;
const REPLIES = { messages: 300, intervalMs: 100 };
const ORIGIN = 'https://bench-shop.example';
const DELIVERY_BUDGET: Budget = { limit: 50, kind: 'max', text: '≤ 50 ms' };

async function callApi<T>(url: string, method: string, key: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/**
 * The customer's side of "message sent → shown on the socket", on each database: a fresh server (the demo loads), a
 * web_chat inbox connected for a bench origin, 1,000 visitors each with a conversation and their widget socket open,
 * then an agent's replies at a steady pace, each timed until it reaches its visitor's socket.
 */
async function measureTarget(target: Target, progress: ReportProgress) {
  const { inheritedEnv } = readBenchEnv();
  const prepared = await target.prepare();
  try {
    progress(`${target.label}: starting a fresh server (the demo loads)`);
    const env = { ...inheritedEnv, ...prepared.env, LOG_LEVEL: 'warn', TRUST_PROXY: 'true' };
    const { value, stop } = await useServer({ env, readyTimeoutMs: 300_000 }, async (server) => {
      const { accountId, key } = await createDemoApiKey(server.baseUrl, 'bench widget sockets');
      const api = `${server.baseUrl}/api/v1/accounts/${accountId}`;
      const inbox = await callApi<{ id: string }>(`${api}/inboxes`, 'POST', key, { name: 'Bench website chat', channel: 'web_chat' });
      const connected = await callApi<{ webhookUrl: string }>(`${api}/inboxes/${inbox.id}/channel`, 'PUT', key, { config: { allowedOrigins: ORIGIN }, secrets: {} });
      const channelKey = connected.webhookUrl.split('/').at(-1)!;
      progress(`${target.label}: ${VISITORS} visitors start a conversation and open their socket, then ${REPLIES.messages} replies every ${REPLIES.intervalMs} ms`);
      const systemBefore = readSystemCpu();
      const cpuBefore = readCpuTimeMs(server.pid);
      const wallBefore = performance.now();
      const loadAverageBefore = loadavg();
      const report = await runWorker<VisitorLoadSpec, VisitorLoadReport>('bench/visitor-worker.ts', { baseUrl: server.baseUrl, accountId, apiKey: key, channelKey, origin: ORIGIN, visitors: VISITORS, ...REPLIES });
      const wallSeconds = (performance.now() - wallBefore) / 1000;
      return {
        report,
        serverCores: (readCpuTimeMs(server.pid) - cpuBefore) / 1000 / wallSeconds,
        machineCores: computeBusyShare(systemBefore, readSystemCpu()) * availableParallelism(),
        loadAverageBefore,
        memory: readMemoryUsage(server.pid),
      };
    });
    return { target: target.label, ...value, stop };
  } finally {
    await prepared.cleanUp();
  }
}

async function runWidgetSockets(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  const results = [];
  for (const target of listTargets(postgresAdminUrl)) results.push(await measureTarget(target, progress));
  return {
    measurements: results.flatMap(({ target, report }) => [
      { metric: `${target}, reply posted → shown on the visitor's socket: p50 (${report.deliveries} deliveries)`, value: report.deliveryMs.p50, unit: 'ms' as const },
      { metric: `${target}, reply posted → shown on the visitor's socket: p99 (${report.sockets} visitor sockets open)`, value: report.deliveryMs.p99, unit: 'ms' as const, budget: DELIVERY_BUDGET },
      { metric: `${target}, POST reply answered: p99`, value: report.postMs.p99, unit: 'ms' as const },
      { metric: `${target}, POST answered → shown on the visitor's socket (fan-out alone): p99`, value: report.afterAnswerMs.p99, unit: 'ms' as const },
      { metric: `${target}, replies shown on another visitor's socket`, value: report.misdelivered, unit: 'count' as const, budget: { limit: 0, kind: 'max' as const, text: '0' } },
    ]),
    raw: { visitors: VISITORS, replies: REPLIES, results },
    notes: [
      ...results.map(({ target, report, serverCores, machineCores, loadAverageBefore }) =>
        `${target}: setup (visitors writing, sockets opening) took ${report.setupSeconds.toFixed(0)} s; during the whole run the server used ${serverCores.toFixed(2)} cores, the machine ${machineCores.toFixed(2)} of ${availableParallelism()} (load average before: ${loadAverageBefore.map((n) => n.toFixed(2)).join(' ')}); max delivery ${report.deliveryMs.max.toFixed(1)} ms.`),
      'Each reply is a real one in a connected web_chat inbox, so it is also queued, and marked sent by the delivery worker (no SMTP: nothing is emailed).',
      ...(postgresAdminUrl === null ? ['PostgreSQL skipped: set BENCH_DATABASE_URL (a role that may CREATE DATABASE) to run it.'] : []),
    ],
  };
}

export const widgetSocketsBenchmark: Benchmark = {
  name: 'widget-sockets',
  summary: `${VISITORS} chat visitors with their widget socket open: an agent's reply → shown on the visitor's socket`,
  run: runWidgetSockets,
};
