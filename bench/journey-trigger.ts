import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { createContact } from '@touchpoint/contacts';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { migrateDatabase, openDatabase } from '@touchpoint/db';
import { createInProcessBus, createOutboxDispatcher } from '@touchpoint/events';
import { createBasicConditionEvaluator, createJourney, createJourneySink, createJourneyWorker, publishJourney } from '@touchpoint/journeys';
import { createMailer } from '@touchpoint/mailer';
import { createOutreach } from '@touchpoint/outreach';
import { computeMax, computePercentile } from './lib/stats.ts';
import { createBenchAccount } from './lib/bench-account.ts';
import type { Benchmark, ReportProgress } from './lib/types.ts';

const TRIGGERS = 200;
const TEMPLATE = '11111111-1111-4111-8111-111111111111';

/**
 * Trigger event recorded → journey entry (outbox sink) → step worker (woken by the sink, 100 ms poll as the net) →
 * send_message → email accepted by a real SMTP server on loopback. In-process, embedded database (PGlite).
 * The send goes through outreach (dedupe, consent, caps and quiet hours checked; none set) and the real mailer.
 */
async function runJourneyTrigger(progress: ReportProgress) {
  const arrivals = new Map<string, number>();
  const smtp = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4000) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const key = /To: (k\d+)@example\.test/i.exec(head)?.[1];
        if (key) arrivals.set(key, performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const address = smtp.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'bench@example.test' });

  const handle = await openDatabase({ kind: 'embedded', dataDir: null });
  await migrateDatabase(handle);
  const db = handle.db;
  const { account, scope } = await createBenchAccount(db, 'Bench');
  const journey = await createJourney(db, account.id, {
    name: 'Trigger bench',
    definition: { entry: { kind: 'event', eventName: 'bench.triggered' }, start: 'send', reentry: 'always', steps: [{ id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }] },
  });
  await publishJourney(db, account.id, journey.id);
  const outreach = createOutreach({ db, mailer });
  let wakeWorker = () => {};
  const bus = createInProcessBus();
  const dispatcher = createOutboxDispatcher({ handle, bus, pollIntervalMs: 200, sinks: [createJourneySink({ onRunsDue: () => wakeWorker() })] });
  await dispatcher.start();
  const worker = createJourneyWorker(db, {
    outreach,
    templates: { render: async () => ({ ok: true, content: { subject: 'Welcome', text: 'Welcome aboard' } }) },
    prompts: { trigger: async () => ({ status: 'triggered' }) },
    surveys: { request: async () => ({ status: 'requested', requestId: randomUUID() }) },
    segments: { add: async () => {} },
    conditions: createBasicConditionEvaluator(db),
  });
  worker.start();
  // As apps/server wires it (journey-wakeup.ts): the sink nudges the worker shortly after its commit.
  wakeWorker = () => [5, 40].forEach((delay) => setTimeout(() => void worker.tick(), delay));

  const latencies: number[] = [];
  try {
    for (let i = 0; i < TRIGGERS; i++) {
      const key = `k${i}`;
      const contact = await createContact(db, scope, { name: `Customer ${i}`, email: `${key}@example.test` });
      const started = performance.now();
      await db.transaction((tx) => recordCustomerEvents(tx, account.id, [{ contactId: contact.id, kind: 'track', name: 'bench.triggered', source: 'api' }]));
      while (!arrivals.has(key)) {
        if (performance.now() - started > 10_000) throw new Error(`trigger ${i} never reached SMTP`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      latencies.push(arrivals.get(key)! - started);
      if (i % 50 === 49) progress(`${i + 1}/${TRIGGERS} triggers`);
    }
  } finally {
    await worker.stop();
    await dispatcher.stop();
    mailer.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await handle.close();
  }
  return {
    measurements: [
      { metric: `trigger event → email at SMTP, p50 of ${TRIGGERS} (PGlite, worker woken by the sink, 100 ms poll)`, value: computePercentile(latencies, 50), unit: 'ms' as const },
      { metric: `trigger event → email at SMTP, p99 of ${TRIGGERS}`, value: computePercentile(latencies, 99), unit: 'ms' as const },
      { metric: 'trigger event → email at SMTP, max', value: computeMax(latencies), unit: 'ms' as const },
    ],
    raw: { latenciesMs: latencies },
    notes: ['sent through outreach (its checks, then the mailer) to a real SMTP server on loopback; one trigger at a time, sequential'],
  };
}

export const journeyTriggerBenchmark: Benchmark = {
  name: 'journey-trigger',
  summary: 'trigger event → journey send_message → email handed to SMTP on loopback (p50/p99)',
  run: runJourneyTrigger,
};
