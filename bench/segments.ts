import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Condition, EventType, PublishedEvent } from '@touchpoint/core';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { type Database, migrateDatabase, openDatabase } from '@touchpoint/db';
import { buildAllSegments, compileCondition, createSegment, createSegmentSink, getSegment } from '@touchpoint/segments';
import { readBenchEnv } from './lib/bench-env.ts';
import { createFreshDatabase } from './lib/postgres-database.ts';
import { computeMedian, computePercentile } from './lib/stats.ts';
import { createBenchAccount } from './lib/bench-account.ts';
import type { Benchmark, Measurement, ReportProgress } from './lib/types.ts';

const CONTACTS = 1_000_000;
/** Customers with recent orders (1–4 each within 60 days) and customers with NPS answers. */
const BUYERS = 150_000;
const RESPONDENTS = 80_000;
const INCREMENTAL_EVENTS = 3_000;
const ATTRIBUTE_UPDATES = 500;
/** The dispatcher hands sinks up to 200 events per claim; the batched phase delivers them that way. */
const BATCHES = 10;
const BATCH_SIZE = 200;

const SEGMENTS: { name: string; condition: Condition }[] = [
  { name: 'Gold plan', condition: { kind: 'attribute', key: 'attributes.plan', operator: 'eq', value: 'gold' } },
  { name: '≥ 3 unique orders in 30 days', condition: { kind: 'event', name: 'order.placed', operator: 'gte', count: 3, withinDays: 30, distinctProperty: 'orderId' } },
  { name: 'Detractors (latest NPS ≤ 6)', condition: { kind: 'survey', survey: 'nps', match: 'latest', operator: 'lte', score: 6 } },
];

/** 1M contacts, their orders and NPS answers as customer events, all set-based in SQL (generate_series). */
async function generate(db: Database, accountId: string, progress: ReportProgress) {
  progress(`inserting ${CONTACTS.toLocaleString('en')} contacts`);
  await db.execute(sql`
    insert into contacts (account_id, name, email, locale, time_zone, attributes, created_at)
    select ${accountId}::uuid, 'Customer ' || g, 'c' || g || '@bench.test', (array['en','ja','zh'])[1 + g % 3], 'Asia/Tokyo',
      jsonb_build_object('plan', case when g % 10 = 0 then 'gold' else 'free' end, 'seats', g % 50),
      now() - make_interval(days => g % 365)
    from generate_series(1, ${CONTACTS}) g`);
  progress(`inserting orders of ${BUYERS.toLocaleString('en')} customers as customer events`);
  await db.execute(sql`
    insert into customer_events (account_id, contact_id, kind, name, properties, message_id, source, occurred_at)
    select ${accountId}::uuid, c.id, 'system', 'order.placed', jsonb_build_object('orderId', 'o-' || c.n || '-' || k, 'total', 10 + k), 'bench-order-' || c.n || '-' || k, 'system',
      now() - make_interval(days => ((c.n * 7 + k * 13) % 60)::int, hours => k)
    from (select id, row_number() over (order by id) as n from contacts where account_id = ${accountId}::uuid limit ${BUYERS}) c
    cross join lateral generate_series(1, 1 + (c.n % 4)::int) k`);
  progress(`inserting NPS answers of ${RESPONDENTS.toLocaleString('en')} customers`);
  await db.execute(sql`
    insert into customer_events (account_id, contact_id, kind, name, properties, message_id, source, occurred_at)
    select ${accountId}::uuid, c.id, 'system', 'survey.answered', jsonb_build_object('surveyId', ${randomUUID()}::text, 'kind', 'nps', 'score', (c.n * 7) % 11, 'about', null), 'bench-nps-' || c.n, 'system',
      now() - make_interval(days => (c.n % 90)::int)
    from (select id, row_number() over (order by id desc) as n from contacts where account_id = ${accountId}::uuid limit ${RESPONDENTS}) c`);
  await db.execute(sql`analyze contacts`);
  await db.execute(sql`analyze customer_events`);
}

