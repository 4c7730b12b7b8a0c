import { sql } from 'drizzle-orm';
import { type Condition, createPollingWorker } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { rowsOf } from './condition-evaluator.ts';
import { compileCondition, nextChangeExpression } from './condition-sql.ts';
import { type SegmentTarget, moveMemberCount, refreshSegments, uuidArray } from './membership.ts';

export const BUILD_BATCH_SIZE = 5_000;
export const RECHECK_BATCH_SIZE = 500;

/**
 * Builds one batch of one building segment: the next `batchSize` contacts after the segment's cursor (by id),
 * evaluated in one statement, membership rows written and stale ones (contacts in that id range no longer matching,
 * deleted or merged) removed. The segment row is locked for the batch (SKIP LOCKED: nodes build different segments),
 * so an edit that restarts the build waits for the batch and the next batch starts over with the new condition.
 * A build does not announce segment.entered for everyone already matching (a new segment is not a behaviour);
 * changes after the build are announced as they happen. Returns false when no segment is building.
 */
export async function buildSegmentStep(db: Database, now = new Date(), batchSize = BUILD_BATCH_SIZE): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [segment] = rowsOf<SegmentTarget & { cursor: string | null }>(await tx.execute(sql`
      select id, account_id as "accountId", name, kind, condition, build_cursor as cursor from segments
      where build_status = 'building' order by updated_at limit 1 for update skip locked`));
    if (!segment) return false;
    const after = segment.cursor ? sql`and c.id > ${segment.cursor}::uuid` : sql``;
    const [edge] = rowsOf<{ last: string | null; n: number }>(await tx.execute(sql`
      select max(id::text)::uuid as last, count(*)::int as n from (
        select c.id from contacts c where c.account_id = ${segment.accountId}::uuid ${after} order by c.id limit ${batchSize}) b`));
    const last = edge?.last ?? null;
    const finished = (edge?.n ?? 0) < batchSize;
    const upTo = finished ? sql`` : sql`and c.id <= ${last}::uuid`;
    const membersUpTo = finished ? sql`` : sql`and sm.contact_id <= ${last}::uuid`;
    const membersAfter = segment.cursor ? sql`and sm.contact_id > ${segment.cursor}::uuid` : sql``;
    const compiled = compileCondition(segment.condition as Condition, now);
    const result = await tx.execute(sql`
      with batch as (
        select c.id, (${compiled.match}) as m, ${nextChangeExpression(compiled, now)} as n
        from contacts c where c.account_id = ${segment.accountId}::uuid and c.merged_into_id is null ${after} ${upTo}
      ),
      ins as (
        insert into segment_memberships (segment_id, account_id, contact_id, entered_at)
        select ${segment.id}::uuid, ${segment.accountId}::uuid, id, ${now.toISOString()}::timestamptz from batch where m
        on conflict do nothing returning contact_id
      ),
      del as (
        delete from segment_memberships sm where sm.segment_id = ${segment.id}::uuid ${membersAfter} ${membersUpTo}
          and not exists (select 1 from batch where batch.id = sm.contact_id and batch.m)
        returning contact_id
      ),
      due as (
        insert into segment_rechecks (segment_id, account_id, contact_id, due_at)
        select ${segment.id}::uuid, ${segment.accountId}::uuid, id, n from batch where n is not null
        on conflict (segment_id, contact_id) do update set due_at = excluded.due_at returning 1
      )
      select (select count(*) from ins)::int as entered, (select count(*) from del)::int as exited`);
    const counts = rowsOf<{ entered: number; exited: number }>(result)[0] ?? { entered: 0, exited: 0 };
    await moveMemberCount(tx, segment.id, counts.entered - counts.exited);
    await tx.execute(sql`
      update segments set build_cursor = ${finished ? null : last}::uuid, build_done = build_done + ${edge?.n ?? 0},
        build_total = greatest(build_total, build_done + ${edge?.n ?? 0}), build_status = ${finished ? 'ready' : 'building'}
      where id = ${segment.id}::uuid`);
    return true;
  });
}

/** Builds every building segment to the end (tests, the demo loader, the bench). */
export async function buildAllSegments(db: Database, now = new Date(), batchSize = BUILD_BATCH_SIZE) {
  while (await buildSegmentStep(db, now, batchSize));
}

/**
 * Re-evaluates memberships whose window may have moved ("3 orders in the last 30 days" after the oldest of them is
 * 30 days old): up to `limit` due re-checks, claimed with SKIP LOCKED, evaluated per segment in one statement each,
 * with segment.entered / exited announced. Each evaluation writes the contact's next re-check time (or none).
 * Returns how many re-checks ran.
 */
export async function recheckDueMembers(db: Database, now = new Date(), limit = RECHECK_BATCH_SIZE): Promise<number> {
  return db.transaction(async (tx) => {
    const due = rowsOf<{ segmentId: string; contactId: string }>(await tx.execute(sql`
      select segment_id as "segmentId", contact_id as "contactId" from segment_rechecks
      where due_at <= ${now.toISOString()}::timestamptz order by due_at limit ${limit} for update skip locked`));
    if (due.length === 0) return 0;
    const bySegment = new Map<string, string[]>();
    for (const row of due) bySegment.set(row.segmentId, [...(bySegment.get(row.segmentId) ?? []), row.contactId]);
    const segments = rowsOf<SegmentTarget>(await tx.execute(sql`select id, account_id as "accountId", name, kind, condition from segments where id = any(${uuidArray([...bySegment.keys()])})`));
    for (const segment of segments) {
      const contactIds = bySegment.get(segment.id) ?? [];
      await refreshSegments(tx, segment.accountId, [segment], contactIds, now);
    }
    return due.length;
  });
}

/**
 * The segment worker every node runs: builds (one batch per tick per free slot) and due re-checks. Both claim with
 * SKIP LOCKED, so nodes share the work.
 */
export function createSegmentWorker(db: Database, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}) {
  type Item = 'build' | 'recheck';
  return createPollingWorker<Item>({
    async claim(limit, busyKeys) {
      const items: Item[] = [];
      if (!busyKeys.includes('build')) items.push('build');
      if (!busyKeys.includes('recheck')) items.push('recheck');
      return items.slice(0, limit);
    },
    async run(item) {
      const now = new Date();
      if (item === 'build') {
        // A few batches per tick, so a large build shows steady progress without holding a slot for minutes.
        for (let i = 0; i < 10 && (await buildSegmentStep(db, now)); i++);
      } else {
        while ((await recheckDueMembers(db, now)) === RECHECK_BATCH_SIZE);
      }
    },
    keyOf: (item) => item,
    perKeyConcurrency: 1,
    concurrency: 2,
    intervalMs: options.intervalMs ?? 1_000,
    onError: options.onError,
  });
}

