import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@touchpoint/accounts';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { setCommunicationConsent } from '@touchpoint/customers';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type TestApp, type TestWorkspace } from '../testing/test-app.ts';
import { getTestDatabase } from '../testing/test-database.ts';

let t: TestApp;
let ws: TestWorkspace;
let scope: AccountScope;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Consent');
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
});
afterAll(async () => {
  await t.close();
});

describe('consent on the contact', () => {
  it('shows agents the customer’s answers with their history, and records what agents and API keys are told with their source', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Nao', email: `nao-${randomUUID().slice(0, 8)}@example.test` });
    const url = `/api/v1/accounts/${ws.accountId}/contacts/${contact.id}/consent`;
    await setCommunicationConsent(db, ws.accountId, contact.id, { sms: true }, 'portal', new Date('2026-01-01T00:00:00Z'));
    const agent = await signInAs(t.app, ws.agent.email);
    const byAgent = await requestAs(t.app, agent, { method: 'PUT', url, payload: { email: false } });
    expect(byAgent.statusCode, byAgent.body).toBe(200);
    expect(byAgent.json().consent).toMatchObject({ email: { granted: false, source: 'agent' }, sms: { granted: true, source: 'portal' }, whatsapp: null });
    const key = await createApiKey(db, scope, { name: 'CRM sync' });
    const byKey = await t.app.inject({ method: 'PUT', url, payload: { email: true }, headers: { authorization: `Bearer ${key.key}` } });
    expect(byKey.statusCode, byKey.body).toBe(200);
    expect(byKey.json().history.map((h: { channel: string; granted: boolean; source: string }) => `${h.channel}:${h.granted}:${h.source}`)).toEqual(['email:true:api', 'email:false:agent', 'sms:true:portal']);
    expect((await requestAs(t.app, agent, { method: 'PUT', url, payload: { fax: true } })).statusCode).toBe(400);
  });
});

describe('opening the portal as a customer', () => {
  it('gives an admin a one-time link that signs in as that customer, and records who opened it', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Rin', email: `rin-${randomUUID().slice(0, 8)}@example.test` });
    const admin = await signInAs(t.app, ws.admin.email);
    const opened = await requestAs(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${ws.accountId}/contacts/${contact.id}/portal-link` });
    expect(opened.statusCode, opened.body).toBe(201);
    const url = new URL(opened.json().url);
    const [, handle] = /^\/portal\/([^/]+)\/sign-in$/.exec(url.pathname) ?? [];
    const token = new URLSearchParams(url.hash.slice(1)).get('token');
    expect(handle && token).toBeTruthy();

    const redeem = () => t.app.inject({ method: 'POST', url: `/api/portal/${handle}/auth/redeem`, payload: { token } });
    const signedIn = await redeem();
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json()).toMatchObject({ name: 'Rin' });
    expect((await redeem()).statusCode).toBe(410);

    const audit = await requestAs(t.app, admin, { method: 'GET', url: `/api/v1/accounts/${ws.accountId}/audit-log` });
    expect(audit.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'contact.portal_opened', targetId: contact.id })]));
  });

  it('refuses agents, who could otherwise reply and start returns in the customer’s name', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Ken' });
    const agent = await signInAs(t.app, ws.agent.email);
    const refused = await requestAs(t.app, agent, { method: 'POST', url: `/api/v1/accounts/${ws.accountId}/contacts/${contact.id}/portal-link` });
    expect(refused.statusCode).toBe(403);
  });
});
