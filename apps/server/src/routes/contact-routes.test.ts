import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { createOrder, startReturn } from '@touchpoint/commerce';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { schema } from '@touchpoint/db';
import { eventsSettled } from '../testing/events-settled.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

const RUN = randomUUID().slice(0, 8);
let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
let scope: AccountScope;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}${path}`;
const mail = (name: string) => `${name}-${RUN}@example.test`;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Contacts');
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
});
afterAll(() => t.close());

async function countContacts() {
  const { db } = await getTestDatabase();
  const { eq } = await import('drizzle-orm');
  return (await db.select().from(schema.contacts).where(eq(schema.contacts.accountId, ws.accountId))).length;
}

async function waitForImport(importId: string) {
  for (let i = 0; i < 200; i++) {
    const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts/imports/${importId}`) });
    if (response.json().status !== 'running') return response.json();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

describe('contact profiles', () => {
  it('lets an agent create and update a full profile, with its company shown', async () => {
    const company = await requestAs(t.app, agent, { method: 'POST', url: url('/companies'), payload: { name: `株式会社テスト ${RUN}`, domain: 'Example.JP' } });
    expect(company.statusCode).toBe(201);
    expect(company.json()).toMatchObject({ domain: 'example.jp', contactCount: 0 });
    const created = await requestAs(t.app, agent, {
      method: 'POST',
      url: url('/contacts'),
      payload: { name: '田中 結衣', email: mail('Yui'), phone: '+81 90-1234-5678', locale: 'ja', timeZone: 'asia/tokyo', socialHandles: { line: 'yui_t' }, companyId: company.json().id, attributes: { tier: 'gold', visits: 3, vip: true } },
    });
    expect(created.statusCode).toBe(201);
    const contact = created.json();
    expect(contact).toMatchObject({ email: mail('yui'), phone: '+819012345678', timeZone: 'Asia/Tokyo', company: { id: company.json().id, name: `株式会社テスト ${RUN}` }, attributes: { tier: 'gold', visits: 3, vip: true } });

    const updated = await requestAs(t.app, agent, { method: 'PATCH', url: url(`/contacts/${contact.id}`), payload: { otherEmails: [mail('yui.work')], attributes: { visits: 4, vip: null }, locale: 'en' } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: '田中 結衣', otherEmails: [mail('yui.work')], attributes: { tier: 'gold', visits: 4 }, locale: 'en' });
    expect(updated.json().attributes).not.toHaveProperty('vip');

    const page = await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts/${contact.id}`) });
    expect(page.json()).toMatchObject({ company: { name: `株式会社テスト ${RUN}` }, orders: [], conversations: [] });
    const companies = await requestAs(t.app, agent, { method: 'GET', url: url('/companies') });
    expect(companies.json().items.find((c: { id: string }) => c.id === company.json().id).contactCount).toBe(1);
  });

  it('finds contacts by name, any of their emails, or phone', async () => {
    const created = await requestAs(t.app, agent, { method: 'POST', url: url('/contacts'), payload: { name: `王小明 ${RUN}`, otherEmails: [mail('wang.other')], otherPhones: ['+86 138 0000 1111'] } });
    for (const q of [`王小明 ${RUN}`, `wang.other-${RUN}`, '13800001111']) {
      const found = await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts?q=${encodeURIComponent(q)}`) });
      expect(found.json().items.map((c: { id: string }) => c.id)).toContain(created.json().id);
    }
  });

  it('answers 400 naming the field for a bad email, time zone or company, and writes nothing', async () => {
    const before = await countContacts();
    const cases: [object, string][] = [
      [{ name: 'X', email: 'not-an-email' }, 'email'],
      [{ name: 'X', timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ name: 'X', companyId: randomUUID() }, 'companyId'],
      [{ name: 'X', locale: 'fr' }, 'locale'],
      [{ name: 'X', socialHandles: { myspace: 'x' } }, 'socialHandles'],
      [{ name: '' }, 'name'],
    ];
    for (const [payload, field] of cases) {
      const response = await requestAs(t.app, agent, { method: 'POST', url: url('/contacts'), payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path).join(' ')).toContain(field);
    }
    expect(await countContacts()).toBe(before);
  });

  it('answers 409 naming the other contact when an email is already used by a live contact', async () => {
    const first = await createContact((await getTestDatabase()).db, scope, { name: 'First', email: mail('dup') });
    const second = await requestAs(t.app, agent, { method: 'POST', url: url('/contacts'), payload: { name: 'Second', email: mail('DUP') } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'conflict' });
    expect(second.json().detail).toContain(first.id);
    const other = await createContact((await getTestDatabase()).db, scope, { name: 'Other' });
    const patched = await requestAs(t.app, agent, { method: 'PATCH', url: url(`/contacts/${other.id}`), payload: { otherEmails: [mail('dup')] } });
    expect(patched.statusCode).toBe(409);
  });

  it('lets only admins delete, erasing the contact with its conversations and writing an audit entry', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Forget me', email: mail('forget') });
    await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'private', messages: [{ direction: 'inbound', body: 'hi', at: new Date() }] });
    const byAgent = await requestAs(t.app, agent, { method: 'DELETE', url: url(`/contacts/${contact.id}`) });
    expect(byAgent.statusCode).toBe(403);
    const byAdmin = await requestAs(t.app, admin, { method: 'DELETE', url: url(`/contacts/${contact.id}`) });
    expect(byAdmin.statusCode).toBe(204);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts/${contact.id}`) })).statusCode).toBe(404);
    const audit = await requestAs(t.app, admin, { method: 'GET', url: url('/audit-log') });
    expect(audit.json().items.find((e: { action: string; targetId: string }) => e.action === 'contact.deleted' && e.targetId === contact.id)).toBeTruthy();
    expect(audit.body).not.toContain('Forget me');
  });
});

describe('notes', () => {
  it('lists notes newest first; authors delete their own, admins any, other agents none', async () => {
    const { db } = await getTestDatabase();
    const contact = await createContact(db, scope, { name: 'Noted' });
    const first = await requestAs(t.app, agent, { method: 'POST', url: url(`/contacts/${contact.id}/notes`), payload: { body: 'Prefers <b>email</b>' } });
    expect(first.statusCode).toBe(201);
    const second = await requestAs(t.app, admin, { method: 'POST', url: url(`/contacts/${contact.id}/notes`), payload: { body: '二番目のメモ' } });
    const list = await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts/${contact.id}/notes`) });
    expect(list.json().items.map((n: { body: string }) => n.body)).toEqual(['二番目のメモ', 'Prefers <b>email</b>']);
    expect(list.json().items[1].author.id).toBe(ws.agent.id);
    const agentDeletesAdmins = await requestAs(t.app, agent, { method: 'DELETE', url: url(`/contacts/${contact.id}/notes/${second.json().id}`) });
    expect(agentDeletesAdmins.statusCode).toBe(403);
    expect((await requestAs(t.app, agent, { method: 'DELETE', url: url(`/contacts/${contact.id}/notes/${first.json().id}`) })).statusCode).toBe(204);
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: url(`/contacts/${contact.id}/notes/${second.json().id}`) })).statusCode).toBe(204);
    const empty = await requestAs(t.app, agent, { method: 'POST', url: url(`/contacts/${contact.id}/notes`), payload: { body: '   ' } });
    expect(empty.statusCode).toBe(400);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts/${contact.id}/notes`) })).json().items).toEqual([]);
  });
});

describe('merge and timeline', () => {
  it('moves the duplicate’s conversations, orders and notes to the kept contact and hides the duplicate', async () => {
    const { db } = await getTestDatabase();
    const kept = await createContact(db, scope, { name: 'Kept', email: mail('kept'), attributes: { tier: 'gold' } });
    const dup = await createContact(db, scope, { name: 'Dup', email: mail('dupe'), phone: '+8190000', socialHandles: { line: 'dup_line' }, attributes: { tier: 'silver', size: 'M' } });
    const conversation = await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: dup.id, subject: 'Where is my parcel', messages: [{ direction: 'inbound', body: 'hello', at: new Date(Date.now() - 3600_000) }] });
    const order = await createOrder(db, scope, { contactId: dup.id, number: `M-${RUN}`, currency: 'JPY', lines: [{ title: 'Tea towel', quantity: 1, unitPriceMinor: 4200 }], shipments: [{ status: 'delivered' }], placedAt: new Date(Date.now() - 7200_000) });
    await startReturn(db, scope, dup.id, { orderId: order.id, lines: [{ lineId: 'L1', quantity: 1 }], reason: 'changed_mind', resolution: 'refund', source: 'agent' }, new Date(Date.now() - 7000_000));
    // The return's notice to the customer is a message on the conversation, sent by a sink: settled before the note is written.
    await eventsSettled(ws.accountId);
    await requestAs(t.app, agent, { method: 'POST', url: url(`/contacts/${dup.id}/notes`), payload: { body: 'Called twice' } });

    const merged = await requestAs(t.app, agent, { method: 'POST', url: url(`/contacts/${kept.id}/merge`), payload: { duplicateId: dup.id } });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ email: mail('kept'), otherEmails: [mail('dupe')], phone: '+8190000', socialHandles: { line: 'dup_line' }, attributes: { tier: 'gold', size: 'M' }, moved: { conversations: 1, orders: 1, returns: 1, notes: 1 } });

    const gone = await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts/${dup.id}`) });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().detail).toContain(kept.id);
    const list = await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts?q=${encodeURIComponent(mail('dupe'))}`) });
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([kept.id]);

    const timeline = await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts/${kept.id}/timeline`) });
    expect(timeline.json().items.map((i: { kind: string }) => i.kind)).toEqual(['note', 'conversation', 'return', 'order']);
    expect(timeline.json().items[1]).toMatchObject({ id: conversation.id, summary: expect.stringContaining('Where is my parcel') });
    expect(timeline.json().items[2].summary).toContain(`requested for order M-${RUN} (Tea towel × 1)`);
    expect(timeline.json().items[3].summary).toContain('4200 JPY');

    const audit = await requestAs(t.app, admin, { method: 'GET', url: url('/audit-log') });
    expect(audit.json().items.find((e: { action: string; targetId: string }) => e.action === 'contact.merged' && e.targetId === kept.id)).toBeTruthy();
  });

  it('refuses with 409 to merge a contact into itself or a contact that is already merged', async () => {
    const { db } = await getTestDatabase();
    const a = await createContact(db, scope, { name: 'A' });
    const b = await createContact(db, scope, { name: 'B' });
    expect((await requestAs(t.app, agent, { method: 'POST', url: url(`/contacts/${a.id}/merge`), payload: { duplicateId: a.id } })).statusCode).toBe(409);
    expect((await requestAs(t.app, agent, { method: 'POST', url: url(`/contacts/${a.id}/merge`), payload: { duplicateId: b.id } })).statusCode).toBe(200);
    expect((await requestAs(t.app, agent, { method: 'POST', url: url(`/contacts/${a.id}/merge`), payload: { duplicateId: b.id } })).statusCode).toBe(409);
    const intoMerged = await requestAs(t.app, agent, { method: 'POST', url: url(`/contacts/${b.id}/merge`), payload: { duplicateId: a.id } });
    expect(intoMerged.statusCode).toBe(404);
    expect(intoMerged.json().detail).toContain(a.id);
  });
});

