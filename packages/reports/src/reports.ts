import { eq, sql } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { formatCsvRecord } from '@touchpoint/contacts';
import { type Database, schema } from '@touchpoint/db';

export interface ReportPeriod {
  /** First and last day, inclusive, as YYYY-MM-DD in the account's time zone. */
  from: string;
  to: string;
}

interface Bounds {
  timeZone: string;
  inboxIds: string[];
  start: SqlFragment;
  end: SqlFragment;
}
type SqlFragment = ReturnType<typeof sql>;

async function resolveBounds(db: Database, scope: AccountScope, period: ReportPeriod): Promise<Bounds> {
  const [account] = await db.select({ timeZone: schema.accounts.timeZone }).from(schema.accounts).where(eq(schema.accounts.id, scope.accountId));
  const timeZone = account?.timeZone ?? 'UTC';
  return {
    timeZone,
    inboxIds: await listVisibleInboxIds(db, scope),
    // Midnight at the start of `from` and after `to`, in the account's zone, as instants.
    start: sql`(${period.from}::date)::timestamp at time zone ${timeZone}`,
    end: sql`(${period.to}::date + 1)::timestamp at time zone ${timeZone}`,
  };
}

const rowsOf = <Row>(result: unknown) => (result as { rows: Row[] }).rows;
const inInboxes = (ids: string[]) => (ids.length > 0 ? sql`c.inbox_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`);
const round = (value: number | string | null) => (value === null ? null : Math.round(Number(value) * 10) / 10);

/**
 * The service report for a period, in the account's time zone: volume per day, first response and resolution times
 * (median and 90th percentile, in minutes), volume by channel, agent and team, SLA attainment and CSAT.
 */
export async function reportOverview(db: Database, scope: AccountScope, period: ReportPeriod) {
  const b = await resolveBounds(db, scope, period);
  const scoped = sql`c.account_id = ${scope.accountId} and ${inInboxes(b.inboxIds)} and c.merged_into_id is null`;
  const created = sql`c.created_at >= ${b.start} and c.created_at < ${b.end}`;

  const volume = rowsOf<{ date: string; created: number; resolved: number }>(
    await db.execute(sql`
      with days as (select generate_series(${period.from}::date, ${period.to}::date, interval '1 day')::date as day)
      select to_char(d.day, 'YYYY-MM-DD') as date,
        (select count(*)::int from conversations c where ${scoped} and (c.created_at at time zone ${b.timeZone})::date = d.day) as created,
        (select count(*)::int from conversations c where ${scoped} and c.resolved_at is not null and (c.resolved_at at time zone ${b.timeZone})::date = d.day) as resolved
      from days d order by d.day`),
  );

  const [times] = rowsOf<{ fr_median: number | null; fr_p90: number | null; res_median: number | null; res_p90: number | null }>(
    await db.execute(sql`
      select
        percentile_cont(0.5) within group (order by extract(epoch from c.first_response_at - c.created_at) / 60) filter (where c.first_response_at is not null) as fr_median,
        percentile_cont(0.9) within group (order by extract(epoch from c.first_response_at - c.created_at) / 60) filter (where c.first_response_at is not null) as fr_p90,
        percentile_cont(0.5) within group (order by extract(epoch from c.resolved_at - c.created_at) / 60) filter (where c.resolved_at is not null) as res_median,
        percentile_cont(0.9) within group (order by extract(epoch from c.resolved_at - c.created_at) / 60) filter (where c.resolved_at is not null) as res_p90
      from conversations c where ${scoped} and ${created}`),
  );

  const byChannel = rowsOf<{ channel: string; created: number }>(
    await db.execute(sql`
      select i.channel, count(*)::int as created from conversations c join inboxes i on i.id = c.inbox_id
      where ${scoped} and ${created} group by i.channel order by created desc, i.channel`),
  );

  const byAgent = rowsOf<{ agentId: string; name: string; assigned: number; resolved: number; medianFirstResponseMinutes: number | null; csatAverage: number | null }>(
    await db.execute(sql`
      select u.id as "agentId", u.name, count(*)::int as assigned,
        count(*) filter (where c.resolved_at is not null)::int as resolved,
        percentile_cont(0.5) within group (order by extract(epoch from c.first_response_at - c.created_at) / 60) filter (where c.first_response_at is not null) as "medianFirstResponseMinutes",
        (select avg(r.rating) from csat_ratings r where r.account_id = ${scope.accountId} and r.agent_id = u.id and r.created_at >= ${b.start} and r.created_at < ${b.end}) as "csatAverage"
      from conversations c join users u on u.id = c.assignee_id
      where ${scoped} and ${created} group by u.id, u.name order by assigned desc, u.name`),
  );

  const byTeam = rowsOf<{ teamId: string; name: string; created: number; resolved: number }>(
    await db.execute(sql`
      select t.id as "teamId", t.name, count(*)::int as created, count(*) filter (where c.resolved_at is not null)::int as resolved
      from conversations c join teams t on t.id = c.team_id
      where ${scoped} and ${created} group by t.id, t.name order by created desc, t.name`),
  );

  const [sla] = rowsOf<{ total: number; breached: number }>(
    await db.execute(sql`
      select count(*)::int as total, count(*) filter (where jsonb_array_length(s.breaches) > 0)::int as breached
      from conversation_slas s join conversations c on c.id = s.conversation_id where ${scoped} and ${created}`),
  );

  const [csat] = rowsOf<{ count: number; average: number | null; satisfied: number }>(
    await db.execute(sql`
      select count(*)::int as count, avg(r.rating) as average, count(*) filter (where r.rating >= 4)::int as satisfied
      from csat_ratings r join conversations c on c.id = r.conversation_id
      where ${scoped} and r.created_at >= ${b.start} and r.created_at < ${b.end}`),
  );

  return {
    timeZone: b.timeZone,
    period,
    volume,
    firstResponseMinutes: { median: round(times?.fr_median ?? null), p90: round(times?.fr_p90 ?? null) },
    resolutionMinutes: { median: round(times?.res_median ?? null), p90: round(times?.res_p90 ?? null) },
    byChannel,
    byAgent: byAgent.map((row) => ({ ...row, medianFirstResponseMinutes: round(row.medianFirstResponseMinutes), csatAverage: round(row.csatAverage) })),
    byTeam,
    slaAttainment: sla && sla.total > 0 ? { met: sla.total - sla.breached, breached: sla.breached, ratio: round(((sla.total - sla.breached) / sla.total) * 100)! / 100 } : null,
    csat: csat && csat.count > 0 ? { count: csat.count, average: round(csat.average), satisfiedRatio: round((csat.satisfied / csat.count) * 100)! / 100 } : null,
  };
}

