import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

interface Received {
  type: string;
  event?: { type: string; accountId: string; payload: Record<string, unknown> };
}

let t: TestApp;
let base: string;
let ws: TestWorkspace;
let stranger: TestWorkspace;
const sockets: WebSocket[] = [];

/** Opens the realtime socket as a signed-in person and collects what it receives. */
async function connect(who: SignedIn, origin?: string) {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/realtime`, { headers: { cookie: who.cookie, origin: origin ?? base } });
  sockets.push(socket);
  const received: Received[] = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as Received));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', () => resolve());
  });
  return { socket, received, events: () => received.filter((m) => m.type === 'event').map((m) => m.event!) };
}

async function until(check: () => boolean, ms = 3000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  ws = await createTestWorkspace();
  stranger = await createTestWorkspace('Stranger');
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await t.close();
});

describe('the realtime socket', () => {
  it('pushes each event only to the people allowed to see it', async () => {
    const admin = await connect(await signInAs(t.app, ws.admin.email));
    const agent = await connect(await signInAs(t.app, ws.agent.email));
    const outsider = await connect(await signInAs(t.app, stranger.admin.email));

    const { db } = await getTestDatabase();
    const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    const contact = await createContact(db, scope, { name: 'Realtime customer' });
    const inMine = await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'for the agent', messages: [] });
    const inOther = await createConversation(db, scope, { inboxId: ws.inboxes.other, contactId: contact.id, subject: 'admins only', messages: [] });
    const adminSession = await signInAs(t.app, ws.admin.email);
    await requestAs(t.app, adminSession, { method: 'POST', url: `/api/v1/accounts/${ws.accountId}/api-keys`, payload: { name: 'secret-ish' } });
    await requestAs(t.app, adminSession, { method: 'PATCH', url: `/api/v1/accounts/${ws.accountId}`, payload: { purposeStatement: 'Everyone hears this' } });

    await until(() => admin.events().some((e) => e.type === 'account.updated') && agent.events().some((e) => e.type === 'account.updated'));
    const conversationIds = (events: ReturnType<typeof admin.events>) => events.filter((e) => e.type === 'conversation.created').map((e) => e.payload.conversationId);
    expect(conversationIds(admin.events())).toEqual([inMine.id, inOther.id]);
    expect(conversationIds(agent.events())).toEqual([inMine.id]);
    expect(admin.events().some((e) => e.type === 'api_key.created')).toBe(true);
    expect(agent.events().some((e) => e.type === 'api_key.created')).toBe(false);
    expect(outsider.events()).toEqual([]);
  });

  it('starts delivering an inbox’s events once an agent is added to that inbox', async () => {
    const agent = await connect(await signInAs(t.app, ws.agent.email));
    const admin = await signInAs(t.app, ws.admin.email);
    await requestAs(t.app, admin, { method: 'PATCH', url: `/api/v1/accounts/${ws.accountId}/members/${ws.agent.id}`, payload: { inboxIds: [ws.inboxes.mine, ws.inboxes.other] } });
    await until(() => agent.events().some((e) => e.type === 'member.updated'));
    const { db } = await getTestDatabase();
    const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    const contact = await createContact(db, scope, { name: 'Later customer' });
    const conversation = await createConversation(db, scope, { inboxId: ws.inboxes.other, contactId: contact.id, subject: 'now visible', messages: [] });
    await until(() => agent.events().some((e) => e.payload.conversationId === conversation.id));
  });

  it('refuses a socket without a session (401) and one opened from another site (403)', async () => {
    const anonymous = new WebSocket(`${base.replace('http', 'ws')}/api/v1/realtime`);
    const status = await new Promise<number>((resolve) => anonymous.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
    const signedIn = await signInAs(t.app, ws.agent.email);
    const crossSite = new WebSocket(`${base.replace('http', 'ws')}/api/v1/realtime`, { headers: { cookie: signedIn.cookie, origin: 'https://evil.example' } });
    const crossStatus = await new Promise<number>((resolve) => crossSite.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(crossStatus).toBe(403);
  });

  it('tells the others who is viewing or typing in a conversation, and that they left when the socket closes', async () => {
    const admin = await connect(await signInAs(t.app, ws.admin.email));
    const agent = await connect(await signInAs(t.app, ws.agent.email));
    const outsider = await connect(await signInAs(t.app, stranger.admin.email));
    const { db } = await getTestDatabase();
    const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    const contact = await createContact(db, scope, { name: 'Presence customer' });
    const conversation = await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'who is here', messages: [] });

    agent.socket.send(JSON.stringify({ type: 'presence', conversationId: conversation.id, state: 'typing' }));
    agent.socket.send('not json at all');
    const presence = () => admin.events().filter((e) => e.type === 'presence.changed' && e.payload.conversationId === conversation.id).map((e) => e.payload.state);
    await until(() => presence().includes('typing'));
    expect(admin.events().find((e) => e.type === 'presence.changed')!.payload).toMatchObject({ userId: ws.agent.id, state: 'typing' });
    agent.socket.close();
    await until(() => presence().includes('idle'));
    expect(agent.events().some((e) => e.type === 'presence.changed')).toBe(false);
    expect(outsider.events().some((e) => e.type === 'presence.changed')).toBe(false);
  });

  it('shows someone who opens a conversation who is already there, and in what state, at once', async () => {
    const admin = await connect(await signInAs(t.app, ws.admin.email));
    const { db } = await getTestDatabase();
    const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    const contact = await createContact(db, scope, { name: 'Snapshot customer' });
    const conversation = await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'already here', messages: [] });
    const elsewhere = await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'elsewhere', messages: [] });
    admin.socket.send(JSON.stringify({ type: 'presence', conversationId: conversation.id, state: 'typing' }));
    // The admin's state is on the bus before the agent arrives: the agent's socket is not open yet.
    await new Promise<void>((resolve) => {
      const unsubscribe = t.bus.subscribe((event) => {
        if (event.type === 'presence.changed' && event.payload.conversationId === conversation.id) {
          unsubscribe();
          resolve();
        }
      });
    });

    const agent = await connect(await signInAs(t.app, ws.agent.email));
    const presenceFor = (who: typeof agent, conversationId: string) =>
      who.events().filter((e) => e.type === 'presence.changed' && e.payload.conversationId === conversationId).map((e) => e.payload);
    agent.socket.send(JSON.stringify({ type: 'presence', conversationId: elsewhere.id, state: 'viewing' }));
    agent.socket.send(JSON.stringify({ type: 'presence', conversationId: conversation.id, state: 'viewing' }));
    await until(() => presenceFor(agent, conversation.id).length > 0);
    expect(presenceFor(agent, conversation.id)[0]).toMatchObject({ userId: ws.admin.id, state: 'typing' });
    await until(() => presenceFor(admin, conversation.id).some((p) => p.userId === ws.agent.id));
    expect(presenceFor(admin, conversation.id)).toEqual([expect.objectContaining({ userId: ws.agent.id, state: 'viewing', arrived: true })]);
    // Nobody is in the other conversation, so nobody answered there.
    expect(presenceFor(agent, elsewhere.id)).toEqual([]);
  });
});

