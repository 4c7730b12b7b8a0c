import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountScope, Condition, OutreachRequest, SuppressionReason } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { recordCustomerEvents } from '@touchpoint/customer-events';
import { schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { advanceDueRuns, advanceRun, claimDueRuns, createBasicConditionEvaluator, enterDateAttributeJourneys, type JourneyDefinition, type JourneyPorts } from '@touchpoint/journeys';
import { verifyWebhookSignature } from '@touchpoint/webhooks';
import { eventsSettled } from '../testing/events-settled.ts';
import { startFakeProvider } from '../testing/fake-provider.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';
import { setJourneyPorts } from './journey-ports.ts';

/** Stand-ins for ports owned by other packages (outreach, templates, prompts, surveys, segments): they record calls. */
function createRecordingPorts(t: TestApp) {
  const sent: OutreachRequest[] = [];
  const sendCalls: OutreachRequest[] = [];
  const suppressed: { request: Omit<OutreachRequest, 'content'>; reason: SuppressionReason; detail: string }[] = [];
  const prompts: string[] = [];
  const surveys: string[] = [];
  const segmentAdds: string[] = [];
  const ports: JourneyPorts = {
    outreach: {
      send: async (request) => {
        sendCalls.push(request);
        if (sent.some((earlier) => earlier.dedupeKey === request.dedupeKey)) return { status: 'duplicate' };
        sent.push(request);
        return { status: 'sent', messageId: randomUUID() };
      },
      recordSuppression: async (request, reason, detail) => {
        suppressed.push({ request, reason, detail });
      },
    },
    templates: {
      render: async (_accountId, templateId, context) => (templateId === BROKEN_TEMPLATE ? { ok: false, error: 'unknown variable {{ plan }}' } : { ok: true, content: { subject: 'Welcome', text: `Hello ${context.contactId}` } }),
    },
    prompts: { trigger: async (input) => (prompts.push(input.promptId), { status: 'triggered' }) },
    surveys: { request: async (input) => (surveys.push(input.surveyId), { status: 'requested', requestId: randomUUID() }) },
    segments: { add: async (_accountId, segmentId) => void segmentAdds.push(segmentId) },
    conditions: createBasicConditionEvaluator(t.services.db),
  };
  return { ports, sent, sendCalls, suppressed, prompts, surveys, segmentAdds, reset: () => [sent, sendCalls, suppressed, prompts, surveys, segmentAdds].forEach((list) => list.splice(0)) };
}

const TEMPLATE = '11111111-1111-4111-8111-111111111111';
const BROKEN_TEMPLATE = '22222222-2222-4222-8222-222222222222';
const PROMPT = '33333333-3333-4333-8333-333333333333';
const SURVEY = '44444444-4444-4444-8444-444444444444';
const SEGMENT = '55555555-5555-4555-8555-555555555555';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let recording: ReturnType<typeof createRecordingPorts>;
let scope: AccountScope;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace('Journeys');
  admin = await signInAs(t.app, ws.admin.email);
  recording = createRecordingPorts(t);
  setJourneyPorts(t.services, recording.ports);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'Test', role: 'admin' } };
});
afterAll(() => t.close());
beforeEach(() => recording.reset());

const url = (path = '') => `/api/v1/accounts/${ws.accountId}/journeys${path}`;

async function newContact(fields: { timeZone?: string; attributes?: Record<string, string> } = {}) {
  const contact = await createContact(t.services.db, scope, { name: `Customer ${randomUUID().slice(0, 6)}`, email: `${randomUUID()}@example.test`, ...fields });
  return contact.id;
}

async function createLive(definition: Record<string, unknown>, name = 'Onboarding') {
  const created = await requestAs(t.app, admin, { method: 'POST', url: url(), payload: { name, definition } });
  expect(created.statusCode).toBe(201);
  const id = created.json<{ id: string }>().id;
  const published = await requestAs(t.app, admin, { method: 'POST', url: url(`/${id}/publish`) });
  expect(published.statusCode).toBe(200);
  return id;
}

async function track(contactId: string, name: string, occurredAt = new Date(), properties: Record<string, unknown> = {}) {
  await t.services.db.transaction((tx) => recordCustomerEvents(tx, ws.accountId, [{ contactId, kind: 'track', name, properties, source: 'api', occurredAt }]));
  await eventsSettled(ws.accountId);
}

async function runsOf(journeyId: string, contactId?: string) {
  const r = schema.journeyRuns;
  return t.services.db.select().from(r).where(and(eq(r.journeyId, journeyId), contactId ? eq(r.contactId, contactId) : undefined, eq(r.test, false)));
}

