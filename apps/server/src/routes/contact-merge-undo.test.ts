import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { createOrder } from '@touchpoint/commerce';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { eventsSettled } from '../testing/events-settled.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type TestApp, type TestWorkspace } from '../testing/test-app.ts';
import { getTestDatabase } from '../testing/test-database.ts';

let t: TestApp;
let ws: TestWorkspace;
let scope: AccountScope;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Merge undo');
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
});
afterAll(async () => {
  await t.close();
});

describe('undoing a profile merge', () => {
  it('gives the duplicate back its conversations, orders, events and profile, restores the kept profile, and audits both steps', async () => {
    const { db } = await getTestDatabase();
    const kept = await createContact(db, scope, { name: 'Kei', email: `kei-${randomUUID().slice(0, 8)}@example.test` });
    const duplicate = await createContact(db, scope, { name: 'Kei (shop)', email: `shop-${randomUUID().slice(0, 8)}@example.test`, timeZone: 'Asia/Tokyo' });
    const conversation = await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: duplicate.id, subject: 'Hello', messages: [] });
    await createOrder(db, scope, { number: `M-${randomUUID().slice(0, 6)}`, contactId: duplicate.id, currency: 'USD', lines: [{ title: 'Lamp', quantity: 1, unitPriceMinor: 5000 }] });
    await db.transaction((tx) => recordCustomerEvents(tx, ws.accountId, [{ contactId: duplicate.id, kind: 'track', name: 'Wishlisted', source: 'api' }]));
    await eventsSettled(ws.accountId);
    const admin = await signInAs(t.app, ws.admin.email);
    const base = `/api/v1/accounts/${ws.accountId}/contacts`;

    const merged = await requestAs(t.app, admin, { method: 'POST', url: `${base}/${kept.id}/merge`, payload: { duplicateId: duplicate.id } });
    expect(merged.statusCode, merged.body).toBe(200);
    await eventsSettled(ws.accountId);
    const traitsMerged = (await requestAs(t.app, admin, { method: 'GET', url: `${base}/${kept.id}/traits` })).json();
    expect(traitsMerged).toMatchObject({ orderCount: 1, lifetimeValue: [{ currency: 'USD', amountMinor: 5000 }] });
    expect(traitsMerged.eventCount).toBeGreaterThanOrEqual(2);

    const history = (await requestAs(t.app, admin, { method: 'GET', url: `${base}/${kept.id}/merges` })).json().merges;
    expect(history).toHaveLength(1);
    expect(history[0].moved).toMatchObject({ conversation: 1, order: 1 });
    const undone = await requestAs(t.app, admin, { method: 'POST', url: `${base}/${kept.id}/merges/${history[0].id}/undo` });
    expect(undone.statusCode, undone.body).toBe(200);
    expect((await requestAs(t.app, admin, { method: 'POST', url: `${base}/${kept.id}/merges/${history[0].id}/undo` })).statusCode).toBe(409);
    await eventsSettled(ws.accountId);

    const restored = await requestAs(t.app, admin, { method: 'GET', url: `${base}/${duplicate.id}` });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ name: 'Kei (shop)', timeZone: 'Asia/Tokyo' });
    expect((await requestAs(t.app, admin, { method: 'GET', url: `${base}/${kept.id}` })).json()).toMatchObject({ timeZone: null, otherEmails: [] });
    const conversationNow = await requestAs(t.app, admin, { method: 'GET', url: `/api/v1/accounts/${ws.accountId}/conversations/${conversation.id}` });
    expect(conversationNow.json().contact?.id ?? conversationNow.json().contactId).toBe(duplicate.id);
    expect((await requestAs(t.app, admin, { method: 'GET', url: `${base}/${duplicate.id}/traits` })).json()).toMatchObject({ orderCount: 1, lifetimeValue: [{ currency: 'USD', amountMinor: 5000 }] });
    expect((await requestAs(t.app, admin, { method: 'GET', url: `${base}/${kept.id}/traits` })).json()).toMatchObject({ orderCount: 0, eventCount: 0 });
    const events = (await requestAs(t.app, admin, { method: 'GET', url: `${base}/${duplicate.id}/events` })).json().events.map((event: { name: string }) => event.name);
    expect(events).toContain('Wishlisted');

    const audit = (await requestAs(t.app, admin, { method: 'GET', url: `/api/v1/accounts/${ws.accountId}/audit-log` })).json().items.map((item: { action: string }) => item.action);
    expect(audit).toEqual(expect.arrayContaining(['contact.merged', 'contact.unmerged']));
  });
});

describe('the order of undoing merges', () => {
  it('refuses to undo an earlier merge while a later one into the same contact is in place, then allows it once the later one is undone', async () => {
    const { db } = await getTestDatabase();
    const [kept, first, second] = await Promise.all(['Rei', 'Rei (old)', 'Rei (shop)'].map((name) => createContact(db, scope, { name })));
    const admin = await signInAs(t.app, ws.admin.email);
    const base = `/api/v1/accounts/${ws.accountId}/contacts/${kept!.id}`;
    const one = (await requestAs(t.app, admin, { method: 'POST', url: `${base}/merge`, payload: { duplicateId: first!.id } })).json().mergeId;
    const two = (await requestAs(t.app, admin, { method: 'POST', url: `${base}/merge`, payload: { duplicateId: second!.id } })).json().mergeId;
    expect((await requestAs(t.app, admin, { method: 'POST', url: `${base}/merges/${one}/undo` })).statusCode).toBe(409);
    expect((await requestAs(t.app, admin, { method: 'POST', url: `${base}/merges/${two}/undo` })).statusCode).toBe(200);
    expect((await requestAs(t.app, admin, { method: 'POST', url: `${base}/merges/${one}/undo` })).statusCode).toBe(200);
    const agent = await signInAs(t.app, ws.agent.email);
    expect((await requestAs(t.app, agent, { method: 'POST', url: `${base}/merges/${one}/undo` })).statusCode).toBe(403);
  });
});
