import { and, eq, sql, type SQL } from 'drizzle-orm';
import { TOUCHPOINT_KINDS, type TouchpointKind, type TouchpointRef } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { KINDS_WITH_IDS, type LifecycleStage, resolveStage, touchpointKey } from './lifecycle-stages.ts';
import { type DateRange, type PeriodBounds, resolvePeriodBounds, rowsOf } from './report-period.ts';
import type { TouchpointDirectory } from './touchpoint-directory.ts';

/** The conversion each kind is judged by: numerator event over denominator event (channels: conversations resolved). */
const CONVERSION_BY_KIND: Partial<Record<TouchpointKind, { label: ConversionLabel; numerator: string; denominator: string }>> = {
  journey: { label: 'converted', numerator: 'journey.converted', denominator: 'journey.entered' },
  prompt: { label: 'clicked', numerator: 'prompt.clicked', denominator: 'prompt.shown' },
  survey: { label: 'answered', numerator: 'survey.answered', denominator: 'survey.requested' },
};
/** A sent message counts as answered when the customer wrote back or ordered within this many days. */
export const MESSAGE_RESPONSE_DAYS = 7;
const RESPONSE_EVENTS = ['message.received', 'order.placed'];

export type ConversionLabel = 'converted' | 'clicked' | 'answered' | 'resolved';

export interface Conversion {
  label: ConversionLabel;
  numerator: number;
  denominator: number;
  /** numerator / denominator, null when nothing entered the funnel. */
  rate: number | null;
}

export interface Satisfaction {
  /** CSAT 1–5: share of 4 and 5. */
  csat: { n: number; satisfiedRate: number; average: number } | null;
  /** NPS 0–10: % promoters (9–10) − % detractors (0–6). */
  nps: { n: number; score: number; promoters: number; passives: number; detractors: number } | null;
  /** CES 1–7: average (higher is easier). */
  ces: { n: number; average: number } | null;
}

export interface TouchpointSummary {
  key: string;
  kind: TouchpointKind;
  /** Journey, prompt or survey id, or channel type; null for account-wide touchpoints. */
  id: string | null;
  /** From the directory (channels: their type); null when no domain named it: show kind and short id. */
  name: string | null;
  stage: LifecycleStage;
  stageOverridden: boolean;
  /** Events in the range, suppressions excluded. */
  events: number;
  /** Distinct known customers the touchpoint reached. */
  customers: number;
  satisfaction: Satisfaction;
  conversion: Conversion | null;
  /** Messages sent through the touchpoint and how many got a reply or an order within MESSAGE_RESPONSE_DAYS. */
  messages: { sent: number; responded: number; rate: number | null } | null;
  suppressed: number;
  suppressions: Record<string, number>;
}

export interface TouchpointFlow {
  from: string;
  to: string;
  /** How many times a customer's next touchpoint after `from` was `to` in the range. */
  count: number;
}

export interface TouchpointMap {
  timeZone: string;
  range: DateRange;
  touchpoints: TouchpointSummary[];
  flows: TouchpointFlow[];
}

const isKind = (value: string): value is TouchpointKind => (TOUCHPOINT_KINDS as readonly string[]).includes(value);
const idKinds = sql.raw(KINDS_WITH_IDS.map((kind) => `'${kind}'`).join(', '));
/** The map's touchpoint id of a customer_events row (account-wide kinds fold to ''). */
const eventTouchpointId = sql`(case when touchpoint_kind in (${idKinds}) then coalesce(touchpoint_id, '') else '' end)`;
/** Events the map counts: in the range, and not sent by a journey's test mode (`properties.test`, docs/journeys.md). */
const inRange = (bounds: PeriodBounds) => sql`occurred_at >= ${bounds.start} and occurred_at < ${bounds.end} and (properties->>'test') is distinct from 'true'`;

/** Restricts customer_events to one touchpoint of the map. */
function matchTouchpoint(kind: TouchpointKind, id: string | null): SQL {
  if (!KINDS_WITH_IDS.includes(kind)) return sql`touchpoint_kind = ${kind}`;
  return id ? sql`touchpoint_kind = ${kind} and touchpoint_id = ${id}` : sql`touchpoint_kind = ${kind} and touchpoint_id is null`;
}

interface VolumeRow { kind: string; id: string; name: string | null; reason: string | null; events: number; customers: number; is_total: number }