async function stepLog(runId: string) {
  return t.services.db.select().from(schema.journeyStepLog).where(eq(schema.journeyStepLog.runId, runId)).orderBy(schema.journeyStepLog.visit);
}

/** One worker pass over one journey's due runs at `now` (never before the real clock: entries are due when recorded). */
const advance = (now: Date, journeyId: string) => advanceDueRuns(t.services.db, recording.ports, { now: new Date(Math.max(now.getTime(), Date.now())), journeyId });

const eventEntry = (eventName: string, extra: Partial<JourneyDefinition> = {}) => ({ entry: { kind: 'event', eventName }, ...extra });
const uniqueEvent = () => `test.${randomUUID().slice(0, 8)}`;

describe('publishing', () => {
  it('answers 422 with one error per step for unknown steps, unreachable steps and split percents not adding to 100, and publishes nothing', async () => {
    const definition = {
      entry: { kind: 'event', eventName: 'order.placed' },
      start: 'split',
      steps: [
        { id: 'split', kind: 'split', paths: [{ label: 'A', percent: 60, next: 'send' }, { label: 'B', percent: 30, next: 'nowhere' }] },
        { id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null },
        { id: 'orphan', kind: 'wait_duration', seconds: 60, next: null },
      ],
    };
    const created = await requestAs(t.app, admin, { method: 'POST', url: url(), payload: { name: 'Broken', definition } });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const published = await requestAs(t.app, admin, { method: 'POST', url: url(`/${id}/publish`) });
    expect(published.statusCode).toBe(422);
    expect(published.headers['content-type']).toContain('application/problem+json');
    const errors = published.json<{ errors: { stepId?: string; message: string }[] }>().errors;
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ stepId: 'split', message: expect.stringContaining('unknown step “nowhere”') }),
      expect.objectContaining({ stepId: 'split', message: expect.stringContaining('add up to 90') }),
      expect.objectContaining({ stepId: 'orphan', message: expect.stringContaining('no path') }),
    ]));
    const journey = await requestAs(t.app, admin, { method: 'GET', url: url(`/${id}`) });
    expect(journey.json()).toMatchObject({ status: 'draft', liveVersion: null, hasUnpublishedChanges: true });
  });

  it('rejects a definition of the wrong shape with 400 and creates nothing', async () => {
    const before = (await requestAs(t.app, admin, { method: 'GET', url: url() })).json<{ journeys: unknown[] }>().journeys.length;
    const response = await requestAs(t.app, admin, { method: 'POST', url: url(), payload: { name: 'Bad', definition: { entry: { kind: 'event' }, start: 'a', steps: [] } } });
    expect(response.statusCode).toBe(400);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url() })).json<{ journeys: unknown[] }>().journeys.length).toBe(before);
  });

  it('publishes a valid draft as version 1, and an edit marks unpublished changes until the next publish makes version 2', async () => {
    const id = await createLive({ ...eventEntry(uniqueEvent()), start: 'send', steps: [{ id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }] });
    let journey = (await requestAs(t.app, admin, { method: 'GET', url: url(`/${id}`) })).json<{ status: string; liveVersion: number; hasUnpublishedChanges: boolean }>();
    expect(journey).toMatchObject({ status: 'live', liveVersion: 1, hasUnpublishedChanges: false });
    await requestAs(t.app, admin, { method: 'PATCH', url: url(`/${id}`), payload: { description: 'Welcome new customers' } });
    const patched = await requestAs(t.app, admin, { method: 'PATCH', url: url(`/${id}`), payload: { definition: { ...eventEntry('portal.signed_in'), start: 'send', steps: [{ id: 'send', kind: 'send_message', channel: 'in_app', templateId: TEMPLATE, next: null }] } } });
    expect(patched.json()).toMatchObject({ hasUnpublishedChanges: true, liveVersion: 1, description: 'Welcome new customers' });
    journey = (await requestAs(t.app, admin, { method: 'POST', url: url(`/${id}/publish`) })).json();
    expect(journey).toMatchObject({ liveVersion: 2, hasUnpublishedChanges: false });
    const paused = await requestAs(t.app, admin, { method: 'POST', url: url(`/${id}/pause`) });
    expect(paused.json()).toMatchObject({ status: 'paused' });
    const resumed = await requestAs(t.app, admin, { method: 'POST', url: url(`/${id}/publish`) });
    expect(resumed.json()).toMatchObject({ status: 'live', liveVersion: 2 });
  });
});

