import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope, SurveyAnsweredProperties } from '@touchpoint/core';
import { createOrder } from '@touchpoint/commerce';
import { createContact } from '@touchpoint/contacts';
import { createConversation } from '@touchpoint/conversations';
import { type CustomerEventInput, recordCustomerEvents } from '@touchpoint/customer-events';
import { createJourney } from '@touchpoint/journeys';
import { createPrompt } from '@touchpoint/prompts';
import { createSurvey } from '@touchpoint/surveys';
import { eventsSettled } from '../testing/events-settled.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
const ids = { alice: '', bob: '', carol: '' };
const JOURNEY = '11111111-1111-4111-8111-111111111111';
const PROMPT = '22222222-2222-4222-8222-222222222222';
const CSAT_SURVEY = '33333333-3333-4333-8333-333333333333';
const NPS_SURVEY = '44444444-4444-4444-8444-444444444444';
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
// The account is in Tokyo: 2026-03-01..2026-03-02 runs from 2026-02-28T15:00Z to 2026-03-02T15:00Z.
const RANGE = 'from=2026-03-01&to=2026-03-02';

function event(contact: keyof typeof ids, name: string, at: string, touchpoint: CustomerEventInput['touchpoint'], properties: Record<string, unknown> = {}): CustomerEventInput {
  return { contactId: ids[contact], kind: 'system', name, occurredAt: new Date(at), touchpoint, properties, source: 'system' };
}
const answer = (surveyId: string, kind: 'csat' | 'nps', score: number, about: SurveyAnsweredProperties['about']): Record<string, unknown> => ({ surveyId, kind, score, about });

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  await requestAs(t.app, admin, { method: 'PATCH', url: url(''), payload: { timeZone: 'Asia/Tokyo' } });
  const { db } = await getTestDatabase();
  const scope: AccountScope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  ids.alice = (await createContact(db, scope, { name: 'Alice' })).id;
  ids.bob = (await createContact(db, scope, { name: 'Bob' })).id;
  ids.carol = (await createContact(db, scope, { name: 'Carol' })).id;
  const journey = { kind: 'journey' as const, id: JOURNEY, stepId: 'welcome-email' };
  const prompt = { kind: 'prompt' as const, id: PROMPT };
  await recordCustomerEvents(db, ws.accountId, [
    event('carol', 'journey.entered', '2026-02-28T14:59:59Z', journey),
    event('carol', 'journey.entered', '2026-02-28T15:00:00Z', journey),
    event('alice', 'journey.entered', '2026-03-01T01:00:00Z', journey),
    event('bob', 'journey.entered', '2026-03-01T01:00:00Z', journey),
    event('alice', 'message.sent', '2026-03-01T02:00:00Z', journey),
    event('bob', 'message.sent', '2026-03-01T02:00:00Z', journey),
    event('carol', 'message.sent', '2026-03-02T03:00:00Z', journey),
    event('carol', 'message.suppressed', '2026-03-01T02:00:00Z', journey, { reason: 'frequency_cap' }),
    event('alice', 'message.received', '2026-03-03T00:00:00Z', { kind: 'channel', id: 'web_chat' }),
    event('alice', 'journey.converted', '2026-03-01T05:00:00Z', journey),
    event('alice', 'prompt.shown', '2026-03-01T03:00:00Z', prompt),
    event('bob', 'prompt.shown', '2026-03-01T03:00:00Z', prompt),
    event('alice', 'prompt.clicked', '2026-03-01T03:01:00Z', prompt),
    event('alice', 'survey.requested', '2026-03-01T06:00:00Z', { kind: 'survey', id: CSAT_SURVEY }),
    event('bob', 'survey.requested', '2026-03-01T06:00:00Z', { kind: 'survey', id: CSAT_SURVEY }),
    event('alice', 'survey.answered', '2026-03-01T07:00:00Z', { kind: 'survey', id: CSAT_SURVEY }, answer(CSAT_SURVEY, 'csat', 5, { kind: 'channel', id: 'web_chat' })),
    event('bob', 'survey.answered', '2026-03-01T08:00:00Z', { kind: 'survey', id: NPS_SURVEY }, answer(NPS_SURVEY, 'nps', 10, { kind: 'journey', id: JOURNEY, stepId: 'welcome-email' })),
    event('carol', 'survey.answered', '2026-03-01T08:00:00Z', { kind: 'survey', id: NPS_SURVEY }, answer(NPS_SURVEY, 'nps', 3, { kind: 'journey', id: JOURNEY })),
  ]);
  await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: ids.alice, subject: 'Where is my parcel, "now"?', status: 'resolved', messages: [{ direction: 'inbound', body: 'hi', at: new Date('2026-03-01T04:00:00Z') }] });
  await createConversation(db, scope, { inboxId: ws.inboxes.mine, contactId: ids.bob, subject: 'Open', messages: [{ direction: 'inbound', body: 'hi', at: new Date('2026-03-01T04:00:00Z') }] });
  const line = (unitPriceMinor: number) => [{ title: 'Tea', quantity: 1, unitPriceMinor }];
  await createOrder(db, scope, { number: 'T-1', contactId: ids.alice, currency: 'USD', lines: line(1000), placedAt: new Date('2026-02-01T00:00:00Z') });
  await createOrder(db, scope, { number: 'T-2', contactId: ids.alice, currency: 'USD', lines: line(3000), placedAt: new Date('2026-03-01T10:00:00Z') });
  await createOrder(db, scope, { number: 'T-3', contactId: ids.bob, currency: 'USD', lines: line(500), placedAt: new Date('2026-03-01T10:00:00Z') });
  await createOrder(db, scope, { number: 'T-4', contactId: ids.carol, currency: 'EUR', lines: line(700), placedAt: new Date('2026-03-01T10:00:00Z') });
  await createOrder(db, scope, { number: 'T-5', contactId: ids.carol, currency: 'USD', lines: line(900), placedAt: new Date('2026-03-05T10:00:00Z') });
  // The orders and conversations reach the timeline through the customer-events sink (order.placed, message.received).
  await eventsSettled(ws.accountId);
});
afterAll(() => t.close());

