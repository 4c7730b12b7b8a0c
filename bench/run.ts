/**
 * `npm run bench [-- <name>...]`: runs the named benchmarks (all without names), prints a results table on stdout
 * and writes each benchmark's raw results to bench/out/<time>-<name>.json. Never part of `npm test` or CI.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCHMARKS } from './benchmarks.ts';
import { describeMachine } from './lib/machine.ts';
import { createProgress } from './lib/progress.ts';
import { formatResultsTable, judgeMeasurement, type TableRow } from './lib/results-table.ts';
import { describeRevision } from './lib/revision.ts';
import { REPO_ROOT } from './lib/server-process.ts';
import type { Benchmark, BenchmarkOutcome } from './lib/types.ts';

const OUT_DIR = join(REPO_ROOT, 'bench/out');

function selectBenchmarks(names: string[]): Benchmark[] {
  if (names.length === 0) return [...BENCHMARKS];
  const unknown = names.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((benchmark) => benchmark.name).join(', ')}`);
  return BENCHMARKS.filter((benchmark) => names.includes(benchmark.name));
}

function printUsage() {
  process.stdout.write(`usage: npm run bench [-- <name>...]\n\n${BENCHMARKS.map((benchmark) => `  ${benchmark.name.padEnd(12)} ${benchmark.summary}`).join('\n')}\n`);
}

function printContext() {
  const machine = describeMachine();
  const revision = describeRevision();
  process.stderr.write(`bench: commit ${revision.commit}${revision.dirty ? ' + uncommitted changes' : ''}\n`);
  process.stderr.write(`bench: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryTotalGiB} GiB, Node ${machine.node}, load average ${machine.loadAverage.join(' ')}, calibration ${machine.calibrationMs} ms\n`);
  if ((machine.loadAverage[0] ?? 0) > machine.nproc) process.stderr.write(`bench: warning: load average ${machine.loadAverage[0]} exceeds ${machine.nproc} CPUs; other work will distort these numbers\n`);
}

/** Runs one benchmark and writes its JSON (with the machine and commit, sampled when it starts). */
async function runBenchmark(benchmark: Benchmark, runId: string): Promise<{ outcome: BenchmarkOutcome; file: string }> {
  const context = { revision: describeRevision(), machine: describeMachine() };
  const progress = createProgress(benchmark.name);
  const startedAt = new Date();
  try {
    const outcome = await benchmark.run(progress.report);
    const file = join(OUT_DIR, `${runId}-${benchmark.name}.json`);
    writeFileSync(file, `${JSON.stringify({ benchmark: benchmark.name, startedAt, finishedAt: new Date(), ...context, ...outcome }, null, 2)}\n`);
    return { outcome, file };
  } finally {
    progress.finish();
  }
}

function printSummary(rows: TableRow[], notes: string[], files: string[]) {
  process.stdout.write(`\n${formatResultsTable(rows)}\n\n`);
  if (notes.length) process.stdout.write(`${notes.map((note) => `- ${note}`).join('\n')}\n\n`);
  const overBudget = rows.filter((row) => judgeMeasurement(row.measurement) === '✗').length;
  process.stdout.write(`${overBudget ? `${overBudget} measurement(s) over budget. ` : ''}Raw results: ${files.map((file) => file.slice(REPO_ROOT.length)).join(', ') || 'none'}\n`);
  process.stdout.write('Shared, noisy machine: compare runs on the same machine, not absolute numbers across machines.\n');
}

async function main(args: string[]) {
  if (args.includes('--help') || args.includes('-h')) return printUsage();
  let selected: Benchmark[];
  try {
    selected = selectBenchmarks(args);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  printContext();
  const runId = new Date().toISOString().replace(/[:.]/g, '-');
  const rows: TableRow[] = [];
  const notes: string[] = [];
  const files: string[] = [];
  for (const benchmark of selected) {
    try {
      const { outcome, file } = await runBenchmark(benchmark, runId);
      rows.push(...outcome.measurements.map((measurement) => ({ benchmark: benchmark.name, measurement })));
      notes.push(...outcome.notes.map((note) => `${benchmark.name}: ${note}`));
      files.push(file);
    } catch (error) {
      process.exitCode = 1;
      process.stderr.write(`bench: ${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }
  printSummary(rows, notes, files);
}

await main(process.argv.slice(2).filter((arg) => arg !== '--'));
