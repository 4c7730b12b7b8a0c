import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAllSegments } from '@touchpoint/segments';
import { eventsSettled } from '../testing/events-settled.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}${path}`;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Segments');
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
});
afterAll(() => t.close());

async function addContact(name: string, email: string, attributes: Record<string, string> = {}) {
  const response = await requestAs(t.app, admin, { method: 'POST', url: url('/contacts'), payload: { name, email, attributes } });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

describe('segment routes', () => {
  it('creates a dynamic segment, builds it, lists it with its count and pages, searches and exports its members', async () => {
    const yui = await addContact('Yui Tanaka', 'yui@segments.test', { plan: 'gold' });
    const ken = await addContact('Ken Sato', 'ken@segments.test', { plan: 'gold' });
    await addContact('Mei Lin', 'mei@segments.test', { plan: 'free' });
    const created = await requestAs(t.app, admin, { method: 'POST', url: url('/segments'), payload: { name: 'Gold plan', kind: 'dynamic', condition: { kind: 'attribute', key: 'attributes.plan', operator: 'eq', value: 'gold' } } });
    expect(created.statusCode).toBe(201);
    const segment = created.json();
    expect(segment.build.status).toBe('building');
    await buildAllSegments((await getTestDatabase()).db);

    const list = await requestAs(t.app, agent, { method: 'GET', url: url('/segments') });
    expect(list.json().segments).toEqual([expect.objectContaining({ id: segment.id, name: 'Gold plan', kind: 'dynamic', memberCount: 2, build: { status: 'ready', done: 3, total: 3 } })]);
    const detail = await requestAs(t.app, agent, { method: 'GET', url: url(`/segments/${segment.id}`) });
    expect(detail.json()).toMatchObject({ memberCount: 2, condition: { key: 'attributes.plan' }, dependencies: ['field:attributes'] });

    const first = await requestAs(t.app, agent, { method: 'GET', url: url(`/segments/${segment.id}/members?limit=1`) });
    expect(first.json().members).toHaveLength(1);
    const second = await requestAs(t.app, agent, { method: 'GET', url: url(`/segments/${segment.id}/members?limit=1&after=${first.json().nextCursor}`) });
    expect([first.json().members[0].contactId, second.json().members[0].contactId].sort()).toEqual([yui, ken].sort());
    expect(second.json().nextCursor).toBeNull();
    const search = await requestAs(t.app, agent, { method: 'GET', url: url(`/segments/${segment.id}/members?search=TANAKA`) });
    expect(search.json().members.map((m: { contactId: string }) => m.contactId)).toEqual([yui]);

    const csv = await requestAs(t.app, agent, { method: 'GET', url: url(`/segments/${segment.id}/members.csv`) });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('segment-Gold-plan.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('contact_id,name,email,phone,entered_at');
    expect(lines.slice(1).map((line) => line.split(',')[0]).sort()).toEqual([yui, ken].sort());
  });

  it('moves members live when a profile changes through the API (the outbox sink), and counts follow', async () => {
    const contactId = await addContact('Aoi Mori', 'aoi@segments.test', { tier: 'silver' });
    const segment = (await requestAs(t.app, admin, { method: 'POST', url: url('/segments'), payload: { name: 'Platinum', kind: 'dynamic', condition: { kind: 'attribute', key: 'attributes.tier', operator: 'eq', value: 'platinum' } } })).json();
    await buildAllSegments((await getTestDatabase()).db);
    await eventsSettled(ws.accountId);
    const patched = await requestAs(t.app, admin, { method: 'PATCH', url: url(`/contacts/${contactId}`), payload: { attributes: { tier: 'platinum' } } });
    expect(patched.statusCode).toBe(200);
    await eventsSettled(ws.accountId);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url(`/segments/${segment.id}`) })).json().memberCount).toBe(1);
  });

  it('adds to and removes from a manual list, idempotently', async () => {
    const contactId = await addContact('Sora Ito', 'sora@segments.test');
    const list = (await requestAs(t.app, admin, { method: 'POST', url: url('/segments'), payload: { name: 'Beta', kind: 'manual' } })).json();
    const add = () => requestAs(t.app, agent, { method: 'PUT', url: url(`/segments/${list.id}/members/${contactId}`) });
    expect((await add()).json()).toEqual({ added: true });
    expect((await add()).json()).toEqual({ added: false });
    expect((await requestAs(t.app, agent, { method: 'GET', url: url(`/segments/${list.id}`) })).json().memberCount).toBe(1);
    const remove = await requestAs(t.app, agent, { method: 'DELETE', url: url(`/segments/${list.id}/members/${contactId}`) });
    expect(remove.json()).toEqual({ removed: true });
  });

  it('previews a condition without saving it', async () => {
    const before = (await requestAs(t.app, agent, { method: 'GET', url: url('/segments') })).json().segments.length;
    const preview = await requestAs(t.app, agent, { method: 'POST', url: url('/segments/preview'), payload: { condition: { kind: 'attribute', key: 'email', operator: 'contains', value: 'segments.test' } } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().count).toBeGreaterThanOrEqual(5);
    expect(preview.json().sample.length).toBeGreaterThan(0);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url('/segments') })).json().segments.length).toBe(before);
  });

  it('answers bad input with problem+json naming the field, and changes nothing; only admins create segments', async () => {
    const before = (await requestAs(t.app, agent, { method: 'GET', url: url('/segments') })).json().segments.length;
    const unknownKey = await requestAs(t.app, admin, { method: 'POST', url: url('/segments'), payload: { name: 'Bad', kind: 'dynamic', condition: { kind: 'attribute', key: 'shoeSize', operator: 'eq', value: 1 } } });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.headers['content-type']).toContain('application/problem+json');
    expect(unknownKey.json().errors).toEqual([expect.objectContaining({ path: 'condition.key' })]);
    const badShape = await requestAs(t.app, admin, { method: 'POST', url: url('/segments'), payload: { name: 'Bad', kind: 'dynamic', condition: { kind: 'event', name: 'x', operator: 'most', count: 1 } } });
    expect(badShape.statusCode).toBe(400);
    const missing = await requestAs(t.app, admin, { method: 'POST', url: url('/segments'), payload: { name: 'Bad', kind: 'dynamic' } });
    expect(missing.statusCode).toBe(400);
    const asAgent = await requestAs(t.app, agent, { method: 'POST', url: url('/segments'), payload: { name: 'Mine', kind: 'manual' } });
    expect(asAgent.statusCode).toBe(403);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url('/segments') })).json().segments.length).toBe(before);
  });
});
