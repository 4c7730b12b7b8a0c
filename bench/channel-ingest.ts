import { availableParallelism, loadavg } from 'node:os';
import { z } from 'zod';
import { readBenchEnv } from './lib/bench-env.ts';
import { listTargets, type Target } from './lib/database-targets.ts';
import { requestAsAdmin, signInDemoAdmin } from './lib/demo-client.ts';
import { runWorker } from './lib/load-generator.ts';
import { computeBusyShare, readCpuTimeMs, readSystemCpu } from './lib/proc-stats.ts';
import { useServer } from './lib/server-process.ts';
import type { Benchmark, Measurement, ReportProgress } from './lib/types.ts';
import type { IngestLoadReport, IngestLoadSpec } from './ingest-worker.ts';

const SECRET = 'bench-ingest-signing-secret';
const LOAD: Omit<IngestLoadSpec, 'baseUrl' | 'cookie' | 'webhookPath' | 'secret'> = {
  sockets: 10,
  paced: { messages: 300, intervalMs: 50 },
  burst: { concurrency: 20, seconds: 15 },
  senders: 200,
};
const SOCKET_BUDGET = { limit: 50, kind: 'max' as const, text: '≤ 50 ms' };

const ChannelAnswer = z.object({ webhookUrl: z.string() });
const InboxAnswer = z.object({ id: z.string() });

/** One server on a fresh database with the demo, an API-channel inbox connected, then the ingest worker. */
async function ingestOnTarget(target: Target, progress: ReportProgress) {
  const { inheritedEnv } = readBenchEnv();
  const prepared = await target.prepare();
  try {
    progress(`${target.label}: starting the server`);
    const { value, stop } = await useServer({ env: { ...inheritedEnv, ...prepared.env, JOBS: 'false', LOG_LEVEL: 'warn' } }, async (server) => {
      const admin = await signInDemoAdmin(server.baseUrl);
      const inbox = await requestAsAdmin(server.baseUrl, admin, 'POST', '/inboxes', { name: 'Bench kiosk', channel: 'api' }, InboxAnswer);
      const channel = await requestAsAdmin(server.baseUrl, admin, 'PUT', `/inboxes/${inbox.id}/channel`, { config: { outboundUrl: 'http://127.0.0.1:9/unused' }, secrets: { signingSecret: SECRET } }, ChannelAnswer);
      progress(`${target.label}: ${LOAD.paced.messages} messages every ${LOAD.paced.intervalMs} ms, then ${LOAD.burst.concurrency} posters for ${LOAD.burst.seconds} s; ${LOAD.sockets} sockets`);
      const loadAverageBefore = loadavg();
      const systemBefore = readSystemCpu();
      const cpuBefore = readCpuTimeMs(server.pid);
      const wallBefore = performance.now();
      const report = await runWorker<IngestLoadSpec, IngestLoadReport>('bench/ingest-worker.ts', { baseUrl: server.baseUrl, cookie: admin.cookie, webhookPath: new URL(channel.webhookUrl).pathname, secret: SECRET, ...LOAD });
      const wallSeconds = (performance.now() - wallBefore) / 1000;
      const serverCores = (readCpuTimeMs(server.pid) - cpuBefore) / 1000 / wallSeconds;
      const machineCores = computeBusyShare(systemBefore, readSystemCpu()) * availableParallelism();
      return { target: target.label, report, serverCores, machineCores, loadAverageBefore };
    });
    return { ...value, stop };
  } finally {
    await prepared.cleanUp();
  }
}

type TargetResult = Awaited<ReturnType<typeof ingestOnTarget>>;

function measure({ target, report }: TargetResult): Measurement[] {
  const { paced, burst } = report;
  return [
    { metric: `${target}, paced ${Math.round(1000 / LOAD.paced.intervalMs)}/s: webhook answered p99 (n=${paced.accepted})`, value: paced.postMs.p99, unit: 'ms' },
    { metric: `${target}, paced: webhook → message.created on the agent's sockets p50`, value: paced.deliveryMs.p50, unit: 'ms' },
    { metric: `${target}, paced: webhook → message.created on the agent's sockets p99`, value: paced.deliveryMs.p99, unit: 'ms', budget: SOCKET_BUDGET },
    { metric: `${target}, burst (${LOAD.burst.concurrency} posters): webhooks accepted per second`, value: burst.accepted / burst.seconds, unit: 'req/s' },
    { metric: `${target}, burst: webhook answered p99`, value: burst.postMs.p99, unit: 'ms' },
    { metric: `${target}, burst: webhook → message.created on the sockets p99`, value: burst.deliveryMs.p99, unit: 'ms' },
  ];
}

function notesOf(results: TargetResult[], postgresSkipped: boolean): string[] {
  return [
    'Each message is a signed API-channel webhook (the same path every channel takes after its own parsing): contact by identity, the customer\'s open conversation or a new one, the message, its events; 200 customers, so most messages continue a conversation.',
    'Delivery: time from just before the POST to the event on each of the admin\'s sockets, in the worker process (one clock).',
    ...(postgresSkipped ? ['PostgreSQL skipped: set BENCH_DATABASE_URL (a role that may CREATE DATABASE) to run it.'] : []),
    ...results.map(({ target, report, serverCores, machineCores, loadAverageBefore }) =>
      `${target}: ${report.paced.failed + report.burst.failed} webhooks failed (paced ${JSON.stringify(report.paced.outcomes)}, burst ${JSON.stringify(report.burst.outcomes)}), ${report.paced.undelivered + report.burst.undelivered} accepted messages never reached every socket; cores used by the server ${serverCores.toFixed(2)}, by everything ${machineCores.toFixed(2)} of ${availableParallelism()}; worker CPU ${Math.round(report.workerCpuMs)} ms; load average before ${loadAverageBefore.map((value) => value.toFixed(2)).join(' ')}`),
    ...results.filter((result) => result.stop.killed || result.stop.exitCode !== 0).map((result) => `${result.target}: server did not stop cleanly on SIGTERM (${JSON.stringify(result.stop)})`),
  ];
}

async function runChannelIngest(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  const results: TargetResult[] = [];
  for (const target of listTargets(postgresAdminUrl)) results.push(await ingestOnTarget(target, progress));
  return { measurements: results.flatMap(measure), raw: { load: LOAD, results }, notes: notesOf(results, postgresAdminUrl === null) };
}

export const channelIngestBenchmark: Benchmark = {
  name: 'channel-ingest',
  summary: 'Inbound channel webhooks: message → agent socket latency at a steady pace, and the rate one node accepts',
  run: runChannelIngest,
};