interface Summary { key: string; id: string | null; name: string | null; stage: string; stageOverridden: boolean; events: number; customers: number; conversion: unknown; messages: unknown; suppressions: unknown; satisfaction: { csat: unknown; nps: unknown } }
async function readMap(range = RANGE) {
  const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/touchpoints?${range}`) });
  expect(response.statusCode).toBe(200);
  const map = response.json<{ touchpoints: Summary[]; flows: { from: string; to: string; count: number }[] }>();
  return { ...map, byKey: (key: string) => map.touchpoints.find((row) => row.key === key) };
}

describe('touchpoint map', () => {
  it('names the account’s own journeys, prompts and surveys, and shows one it does not have by its kind', async () => {
    const { db } = await getTestDatabase();
    const journey = await createJourney(db, ws.accountId, { name: 'Spring welcome', definition: { entry: { kind: 'event', eventName: 'signed_up' }, start: 'a', steps: [{ id: 'a', kind: 'wait_duration', seconds: 60, next: null }] } });
    const prompt = await createPrompt(db, ws.accountId, { name: 'First-order thanks', kind: 'banner', triggerEvent: 'order.placed', content: { en: { title: 'Thanks!', body: '' } }, action: { kind: 'dismiss' } });
    const survey = await createSurvey(db, ws.accountId, { name: 'Delivery NPS', kind: 'nps', status: 'live', triggers: [], channel: 'email' });
    const unknown = '55555555-5555-4555-8555-555555555555';
    const dan = (await createContact(db, { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } }, { name: 'Dan' })).id;
    await recordCustomerEvents(db, ws.accountId, ([
      ['journey.entered', '2026-04-01T01:00:00Z', { kind: 'journey', id: journey.id, stepId: 'a' }],
      ['prompt.shown', '2026-04-01T02:00:00Z', { kind: 'prompt', id: prompt.id }],
      ['survey.requested', '2026-04-01T03:00:00Z', { kind: 'survey', id: survey.id }],
      ['journey.entered', '2026-04-01T04:00:00Z', { kind: 'journey', id: unknown }],
    ] as const).map(([name, at, touchpoint]) => ({ contactId: dan, kind: 'system', name, occurredAt: new Date(at), touchpoint, properties: {}, source: 'system' })));
    // A message the journey's test mode sent is not a figure of the journey.
    await recordCustomerEvents(db, ws.accountId, [{ contactId: dan, kind: 'system', name: 'message.sent', occurredAt: new Date('2026-04-01T05:00:00Z'), touchpoint: { kind: 'journey', id: journey.id, stepId: 'a' }, properties: { test: true }, source: 'system' }]);
    const map = await readMap('from=2026-04-01&to=2026-04-01');
    expect([journey.id, prompt.id, survey.id, unknown].map((id) => map.touchpoints.find((row) => row.id === id)?.name ?? null))
      .toEqual(['Spring welcome', 'First-order thanks', 'Delivery NPS', null]);
    expect(map.touchpoints.find((row) => row.id === journey.id)).toMatchObject({ events: 1, customers: 1 });
  });

  it('counts a journey’s volume, conversion, message responses and suppressions within the range’s days in the account’s zone', async () => {
    const journey = (await readMap()).byKey(`journey:${JOURNEY}`);
    expect(journey).toMatchObject({
      stage: 'onboard', events: 7, customers: 3,
      conversion: { label: 'converted', numerator: 1, denominator: 3, rate: 0.333 },
      messages: { sent: 3, responded: 3, rate: 1 },
      suppressions: { frequency_cap: 1 },
    });
  });

  it('judges prompts by clicks over views, surveys by answers over requests and channels by resolved conversations', async () => {
    const map = await readMap();
    expect(map.byKey(`prompt:${PROMPT}`)?.conversion).toEqual({ label: 'clicked', numerator: 1, denominator: 2, rate: 0.5 });
    expect(map.byKey(`survey:${CSAT_SURVEY}`)?.conversion).toEqual({ label: 'answered', numerator: 1, denominator: 2, rate: 0.5 });
    expect(map.byKey('channel:web_chat')?.conversion).toEqual({ label: 'resolved', numerator: 1, denominator: 2, rate: 0.5 });
    expect(map.byKey('channel:email')).toMatchObject({ events: 0, conversion: null });
    // T-2, T-3 and T-4 fall in the range (T-1 before it, T-5 after it), recorded by the sink when the orders were placed.
    expect(map.byKey('order:')).toMatchObject({ stage: 'buy', events: 3, customers: 3 });
  });

  it('attributes a survey answer to the touchpoint it was about and to the survey itself', async () => {
    const map = await readMap();
    expect(map.byKey('channel:web_chat')?.satisfaction.csat).toEqual({ n: 1, satisfiedRate: 1, average: 5 });
    expect(map.byKey(`journey:${JOURNEY}`)?.satisfaction.nps).toEqual({ n: 2, score: 0, promoters: 1, passives: 0, detractors: 1 });
    expect(map.byKey(`survey:${NPS_SURVEY}`)?.satisfaction.nps).toMatchObject({ n: 2, score: 0 });
    expect(map.byKey(`prompt:${PROMPT}`)?.satisfaction).toEqual({ csat: null, nps: null, ces: null });
  });

  it('leaves out events before the first day and from the day after the last one', async () => {
    const journey = (await readMap('from=2026-02-28&to=2026-02-28')).byKey(`journey:${JOURNEY}`);
    expect(journey).toMatchObject({ events: 1, customers: 1 });
  });

  it('shows the most common next touchpoint', async () => {
    const { flows } = await readMap();
    expect(flows).toContainEqual({ from: `journey:${JOURNEY}`, to: `prompt:${PROMPT}`, count: 2 });
  });

  it('keeps an admin’s stage for a touchpoint until it is reset', async () => {
    const put = await requestAs(t.app, admin, { method: 'PUT', url: url('/touchpoint-stages'), payload: { kind: 'journey', id: JOURNEY, stage: 'stay' } });
    expect(put.statusCode).toBe(200);
    expect((await readMap()).byKey(`journey:${JOURNEY}`)).toMatchObject({ stage: 'stay', stageOverridden: true });
    await requestAs(t.app, admin, { method: 'PUT', url: url('/touchpoint-stages'), payload: { kind: 'journey', id: JOURNEY, stage: null } });
    expect((await readMap()).byKey(`journey:${JOURNEY}`)).toMatchObject({ stage: 'onboard', stageOverridden: false });
    const agent = await signInAs(t.app, ws.agent.email);
    const denied = await requestAs(t.app, agent, { method: 'PUT', url: url('/touchpoint-stages'), payload: { kind: 'journey', id: JOURNEY, stage: 'stay' } });
    expect(denied.statusCode).toBe(403);
  });

  it('describes one touchpoint with a trend per day and its journey steps', async () => {
    const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/touchpoints/detail?${RANGE}&kind=journey&id=${JOURNEY}`) });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail.trend).toEqual([
      { date: '2026-03-01', events: 6, customers: 3, converted: 1 },
      { date: '2026-03-02', events: 1, customers: 1, converted: 0 },
    ]);
    expect(detail.steps).toEqual([{ stepId: 'welcome-email', events: 7, customers: 3, sent: 3, suppressed: 1, converted: 1 }]);
  });

  it('refuses a range that ends before it starts, with nothing else changed', async () => {
    const response = await requestAs(t.app, admin, { method: 'GET', url: url('/touchpoints?from=2026-03-02&to=2026-03-01') });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('exports the map as CSV with a BOM, quoted fields and defused formulas', async () => {
    const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/touchpoints.csv?${RANGE}`) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body.startsWith('\uFEFFstage,kind,id,name,events')).toBe(true);
    expect(response.body).toContain(`onboard,journey,${JOURNEY},,7,3,`);
    expect(response.body).toContain('frequency_cap=1');
  });
});

describe('service as an investment', () => {
  it('compares lifetime value and repeat purchase of customers with and without a conversation in the range', async () => {
    const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/touchpoints/investment?${RANGE}`) });
    expect(response.statusCode).toBe(200);
    const investment = response.json();
    expect(investment.currency).toBe('USD');
    expect(investment.otherCurrencyOrders).toBe(1);
    expect(investment.byService).toEqual([
      { group: 'service', customers: 2, repeatCustomers: 1, repeatRate: 0.5, valuedCustomers: 2, averageLifetimeValueMinor: 2250, medianLifetimeValueMinor: 2250 },
      { group: 'no_service', customers: 1, repeatCustomers: 0, repeatRate: 0, valuedCustomers: 0, averageLifetimeValueMinor: null, medianLifetimeValueMinor: null },
    ]);
    expect(investment.byNps.map((group: { group: string; customers: number }) => [group.group, group.customers])).toEqual([['promoter', 1], ['passive', 0], ['detractor', 1], ['no_answer', 1]]);
    expect(investment.byCsat.find((group: { group: string }) => group.group === 'satisfied')).toMatchObject({ customers: 1, averageLifetimeValueMinor: 4000 });
  });

  it('uses the currency asked for and exports the groups as CSV', async () => {
    const eur = (await requestAs(t.app, admin, { method: 'GET', url: url(`/touchpoints/investment?${RANGE}&currency=EUR`) })).json();
    expect(eur.byService[1]).toMatchObject({ group: 'no_service', valuedCustomers: 1, averageLifetimeValueMinor: 700 });
    const csv = await requestAs(t.app, admin, { method: 'GET', url: url(`/touchpoints/investment.csv?${RANGE}`) });
    expect(csv.body).toContain('service,service,2,1,0.5,2,USD,2250,2250\r\n');
  });
});

describe('a customer’s journey', () => {
  it('lists the customer’s touchpoints in time order with stages and answers', async () => {
    const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts/${ids.alice}/touchpoints`) });
    expect(response.statusCode).toBe(200);
    const journey = response.json();
    expect(journey.events.map((e: { name: string }) => e.name)).toEqual([
      'order.placed', 'journey.entered', 'message.sent', 'prompt.shown', 'prompt.clicked', 'journey.converted', 'survey.requested', 'survey.answered', 'order.placed', 'message.received',
    ]);
    expect(journey.events[7]).toMatchObject({ stage: 'stay', answer: { kind: 'csat', score: 5, about: { kind: 'channel', id: 'web_chat' } } });
    expect(journey.touchpoints).toContainEqual({ key: 'channel:web_chat', kind: 'channel', id: 'web_chat', name: 'web_chat', stage: 'get_help' });
  });
});
