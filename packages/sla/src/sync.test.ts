import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { createTestWorkspace, type TestWorkspace } from '../../../apps/server/src/testing/test-app.ts';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { createBusinessHours, setInboxBusinessHours } from './business-hours.ts';
import { createSlaPolicy, type SlaPolicyInput } from './policies.ts';
import { describeConversationSla, detectSlaBreaches, syncConversationSla } from './sync.ts';

/**
 * Conversations are written directly (the conversations package calls syncConversationSla itself); every call passes
 * an explicit `now`, so nothing sleeps. Each test has an account of its own.
 */
let db: Database;
beforeAll(async () => {
  db = (await getTestDatabase()).db;
});

const at = (iso: string) => new Date(iso);
const weekdays = (intervals: [number, number][]) => Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, intervals]));

interface Fixture {
  ws: TestWorkspace;
  scope: AccountScope;
  contactId: string;
  number: number;
}

async function setUp(): Promise<Fixture> {
  const ws = await createTestWorkspace('SLA shop');
  const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const [contact] = await db.insert(schema.contacts).values({ accountId: ws.accountId, name: 'Customer' }).returning();
  return { ws, scope, contactId: contact!.id, number: 1 };
}

const policy = (input: Partial<SlaPolicyInput>): SlaPolicyInput => ({
  name: 'Standard',
  conditions: {},
  firstResponseMinutes: 60,
  nextResponseMinutes: null,
  resolutionMinutes: 480,
  businessHoursId: null,
  enabled: true,
  ...input,
});

async function insertConversation(f: Fixture, values: Partial<typeof schema.conversations.$inferInsert> & { createdAt: Date }) {
  const [row] = await db
    .insert(schema.conversations)
    .values({ accountId: f.ws.accountId, number: f.number++, inboxId: f.ws.inboxes.mine, contactId: f.contactId, waitingSince: values.createdAt, ...values })
    .returning();
  return row!.id;
}

const update = (id: string, values: Partial<typeof schema.conversations.$inferInsert>) => db.update(schema.conversations).set(values).where(eq(schema.conversations.id, id));
const sync = (f: Fixture, id: string, now: string) => db.transaction((tx) => syncConversationSla(tx, f.ws.accountId, id, at(now)));
const slaRow = async (id: string) => (await db.select().from(schema.conversationSlas).where(eq(schema.conversationSlas.conversationId, id)))[0];
const view = async (f: Fixture, id: string, now: string) => (await describeConversationSla(db, f.ws.accountId, [id], at(now)))[id];
const eventsOf = (f: Fixture, type: string) =>
  db.select().from(schema.outbox).where(and(eq(schema.outbox.accountId, f.ws.accountId), eq(schema.outbox.type, type))).orderBy(schema.outbox.id);
const byTarget = (v: Awaited<ReturnType<typeof view>>) => Object.fromEntries((v?.targets ?? []).map((target) => [target.target, target]));

