import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;

const accountUrl = () => `/api/v1/accounts/${ws.accountId}`;

async function auditCount() {
  const response = await requestAs(t.app, admin, { method: 'GET', url: `${accountUrl()}/audit-log?limit=200` });
  return response.json().items.length as number;
}

beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
});
afterAll(() => t.close());

describe('bad input gets a problem+json answer naming the problem, and changes nothing', () => {
  it('rejects malformed JSON', async () => {
    const before = await auditCount();
    const response = await requestAs(t.app, admin, { method: 'PATCH', url: accountUrl(), headers: { 'content-type': 'application/json' }, payload: '{"purposeStatement": "oops"' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'malformed_body', detail: 'The body is not valid JSON.' });
    expect(await auditCount()).toBe(before);
  });

  it('names each field with a wrong type', async () => {
    const response = await requestAs(t.app, admin, { method: 'PATCH', url: accountUrl(), payload: { name: 42, timeZone: 'Mars/Olympus' } });
    expect(response.statusCode).toBe(400);
    const paths = response.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['name', 'timeZone']);
  });

  it('rejects unknown fields instead of ignoring them', async () => {
    const response = await requestAs(t.app, admin, { method: 'PATCH', url: accountUrl(), payload: { purposeStatment: 'typo in the field name' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toContain('purposeStatment');
  });

  it('rejects an oversized body with 413', async () => {
    const response = await requestAs(t.app, admin, { method: 'PATCH', url: accountUrl(), payload: { purposeStatement: 'x'.repeat(10_000) } });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('payload_too_large');
  });

  it('rejects a body that is not JSON with 415', async () => {
    const response = await requestAs(t.app, admin, { method: 'PATCH', url: accountUrl(), headers: { 'content-type': 'text/plain' }, payload: 'purposeStatement=hi' });
    expect(response.statusCode).toBe(415);
  });

  it('rejects an id that is not a UUID with 400, naming the parameter', async () => {
    const response = await requestAs(t.app, admin, { method: 'DELETE', url: `${accountUrl()}/api-keys/not-a-uuid` });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('params.apiKeyId');
  });

  it('answers 404 for an account id that is not a UUID, like any unknown account', async () => {
    const response = await requestAs(t.app, admin, { method: 'GET', url: '/api/v1/accounts/12345/home' });
    expect(response.statusCode).toBe(404);
  });

  it('rejects a bad query parameter', async () => {
    const response = await requestAs(t.app, admin, { method: 'GET', url: `${accountUrl()}/conversations?status=exploded&limit=5000` });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['querystring.limit', 'querystring.status']);
  });

  it('leaves the account as it was after all of the above', async () => {
    const response = await requestAs(t.app, admin, { method: 'GET', url: accountUrl() });
    expect(response.json()).toMatchObject({ purposeStatement: 'Delight every customer.', timeZone: 'UTC' });
    expect(await auditCount()).toBe(0);
  });

  it('answers unknown API paths with a 404 problem, not the console page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
