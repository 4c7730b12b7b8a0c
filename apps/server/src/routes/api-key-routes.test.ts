import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}${path}`;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
});
afterAll(() => t.close());

describe('API keys', () => {
  it('shows the secret once, authenticates server-to-server calls without CSRF, and stops working when revoked', async () => {
    const created = await requestAs(t.app, admin, { method: 'POST', url: url('/api-keys'), payload: { name: 'Shop backend' } });
    expect(created.statusCode).toBe(201);
    const { id, key, prefix } = created.json();
    expect(key).toMatch(/^tp_[\w-]{40,}$/);
    expect(key.startsWith(prefix)).toBe(true);

    const listed = await requestAs(t.app, admin, { method: 'GET', url: url('/api-keys') });
    expect(listed.body).not.toContain(key);
    expect(listed.json()).toEqual([expect.objectContaining({ id, name: 'Shop backend', prefix, createdBy: ws.admin.id })]);

    const bearer = { authorization: `Bearer ${key}` };
    expect((await t.app.inject({ url: url('/home'), headers: bearer })).statusCode).toBe(200);
    const write = await t.app.inject({ method: 'POST', url: url('/inboxes'), headers: bearer, payload: { name: 'Partner API', channel: 'api' } });
    expect(write.statusCode).toBe(201);

    const log = await requestAs(t.app, admin, { method: 'GET', url: url('/audit-log') });
    expect(log.json().items[0]).toMatchObject({ action: 'inbox.created', actor: { type: 'api_key', id } });

    expect((await requestAs(t.app, admin, { method: 'DELETE', url: url(`/api-keys/${id}`) })).statusCode).toBe(204);
    const after = await t.app.inject({ url: url('/home'), headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
  });

  it('refuses a malformed Authorization header and an unknown key', async () => {
    expect((await t.app.inject({ url: url('/home'), headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: url('/home'), headers: { authorization: 'Bearer tp_unknown' } })).statusCode).toBe(401);
  });

  it('cannot reach the person-level routes, which need a signed-in person', async () => {
    const { key } = (await requestAs(t.app, admin, { method: 'POST', url: url('/api-keys'), payload: { name: 'k' } })).json();
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(401);
  });
});
