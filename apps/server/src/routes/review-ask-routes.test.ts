import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { createContact } from '@touchpoint/contacts';
import { schema } from '@touchpoint/db';
import { deliverReviewAsks } from '../referral-delivery.ts';
import { eventsSettled } from '../testing/events-settled.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let scope: AccountScope;
let csatId: string;
let npsId: string;
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const REVIEW = { id: 'google', name: 'Google', url: 'https://reviews.example/shop', locale: null };

async function newContact(name: string, locale: 'en' | 'ja' | 'zh' = 'en') {
  return createContact(t.services.db, scope, { name, locale, email: `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test` });
}
/** The customer answers one survey by its link with this score. */
async function answer(surveyId: string, contactId: string, score: number) {
  const asked = await requestAs(t.app, admin, { method: 'POST', url: url(`/surveys/${surveyId}/requests`), payload: { contactId } });
  expect(asked.statusCode).toBe(201);
  const token = new URL(asked.json().url).pathname.split('/').at(-1)!;
  expect((await t.app.inject({ url: `/s/${token}?score=${score}` })).statusCode).toBe(200);
  await eventsSettled(ws.accountId);
  await deliverReviewAsks(t.services);
  // The sink's own wake-up may be sending the same ask at this moment (outreach lets one of the two send): wait for it.
  await vi.waitFor(async () => expect((await asksOf(contactId)).filter((ask) => ask.status === 'pending')).toHaveLength(0));
}
async function asksOf(contactId: string) {
  return t.services.db.select().from(schema.reviewAsks).where(and(eq(schema.reviewAsks.accountId, ws.accountId), eq(schema.reviewAsks.contactId, contactId)));
}
async function eventsNamed(contactId: string, name: string) {
  return t.services.db.select().from(schema.customerEvents).where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.contactId, contactId), eq(schema.customerEvents.name, name)));
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  await requestAs(t.app, admin, { method: 'PUT', url: url('/surveys/settings'), payload: { fatigueDays: 0 } });
  csatId = (await requestAs(t.app, admin, { method: 'POST', url: url('/surveys'), payload: { status: 'live', name: 'CSAT', kind: 'csat', detractorAction: false } })).json().id;
  npsId = (await requestAs(t.app, admin, { method: 'POST', url: url('/surveys'), payload: { status: 'live', name: 'NPS', kind: 'nps', detractorAction: false } })).json().id;
  const saved = await requestAs(t.app, admin, { method: 'PUT', url: url('/review-settings'), payload: {
    enabled: true, platforms: [REVIEW, { id: 'tabelog', name: 'Tabelog', url: 'https://tabelog.example/shop', locale: 'ja' }], shareText: { en: 'I love this shop', ja: 'おすすめのお店です' },
    csatMin: 4, npsMin: 9, cooldownDays: 90, channel: 'in_app',
  } });
  expect(saved.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('review and share asks', () => {
  it('refuses settings that are on with no review page, or with a page that is not an http(s) URL', async () => {
    const none = await requestAs(t.app, admin, { method: 'PUT', url: url('/review-settings'), payload: { enabled: true, platforms: [] } });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].path).toBe('platforms');
    const script = await requestAs(t.app, admin, { method: 'PUT', url: url('/review-settings'), payload: { enabled: true, platforms: [{ ...REVIEW, url: 'javascript:alert(1)' }] } });
    expect(script.statusCode).toBe(400);
    expect((await requestAs(t.app, admin, { method: 'GET', url: url('/review-settings') })).json().platforms).toHaveLength(2);
  });

  it('asks a customer who rated 5 for a review in the app, and the tracked link records the click and leads to the platform', async () => {
    const happy = await newContact('Happy');
    await answer(csatId, happy.id, 5);
    const [ask] = await asksOf(happy.id);
    expect(ask).toMatchObject({ status: 'sent', surveyKind: 'csat', score: 5, channel: 'in_app' });
    expect(await eventsNamed(happy.id, 'review.requested')).toHaveLength(1);
    const followed = await t.app.inject({ url: `/review/${ask!.token}?to=google` });
    expect(followed.statusCode).toBe(302);
    expect(followed.headers.location).toBe(REVIEW.url);
    await t.app.inject({ url: `/review/${ask!.token}?to=google` });
    expect(await eventsNamed(happy.id, 'review.clicked')).toHaveLength(1);
    expect((await asksOf(happy.id))[0]).toMatchObject({ clickedPlatform: 'google' });
    expect((await t.app.inject({ url: `/review/${ask!.token}?to=elsewhere` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/review/forged-token-123?to=google' })).statusCode).toBe(404);
  });

  it('never asks a customer who rated low (CSAT 3, NPS 8)', async () => {
    const unhappy = await newContact('Meh');
    await answer(csatId, unhappy.id, 3);
    await answer(npsId, unhappy.id, 8);
    expect(await asksOf(unhappy.id)).toHaveLength(0);
    expect(await eventsNamed(unhappy.id, 'review.requested')).toHaveLength(0);
  });

  it('asks a promoter (NPS 9) once within the cool-down, however many high answers follow', async () => {
    const fan = await newContact('Fan', 'ja');
    await answer(npsId, fan.id, 10);
    await answer(csatId, fan.id, 5);
    await answer(npsId, fan.id, 9);
    expect(await asksOf(fan.id)).toHaveLength(1);
    const [delivery] = await t.services.db.select().from(schema.promptDeliveries).where(and(eq(schema.promptDeliveries.accountId, ws.accountId), eq(schema.promptDeliveries.contactId, fan.id)));
    expect(JSON.stringify(delivery)).toContain('レビューを書く');
    const list = (await requestAs(t.app, admin, { method: 'GET', url: url('/review-asks') })).json();
    expect(list.asks.filter((a: { contactName: string }) => a.contactName === 'Fan')).toHaveLength(1);
    const stats = (await requestAs(t.app, admin, { method: 'GET', url: url('/referral-stats') })).json();
    expect(stats.reviewAsks.sent).toBeGreaterThanOrEqual(2);
    expect(stats.reviewAsks.clicked).toBe(1);
  });

  it('keeps an email ask that outreach could not send as not sent, with outreach’s reason, and nothing on the timeline', async () => {
    await requestAs(t.app, admin, { method: 'PUT', url: url('/review-settings'), payload: { enabled: true, platforms: [REVIEW], channel: 'email' } });
    const mailed = await newContact('Mailed');
    await answer(npsId, mailed.id, 10);
    // This test server has no SMTP: outreach answers channel_unavailable.
    expect((await asksOf(mailed.id))[0]).toMatchObject({ status: 'suppressed', suppressionReason: 'channel_unavailable', channel: 'email' });
    expect(await eventsNamed(mailed.id, 'review.requested')).toHaveLength(0);
  });
});
