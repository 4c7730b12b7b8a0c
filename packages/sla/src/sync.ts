import { and, type AnyColumn, asc, eq, inArray, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import { type AccountScope, type DomainEvent, notFound } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { listVisibleInboxIds } from '@touchpoint/accounts';
import { type BusinessHoursSpec, businessMinutesBetween } from './business-time.ts';
import {
  type ClockState, dueOf, FINISHED_STATUSES, isSameClockState, isTargetActive, PAUSING_STATUSES, planClockState, SLA_TARGETS, type SlaTarget, targetMinutes,
} from './clock.ts';

export interface PolicyConditions {
  priorities?: string[];
  channels?: string[];
  labelIds?: string[];
  inboxIds?: string[];
}

/** Empty or missing lists match anything; labels match when the conversation has any one of them. */
export function matchesConditions(conditions: PolicyConditions, c: { priority: string; channel: string; inboxId: string; labelIds: string[] }): boolean {
  const allows = (list: string[] | undefined, value: string) => !list || list.length === 0 || list.includes(value);
  if (!allows(conditions.priorities, c.priority)) return false;
  if (!allows(conditions.channels, c.channel)) return false;
  if (!allows(conditions.inboxIds, c.inboxId)) return false;
  if (conditions.labelIds && conditions.labelIds.length > 0 && !conditions.labelIds.some((id) => c.labelIds.includes(id))) return false;
  return true;
}

async function loadHours(db: Database, accountId: string, ids: (string | null)[]): Promise<Map<string, BusinessHoursSpec>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: schema.businessHours.id, timeZone: schema.businessHours.timeZone, weekly: schema.businessHours.weekly, holidays: schema.businessHours.holidays })
    .from(schema.businessHours)
    .where(and(eq(schema.businessHours.accountId, accountId), inArray(schema.businessHours.id, wanted)));
  return new Map(rows.map((row) => [row.id, { timeZone: row.timeZone, weekly: row.weekly, holidays: row.holidays }]));
}

/** Business hours of a conversation: the policy's, else its inbox's, else its team's, else none (24/7). */
const hoursIdOf = (policyHoursId: string | null, inboxHoursId: string | null, teamHoursId: string | null) => policyHoursId ?? inboxHoursId ?? teamHoursId;

const clockStateOf = (row: typeof schema.conversationSlas.$inferSelect): ClockState => ({
  policyId: row.policyId,
  firstResponseDueAt: row.firstResponseDueAt,
  nextResponseDueAt: row.nextResponseDueAt,
  resolutionDueAt: row.resolutionDueAt,
  pausedAt: row.pausedAt,
  pausedRemaining: row.pausedRemaining as ClockState['pausedRemaining'],
});

/**
 * Brings a conversation's SLA clocks up to date with its current row. THE contract with the conversations package:
 * call it inside every transaction that changes a conversation (created, inbound message, agent reply, status,
 * priority, label, inbox or team change), after the change, with the transaction's `now`.
 *
 * Derives everything from the row: the first enabled policy (by position) whose conditions match applies; no match
 * removes the conversation's SLA. Idempotent: a second call with the same row writes nothing. Emits `sla.applied`
 * when a policy starts to apply (or another one replaces it).
 */