describe('entry', () => {
  it('enters a customer on the event, sends the welcome with the journey’s priority, waits 2 days, then branches on having ordered', async () => {
    const eventName = uniqueEvent();
    const id = await createLive({
      ...eventEntry(eventName, { priority: 80 }),
      start: 'welcome',
      steps: [
        { id: 'welcome', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: 'wait' },
        { id: 'wait', kind: 'wait_duration', seconds: 2 * 24 * 3600, next: 'ordered' },
        { id: 'ordered', kind: 'branch', condition: { kind: 'event', name: 'order.placed', operator: 'gte', count: 1 }, yes: 'thanks', no: 'nudge' },
        { id: 'thanks', kind: 'show_prompt', promptId: PROMPT, next: null },
        { id: 'nudge', kind: 'send_survey', surveyId: SURVEY, channel: 'email', next: null },
      ],
    });
    const buyer = await newContact();
    const browser = await newContact();
    const start = new Date();
    await track(buyer, eventName, start);
    await track(browser, eventName, start);
    await advance(start, id);
    expect(recording.sent.map((request) => request.contactId).sort()).toEqual([buyer, browser].sort());
    expect(recording.sent[0]).toMatchObject({ channel: 'email', priority: 80, touchpoint: { kind: 'journey', id, stepId: 'welcome' } });
    await track(buyer, 'order.placed', new Date(start.getTime() + HOUR));
    await advance(new Date(start.getTime() + DAY), id);
    expect(recording.prompts).toEqual([]);
    await advance(new Date(start.getTime() + 2 * DAY + 1000), id);
    expect(recording.prompts).toEqual([PROMPT]);
    expect(recording.surveys).toEqual([SURVEY]);
    const [buyerRun] = await runsOf(id, buyer);
    expect(buyerRun).toMatchObject({ status: 'exited', exitReason: 'completed' });
    expect((await stepLog(buyerRun!.id)).map((row) => [row.stepId, row.outcome])).toEqual([['welcome', 'sent'], ['wait', 'waited'], ['ordered', 'branched'], ['thanks', 'sent']]);
    const timeline = await t.services.db.select().from(schema.customerEvents).where(and(eq(schema.customerEvents.contactId, buyer), eq(schema.customerEvents.touchpointId, id)));
    expect(timeline.map((event) => event.name).sort()).toEqual(['journey.entered', 'journey.exited']);
  });

  it('checks the entry condition: a customer the `where` excludes never enters', async () => {
    const eventName = uniqueEvent();
    const where: Condition = { kind: 'attribute', key: 'attributes.plan', operator: 'eq', value: 'pro' };
    const id = await createLive({ entry: { kind: 'event', eventName, where }, start: 'send', steps: [{ id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }] });
    const pro = await newContact({ attributes: { plan: 'pro' } });
    const free = await newContact({ attributes: { plan: 'free' } });
    await track(pro, eventName);
    await track(free, eventName);
    await advance(new Date(), id);
    expect(recording.sent.map((request) => request.contactId)).toEqual([pro]);
    expect((await runsOf(id)).map((run) => run.contactId)).toEqual([pro]);
  });

  it('does not enter customers on a backfilled event more than a day old', async () => {
    const eventName = uniqueEvent();
    const id = await createLive({ ...eventEntry(eventName), start: 'send', steps: [{ id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }] });
    const contact = await newContact();
    await track(contact, eventName, new Date(Date.now() - 3 * DAY));
    expect(await runsOf(id)).toHaveLength(0);
    await track(contact, eventName, new Date(Date.now() - HOUR));
    expect(await runsOf(id)).toHaveLength(1);
  });

  it('enters on segment.entered for that segment only', async () => {
    const id = await createLive({ entry: { kind: 'segment_entered', segmentId: SEGMENT }, start: 'send', steps: [{ id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }] });
    const member = await newContact();
    const other = await newContact();
    await t.services.db.transaction((tx) => recordEvents(tx, [
      { type: 'segment.entered', accountId: ws.accountId, payload: { segmentId: SEGMENT, contactId: member }, audience: { kind: 'account' } },
      { type: 'segment.entered', accountId: ws.accountId, payload: { segmentId: randomUUID(), contactId: other }, audience: { kind: 'account' } },
    ]));
    await eventsSettled(ws.accountId);
    await advance(new Date(), id);
    expect((await runsOf(id)).map((run) => run.contactId)).toEqual([member]);
  });

  it('enters on a date attribute at the local time in the customer’s zone, once per occurrence however often the job runs', async () => {
    const id = await createLive({ entry: { kind: 'date_attribute', attribute: 'attributes.renewal', offsetDays: -1, atLocalTime: '09:00' }, start: 'send', steps: [{ id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }] });
    const tokyo = await newContact({ timeZone: 'Asia/Tokyo', attributes: { renewal: '2030-03-10' } });
    const newYork = await newContact({ timeZone: 'America/New_York', attributes: { renewal: '2030-03-10' } });
    // 09:00 on 9 March in Tokyo is 00:00 UTC; in New York (EDT from 10 March, EST on the 9th) it is 14:00 UTC.
    await enterDateAttributeJourneys(t.services.db, new Date('2030-03-08T23:59:00Z'));
    expect(await runsOf(id)).toHaveLength(0);
    await enterDateAttributeJourneys(t.services.db, new Date('2030-03-09T00:01:00Z'));
    await enterDateAttributeJourneys(t.services.db, new Date('2030-03-09T00:06:00Z'));
    expect((await runsOf(id)).map((run) => run.contactId)).toEqual([tokyo]);
    await enterDateAttributeJourneys(t.services.db, new Date('2030-03-09T14:01:00Z'));
    expect((await runsOf(id)).map((run) => run.contactId).sort()).toEqual([tokyo, newYork].sort());
  });

  it('enters every year on a birthday when everyYear is set', async () => {
    const id = await createLive({ entry: { kind: 'date_attribute', attribute: 'birthday', offsetDays: 0, atLocalTime: '09:00', everyYear: true }, reentry: 'always', start: 'send', steps: [{ id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }] });
    const contact = await newContact({ timeZone: 'Asia/Tokyo', attributes: { birthday: '1990-07-04' } });
    await enterDateAttributeJourneys(t.services.db, new Date('2030-07-04T00:30:00Z'));
    await enterDateAttributeJourneys(t.services.db, new Date('2030-07-04T05:30:00Z'));
    await enterDateAttributeJourneys(t.services.db, new Date('2031-07-04T00:30:00Z'));
    expect((await runsOf(id, contact)).map((run) => run.entryKey).sort()).toEqual([`date:${contact}:2030-07-04`, `date:${contact}:2031-07-04`]);
  });

  it('follows the re-entry rules: never enters twice, after_exit only once the run ended, always on every entry event', async () => {
    const kinds = ['never', 'after_exit', 'always'] as const;
    const results: Record<string, number> = {};
    for (const reentry of kinds) {
      const eventName = uniqueEvent();
      const id = await createLive({ ...eventEntry(eventName, { reentry }), start: 'wait', steps: [{ id: 'wait', kind: 'wait_duration', seconds: 3600, next: null }] });
      const contact = await newContact();
      const start = new Date();
      await track(contact, eventName, start);
      await advance(start, id);
      await track(contact, eventName, start);
      await advance(new Date(start.getTime() + 2 * HOUR), id);
      await track(contact, eventName, start);
      results[reentry] = (await runsOf(id, contact)).length;
    }
    expect(results).toEqual({ never: 1, after_exit: 2, always: 3 });
  });
});