export const CONVERSATION_CSV_HEADER = [
  'number', 'subject', 'channel', 'inbox', 'status', 'priority', 'assignee', 'team', 'contact', 'created_at', 'first_response_at', 'resolved_at', 'first_response_minutes', 'resolution_minutes',
];

/** Every conversation created in the period as CSV lines (header first), times in the account's zone. */
export async function* exportConversationsCsv(db: Database, scope: AccountScope, period: ReportPeriod): AsyncGenerator<string> {
  const b = await resolveBounds(db, scope, period);
  yield '\uFEFF' + formatCsvRecord(CONVERSATION_CSV_HEADER);
  const local = (column: SqlFragment) => sql`to_char(${column} at time zone ${b.timeZone}, 'YYYY-MM-DD HH24:MI')`;
  let afterNumber = 0;
  for (;;) {
    const rows = rowsOf<Record<string, string | number | null>>(
      await db.execute(sql`
        select c.number, c.subject, i.channel, i.name as inbox, c.status, c.priority, u.name as assignee, t.name as team, k.name as contact,
          ${local(sql`c.created_at`)} as created_at, ${local(sql`c.first_response_at`)} as first_response_at, ${local(sql`c.resolved_at`)} as resolved_at,
          round((extract(epoch from c.first_response_at - c.created_at) / 60)::numeric, 1) as first_response_minutes,
          round((extract(epoch from c.resolved_at - c.created_at) / 60)::numeric, 1) as resolution_minutes
        from conversations c join inboxes i on i.id = c.inbox_id join contacts k on k.id = c.contact_id
          left join users u on u.id = c.assignee_id left join teams t on t.id = c.team_id
        where c.account_id = ${scope.accountId} and ${inInboxes(b.inboxIds)} and c.created_at >= ${b.start} and c.created_at < ${b.end} and c.number > ${afterNumber}
        order by c.number limit 1000`),
    );
    for (const row of rows) yield formatCsvRecord(CONVERSATION_CSV_HEADER.map((column) => row[column] ?? null));
    if (rows.length < 1000) return;
    afterNumber = Number(rows.at(-1)!.number);
  }
}
