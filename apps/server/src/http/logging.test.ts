import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type TestApp, type TestWorkspace, TEST_PASSWORD } from '../testing/test-app.ts';
import { buildLoggerOptions, redactUrl } from './logging.ts';

/** Emails stay unique when the integration tier reuses a database between runs. */
const RUN = randomUUID().slice(0, 8);

const lines: string[] = [];
let t: TestApp;
let ws: TestWorkspace;

beforeAll(async () => {
  const sink = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
  const { level: _ignored, ...options } = buildLoggerOptions(loadConfig({ LOG_PRETTY: 'false' }));
  t = await createTestApp({ logger: pino({ ...options, level: 'trace' }, sink) });
  ws = await createTestWorkspace();
});
afterAll(() => t.close());

describe('logs', () => {
  it('never contain passwords, session cookies, CSRF tokens, API keys or invitation tokens', async () => {
    const secrets: string[] = [TEST_PASSWORD];
    const admin = await signInAs(t.app, ws.admin.email);
    secrets.push(admin.cookie.split('=')[1]!, admin.csrfToken);
    const { key } = (await requestAs(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${ws.accountId}/api-keys`, payload: { name: 'logged?' } })).json();
    secrets.push(key);
    await t.app.inject({ url: `/api/v1/accounts/${ws.accountId}/home`, headers: { authorization: `Bearer ${key}` } });
    const invitation = (await requestAs(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${ws.accountId}/invitations`, payload: { email: `logs-${RUN}@example.test`, role: 'agent' } })).json();
    const token = new URL(invitation.url).pathname.split('/').at(-1)!;
    secrets.push(token);
    await t.app.inject({ url: `/api/v1/invitations/${token}` });
    await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { name: 'Logged', password: 'secret-new-password-1' } });
    secrets.push('secret-new-password-1');
    await requestAs(t.app, admin, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'another-secret-pass-2' } });
    secrets.push('another-secret-pass-2');

    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(text).toContain('/api/v1/invitations/');
    for (const secret of secrets) expect(text, `a secret leaked: ${secret.slice(0, 6)}…`).not.toContain(secret);
  });

  it('masks long random path segments and secret query parameters in URLs', () => {
    expect(redactUrl('/api/v1/invitations/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abc/accept')).toBe('/api/v1/invitations/AbCd…/accept');
    expect(redactUrl('/x?token=abc&page=2')).toBe('/x?token=…&page=2');
    expect(redactUrl('/api/v1/accounts/6f1c2b9e-8d1a-4c55-9a7e-2c3b4d5e6f70')).toBe('/api/v1/accounts/6f1c2b9e-8d1a-4c55-9a7e-2c3b4d5e6f70');
  });
});