describe('waits', () => {
  it('waits until 09:00 in the customer’s own zone (Tokyo and New York differ)', async () => {
    const eventName = uniqueEvent();
    const id = await createLive({ ...eventEntry(eventName), start: 'morning', steps: [{ id: 'morning', kind: 'wait_until_time', time: '09:00', next: 'send' }, { id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }] });
    const tokyo = await newContact({ timeZone: 'Asia/Tokyo' });
    const newYork = await newContact({ timeZone: 'America/New_York' });
    const now = new Date('2030-01-15T12:00:00Z');
    await track(tokyo, eventName, now);
    await track(newYork, eventName, now);
    await advance(now, id);
    const due = Object.fromEntries((await runsOf(id)).map((run) => [run.contactId, run.dueAt?.toISOString()]));
    expect(due[tokyo]).toBe('2030-01-16T00:00:00.000Z');
    expect(due[newYork]).toBe('2030-01-15T14:00:00.000Z');
    await advance(new Date('2030-01-15T14:00:01Z'), id);
    expect(recording.sent.map((request) => request.contactId)).toEqual([newYork]);
  });

  it('resumes a wait for an event when the customer does it, and takes the timeout path when they do not', async () => {
    const eventName = uniqueEvent();
    const id = await createLive({
      ...eventEntry(eventName),
      start: 'await',
      steps: [
        { id: 'await', kind: 'wait_for_event', eventName: 'cart.checked_out', timeoutSeconds: 86_400, next: 'thanks', timeoutNext: 'reminder' },
        { id: 'thanks', kind: 'show_prompt', promptId: PROMPT, next: null },
        { id: 'reminder', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null },
      ],
    });
    const quick = await newContact();
    const slow = await newContact();
    const start = new Date();
    await track(quick, eventName, start);
    await track(slow, eventName, start);
    await advance(start, id);
    await track(quick, 'cart.checked_out', new Date());
    await advance(new Date(start.getTime() + 2000), id);
    expect(recording.prompts).toEqual([PROMPT]);
    expect(recording.sent).toEqual([]);
    await advance(new Date(start.getTime() + DAY + 1000), id);
    expect(recording.sent.map((request) => request.contactId)).toEqual([slow]);
    const [slowRun] = await runsOf(id, slow);
    expect((await stepLog(slowRun!.id))[0]).toMatchObject({ stepId: 'await', detail: expect.objectContaining({ timedOut: true }) });
  });
});

