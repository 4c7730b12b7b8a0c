import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccount, createUser } from '@touchpoint/accounts';
import { type DatabaseHandle, migrateDatabase, openDatabase, schema } from '@touchpoint/db';
import { createMailer } from '@touchpoint/mailer';
import { createOutreach } from '@touchpoint/outreach';
import { startSmtpSink } from '../apps/server/src/testing/smtp-sink.ts';
import { readBenchEnv } from './lib/bench-env.ts';
import { createFreshDatabase } from './lib/postgres-database.ts';
import { computePercentile } from './lib/stats.ts';
import type { Benchmark, Measurement, ReportProgress } from './lib/types.ts';

const SENDS = 2_000;
const CONCURRENT = { workers: 8, sends: 2_000 };
/** Without a pool, nodemailer opens one SMTP connection per mail (about 100 ms on loopback here): measured on a few. */
const UNPOOLED_SENDS = 100;
const CONTACTS = 500;

interface Run {
  target: 'embedded' | 'postgres';
  sequentialMs: number[];
  unpooledMs: number[];
  concurrentMs: number[];
  concurrentSeconds: number;
  accepted: number;
  outcomes: Record<string, number>;
}

/**
 * Trigger → email accepted by SMTP: `outreach.send` (dedupe row, every check, the mail handed to a real SMTP server on
 * loopback that answers 250 once it has the whole message, then message.sent recorded) timed end to end.
 */
async function sendOnTarget(target: Run['target'], handle: DatabaseHandle, progress: ReportProgress): Promise<Run> {
  await migrateDatabase(handle);
  const db = handle.db;
  const user = await createUser(db, { email: `bench-${Date.now()}@example.test`, name: 'Bench', password: 'bench-password-123' });
  const account = await createAccount(db, { name: 'Bench outreach', purposeStatement: '', adminUserId: user.id });
  const contacts = await db.insert(schema.contacts).values(Array.from({ length: CONTACTS }, (_, index) => ({ accountId: account.id, name: `Customer ${index}`, email: `customer-${index}@example.test`, timeZone: 'Asia/Tokyo' }))).returning({ id: schema.contacts.id });
  const sink = await startSmtpSink();
  // SMTP_URL=smtp://host:port?pool=true: nodemailer keeps connections open and reuses them.
  const mailer = createMailer({ smtpUrl: `${sink.url}?pool=true`, from: 'bench@example.test' });
  const unpooledMailer = createMailer({ smtpUrl: sink.url, from: 'bench@example.test' });
  const outcomes: Record<string, number> = {};
  const sendWith = (outreach: ReturnType<typeof createOutreach>) => async (index: number, phase: string) => {
    const started = performance.now();
    const result = await outreach.send({
      accountId: account.id, contactId: contacts[index % CONTACTS]!.id, channel: 'email', dedupeKey: `${phase}:${index}`, transactional: true,
      touchpoint: { kind: 'journey', id: 'bench', stepId: 'thank-you' }, content: { subject: `Thank you ${index}`, text: 'Thank you for your order.', html: '<p>Thank you for your order.</p>' },
    });
    outcomes[result.status] = (outcomes[result.status] ?? 0) + 1;
    return performance.now() - started;
  };
  const sendOne = sendWith(createOutreach({ db, mailer, publicUrl: 'https://touchpoint.example' }));
  const sendUnpooled = sendWith(createOutreach({ db, mailer: unpooledMailer, publicUrl: 'https://touchpoint.example' }));
  try {
    progress(`${target}: ${UNPOOLED_SENDS} sends without an SMTP pool`);
    const unpooledMs: number[] = [];
    for (let index = 0; index < UNPOOLED_SENDS; index += 1) unpooledMs.push(await sendUnpooled(index, 'unpooled'));
    progress(`${target}: ${SENDS} sends one after another`);
    const sequentialMs: number[] = [];
    for (let index = 0; index < SENDS; index += 1) sequentialMs.push(await sendOne(index, 'sequential'));
    progress(`${target}: ${CONCURRENT.sends} sends from ${CONCURRENT.workers} callers at once`);
    const concurrentMs: number[] = [];
    let next = 0;
    const wall = performance.now();
    await Promise.all(Array.from({ length: CONCURRENT.workers }, async () => {
      while (next < CONCURRENT.sends) concurrentMs.push(await sendOne(next++, 'concurrent'));
    }));
    const concurrentSeconds = (performance.now() - wall) / 1000;
    return { target, sequentialMs, unpooledMs, concurrentMs, concurrentSeconds, accepted: sink.received.length, outcomes };
  } finally {
    mailer.close();
    unpooledMailer.close();
    await sink.close();
  }
}

function measure(run: Run): Measurement[] {
  return [
    { metric: `${run.target}: send → email accepted by SMTP p50 (n=${run.sequentialMs.length}, one at a time)`, value: computePercentile(run.sequentialMs, 50), unit: 'ms' },
    { metric: `${run.target}: send → email accepted by SMTP p99 (one at a time)`, value: computePercentile(run.sequentialMs, 99), unit: 'ms' },
    { metric: `${run.target}: without an SMTP pool, p50 (n=${run.unpooledMs.length})`, value: computePercentile(run.unpooledMs, 50), unit: 'ms' },
    { metric: `${run.target}: p99 with ${CONCURRENT.workers} callers at once (n=${run.concurrentMs.length})`, value: computePercentile(run.concurrentMs, 99), unit: 'ms' },
    { metric: `${run.target}: emails accepted per second with ${CONCURRENT.workers} callers`, value: run.concurrentMs.length / run.concurrentSeconds, unit: 'req/s' },
  ];
}

async function runOutreachEmail(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  const runs: Run[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-outreach-'));
  try {
    const embedded = await openDatabase({ kind: 'embedded', dataDir: join(dir, 'data') });
    try {
      runs.push(await sendOnTarget('embedded', embedded, progress));
    } finally {
      await embedded.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (postgresAdminUrl) {
    const fresh = await createFreshDatabase(postgresAdminUrl);
    const handle = await openDatabase({ kind: 'server', url: fresh.url });
    try {
      runs.push(await sendOnTarget('postgres', handle, progress));
    } finally {
      await handle.close();
      await fresh.drop();
    }
  }
  return {
    measurements: runs.flatMap(measure),
    raw: { sends: SENDS, concurrent: CONCURRENT, runs: runs.map(({ sequentialMs: _s, concurrentMs: _c, unpooledMs: _u, ...run }) => run) },
    notes: [
      'In one process: outreach.send with every check (dedupe row, control group, consent, address, caps, quiet hours), nodemailer to a real SMTP server on 127.0.0.1 (smtp-server + mailparser, in the same process), then the message.sent customer event and its outbox row.',
      'Transactional sends (no quiet-hours deferral); 500 customers, so caps are counted on a growing history.',
      'SMTP pooled (`SMTP_URL=…?pool=true`, nodemailer reuses connections) for the main figures; without a pool every mail opens a connection, which dominates (the "without an SMTP pool" line).',
      ...runs.map((run) => `${run.target}: outcomes ${JSON.stringify(run.outcomes)}, ${run.accepted} emails received by the SMTP server`),
      ...(postgresAdminUrl ? [] : ['PostgreSQL skipped: set BENCH_DATABASE_URL (a role that may CREATE DATABASE) to run it.']),
    ],
  };
}

export const outreachEmailBenchmark: Benchmark = {
  name: 'outreach-email',
  summary: 'send → email accepted by a real SMTP server on loopback, p50/p99 (outreach checks included)',
  run: runOutreachEmail,
};
