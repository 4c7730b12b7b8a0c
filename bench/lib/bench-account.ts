/** The account bench/generate.ts creates and the scale benchmarks sign in to. */
export const BENCH_ACCOUNT_NAME = 'Bench Scale Co';
export const BENCH_PASSWORD = 'touchpoint-bench';
export const benchAgentEmail = (n: number) => `agent${n}@bench.touchpoint.dev`;