describe('goals and exits', () => {
  it('counts a goal within withinDays as a conversion and exits on it; an exit event ends the run at once', async () => {
    const eventName = uniqueEvent();
    const id = await createLive({
      ...eventEntry(eventName, { goal: { eventName: 'order.placed', withinDays: 7, exitOnGoal: true }, exitOnEvent: 'email.unsubscribed' }),
      start: 'welcome',
      steps: [{ id: 'welcome', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: 'wait' }, { id: 'wait', kind: 'wait_duration', seconds: 3 * 86_400, next: 'follow' }, { id: 'follow', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }],
    });
    const converts = await newContact();
    const leaves = await newContact();
    const start = new Date();
    await track(converts, eventName, start);
    await track(leaves, eventName, start);
    await advance(start, id);
    await track(converts, 'order.placed', new Date(start.getTime() + HOUR));
    await track(leaves, 'email.unsubscribed', new Date(start.getTime() + HOUR));
    const runs = Object.fromEntries((await runsOf(id)).map((run) => [run.contactId, run]));
    expect(runs[converts]).toMatchObject({ status: 'exited', exitReason: 'goal' });
    expect(runs[converts]!.convertedAt).not.toBeNull();
    expect(runs[leaves]).toMatchObject({ status: 'exited', exitReason: 'exit_event', convertedAt: null });
    const analytics = (await requestAs(t.app, admin, { method: 'GET', url: url(`/${id}/analytics?from=${new Date(start.getTime() - DAY).toISOString()}&to=${new Date(start.getTime() + DAY).toISOString()}`) })).json<{ totals: Record<string, number>; steps: { stepId: string; entered: number; sent: number; converted: number }[] }>();
    expect(analytics.totals).toEqual({ entered: 2, active: 0, converted: 1, exited: 2 });
    expect(analytics.steps.find((step) => step.stepId === 'welcome')).toMatchObject({ entered: 2, sent: 2, converted: 1 });
    const converted = await t.services.db.select().from(schema.customerEvents).where(and(eq(schema.customerEvents.contactId, converts), eq(schema.customerEvents.name, 'journey.converted')));
    expect(converted[0]).toMatchObject({ touchpointKind: 'journey', touchpointId: id });
  });
});

