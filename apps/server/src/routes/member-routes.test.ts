import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace, TEST_PASSWORD } from '../testing/test-app.ts';

/** Emails stay unique when the integration tier reuses a database between runs. */
const RUN = randomUUID().slice(0, 8);

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}${path}`;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
});
afterAll(() => t.close());

function tokenOf(invitationUrl: string) {
  return new URL(invitationUrl).pathname.split('/').at(-1)!;
}

describe('invitations', () => {
  it('lets an invited person set a password and join with the role and inboxes chosen for them', async () => {
    const created = await requestAs(t.app, admin, { method: 'POST', url: url('/invitations'), payload: { email: `New.Person-${RUN}@Example.test`, role: 'agent', inboxIds: [ws.inboxes.other] } });
    expect(created.statusCode).toBe(201);
    const invitation = created.json();
    expect(invitation.url).toMatch(/^http:\/\/touchpoint\.test\/invite\/[\w-]{40,}$/);
    expect(invitation.email).toBe(`new.person-${RUN}@example.test`);
    const token = tokenOf(invitation.url);

    const described = await t.app.inject({ url: `/api/v1/invitations/${token}` });
    expect(described.json()).toMatchObject({ email: `new.person-${RUN}@example.test`, role: 'agent', existingUser: false });

    const accepted = await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { name: 'New Person', password: 'a long enough password' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().accounts).toEqual([expect.objectContaining({ id: ws.accountId, role: 'agent' })]);
    expect(accepted.cookies.find((c) => c.name === 'tp_session')).toBeTruthy();

    const members = await requestAs(t.app, admin, { method: 'GET', url: url('/members') });
    expect(members.json().find((m: { email: string }) => m.email === `new.person-${RUN}@example.test`)).toMatchObject({ role: 'agent', inboxIds: [ws.inboxes.other] });

    const again = await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { name: 'Someone else', password: 'another long password' } });
    expect(again.statusCode).toBe(404);
  });

  it('asks a person who already has a login for their existing password', async () => {
    const other = await createTestWorkspace('Other shop');
    const created = await requestAs(t.app, admin, { method: 'POST', url: url('/invitations'), payload: { email: other.agent.email, role: 'admin' } });
    const token = tokenOf(created.json().url);
    expect((await t.app.inject({ url: `/api/v1/invitations/${token}` })).json().existingUser).toBe(true);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { name: 'x', password: 'not my password' } });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { name: 'x', password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(200);
    expect(right.json().accounts.map((a: { id: string }) => a.id).sort()).toEqual([ws.accountId, other.accountId].sort());
  });

  it('refuses a revoked invitation, a duplicate member and an unknown inbox', async () => {
    const created = await requestAs(t.app, admin, { method: 'POST', url: url('/invitations'), payload: { email: `revoked-${RUN}@example.test`, role: 'agent' } });
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: url(`/invitations/${created.json().id}`) })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/v1/invitations/${tokenOf(created.json().url)}` })).statusCode).toBe(404);
    const pending = await requestAs(t.app, admin, { method: 'GET', url: url('/invitations') });
    expect(pending.json().map((i: { email: string }) => i.email)).not.toContain(`revoked-${RUN}@example.test`);

    const duplicate = await requestAs(t.app, admin, { method: 'POST', url: url('/invitations'), payload: { email: ws.agent.email, role: 'agent' } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('already_member');

    const badInbox = await requestAs(t.app, admin, { method: 'POST', url: url('/invitations'), payload: { email: 'x@example.test', role: 'agent', inboxIds: ['00000000-0000-4000-8000-000000000000'] } });
    expect(badInbox.statusCode).toBe(400);
    expect(badInbox.json().errors[0].path).toBe('inboxIds');
  });

  it('requires a password of at least 10 characters for a new login', async () => {
    const created = await requestAs(t.app, admin, { method: 'POST', url: url('/invitations'), payload: { email: `shortpw-${RUN}@example.test`, role: 'agent' } });
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${tokenOf(created.json().url)}/accept`, payload: { name: 'Short', password: 'short' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('password');
  });
});

describe('roles', () => {
  it('forbids agents from admin actions with 403', async () => {
    for (const [method, path, payload] of [
      ['POST', '/invitations', { email: 'x@example.test', role: 'admin' }],
      ['PATCH', '', { purposeStatement: 'mine now' }],
      ['GET', '/audit-log', undefined],
      ['GET', '/api-keys', undefined],
      ['PATCH', `/members/${ws.agent.id}`, { role: 'admin' }],
    ] as const) {
      const response = await requestAs(t.app, agent, { method, url: url(path), ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${path}`).toBe(403);
      expect(response.json().code).toBe('forbidden');
    }
  });

  it('shows an agent only the inboxes they work in, and an admin all of them', async () => {
    const asAgent = await requestAs(t.app, agent, { method: 'GET', url: url('/inboxes') });
    expect(asAgent.json().map((i: { id: string }) => i.id)).toEqual([ws.inboxes.mine]);
    const asAdmin = await requestAs(t.app, admin, { method: 'GET', url: url('/inboxes') });
    expect(asAdmin.json()).toHaveLength(2);
  });

  it('changes a member’s role and inboxes, and records both in the audit log with the actor', async () => {
    const ownWs = await createTestWorkspace();
    const ownAdmin = await signInAs(t.app, ownWs.admin.email);
    const base = `/api/v1/accounts/${ownWs.accountId}`;
    const changed = await requestAs(t.app, ownAdmin, { method: 'PATCH', url: `${base}/members/${ownWs.agent.id}`, payload: { role: 'admin', inboxIds: [ownWs.inboxes.mine, ownWs.inboxes.other] } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'admin' });
    expect(changed.json().inboxIds).toHaveLength(2);
    const log = await requestAs(t.app, ownAdmin, { method: 'GET', url: `${base}/audit-log` });
    const [entry] = log.json().items;
    expect(entry).toMatchObject({ action: 'member.updated', targetId: ownWs.agent.id, actor: { type: 'user', id: ownWs.admin.id } });
    expect(entry.details.role).toEqual({ from: 'agent', to: 'admin' });
  });

  it('keeps at least one admin: the last one can be neither demoted nor removed', async () => {
    const ownWs = await createTestWorkspace();
    const ownAdmin = await signInAs(t.app, ownWs.admin.email);
    const base = `/api/v1/accounts/${ownWs.accountId}`;
    const demote = await requestAs(t.app, ownAdmin, { method: 'PATCH', url: `${base}/members/${ownWs.admin.id}`, payload: { role: 'agent' } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('last_admin');
    const remove = await requestAs(t.app, ownAdmin, { method: 'DELETE', url: `${base}/members/${ownWs.admin.id}` });
    expect(remove.statusCode).toBe(409);
    expect((await requestAs(t.app, ownAdmin, { method: 'DELETE', url: `${base}/members/${ownWs.agent.id}` })).statusCode).toBe(204);
    const members = await requestAs(t.app, ownAdmin, { method: 'GET', url: `${base}/members` });
    expect(members.json().map((m: { userId: string }) => m.userId)).toEqual([ownWs.admin.id]);
  });

  it('pages the audit log with a cursor', async () => {
    const ownWs = await createTestWorkspace();
    const ownAdmin = await signInAs(t.app, ownWs.admin.email);
    const base = `/api/v1/accounts/${ownWs.accountId}`;
    for (const text of ['one', 'two', 'three']) await requestAs(t.app, ownAdmin, { method: 'PATCH', url: base, payload: { purposeStatement: text } });
    const first = (await requestAs(t.app, ownAdmin, { method: 'GET', url: `${base}/audit-log?limit=2` })).json();
    expect(first.items.map((i: { details: { purposeStatement: { to: string } } }) => i.details.purposeStatement.to)).toEqual(['three', 'two']);
    const second = (await requestAs(t.app, ownAdmin, { method: 'GET', url: `${base}/audit-log?limit=2&before=${first.nextCursor}` })).json();
    expect(second.items.map((i: { details: { purposeStatement: { to: string } } }) => i.details.purposeStatement.to)).toEqual(['one']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('the shared purpose statement', () => {
  it('is set by an admin and shown on every member’s home page', async () => {
    const changed = await requestAs(t.app, admin, { method: 'PATCH', url: url(), payload: { purposeStatement: '  Make every customer feel at home.  ' } });
    expect(changed.json().purposeStatement).toBe('Make every customer feel at home.');
    const home = await requestAs(t.app, agent, { method: 'GET', url: url('/home') });
    expect(home.statusCode).toBe(200);
    expect(home.json().purposeStatement).toBe('Make every customer feel at home.');
    expect(home.json().counts).toEqual(expect.objectContaining({ openConversations: expect.any(Number), contacts: expect.any(Number) }));
  });
});