/** One scan over the range: per touchpoint, its reach (grand row) and its counts per event name and suppression reason. */
async function queryVolume(db: Database, accountId: string, bounds: PeriodBounds, only?: SQL) {
  return rowsOf<VolumeRow>(await db.execute(sql`
    with ev as (
      select touchpoint_kind as kind, ${eventTouchpointId} as id, name, contact_id,
        case when name like '%.suppressed' then coalesce(properties->>'reason', 'unknown') end as reason
      from customer_events
      where account_id = ${accountId} and touchpoint_kind is not null and ${inRange(bounds)} ${only ? sql`and ${only}` : sql``}
    )
    select kind, id, name, reason, count(*)::int as events,
      count(distinct contact_id) filter (where reason is null)::int as customers,
      grouping(name, reason)::int as is_total
    from ev group by grouping sets ((kind, id, name, reason), (kind, id))`));
}

interface SatisfactionRow { kind: string; id: string; survey_kind: string; n: number; average: number; positive: number; negative: number }

/**
 * `survey.answered` in the range, attributed twice: to the touchpoint the survey asked `about` and to the survey itself.
 * Positive: CSAT 4–5, NPS 9–10, CES 5–7; negative: CSAT 1–2, NPS 0–6.
 */
async function querySatisfaction(db: Database, accountId: string, bounds: PeriodBounds, target?: { kind: TouchpointKind; id: string }) {
  return rowsOf<SatisfactionRow>(await db.execute(sql`
    with answers as (
      select properties->'about'->>'kind' as about_kind, properties->'about'->>'id' as about_id, touchpoint_id as survey_id,
        properties->>'kind' as survey_kind, (properties->>'score')::numeric as score
      from customer_events
      where account_id = ${accountId} and name = 'survey.answered' and ${inRange(bounds)}
        and jsonb_typeof(properties->'score') = 'number' and properties->>'kind' in ('csat', 'nps', 'ces')
    ), attributed as (
      select t.kind, case when t.kind in (${idKinds}) then coalesce(t.id, '') else '' end as id, a.survey_kind, a.score
      from answers a cross join lateral (values (a.about_kind, a.about_id), ('survey', a.survey_id)) as t(kind, id)
      where t.kind is not null
    )
    select kind, id, survey_kind, count(*)::int as n, avg(score)::float as average,
      count(*) filter (where (survey_kind = 'csat' and score >= 4) or (survey_kind = 'nps' and score >= 9) or (survey_kind = 'ces' and score >= 5))::int as positive,
      count(*) filter (where (survey_kind = 'csat' and score <= 2) or (survey_kind = 'nps' and score <= 6))::int as negative
    from attributed ${target ? sql`where kind = ${target.kind} and id = ${target.id}` : sql``}
    group by kind, id, survey_kind`));
}

interface MessageRow { kind: string; id: string; sent: number; responded: number }

/**
 * Messages sent in the range and whether the same customer's next reply or order came within MESSAGE_RESPONSE_DAYS.
 * One pass over the three event names (name index), the next response found by a window over each customer's events.
 */
async function queryMessageResponses(db: Database, accountId: string, bounds: PeriodBounds, only?: SQL) {
  return rowsOf<MessageRow>(await db.execute(sql`
    with seq as (
      select touchpoint_kind, touchpoint_id, touchpoint_kind as kind, ${eventTouchpointId} as id, name, occurred_at,
        min(case when name in (${sql.join(RESPONSE_EVENTS.map((name) => sql`${name}`), sql`, `)}) then occurred_at end)
          over (partition by contact_id order by occurred_at desc rows between unbounded preceding and 1 preceding) as next_response
      from customer_events
      where account_id = ${accountId} and contact_id is not null
        and name in ('message.sent', ${sql.join(RESPONSE_EVENTS.map((name) => sql`${name}`), sql`, `)})
        and occurred_at >= ${bounds.start} and occurred_at < ${bounds.end} + make_interval(days => ${MESSAGE_RESPONSE_DAYS})
        and (properties->>'test') is distinct from 'true'
    )
    select kind, id, count(*)::int as sent,
      count(*) filter (where next_response <= occurred_at + make_interval(days => ${MESSAGE_RESPONSE_DAYS}))::int as responded
    from seq
    where name = 'message.sent' and kind is not null and occurred_at < ${bounds.end} ${only ? sql`and ${only}` : sql``}
    group by kind, id`));
}

