import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBenchEnv } from './lib/bench-env.ts';
import { readMemoryUsage } from './lib/proc-stats.ts';
import { type StopOutcome, useServer } from './lib/server-process.ts';
import { computeMax, computeMedian } from './lib/stats.ts';
import type { Benchmark, Budget, Measurement, ReportProgress } from './lib/types.ts';

const REPETITIONS = 3;
const READY_BUDGET: Budget = { limit: 10, kind: 'max', text: '≤ 10 s to ready' };

interface StartSample {
  readyMs: number;
  selfReportedReadyMs: number | null;
  rssMb: number;
  peakRssMb: number;
  stop: StopOutcome;
  loadAverageBefore: number[];
}

async function measureStart(env: Record<string, string>): Promise<StartSample> {
  const loadAverageBefore = loadavg();
  const { value: memory, server, stop } = await useServer({ env }, (running) => readMemoryUsage(running.pid));
  if (stop.killed || stop.exitCode !== 0) throw new Error(`server did not stop cleanly (${JSON.stringify(stop)}):\n${server.readOutput().slice(-4000)}`);
  return { readyMs: server.readyMs, selfReportedReadyMs: server.selfReportedReadyMs, rssMb: memory.rssMb, peakRssMb: memory.peakRssMb, stop, loadAverageBefore };
}

function summarise(label: string, samples: StartSample[]): Measurement[] {
  const seconds = samples.map((sample) => sample.readyMs / 1000);
  return [
    { metric: `${label}: spawn → /readyz 200, median of ${samples.length}`, value: computeMedian(seconds), unit: 's', budget: READY_BUDGET },
    { metric: `${label}: spawn → /readyz 200, max of ${samples.length}`, value: computeMax(seconds), unit: 's', budget: READY_BUDGET },
    { metric: `${label}: RSS after ready (VmRSS), median`, value: computeMedian(samples.map((sample) => sample.rssMb)), unit: 'MB' },
    { metric: `${label}: peak RSS until ready (VmHWM), median`, value: computeMedian(samples.map((sample) => sample.peakRssMb)), unit: 'MB' },
    { metric: `${label}: SIGTERM → exit, median`, value: computeMedian(samples.map((sample) => sample.stop.stopMs)), unit: 'ms' },
  ];
}

/**
 * Each repetition takes a fresh data dir: (a) first start creates the schema and loads the demo, then (b) a restart
 * on the same dir. Server defaults otherwise (jobs on, log level info), as `node apps/server/src/main.ts` runs.
 */
async function runColdStart(progress: ReportProgress) {
  const { inheritedEnv } = readBenchEnv();
  const first: StartSample[] = [];
  const restart: StartSample[] = [];
  for (let round = 1; round <= REPETITIONS; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-cold-'));
    const env = { ...inheritedEnv, DATA_DIR: join(dir, 'data') };
    try {
      progress(`first start ${round}/${REPETITIONS}`);
      first.push(await measureStart(env));
      progress(`restart ${round}/${REPETITIONS}`);
      restart.push(await measureStart(env));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    measurements: [...summarise('first start (empty data dir)', first), ...summarise('restart (existing data dir)', restart)],
    raw: { repetitions: REPETITIONS, firstStart: first, restart },
    notes: [
      'Timed from spawn(node --import tsx apps/server/src/main.ts) to the first /readyz 200, polled every 20 ms; includes Node and tsx start-up.',
      `Server's own "Ready in" (from main() entry), medians: first start ${formatSeconds(first)}, restart ${formatSeconds(restart)}.`,
    ],
  };
}

function formatSeconds(samples: StartSample[]): string {
  const values = samples.flatMap((sample) => (sample.selfReportedReadyMs === null ? [] : [sample.selfReportedReadyMs / 1000]));
  return values.length ? `${computeMedian(values).toFixed(1)} s` : 'not printed';
}

export const coldStartBenchmark: Benchmark = {
  name: 'cold-start',
  summary: 'Time to ready on the embedded database: first start on an empty data dir, and restart',
  run: runColdStart,
};
