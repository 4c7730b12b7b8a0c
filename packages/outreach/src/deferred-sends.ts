import { sql } from 'drizzle-orm';
import { createPollingWorker } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import type { createOutreach } from './outreach.ts';

type Outreach = ReturnType<typeof createOutreach>;

/**
 * Claims deferred sends whose time has come, highest priority first, moving them from `deferred` to `sending` in the
 * claim itself (FOR UPDATE SKIP LOCKED): two workers never claim the same row, so a deferred message is sent at most
 * once. A crash between the claim and the send leaves it `sending` (not sent twice; visible in outreach_sends).
 */
export async function claimDueDeferredSends(db: Database, now: Date, limit: number, accountId?: string): Promise<{ id: string; accountId: string }[]> {
  const account = accountId ? sql`and account_id = ${accountId}` : sql``;
  const result = await db.execute(sql`
    update outreach_sends set status = 'sending'
    where id in (
      select id from outreach_sends
      where status = 'deferred' and deliver_at <= ${now.toISOString()}::timestamptz ${account}
      order by priority desc, deliver_at
      limit ${limit}
      for update skip locked
    )
    returning id, account_id`);
  return (result as unknown as { rows: { id: string; account_id: string }[] }).rows.map((row) => ({ id: row.id, accountId: row.account_id }));
}

/** Sends every deferred message due by `now` (tests, and each tick of the worker); returns how many were released. */
export async function sendDueDeferredMessages(db: Database, outreach: Outreach, now: Date, accountId?: string): Promise<number> {
  let released = 0;
  for (;;) {
    const batch = await claimDueDeferredSends(db, now, 50, accountId);
    for (const row of batch) await outreach.sendDeferred(row.id, row.accountId);
    released += batch.length;
    if (batch.length < 50) return released;
  }
}

/** The background worker that sends deferred messages when their quiet hours end. */
export function createDeferredSendWorker(db: Database, outreach: Outreach, options: { intervalMs?: number; concurrency?: number; onError?: (error: unknown) => void } = {}) {
  return createPollingWorker<{ id: string; accountId: string }>({
    claim: (limit) => claimDueDeferredSends(db, new Date(), limit),
    run: async (item) => {
      await outreach.sendDeferred(item.id, item.accountId);
    },
    concurrency: options.concurrency ?? 4,
    intervalMs: options.intervalMs ?? 5_000,
    onError: options.onError,
  });
}
