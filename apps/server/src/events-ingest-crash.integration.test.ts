import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createAccount, createApiKey, createUser } from '@touchpoint/accounts';
import { type DatabaseHandle, migrateDatabase, openDatabase, schema } from '@touchpoint/db';
import { findFreePort, killServer, type ServerProcess, spawnServer, waitUntilReady } from './testing/server-process.ts';

const databaseUrl = inject('databaseUrl');
const redisUrl = inject('redisUrl');

// A real server process killed with SIGKILL mid-ingest: only the integration tier (PostgreSQL) can outlive it.
describe.skipIf(!databaseUrl || !redisUrl)('killing the server during event ingest', () => {
  let handle: DatabaseHandle;
  let server: ServerProcess;
  let accountId = '';
  let key = '';
  const env = async () => ({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, DATABASE_POOL_SIZE: '4', DEMO_DATA: 'never', JOBS: 'false', LOG_LEVEL: 'warn', PORT: String(await findFreePort()) });

  beforeAll(async () => {
    handle = await openDatabase({ kind: 'server', url: databaseUrl, poolSize: 2 });
    await migrateDatabase(handle);
    const tag = randomUUID().slice(0, 8);
    const admin = await createUser(handle.db, { email: `crash-${tag}@example.test`, name: 'Crash Admin', password: 'kill nine, lose none' });
    accountId = (await createAccount(handle.db, { name: `Crash ${tag}`, adminUserId: admin.id })).id;
    key = (await createApiKey(handle.db, { accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } }, { name: 'Ingest' })).key;
  }, 60_000);
  afterAll(async () => {
    if (server) await killServer(server, 'SIGTERM');
    await handle?.close();
  });

  it('keeps every acknowledged event exactly once, and a client retrying the unacknowledged batches adds each once', async () => {
    server = spawnServer(await env());
    await waitUntilReady(server);
    const batches = Array.from({ length: 60 }, (_, b) => Array.from({ length: 100 }, (_, i) => ({ type: 'track', messageId: `crash-${b}-${i}`, userId: `user-${i % 37}`, event: 'Clicked', timestamp: new Date(Date.now() - i * 1000).toISOString() })));
    const acknowledged: string[] = [];
    const post = async (url: string, batch: (typeof batches)[number]) => {
      const response = await fetch(`${url}/api/v1/accounts/${accountId}/events/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ batch }) });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      return response.json() as Promise<{ accepted: number; duplicates: number }>;
    };
    let sent = 0;
    const unacknowledged: number[] = [];
    const senders = Array.from({ length: 4 }, async (_, lane) => {
      for (let b = lane; b < batches.length; b += 4) {
        sent += 1;
        if (sent === 24) void killServer(server, 'SIGKILL');
        try {
          await post(server.url, batches[b]!);
          acknowledged.push(...batches[b]!.map((item) => item.messageId));
        } catch {
          unacknowledged.push(b);
        }
      }
    });
    await Promise.all(senders);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(unacknowledged.length).toBeGreaterThan(0);

    server = spawnServer(await env());
    await waitUntilReady(server);
    const stored = async (ids: string[]) => {
      const rows = await handle.db
        .select({ messageId: schema.customerEvents.messageId, copies: sql<number>`count(*)::int` })
        .from(schema.customerEvents)
        .where(and(eq(schema.customerEvents.accountId, accountId), inArray(schema.customerEvents.messageId, ids)))
        .groupBy(schema.customerEvents.messageId);
      return rows;
    };
    const afterCrash = await stored(acknowledged);
    expect(afterCrash).toHaveLength(acknowledged.length);
    expect(afterCrash.every((row) => row.copies === 1)).toBe(true);

    // The client retries what was never acknowledged (some of it may have committed before the kill).
    for (const b of unacknowledged) await post(server.url, batches[b]!);
    const all = batches.flat().map((item) => item.messageId);
    const final = await stored(all);
    expect(final).toHaveLength(all.length);
    expect(final.every((row) => row.copies === 1)).toBe(true);
    // Event counts are folded in by the outbox sink after commit; a claim cut off by the kill rolled back and ran
    // again on the new server, so once the account's outbox is drained every event counts exactly once.
    await vi.waitFor(async () => {
      const [pending] = await handle.db.select({ count: sql<number>`count(*)::int` }).from(schema.outbox).where(and(eq(schema.outbox.accountId, accountId), sql`${schema.outbox.publishedAt} is null`));
      expect(pending!.count).toBe(0);
    }, { timeout: 30_000, interval: 100 });
    const [traits] = await handle.db.select({ total: sql<number>`sum(event_count)::int` }).from(schema.contactTraits).where(eq(schema.contactTraits.accountId, accountId));
    expect(traits!.total).toBe(all.length);
  }, 120_000);
});