/** Conversations created in the range per channel type, and how many of them are resolved or closed. */
async function queryChannelResolution(db: Database, accountId: string, bounds: PeriodBounds, channel?: string) {
  return rowsOf<{ channel: string; created: number; resolved: number }>(await db.execute(sql`
    select i.channel, count(*)::int as created, count(*) filter (where c.resolved_at is not null or c.status in ('resolved', 'closed'))::int as resolved
    from conversations c join inboxes i on i.id = c.inbox_id
    where c.account_id = ${accountId} and c.merged_into_id is null and c.created_at >= ${bounds.start} and c.created_at < ${bounds.end}
      ${channel ? sql`and i.channel = ${channel}` : sql``}
    group by i.channel`));
}

/** The most common next touchpoint per customer: consecutive events on the same touchpoint collapse into one visit. */
async function queryFlows(db: Database, accountId: string, bounds: PeriodBounds, limit: number) {
  return rowsOf<TouchpointFlow>(await db.execute(sql`
    with seq as (
      select touchpoint_kind || ':' || ${eventTouchpointId} as key,
        lead(touchpoint_kind || ':' || ${eventTouchpointId}) over (partition by contact_id order by occurred_at, id) as next_key
      from customer_events
      where account_id = ${accountId} and contact_id is not null and touchpoint_kind is not null and name not like '%.suppressed' and ${inRange(bounds)}
    )
    select key as "from", next_key as "to", count(*)::int as count
    from seq where next_key is not null and next_key <> key
    group by key, next_key order by count desc, key, next_key limit ${limit}`));
}

async function listStageOverrides(db: Database, accountId: string) {
  const rows = await db.select().from(schema.touchpointStages).where(eq(schema.touchpointStages.accountId, accountId));
  return new Map(rows.map((row) => [`${row.touchpointKind}:${row.touchpointId}`, row.stage]));
}

async function listChannelTypes(db: Database, accountId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ channel: schema.inboxes.channel }).from(schema.inboxes).where(eq(schema.inboxes.accountId, accountId));
  return rows.map((row) => row.channel);
}

function summarizeSatisfaction(rows: SatisfactionRow[]): Satisfaction {
  const of = (kind: string) => rows.find((row) => row.survey_kind === kind);
  const csat = of('csat');
  const nps = of('nps');
  const ces = of('ces');
  const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    csat: csat ? { n: csat.n, satisfiedRate: round(csat.positive / csat.n, 3), average: round(csat.average, 2) } : null,
    nps: nps ? { n: nps.n, score: Math.round(((nps.positive - nps.negative) / nps.n) * 100), promoters: nps.positive, passives: nps.n - nps.positive - nps.negative, detractors: nps.negative } : null,
    ces: ces ? { n: ces.n, average: round(ces.average, 2) } : null,
  };
}

const rateOf = (numerator: number, denominator: number) => (denominator > 0 ? Math.round((numerator / denominator) * 1000) / 1000 : null);

function buildConversion(kind: TouchpointKind, id: string, counts: Map<string, number>, channels: Map<string, { created: number; resolved: number }>): Conversion | null {
  if (kind === 'channel') {
    const channel = channels.get(id);
    return channel ? { label: 'resolved', numerator: channel.resolved, denominator: channel.created, rate: rateOf(channel.resolved, channel.created) } : null;
  }
  const rule = CONVERSION_BY_KIND[kind];
  if (!rule) return null;
  const numerator = counts.get(rule.numerator) ?? 0;
  const denominator = counts.get(rule.denominator) ?? 0;
  return { label: rule.label, numerator, denominator, rate: rateOf(numerator, denominator) };
}

interface Accumulated {
  kind: TouchpointKind;
  id: string;
  events: number;
  customers: number;
  counts: Map<string, number>;
  suppressions: Record<string, number>;
  satisfaction: SatisfactionRow[];
  messages: MessageRow | null;
}

function accumulate(byKey: Map<string, Accumulated>, kind: string, id: string): Accumulated | null {
  if (!isKind(kind)) return null;
  const key = touchpointKey({ kind, id });
  let entry = byKey.get(key);
  if (!entry) {
    entry = { kind, id: KINDS_WITH_IDS.includes(kind) ? id : '', events: 0, customers: 0, counts: new Map(), suppressions: {}, satisfaction: [], messages: null };
    byKey.set(key, entry);
  }
  return entry;
}

