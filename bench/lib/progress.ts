import type { ReportProgress } from './types.ts';

/**
 * A progress line on stderr (stdout keeps the results table): rewritten in place on a terminal, one line per
 * step otherwise (CI logs, pipes).
 */
export function createProgress(benchmark: string): { report: ReportProgress; finish(): void } {
  const started = performance.now();
  const inPlace = Boolean(process.stderr.isTTY);
  let lastLength = 0;
  const report: ReportProgress = (message) => {
    const line = `[${benchmark} ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`;
    if (inPlace) {
      process.stderr.write(`\r${line.padEnd(lastLength)}`);
      lastLength = line.length;
    } else {
      process.stderr.write(`${line}\n`);
    }
  };
  return {
    report,
    finish() {
      if (inPlace && lastLength > 0) process.stderr.write('\n');
    },
  };
}
