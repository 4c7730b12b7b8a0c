import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { createAccount, createUser } from '@touchpoint/accounts';
import { type DatabaseHandle, migrateDatabase, openDatabase, schema } from '@touchpoint/db';
import { findFreePort, type HttpSession, killServer, type ServerProcess, signInOverHttp, spawnServer, waitUntilReady } from './testing/server-process.ts';

const databaseUrl = inject('databaseUrl');
const redisUrl = inject('redisUrl');
const PASSWORD = 'two nodes, one database';

interface RealtimeEvent {
  type: string;
  accountId: string;
  payload: Record<string, unknown>;
}

/** Opens the realtime socket as a signed-in person and collects the events it receives. */
async function openRealtime(baseUrl: string, who: HttpSession) {
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/realtime`, { headers: { cookie: who.cookie, origin: baseUrl } });
  const events: RealtimeEvent[] = [];
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; event?: RealtimeEvent };
      if (message.type === 'ready') resolve();
      if (message.type === 'event' && message.event) events.push(message.event);
    });
  });
  return { socket, events };
}

async function waitFor(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

// Needs a PostgreSQL server and Redis shared by two processes: only the integration tier (TEST_DATABASE_URL,
// TEST_REDIS_URL) has them. The embedded database cannot be shared between processes at all (see lock-file.ts).
describe.skipIf(!databaseUrl || !redisUrl)('two server nodes on one PostgreSQL and one Redis', () => {
  let handle: DatabaseHandle;
  const nodes: ServerProcess[] = [];
  const sockets: WebSocket[] = [];
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  const tag = randomUUID().slice(0, 8);
  const admin = { email: `two-nodes-admin-${tag}@example.test`, accountId: '' };
  const stranger = { email: `two-nodes-stranger-${tag}@example.test`, accountId: '' };

  beforeAll(async () => {
    handle = await openDatabase({ kind: 'server', url: databaseUrl, poolSize: 2 });
    await migrateDatabase(handle);
    const adminUser = await createUser(handle.db, { email: admin.email, name: 'Node Admin', password: PASSWORD });
    admin.accountId = (await createAccount(handle.db, { name: `Two nodes ${tag}`, purposeStatement: 'Before', adminUserId: adminUser.id })).id;
    const otherAdmin = await createUser(handle.db, { email: `two-nodes-other-${tag}@example.test`, name: 'Other Admin', password: PASSWORD });
    stranger.accountId = (await createAccount(handle.db, { name: `Elsewhere ${tag}`, adminUserId: otherAdmin.id })).id;
    const strangerUser = await createUser(handle.db, { email: stranger.email, name: 'Stranger Agent', password: PASSWORD });
    await handle.db.insert(schema.memberships).values({ accountId: stranger.accountId, userId: strangerUser.id, role: 'agent' });

    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, DATABASE_POOL_SIZE: '3', DEMO_DATA: 'never', JOBS: 'false', LOG_LEVEL: 'warn' };
    nodeA = spawnServer({ ...env, PORT: String(await findFreePort()) });
    nodes.push(nodeA);
    nodeB = spawnServer({ ...env, PORT: String(await findFreePort()) });
    nodes.push(nodeB);
    await Promise.all([waitUntilReady(nodeA), waitUntilReady(nodeB)]);
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await Promise.all(nodes.map((node) => killServer(node, 'SIGTERM')));
    await handle?.close();
  });

  it('reports the server database and the Redis bus on both nodes', async () => {
    for (const node of [nodeA, nodeB]) {
      const ready = await fetch(`${node.url}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'server', bus: 'redis' });
    }
  });

  it('delivers a change made through node A to the account’s sockets on both nodes, and to nobody outside the account', async () => {
    const onB = await openRealtime(nodeB.url, await signInOverHttp(nodeB.url, admin.email, PASSWORD));
    sockets.push(onB.socket);
    const strangerOnB = await openRealtime(nodeB.url, await signInOverHttp(nodeB.url, stranger.email, PASSWORD));
    sockets.push(strangerOnB.socket);

    const onA = await signInOverHttp(nodeA.url, admin.email, PASSWORD);
    // Either node's dispatcher may drain the event from the shared outbox: a socket on each node shows that
    // delivery goes through Redis rather than depending on which node drained it.
    const socketOnA = await openRealtime(nodeA.url, onA);
    sockets.push(socketOnA.socket);
    const patched = await fetch(`${nodeA.url}/api/v1/accounts/${admin.accountId}`, {
      method: 'PATCH',
      headers: { ...onA.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ purposeStatement: `Changed on node A ${tag}` }),
    });
    expect(patched.status).toBe(200);

    const delivered = (events: RealtimeEvent[]) => () => events.some((event) => event.type === 'account.updated' && event.accountId === admin.accountId);
    expect(await waitFor(delivered(onB.events), 5000)).toBe(true);
    expect(await waitFor(delivered(socketOnA.events), 5000)).toBe(true);
    expect(onB.events.find((event) => event.type === 'account.updated')?.payload).toEqual({ fields: ['purposeStatement'] });

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(strangerOnB.events).toEqual([]);
    expect(onB.events.filter((event) => event.type === 'account.updated' && event.accountId === admin.accountId)).toHaveLength(1);
  });
});