/**
 * The account's touchpoint map for a range (days in the account's time zone): every touchpoint that had events,
 * answers about it or conversations, plus every connected channel, with volume, satisfaction, conversion and
 * suppressions, its lifecycle stage and the most common moves between touchpoints.
 */
export async function summarizeTouchpoints(db: Database, accountId: string, range: DateRange, directory: TouchpointDirectory, options: { flowLimit?: number } = {}): Promise<TouchpointMap> {
  const bounds = await resolvePeriodBounds(db, accountId, range);
  const [volume, satisfaction, messages, channels, flows, overrides, channelTypes] = await Promise.all([
    queryVolume(db, accountId, bounds),
    querySatisfaction(db, accountId, bounds),
    queryMessageResponses(db, accountId, bounds),
    queryChannelResolution(db, accountId, bounds),
    queryFlows(db, accountId, bounds, options.flowLimit ?? 24),
    listStageOverrides(db, accountId),
    listChannelTypes(db, accountId),
  ]);
  const byKey = new Map<string, Accumulated>();
  for (const channel of channelTypes) accumulate(byKey, 'channel', channel);
  for (const row of channels) accumulate(byKey, 'channel', row.channel);
  for (const row of volume) {
    const entry = accumulate(byKey, row.kind, row.id);
    if (!entry) continue;
    if (row.is_total) {
      entry.customers = row.customers;
    } else if (row.reason !== null) {
      entry.suppressions[row.reason] = (entry.suppressions[row.reason] ?? 0) + row.events;
      if (row.name) entry.counts.set(row.name, (entry.counts.get(row.name) ?? 0) + row.events);
    } else if (row.name) {
      entry.events += row.events;
      entry.counts.set(row.name, (entry.counts.get(row.name) ?? 0) + row.events);
    }
  }
  for (const row of satisfaction) accumulate(byKey, row.kind, row.id)?.satisfaction.push(row);
  for (const row of messages) {
    const entry = accumulate(byKey, row.kind, row.id);
    if (entry) entry.messages = row;
  }
  const channelStats = new Map(channels.map((row) => [row.channel, row]));
  const entries = [...byKey.values()];
  const names = await directory.describe(accountId, entries.filter((entry) => entry.kind !== 'channel').map((entry): TouchpointRef => ({ kind: entry.kind, id: entry.id || null })));
  const touchpoints = entries.map((entry): TouchpointSummary => {
    const key = touchpointKey({ kind: entry.kind, id: entry.id });
    const override = overrides.get(key);
    const described = names.get(key);
    return {
      key,
      kind: entry.kind,
      id: entry.id || null,
      name: entry.kind === 'channel' ? entry.id : (described?.name ?? null),
      stage: resolveStage(entry.kind, override, described?.stage),
      stageOverridden: override !== undefined,
      events: entry.events,
      customers: entry.customers,
      satisfaction: summarizeSatisfaction(entry.satisfaction),
      conversion: buildConversion(entry.kind, entry.id, entry.counts, channelStats),
      messages: entry.messages ? { sent: entry.messages.sent, responded: entry.messages.responded, rate: rateOf(entry.messages.responded, entry.messages.sent) } : null,
      suppressed: Object.values(entry.suppressions).reduce((sum, count) => sum + count, 0),
      suppressions: entry.suppressions,
    };
  });
  touchpoints.sort((a, b) => b.events - a.events || a.key.localeCompare(b.key));
  return { timeZone: bounds.timeZone, range, touchpoints, flows };
}

export interface TouchpointDetail {
  timeZone: string;
  range: DateRange;
  touchpoint: TouchpointSummary;
  /** One row per day of the range (account time zone); `converted` is the conversion numerator of that day. */
  trend: { date: string; events: number; customers: number; converted: number }[];
  /** Journeys: per step, what happened there. */
  steps: { stepId: string; events: number; customers: number; sent: number; suppressed: number; converted: number }[];
}

