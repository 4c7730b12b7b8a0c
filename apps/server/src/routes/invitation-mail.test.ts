import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../testing/smtp-sink.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

/** Emails stay unique when the integration tier reuses a database between runs. */
const RUN = randomUUID().slice(0, 8);

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let t: TestApp;
let ws: TestWorkspace;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ env: { SMTP_URL: sink.url, MAIL_FROM: 'Sakura Support <support@sakura.test>' } });
  ws = await createTestWorkspace();
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

describe('invitation emails', () => {
  it('are sent over SMTP in the account’s language, with a link that works', async () => {
    const admin = await signInAs(t.app, ws.admin.email);
    await requestAs(t.app, admin, { method: 'PATCH', url: `/api/v1/accounts/${ws.accountId}`, payload: { defaultLocale: 'ja' } });
    const created = await requestAs(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${ws.accountId}/invitations`, payload: { email: `hanako-${RUN}@example.test`, role: 'agent' } });
    expect(created.json().emailed).toBe(true);

    const mail = sink.received.find((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '') === `hanako-${RUN}@example.test`)!;
    expect(mail).toBeTruthy();
    expect(mail.from?.text).toContain('support@sakura.test');
    expect(mail.subject).toContain('招待');
    expect(mail.text).toContain(created.json().url);
    expect(mail.html).toContain(`href="${created.json().url}"`);

    const token = new URL(created.json().url).pathname.split('/').at(-1)!;
    expect((await t.app.inject({ url: `/api/v1/invitations/${token}` })).json().email).toBe(`hanako-${RUN}@example.test`);
  });

  it('still creates the invitation, with emailed: false, when the relay is unreachable', async () => {
    const offline = await createTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
    try {
      const admin = await signInAs(offline.app, ws.admin.email);
      const created = await requestAs(offline.app, admin, { method: 'POST', url: `/api/v1/accounts/${ws.accountId}/invitations`, payload: { email: `offline-${RUN}@example.test`, role: 'agent' } });
      expect(created.statusCode).toBe(201);
      expect(created.json().emailed).toBe(false);
      expect(created.json().url).toContain('/invite/');
    } finally {
      await offline.close();
    }
  });
});
