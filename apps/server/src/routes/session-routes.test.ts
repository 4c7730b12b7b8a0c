import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type TestApp, type TestWorkspace, TEST_PASSWORD } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
});
afterAll(() => t.close());

describe('signing in', () => {
  it('sets an httpOnly SameSite session cookie and returns the person, their accounts and a CSRF token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: ws.admin.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'tp_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = response.json();
    expect(body.user.email).toBe(ws.admin.email);
    expect(body.accounts).toEqual([expect.objectContaining({ id: ws.accountId, role: 'admin' })]);
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('answers a wrong password and an unknown email with the same 401 problem', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: ws.agent.email, password: 'not the password' }, remoteAddress: '10.1.1.1' });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'nobody@example.test', password: 'whatever it is' }, remoteAddress: '10.1.1.1' });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'invalid_credentials', status: 401, detail: 'The email or password is not right.' });
    }
  });

  it('locks an email out after five failed attempts, even for the right password, and says when to retry', async () => {
    const victim = await createTestWorkspace();
    for (let i = 0; i < 5; i++) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: victim.agent.email, password: `guess-${i}` }, remoteAddress: `10.2.0.${i}` });
      expect(response.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: victim.agent.email, password: TEST_PASSWORD }, remoteAddress: '10.2.0.99' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: victim.admin.email, password: TEST_PASSWORD }, remoteAddress: '10.2.0.99' });
    expect(other.statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('rejects a state-changing request that lacks the CSRF token, and accepts it with the token', async () => {
    const me = await signInAs(t.app, ws.agent.email);
    const withoutToken = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: me.cookie }, payload: { locale: 'ja' } });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().code).toBe('csrf_failed');
    const withToken = await requestAs(t.app, me, { method: 'PATCH', url: '/api/v1/me', payload: { locale: 'ja' } });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.json().user.locale).toBe('ja');
  });

  it('ends only this session on sign-out, and every session on sign-out everywhere', async () => {
    const laptop = await signInAs(t.app, ws.admin.email);
    const phone = await signInAs(t.app, ws.admin.email);
    const tablet = await signInAs(t.app, ws.admin.email);
    expect((await requestAs(t.app, laptop, { method: 'POST', url: '/api/v1/auth/sign-out' })).statusCode).toBe(204);
    expect((await requestAs(t.app, laptop, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await requestAs(t.app, phone, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await requestAs(t.app, phone, { method: 'POST', url: '/api/v1/auth/sign-out-everywhere' })).statusCode).toBe(204);
    expect((await requestAs(t.app, phone, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await requestAs(t.app, tablet, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('changes the password only with the current one, and ends the other sessions', async () => {
    const own = await createTestWorkspace();
    const here = await signInAs(t.app, own.agent.email);
    const elsewhere = await signInAs(t.app, own.agent.email);
    const wrong = await requestAs(t.app, here, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'nope', newPassword: 'a brand new passphrase' } });
    expect(wrong.statusCode).toBe(401);
    const tooShort = await requestAs(t.app, here, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0].path).toBe('newPassword');
    const ok = await requestAs(t.app, here, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' } });
    expect(ok.statusCode).toBe(204);
    expect((await requestAs(t.app, here, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await requestAs(t.app, elsewhere, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    await signInAs(t.app, own.agent.email, 'a brand new passphrase');
  });

  it('answers 401 to a forged or missing session cookie', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'tp_session=forged' } })).statusCode).toBe(401);
  });
});
