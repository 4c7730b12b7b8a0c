import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  await requestAs(t.app, admin, { method: 'PATCH', url: url(''), payload: { timeZone: 'Asia/Tokyo' } });
  const { db } = await getTestDatabase();
  const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const contact = await createContact(db, scope, { name: 'Report customer, "quoted"' });
  // 2026-03-01 23:30 in Tokyo is still 2026-03-01 14:30 UTC; answered after 10 minutes, resolved after 60.
  const at = (iso: string) => new Date(iso);
  await createConversation(db, scope, {
    inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'Late night in Tokyo', status: 'resolved', assigneeId: ws.agent.id,
    messages: [
      { direction: 'inbound', body: 'help', at: at('2026-03-01T14:30:00Z') },
      { direction: 'outbound', body: 'here', at: at('2026-03-01T14:40:00Z') },
      { direction: 'outbound', body: 'done', at: at('2026-03-01T15:30:00Z') },
    ],
  });
  // 2026-03-02 00:30 in Tokyo (2026-03-01 15:30 UTC) belongs to the next day in the account's zone.
  await createConversation(db, scope, { inboxId: ws.inboxes.other, contactId: contact.id, subject: '=cmd|calc', messages: [{ direction: 'inbound', body: 'hi', at: at('2026-03-01T15:30:00Z') }] });
});
afterAll(() => t.close());

describe('reports', () => {
  it('count per day in the account’s time zone, with response times, channels and agents', async () => {
    const response = await requestAs(t.app, admin, { method: 'GET', url: url('/reports/overview?from=2026-03-01&to=2026-03-03') });
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.timeZone).toBe('Asia/Tokyo');
    expect(report.volume).toEqual([
      { date: '2026-03-01', created: 1, resolved: 0 },
      { date: '2026-03-02', created: 1, resolved: 1 },
      { date: '2026-03-03', created: 0, resolved: 0 },
    ]);
    expect(report.firstResponseMinutes.median).toBe(10);
    expect(report.resolutionMinutes.median).toBe(60);
    expect(report.byChannel).toEqual(expect.arrayContaining([{ channel: 'web_chat', created: 1 }, { channel: 'email', created: 1 }]));
    expect(report.byAgent).toEqual([expect.objectContaining({ agentId: ws.agent.id, assigned: 1, resolved: 1, medianFirstResponseMinutes: 10 })]);
  });

  it('leave out inboxes the agent does not work in', async () => {
    const agent = await signInAs(t.app, ws.agent.email);
    const report = (await requestAs(t.app, agent, { method: 'GET', url: url('/reports/overview?from=2026-03-01&to=2026-03-03') })).json();
    expect(report.byChannel).toEqual([{ channel: 'web_chat', created: 1 }]);
  });

  it('export the period’s conversations as CSV, quoting commas and defusing formulas', async () => {
    const response = await requestAs(t.app, admin, { method: 'GET', url: url('/reports/conversations.csv?from=2026-03-01&to=2026-03-03') });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('conversations-2026-03-01-2026-03-03.csv');
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('number,subject,channel,inbox,status,priority,assignee,team,contact,created_at,first_response_at,resolved_at,first_response_minutes,resolution_minutes');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"Report customer, ""quoted"""');
    expect(lines[1]).toContain('2026-03-01 23:30');
    expect(lines[2]).toContain("'=cmd|calc");
  });

  it('refuse a period that ends before it starts, or a bad date', async () => {
    expect((await requestAs(t.app, admin, { method: 'GET', url: url('/reports/overview?from=2026-03-05&to=2026-03-01') })).statusCode).toBe(400);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url('/reports/overview?from=yesterday&to=2026-03-01') })).statusCode).toBe(400);
  });
});