describe('CSV import and export', () => {
  it('imports in the background: creates, upserts by email then phone, and reports bad rows by line', async () => {
    const { db } = await getTestDatabase();
    const existing = await createContact(db, scope, { name: 'Old name', email: mail('csv.known') });
    const byPhone = await createContact(db, scope, { name: 'Phone only', phone: '+81 3 1111 2222' });
    const csv = [
      '\uFEFFname,email,phone,locale,time_zone,company,attr.tier',
      `新しい名前,${mail('CSV.known')},,ja,Asia/Tokyo,Acme ${RUN},gold`,
      `By phone,${mail('csv.phone')},+81-3-1111-2222,,,,`,
      `"Li, Wei",${mail('csv.new')},,zh,Asia/Shanghai,Acme ${RUN},silver`,
      'Bad email,nope,,,,,',
      'Bad zone,' + mail('csv.zone') + ',,,Mars/Base,,',
    ].join('\r\n');
    const started = await requestAs(t.app, admin, { method: 'POST', url: url('/contacts/imports'), payload: { fileName: 'customers.csv', csv } });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: 'running', totalRows: 5 });
    const done = await waitForImport(started.json().id);
    expect(done).toMatchObject({ status: 'completed', processedRows: 5, created: 1, updated: 2, skipped: 2 });
    expect(done.errors).toEqual([{ row: 5, message: expect.stringContaining('email') }, { row: 6, message: expect.stringContaining('time_zone') }]);

    const known = await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts/${existing.id}`) });
    expect(known.json()).toMatchObject({ name: '新しい名前', locale: 'ja', timeZone: 'Asia/Tokyo', attributes: { tier: 'gold' }, company: { name: `Acme ${RUN}` } });
    const phone = await requestAs(t.app, agent, { method: 'GET', url: url(`/contacts/${byPhone.id}`) });
    expect(phone.json()).toMatchObject({ name: 'By phone', email: mail('csv.phone') });
    const companies = await requestAs(t.app, agent, { method: 'GET', url: url('/companies') });
    expect(companies.json().items.filter((c: { name: string }) => c.name === `Acme ${RUN}`)).toEqual([expect.objectContaining({ contactCount: 2 })]);
  });

  it('skips a row the database refuses and still imports the rest of its batch', async () => {
    const csv = ['name,email', `Fine one,${mail('nul.a')}`, `Bad\u0000name,${mail('nul.b')}`, `Fine two,${mail('nul.c')}`].join('\n');
    const started = await requestAs(t.app, admin, { method: 'POST', url: url('/contacts/imports'), payload: { fileName: 'nul.csv', csv } });
    const done = await waitForImport(started.json().id);
    expect(done).toMatchObject({ status: 'completed', created: 2, skipped: 1, errors: [{ row: 3, message: expect.any(String) }] });
  });

  it('processes a file larger than one batch', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => `Bulk ${i},bulk${i}-${RUN}@example.test`);
    const started = await requestAs(t.app, admin, { method: 'POST', url: url('/contacts/imports'), payload: { fileName: 'bulk.csv', csv: ['name,email', ...rows].join('\n') } });
    const done = await waitForImport(started.json().id);
    expect(done).toMatchObject({ status: 'completed', processedRows: 450, created: 450, skipped: 0 });
    const { db } = await getTestDatabase();
    const { and, eq, sql } = await import('drizzle-orm');
    const events = await db
      .select()
      .from(schema.outbox)
      .where(and(eq(schema.outbox.accountId, ws.accountId), eq(schema.outbox.type, 'contact_import.progressed'), sql`${schema.outbox.payload}->>'importId' = ${done.id}`))
      .orderBy(schema.outbox.id);
    expect(events.map((e) => [e.payload.processedRows, e.payload.status])).toEqual([[200, 'running'], [400, 'running'], [450, 'completed']]);
    expect(events.every((e) => (e.audience as { kind: string }).kind === 'admins')).toBe(true);
  });

  it('rejects a malformed CSV up front with 400 naming the line, and writes nothing', async () => {
    const before = await countContacts();
    const response = await requestAs(t.app, admin, { method: 'POST', url: url('/contacts/imports'), payload: { fileName: 'bad.csv', csv: `name,email\nok,${mail('ok')}\n"broken,${mail('broken')}\n` } });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toContain('line 3');
    const noKey = await requestAs(t.app, admin, { method: 'POST', url: url('/contacts/imports'), payload: { fileName: 'x.csv', csv: 'name,company\nA,B' } });
    expect(noKey.statusCode).toBe(400);
    expect(await countContacts()).toBe(before);
  });

  it('marks an import cut off by a restart as failed, so the console stops waiting', async () => {
    const { db } = await getTestDatabase();
    const { markInterruptedImportsFailed, startContactImport } = await import('@touchpoint/contacts');
    const { contactImport } = await startContactImport(db, scope, { fileName: 'cut.csv', csv: `email\n${mail('cut')}` });
    expect(await markInterruptedImportsFailed(db)).toBeGreaterThanOrEqual(1);
    const status = await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts/imports/${contactImport.id}`) });
    expect(status.json()).toMatchObject({ status: 'failed', errors: [{ row: 0, message: expect.stringContaining('restarted') }] });
  });

  it('keeps imports and exports for admins', async () => {
    expect((await requestAs(t.app, agent, { method: 'POST', url: url('/contacts/imports'), payload: { fileName: 'a.csv', csv: 'email\na@b.test' } })).statusCode).toBe(403);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url('/contacts/export.csv') })).statusCode).toBe(403);
  });

  it('exports live contacts as a UTF-8 CSV attachment with a BOM that imports back', async () => {
    const { db } = await getTestDatabase();
    await createContact(db, scope, { name: '山田 "花子", 様', email: mail('hanako'), attributes: { tier: 'gold' } });
    const response = await requestAs(t.app, admin, { method: 'GET', url: url('/contacts/export.csv') });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const { parseCsv } = await import('@touchpoint/contacts');
    const [header, ...rows] = parseCsv(response.body).map((r) => r.fields);
    expect(header!.slice(0, 3)).toEqual(['id', 'name', 'email']);
    expect(header).toContain('attr.tier');
    const hanako = rows.find((r) => r[2] === mail('hanako'));
    expect(hanako?.[1]).toBe('山田 "花子", 様');
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
  });
});
