import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { PublishedEvent } from '@touchpoint/core';
import { loadRecordedEvents, type RecordedCustomerEvent } from '@touchpoint/customer-events';
import { type Database, schema } from '@touchpoint/db';
import type { JourneyDefinition } from './journey-definition.ts';
import { instantAtLocalTime, localDate, resolveZone } from '@touchpoint/core';
import { exitRun, type JourneyRunRow, recordRunEvent } from './run-events.ts';

const r = schema.journeyRuns;
const j = schema.journeys;
const v = schema.journeyVersions;

/** An entry event older than this when it arrives (by its own timestamp) enters nobody. */
export const ENTRY_EVENT_MAX_AGE_MS = 24 * 3600_000;

interface LiveJourney {
  id: string;
  accountId: string;
  version: number;
  definition: JourneyDefinition;
}

async function listLiveJourneys(db: Database, accountId: string | null, entryKind: JourneyDefinition['entry']['kind']): Promise<LiveJourney[]> {
  const rows = await db.select({ id: j.id, accountId: j.accountId, version: v.version, definition: v.definition }).from(j)
    .innerJoin(v, and(eq(v.journeyId, j.id), eq(v.version, j.liveVersion)))
    .where(and(eq(j.status, 'live'), accountId ? eq(j.accountId, accountId) : undefined, sql`${v.definition} -> 'entry' ->> 'kind' = ${entryKind}`));
  return rows.map((row) => ({ ...row, definition: row.definition as unknown as JourneyDefinition }));
}

/**
 * Puts a customer into a journey, by its re-entry rule (`never`: once ever; `after_exit`: not while a run is active;
 * `always`: every entry), in the caller's transaction. `entryKey` names the cause and is unique per journey, so a
 * replayed cause never enters twice. The run starts in phase `entering`: the worker checks the entry condition
 * (outside this transaction) and records `journey.entered`. Returns the run id, or null when not entered.
 */
