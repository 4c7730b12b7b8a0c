import { z } from 'zod';

/** Server settings the benchmarks always set themselves, so a developer's shell cannot change what is measured. */
const SERVER_KEYS = ['NODE_ENV', 'HOST', 'PORT', 'PUBLIC_URL', 'DATA_DIR', 'DATABASE_URL', 'DATABASE_POOL_SIZE', 'REDIS_URL', 'LOG_LEVEL', 'LOG_PRETTY', 'DEMO_DATA', 'JOBS'];

const BenchEnvSchema = z.object({
  BENCH_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  BENCH_SCALE_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  BENCH_SCALE_DATA_DIR: z.string().optional(),
});

/**
 * The only bench module that reads the environment. `BENCH_DATABASE_URL` names a PostgreSQL server and a role
 * allowed to create databases; each run creates (and drops) its own fresh database there. `BENCH_SCALE_DATABASE_URL`
 * (PostgreSQL) or `BENCH_SCALE_DATA_DIR` (embedded) name a database filled by bench/generate.ts, which inbox-scale
 * uses as it is.
 */
export function readBenchEnv(env: Record<string, string | undefined> = process.env) {
  const parsed = BenchEnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')));
  if (!parsed.success) throw new Error(`bench: invalid environment: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const inherited: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && !SERVER_KEYS.includes(key)) inherited[key] = value;
  }
  const scaleEnv: Record<string, string> | null = parsed.data.BENCH_SCALE_DATABASE_URL
    ? { DATABASE_URL: parsed.data.BENCH_SCALE_DATABASE_URL }
    : parsed.data.BENCH_SCALE_DATA_DIR
      ? { DATA_DIR: parsed.data.BENCH_SCALE_DATA_DIR }
      : null;
  return { postgresAdminUrl: parsed.data.BENCH_DATABASE_URL ?? null, scaleEnv, inheritedEnv: inherited };
}
