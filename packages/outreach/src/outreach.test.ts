import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import type { AccountScope, OutreachRequest } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { type Database, schema } from '@touchpoint/db';
import { createMailer, type Mailer } from '@touchpoint/mailer';
import { createMessageTemplate, sendMessageTemplate } from '@touchpoint/message-templates';
import { startSmtpSink } from '../../../apps/server/src/testing/smtp-sink.ts';
import { createTestWorkspace, type TestWorkspace } from '../../../apps/server/src/testing/test-app.ts';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { sendDueDeferredMessages } from './deferred-sends.ts';
import { createOutreach, type InAppDelivery } from './outreach.ts';
import { saveOutreachSettings, DEFAULT_OUTREACH_SETTINGS } from './outreach-settings.ts';
import { findQuietHoursEnd, isInControlGroup } from './outreach-rules.ts';

let db: Database;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let mailer: Mailer;
const run = () => randomUUID().slice(0, 8);

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, from: 'shop@example.test' });
});
afterAll(async () => {
  mailer.close();
  await sink.close();
});

async function setUp(settings: Partial<typeof DEFAULT_OUTREACH_SETTINGS> = {}) {
  const ws: TestWorkspace = await createTestWorkspace('Outreach');
  const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  await saveOutreachSettings(db, ws.accountId, { ...DEFAULT_OUTREACH_SETTINGS, ...settings });
  const contact = async (input: { timeZone?: string; consent?: Record<string, boolean>; email?: string | null; phone?: string }) => {
    const tag = run();
    const created = await createContact(db, scope, { name: `Customer ${tag}`, email: input.email === null ? undefined : input.email ?? `c-${tag}@example.test`, phone: input.phone, timeZone: input.timeZone });
    if (input.consent) {
      const consent = Object.fromEntries(Object.entries(input.consent).map(([channel, granted]) => [channel, { granted, at: new Date().toISOString(), source: 'test' }]));
      await db.update(schema.contacts).set({ communicationConsent: consent }).where(eq(schema.contacts.id, created.id));
    }
    return created.id;
  };
  const request = (contactId: string, extra: Partial<OutreachRequest> = {}): OutreachRequest => ({
    accountId: ws.accountId, contactId, channel: 'email', dedupeKey: randomUUID(), touchpoint: { kind: 'journey', id: 'j1', stepId: 's1' },
    content: { subject: 'Hello', text: 'Hello there', html: '<p>Hello there</p>' }, ...extra,
  });
  const timeline = (contactId: string) => db.select({ name: schema.customerEvents.name, properties: schema.customerEvents.properties, stepId: schema.customerEvents.touchpointStepId })
    .from(schema.customerEvents).where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.contactId, contactId))).orderBy(asc(schema.customerEvents.occurredAt));
  const mailsTo = async (contactId: string) => {
    const [row] = await db.select({ email: schema.contacts.email }).from(schema.contacts).where(eq(schema.contacts.id, contactId));
    return sink.received.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address === row!.email);
  };
  return { ws, contact, request, timeline, mailsTo };
}

