/** A budget from ARCHITECTURE.md: `max` means the value must not exceed `limit`, `min` that it must reach it. */
export interface Budget {
  limit: number;
  kind: 'max' | 'min';
  text: string;
}

export type Unit = 'ms' | 's' | 'MB' | 'req/s' | 'µs' | 'count';

/** One line of the results table. A measurement without a budget is reported, never judged. */
export interface Measurement {
  metric: string;
  value: number;
  unit: Unit;
  budget?: Budget;
}

export interface BenchmarkOutcome {
  measurements: Measurement[];
  /** Everything measured, for bench/out/*.json. Must be JSON-serialisable. */
  raw: unknown;
  notes: string[];
}

export type ReportProgress = (message: string) => void;

export interface Benchmark {
  name: string;
  summary: string;
  run(progress: ReportProgress): Promise<BenchmarkOutcome>;
}