describe('syncConversationSla', () => {
  it('applies the first matching enabled policy with due times from creation, once, and is idempotent', async () => {
    const f = await setUp();
    await createSlaPolicy(db, f.scope, policy({ name: 'Disabled', enabled: false, firstResponseMinutes: 5 }));
    await createSlaPolicy(db, f.scope, policy({ name: 'Urgent', conditions: { priorities: ['urgent'] }, firstResponseMinutes: 15 }));
    const standard = await createSlaPolicy(db, f.scope, policy({ name: 'Standard' }));
    const id = await insertConversation(f, { createdAt: at('2026-01-05T10:00:00Z') });

    await sync(f, id, '2026-01-05T10:00:00Z');
    const row = await slaRow(id);
    expect(row).toMatchObject({ policyId: standard.id, pausedAt: null, nextResponseDueAt: null });
    expect(row!.firstResponseDueAt!.toISOString()).toBe('2026-01-05T11:00:00.000Z');
    expect(row!.resolutionDueAt!.toISOString()).toBe('2026-01-05T18:00:00.000Z');

    await sync(f, id, '2026-01-05T10:20:00Z');
    expect((await slaRow(id))!.updatedAt.getTime()).toBe(row!.updatedAt.getTime());
    expect(await eventsOf(f, 'sla.applied')).toHaveLength(1);

    await update(id, { priority: 'urgent' });
    await sync(f, id, '2026-01-05T10:30:00Z');
    expect((await slaRow(id))!.firstResponseDueAt!.toISOString()).toBe('2026-01-05T10:15:00.000Z');
    expect((await eventsOf(f, 'sla.applied')).map((e) => e.payload.policyName)).toEqual(['Standard', 'Urgent']);
  });

  it('matches channel, inbox and label conditions, and removes the SLA when nothing matches any more', async () => {
    const f = await setUp();
    const [label] = await db.insert(schema.labels).values({ accountId: f.ws.accountId, name: 'VIP' }).returning();
    await createSlaPolicy(db, f.scope, policy({ name: 'VIP email', conditions: { channels: ['email'], labelIds: [label!.id] } }));
    await createSlaPolicy(db, f.scope, policy({ name: 'Chat inbox', conditions: { inboxIds: [f.ws.inboxes.mine] } }));
    const id = await insertConversation(f, { createdAt: at('2026-01-05T10:00:00Z'), inboxId: f.ws.inboxes.other });

    await sync(f, id, '2026-01-05T10:00:00Z');
    expect(await slaRow(id)).toBeUndefined();

    await db.insert(schema.conversationLabels).values({ accountId: f.ws.accountId, conversationId: id, labelId: label!.id });
    await sync(f, id, '2026-01-05T10:01:00Z');
    expect((await view(f, id, '2026-01-05T10:01:00Z'))!.policyName).toBe('VIP email');

    await update(id, { inboxId: f.ws.inboxes.mine });
    await sync(f, id, '2026-01-05T10:02:00Z');
    expect((await view(f, id, '2026-01-05T10:02:00Z'))!.policyName).toBe('Chat inbox');

    await db.delete(schema.conversationLabels).where(eq(schema.conversationLabels.conversationId, id));
    await update(id, { inboxId: f.ws.inboxes.other });
    await sync(f, id, '2026-01-05T10:03:00Z');
    expect(await slaRow(id)).toBeUndefined();
  });

  it('runs clocks in the inbox’s business hours unless the policy names its own', async () => {
    const f = await setUp();
    const tokyo = await createBusinessHours(db, f.scope, { name: 'Tokyo', timeZone: 'Asia/Tokyo', weekly: weekdays([[540, 1080]]), holidays: [{ date: '2026-11-03', name: '文化の日' }] });
    const newYork = await createBusinessHours(db, f.scope, { name: 'New York', timeZone: 'America/New_York', weekly: weekdays([[540, 1020]]), holidays: [] });
    await setInboxBusinessHours(db, f.scope, f.ws.inboxes.mine, tokyo.id);
    await createSlaPolicy(db, f.scope, policy({ name: 'Email in New York', conditions: { channels: ['email'] }, businessHoursId: newYork.id }));
    await createSlaPolicy(db, f.scope, policy({ name: 'Everything else' }));

    // Monday 17:30 JST: 30 minutes left today, Tuesday is a holiday, so due Wednesday 9:30 JST.
    const chat = await insertConversation(f, { createdAt: at('2026-11-02T08:30:00Z') });
    await sync(f, chat, '2026-11-02T08:30:00Z');
    expect((await slaRow(chat))!.firstResponseDueAt!.toISOString()).toBe('2026-11-04T00:30:00.000Z');

    // Friday 16:30 EDT: 30 minutes on Friday, then Monday 2 Nov from 9:00 EST (after the DST change).
    const email = await insertConversation(f, { createdAt: at('2026-10-30T20:30:00Z'), inboxId: f.ws.inboxes.other });
    await sync(f, email, '2026-10-30T20:30:00Z');
    expect((await slaRow(email))!.firstResponseDueAt!.toISOString()).toBe('2026-11-02T14:30:00.000Z');
  });

  it('meets the first response when an agent answers and runs the next-response clock while the customer waits', async () => {
    const f = await setUp();
    await createSlaPolicy(db, f.scope, policy({ nextResponseMinutes: 30 }));
    const id = await insertConversation(f, { createdAt: at('2026-01-05T10:00:00Z') });
    await sync(f, id, '2026-01-05T10:00:00Z');

    await update(id, { firstResponseAt: at('2026-01-05T10:40:00Z'), waitingSince: null });
    await sync(f, id, '2026-01-05T10:40:00Z');
    let targets = byTarget(await view(f, id, '2026-01-05T10:41:00Z'));
    expect(targets.first_response).toMatchObject({ state: 'met', dueAt: '2026-01-05T11:00:00.000Z' });
    expect(targets.next_response).toMatchObject({ state: 'met', dueAt: null });

    await update(id, { waitingSince: at('2026-01-05T12:00:00Z') });
    await sync(f, id, '2026-01-05T12:00:00Z');
    targets = byTarget(await view(f, id, '2026-01-05T12:20:00Z'));
    expect(targets.next_response).toMatchObject({ state: 'due_soon', dueAt: '2026-01-05T12:30:00.000Z', remainingMinutes: 10 });

    await update(id, { waitingSince: null });
    await sync(f, id, '2026-01-05T12:25:00Z');
    expect((await slaRow(id))!.nextResponseDueAt).toBeNull();

    await update(id, { waitingSince: at('2026-01-05T13:00:00Z') });
    await sync(f, id, '2026-01-05T13:00:00Z');
    expect((await slaRow(id))!.nextResponseDueAt!.toISOString()).toBe('2026-01-05T13:30:00.000Z');
  });

  it('calls a first response given after its due time breached, and resolution within target met', async () => {
    const f = await setUp();
    await createSlaPolicy(db, f.scope, policy({}));
    const id = await insertConversation(f, { createdAt: at('2026-01-05T10:00:00Z') });
    await sync(f, id, '2026-01-05T10:00:00Z');
    await update(id, { firstResponseAt: at('2026-01-05T11:30:00Z'), waitingSince: null, status: 'resolved', resolvedAt: at('2026-01-05T12:00:00Z') });
    await sync(f, id, '2026-01-05T12:00:00Z');
    const targets = byTarget(await view(f, id, '2026-01-05T12:00:00Z'));
    expect(targets.first_response).toMatchObject({ state: 'breached', remainingMinutes: null });
    expect(targets.resolution).toMatchObject({ state: 'met' });
  });

  it('pauses every clock while pending and restarts it from now with the business minutes that were left', async () => {
    const f = await setUp();
    await createSlaPolicy(db, f.scope, policy({}));
    const id = await insertConversation(f, { createdAt: at('2026-01-05T10:00:00Z') });
    await sync(f, id, '2026-01-05T10:00:00Z');

    await update(id, { status: 'pending' });
    await sync(f, id, '2026-01-05T10:20:00Z');
    const paused = await slaRow(id);
    expect(paused!.pausedAt!.toISOString()).toBe('2026-01-05T10:20:00.000Z');
    expect(paused!.pausedRemaining).toEqual({ first_response: 40, resolution: 460 });
    await sync(f, id, '2026-01-05T15:00:00Z');
    expect((await slaRow(id))!.updatedAt.getTime()).toBe(paused!.updatedAt.getTime());
    expect(byTarget(await view(f, id, '2026-01-06T10:00:00Z')).first_response).toMatchObject({ state: 'paused', dueAt: null, remainingMinutes: 40 });
    expect(await detectSlaBreaches(db, at('2026-01-06T10:00:00Z')).then((all) => all.filter((b) => b.accountId === f.ws.accountId))).toEqual([]);

    await update(id, { status: 'open' });
    await sync(f, id, '2026-01-06T10:00:00Z');
    const resumed = await slaRow(id);
    expect(resumed).toMatchObject({ pausedAt: null, pausedRemaining: null });
    expect(resumed!.firstResponseDueAt!.toISOString()).toBe('2026-01-06T10:40:00.000Z');
    expect(resumed!.resolutionDueAt!.toISOString()).toBe('2026-01-06T17:40:00.000Z');
  });

  it('keeps paused time in business minutes: a clock paused on Friday evening resumes on Monday with what was left', async () => {
    const f = await setUp();
    const tokyo = await createBusinessHours(db, f.scope, { name: 'Tokyo', timeZone: 'Asia/Tokyo', weekly: weekdays([[540, 1080]]), holidays: [] });
    await createSlaPolicy(db, f.scope, policy({ businessHoursId: tokyo.id, firstResponseMinutes: 120 }));
    // Friday 6 Nov 17:00 JST; paused at 17:30 JST with 90 business minutes left.
    const id = await insertConversation(f, { createdAt: at('2026-11-06T08:00:00Z') });
    await sync(f, id, '2026-11-06T08:00:00Z');
    await update(id, { status: 'snoozed' });
    await sync(f, id, '2026-11-06T08:30:00Z');
    expect((await slaRow(id))!.pausedRemaining).toMatchObject({ first_response: 90 });
    // Reopened Sunday: the clock waits for Monday 9:00 JST and runs 90 minutes.
    await update(id, { status: 'open' });
    await sync(f, id, '2026-11-08T03:00:00Z');
    expect((await slaRow(id))!.firstResponseDueAt!.toISOString()).toBe('2026-11-09T01:30:00.000Z');
  });
});

