import { expect, vi } from 'vitest';
import { getTestDatabase } from './test-database.ts';

/**
 * Waits until every event of the account is published. Sinks (automation rules, webhook and channel queues) run in
 * the transaction that publishes the event they react to and write their own events in it, so an empty queue means
 * every chain has ended.
 */
export async function eventsSettled(accountId: string): Promise<void> {
  const database = await getTestDatabase();
  await vi.waitFor(async () => {
    const pending = await database.query<{ count: number }>('select count(*)::int as count from outbox where account_id = $1 and published_at is null', [accountId]);
    expect(pending.rows[0]?.count).toBe(0);
  }, { timeout: 10_000 });
}
