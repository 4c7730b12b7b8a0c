import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@touchpoint/db';
import { syncConversationSla } from '@touchpoint/sla';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}${path}`;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('SLA routes');
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
});
afterAll(() => t.close());

const TOKYO_HOURS = {
  name: 'Tokyo office',
  timeZone: 'Asia/Tokyo',
  weekly: { '1': [[540, 720], [780, 1080]], '2': [[540, 1080]], '3': [[540, 1080]], '4': [[540, 1080]], '5': [[540, 1080]] },
  holidays: [{ date: '2026-11-03', name: '文化の日' }],
};

describe('teams', () => {
  it('lets an admin create a team with members, and any member list teams with member counts', async () => {
    const created = await requestAs(t.app, admin, { method: 'POST', url: url('/teams'), payload: { name: 'Tier 1', description: 'First line', userIds: [ws.agent.id, ws.admin.id, ws.agent.id] } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Tier 1', description: 'First line', memberCount: 2, businessHoursId: null });
    expect(created.json().userIds.sort()).toEqual([ws.agent.id, ws.admin.id].sort());

    const listed = await requestAs(t.app, agent, { method: 'GET', url: url('/teams') });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual([expect.objectContaining({ id: created.json().id, name: 'Tier 1', memberCount: 2 })]);
    const one = await requestAs(t.app, agent, { method: 'GET', url: url(`/teams/${created.json().id}`) });
    expect(one.json().userIds).toHaveLength(2);
  });

  it('sets the members to exactly the listed ones and names ids that are not account members, writing nothing', async () => {
    const team = (await requestAs(t.app, admin, { method: 'POST', url: url('/teams'), payload: { name: 'Returns', userIds: [ws.agent.id] } })).json();
    const other = await createTestWorkspace('Elsewhere');
    const refused = await requestAs(t.app, admin, { method: 'PUT', url: url(`/teams/${team.id}/members`), payload: { userIds: [ws.admin.id, other.agent.id] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ path: 'userIds', message: `not a member of this account: ${other.agent.id}` }]);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url(`/teams/${team.id}`) })).json().userIds).toEqual([ws.agent.id]);

    const set = await requestAs(t.app, admin, { method: 'PUT', url: url(`/teams/${team.id}/members`), payload: { userIds: [ws.admin.id] } });
    expect(set.json()).toMatchObject({ memberCount: 1, userIds: [ws.admin.id] });

    const createRefused = await requestAs(t.app, admin, { method: 'POST', url: url('/teams'), payload: { name: 'Ghosts', userIds: [UNKNOWN] } });
    expect(createRefused.statusCode).toBe(400);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url('/teams') })).json().map((x: { name: string }) => x.name)).not.toContain('Ghosts');
  });

  it('refuses a second team of the same name with 409, renames and deletes', async () => {
    const team = (await requestAs(t.app, admin, { method: 'POST', url: url('/teams'), payload: { name: 'Billing' } })).json();
    const clash = await requestAs(t.app, admin, { method: 'POST', url: url('/teams'), payload: { name: 'billing' } });
    expect(clash.statusCode).toBe(409);
    const renamed = await requestAs(t.app, admin, { method: 'PATCH', url: url(`/teams/${team.id}`), payload: { name: 'Billing & refunds' } });
    expect(renamed.json().name).toBe('Billing & refunds');
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: url(`/teams/${team.id}`) })).statusCode).toBe(204);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url(`/teams/${team.id}`) })).statusCode).toBe(404);
  });

  it('answers 403 to an agent changing teams, and changes nothing', async () => {
    const team = (await requestAs(t.app, admin, { method: 'POST', url: url('/teams'), payload: { name: 'Locked' } })).json();
    expect((await requestAs(t.app, agent, { method: 'POST', url: url('/teams'), payload: { name: 'Agent team' } })).statusCode).toBe(403);
    expect((await requestAs(t.app, agent, { method: 'PATCH', url: url(`/teams/${team.id}`), payload: { name: 'Mine now' } })).statusCode).toBe(403);
    expect((await requestAs(t.app, agent, { method: 'PUT', url: url(`/teams/${team.id}/members`), payload: { userIds: [ws.agent.id] } })).statusCode).toBe(403);
    expect((await requestAs(t.app, agent, { method: 'DELETE', url: url(`/teams/${team.id}`) })).statusCode).toBe(403);
    const after = (await requestAs(t.app, admin, { method: 'GET', url: url(`/teams/${team.id}`) })).json();
    expect(after).toMatchObject({ name: 'Locked', userIds: [] });
    expect((await requestAs(t.app, admin, { method: 'GET', url: url('/teams') })).json().map((x: { name: string }) => x.name)).not.toContain('Agent team');
  });
});

describe('business hours', () => {
  it('creates a schedule, assigns it to an inbox and a team, and clears it again', async () => {
    const created = await requestAs(t.app, admin, { method: 'POST', url: url('/business-hours'), payload: TOKYO_HOURS });
    expect(created.statusCode).toBe(201);
    const hours = created.json();
    expect(hours).toMatchObject({ name: 'Tokyo office', timeZone: 'Asia/Tokyo', holidays: TOKYO_HOURS.holidays });
    expect((await requestAs(t.app, agent, { method: 'GET', url: url('/business-hours') })).json().map((h: { id: string }) => h.id)).toContain(hours.id);

    const assigned = await requestAs(t.app, admin, { method: 'PATCH', url: url(`/inboxes/${ws.inboxes.mine}/business-hours`), payload: { businessHoursId: hours.id } });
    expect(assigned.json()).toEqual({ inboxId: ws.inboxes.mine, businessHoursId: hours.id });
    const team = await requestAs(t.app, admin, { method: 'POST', url: url('/teams'), payload: { name: 'Tokyo team', businessHoursId: hours.id } });
    expect(team.json().businessHoursId).toBe(hours.id);

    const { db } = await getTestDatabase();
    expect((await db.select().from(schema.inboxes).where(eq(schema.inboxes.id, ws.inboxes.mine)))[0]!.businessHoursId).toBe(hours.id);
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: url(`/business-hours/${hours.id}`) })).statusCode).toBe(204);
    expect((await db.select().from(schema.inboxes).where(eq(schema.inboxes.id, ws.inboxes.mine)))[0]!.businessHoursId).toBeNull();
    expect((await requestAs(t.app, admin, { method: 'GET', url: url(`/teams/${team.json().id}`) })).json().businessHoursId).toBeNull();
  });

  it('names every problem with a schedule (zone, bounds, overnight, overlap, dates) and writes nothing', async () => {
    const response = await requestAs(t.app, admin, {
      method: 'POST',
      url: url('/business-hours'),
      payload: {
        name: 'Broken',
        timeZone: 'Asia/Atlantis',
        weekly: { '1': [[540, 1500]], '2': [[1320, 120]], '3': [[540, 720], [700, 900]] },
        holidays: [{ date: '2026-13-01', name: 'Nope' }],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['timeZone', 'weekly.1', 'weekly.2', 'weekly.3', 'holidays.0.date']);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url('/business-hours') })).json().map((h: { name: string }) => h.name)).not.toContain('Broken');
  });

  it('refuses unknown business hours on an inbox or a team with 400, and an agent with 403', async () => {
    const inbox = await requestAs(t.app, admin, { method: 'PATCH', url: url(`/inboxes/${ws.inboxes.other}/business-hours`), payload: { businessHoursId: UNKNOWN } });
    expect(inbox.statusCode).toBe(400);
    expect(inbox.json().errors[0].path).toBe('businessHoursId');
    expect((await requestAs(t.app, admin, { method: 'POST', url: url('/teams'), payload: { name: 'Nowhere', businessHoursId: UNKNOWN } })).statusCode).toBe(400);
    expect((await requestAs(t.app, agent, { method: 'POST', url: url('/business-hours'), payload: TOKYO_HOURS })).statusCode).toBe(403);
    expect((await requestAs(t.app, agent, { method: 'PATCH', url: url(`/inboxes/${ws.inboxes.mine}/business-hours`), payload: { businessHoursId: null } })).statusCode).toBe(403);
  });

  it('updates a schedule and rejects a bad change without touching the stored one', async () => {
    const hours = (await requestAs(t.app, admin, { method: 'POST', url: url('/business-hours'), payload: { ...TOKYO_HOURS, name: 'Editable' } })).json();
    const bad = await requestAs(t.app, admin, { method: 'PATCH', url: url(`/business-hours/${hours.id}`), payload: { timeZone: 'Nowhere/City' } });
    expect(bad.statusCode).toBe(400);
    const good = await requestAs(t.app, admin, { method: 'PATCH', url: url(`/business-hours/${hours.id}`), payload: { timeZone: 'America/New_York', holidays: [{ date: '2026-12-25', name: 'Christmas' }] } });
    expect(good.json()).toMatchObject({ timeZone: 'America/New_York', holidays: [{ date: '2026-12-25', name: 'Christmas' }] });
  });
});

describe('SLA policies', () => {
  it('creates policies in order, reorders them, and refuses an order that does not list each exactly once', async () => {
    const own = await createTestWorkspace('Policies');
    const me = await signInAs(t.app, own.admin.email);
    const path = (p: string) => `/api/v1/accounts/${own.accountId}${p}`;
    const first = (await requestAs(t.app, me, { method: 'POST', url: path('/sla-policies'), payload: { name: 'Urgent', conditions: { priorities: ['urgent'] }, firstResponseMinutes: 15 } })).json();
    const second = (await requestAs(t.app, me, { method: 'POST', url: path('/sla-policies'), payload: { name: 'Standard', firstResponseMinutes: 60, resolutionMinutes: 1440 } })).json();
    expect([first.position, second.position]).toEqual([0, 1]);

    const reordered = await requestAs(t.app, me, { method: 'PUT', url: path('/sla-policies/order'), payload: { policyIds: [second.id, first.id] } });
    expect(reordered.json().map((p: { name: string }) => p.name)).toEqual(['Standard', 'Urgent']);
    const partial = await requestAs(t.app, me, { method: 'PUT', url: path('/sla-policies/order'), payload: { policyIds: [first.id] } });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().errors[0].message).toContain(second.id);
    expect((await requestAs(t.app, me, { method: 'GET', url: path('/sla-policies') })).json().map((p: { name: string }) => p.name)).toEqual(['Standard', 'Urgent']);

    const patched = await requestAs(t.app, me, { method: 'PATCH', url: path(`/sla-policies/${first.id}`), payload: { enabled: false, nextResponseMinutes: 30 } });
    expect(patched.json()).toMatchObject({ enabled: false, nextResponseMinutes: 30, firstResponseMinutes: 15 });
    expect((await requestAs(t.app, me, { method: 'DELETE', url: path(`/sla-policies/${first.id}`) })).statusCode).toBe(204);
    expect((await requestAs(t.app, me, { method: 'GET', url: path(`/sla-policies/${first.id}`) })).statusCode).toBe(404);
  });

  it('refuses unknown labels or inboxes, a policy without targets, and bad values, writing nothing', async () => {
    const before = (await requestAs(t.app, admin, { method: 'GET', url: url('/sla-policies') })).json().length;
    const unknownLabel = await requestAs(t.app, admin, { method: 'POST', url: url('/sla-policies'), payload: { name: 'X', conditions: { labelIds: [UNKNOWN], inboxIds: [UNKNOWN] }, firstResponseMinutes: 10 } });
    expect(unknownLabel.statusCode).toBe(400);
    expect(unknownLabel.json().errors.map((e: { path: string }) => e.path)).toEqual(['conditions.labelIds', 'conditions.inboxIds']);
    const noTargets = await requestAs(t.app, admin, { method: 'POST', url: url('/sla-policies'), payload: { name: 'Empty' } });
    expect(noTargets.statusCode).toBe(400);
    const negative = await requestAs(t.app, admin, { method: 'POST', url: url('/sla-policies'), payload: { name: 'Negative', firstResponseMinutes: -5 } });
    expect(negative.statusCode).toBe(400);
    const extra = await requestAs(t.app, admin, { method: 'POST', url: url('/sla-policies'), payload: { name: 'Extra', firstResponseMinutes: 5, escalate: true } });
    expect(extra.statusCode).toBe(400);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url('/sla-policies') })).json()).toHaveLength(before);
  });

  it('answers 403 to an agent changing policies while letting them read', async () => {
    expect((await requestAs(t.app, agent, { method: 'GET', url: url('/sla-policies') })).statusCode).toBe(200);
    expect((await requestAs(t.app, agent, { method: 'POST', url: url('/sla-policies'), payload: { name: 'Agent policy', firstResponseMinutes: 1 } })).statusCode).toBe(403);
    expect((await requestAs(t.app, agent, { method: 'PUT', url: url('/sla-policies/order'), payload: { policyIds: [] } })).statusCode).toBe(403);
  });
});

describe('GET /conversations/:conversationId/sla', () => {
  it('shows an agent the SLA of a conversation in their inbox and 404 for one in an inbox they do not work in', async () => {
    const own = await createTestWorkspace('SLA view');
    const ownAdmin = await signInAs(t.app, own.admin.email);
    const ownAgent = await signInAs(t.app, own.agent.email);
    const path = (p: string) => `/api/v1/accounts/${own.accountId}${p}`;
    await requestAs(t.app, ownAdmin, { method: 'POST', url: path('/sla-policies'), payload: { name: 'Chat', conditions: { channels: ['web_chat'] }, firstResponseMinutes: 60 } });

    const { db } = await getTestDatabase();
    const [contact] = await db.insert(schema.contacts).values({ accountId: own.accountId, name: 'Waiting customer' }).returning();
    const now = new Date();
    const [visible, hidden] = await db
      .insert(schema.conversations)
      .values([
        { accountId: own.accountId, number: 1, inboxId: own.inboxes.mine, contactId: contact!.id, createdAt: now, waitingSince: now },
        { accountId: own.accountId, number: 2, inboxId: own.inboxes.other, contactId: contact!.id, createdAt: now, waitingSince: now },
      ])
      .returning();
    await db.transaction((tx) => syncConversationSla(tx, own.accountId, visible!.id, now));

    const shown = await requestAs(t.app, ownAgent, { method: 'GET', url: path(`/conversations/${visible!.id}/sla`) });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ policyName: 'Chat', targets: [{ target: 'first_response', state: 'ok', dueAt: new Date(now.getTime() + 3_600_000).toISOString() }] });
    expect((await requestAs(t.app, ownAgent, { method: 'GET', url: path(`/conversations/${hidden!.id}/sla`) })).statusCode).toBe(404);
    const none = await requestAs(t.app, ownAdmin, { method: 'GET', url: path(`/conversations/${hidden!.id}/sla`) });
    expect(none.json()).toEqual({ policyId: null, policyName: null, targets: [] });
    expect((await requestAs(t.app, ownAdmin, { method: 'GET', url: path(`/conversations/${UNKNOWN}/sla`) })).statusCode).toBe(404);
  });
});
