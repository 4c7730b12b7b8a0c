import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import WebSocket from 'ws';
import { schema } from '@touchpoint/db';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type TestApp } from '../testing/test-app.ts';

const redisUrl = inject('redisUrl');

// Two app nodes in this process, each with its own Redis bus connection and outbox dispatcher, on one database.
describe.skipIf(!redisUrl)('the screens’ socket across nodes', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  beforeAll(async () => {
    nodeA = await createTestApp();
    nodeB = await createTestApp();
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
  });

  it('delivers a post approved on one node to a screen connected to the other', async () => {
    const ws = await createTestWorkspace();
    const admin = await signInAs(nodeA.app, ws.admin.email);
    const [account] = await nodeA.services.db.select({ handle: schema.accounts.handle }).from(schema.accounts).where(eq(schema.accounts.id, ws.accountId));
    const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
    const feed = (await requestAs(nodeA.app, admin, { method: 'POST', url: url('/live-feeds'), payload: { name: 'Two nodes', slug: 'two-nodes' } })).json<{ id: string }>();
    await requestAs(nodeA.app, admin, { method: 'PATCH', url: url(`/live-feeds/${feed.id}`), payload: { status: 'live' } });
    const token = (await nodeA.app.inject({ method: 'POST', url: `/api/live/${account!.handle}/two-nodes/viewers`, payload: { displayName: 'Mika' } })).json<{ token: string }>().token;
    const postId = (await nodeA.app.inject({ method: 'POST', url: `/api/live/${account!.handle}/two-nodes/posts`, payload: { text: 'across nodes' }, headers: { 'x-live-viewer': token } })).json<{ post: { id: string } }>().post.id;

    await nodeB.app.listen({ port: 0, host: '127.0.0.1' });
    const socket = new WebSocket(`ws://127.0.0.1:${(nodeB.app.server.address() as AddressInfo).port}/api/live/${account!.handle}/two-nodes/socket`);
    const received: { type: string; post?: { id: string } }[] = [];
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string };
        if (message.type === 'ready') resolve();
        else received.push(message);
      });
    });
    try {
      expect((await requestAs(nodeA.app, admin, { method: 'POST', url: url(`/live-feeds/${feed.id}/posts/${postId}/approve`) })).statusCode).toBe(200);
      await vi.waitFor(() => expect(received.filter((m) => m.type === 'post').map((m) => m.post?.id)).toEqual([postId]));
    } finally {
      socket.close();
    }
  });
});
