import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { AccountScope, OutreachRequest } from '@touchpoint/core';
import { createOrder, upsertOrder } from '@touchpoint/commerce';
import { createContact } from '@touchpoint/contacts';
import { schema } from '@touchpoint/db';
import { composeSurveyEmail, deliverDueSurveyRequests, describeSurveyLink, requestSurvey, signSurveyToken, tokenOfRequest } from '@touchpoint/surveys';
import { outreachOf } from '../journeys/journey-ports.ts';
import { eventsSettled } from '../testing/events-settled.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let scope: AccountScope;
const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;
const today = () => new Date().toISOString().slice(0, 10);

async function newContact(name: string, locale: string | null = null) {
  return createContact(t.services.db, scope, { name, email: `${name.toLowerCase().replace(/\W+/g, '-')}-${Math.random().toString(36).slice(2, 8)}@example.test`, ...(locale ? { locale } : {}) });
}
async function newSurvey(body: Record<string, unknown>) {
  const response = await requestAs(t.app, admin, { method: 'POST', url: url('/surveys'), payload: { status: 'live', ...body } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; texts: Record<string, { question: string }>; detractorMaxScore: number }>();
}
async function ask(surveyId: string, contactId: string, extra: Record<string, unknown> = {}) {
  const response = await requestAs(t.app, admin, { method: 'POST', url: url(`/surveys/${surveyId}/requests`), payload: { contactId, ...extra } });
  expect(response.statusCode).toBe(201);
  return response.json<{ status: string; requestId: string | null; reason?: string; url: string | null }>();
}
const tokenOf = (link: string) => new URL(link).pathname.split('/').at(-1)!;
async function customerEvents(contactId: string, name: string) {
  return t.services.db.select().from(schema.customerEvents).where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.contactId, contactId), eq(schema.customerEvents.name, name)));
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  // Each test asks the same customers more than once; fatigue is tested on its own.
  await requestAs(t.app, admin, { method: 'PUT', url: url('/surveys/settings'), payload: { fatigueDays: 0 } });
});
afterAll(() => t.close());