describe('steps', () => {
  it('splits each customer deterministically: the same run always takes the same path', async () => {
    const eventName = uniqueEvent();
    const id = await createLive({ ...eventEntry(eventName), start: 'ab', steps: [{ id: 'ab', kind: 'split', paths: [{ label: 'A', percent: 50, next: null }, { label: 'B', percent: 50, next: null }] }] });
    const contacts = await Promise.all(Array.from({ length: 12 }, () => newContact()));
    for (const contact of contacts) await track(contact, eventName);
    await advance(new Date(), id);
    const runs = await runsOf(id);
    expect(runs).toHaveLength(12);
    const { splitRoll, pickSplitPath } = await import('@touchpoint/journeys');
    for (const run of runs) expect(run.splitPath).toBe(pickSplitPath([{ label: 'A', percent: 50 }, { label: 'B', percent: 50 }], splitRoll(run.id, 'ab')).label);
  });

  it('suppresses a message whose template fails to render, with reason template_error, and never sends it', async () => {
    const eventName = uniqueEvent();
    const id = await createLive({ ...eventEntry(eventName), start: 'send', steps: [{ id: 'send', kind: 'send_message', channel: 'email', templateId: BROKEN_TEMPLATE, next: null }] });
    const contact = await newContact();
    await track(contact, eventName);
    await advance(new Date(), id);
    expect(recording.sent).toEqual([]);
    expect(recording.suppressed).toEqual([expect.objectContaining({ reason: 'template_error', detail: 'unknown variable {{ plan }}', request: expect.objectContaining({ contactId: contact, touchpoint: { kind: 'journey', id, stepId: 'send' } }) })]);
    const analytics = (await requestAs(t.app, admin, { method: 'GET', url: url(`/${id}/analytics`) })).json<{ steps: { stepId: string; suppressed: Record<string, number> }[] }>();
    expect(analytics.steps[0]).toMatchObject({ stepId: 'send', suppressed: { template_error: 1 } });
  });

  it('updates an attribute on the contact (recording contact.updated) and creates a conversation with the journey context as a note', async () => {
    const eventName = uniqueEvent();
    const id = await createLive({
      ...eventEntry(eventName),
      start: 'tag',
      steps: [{ id: 'tag', kind: 'update_attribute', key: 'attributes.onboarded', value: true, next: 'handoff' }, { id: 'handoff', kind: 'create_conversation', inboxId: ws.inboxes.mine, subject: 'Help with setup', note: 'Call them about the setup.', next: null }],
    });
    const contact = await newContact();
    await track(contact, eventName);
    await advance(new Date(), id);
    const [row] = await t.services.db.select().from(schema.contacts).where(eq(schema.contacts.id, contact));
    expect(row!.attributes).toMatchObject({ onboarded: true });
    const conversations = await t.services.db.select().from(schema.conversations).where(eq(schema.conversations.contactId, contact));
    expect(conversations).toHaveLength(1);
    const notes = await t.services.db.select().from(schema.messages).where(eq(schema.messages.conversationId, conversations[0]!.id));
    expect(notes[0]!.body).toContain('Call them about the setup.');
  });

  it('calls a webhook with an HMAC-SHA256 signature, retries a failure later, and logs the status', async () => {
    const provider = await startFakeProvider(() => ({ status: 503, body: 'down' }));
    try {
      const eventName = uniqueEvent();
      const id = await createLive({ ...eventEntry(eventName), start: 'hook', steps: [{ id: 'hook', kind: 'call_webhook', url: `${provider.url}/journey`, next: null }] });
      const contact = await newContact();
      const start = new Date();
      await track(contact, eventName, start);
      await advance(start, id);
      expect(provider.received).toHaveLength(1);
      const [run] = await runsOf(id, contact);
      expect(run).toMatchObject({ status: 'active', attempts: 1 });
      expect(run!.dueAt!.getTime()).toBeGreaterThan(start.getTime());
      provider.setResponder(() => ({ json: { ok: true } }));
      await advance(new Date(start.getTime() + HOUR), id);
      expect(provider.received).toHaveLength(2);
      const [journey] = await t.services.db.select().from(schema.journeys).where(eq(schema.journeys.id, id));
      const request = provider.received[1]!;
      expect(verifyWebhookSignature(journey!.webhookSecret, request.text, String(request.headers['x-touchpoint-signature']), new Date(start.getTime() + HOUR))).toBe(true);
      expect(JSON.parse(request.text)).toMatchObject({ journeyId: id, contactId: contact, stepId: 'hook' });
      const [done] = await runsOf(id, contact);
      expect(done).toMatchObject({ status: 'exited', exitReason: 'completed' });
      expect((await stepLog(done!.id))[0]).toMatchObject({ outcome: 'called', detail: expect.objectContaining({ status: 200, attempts: 2 }) });
    } finally {
      await provider.close();
    }
  });

  it('gives up on a webhook after its retries: the step is logged failed and the customer goes on', async () => {
    const provider = await startFakeProvider(() => ({ status: 500, body: 'broken' }));
    try {
      const eventName = uniqueEvent();
      const id = await createLive({ ...eventEntry(eventName), start: 'hook', steps: [{ id: 'hook', kind: 'call_webhook', url: `${provider.url}/journey`, next: 'send' }, { id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }] });
      const contact = await newContact();
      await track(contact, eventName);
      let at = Date.now();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await advance(new Date(at), id);
        at += 2 * HOUR;
      }
      expect(provider.received).toHaveLength(5);
      const [run] = await runsOf(id, contact);
      expect(run).toMatchObject({ status: 'exited', exitReason: 'completed' });
      expect((await stepLog(run!.id)).map((row) => [row.stepId, row.outcome, row.reason])).toEqual([['hook', 'failed', 'webhook_error'], ['send', 'sent', null]]);
      const runs = (await requestAs(t.app, admin, { method: 'GET', url: url(`/${id}/runs`) })).json<{ runs: { contactId: string; exitReason: string }[] }>().runs;
      expect(runs).toEqual([expect.objectContaining({ contactId: contact, exitReason: 'completed' })]);
      const detail = (await requestAs(t.app, admin, { method: 'GET', url: url(`/${id}/runs/${run!.id}`) })).json<{ steps: { stepId: string; outcome: string }[] }>();
      expect(detail.steps.map((step) => [step.stepId, step.outcome])).toEqual([['hook', 'failed'], ['send', 'sent']]);
    } finally {
      await provider.close();
    }
  });

  it('executes a step once even when two workers advance the same run', async () => {
    const eventName = uniqueEvent();
    const id = await createLive({ ...eventEntry(eventName), start: 'send', steps: [{ id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: 'wait' }, { id: 'wait', kind: 'wait_duration', seconds: 3600, next: null }] });
    const contact = await newContact();
    await track(contact, eventName);
    const now = new Date();
    const [first, second] = await Promise.all([claimDueRuns(t.services.db, 10, now, id), claimDueRuns(t.services.db, 10, now, id)]);
    const mine = [...first!, ...second!];
    expect(mine).toHaveLength(1);
    // The same leased run advanced twice at once: the step log's (run, step, visit) key lets one of them send.
    await Promise.all([advanceRun(t.services.db, recording.ports, mine[0]!.id, mine[0]!.leaseToken, now), advanceRun(t.services.db, recording.ports, mine[0]!.id, mine[0]!.leaseToken, now)]);
    await Promise.all(mine.map((claim) => advanceRun(t.services.db, recording.ports, claim.id, claim.leaseToken, now)));
    // A worker whose lease ran out and that comes back with its stale token does nothing.
    for (const claim of mine) await advanceRun(t.services.db, recording.ports, claim.id, claim.leaseToken, now);
    await advance(now, id);
    const [run] = await runsOf(id, contact);
    expect(recording.sendCalls.filter((request) => request.contactId === contact)).toHaveLength(1);
    expect((await stepLog(run!.id)).filter((row) => row.stepId === 'send')).toHaveLength(1);
  });
});

