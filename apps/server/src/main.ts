import { DataDirLockedError } from '@touchpoint/db';
import { DEMO_AGENTS, DEMO_PASSWORD } from '@touchpoint/demo';
import { loadConfig } from './config.ts';
import { startTouchpoint } from './runtime.ts';

function printBanner(url: string, databaseLabel: string, firstStart: boolean) {
  const lines = [
    '',
    `  Touchpoint is ready at ${url}   (database: ${databaseLabel})`,
    `  API reference: ${url}/api/docs`,
    '',
    `  Demo logins${firstStart ? ' (demo workspace loaded)' : ''}, password “${DEMO_PASSWORD}”:`,
    ...DEMO_AGENTS.map((agent) => `    ${agent.role.padEnd(6)} ${agent.email}`),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/** Starts the server, and stops it gracefully on SIGINT/SIGTERM: drains requests and sockets, then closes the database. */
export async function main() {
  const started = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  let running;
  try {
    running = await startTouchpoint(config);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`Touchpoint cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const databaseLabel = config.database.kind === 'embedded' ? `embedded, ${config.database.dataDir}` : 'PostgreSQL server';
  printBanner(running.url, databaseLabel, running.demoLogins !== null);
  process.stdout.write(`  Ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n\n`);

  let signals = 0;
  const shutdown = async (signal: string) => {
    if (++signals > 1) process.exit(1);
    process.stdout.write(`\n  ${signal}: draining requests and sockets…\n`);
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
