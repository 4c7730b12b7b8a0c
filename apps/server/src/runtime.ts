import type { FastifyBaseLogger } from 'fastify';
import { markInterruptedImportsFailed } from '@touchpoint/contacts';
import { createDiskFileStore } from '@touchpoint/conversations';
import { migrateDatabase, openDatabase } from '@touchpoint/db';
import { type DemoLogin, isDatabaseEmpty, loadDemoWorkspace } from '@touchpoint/demo';
import { createInProcessBus, createOutboxDispatcher, createRedisBus } from '@touchpoint/events';
import { createMailer } from '@touchpoint/mailer';
import { createJobQueue } from '@touchpoint/jobs';
import { buildApp } from './app.ts';
import { createChannels } from './channels/channel-registry.ts';
import { startEmailSmtpListener } from './channels/email-smtp-listener.ts';
import { listBackgroundJobs, listEventSinks, registerConversationHooks, startBackgroundWorkers } from './background.ts';
import type { Config } from './config.ts';
import { createSocketHub } from './realtime/socket-hub.ts';
import type { Services } from './services.ts';

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
  // Every part registers how to stop it as soon as it exists; stop (or a failed start) runs them newest first,
  // so a start that fails half-way (a taken port, say) leaves nothing polling a closed database.
  registerConversationHooks();
  const teardown: (() => Promise<void> | void)[] = [];
  const runTeardown = async () => {
    const failures: unknown[] = [];
    for (const step of teardown.splice(0).reverse()) await Promise.resolve().then(step).catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  };
  try {
    const database = await openDatabase(config.database);
    teardown.push(() => database.close());
    await migrateDatabase(database);
    // One process owns the embedded database, so an import still `running` was cut off by the last stop.
    if (database.kind === 'embedded') await markInterruptedImportsFailed(database.db);
    const demo = config.demoData === 'auto' && (await isDatabaseEmpty(database.db)) ? await loadDemoWorkspace(database.db) : null;
    const bus = config.redisUrl ? await createRedisBus(config.redisUrl) : createInProcessBus();
    teardown.push(() => bus.close());
    const mailer = createMailer(config.mail);
    teardown.push(() => mailer.close());
    const services: Services = {
      config,
      database,
      db: database.db,
      bus,
      files: createDiskFileStore(config.files.dir),
      mailer,
      channels: createChannels({ publicUrl: config.publicUrl, smtpUrl: config.mail.smtpUrl, bus, mailer, db: database.db }),
      sessionPolicy: { ttlMs: config.session.ttlMs, maxFailedAttempts: config.session.maxFailedAttempts, rateWindowMs: config.session.rateWindowMs },
      readiness: { ready: false },
    };
    const hub = createSocketHub({ db: database.db, bus });
    const app = await buildApp(services, hub, options);
    teardown.push(async () => {
      hub.closeAll();
      const forced = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
      await app.close();
      clearTimeout(forced);
    });
    const dispatcher = createOutboxDispatcher({ handle: database, bus, onError: (error) => app.log.error({ err: error }, 'outbox dispatch failed'), sinks: listEventSinks(services, app.log) });
    teardown.push(() => dispatcher.stop());
    await dispatcher.start();
    if (config.jobs) {
      const jobs = createJobQueue(database, { connectionString: config.database.kind === 'server' ? config.database.url : undefined, onError: (error) => app.log.error({ err: error }, 'job queue error') });
      teardown.push(() => jobs.stop());
      await jobs.start(listBackgroundJobs(database, services));
      teardown.push(startBackgroundWorkers(database, services, app.log));
    }
    if (config.mail.inbound) {
      const smtp = await startEmailSmtpListener(services, { ...config.mail.inbound, maxBytes: config.mail.inboundMaxBytes, log: app.log, closeTimeoutMs: config.shutdownGraceMs });
      teardown.push(() => smtp.close());
    }
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    services.readiness.ready = true;

    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= (async () => {
        services.readiness.ready = false;
        await runTeardown();
      })());
    return { url: `http://localhost:${port}`, services, demoLogins: demo?.logins ?? null, stop };
  } catch (error) {
    await runTeardown().catch(() => {});
    throw error;
  }
}