describe('outreach', () => {
  it('sends an email once per dedupe key, with List-Unsubscribe on marketing, and records message.sent on the timeline', async () => {
    const { contact, request, timeline, mailsTo } = await setUp();
    const outreach = createOutreach({ db, mailer, publicUrl: 'https://touchpoint.test' });
    const aiko = await contact({});
    const first = request(aiko);
    expect(await outreach.send(first)).toMatchObject({ status: 'sent', messageId: expect.any(String) });
    expect(await outreach.send(first)).toEqual({ status: 'duplicate' });
    const mails = await mailsTo(aiko);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.headerLines.find((line) => line.key === 'list-unsubscribe')?.line).toContain('https://touchpoint.test/portal/');
    expect(await timeline(aiko)).toEqual([expect.objectContaining({ name: 'message.sent', stepId: 's1', properties: expect.objectContaining({ channel: 'email' }) })]);
  });

  it('never sends what consent excludes: an explicit no blocks even transactional email; SMS marketing needs an explicit yes', async () => {
    const { contact, request, timeline, mailsTo } = await setUp();
    const outreach = createOutreach({ db, mailer });
    const saidNo = await contact({ consent: { email: false }, phone: '+15550001' });
    expect(await outreach.send(request(saidNo, { transactional: true }))).toMatchObject({ status: 'suppressed', reason: 'no_consent' });
    expect(await outreach.send(request(saidNo, { channel: 'sms', content: { text: 'Sale!' } }))).toMatchObject({ status: 'suppressed', reason: 'no_consent' });
    expect(await mailsTo(saidNo)).toHaveLength(0);
    expect((await timeline(saidNo)).map((event) => [event.name, event.properties.reason])).toEqual([['message.suppressed', 'no_consent'], ['message.suppressed', 'no_consent']]);
  });

  it('suppresses a customer without an address, and on a channel with no connected inbox', async () => {
    const { contact, request } = await setUp();
    const outreach = createOutreach({ db, mailer });
    const noEmail = await contact({ email: null, phone: '+15550002', consent: { sms: true } });
    expect(await outreach.send(request(noEmail))).toMatchObject({ status: 'suppressed', reason: 'no_address' });
    expect(await outreach.send(request(noEmail, { channel: 'sms', content: { text: 'Hi' } }))).toMatchObject({ status: 'suppressed', reason: 'channel_unavailable' });
  });

  it('holds the same customers out in the control group every time, and records it', async () => {
    const { ws, contact, request, timeline } = await setUp({ controlGroupPercent: 50 });
    const outreach = createOutreach({ db, mailer });
    const ids = await Promise.all(Array.from({ length: 12 }, () => contact({})));
    const held = ids.filter((id) => isInControlGroup(ws.accountId, id, 50));
    expect(held.length).toBeGreaterThan(0);
    expect(held.length).toBeLessThan(12);
    for (const id of ids) {
      const result = await outreach.send(request(id));
      expect(result.status).toBe(held.includes(id) ? 'suppressed' : 'sent');
      expect(ids.filter((other) => isInControlGroup(ws.accountId, other, 50))).toEqual(held);
    }
    expect((await timeline(held[0]!))[0]).toMatchObject({ name: 'message.suppressed', properties: { reason: 'control_group' } });
    // Transactional messages are never held out.
    expect(await outreach.send(request(held[0]!, { transactional: true }))).toMatchObject({ status: 'sent' });
  });

  it('sends a journey test at once to a held-out, capped customer in quiet hours, marks it test, and does not count it', async () => {
    const { ws, contact, request, timeline, mailsTo } = await setUp({ controlGroupPercent: 50, globalCap: { limit: 1, periodDays: 7 }, quietHours: { start: '00:00', end: '23:59', mode: 'defer' } });
    const outreach = createOutreach({ db, mailer });
    let held = await contact({});
    while (!isInControlGroup(ws.accountId, held, 50)) held = await contact({});
    expect(await outreach.send(request(held, { test: true }))).toMatchObject({ status: 'sent' });
    expect(await outreach.send(request(held, { test: true }))).toMatchObject({ status: 'sent' });
    expect(await mailsTo(held)).toHaveLength(2);
    expect((await timeline(held)).map((event) => [event.name, event.properties.test])).toEqual([['message.sent', true], ['message.sent', true]]);
    // The real message is still held out: a test opens no gap in the control group.
    expect(await outreach.send(request(held))).toMatchObject({ status: 'suppressed', reason: 'control_group' });
  });

  it('caps non-transactional messages globally and per channel; transactional ones neither count nor are capped', async () => {
    const { contact, request } = await setUp({ globalCap: { limit: 2, periodDays: 7 }, channelCaps: { in_app: { limit: 1, periodDays: 1 } } });
    const inApp: InAppDelivery = { deliver: async () => ({ delivered: true, messageId: null }) };
    const outreach = createOutreach({ db, mailer, inApp });
    const ben = await contact({});
    expect(await outreach.send(request(ben, { channel: 'in_app', content: { text: 'Tip' } }))).toMatchObject({ status: 'sent' });
    expect(await outreach.send(request(ben, { channel: 'in_app', content: { text: 'Tip 2' } }))).toMatchObject({ status: 'suppressed', reason: 'channel_frequency_cap' });
    expect(await outreach.send(request(ben, { transactional: true }))).toMatchObject({ status: 'sent' });
    expect(await outreach.send(request(ben))).toMatchObject({ status: 'sent' });
    expect(await outreach.send(request(ben))).toMatchObject({ status: 'suppressed', reason: 'frequency_cap', detail: '2 of 2 messages in 7 days already' });
    expect(await outreach.send(request(ben, { transactional: true }))).toMatchObject({ status: 'sent' });
  });

  it('defers in the customer’s own quiet hours (Tokyo at 22:00) and sends once when they end; a London customer gets it now', async () => {
    const { contact, request, timeline, mailsTo } = await setUp({ quietHours: { start: '21:00', end: '08:00', mode: 'defer' } });
    const now = new Date('2026-03-01T13:00:00Z');
    const outreach = createOutreach({ db, mailer, now: () => now });
    const tokyo = await contact({ timeZone: 'Asia/Tokyo' });
    const london = await contact({ timeZone: 'Europe/London' });
    expect(await outreach.send(request(tokyo))).toEqual({ status: 'deferred', reason: 'quiet_hours', until: '2026-03-01T23:00:00.000Z' });
    expect(await outreach.send(request(london))).toMatchObject({ status: 'sent' });
    expect(await mailsTo(tokyo)).toHaveLength(0);

    const later = createOutreach({ db, mailer, now: () => new Date('2026-03-01T23:00:00Z') });
    await sendDueDeferredMessages(db, later, new Date('2026-03-01T22:59:00Z'));
    expect(await mailsTo(tokyo)).toHaveLength(0);
    await Promise.all([sendDueDeferredMessages(db, later, new Date('2026-03-01T23:00:00Z')), sendDueDeferredMessages(db, later, new Date('2026-03-01T23:00:00Z'))]);
    await sendDueDeferredMessages(db, later, new Date('2026-03-02T23:00:00Z'));
    expect(await mailsTo(tokyo)).toHaveLength(1);
    expect((await timeline(tokyo)).map((event) => event.name).sort()).toEqual(['message.deferred', 'message.sent']);
  });

  it('suppresses in quiet hours when the account says so', async () => {
    const { contact, request } = await setUp({ quietHours: { start: '22:00', end: '07:00', mode: 'suppress' } });
    const outreach = createOutreach({ db, mailer, now: () => new Date('2026-03-01T14:00:00Z') });
    expect(await outreach.send(request(await contact({ timeZone: 'Asia/Tokyo' })))).toMatchObject({ status: 'suppressed', reason: 'quiet_hours' });
  });

  it('lets a higher-priority message take the capped slot of a lower-priority one still held for quiet hours', async () => {
    const { contact, request, timeline } = await setUp({ globalCap: { limit: 1, periodDays: 7 }, quietHours: { start: '21:00', end: '08:00', mode: 'defer' } });
    const outreach = createOutreach({ db, mailer, now: () => new Date('2026-03-01T13:00:00Z') });
    const tokyo = await contact({ timeZone: 'Asia/Tokyo' });
    expect(await outreach.send(request(tokyo, { priority: 1 }))).toMatchObject({ status: 'deferred' });
    expect(await outreach.send(request(tokyo, { priority: 1 }))).toMatchObject({ status: 'suppressed', reason: 'frequency_cap' });
    expect(await outreach.send(request(tokyo, { priority: 5 }))).toMatchObject({ status: 'deferred' });
    expect((await timeline(tokyo)).filter((event) => event.name === 'message.suppressed').map((event) => event.properties.reason).sort()).toEqual(['frequency_cap', 'lower_priority']);
  });

  it('refuses free-form WhatsApp outside the 24-hour window unless an approved template is given', async () => {
    const { ws, contact, request } = await setUp();
    const outreach = createOutreach({ db, mailer, now: () => new Date() });
    const [inbox] = await db.insert(schema.inboxes).values({ accountId: ws.accountId, name: 'WhatsApp', channel: 'whatsapp', channelConnectedAt: new Date() }).returning();
    const maria = await contact({ phone: '+15550003', consent: { whatsapp: true } });
    const [conversation] = await db.insert(schema.conversations).values({ accountId: ws.accountId, number: 900, inboxId: inbox!.id, contactId: maria, subject: '' }).returning();
    await db.insert(schema.messages).values({ accountId: ws.accountId, conversationId: conversation!.id, direction: 'inbound', body: 'hi', createdAt: new Date(Date.now() - 30 * 3600_000) });
    expect(await outreach.send(request(maria, { channel: 'whatsapp', content: { text: 'Hi' } }))).toMatchObject({ status: 'suppressed', reason: 'outside_whatsapp_window' });
    expect(await outreach.send(request(maria, { channel: 'messenger', content: { text: 'Hi' } }))).toMatchObject({ status: 'suppressed', reason: 'no_consent' });
    const [messenger] = await db.insert(schema.inboxes).values({ accountId: ws.accountId, name: 'Messenger', channel: 'messenger', channelConnectedAt: new Date() }).returning();
    await db.update(schema.contacts).set({ communicationConsent: { whatsapp: { granted: true, at: new Date().toISOString(), source: 'test' }, messenger: { granted: true, at: new Date().toISOString(), source: 'test' } } }).where(eq(schema.contacts.id, maria));
    const [thread] = await db.insert(schema.conversations).values({ accountId: ws.accountId, number: 901, inboxId: messenger!.id, contactId: maria, subject: '' }).returning();
    await db.insert(schema.messages).values({ accountId: ws.accountId, conversationId: thread!.id, direction: 'inbound', body: 'hello', createdAt: new Date(Date.now() - 25 * 3600_000) });
    expect(await outreach.send(request(maria, { channel: 'messenger', content: { text: 'Hi' } }))).toMatchObject({ status: 'suppressed', reason: 'outside_messenger_window' });
  });

  it('records a template error as a suppression that is never sent', async () => {
    const { contact, request, timeline, mailsTo } = await setUp();
    const outreach = createOutreach({ db, mailer });
    const ben = await contact({});
    await outreach.recordSuppression(request(ben), 'template_error', 'en html: undefined variable: order.number');
    expect(await mailsTo(ben)).toHaveLength(0);
    expect(await timeline(ben)).toEqual([expect.objectContaining({ name: 'message.suppressed', properties: expect.objectContaining({ reason: 'template_error', detail: 'en html: undefined variable: order.number' }) })]);
  });
});