describe('editing a live journey', () => {
  it('moves customers to the new version: at a kept wait they keep its due time, at a removed step they exit with step_removed', async () => {
    const eventName = uniqueEvent();
    const v1 = {
      ...eventEntry(eventName),
      start: 'pick',
      steps: [
        { id: 'pick', kind: 'branch', condition: { kind: 'attribute', key: 'attributes.plan', operator: 'eq', value: 'pro' }, yes: 'wait_pro', no: 'wait_free' },
        { id: 'wait_pro', kind: 'wait_duration', seconds: 86_400, next: 'send' },
        { id: 'wait_free', kind: 'wait_duration', seconds: 86_400, next: 'send' },
        { id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null },
      ],
    };
    const id = await createLive(v1);
    const pro = await newContact({ attributes: { plan: 'pro' } });
    const free = await newContact({ attributes: { plan: 'free' } });
    const start = new Date();
    await track(pro, eventName, start);
    await track(free, eventName, start);
    await advance(start, id);
    const dueBefore = (await runsOf(id, pro))[0]!.dueAt!.toISOString();
    const v2 = { ...v1, start: 'wait_pro', steps: [{ ...v1.steps[1]!, seconds: 60 }, v1.steps[3]!] };
    await requestAs(t.app, admin, { method: 'PATCH', url: url(`/${id}`), payload: { definition: v2 } });
    expect((await requestAs(t.app, admin, { method: 'POST', url: url(`/${id}/publish`) })).json()).toMatchObject({ liveVersion: 2 });
    const runs = Object.fromEntries((await runsOf(id)).map((run) => [run.contactId, run]));
    expect(runs[pro]).toMatchObject({ status: 'active', version: 2, currentStepId: 'wait_pro' });
    expect(runs[pro]!.dueAt!.toISOString()).toBe(dueBefore);
    expect(runs[free]).toMatchObject({ status: 'exited', exitReason: 'step_removed' });
    await advance(new Date(start.getTime() + DAY + 1000), id);
    expect(recording.sent.map((request) => request.contactId)).toEqual([pro]);
  });
});

