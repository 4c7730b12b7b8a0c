import { sql } from 'drizzle-orm';
import type { Condition, DomainEvent } from '@touchpoint/core';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import type { Database } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { rowsOf } from './condition-evaluator.ts';
import { compileCondition, nextChangeExpression } from './condition-sql.ts';

/** The part of a segment row membership work needs. */
export interface SegmentTarget {
  id: string;
  accountId: string;
  name: string;
  kind: 'dynamic' | 'manual';
  condition: Condition | null;
}

export interface MembershipChanges {
  entered: string[];
  exited: string[];
}

/** How deep a change follows segments defined on other segments (cycles are refused when a segment is saved). */
const MAX_CASCADE_DEPTH = 5;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.filter((id) => UUID.test(id)).join(',')}}`}::uuid[]`;

const segmentColumns = sql.raw('id, account_id as "accountId", name, kind, condition');

/** Dynamic segments of the account whose dependencies share a key with `keys` (all of them when `keys` is null). */
export async function listAffectedSegments(tx: Database, accountId: string, keys: readonly string[] | null): Promise<(SegmentTarget & { dependencies: string[] })[]> {
  const overlap = keys === null ? sql`` : sql` and dependencies && ${`{${keys.map((key) => `"${key.replace(/["\\]/g, (ch) => `\\${ch}`)}"`).join(',')}}`}::text[]`;
  const result = await tx.execute(sql`select ${segmentColumns}, dependencies from segments where account_id = ${accountId}::uuid and kind = 'dynamic'${overlap}`);
  return rowsOf(result);
}

/**
 * Re-evaluates a dynamic segment for these contacts in one statement: inserts the rows of those who now match,
 * deletes the rows of those who no longer do (or were deleted or merged away), and writes each one's next re-check
 * time when a window can change the answer. Returns exactly who entered and who left (from the rows written, so two
 * evaluations racing never count anyone twice) and moves the member counter by the difference.
 */
export async function evaluateSegmentMembers(tx: Database, segment: SegmentTarget, contactIds: readonly string[], now: Date): Promise<MembershipChanges> {
  if (segment.kind !== 'dynamic' || !segment.condition || contactIds.length === 0) return { entered: [], exited: [] };
  const compiled = compileCondition(segment.condition, now);
  const ids = uuidArray(contactIds);
  const at = sql`${now.toISOString()}::timestamptz`;
  const result = await tx.execute(sql`
    with batch as (
      select c.id, coalesce((${compiled.match}), false) as m, ${nextChangeExpression(compiled, now)} as n
      from contacts c where c.account_id = ${segment.accountId}::uuid and c.id = any(${ids}) and c.merged_into_id is null
    ),
    gone as (select unnest(${ids}) as id except select id from batch),
    ins as (
      insert into segment_memberships (segment_id, account_id, contact_id, entered_at)
      select ${segment.id}::uuid, ${segment.accountId}::uuid, id, ${at} from batch where m
      on conflict do nothing returning contact_id
    ),
    del as (
      delete from segment_memberships sm where sm.segment_id = ${segment.id}::uuid
        and sm.contact_id in (select id from batch where not m union all select id from gone)
      returning contact_id
    ),
    due as (
      insert into segment_rechecks (segment_id, account_id, contact_id, due_at)
      select ${segment.id}::uuid, ${segment.accountId}::uuid, id, n from batch where n is not null
      on conflict (segment_id, contact_id) do update set due_at = excluded.due_at
      returning 1
    ),
    undue as (
      delete from segment_rechecks r where r.segment_id = ${segment.id}::uuid
        and r.contact_id in (select id from batch where n is null union all select id from gone)
      returning 1
    )
    -- PostgreSQL runs every data-modifying CTE to completion whether or not the final select reads it.
    select 'entered' as change, contact_id as "contactId" from ins
    union all select 'exited', contact_id from del`);
  const rows = rowsOf<{ change: 'entered' | 'exited'; contactId: string }>(result);
  const changes = { entered: rows.filter((r) => r.change === 'entered').map((r) => r.contactId), exited: rows.filter((r) => r.change === 'exited').map((r) => r.contactId) };
  await moveMemberCount(tx, segment.id, changes.entered.length - changes.exited.length);
  return changes;
}

export async function moveMemberCount(tx: Database, segmentId: string, delta: number) {
  if (delta !== 0) await tx.execute(sql`update segments set member_count = greatest(member_count + ${delta}, 0) where id = ${segmentId}::uuid`);
}

/**
 * Tells everyone a membership changed: `segment.entered` / `segment.exited` domain events `{ segmentId, contactId }`
 * (journeys enter on them) and the same names as customer events on each customer's timeline (touchpoint null).
 */
export async function announceMembershipChanges(tx: Database, segment: Pick<SegmentTarget, 'id' | 'accountId' | 'name'>, changes: MembershipChanges, now: Date) {
  const moves = [...changes.entered.map((contactId) => ({ contactId, type: 'segment.entered' as const })), ...changes.exited.map((contactId) => ({ contactId, type: 'segment.exited' as const }))];
  if (moves.length === 0) return;
  const domainEvents: DomainEvent[] = moves.map((move) => ({ type: move.type, accountId: segment.accountId, payload: { segmentId: segment.id, contactId: move.contactId }, audience: { kind: 'account' } }));
  await recordEvents(tx, domainEvents);
  await recordCustomerEvents(tx, segment.accountId, moves.map((move) => ({
    contactId: move.contactId,
    kind: 'system',
    name: move.type,
    properties: { segmentId: segment.id, segmentName: segment.name },
    touchpoint: null,
    source: 'system',
    occurredAt: now,
  })));
}

/**
 * Re-evaluates `segments` for `contactIds`, announces who entered and left, then follows the change to segments
 * defined on these ones ("in VIP and not in Detractors"), for the contacts that moved only.
 */
export async function refreshSegments(tx: Database, accountId: string, segments: readonly SegmentTarget[], contactIds: readonly string[], now: Date, depth = 0): Promise<MembershipChanges> {
  const total: MembershipChanges = { entered: [], exited: [] };
  for (const segment of segments) {
    const changes = await evaluateSegmentMembers(tx, segment, contactIds, now);
    await announceMembershipChanges(tx, segment, changes, now);
    total.entered.push(...changes.entered);
    total.exited.push(...changes.exited);
    await followMembershipChange(tx, accountId, segment.id, [...changes.entered, ...changes.exited], now, depth);
  }
  return total;
}

/** Re-evaluates the segments whose condition names `segmentId`, for the contacts whose membership in it changed. */
export async function followMembershipChange(tx: Database, accountId: string, segmentId: string, contactIds: readonly string[], now: Date, depth = 0) {
  if (contactIds.length === 0 || depth >= MAX_CASCADE_DEPTH) return;
  const dependents = await listAffectedSegments(tx, accountId, [`segment:${segmentId}`]);
  if (dependents.length > 0) await refreshSegments(tx, accountId, dependents, contactIds, now, depth + 1);
}
