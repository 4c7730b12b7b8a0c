import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '@touchpoint/db';

export interface JobDefinition<Data extends object = object> {
  name: string;
  /** Cron in UTC, for schedules (pg-boss makes sure one node enqueues each tick). */
  cron?: string;
  handle: (data: Data) => Promise<void>;
}

interface PgliteLike {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number }>;
  exec(text: string): Promise<{ rows: unknown[]; affectedRows?: number }[]>;
}

/** pg-boss's `db` contract over PGlite: parameterised statements go to query(), scripts (its migrations) to exec(). */
function pgliteAdapter(pglite: PgliteLike) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = values && values.length > 0 ? await pglite.query(text, values) : (await pglite.exec(text)).at(-1) ?? { rows: [] };
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

/**
 * Background jobs and schedules on the application's own database (schema `pgboss`): on PGlite through the
 * in-process connection, on PostgreSQL through a small pool of its own.
 */
export function createJobQueue(handle: DatabaseHandle, options: { connectionString?: string; onError?: (error: Error) => void; pollingIntervalSeconds?: number } = {}) {
  const boss = new PgBoss({
    ...(handle.kind === 'embedded' ? { db: pgliteAdapter(handle.pglite as unknown as PgliteLike) } : { connectionString: options.connectionString, max: 3 }),
    schema: 'pgboss',
    application_name: 'touchpoint-jobs',
  } as PgBoss.ConstructorOptions);
  boss.on('error', (error) => options.onError?.(error));
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;

  return {
    boss,
    async start(jobs: JobDefinition[]) {
      await boss.start();
      for (const job of jobs) {
        await boss.createQueue(job.name);
        await boss.work<object>(job.name, { pollingIntervalSeconds }, async (batch) => {
          for (const item of batch) await job.handle(item.data ?? {});
        });
        if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
      }
    },
    send: <Data extends object>(name: string, data: Data) => boss.send(name, data),
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