describe('editing a live journey, changed kinds', () => {
  it('runs a step afresh when its id stays but its kind changed', async () => {
    const eventName = uniqueEvent();
    const v1 = { ...eventEntry(eventName), start: 'later', steps: [{ id: 'later', kind: 'wait_duration', seconds: 7 * 86_400, next: null }] };
    const id = await createLive(v1);
    const contact = await newContact();
    await track(contact, eventName);
    await advance(new Date(), id);
    expect((await runsOf(id, contact))[0]).toMatchObject({ phase: 'waiting', currentStepId: 'later' });
    await requestAs(t.app, admin, { method: 'PATCH', url: url(`/${id}`), payload: { definition: { ...v1, steps: [{ id: 'later', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }] } } });
    await requestAs(t.app, admin, { method: 'POST', url: url(`/${id}/publish`) });
    expect((await runsOf(id, contact))[0]).toMatchObject({ phase: 'ready', version: 2, currentStepId: 'later' });
    await advance(new Date(), id);
    expect(recording.sent.map((request) => request.contactId)).toEqual([contact]);
    expect((await runsOf(id, contact))[0]).toMatchObject({ status: 'exited', exitReason: 'completed' });
  });
});

describe('test mode', () => {
  it('walks the chosen customer through the draft with waits fast-forwarded, sends marked test, and leaves analytics alone', async () => {
    const created = await requestAs(t.app, admin, {
      method: 'POST',
      url: url(),
      payload: {
        name: 'Draft only',
        definition: {
          ...eventEntry('portal.signed_in', { goal: { eventName: 'order.placed', withinDays: 7, exitOnGoal: true } }),
          start: 'welcome',
          steps: [
            { id: 'welcome', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: 'wait' },
            { id: 'wait', kind: 'wait_duration', seconds: 2 * 86_400, next: 'ordered' },
            { id: 'ordered', kind: 'branch', condition: { kind: 'event', name: 'order.placed', operator: 'gte', count: 1 }, yes: 'prompt', no: 'survey' },
            { id: 'prompt', kind: 'show_prompt', promptId: PROMPT, next: null },
            { id: 'survey', kind: 'send_survey', surveyId: SURVEY, channel: 'email', next: null },
          ],
        },
      },
    });
    const id = created.json<{ id: string }>().id;
    const contact = await newContact();
    await track(contact, 'order.placed');
    const response = await requestAs(t.app, admin, { method: 'POST', url: url(`/${id}/test`), payload: { contactId: contact } });
    expect(response.statusCode).toBe(200);
    const trace = response.json<{ trace: { stepId: string; kind: string; outcome: string; detail: Record<string, unknown> }[] }>().trace;
    expect(trace.map((entry) => [entry.stepId, entry.outcome])).toEqual([['welcome', 'entered'], ['welcome', 'sent'], ['wait', 'waited'], ['ordered', 'branched'], ['prompt', 'sent'], ['prompt', 'converted'], ['prompt', 'exited']]);
    expect(trace[2]!.detail).toMatchObject({ fastForwarded: true });
    expect(trace[3]!.detail).toMatchObject({ path: 'yes' });
    expect(recording.sent).toEqual([expect.objectContaining({ contactId: contact, test: true })]);
    const analytics = (await requestAs(t.app, admin, { method: 'GET', url: url(`/${id}/analytics`) })).json<{ totals: { entered: number }; steps: { entered: number }[] }>();
    expect(analytics.totals.entered).toBe(0);
    expect(analytics.steps.every((step) => step.entered === 0)).toBe(true);
    const runs = (await requestAs(t.app, admin, { method: 'GET', url: `/api/v1/accounts/${ws.accountId}/contacts/${contact}/journey-runs` })).json<{ runs: { test: boolean; journeyName: string }[] }>().runs;
    expect(runs).toEqual([expect.objectContaining({ test: true, journeyName: 'Draft only' })]);
  });

  it('refuses a contact of another account with 404', async () => {
    const other = await createTestWorkspace('Other');
    const stranger = await createContact(t.services.db, { accountId: other.accountId, actor: { type: 'system', id: null, name: 'Test', role: 'admin' } }, { name: 'Stranger' });
    const id = await createLive({ ...eventEntry(uniqueEvent()), start: 'send', steps: [{ id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null }] });
    const response = await requestAs(t.app, admin, { method: 'POST', url: url(`/${id}/test`), payload: { contactId: stranger.id } });
    expect(response.statusCode).toBe(404);
    expect(recording.sent).toEqual([]);
  });
});