export async function enterJourney(tx: Database, journey: LiveJourney, contactId: string, entryKey: string, state: Record<string, unknown>, now: Date): Promise<string | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`journey:${journey.id}:${contactId}`}))`);
  if (journey.definition.reentry !== 'always') {
    const [existing] = await tx.select({ id: r.id }).from(r)
      .where(and(eq(r.journeyId, journey.id), eq(r.contactId, contactId), eq(r.test, false), journey.definition.reentry === 'after_exit' ? eq(r.status, 'active') : undefined)).limit(1);
    if (existing) return null;
  }
  const [run] = await tx.insert(r).values({ accountId: journey.accountId, journeyId: journey.id, version: journey.version, contactId, entryKey, phase: 'entering', currentStepId: journey.definition.start, dueAt: now, state, enteredAt: now })
    .onConflictDoNothing().returning({ id: r.id });
  return run?.id ?? null;
}

/** Runs of this customer that an event may concern (goals look back up to a year), locked for this transaction. */
function lockRunsOf(tx: Database, accountId: string, contactId: string, occurredAt: Date) {
  return tx.select().from(r).where(and(eq(r.accountId, accountId), eq(r.contactId, contactId), eq(r.test, false), gte(r.enteredAt, new Date(occurredAt.getTime() - 366 * 86_400_000)), sql`(${r.status} = 'active' or ${r.convertedAt} is null)`)).for('update');
}

async function loadRunDefinitions(tx: Database, runs: JourneyRunRow[]) {
  const byKey = new Map<string, JourneyDefinition>();
  for (const run of runs) {
    const key = `${run.journeyId}:${run.version}`;
    if (byKey.has(key)) continue;
    const [row] = await tx.select({ definition: v.definition }).from(v).where(and(eq(v.journeyId, run.journeyId), eq(v.version, run.version)));
    if (row) byKey.set(key, row.definition as unknown as JourneyDefinition);
  }
  return (run: JourneyRunRow) => byKey.get(`${run.journeyId}:${run.version}`) ?? null;
}

/** What one customer event does to journeys: entries, awaited events, goals and exit events. */
/**
 * Event names that can matter to runs already inside the account's journeys (goals, exit events, awaited events of
 * any published version): other events skip the per-customer run lookup, so ingest pays one query per batch.
 */
async function listWatchedEventNames(tx: Database, accountId: string): Promise<Set<string>> {
  const rows = await tx.execute(sql`
    select distinct name from (
      select ${v.definition} -> 'goal' ->> 'eventName' as name from ${v} where ${v.accountId} = ${accountId}
      union all select ${v.definition} ->> 'exitOnEvent' from ${v} where ${v.accountId} = ${accountId}
      union all select step ->> 'eventName' from ${v}, jsonb_array_elements(${v.definition} -> 'steps') as step
        where ${v.accountId} = ${accountId} and step ->> 'kind' = 'wait_for_event'
    ) names where name is not null`);
  return new Set((rows as unknown as { rows: { name: string }[] }).rows.map((row) => row.name));
}

async function applyCustomerEvent(tx: Database, accountId: string, event: RecordedCustomerEvent, entryJourneys: LiveJourney[], watched: Set<string>, now: Date): Promise<boolean> {
  const contactId = event.contactId;
  // A journey's own events neither enter, resume, convert nor exit journeys (no loops, no lock on the runs they describe).
  if (!contactId || event.name.startsWith('journey.')) return false;
  let due = false;
  const occurredAt = new Date(event.occurredAt);
  const runs = watched.has(event.name) ? await lockRunsOf(tx, accountId, contactId, occurredAt) : [];
  const definitionOf = await loadRunDefinitions(tx, runs);
  for (const run of runs) {
    const definition = definitionOf(run);
    if (!definition) continue;
    const leased = run.leaseUntil !== null && run.leaseUntil.getTime() > now.getTime();
    const goal = definition.goal;
    if (goal && goal.eventName === event.name && run.convertedAt === null && run.enteredAt.getTime() <= occurredAt.getTime() && occurredAt.getTime() - run.enteredAt.getTime() <= goal.withinDays * 86_400_000) {
      await tx.update(r).set({ convertedAt: occurredAt }).where(eq(r.id, run.id));
      await recordRunEvent(tx, run, 'journey.converted', { goal: goal.eventName }, occurredAt);
      if (goal.exitOnGoal && run.status === 'active') {
        await exitRun(tx, run, 'goal', now);
        continue;
      }
    }
    if (run.status !== 'active') continue;
    if (definition.exitOnEvent === event.name) {
      await exitRun(tx, run, 'exit_event', now);
      continue;
    }
    if (run.phase === 'waiting' && run.awaitingEvent === event.name && !leased && run.enteredAt.getTime() <= occurredAt.getTime()) {
      const step = definition.steps.find((candidate) => candidate.id === run.currentStepId);
      if (step?.kind !== 'wait_for_event') continue;
      await tx.update(schema.journeyStepLog).set({ detail: sql`${schema.journeyStepLog.detail} || ${JSON.stringify({ resumedBy: event.id })}::jsonb` })
        .where(and(eq(schema.journeyStepLog.runId, run.id), eq(schema.journeyStepLog.stepId, step.id), eq(schema.journeyStepLog.visit, run.visit)));
      if (step.next === null) await exitRun(tx, run, 'completed', now);
      else {
        await tx.update(r).set({ currentStepId: step.next, visit: run.visit + 1, phase: 'ready', dueAt: now, awaitingEvent: null, attempts: 0, state: { ...run.state, resumedBy: event } }).where(eq(r.id, run.id));
        due = true;
      }
    }
  }
  // A backfilled event (an import of last year's orders) does not start journeys: only recent ones do.
  if (now.getTime() - occurredAt.getTime() > ENTRY_EVENT_MAX_AGE_MS) return due;
  for (const journey of entryJourneys) {
    if (journey.definition.entry.kind === 'event' && journey.definition.entry.eventName === event.name) {
      due = (await enterJourney(tx, journey, contactId, `event:${event.id}`, { event }, now)) !== null || due;
    }
  }
  return due;
}

/**
 * The outbox sink: `customer_event.recorded` enters event journeys, resumes wait_for_event steps, counts goals and
 * applies exit events; `segment.entered` `{ segmentId, contactId }` enters segment journeys. Only database writes
 * here; steps run in the worker.
 */
export function createJourneySink(options: { now?: () => Date; onRunsDue?: () => void } = {}) {
  return async (tx: Database, events: PublishedEvent[]) => {
    let due = false;
    // Read once per account and claim: a busy ingest puts many customer_event.recorded in one claim.
    const lookups = new Map<string, Promise<[LiveJourney[], Set<string>]>>();
    const lookupsOf = (accountId: string) => {
      let found = lookups.get(accountId);
      if (!found) lookups.set(accountId, (found = (async () => [await listLiveJourneys(tx, accountId, 'event'), await listWatchedEventNames(tx, accountId)] as [LiveJourney[], Set<string>])()));
      return found;
    };
    for (const domainEvent of events) {
      if (domainEvent.type === 'customer_event.recorded') {
        const recorded = (await loadRecordedEvents(tx, domainEvent, events)).filter((event) => event.contactId);
        if (recorded.length === 0) continue;
        const now = options.now?.() ?? new Date();
        const [entryJourneys, watched] = await lookupsOf(domainEvent.accountId);
        for (const event of recorded) due = (await applyCustomerEvent(tx, domainEvent.accountId, event, entryJourneys, watched, now)) || due;
      } else if (domainEvent.type === 'segment.entered') {
        const { segmentId, contactId } = domainEvent.payload as { segmentId?: string; contactId?: string };
        if (!segmentId || !contactId) continue;
        const now = options.now?.() ?? new Date();
        for (const journey of await listLiveJourneys(tx, domainEvent.accountId, 'segment_entered')) {
          if (journey.definition.entry.kind === 'segment_entered' && journey.definition.entry.segmentId === segmentId) {
            due = (await enterJourney(tx, journey, contactId, `segment:${domainEvent.id}`, { segmentId }, now)) !== null || due;
          }
        }
      }
    }
    // Runs became due in this transaction: the local worker may look before its next poll.
    if (due) options.onRunsDue?.();
  };
}

/** A date attribute's calendar date: `createdAt`, or a custom attribute holding an ISO date (`attributes.birthday` or `birthday`). */
function dateOf(contact: { createdAt: Date; attributes: Record<string, unknown> }, attribute: string): string | null {
  if (attribute === 'createdAt') return contact.createdAt.toISOString().slice(0, 10);
  const key = attribute.startsWith('attributes.') ? attribute.slice('attributes.'.length) : attribute;
  const value = contact.attributes[key];
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

/** How late a date entry may still happen (the job missed a tick, the server was down). */
const DATE_ENTRY_GRACE_MS = 26 * 3600_000;

/**
 * The scheduled job for date-attribute entries (every few minutes): a customer enters once the moment "date +
 * offsetDays at atLocalTime in their zone" has passed (up to 26 hours late); the entry key is that date, so every
 * tick may look again and nobody enters twice for one occurrence.
 */
export async function enterDateAttributeJourneys(db: Database, now = new Date()): Promise<number> {
  let entered = 0;
  for (const journey of await listLiveJourneys(db, null, 'date_attribute')) {
    const entry = journey.definition.entry;
    if (entry.kind !== 'date_attribute') continue;
    const key = entry.attribute.startsWith('attributes.') ? entry.attribute.slice('attributes.'.length) : entry.attribute;
    const [account] = await db.select({ timeZone: schema.accounts.timeZone }).from(schema.accounts).where(eq(schema.accounts.id, journey.accountId));
    const contacts = await db.select({ id: schema.contacts.id, createdAt: schema.contacts.createdAt, attributes: schema.contacts.attributes, timeZone: schema.contacts.timeZone }).from(schema.contacts)
      .where(and(eq(schema.contacts.accountId, journey.accountId), isNull(schema.contacts.mergedIntoId), key === 'createdAt' ? gte(schema.contacts.createdAt, new Date(now.getTime() - (Math.abs(entry.offsetDays) + 2) * 86_400_000 - (entry.everyYear ? 400 * 86_400_000 : 0))) : sql`${schema.contacts.attributes} ? ${key}`));
    for (const contact of contacts) {
      const date = dateOf(contact, entry.attribute);
      if (!date) continue;
      const zone = resolveZone(contact.timeZone, resolveZone(account?.timeZone));
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      const thisYear = localDate(zone, now).year;
      const years = entry.everyYear ? [thisYear - 1, thisYear] : [year];
      for (const onYear of years) {
        const base = new Date(Date.UTC(onYear, month - 1, day + entry.offsetDays));
        const target = { year: base.getUTCFullYear(), month: base.getUTCMonth() + 1, day: base.getUTCDate() };
        const at = instantAtLocalTime(zone, target, entry.atLocalTime);
        if (at.getTime() > now.getTime() || now.getTime() - at.getTime() > DATE_ENTRY_GRACE_MS) continue;
        const id = await db.transaction((tx) => enterJourney(tx, journey, contact.id, `date:${contact.id}:${base.toISOString().slice(0, 10)}`, { date: entry.attribute, occurrence: at.toISOString() }, now));
        if (id) entered += 1;
      }
    }
  }
  return entered;
}