const time = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
};

async function runSegments(progress: ReportProgress) {
  const { postgresAdminUrl } = readBenchEnv();
  if (!postgresAdminUrl) return { measurements: [], raw: null, notes: ['segments skipped: set BENCH_DATABASE_URL to a PostgreSQL role allowed to create databases (docs/benchmarks.md).'] };
  const fresh = await createFreshDatabase(postgresAdminUrl);
  const handle = await openDatabase({ kind: 'server', url: fresh.url, poolSize: 4 });
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const { account, scope } = await createBenchAccount(db, 'Segments bench');
    const generated = await time(() => generate(db, account.id, progress));

    // Full re-evaluation: each segment's condition over every profile, (a) as one counting scan and (b) as the
    // batched build that writes the membership rows.
    const full: Record<string, { scanMs: number; buildMs: number; members: number }> = {};
    const segmentIds: string[] = [];
    for (const segment of SEGMENTS) {
      progress(`full re-evaluation: ${segment.name}`);
      const compiled = compileCondition(segment.condition, new Date());
      const scan = await time(() => db.execute(sql`select count(*) filter (where ${compiled.match}) from contacts c where c.account_id = ${account.id}::uuid and c.merged_into_id is null`));
      const created = await createSegment(db, scope, { name: segment.name, kind: 'dynamic', condition: segment.condition });
      const build = await time(() => buildAllSegments(db));
      segmentIds.push(created.id);
      full[segment.name] = { scanMs: scan.ms, buildMs: build.ms, members: (await getSegment(db, account.id, created.id)).memberCount };
    }

    // Incremental: events recorded as the API records them, then handed to the segment sink inside a transaction
    // as the outbox dispatcher does. Only the sink is timed.
    const sink = createSegmentSink();
    const ids = (await db.execute(sql`select id from contacts where account_id = ${account.id}::uuid order by id limit 200000`)) as unknown as { rows: { id: string }[] };
    const pool = ids.rows.map((row) => row.id);
    const pick = (i: number) => pool[(i * 7919) % pool.length]!;
    const samples: number[] = [];
    const byKind: Record<string, number[]> = { 'order.placed': [], 'survey.answered': [], 'contact.updated': [] };
    let sequence = 0;
    const deliver = async (type: EventType, payload: Record<string, unknown>) => {
      const event: PublishedEvent = { id: ++sequence, type, accountId: account.id, payload, audience: { kind: 'account' }, occurredAt: new Date().toISOString() };
      const { ms } = await time(() => db.transaction((tx) => sink(tx, [event])));
      return ms;
    };
    progress(`incremental: ${INCREMENTAL_EVENTS} customer events + ${ATTRIBUTE_UPDATES} profile updates through the sink`);
    const wallStarted = performance.now();
    for (let i = 0; i < INCREMENTAL_EVENTS; i++) {
      const contactId = pick(i);
      const survey = i % 4 === 3;
      const recorded = await db.transaction((tx) => recordCustomerEvents(tx, account.id, [{
        contactId,
        kind: 'system',
        name: survey ? 'survey.answered' : 'order.placed',
        properties: survey ? { surveyId: randomUUID(), kind: 'nps', score: i % 11, about: null } : { orderId: `inc-${i}`, total: 20 },
        source: 'system',
      }]));
      const ms = await deliver('customer_event.recorded', { events: recorded });
      samples.push(ms);
      byKind[survey ? 'survey.answered' : 'order.placed']!.push(ms);
    }
    for (let i = 0; i < ATTRIBUTE_UPDATES; i++) {
      const contactId = pick(i + 50_000);
      await db.execute(sql`update contacts set attributes = attributes || jsonb_build_object('plan', ${i % 2 === 0 ? 'gold' : 'free'}::text) where id = ${contactId}::uuid`);
      const ms = await deliver('contact.updated', { contactId, fields: ['attributes'] });
      samples.push(ms);
      byKind['contact.updated']!.push(ms);
    }
    const wallSeconds = (performance.now() - wallStarted) / 1000;

    progress(`batched: ${BATCHES} batches of ${BATCH_SIZE} events, each batch in one sink call as the dispatcher hands them`);
    const batchMs: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const batch: PublishedEvent[] = [];
      for (let i = 0; i < BATCH_SIZE; i++) {
        const n = 100_000 + b * BATCH_SIZE + i;
        const recorded = await db.transaction((tx) => recordCustomerEvents(tx, account.id, [{ contactId: pick(n), kind: 'system', name: 'order.placed', properties: { orderId: `batch-${n}`, total: 20 }, source: 'system' }]));
        batch.push({ id: ++sequence, type: 'customer_event.recorded', accountId: account.id, payload: { events: recorded }, audience: { kind: 'account' }, occurredAt: new Date().toISOString() });
      }
      batchMs.push((await time(() => db.transaction((tx) => sink(tx, batch)))).ms);
    }
    const batchedPerSecond = (BATCHES * BATCH_SIZE) / (batchMs.reduce((sum, ms) => sum + ms, 0) / 1000);
    const sinkSeconds = samples.reduce((sum, ms) => sum + ms, 0) / 1000;
    const counts = await Promise.all(segmentIds.map(async (id) => (await getSegment(db, account.id, id)).memberCount));

    const measurements: Measurement[] = [
      { metric: `incremental update per event, p50 (n=${samples.length})`, value: computeMedian(samples), unit: 'ms' },
      { metric: 'incremental update per event, p99', value: computePercentile(samples, 99), unit: 'ms' },
      { metric: 'events/s through the segment sink, one event per call', value: samples.length / sinkSeconds, unit: 'req/s' },
      { metric: `events/s through the segment sink, ${BATCH_SIZE} per call (dispatcher batches)`, value: batchedPerSecond, unit: 'req/s' },
      { metric: `one sink call of ${BATCH_SIZE} events, p50`, value: computeMedian(batchMs), unit: 'ms' },
      ...Object.entries(byKind).map(([kind, list]): Measurement => ({ metric: `${kind}: p99 per event (n=${list.length})`, value: computePercentile(list, 99), unit: 'ms' })),
      ...Object.entries(full).flatMap(([name, result]): Measurement[] => [
        { metric: `full scan over ${CONTACTS.toLocaleString('en')} profiles: ${name}`, value: result.scanMs, unit: 'ms' },
        { metric: `full batched build: ${name} (${result.members.toLocaleString('en')} members)`, value: result.buildMs, unit: 'ms' },
      ]),
    ];
    const worstScan = Math.min(...Object.values(full).map((result) => result.scanMs));
    return {
      measurements,
      raw: { contacts: CONTACTS, buyers: BUYERS, respondents: RESPONDENTS, generateMs: generated.ms, full, incremental: { samples: samples.length, wallSeconds, sinkSeconds, batchMs, batchedPerSecond, byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { p50: computeMedian(v), p99: computePercentile(v, 99) }])) }, finalCounts: counts },
      notes: [
        `one event costs ${computeMedian(samples).toFixed(1)} ms at p50 against ${worstScan.toFixed(0)} ms for the cheapest full scan of one segment: a full re-evaluation per event would be ~${Math.round(worstScan / computeMedian(samples))}× slower per segment`,
        'incremental work re-evaluates only segments whose dependencies match the event (order.placed → the orders segment; survey.answered → detractors; an attribute edit → the plan segment), for that one contact',
      ],
    };
  } finally {
    await handle.close();
    await fresh.drop();
  }
}

export const segmentsBenchmark: Benchmark = {
  name: 'segments',
  summary: 'Segments over 1,000,000 profiles on PostgreSQL: incremental update per event vs a full re-evaluation',
  run: runSegments,
};
