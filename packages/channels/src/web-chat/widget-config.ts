import { and, eq, gte, sql } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { isOpenAt, nextOpening } from '@touchpoint/sla';
import type { ChannelInbox } from '../channel-adapter.ts';
import { widgetColorOf } from './widget-settings.ts';

/** An agent counts as online while their console is open: its socket re-checks the session (and so `last_seen_at`) every 30 s. */
export const AGENT_ONLINE_WINDOW_MS = 3 * 60_000;
/** The typical first response is the median over this many of the inbox's latest answered conversations. */
const REPLY_TIME_SAMPLE = 200;
/** Fewer answered conversations than this say nothing typical: the widget then promises no time. */
const REPLY_TIME_MIN_SAMPLE = 5;
const REPLY_TIME_CACHE_MS = 5 * 60_000;

/**
 * Agents of the inbox (its members, and the account's admins, who see every inbox) who are available (not busy or
 * away) and have the console open now.
 */
export async function countOnlineAgents(db: Database, inbox: Pick<ChannelInbox, 'id' | 'accountId'>, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - AGENT_ONLINE_WINDOW_MS);
  const [row] = await db
    .select({ count: sql<number>`count(distinct ${schema.memberships.userId})::int` })
    .from(schema.memberships)
    .innerJoin(schema.sessions, and(eq(schema.sessions.userId, schema.memberships.userId), gte(schema.sessions.lastSeenAt, since), gte(schema.sessions.expiresAt, now)))
    .leftJoin(schema.agentAvailability, and(eq(schema.agentAvailability.accountId, schema.memberships.accountId), eq(schema.agentAvailability.userId, schema.memberships.userId)))
    .where(and(
      eq(schema.memberships.accountId, inbox.accountId),
      sql`coalesce(${schema.agentAvailability.status}, 'online') = 'online'`,
      sql`(${schema.memberships.role} = 'admin' or exists (select 1 from inbox_members im where im.inbox_id = ${inbox.id} and im.user_id = ${schema.memberships.userId}))`,
    ));
  return row?.count ?? 0;
}

const replyTimes = new Map<string, { minutes: number | null; until: number }>();

/**
 * How long the inbox typically takes to answer first: the median minutes to first response over its latest answered
 * conversations (wall-clock, as customers wait). Kept five minutes per inbox, since every page view asks.
 */
export async function typicalFirstResponseMinutes(db: Database, inbox: Pick<ChannelInbox, 'id' | 'accountId'>, now = new Date()): Promise<number | null> {
  const cached = replyTimes.get(inbox.id);
  if (cached && cached.until > now.getTime()) return cached.minutes;
  const result = await db.execute(sql`
    select percentile_cont(0.5) within group (order by minutes) as median, count(*)::int as sample
    from (
      select extract(epoch from c.first_response_at - c.created_at) / 60 as minutes
      from conversations c
      where c.account_id = ${inbox.accountId} and c.inbox_id = ${inbox.id} and c.first_response_at is not null and c.merged_into_id is null
      order by c.last_message_at desc limit ${REPLY_TIME_SAMPLE}
    ) answered`);
  const [row] = (result as unknown as { rows: { median: number | string | null; sample: number }[] }).rows;
  const minutes = row && row.sample >= REPLY_TIME_MIN_SAMPLE && row.median !== null ? Math.max(1, Math.ceil(Number(row.median))) : null;
  replyTimes.set(inbox.id, { minutes, until: now.getTime() + REPLY_TIME_CACHE_MS });
  return minutes;
}

/**
 * What the widget shows before anyone writes: the inbox's name, greeting and colour; whether it is within business
 * hours (and when it opens next); whether an agent is online; how long a first answer typically takes. With nobody
 * online, the widget asks for an email address so the answer can follow by email.
 */
export async function describeWidget(db: Database, inbox: ChannelInbox, now = new Date()) {
  const [row] = await db
    .select({ accountName: schema.accounts.name, hours: schema.businessHours })
    .from(schema.inboxes)
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.inboxes.accountId))
    .leftJoin(schema.businessHours, and(eq(schema.businessHours.id, schema.inboxes.businessHoursId), eq(schema.businessHours.accountId, schema.inboxes.accountId)))
    .where(eq(schema.inboxes.id, inbox.id));
  const hours = row?.hours ?? null;
  const open = isOpenAt(now, hours);
  const [agentsOnline, expectedReplyMinutes] = await Promise.all([countOnlineAgents(db, inbox, now), typicalFirstResponseMinutes(db, inbox, now)]);
  return {
    name: inbox.name,
    accountName: row?.accountName ?? '',
    greeting: inbox.config.greeting?.trim() || null,
    color: widgetColorOf(inbox),
    identityVerification: Boolean(inbox.secrets.identitySecret),
    businessHours: hours ? { open, nextOpenAt: open ? null : nextOpening(now, hours).toISOString(), timeZone: hours.timeZone } : null,
    agentsOnline: agentsOnline > 0 && open,
    expectedReplyMinutes,
  };
}
