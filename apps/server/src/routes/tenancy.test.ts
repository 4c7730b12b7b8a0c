import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { createApiKey, createInvitation } from '@touchpoint/accounts';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { API_ROUTES } from '../app.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

/** Every account route, tried with another account's ids: each must answer 404 and reveal nothing. */
let t: TestApp;
let a: TestWorkspace;
let b: TestWorkspace;
let bAdmin: SignedIn;
let bKey: string;
const idsOfA: Record<string, string> = {};

const ACCOUNT_ROUTES = API_ROUTES.filter((route) => route.url.includes(':accountId'));

/** A valid body for each write route, so that only tenancy can make it fail. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'PATCH /api/v1/accounts/:accountId': { purposeStatement: 'Hijacked' },
  'PATCH /api/v1/accounts/:accountId/members/:userId': { role: 'admin' },
  'POST /api/v1/accounts/:accountId/invitations': { email: 'intruder@example.test', role: 'admin', inboxIds: [] },
  'POST /api/v1/accounts/:accountId/inboxes': { name: 'Intruder inbox', channel: 'api' },
  'POST /api/v1/accounts/:accountId/api-keys': { name: 'Intruder key' },
};

function fillUrl(url: string, accountId: string) {
  return url.replace(':accountId', accountId).replace(/:(\w+)/g, (_, name: string) => {
    const id = idsOfA[name];
    if (!id) throw new Error(`no sample id for :${name} in ${url}`);
    return id;
  });
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestWorkspace('Tenant A');
  b = await createTestWorkspace('Tenant B');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const contact = await createContact(db, scopeA, { name: 'Only in A', email: 'only-a@example.test' });
  const conversation = await createConversation(db, scopeA, { inboxId: a.inboxes.mine, contactId: contact.id, subject: 'Secret of A', messages: [{ direction: 'inbound', body: 'secret', at: new Date() }] });
  const invitation = await createInvitation(db, scopeA, { email: 'someone@example.test', role: 'agent', inboxIds: [] });
  const apiKey = await createApiKey(db, scopeA, { name: 'A key' });
  Object.assign(idsOfA, { userId: a.agent.id, contactId: contact.id, conversationId: conversation.id, invitationId: invitation.id, apiKeyId: apiKey.id });
  bAdmin = await signInAs(t.app, b.admin.email);
  bKey = (await createApiKey(db, { accountId: b.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } }, { name: 'B key' })).key;
});
afterAll(() => t.close());

describe('tenancy', () => {
  it('covers every account route in this test', () => {
    expect(ACCOUNT_ROUTES.length).toBeGreaterThanOrEqual(18);
  });

  for (const route of ACCOUNT_ROUTES) {
    const label = `${route.method} ${route.url}`;
    it(`${label} answers 404 to a member of another account`, async () => {
      const response = await requestAs(t.app, bAdmin, { method: route.method, url: fillUrl(route.url, a.accountId), ...(SAMPLE_BODIES[label] ? { payload: SAMPLE_BODIES[label] as object } : {}) });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('not_found');
      expect(response.body).not.toContain('Secret of A');
    });

    it(`${label} answers 404 to another account's API key`, async () => {
      const response = await t.app.inject({ method: route.method, url: fillUrl(route.url, a.accountId), headers: { authorization: `Bearer ${bKey}` }, ...(SAMPLE_BODIES[label] ? { payload: SAMPLE_BODIES[label] as object } : {}) });
      expect(response.statusCode).toBe(404);
    });

    if (/:(?!accountId)\w+/.test(route.url)) {
      it(`${label} answers 404 for another account's ids under one's own account`, async () => {
        const url = fillUrl(route.url, b.accountId);
        const response = await requestAs(t.app, bAdmin, { method: route.method, url, ...(SAMPLE_BODIES[label] ? { payload: SAMPLE_BODIES[label] as object } : {}) });
        expect(response.statusCode).toBe(404);
      });
    }
  }

  it('left account A untouched after all those attempts', async () => {
    const aAdmin = await signInAs(t.app, a.admin.email);
    const account = await requestAs(t.app, aAdmin, { method: 'GET', url: `/api/v1/accounts/${a.accountId}` });
    expect(account.json().purposeStatement).toBe('Delight every customer.');
    const members = await requestAs(t.app, aAdmin, { method: 'GET', url: `/api/v1/accounts/${a.accountId}/members` });
    expect(members.json().find((m: { userId: string }) => m.userId === a.agent.id).role).toBe('agent');
    const keys = await requestAs(t.app, aAdmin, { method: 'GET', url: `/api/v1/accounts/${a.accountId}/api-keys` });
    expect(keys.json().map((k: { name: string }) => k.name)).toEqual(['A key']);
    const invitations = await requestAs(t.app, aAdmin, { method: 'GET', url: `/api/v1/accounts/${a.accountId}/invitations` });
    expect(invitations.json().map((i: { email: string }) => i.email)).toEqual(['someone@example.test']);
    const inboxes = await requestAs(t.app, aAdmin, { method: 'GET', url: `/api/v1/accounts/${a.accountId}/inboxes` });
    expect(inboxes.json()).toHaveLength(2);
  });

  it('hides a conversation in an inbox the agent does not work in, as if it did not exist', async () => {
    const { db } = await getTestDatabase();
    const scopeB: AccountScope = { accountId: b.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    const contact = await createContact(db, scopeB, { name: 'Email customer' });
    const hidden = await createConversation(db, scopeB, { inboxId: b.inboxes.other, contactId: contact.id, subject: 'Not for the chat agent', messages: [] });
    const agent = await signInAs(t.app, b.agent.email);
    const direct = await requestAs(t.app, agent, { method: 'GET', url: `/api/v1/accounts/${b.accountId}/conversations/${hidden.id}` });
    expect(direct.statusCode).toBe(404);
    const list = await requestAs(t.app, agent, { method: 'GET', url: `/api/v1/accounts/${b.accountId}/conversations` });
    expect(list.json().items.map((c: { id: string }) => c.id)).not.toContain(hidden.id);
    const asAdmin = await requestAs(t.app, bAdmin, { method: 'GET', url: `/api/v1/accounts/${b.accountId}/conversations/${hidden.id}` });
    expect(asAdmin.statusCode).toBe(200);
  });
});
