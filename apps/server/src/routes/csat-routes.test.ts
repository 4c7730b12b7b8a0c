import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let agent: SignedIn;
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;

/** A conversation assigned to the agent and resolved: the survey opens. */
async function resolvedConversation() {
  const admin = await signInAs(t.app, ws.admin.email);
  const contact = (await requestAs(t.app, admin, { method: 'POST', url: url('/contacts'), payload: { name: '鈴木 結衣', locale: 'ja' } })).json();
  const conversation = (await requestAs(t.app, admin, { method: 'POST', url: url('/conversations'), payload: { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'ギフト', message: { body: 'ラッピングできますか？' } } })).json();
  await requestAs(t.app, admin, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { assigneeId: ws.agent.id } });
  const resolved = (await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { status: 'resolved' } })).json();
  return { conversation: resolved, token: new URL(resolved.csat.url).pathname.split('/').at(-1)! };
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  agent = await signInAs(t.app, ws.agent.email);
});
afterAll(() => t.close());

describe('CSAT', () => {
  it('opens a survey when a conversation is resolved, and shows the customer’s rating on the conversation and in reports', async () => {
    const { conversation, token } = await resolvedConversation();
    expect(conversation.csat).toMatchObject({ url: expect.stringContaining('/csat/'), rating: null });
    const survey = await t.app.inject({ url: `/api/v1/csat/${token}` });
    expect(survey.json()).toMatchObject({ number: conversation.number, subject: 'ギフト', locale: 'ja', expired: false, rating: null });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/csat/${token}`, payload: { rating: 5, comment: 'とても丁寧でした' } })).statusCode).toBe(204);
    const after = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
    expect(after.csat).toMatchObject({ rating: 5, comment: 'とても丁寧でした' });
    const today = new Date().toISOString().slice(0, 10);
    const report = (await requestAs(t.app, agent, { method: 'GET', url: url(`/reports/overview?from=${today}&to=${today}`) })).json();
    expect(report.csat).toMatchObject({ count: 1, average: 5, satisfiedRatio: 1 });
    expect(report.byAgent).toEqual([expect.objectContaining({ agentId: ws.agent.id, csatAverage: 5 })]);
  });

  it('lets the customer change the answer, and refuses a rating outside 1–5', async () => {
    const { conversation, token } = await resolvedConversation();
    await t.app.inject({ method: 'POST', url: `/api/v1/csat/${token}`, payload: { rating: 2 } });
    await t.app.inject({ method: 'POST', url: `/api/v1/csat/${token}`, payload: { rating: 4, comment: 'better after a second look' } });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/csat/${token}`, payload: { rating: 9 } })).statusCode).toBe(400);
    const after = (await requestAs(t.app, agent, { method: 'GET', url: url(`/conversations/${conversation.id}`) })).json();
    expect(after.csat).toMatchObject({ rating: 4, comment: 'better after a second look' });
  });

  it('serves a survey page in the customer’s language that works without JavaScript and shows comments as text', async () => {
    const { token } = await resolvedConversation();
    const page = await t.app.inject({ url: `/csat/${token}`, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<html lang="zh">');
    expect(page.body).toContain('非常满意');
    const posted = await t.app.inject({ method: 'POST', url: `/csat/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' }, payload: 'rating=3&comment=%3Cscript%3Ealert(1)%3C%2Fscript%3E' });
    expect(posted.statusCode).toBe(200);
    expect(posted.body).toContain('Thank you!');
    expect(posted.body).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(posted.body).not.toContain('<script>');
    const missing = await t.app.inject({ method: 'POST', url: `/csat/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'comment=no+rating' });
    expect(missing.statusCode).toBe(400);
  });

  it('answers 404 for an unknown survey', async () => {
    expect((await t.app.inject({ url: '/api/v1/csat/unknown-token-0123456789' })).statusCode).toBe(404);
  });
});