export async function syncConversationSla(tx: Database, accountId: string, conversationId: string, now: Date): Promise<void> {
  const [conversation] = await tx
    .select({
      id: schema.conversations.id,
      status: schema.conversations.status,
      priority: schema.conversations.priority,
      createdAt: schema.conversations.createdAt,
      firstResponseAt: schema.conversations.firstResponseAt,
      waitingSince: schema.conversations.waitingSince,
      inboxId: schema.conversations.inboxId,
      channel: schema.inboxes.channel,
      inboxHoursId: schema.inboxes.businessHoursId,
      teamHoursId: schema.teams.businessHoursId,
    })
    .from(schema.conversations)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
    .leftJoin(schema.teams, and(eq(schema.teams.id, schema.conversations.teamId), eq(schema.teams.accountId, accountId)))
    .where(and(eq(schema.conversations.accountId, accountId), eq(schema.conversations.id, conversationId)));
  if (!conversation) return;

  const labels = await tx
    .select({ labelId: schema.conversationLabels.labelId })
    .from(schema.conversationLabels)
    .where(and(eq(schema.conversationLabels.accountId, accountId), eq(schema.conversationLabels.conversationId, conversationId)));
  const policies = await tx
    .select()
    .from(schema.slaPolicies)
    .where(and(eq(schema.slaPolicies.accountId, accountId), eq(schema.slaPolicies.enabled, true)))
    .orderBy(asc(schema.slaPolicies.position), asc(schema.slaPolicies.createdAt));
  const [existing] = await tx
    .select()
    .from(schema.conversationSlas)
    .where(and(eq(schema.conversationSlas.accountId, accountId), eq(schema.conversationSlas.conversationId, conversationId)))
    .for('update');

  const labelIds = labels.map((row) => row.labelId);
  const policy = policies.find((p) => matchesConditions(p.conditions, { ...conversation, labelIds }));
  if (!policy) {
    if (existing) await tx.delete(schema.conversationSlas).where(and(eq(schema.conversationSlas.accountId, accountId), eq(schema.conversationSlas.conversationId, conversationId)));
    return;
  }

  const hoursId = hoursIdOf(policy.businessHoursId, conversation.inboxHoursId, conversation.teamHoursId);
  const hours = hoursId ? ((await loadHours(tx, accountId, [hoursId])).get(hoursId) ?? null) : null;
  const previous = existing ? clockStateOf(existing) : null;
  const next = planClockState(previous, policy, hours, conversation, now);
  if (previous && isSameClockState(previous, next)) return;

  const values = { ...next, pausedRemaining: next.pausedRemaining as Record<string, number> | null, updatedAt: now };
  if (existing) {
    await tx.update(schema.conversationSlas).set(values).where(and(eq(schema.conversationSlas.accountId, accountId), eq(schema.conversationSlas.conversationId, conversationId)));
  } else {
    await tx.insert(schema.conversationSlas).values({ conversationId, accountId, ...values });
  }
  if (!previous || previous.policyId !== policy.id) {
    await recordEvents(tx, [
      { type: 'sla.applied', accountId, payload: { conversationId, policyId: policy.id, policyName: policy.name }, audience: { kind: 'inbox', inboxId: conversation.inboxId } },
    ]);
  }
}

export type SlaState = 'met' | 'ok' | 'due_soon' | 'breached' | 'paused';

export interface SlaTargetView {
  target: SlaTarget;
  /** Null while paused (the clock has no due time until it restarts) and for a next response nobody is waiting for. */
  dueAt: string | null;
  state: SlaState;
  /** Business minutes left (paused: left when paused); negative when breached and still running; null when over. */
  remainingMinutes: number | null;
}

export interface ConversationSlaView {
  policyId: string;
  policyName: string;
  targets: SlaTargetView[];
}

/** Due soon: within 15 business minutes, or within 10 % of the target, whichever is longer. */
export const isDueSoon = (remainingMinutes: number, targetMinutes: number) => remainingMinutes <= Math.max(15, targetMinutes * 0.1);

/**
 * SLA indicators for conversations of one account, for the inbox list and the conversation view. Conversations with
 * no policy applied are absent from the answer. `met` = achieved within target; `breached` = missed, whether still
 * running or achieved late.
 */