describe('surveys', () => {
  it('creates a survey with default wording in en, ja and zh and lists it with the helpdesk’s conversation CSAT', async () => {
    const survey = await newSurvey({ name: 'After delivery', kind: 'nps' });
    expect(survey.texts.ja!.question).toContain('すすめる');
    expect(survey.texts.zh!.question).toContain('推荐');
    expect(survey.detractorMaxScore).toBe(6);
    const list = (await requestAs(t.app, admin, { method: 'GET', url: url('/surveys') })).json<{ surveys: { name: string; kind: string; builtIn: string | null }[] }>();
    expect(list.surveys).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'After delivery', kind: 'nps' }), expect.objectContaining({ builtIn: 'conversation_csat', kind: 'csat' })]));
    const bad = await requestAs(t.app, admin, { method: 'POST', url: url('/surveys'), payload: { name: 'x', kind: 'ces', detractorMaxScore: 7 } });
    expect(bad.statusCode).toBe(400);
  });

  it('records a one-click score from the email link, then the comment on the page, counted once in the report and on the timeline', async () => {
    const survey = await newSurvey({ name: 'Link NPS', kind: 'nps', detractorAction: false });
    const contact = await newContact('Hana', 'ja');
    const asked = await ask(survey.id, contact.id, { about: { kind: 'order', id: 'A-100' } });
    expect(asked).toMatchObject({ status: 'requested', url: expect.stringContaining('/s/') });
    const token = tokenOf(asked.url!);
    const clicked = await t.app.inject({ url: `/s/${token}?score=9`, headers: { 'accept-language': 'ja' } });
    expect(clicked.statusCode).toBe(200);
    expect(clicked.body).toContain('<html lang="ja">');
    expect(clicked.body).toContain('あなたの回答: 9');
    // A second click (a mail scanner, a change of mind) does not count again; the comment goes on the same answer.
    await t.app.inject({ url: `/s/${token}?score=3` });
    const commented = await t.app.inject({ method: 'POST', url: `/s/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'comment=%E9%85%8D%E9%80%81%E3%81%8C%E6%97%A9%E3%81%84' });
    expect(commented.statusCode).toBe(200);
    expect(commented.body).toContain('配送が早い');
    const report = (await requestAs(t.app, admin, { method: 'GET', url: url(`/surveys/${survey.id}/report?from=${today()}&to=${today()}`) })).json();
    expect(report.totals).toMatchObject({ asked: 1, responses: 1, responseRate: 100, nps: 100 });
    expect(report.comments).toEqual([expect.objectContaining({ contactId: contact.id, score: 9, comment: '配送が早い' })]);
    expect(report.touchpoints).toEqual([expect.objectContaining({ aboutKind: 'order', responses: 1 })]);
    const answered = await customerEvents(contact.id, 'survey.answered');
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ touchpointKind: 'survey', touchpointId: survey.id, properties: { surveyId: survey.id, kind: 'nps', score: 9, about: { kind: 'order', id: 'A-100' } } });
    const csv = await requestAs(t.app, admin, { method: 'GET', url: url(`/surveys/${survey.id}/responses.csv?from=${today()}&to=${today()}`) });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv.body).toContain('"配送が早い"');
  });

  it('asks a journey test at once whatever the survey’s status and the fatigue window, and keeps its answer out of the report', async () => {
    const live = await newSurvey({ name: 'Live CSAT', kind: 'csat', detractorAction: false });
    const draft = await newSurvey({ name: 'Draft CSAT', kind: 'csat', status: 'draft', detractorAction: false });
    const contact = await newContact('Tester');
    expect(await ask(live.id, contact.id)).toMatchObject({ status: 'requested' });
    const { db } = t.services;
    const asked = await db.transaction((tx) => requestSurvey(tx, { accountId: ws.accountId, contactId: contact.id, surveyId: draft.id, channel: 'link', about: null, touchpoint: { kind: 'journey', id: 'j-1', stepId: 'csat' }, test: true }));
    expect(asked.status).toBe('requested');
    const [request] = await db.select().from(schema.surveyRequests).where(eq(schema.surveyRequests.id, asked.requestId!));
    expect((await t.app.inject({ url: `/s/${await tokenOfRequest(db, request!)}?score=5` })).statusCode).toBe(200);
    expect((await customerEvents(contact.id, 'survey.answered')).map((event) => event.properties.test)).toEqual([true]);
    const report = (await requestAs(t.app, admin, { method: 'GET', url: url(`/surveys/${draft.id}/report?from=${today()}&to=${today()}`) })).json();
    expect(report.totals).toMatchObject({ asked: 0, responses: 0 });
    // The test ask takes no place in the fatigue window: the live survey's next ask is judged on the live one alone.
    expect(request).toMatchObject({ test: true, countsForFatigue: false });
  });

  it('asks the same request once per idempotency key', async () => {
    const survey = await newSurvey({ name: 'Keyed', kind: 'csat' });
    const contact = await newContact('Keyed customer');
    const first = await ask(survey.id, contact.id, { idempotencyKey: 'journey-run-1:step-4' });
    const again = await ask(survey.id, contact.id, { idempotencyKey: 'journey-run-1:step-4' });
    expect(again.requestId).toBe(first.requestId);
    expect(await customerEvents(contact.id, 'survey.requested')).toHaveLength(1);
  });

  it('suppresses a second survey inside the fatigue window with survey_fatigue on the timeline, and asks again once the window is off', async () => {
    const csat = await newSurvey({ name: 'Fatigue CSAT', kind: 'csat' });
    const ces = await newSurvey({ name: 'Fatigue CES', kind: 'ces' });
    const contact = await newContact('Tired');
    await requestAs(t.app, admin, { method: 'PUT', url: url('/surveys/settings'), payload: { fatigueDays: 30 } });
    try {
      expect((await ask(csat.id, contact.id)).status).toBe('requested');
      const second = await ask(ces.id, contact.id);
      expect(second).toMatchObject({ status: 'suppressed', reason: 'survey_fatigue', url: null });
      const suppressed = await customerEvents(contact.id, 'survey.suppressed');
      expect(suppressed).toEqual([expect.objectContaining({ touchpointKind: 'survey', touchpointId: ces.id, properties: expect.objectContaining({ reason: 'survey_fatigue', fatigueDays: 30 }) })]);
      const report = (await requestAs(t.app, admin, { method: 'GET', url: url(`/surveys/${ces.id}/report?from=${today()}&to=${today()}`) })).json();
      expect(report.totals).toMatchObject({ asked: 0, suppressed: 1 });
    } finally {
      await requestAs(t.app, admin, { method: 'PUT', url: url('/surveys/settings'), payload: { fatigueDays: 0 } });
    }
    expect((await ask(ces.id, contact.id, { idempotencyKey: 'later' })).status).toBe('requested');
  });

  it('shows a clear error page for a forged or an expired link', async () => {
    const survey = await newSurvey({ name: 'Tokens', kind: 'ces' });
    const contact = await newContact('Token tester');
    const asked = await ask(survey.id, contact.id);
    const token = tokenOf(asked.url!);
    const forged = `${token.slice(0, -4)}AAAA`;
    const page = await t.app.inject({ url: `/s/${forged}`, headers: { 'accept-language': 'en' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('This link is not valid');
    expect((await t.app.inject({ url: '/s/not-a-token' })).statusCode).toBe(404);
    const [settings] = await t.services.db.select().from(schema.surveySettings).where(eq(schema.surveySettings.accountId, ws.accountId));
    const expired = signSurveyToken(settings!.signingKey, asked.requestId!, new Date(Date.now() - 60_000));
    const closed = await t.app.inject({ url: `/s/${expired}?score=7`, headers: { 'accept-language': 'zh-CN' } });
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('本次调查已结束');
    await expect(describeSurveyLink(t.services.db, token, null, new Date(Date.now() + 40 * 86_400_000))).rejects.toMatchObject({ code: 'invitation_expired' });
    expect(await customerEvents(contact.id, 'survey.answered')).toHaveLength(0);
  });

  it('opens one conversation for a detractor answer, with the score and the comment', async () => {
    const survey = await newSurvey({ name: 'Detractor NPS', kind: 'nps', detractorInboxId: ws.inboxes.other });
    const contact = await newContact('Unhappy');
    const token = tokenOf((await ask(survey.id, contact.id)).url!);
    const answer = await t.app.inject({ method: 'POST', url: `/api/v1/survey-links/${token}`, payload: { score: 3, comment: 'Late twice' } });
    expect(answer.json()).toMatchObject({ score: 3, first: true });
    await t.app.inject({ method: 'POST', url: `/api/v1/survey-links/${token}`, payload: { comment: 'Late twice, and no reply' } });
    const conversations = await t.services.db.select().from(schema.conversations).where(and(eq(schema.conversations.accountId, ws.accountId), eq(schema.conversations.contactId, contact.id)));
    expect(conversations).toEqual([expect.objectContaining({ inboxId: ws.inboxes.other, priority: 'high', subject: 'NPS 3/10: Late twice' })]);
    const report = (await requestAs(t.app, admin, { method: 'GET', url: url(`/surveys/${survey.id}/report?from=${today()}&to=${today()}`) })).json();
    expect(report.comments[0]).toMatchObject({ comment: 'Late twice, and no reply', conversationId: conversations[0]!.id });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/survey-links/${token}`, payload: { score: 11 } })).statusCode).toBe(400);
  });

  it('turns helpdesk CSAT ratings into survey.answered events in the conversation satisfaction survey, earlier ones included', async () => {
    const agent = await signInAs(t.app, ws.agent.email);
    const contact = (await requestAs(t.app, admin, { method: 'POST', url: url('/contacts'), payload: { name: 'Chatty' } })).json<{ id: string }>();
    const conversation = (await requestAs(t.app, admin, { method: 'POST', url: url('/conversations'), payload: { inboxId: ws.inboxes.mine, contactId: contact.id, subject: 'Gift', message: { body: 'Can you wrap it?' } } })).json<{ id: string }>();
    const resolved = (await requestAs(t.app, agent, { method: 'PATCH', url: url(`/conversations/${conversation.id}`), payload: { status: 'resolved' } })).json<{ csat: { url: string } }>();
    await t.app.inject({ method: 'POST', url: `/api/v1/csat/${tokenOf(resolved.csat.url)}`, payload: { rating: 2, comment: 'Slow' } });
    await eventsSettled(ws.accountId);
    const answered = await customerEvents(contact.id, 'survey.answered');
    expect(answered).toEqual([expect.objectContaining({ properties: expect.objectContaining({ kind: 'csat', score: 2, about: { kind: 'channel', id: 'web_chat' } }) })]);
    const [builtIn] = await t.services.db.select().from(schema.surveys).where(and(eq(schema.surveys.accountId, ws.accountId), eq(schema.surveys.builtIn, 'conversation_csat')));
    const report = (await requestAs(t.app, admin, { method: 'GET', url: url(`/surveys/${builtIn!.id}/report?from=${today()}&to=${today()}`) })).json();
    expect(report.totals).toMatchObject({ asked: 1, responses: 1, csatPercent: 0 });
    // Ratings given before the built-in survey existed are imported when it is created.
    await t.services.db.delete(schema.surveys).where(eq(schema.surveys.id, builtIn!.id));
    await t.services.db.delete(schema.customerEvents).where(and(eq(schema.customerEvents.accountId, ws.accountId), eq(schema.customerEvents.contactId, contact.id), eq(schema.customerEvents.name, 'survey.answered')));
    const list = (await requestAs(t.app, admin, { method: 'GET', url: url('/surveys') })).json<{ surveys: { id: string; builtIn: string | null }[] }>();
    const recreated = list.surveys.find((survey) => survey.builtIn === 'conversation_csat')!;
    const imported = (await requestAs(t.app, admin, { method: 'GET', url: url(`/surveys/${recreated.id}/report?from=${today()}&to=${today()}`) })).json();
    expect(imported.totals).toMatchObject({ responses: 1 });
    expect(await customerEvents(contact.id, 'survey.answered')).toHaveLength(1);
  });

  it('asks N days after an order is delivered, from the scheduled job, by email with one-click score links', async () => {
    const survey = await newSurvey({ name: 'Delivered NPS', kind: 'nps', triggers: [{ kind: 'order_delivered', delayDays: 7 }] });
    const contact = await newContact('Buyer', 'zh');
    const order = await createOrder(t.services.db, scope, { number: `D-${Date.now()}`, contactId: contact.id, currency: 'USD', lines: [{ title: 'Tea', quantity: 1, unitPriceMinor: 900 }] });
    await upsertOrder(t.services.db, scope, { number: order.number, externalId: null, contactId: contact.id, currency: 'USD', lines: [{ title: 'Tea', quantity: 1, unitPriceMinor: 900 }], fulfillmentStatus: 'delivered' });
    await eventsSettled(ws.accountId);
    const [request] = await t.services.db.select().from(schema.surveyRequests).where(and(eq(schema.surveyRequests.surveyId, survey.id), eq(schema.surveyRequests.contactId, contact.id)));
    expect(request).toMatchObject({ status: 'scheduled', aboutKind: 'order', aboutId: order.id });
    const sent: OutreachRequest[] = [];
    const deps = {
      outreach: { send: async (mail: OutreachRequest) => (sent.push(mail), { status: 'sent' as const, messageId: null }) },
      surveyUrl: (token: string, score?: number) => `http://touchpoint.test/s/${token}${score === undefined ? '' : `?score=${score}`}`,
      composeEmail: composeSurveyEmail,
    };
    await deliverDueSurveyRequests(t.services.db, deps, new Date(Date.now() + 6 * 86_400_000));
    expect(sent.filter((mail) => mail.contactId === contact.id)).toHaveLength(0);
    await deliverDueSurveyRequests(t.services.db, deps, new Date(Date.now() + 8 * 86_400_000));
    const mail = sent.find((item) => item.contactId === contact.id)!;
    expect(mail).toMatchObject({ channel: 'email', touchpoint: { kind: 'survey', id: survey.id }, dedupeKey: `survey:${request!.id}` });
    expect(mail.content.html).toContain('推荐');
    const link = /href="([^"]+\?score=10)"/.exec(mail.content.html!)![1]!.replaceAll('&#38;', '&');
    const clicked = await t.app.inject({ url: new URL(link).pathname + new URL(link).search });
    expect(clicked.statusCode).toBe(200);
    expect(await customerEvents(contact.id, 'survey.answered')).toHaveLength(1);
  });
});

