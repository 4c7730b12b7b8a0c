import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('platform endpoints', () => {
  it('says it is alive on /healthz and ready on /readyz with the database kind', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().database).toMatch(/embedded|server/);
  });

  it('answers 503 on /readyz once readiness is withdrawn (shutdown)', async () => {
    t.services.readiness.ready = false;
    try {
      expect((await t.app.inject('/readyz')).statusCode).toBe(503);
    } finally {
      t.services.readiness.ready = true;
    }
  });

  it('serves an OpenAPI 3.1 document describing every API route, with security schemes', async () => {
    const response = await t.app.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/sign-in', '/api/v1/accounts/{accountId}/members/{userId}', '/api/v1/accounts/{accountId}/api-keys']));
    expect(doc.paths['/api/v1/auth/sign-in'].post.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(doc.components.securitySchemes).toHaveProperty('apiKey');
  });

  it('serves a readable API reference page', async () => {
    const response = await t.app.inject('/api/docs');
    const page = response.statusCode === 302 ? await t.app.inject(response.headers.location as string) : response;
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('echoes a safe x-request-id and makes one up otherwise', async () => {
    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-abc.123' } });
    expect(given.headers['x-request-id']).toBe('trace-abc.123');
    const unsafe = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id in problem answers', async () => {
    const response = await t.app.inject({ url: '/api/v1/me', headers: { 'x-request-id': 'find-me-42' } });
    expect(response.json()).toMatchObject({ status: 401, code: 'unauthenticated', requestId: 'find-me-42' });
  });
});