export async function describeConversationSla(db: Database, accountId: string, conversationIds: string[], now: Date): Promise<Record<string, ConversationSlaView>> {
  if (conversationIds.length === 0) return {};
  const rows = await db
    .select({
      sla: schema.conversationSlas,
      policyName: schema.slaPolicies.name,
      firstResponseMinutes: schema.slaPolicies.firstResponseMinutes,
      nextResponseMinutes: schema.slaPolicies.nextResponseMinutes,
      resolutionMinutes: schema.slaPolicies.resolutionMinutes,
      policyHoursId: schema.slaPolicies.businessHoursId,
      status: schema.conversations.status,
      createdAt: schema.conversations.createdAt,
      firstResponseAt: schema.conversations.firstResponseAt,
      waitingSince: schema.conversations.waitingSince,
      resolvedAt: schema.conversations.resolvedAt,
      inboxHoursId: schema.inboxes.businessHoursId,
      teamHoursId: schema.teams.businessHoursId,
    })
    .from(schema.conversationSlas)
    .innerJoin(schema.slaPolicies, eq(schema.slaPolicies.id, schema.conversationSlas.policyId))
    .innerJoin(schema.conversations, eq(schema.conversations.id, schema.conversationSlas.conversationId))
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
    .leftJoin(schema.teams, and(eq(schema.teams.id, schema.conversations.teamId), eq(schema.teams.accountId, accountId)))
    .where(and(eq(schema.conversationSlas.accountId, accountId), inArray(schema.conversationSlas.conversationId, [...new Set(conversationIds)])));

  const hoursById = await loadHours(db, accountId, rows.map((row) => hoursIdOf(row.policyHoursId, row.inboxHoursId, row.teamHoursId)));
  const result: Record<string, ConversationSlaView> = {};
  for (const row of rows) {
    const hoursId = hoursIdOf(row.policyHoursId, row.inboxHoursId, row.teamHoursId);
    const hours = hoursId ? (hoursById.get(hoursId) ?? null) : null;
    const targets: SlaTargetView[] = [];
    for (const target of SLA_TARGETS) {
      const minutes = targetMinutes(row, target);
      if (minutes === null) continue;
      if (target === 'next_response' && row.firstResponseAt === null) continue;
      targets.push(describeTarget(target, minutes, row.sla, row, hours, now));
    }
    result[row.sla.conversationId] = { policyId: row.sla.policyId, policyName: row.policyName, targets };
  }
  return result;
}

function describeTarget(
  target: SlaTarget,
  minutes: number,
  sla: typeof schema.conversationSlas.$inferSelect,
  c: { status: string; createdAt: Date; firstResponseAt: Date | null; waitingSince: Date | null; resolvedAt: Date | null },
  hours: BusinessHoursSpec | null,
  now: Date,
): SlaTargetView {
  const due = dueOf(sla, target);
  const dueAt = due?.toISOString() ?? null;
  const recorded = dueAt !== null && sla.breaches.some((b) => b.target === target && b.dueAt === dueAt);
  if (!due) return { target, dueAt: null, state: 'met', remainingMinutes: null };
  if (!isTargetActive(target, c)) {
    const doneAt = target === 'first_response' ? c.firstResponseAt : target === 'resolution' ? c.resolvedAt : null;
    const late = recorded || (doneAt !== null && doneAt.getTime() > due.getTime());
    return { target, dueAt, state: late ? 'breached' : 'met', remainingMinutes: null };
  }
  if (sla.pausedAt && PAUSING_STATUSES.includes(c.status)) {
    const remaining = (sla.pausedRemaining as Partial<Record<SlaTarget, number>> | null)?.[target];
    if (remaining === undefined) return { target, dueAt, state: 'breached', remainingMinutes: null };
    return { target, dueAt: null, state: 'paused', remainingMinutes: Math.ceil(remaining) };
  }
  const remaining = businessMinutesBetween(now, due, hours);
  if (remaining <= 0 || recorded) return { target, dueAt, state: 'breached', remainingMinutes: Math.floor(remaining) };
  return { target, dueAt, state: isDueSoon(remaining, minutes) ? 'due_soon' : 'ok', remainingMinutes: Math.ceil(remaining) };
}

export interface SlaBreach {
  accountId: string;
  conversationId: string;
  inboxId: string;
  target: SlaTarget;
  dueAt: string;
}

const BREACH_BATCH = 500;

const isoOf = (column: AnyColumn) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const notRecorded = (target: SlaTarget, column: AnyColumn) =>
  sql`not (${schema.conversationSlas.breaches} @> jsonb_build_array(jsonb_build_object('target', ${target}::text, 'dueAt', ${isoOf(column)})))`;

