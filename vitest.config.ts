import { defineConfig } from 'vitest/config';

/**
 * Two tiers over the same tests:
 * - unit: the embedded database (one in-memory PGlite per worker, shared by its test files), nothing else needed;
 * - integration: a real PostgreSQL server and Redis (TEST_DATABASE_URL, TEST_REDIS_URL), plus the multi-node tests.
 */
const databaseUrl = process.env.TEST_DATABASE_URL ?? '';
const redisUrl = process.env.TEST_REDIS_URL ?? '';

const shared = {
  pool: 'forks' as const,
  isolate: false,
  testTimeout: 60_000,
  hookTimeout: 120_000,
  maxWorkers: 2,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/console/src/**/*.test.ts', 'apps/widget/*.test.ts', 'apps/widget/src/**/*.test.ts', 'apps/portal/src/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
          provide: { databaseUrl: '', redisUrl: '' },
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['apps/server/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          provide: { databaseUrl, redisUrl },
        },
      },
    ],
  },
});
