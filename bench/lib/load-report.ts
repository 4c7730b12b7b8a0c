/** What the load worker is asked to do (argv[2], JSON). */
export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

/** What the load worker answers (one JSON line on stdout). Latencies of 2xx responses only. */
export interface LoadReport {
  warmupSeconds: number;
  durationSeconds: number;
  responses: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx responses in the measured window ÷ its length. */
  requestsPerSecond: number;
  /** Exact (nearest-rank) percentiles over every 2xx response's hrtime latency. */
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** autocannon's own summary, for cross-checking: per-second-sample average and whole-millisecond HDR percentiles. */
  autocannon: { requestsPerSecondAverage: number; latencyMs: { p50: number; p90: number; p97_5: number; p99: number } };
  statusCodes: Record<string, number>;
  warmupResponses: number;
  /** CPU the load worker process itself used (user + system, including its start-up), ms. */
  workerCpuMs: number;
}
