import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '@touchpoint/contacts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let yui: string;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Template routes');
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  const { db } = await getTestDatabase();
  yui = (await createContact(db, { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } }, { name: '鈴木 結衣', email: `yui-${ws.accountId.slice(0, 8)}@example.test`, locale: 'ja', timeZone: 'Asia/Tokyo' })).id;
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;

describe('message template routes', () => {
  it('list the account’s templates and the built-ins in the shared list shape', async () => {
    const response = await requestAs(t.app, agent, { method: 'GET', url: url('/message-templates') });
    expect(response.statusCode).toBe(200);
    expect(response.json().templates).toContainEqual(expect.objectContaining({ id: 'builtin.win-back', name: 'Win-back', channel: 'email', builtIn: true, locales: ['en', 'ja', 'zh'] }));
  });

  it('preview a template for a customer in Japanese, and unsaved drafts with the exact error', async () => {
    const created = await requestAs(t.app, admin, { method: 'POST', url: url('/message-templates'), payload: { name: 'Thanks', channel: 'email', variants: { en: { subject: 'Thanks', html: '<p>Thanks</p>' }, ja: { subject: '{{ customer.name }} 様', html: '<p>ありがとうございます</p>' } } } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const preview = await requestAs(t.app, agent, { method: 'POST', url: url(`/message-templates/${id}/preview`), payload: { contactId: yui, locale: 'ja' } });
    expect(preview.json()).toEqual({ ok: true, locale: 'ja', content: expect.objectContaining({ subject: '鈴木 結衣 様', text: 'ありがとうございます' }) });
    const draft = await requestAs(t.app, agent, { method: 'POST', url: url(`/message-templates/${id}/preview`), payload: { contactId: yui, locale: 'ja', draft: { variants: { ja: { subject: '{{ order.number }}', html: 'x' } } } } });
    expect(draft.json()).toEqual({ ok: false, error: 'ja subject: undefined variable: order, line:1, col:4' });
  });

  it('refuse a template with a syntax error or a missing part, and agents may not write', async () => {
    const broken = await requestAs(t.app, admin, { method: 'POST', url: url('/message-templates'), payload: { name: 'Broken', channel: 'sms', variants: { en: { text: '{% if %}' } } } });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toContain('application/problem+json');
    const missing = await requestAs(t.app, admin, { method: 'POST', url: url('/message-templates'), payload: { name: 'No subject', channel: 'email', variants: { en: { html: 'x' } } } });
    expect(missing.json().errors).toContainEqual(expect.objectContaining({ path: 'variants.en.subject' }));
    const byAgent = await requestAs(t.app, agent, { method: 'POST', url: url('/message-templates'), payload: { name: 'Agent', channel: 'sms', variants: { en: { text: 'Hi' } } } });
    expect(byAgent.statusCode).toBe(403);
  });
});

describe('outreach settings routes', () => {
  it('save valid limits and refuse invalid ones without changing anything', async () => {
    const settings = { globalCap: { limit: 3, periodDays: 7 }, channelCaps: { sms: { limit: 1, periodDays: 7 } }, quietHours: { start: '21:00', end: '08:00', mode: 'defer' }, controlGroupPercent: 10 };
    expect((await requestAs(t.app, admin, { method: 'PUT', url: url('/outreach-settings'), payload: settings })).json()).toEqual(settings);
    const bad = await requestAs(t.app, admin, { method: 'PUT', url: url('/outreach-settings'), payload: { ...settings, quietHours: { start: '25:00', end: '08:00', mode: 'defer' }, controlGroupPercent: 90 } });
    expect(bad.statusCode).toBe(400);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url('/outreach-settings') })).json()).toEqual(settings);
  });
});