describe('survey names for the touchpoint map', () => {
  it('names an account’s surveys by id and ignores other accounts’ ids', async () => {
    const { describeSurveyTouchpoints } = await import('@touchpoint/surveys');
    const survey = await newSurvey({ name: 'Named for the map', kind: 'ces' });
    const other = await createTestWorkspace('Other');
    const names = await describeSurveyTouchpoints(t.services.db, other.accountId, [survey.id]);
    expect(names.size).toBe(0);
    expect((await describeSurveyTouchpoints(t.services.db, ws.accountId, [survey.id, 'web_chat'])).get(survey.id)).toEqual({ name: 'Named for the map', kind: 'ces' });
  });
});

describe('the widget survey card', () => {
  const SITE = 'https://survey-shop.example';
  const fromSite = (authorization: string | null, options: { method?: 'GET' | 'POST'; url: string; payload?: object }) =>
    t.app.inject({ ...options, remoteAddress: `10.88.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, headers: { origin: SITE, ...(authorization ? { authorization } : {}) } });

  it('shows the visitor their own open survey, answers it in one tap, and refuses another visitor', async () => {
    const connected = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${ws.inboxes.mine}/channel`), payload: { config: { allowedOrigins: SITE }, secrets: {} } });
    expect(connected.statusCode, connected.body).toBe(200);
    const [{ channelKey }] = await t.services.db.select({ channelKey: schema.inboxes.channelKey }).from(schema.inboxes).where(eq(schema.inboxes.id, ws.inboxes.mine)) as [{ channelKey: string }];
    const widget = (path: string) => `/widget/v1/${channelKey}${path}`;
    const newVisitor = async () => `Visitor ${(await fromSite(null, { method: 'POST', url: widget('/visitors') })).json<{ token: string }>().token}`;
    const visitor = await newVisitor();
    const email = `wen-${Date.now()}@example.test`;
    expect((await fromSite(visitor, { method: 'POST', url: widget('/profile'), payload: { name: 'Widget Wen', email, locale: 'zh' } })).statusCode).toBe(200);
    const [contact] = await t.services.db.select({ id: schema.contacts.id }).from(schema.contacts).where(and(eq(schema.contacts.accountId, ws.accountId), eq(schema.contacts.email, email)));
    const identity = { contactId: contact!.id };
    expect((await fromSite(visitor, { url: widget('/surveys') })).json()).toEqual({ survey: null });

    const survey = await newSurvey({ name: 'Widget CES', kind: 'ces', channel: 'in_app' });
    await ask(survey.id, identity.contactId, { channel: 'in_app' });
    const card = (await fromSite(visitor, { url: widget('/surveys?locale=zh') })).json<{ survey: { requestId: string; text: { question: string }; scale: { max: number } } }>();
    expect(card.survey).toMatchObject({ text: { question: '今天办理您需要的事情有多容易？' }, scale: { max: 7 } });

    const stranger = await newVisitor();
    expect((await fromSite(stranger, { method: 'POST', url: widget(`/surveys/${card.survey.requestId}`), payload: { score: 1 } })).statusCode).toBe(404);
    const answered = await fromSite(visitor, { method: 'POST', url: widget(`/surveys/${card.survey.requestId}`), payload: { score: 6 } });
    expect(answered.json()).toMatchObject({ score: 6, first: true });
    expect(answered.headers['access-control-allow-origin']).toBe(SITE);
    expect(await customerEvents(identity.contactId, 'survey.answered')).toHaveLength(1);
    expect((await fromSite(visitor, { url: widget('/surveys') })).json()).toEqual({ survey: null });
  });
});

