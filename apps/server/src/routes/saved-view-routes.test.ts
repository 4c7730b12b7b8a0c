import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope, PublishedEvent } from '@touchpoint/core';
import { createApiKey } from '@touchpoint/accounts';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}/saved-views${path}`;
const system = (): AccountScope => ({ accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } });

async function openConversation(inbox: 'mine' | 'other', priority: 'normal' | 'urgent', status: 'open' | 'pending' = 'open') {
  const { db } = await getTestDatabase();
  const contact = await createContact(db, system(), { name: 'Counted customer', email: null });
  return createConversation(db, system(), { inboxId: ws.inboxes[inbox], contactId: contact.id, subject: 'counted', priority, status, messages: [{ direction: 'inbound', body: 'hello', at: new Date() }] });
}

const names = (views: { name: string }[]) => views.map((view) => view.name);

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
});
afterAll(() => t.close());

describe('saved views', () => {
  it('lets an agent save, rename, refilter and delete a personal view, stored without empty or default filters', async () => {
    const created = await requestAs(t.app, agent, { method: 'POST', url: url(), payload: { name: '  Urgent chats ', filters: { priority: 'urgent', status: 'open', view: 'all', sort: 'latest', channel: 'web_chat' } } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Urgent chats', visibility: 'personal', filters: { channel: 'web_chat', priority: 'urgent' } });
    expect(Object.keys(created.json().filters)).toEqual(['channel', 'priority']);
    const id = created.json().id;

    const renamed = await requestAs(t.app, agent, { method: 'PATCH', url: url(`/${id}`), payload: { name: 'Urgent', filters: { priority: 'high', status: 'pending' } } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Urgent', filters: { priority: 'high', status: 'pending' } });

    expect(names((await requestAs(t.app, agent, { method: 'GET', url: url() })).json())).toContain('Urgent');
    expect((await requestAs(t.app, agent, { method: 'DELETE', url: url(`/${id}`) })).statusCode).toBe(204);
    expect(names((await requestAs(t.app, agent, { method: 'GET', url: url() })).json())).not.toContain('Urgent');
    expect((await requestAs(t.app, agent, { method: 'DELETE', url: url(`/${id}`) })).statusCode).toBe(404);
  });

  it('refuses filters the conversation list would refuse, unknown keys included, and changes nothing', async () => {
    const before = (await requestAs(t.app, agent, { method: 'GET', url: url() })).json();
    for (const filters of [{ colour: 'red' }, { status: 'deleted' }, { inboxId: 'not-a-uuid' }, { cursor: 'abc' }, { limit: 10 }]) {
      const response = await requestAs(t.app, agent, { method: 'POST', url: url(), payload: { name: 'Bad', filters } });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('validation_failed');
    }
    for (const name of ['', '   ', 'x'.repeat(81)]) {
      expect((await requestAs(t.app, agent, { method: 'POST', url: url(), payload: { name, filters: {} } })).statusCode).toBe(400);
    }
    expect((await requestAs(t.app, agent, { method: 'POST', url: url(), payload: { name: 'Extra', filters: {}, owner: 'someone' } })).statusCode).toBe(400);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url() })).json()).toEqual(before);
  });

  it('keeps names unique per owner, ignoring case: 409 for a second “Mine” of the same person, not for another owner', async () => {
    expect((await requestAs(t.app, agent, { method: 'POST', url: url(), payload: { name: 'Mine', filters: {} } })).statusCode).toBe(201);
    const duplicate = await requestAs(t.app, agent, { method: 'POST', url: url(), payload: { name: 'MINE', filters: { priority: 'low' } } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('conflict');
    expect((await requestAs(t.app, admin, { method: 'POST', url: url(), payload: { name: 'Mine', filters: {} } })).statusCode).toBe(201);
    expect((await requestAs(t.app, admin, { method: 'POST', url: url(), payload: { name: 'Mine', visibility: 'shared', filters: {} } })).statusCode).toBe(201);
    const other = (await requestAs(t.app, agent, { method: 'POST', url: url(), payload: { name: 'Other', filters: {} } })).json();
    expect((await requestAs(t.app, agent, { method: 'PATCH', url: url(`/${other.id}`), payload: { name: 'mine' } })).statusCode).toBe(409);
    expect((await requestAs(t.app, agent, { method: 'PATCH', url: url(`/${other.id}`), payload: { name: 'Other' } })).statusCode).toBe(200);
  });

  it('lets only admins create, change or delete shared views, which every member sees', async () => {
    const refused = await requestAs(t.app, agent, { method: 'POST', url: url(), payload: { name: 'Team queue', visibility: 'shared', filters: { view: 'unassigned' } } });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('forbidden');

    const shared = (await requestAs(t.app, admin, { method: 'POST', url: url(), payload: { name: 'Team queue', visibility: 'shared', filters: { view: 'unassigned' } } })).json();
    const seenByAgent = (await requestAs(t.app, agent, { method: 'GET', url: url() })).json();
    expect(seenByAgent.find((view: { id: string }) => view.id === shared.id)).toMatchObject({ name: 'Team queue', visibility: 'shared', filters: { view: 'unassigned' } });

    expect((await requestAs(t.app, agent, { method: 'PATCH', url: url(`/${shared.id}`), payload: { name: 'Hijacked' } })).statusCode).toBe(403);
    expect((await requestAs(t.app, agent, { method: 'DELETE', url: url(`/${shared.id}`) })).statusCode).toBe(403);
    expect((await requestAs(t.app, admin, { method: 'PATCH', url: url(`/${shared.id}`), payload: { name: 'Unassigned queue' } })).json().name).toBe('Unassigned queue');
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: url(`/${shared.id}`) })).statusCode).toBe(204);
  });

  it('hides a person’s personal view from everyone else, admins included (404)', async () => {
    const secret = (await requestAs(t.app, agent, { method: 'POST', url: url(), payload: { name: 'My secret queue', filters: { priority: 'urgent' } } })).json();
    expect(names((await requestAs(t.app, admin, { method: 'GET', url: url() })).json())).not.toContain('My secret queue');
    expect((await requestAs(t.app, admin, { method: 'PATCH', url: url(`/${secret.id}`), payload: { name: 'Taken over' } })).statusCode).toBe(404);
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: url(`/${secret.id}`) })).statusCode).toBe(404);
    expect(names((await requestAs(t.app, agent, { method: 'GET', url: url() })).json())).toContain('My secret queue');
  });

  it('lists personal views first, then shared ones; an API key sees the shared ones and can have no personal view', async () => {
    const list = (await requestAs(t.app, agent, { method: 'GET', url: url() })).json() as { visibility: string }[];
    const firstShared = list.findIndex((view) => view.visibility === 'shared');
    expect(list.slice(firstShared).every((view) => view.visibility === 'shared')).toBe(true);

    const { db } = await getTestDatabase();
    const { key } = await createApiKey(db, system(), { name: 'views key' });
    const headers = { authorization: `Bearer ${key}` };
    const asKey = (await t.app.inject({ method: 'GET', url: url(), headers })).json() as { visibility: string }[];
    expect(asKey.length).toBeGreaterThan(0);
    expect(asKey.every((view) => view.visibility === 'shared')).toBe(true);
    const personal = await t.app.inject({ method: 'POST', url: url(), headers, payload: { name: 'Key view', filters: {} } });
    expect(personal.statusCode).toBe(400);
    expect(personal.json().errors[0].path).toBe('visibility');
  });

  it('counts what each view lists, only in the inboxes the person works in, when asked with counts=true', async () => {
    const fresh = await createTestWorkspace('Counting shop');
    ws = fresh;
    admin = await signInAs(t.app, ws.admin.email);
    agent = await signInAs(t.app, ws.agent.email);
    // Urgent conversations get a first response due in 15 minutes: "due soon" while open, paused while pending.
    const policy = await requestAs(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${ws.accountId}/sla-policies`, payload: { name: 'Urgent', conditions: { priorities: ['urgent'] }, firstResponseMinutes: 15 } });
    expect(policy.statusCode).toBe(201);
    await openConversation('mine', 'urgent');
    await openConversation('mine', 'urgent');
    await openConversation('mine', 'urgent', 'pending');
    await openConversation('mine', 'normal');
    await openConversation('other', 'urgent');
    const urgent = (await requestAs(t.app, admin, { method: 'POST', url: url(), payload: { name: 'Urgent', visibility: 'shared', filters: { priority: 'urgent' } } })).json();
    const pending = (await requestAs(t.app, admin, { method: 'POST', url: url(), payload: { name: 'Pending', visibility: 'shared', filters: { status: 'pending' } } })).json();
    const email = (await requestAs(t.app, admin, { method: 'POST', url: url(), payload: { name: 'Email', visibility: 'shared', filters: { inboxId: ws.inboxes.other } } })).json();
    const dueSoon = (await requestAs(t.app, admin, { method: 'POST', url: url(), payload: { name: 'Due soon', visibility: 'shared', filters: { sla: 'due_soon' } } })).json();

    const countsOf = async (who: SignedIn) => {
      const views = (await requestAs(t.app, who, { method: 'GET', url: url('?counts=true') })).json() as { id: string; count: number }[];
      return Object.fromEntries(views.map((view) => [view.id, view.count]));
    };
    expect(await countsOf(admin)).toEqual({ [urgent.id]: 3, [pending.id]: 1, [email.id]: 1, [dueSoon.id]: 3 });
    expect(await countsOf(agent)).toEqual({ [urgent.id]: 2, [pending.id]: 1, [email.id]: 0, [dueSoon.id]: 2 });
    const listed = (await requestAs(t.app, agent, { method: 'GET', url: `/api/v1/accounts/${ws.accountId}/conversations?view=all&sla=due_soon` })).json();
    expect(listed.items).toHaveLength(2);
    const withoutCounts = (await requestAs(t.app, agent, { method: 'GET', url: url() })).json() as object[];
    expect(withoutCounts.every((view) => !('count' in view))).toBe(true);
  });

  it('announces a change to a shared view to the account and to a personal view to its owner only', async () => {
    const seen: PublishedEvent[] = [];
    const unsubscribe = t.bus.subscribe((event) => {
      if (event.type === 'saved_view.changed' && event.accountId === ws.accountId) seen.push(event);
    });
    try {
      const shared = (await requestAs(t.app, admin, { method: 'POST', url: url(), payload: { name: 'Announced', visibility: 'shared', filters: {} } })).json();
      const personal = (await requestAs(t.app, agent, { method: 'POST', url: url(), payload: { name: 'Announced to me', filters: {} } })).json();
      // Delivery is at least once: wait for both views, not for a number of events.
      await expect.poll(() => new Set(seen.map((event) => event.payload.savedViewId))).toEqual(new Set([shared.id, personal.id]));
      expect(seen.find((event) => event.payload.savedViewId === shared.id)?.audience).toEqual({ kind: 'account' });
      expect(seen.find((event) => event.payload.savedViewId === personal.id)?.audience).toEqual({ kind: 'users', userIds: [ws.agent.id] });
    } finally {
      unsubscribe();
    }
  });
});