describe('detectSlaBreaches', () => {
  it('records each breach once and emits sla.breached to the conversation’s inbox, again only for a new due time', async () => {
    const f = await setUp();
    await createSlaPolicy(db, f.scope, policy({ nextResponseMinutes: 30, resolutionMinutes: null }));
    const id = await insertConversation(f, { createdAt: at('2026-01-05T10:00:00Z') });
    await sync(f, id, '2026-01-05T10:00:00Z');
    const mine = async (now: string) => (await detectSlaBreaches(db, at(now))).filter((b) => b.accountId === f.ws.accountId);

    expect(await mine('2026-01-05T10:59:00Z')).toEqual([]);
    expect(await mine('2026-01-05T11:00:00Z')).toEqual([{ accountId: f.ws.accountId, conversationId: id, inboxId: f.ws.inboxes.mine, target: 'first_response', dueAt: '2026-01-05T11:00:00.000Z' }]);
    expect(await mine('2026-01-05T11:01:00Z')).toEqual([]);
    expect((await slaRow(id))!.breaches).toEqual([{ target: 'first_response', dueAt: '2026-01-05T11:00:00.000Z', at: '2026-01-05T11:00:00.000Z' }]);
    const events = await eventsOf(f, 'sla.breached');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ payload: { conversationId: id, target: 'first_response', dueAt: '2026-01-05T11:00:00.000Z' }, audience: { kind: 'inbox', inboxId: f.ws.inboxes.mine } });
    expect(byTarget(await view(f, id, '2026-01-05T11:10:00Z')).first_response).toMatchObject({ state: 'breached', remainingMinutes: -10 });

    await update(id, { firstResponseAt: at('2026-01-05T11:05:00Z'), waitingSince: null });
    await sync(f, id, '2026-01-05T11:05:00Z');
    expect(await mine('2026-01-05T12:00:00Z')).toEqual([]);
    await update(id, { waitingSince: at('2026-01-05T12:00:00Z') });
    await sync(f, id, '2026-01-05T12:00:00Z');
    expect((await mine('2026-01-05T12:31:00Z')).map((b) => b.target)).toEqual(['next_response']);
    expect(await mine('2026-01-05T12:32:00Z')).toEqual([]);
    expect(await eventsOf(f, 'sla.breached')).toHaveLength(2);
  });

  it('never breaches a resolved conversation', async () => {
    const f = await setUp();
    await createSlaPolicy(db, f.scope, policy({}));
    const id = await insertConversation(f, { createdAt: at('2026-01-05T10:00:00Z') });
    await sync(f, id, '2026-01-05T10:00:00Z');
    await update(id, { status: 'resolved', resolvedAt: at('2026-01-05T10:30:00Z') });
    await sync(f, id, '2026-01-05T10:30:00Z');
    expect((await detectSlaBreaches(db, at('2026-01-07T00:00:00Z'))).filter((b) => b.accountId === f.ws.accountId)).toEqual([]);
    expect(byTarget(await view(f, id, '2026-01-07T00:00:00Z'))).toMatchObject({ first_response: { state: 'met' }, resolution: { state: 'met' } });
  });
});