/** One touchpoint's figures for a range, with its daily trend and, for journeys, its steps. */
export async function describeTouchpoint(db: Database, accountId: string, ref: { kind: TouchpointKind; id: string | null }, range: DateRange, directory: TouchpointDirectory): Promise<TouchpointDetail> {
  const id = KINDS_WITH_IDS.includes(ref.kind) ? (ref.id ?? '') : '';
  const key = touchpointKey({ kind: ref.kind, id });
  const bounds = await resolvePeriodBounds(db, accountId, range);
  const only = matchTouchpoint(ref.kind, id || null);
  const numerator = CONVERSION_BY_KIND[ref.kind]?.numerator ?? '';
  const [volume, satisfaction, messages, channels, overrides, names, trend, steps] = await Promise.all([
    queryVolume(db, accountId, bounds, only),
    querySatisfaction(db, accountId, bounds, { kind: ref.kind, id }),
    queryMessageResponses(db, accountId, bounds, only),
    ref.kind === 'channel' && id ? queryChannelResolution(db, accountId, bounds, id) : Promise.resolve([]),
    listStageOverrides(db, accountId),
    ref.kind === 'channel' ? Promise.resolve(new Map()) : directory.describe(accountId, [{ kind: ref.kind, id: id || null }]),
    db.execute(sql`
      with days as (select generate_series(${range.from}::date, ${range.to}::date, interval '1 day')::date as day),
      ev as (
        select (occurred_at at time zone ${bounds.timeZone})::date as day, contact_id, name
        from customer_events where account_id = ${accountId} and ${only} and ${inRange(bounds)} and name not like '%.suppressed'
      )
      select to_char(d.day, 'YYYY-MM-DD') as date, count(ev.name)::int as events, count(distinct ev.contact_id)::int as customers,
        count(ev.name) filter (where ev.name = ${numerator})::int as converted
      from days d left join ev on ev.day = d.day group by d.day order by d.day`),
    ref.kind === 'journey' ? db.execute(sql`
      select touchpoint_step_id as "stepId", count(*) filter (where name not like '%.suppressed')::int as events,
        count(distinct contact_id) filter (where name not like '%.suppressed')::int as customers,
        count(*) filter (where name = 'message.sent')::int as sent, count(*) filter (where name like '%.suppressed')::int as suppressed,
        count(*) filter (where name = 'journey.converted')::int as converted
      from customer_events where account_id = ${accountId} and ${only} and ${inRange(bounds)} and touchpoint_step_id is not null
      group by touchpoint_step_id order by events desc, touchpoint_step_id`) : Promise.resolve({ rows: [] }),
  ]);
  const byKey = new Map<string, Accumulated>();
  const entry = accumulate(byKey, ref.kind, id) as Accumulated;
  for (const row of volume) {
    if (row.is_total) entry.customers = row.customers;
    else if (row.reason !== null) entry.suppressions[row.reason] = (entry.suppressions[row.reason] ?? 0) + row.events;
    else if (row.name) {
      entry.events += row.events;
      entry.counts.set(row.name, (entry.counts.get(row.name) ?? 0) + row.events);
    }
  }
  const message = messages[0];
  const override = overrides.get(key);
  const described = names.get(key);
  return {
    timeZone: bounds.timeZone,
    range,
    touchpoint: {
      key,
      kind: ref.kind,
      id: id || null,
      name: ref.kind === 'channel' ? id : (described?.name ?? null),
      stage: resolveStage(ref.kind, override, described?.stage),
      stageOverridden: override !== undefined,
      events: entry.events,
      customers: entry.customers,
      satisfaction: summarizeSatisfaction(satisfaction),
      conversion: buildConversion(ref.kind, id, entry.counts, new Map(channels.map((row) => [row.channel, row]))),
      messages: message ? { sent: message.sent, responded: message.responded, rate: rateOf(message.responded, message.sent) } : null,
      suppressed: Object.values(entry.suppressions).reduce((sum, count) => sum + count, 0),
      suppressions: entry.suppressions,
    },
    trend: rowsOf<TouchpointDetail['trend'][number]>(trend),
    steps: rowsOf<TouchpointDetail['steps'][number]>(steps),
  };
}

/** Places a touchpoint in a lifecycle stage for the account, or (stage null) gives it back its default stage. */
export async function setTouchpointStage(db: Database, accountId: string, ref: { kind: TouchpointKind; id: string | null }, stage: LifecycleStage | null): Promise<void> {
  const id = KINDS_WITH_IDS.includes(ref.kind) ? (ref.id ?? '') : '';
  const table = schema.touchpointStages;
  if (stage === null) {
    await db.delete(table).where(and(eq(table.accountId, accountId), eq(table.touchpointKind, ref.kind), eq(table.touchpointId, id)));
    return;
  }
  await db.insert(table).values({ accountId, touchpointKind: ref.kind, touchpointId: id, stage })
    .onConflictDoUpdate({ target: [table.accountId, table.touchpointKind, table.touchpointId], set: { stage, updatedAt: new Date() } });
}
