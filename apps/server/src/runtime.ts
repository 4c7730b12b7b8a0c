import type { FastifyBaseLogger } from 'fastify';
import { purgeExpiredSessions } from '@touchpoint/accounts';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '@touchpoint/db';
import { type DemoLogin, isDatabaseEmpty, loadDemoWorkspace } from '@touchpoint/demo';
import { createInProcessBus, createOutboxDispatcher, createRedisBus, type EventBus, purgePublishedEvents } from '@touchpoint/events';
import { createMailer } from '@touchpoint/mailer';
import { createJobQueue, type JobDefinition, type JobQueue } from '@touchpoint/jobs';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createSocketHub } from './realtime/socket-hub.ts';
import type { Services } from './services.ts';

const PUBLISHED_EVENT_RETENTION_MS = 7 * 24 * 3600_000;

function maintenanceJobs(database: DatabaseHandle): JobDefinition[] {
  return [
    {
      name: 'maintenance.purge',
      cron: '17 * * * *',
      async handle() {
        await purgeExpiredSessions(database.db);
        await purgePublishedEvents(database.db, new Date(Date.now() - PUBLISHED_EVENT_RETENTION_MS));
      },
    },
  ];
}

export interface RunningTouchpoint {
  url: string;
  services: Services;
  demoLogins: DemoLogin[] | null;
  stop(): Promise<void>;
}

/**
 * Opens the database (migrating it, and loading the demo on first start), connects the bus, starts the outbox
 * dispatcher and the job queue, and listens. In embedded mode everything runs in this one process.
 */
export async function startTouchpoint(config: Config, options: { logger?: FastifyBaseLogger } = {}): Promise<RunningTouchpoint> {
  const database = await openDatabase(config.database);
  let bus: EventBus | null = null;
  let jobs: JobQueue | null = null;
  try {
    await migrateDatabase(database);
    const demo = config.demoData === 'auto' && (await isDatabaseEmpty(database.db)) ? await loadDemoWorkspace(database.db) : null;
    bus = config.redisUrl ? await createRedisBus(config.redisUrl) : createInProcessBus();
    const services: Services = {
      config,
      database,
      db: database.db,
      bus,
      mailer: createMailer(config.mail),
      sessionPolicy: { ttlMs: config.session.ttlMs, maxFailedAttempts: config.session.maxFailedAttempts, rateWindowMs: config.session.rateWindowMs },
      readiness: { ready: false },
    };
    const hub = createSocketHub({ db: database.db, bus });
    const app = await buildApp(services, hub, options);
    const dispatcher = createOutboxDispatcher({ handle: database, bus, onError: (error) => app.log.error({ err: error }, 'outbox dispatch failed') });
    await dispatcher.start();
    if (config.jobs) {
      jobs = createJobQueue(database, { connectionString: config.database.kind === 'server' ? config.database.url : undefined, onError: (error) => app.log.error({ err: error }, 'job queue error') });
      await jobs.start(maintenanceJobs(database));
    }
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    services.readiness.ready = true;

    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= (async () => {
        services.readiness.ready = false;
        hub.closeAll();
        const forced = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
        await app.close();
        clearTimeout(forced);
        await dispatcher.stop();
        await jobs?.stop();
        services.mailer.close();
        await bus!.close();
        await database.close();
      })());

    return { url: `http://localhost:${port}`, services, demoLogins: demo?.logins ?? null, stop };
  } catch (error) {
    await jobs?.stop().catch(() => {});
    await bus?.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
}