describe('quiet hours', () => {
  it('wrap midnight and end at the local end time', () => {
    const hours = { start: '21:00', end: '08:00', mode: 'defer' } as const;
    expect(findQuietHoursEnd(new Date('2026-03-01T11:59:00Z'), 'Asia/Tokyo', hours)).toBeNull();
    expect(findQuietHoursEnd(new Date('2026-03-01T18:30:00Z'), 'Asia/Tokyo', hours)).toEqual(new Date('2026-03-01T23:00:00Z'));
    expect(findQuietHoursEnd(new Date('2026-03-01T22:30:00Z'), 'America/New_York', hours)).toBeNull();
    expect(findQuietHoursEnd(new Date('2026-03-02T03:00:00Z'), 'America/New_York', hours)).toEqual(new Date('2026-03-02T13:00:00Z'));
  });
});

describe('sending a template through outreach', () => {
  it('suppresses a template that fails to render with template_error and sends nothing; a good one goes out in the customer’s language', async () => {
    const { ws, contact, timeline, mailsTo } = await setUp();
    const outreach = createOutreach({ db, mailer });
    const aoi = await contact({});
    await db.update(schema.contacts).set({ locale: 'ja' }).where(eq(schema.contacts.id, aoi));
    const broken = await createMessageTemplate(db, ws.accountId, null, { name: `Broken ${run()}`, channel: 'email', status: 'active', variants: { en: { subject: 'Order {{ order.number }}', html: 'x', text: '' } } });
    const base = { accountId: ws.accountId, contactId: aoi, touchpoint: { kind: 'journey' as const, id: 'j', stepId: 'thanks' } };
    expect(await sendMessageTemplate(db, outreach, { ...base, templateId: broken.id, dedupeKey: randomUUID() })).toMatchObject({ status: 'suppressed', reason: 'template_error', detail: expect.stringContaining('undefined variable: order') });
    expect(await mailsTo(aoi)).toHaveLength(0);
    expect(await sendMessageTemplate(db, outreach, { ...base, templateId: 'builtin.onboarding-welcome', dedupeKey: randomUUID() })).toMatchObject({ status: 'sent' });
    const [mail] = await mailsTo(aoi);
    expect(mail!.subject).toContain('へようこそ');
    expect((await timeline(aoi)).map((event) => [event.name, event.properties.reason ?? null])).toEqual([['message.suppressed', 'template_error'], ['message.sent', null]]);
  });
});
