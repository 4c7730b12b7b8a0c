import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.ts';
import { mailSinkPort } from './support/mail-sink.ts';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const port = Number(process.env.E2E_PORT ?? 3107);
/** Point the suite at a server you already run (no webServer is started then), e.g. `E2E_BASE_URL=http://127.0.0.1:3000`. */
const externalBaseUrl = process.env.E2E_BASE_URL;
const baseURL = externalBaseUrl ?? `http://127.0.0.1:${port}`;

// A throwaway data dir, fresh for every run: the demo workspace loads on first start. Only the runner process
// (not each worker, which loads this file again) clears it.
const dataDir = join(tmpdir(), `touchpoint-e2e-${port}`);
if (!externalBaseUrl && process.env.TEST_WORKER_INDEX === undefined) rmSync(dataDir, { recursive: true, force: true });

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.(spec|setup)\.ts$/,
  // A real SMTP listener on loopback that keeps what the server sends (sign-in links, invitations): support/mail-sink.ts.
  globalSetup: './support/mail-sink.ts',
  outputDir: join(repoRoot, 'test-results/e2e'),
  fullyParallel: false,
  workers: process.env.CI ? 2 : 3,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: join(repoRoot, '.ci-out/e2e.json') }]],
  use: {
    baseURL,
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    {
      name: 'chromium',
      testMatch: /.*\.spec\.ts$/,
      dependencies: ['setup'],
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 860 }, channel: undefined },
    },
  ],
  webServer: externalBaseUrl
    ? undefined
    : {
        command: 'node scripts/start.mjs',
        cwd: repoRoot,
        env: { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', SMTP_URL: `smtp://127.0.0.1:${mailSinkPort(port)}` },
        url: `http://127.0.0.1:${port}/readyz`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
