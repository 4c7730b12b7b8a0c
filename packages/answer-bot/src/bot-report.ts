import { eq, sql } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';

/**
 * The bot's report for a period (days in the account's time zone, by when the bot started on a conversation):
 * - handled: conversations the bot took;
 * - deflected: of those, the ones it finished without a person — the customer said it helped, or took an answer
 *   and did not ask for more; never handed over;
 * - handover reasons, and the intents and articles it answered with most.
 */
export interface BotReportPeriod {
  from: string;
  to: string;
}

const rowsOf = <Row>(result: unknown) => (result as { rows: Row[] }).rows;

export async function reportBotDeflection(db: Database, scope: AccountScope, period: BotReportPeriod) {
  const [account] = await db.select({ timeZone: schema.accounts.timeZone }).from(schema.accounts).where(eq(schema.accounts.id, scope.accountId));
  const timeZone = account?.timeZone ?? 'UTC';
  const inboxIds = await listVisibleInboxIds(db, scope);
  const inInboxes = inboxIds.length ? sql`b.inbox_id in (${sql.join(inboxIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`;
  const start = sql`(${period.from}::date)::timestamp at time zone ${timeZone}`;
  const end = sql`(${period.to}::date + 1)::timestamp at time zone ${timeZone}`;
  const scoped = sql`b.account_id = ${scope.accountId} and ${inInboxes} and b.started_at >= ${start} and b.started_at < ${end}`;
  const deflected = sql`(b.state = 'resolved' or (b.state = 'handling' and b.answers > 0))`;

  const [totals] = rowsOf<{ handled: number; deflected: number; confirmed: number; handedOver: number }>(
    await db.execute(sql`
      select count(*)::int as handled,
        count(*) filter (where ${deflected})::int as deflected,
        count(*) filter (where b.state = 'resolved')::int as confirmed,
        count(*) filter (where b.state = 'handed_over')::int as "handedOver"
      from bot_conversations b where ${scoped}`),
  );
  const daily = rowsOf<{ date: string; handled: number; deflected: number }>(
    await db.execute(sql`
      with days as (select generate_series(${period.from}::date, ${period.to}::date, interval '1 day')::date as day)
      select to_char(d.day, 'YYYY-MM-DD') as date,
        (select count(*)::int from bot_conversations b where ${scoped} and (b.started_at at time zone ${timeZone})::date = d.day) as handled,
        (select count(*)::int from bot_conversations b where ${scoped} and ${deflected} and (b.started_at at time zone ${timeZone})::date = d.day) as deflected
      from days d order by d.day`),
  );
  const handoverReasons = rowsOf<{ reason: string; count: number }>(
    await db.execute(sql`
      select b.handover_reason as reason, count(*)::int as count from bot_conversations b
      where ${scoped} and b.state = 'handed_over' group by b.handover_reason order by count desc, reason`),
  );
  const topAnswers = rowsOf<{ kind: 'intent' | 'article'; id: string; title: string; count: number }>(
    await db.execute(sql`
      select case when t.intent_id is not null then 'intent' else 'article' end as kind,
        coalesce(t.intent_id, t.article_id)::text as id,
        coalesce(i.name, (t.candidates -> 0 ->> 'title'), '') as title,
        count(*)::int as count
      from bot_turns t join bot_conversations b on b.conversation_id = t.conversation_id
      left join bot_intents i on i.id = t.intent_id
      where ${scoped} and t.action = 'answer'
      group by 1, 2, 3 order by count desc limit 10`),
  );
  const handled = totals?.handled ?? 0;
  return {
    timeZone,
    period,
    handled,
    deflected: totals?.deflected ?? 0,
    confirmedHelpful: totals?.confirmed ?? 0,
    handedOver: totals?.handedOver ?? 0,
    deflectionRate: handled ? (totals!.deflected / handled) : null,
    daily,
    handoverReasons: handoverReasons.map((r) => ({ reason: r.reason ?? 'unknown', count: r.count })),
    topAnswers,
  };
}
