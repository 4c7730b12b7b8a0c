import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '@touchpoint/db';
import { createJobQueue, type JobQueue } from './job-queue.ts';

/**
 * pg-boss creates its own schema and timers, so on the embedded database this file opens a PGlite of its own rather
 * than the worker's shared one; in the integration tier it runs on the PostgreSQL server (queue names are unique
 * per run because that database is shared).
 */
const databaseUrl = inject('databaseUrl');
const tag = randomUUID().slice(0, 8);
const echoQueue = `test-echo-${tag}`;
const nightlyQueue = `test-nightly-${tag}`;

let handle: DatabaseHandle;
let queue: JobQueue;
const handled: object[] = [];
let notifyHandled: () => void = () => {};
const errors: Error[] = [];

beforeAll(async () => {
  handle = databaseUrl ? await openDatabase({ kind: 'server', url: databaseUrl, poolSize: 2 }) : await openDatabase({ kind: 'embedded', dataDir: null });
  await migrateDatabase(handle);
  queue = createJobQueue(handle, { connectionString: databaseUrl || undefined, pollingIntervalSeconds: 0.5, onError: (error) => errors.push(error) });
  await queue.start([
    {
      name: echoQueue,
      async handle(data) {
        handled.push(data);
        notifyHandled();
      },
    },
    { name: nightlyQueue, cron: '0 3 * * *', async handle() {} },
  ]);
});

afterAll(async () => {
  if (queue) {
    if (databaseUrl) {
      // The shared server database keeps no trace of this run: pg-boss refuses to drop a queue that still has jobs.
      await queue.boss.unschedule(nightlyQueue);
      for (const name of [echoQueue, nightlyQueue]) {
        await queue.boss.offWork(name);
        await handle.query('delete from pgboss.job where name = $1', [name]);
        await queue.boss.deleteQueue(name);
      }
    }
    await queue.stop();
  }
  await handle?.close();
});

describe(`the job queue (${databaseUrl ? 'PostgreSQL server' : 'embedded PGlite'})`, () => {
  it('hands a job sent to a queue to that queue’s worker, with its data', async () => {
    const done = new Promise<void>((resolve) => (notifyHandled = resolve));
    const jobId = await queue.send(echoQueue, { orderNumber: 'SG-1042', attempt: 1 });
    expect(jobId).toEqual(expect.any(String));
    await done;
    expect(handled).toEqual([{ orderNumber: 'SG-1042', attempt: 1 }]);
    await vi.waitFor(async () => expect((await queue.boss.getJobById(echoQueue, jobId!))?.state).toBe('completed'), { timeout: 5000, interval: 100 });
    expect(errors).toEqual([]);
  });

  it('registers a cron schedule in UTC for a job that declares one', async () => {
    const schedules = await queue.boss.getSchedules();
    const nightly = schedules.find((schedule) => schedule.name === nightlyQueue);
    expect(nightly).toMatchObject({ name: nightlyQueue, cron: '0 3 * * *' });
    expect(nightly?.options).toMatchObject({ tz: 'UTC' });
    expect(schedules.some((schedule) => schedule.name === echoQueue)).toBe(false);
  });
});