/**
 * Finds clocks that ran out by `now` (in every account), records each breach once in `conversation_slas.breaches`
 * and emits `sla.breached` { conversationId, target, dueAt, policyId } to the conversation's inbox. A breach is keyed
 * by target and due time, so it is never emitted twice; a new due time (a new wait for a reply) can breach again.
 * Run it every minute (the `sla.detect-breaches` schedule); safe to run on several nodes at once.
 */
export async function detectSlaBreaches(db: Database, now: Date): Promise<SlaBreach[]> {
  const found: SlaBreach[] = [];
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const s = schema.conversationSlas;
      const c = schema.conversations;
      const rows = await tx
        .select({ sla: s, inboxId: c.inboxId, createdAt: c.createdAt, firstResponseAt: c.firstResponseAt, waitingSince: c.waitingSince, status: c.status })
        .from(s)
        .innerJoin(c, eq(c.id, s.conversationId))
        .where(
          and(
            isNull(s.pausedAt),
            // Matches the partial index conversation_slas_next_due_idx, so the scan reads only clocks already due.
            sql`least(${s.firstResponseDueAt}, ${s.nextResponseDueAt}, ${s.resolutionDueAt}) <= ${now.toISOString()}::timestamptz`,
            notInArray(c.status, [...FINISHED_STATUSES, ...PAUSING_STATUSES]),
            or(
              and(lte(s.firstResponseDueAt, now), isNull(c.firstResponseAt), notRecorded('first_response', s.firstResponseDueAt)),
              and(lte(s.nextResponseDueAt, now), sql`${c.waitingSince} is not null`, sql`${c.firstResponseAt} is not null`, notRecorded('next_response', s.nextResponseDueAt)),
              and(lte(s.resolutionDueAt, now), notRecorded('resolution', s.resolutionDueAt)),
            ),
          ),
        )
        .limit(BREACH_BATCH)
        .for('update', { of: s, skipLocked: true });
      const breaches: SlaBreach[] = [];
      const events: DomainEvent[] = [];
      for (const row of rows) {
        const added: { target: string; dueAt: string; at: string }[] = [];
        for (const target of SLA_TARGETS) {
          const due = dueOf(row.sla, target);
          if (!due || due.getTime() > now.getTime() || !isTargetActive(target, row)) continue;
          const dueAt = due.toISOString();
          if (row.sla.breaches.some((b) => b.target === target && b.dueAt === dueAt)) continue;
          added.push({ target, dueAt, at: now.toISOString() });
          breaches.push({ accountId: row.sla.accountId, conversationId: row.sla.conversationId, inboxId: row.inboxId, target, dueAt });
          events.push({
            type: 'sla.breached',
            accountId: row.sla.accountId,
            payload: { conversationId: row.sla.conversationId, target, dueAt, policyId: row.sla.policyId },
            audience: { kind: 'inbox', inboxId: row.inboxId },
          });
        }
        if (added.length === 0) continue;
        await tx
          .update(s)
          .set({ breaches: sql`${s.breaches} || ${JSON.stringify(added)}::jsonb`, updatedAt: now })
          .where(and(eq(s.accountId, row.sla.accountId), eq(s.conversationId, row.sla.conversationId)));
      }
      await recordEvents(tx, events);
      return { rows: rows.length, breaches };
    });
    found.push(...batch.breaches);
    if (batch.rows < BREACH_BATCH || batch.breaches.length === 0) return found;
  }
}

/**
 * One conversation's SLA for a member of the account; a conversation outside the inboxes they work in answers 404,
 * as if it did not exist. No policy applied answers nulls and no targets.
 */
export async function describeVisibleConversationSla(db: Database, scope: AccountScope, conversationId: string, now: Date) {
  const [conversation] = await db
    .select({ inboxId: schema.conversations.inboxId })
    .from(schema.conversations)
    .where(and(eq(schema.conversations.accountId, scope.accountId), eq(schema.conversations.id, conversationId)));
  if (!conversation || !(await listVisibleInboxIds(db, scope)).includes(conversation.inboxId)) throw notFound('conversation');
  const views = await describeConversationSla(db, scope.accountId, [conversationId], now);
  return views[conversationId] ?? { policyId: null, policyName: null, targets: [] };
}