describe('privacy erasure', () => {
  it('removes a deleted contact’s survey asks and answers', async () => {
    const survey = await newSurvey({ name: 'Erased', kind: 'csat', detractorAction: false });
    const contact = await newContact('Forget Me');
    const token = tokenOf((await ask(survey.id, contact.id)).url!);
    await t.app.inject({ method: 'POST', url: `/api/v1/survey-links/${token}`, payload: { score: 4, comment: 'private words' } });
    expect((await requestAs(t.app, admin, { method: 'DELETE', url: url(`/contacts/${contact.id}`) })).statusCode).toBe(204);
    await eventsSettled(ws.accountId);
    expect(await t.services.db.select().from(schema.surveyRequests).where(eq(schema.surveyRequests.contactId, contact.id))).toHaveLength(0);
    expect(await t.services.db.select().from(schema.surveyResponses).where(eq(schema.surveyResponses.contactId, contact.id))).toHaveLength(0);
    expect((await t.app.inject({ url: `/s/${token}` })).statusCode).toBe(404);
  });
});

describe('email invitations through outreach', () => {
  it('never emails a customer who said no to email, and records why on the timeline', async () => {
    const { deliverDueSurveys } = await import('../survey-delivery.ts');
    const survey = await newSurvey({ name: 'Emailed CSAT', kind: 'csat' });
    const contact = await newContact('No Email Please');
    expect((await requestAs(t.app, admin, { method: 'PUT', url: url(`/contacts/${contact.id}/consent`), payload: { email: false } })).statusCode).toBe(200);
    const asked = await ask(survey.id, contact.id, { channel: 'email' });
    expect(asked).toMatchObject({ status: 'requested', url: null });
    await deliverDueSurveys(t.services, outreachOf(t.services));
    const suppressed = await customerEvents(contact.id, 'message.suppressed');
    expect(suppressed).toEqual([expect.objectContaining({ touchpointKind: 'survey', touchpointId: survey.id, properties: expect.objectContaining({ channel: 'email', reason: 'no_consent' }) })]);
    await deliverDueSurveys(t.services, outreachOf(t.services));
    expect(await customerEvents(contact.id, 'message.suppressed')).toHaveLength(1);
  });
});
