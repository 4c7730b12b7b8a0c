/**
 * The load generator, run in its own process by lib/load-generator.ts so it never shares an event loop with the
 * runner. Reads a LoadSpec (JSON) from argv[2] and prints one LoadReport (JSON) line on stdout.
 *
 * Percentiles are computed exactly from each 2xx response's own latency (autocannon's `response` event, hrtime,
 * sub-millisecond), because autocannon's summary has no p95 and rounds to whole milliseconds.
 */
import autocannon, { type AutocannonResult } from 'autocannon';
import type { LoadReport, LoadSpec } from './lib/load-report.ts';
import { computeMax, computeMean, computePercentile } from './lib/stats.ts';

async function runPhase(spec: LoadSpec, seconds: number, onLatency: (ms: number) => void): Promise<AutocannonResult> {
  const instance = autocannon({ url: spec.url, headers: spec.headers, connections: spec.connections, duration: seconds, timeout: 10 });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    if (statusCode >= 200 && statusCode < 300) onLatency(responseTimeMs);
  });
  return await instance;
}

async function runLoad(spec: LoadSpec): Promise<LoadReport> {
  const warmup = await runPhase(spec, spec.warmupSeconds, () => {});
  const latencies: number[] = [];
  const result = await runPhase(spec, spec.durationSeconds, (ms) => latencies.push(ms));
  if (latencies.length === 0) throw new Error(`no 2xx responses from ${spec.url}: ${JSON.stringify(result.statusCodeStats)}`);
  return {
    warmupSeconds: warmup.duration,
    durationSeconds: result.duration,
    responses: latencies.length + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    requestsPerSecond: latencies.length / result.duration,
    latencyMs: { mean: computeMean(latencies), p50: computePercentile(latencies, 50), p95: computePercentile(latencies, 95), p99: computePercentile(latencies, 99), max: computeMax(latencies) },
    autocannon: { requestsPerSecondAverage: result.requests.average, latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p97_5: result.latency.p97_5, p99: result.latency.p99 } },
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count])),
    warmupResponses: warmup.requests.total,
    workerCpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  };
}

const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
process.stdout.write(`${JSON.stringify(await runLoad(spec))}\n`);
