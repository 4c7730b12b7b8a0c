import { sql } from 'drizzle-orm';
import type { PublishedEvent } from '@touchpoint/core';
import { loadRecordedEvents } from '@touchpoint/customer-events';
import type { Database } from '@touchpoint/db';
import type { EventSink } from '@touchpoint/events';
import { rowsOf } from './condition-evaluator.ts';
import { listEventKeys, listFieldKeys } from './dependencies.ts';
import { type SegmentTarget, announceMembershipChanges, followMembershipChange, listAffectedSegments, moveMemberCount, refreshSegments } from './membership.ts';

/** Contacts and the dependency keys an event touches for each of them; `null` keys: every dynamic segment. */
type Touched = Map<string, Set<string> | null>;

function touch(touched: Touched, contactId: unknown, keys: readonly string[] | null) {
  if (typeof contactId !== 'string') return;
  const current = touched.get(contactId);
  if (keys === null || current === null) touched.set(contactId, null);
  else touched.set(contactId, new Set([...(current ?? []), ...keys]));
}

/**
 * Live membership: the outbox sink that keeps dynamic segments up to date as things happen, for the customers
 * concerned only. Each input maps to dependency keys (dependencies.ts), and only segments sharing one are
 * re-evaluated, each in one statement for all the contacts of the batch:
 * - `customer_event.recorded`: `event:<name>` per event and `events:any` (first/last seen);
 * - `contact.updated`: `field:<field>` per changed field (`field:attributes` for custom attributes);
 * - `contact.created`, `contact.identified` (anonymous events now theirs), `contact.unmerged`: every dynamic
 *   segment, for that contact (a new or changed profile can match a condition on anything);
 * - `order.placed` / `order.updated`: `orders` (order count, lifetime value);
 * - `contact.merged`: the duplicate leaves every segment (its manual lists pass to the survivor), the survivor is
 *   re-evaluated against every dynamic segment (it now has the duplicate's events and orders);
 * - `contact.deleted`: the contact leaves every segment.
 * Entering and leaving emit segment.entered / segment.exited (membership.ts) in the same transaction.
 */
export function createSegmentSink(options: { now?: () => Date; onError?: (error: unknown, accountId: string) => void } = {}): EventSink {
  const clock = options.now ?? (() => new Date());
  // Each account's work runs in a savepoint: a failure is reported and rolled back without holding up the outbox
  // (those contacts are right again at their next event, re-check or rebuild).
  const guarded = async (tx: Database, accountId: string, work: (savepoint: Database) => Promise<void>) => {
    try {
      await tx.transaction(work);
    } catch (error) {
      options.onError?.(error, accountId);
    }
  };
  return async (tx: Database, events: PublishedEvent[]) => {
    const now = clock();
    // One dispatcher batch (up to a few hundred events) is re-evaluated once per account and segment: a contact
    // touched by ten events in the batch is evaluated once, against the state after all of them.
    const touchedByAccount = new Map<string, Touched>();
    for (const event of events) {
      let touched = touchedByAccount.get(event.accountId);
      if (!touched) touchedByAccount.set(event.accountId, (touched = new Map()));
      switch (event.type) {
        case 'customer_event.recorded': {
          const byContact = new Map<string, string[]>();
          for (const recorded of await loadRecordedEvents(tx, event, events)) {
            if (recorded.contactId) byContact.set(recorded.contactId, [...(byContact.get(recorded.contactId) ?? []), recorded.name]);
          }
          for (const [contactId, names] of byContact) touch(touched, contactId, listEventKeys(names));
          break;
        }
        case 'contact.updated':
          touch(touched, event.payload.contactId, listFieldKeys(Array.isArray(event.payload.fields) ? event.payload.fields.filter((f): f is string => typeof f === 'string') : ['attributes']));
          break;
        case 'contact.created':
        case 'contact.identified':
        case 'contact.unmerged':
          touch(touched, event.payload.contactId, null);
          break;
        case 'order.placed':
        case 'order.updated':
          touch(touched, event.payload.contactId, ['orders']);
          break;
        case 'contact.merged':
          if (typeof event.payload.duplicateId === 'string' && typeof event.payload.contactId === 'string') {
            touched.delete(event.payload.duplicateId);
            const { duplicateId, contactId } = event.payload;
            await guarded(tx, event.accountId, (sp) => leaveAllSegments(sp, event.accountId, duplicateId, now, contactId));
          }
          touch(touched, event.payload.contactId, null);
          break;
        case 'contact.deleted':
          if (typeof event.payload.contactId === 'string') {
            touched.delete(event.payload.contactId);
            const contactId = event.payload.contactId;
            await guarded(tx, event.accountId, (sp) => leaveAllSegments(sp, event.accountId, contactId, now, null));
          }
          break;
        default:
          break;
      }
    }
    for (const [accountId, touched] of touchedByAccount) {
      if (touched.size > 0) await guarded(tx, accountId, (sp) => refreshTouched(sp, accountId, touched, now));
    }
  };
}

async function refreshTouched(tx: Database, accountId: string, touched: Touched, now: Date) {
  const everything = [...touched.values()].some((keys) => keys === null);
  const allKeys = everything ? null : [...new Set([...touched.values()].flatMap((keys) => [...(keys ?? [])]))];
  const segments = await listAffectedSegments(tx, accountId, allKeys);
  for (const segment of segments) {
    const contactIds = [...touched].filter(([, keys]) => keys === null || segment.dependencies.some((key) => keys.has(key))).map(([contactId]) => contactId);
    if (contactIds.length > 0) await refreshSegments(tx, accountId, [segment], contactIds, now);
  }
}

/**
 * Removes a contact from every segment (a deleted contact, a merged-away duplicate) with segment.exited announced;
 * for a merge, the duplicate's manual lists pass to the survivor (`keptId`).
 */
async function leaveAllSegments(tx: Database, accountId: string, contactId: string, now: Date, keptId: string | null) {
  const left = rowsOf<SegmentTarget>(await tx.execute(sql`
    with del as (delete from segment_memberships where account_id = ${accountId}::uuid and contact_id = ${contactId}::uuid returning segment_id)
    select s.id, s.account_id as "accountId", s.name, s.kind, s.condition from segments s join del on del.segment_id = s.id`));
  await tx.execute(sql`delete from segment_rechecks where account_id = ${accountId}::uuid and contact_id = ${contactId}::uuid`);
  for (const segment of left) {
    await moveMemberCount(tx, segment.id, -1);
    await announceMembershipChanges(tx, segment, { entered: [], exited: [contactId] }, now);
    await followMembershipChange(tx, accountId, segment.id, [contactId], now);
    if (keptId && segment.kind === 'manual') {
      const added = rowsOf(await tx.execute(sql`
        insert into segment_memberships (segment_id, account_id, contact_id, entered_at) values (${segment.id}::uuid, ${accountId}::uuid, ${keptId}::uuid, ${now.toISOString()}::timestamptz)
        on conflict do nothing returning contact_id`));
      if (added.length > 0) {
        await moveMemberCount(tx, segment.id, 1);
        await announceMembershipChanges(tx, segment, { entered: [keptId], exited: [] }, now);
        await followMembershipChange(tx, accountId, segment.id, [keptId], now);
      }
    }
  }
}
