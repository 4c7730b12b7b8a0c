import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { createApiKey, createInvitation } from '@touchpoint/accounts';
import { createOrder, DEFAULT_RETURN_POLICY, startReturn } from '@touchpoint/commerce';
import { createContact } from '@touchpoint/contacts';
import { schema } from '@touchpoint/db';
import { createJourney } from '@touchpoint/journeys';
import { createCannedReply, createConversation, createCustomStatus, createLabel, createSavedView, postAgentMessage } from '@touchpoint/conversations';
import { createMessageTemplate } from '@touchpoint/message-templates';
import { API_ROUTES } from '../app.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

/** Every account route, tried with another account's ids: each must answer 404 and reveal nothing. */
let t: TestApp;
let a: TestWorkspace;
let b: TestWorkspace;
let bAdmin: SignedIn;
let bKey: string;
const idsOfA: Record<string, string> = {};

const ACCOUNT_ROUTES = API_ROUTES.filter((route) => route.url.includes(':accountId'));

/** A valid body for each write route, so that only tenancy can make it fail. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'PATCH /api/v1/accounts/:accountId': { purposeStatement: 'Hijacked' },
  'PATCH /api/v1/accounts/:accountId/members/:userId': { role: 'admin' },
  'POST /api/v1/accounts/:accountId/invitations': { email: 'intruder@example.test', role: 'admin', inboxIds: [] },
  'POST /api/v1/accounts/:accountId/inboxes': { name: 'Intruder inbox', channel: 'api' },
  'POST /api/v1/accounts/:accountId/api-keys': { name: 'Intruder key' },
  'PATCH /api/v1/accounts/:accountId/conversations/:conversationId': { priority: 'urgent' },
  'POST /api/v1/accounts/:accountId/conversations/:conversationId/customer-messages': { body: 'intruding' },
  'POST /api/v1/accounts/:accountId/conversations/:conversationId/messages': { kind: 'note', body: 'intruding' },
  'PUT /api/v1/accounts/:accountId/conversations/:conversationId/labels': { labelIds: [] },
  'POST /api/v1/accounts/:accountId/conversations/:conversationId/merge': { targetConversationId: '00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/accounts/:accountId/conversations/:conversationId/split': { messageIds: ['00000000-0000-4000-8000-000000000000'] },
  'PATCH /api/v1/accounts/:accountId/labels/:labelId': { color: '#000000' },
  'PATCH /api/v1/accounts/:accountId/canned-replies/:cannedReplyId': { title: 'Hijacked' },
  'PATCH /api/v1/accounts/:accountId/custom-statuses/:statusId': { name: 'Hijacked' },
  'POST /api/v1/accounts/:accountId/saved-views': { name: 'Intruder view', visibility: 'shared', filters: {} },
  'PATCH /api/v1/accounts/:accountId/saved-views/:savedViewId': { name: 'Hijacked', filters: { status: 'any' } },
  'PUT /api/v1/accounts/:accountId/contacts/:contactId/consent': { email: false },
  'PUT /api/v1/accounts/:accountId/inboxes/:inboxId/channel': { config: { outboundUrl: 'http://intruder.test/' }, secrets: { signingSecret: 'intruder' } },
  'POST /api/v1/accounts/:accountId/orders': { number: 'INTRUDER-1', currency: 'USD', lines: [{ title: 'x', quantity: 1, unitPriceMinor: 1 }] },
  'POST /api/v1/accounts/:accountId/orders/:orderId/returns': { lines: [{ lineId: 'L1', quantity: 1 }], reason: 'changed_mind', resolution: 'refund' },
  'POST /api/v1/accounts/:accountId/returns/:returnId/reject': { note: 'intruding' },
  'PUT /api/v1/accounts/:accountId/touchpoint-stages': { kind: 'channel', id: 'email', stage: 'discover' },
  'PUT /api/v1/accounts/:accountId/return-policy': { ...DEFAULT_RETURN_POLICY, windowDays: 1 },
  'PUT /api/v1/accounts/:accountId/integrations/shopify': { shopDomain: 'intruder.myshopify.com', webhookSecret: 'intruder-secret-0123456789' },
  'POST /api/v1/accounts/:accountId/journeys': { name: 'Intruder journey', definition: { entry: { kind: 'event', eventName: 'x' }, start: 'a', steps: [{ id: 'a', kind: 'wait_duration', seconds: 60, next: null }] } },
  'PATCH /api/v1/accounts/:accountId/journeys/:journeyId': { name: 'Hijacked' },
  'POST /api/v1/accounts/:accountId/journeys/:journeyId/test': { contactId: '00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/accounts/:accountId/contacts/:contactId/store-visits': { note: 'intruding' },
  'POST /api/v1/accounts/:accountId/message-templates': { name: 'Intruder', channel: 'sms', variants: { en: { text: 'Hi' } } },
  'PATCH /api/v1/accounts/:accountId/message-templates/:templateId': { name: 'Hijacked' },
  'POST /api/v1/accounts/:accountId/message-templates/:templateId/preview': { contactId: '00000000-0000-4000-8000-000000000000' },
  'PUT /api/v1/accounts/:accountId/outreach-settings': { globalCap: null, channelCaps: {}, quietHours: null, controlGroupPercent: 50 },
};

function fillUrl(url: string, accountId: string) {
  return url.replace(':accountId', accountId).replace(/:(\w+)/g, (_, name: string) => {
    const id = idsOfA[name];
    if (!id) throw new Error(`no sample id for :${name} in ${url}`);
    return id;
  });
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestWorkspace('Tenant A');
  b = await createTestWorkspace('Tenant B');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const contact = await createContact(db, scopeA, { name: 'Only in A', email: 'only-a@example.test' });
  const conversation = await createConversation(db, scopeA, { inboxId: a.inboxes.mine, contactId: contact.id, subject: 'Secret of A', messages: [{ direction: 'inbound', body: 'secret', at: new Date() }] });
  const invitation = await createInvitation(db, scopeA, { email: 'someone@example.test', role: 'agent', inboxIds: [] });
  const apiKey = await createApiKey(db, scopeA, { name: 'A key' });
  const label = await createLabel(db, scopeA, { name: 'A label' });
  const cannedReply = await createCannedReply(db, scopeA, { shortcut: 'a-only', title: 'A', body: 'Hello {{ contact.name }}' });
  const status = await createCustomStatus(db, scopeA, { name: 'A status', category: 'pending' });
  const savedView = await createSavedView(db, scopeA, { name: 'Secret of A', visibility: 'shared', filters: { priority: 'urgent' } });
  const scheduled = await postAgentMessage(db, scopeA, conversation.id, { kind: 'reply', body: 'later', scheduledFor: new Date(Date.now() + 3_600_000).toISOString() });
  const order = await createOrder(db, scopeA, { number: 'A-1', contactId: contact.id, currency: 'USD', lines: [{ title: 'Secret of A', quantity: 2, unitPriceMinor: 100 }], shipments: [{ status: 'delivered' }] });
  const ret = await startReturn(db, scopeA, contact.id, { orderId: order.id, lines: [{ lineId: 'L1', quantity: 1 }], reason: 'changed_mind', resolution: 'refund', source: 'agent' });
  const template = await createMessageTemplate(db, a.accountId, null, { name: 'Secret of A', channel: 'sms', variants: { en: { text: 'Secret of A' } } });
  const journey = await createJourney(db, a.accountId, { name: 'Secret of A', definition: { entry: { kind: 'event', eventName: 'x' }, start: 'a', steps: [{ id: 'a', kind: 'wait_duration', seconds: 60, next: null }] } });
  const [journeyRun] = await db.insert(schema.journeyRuns).values({ accountId: a.accountId, journeyId: journey.id, version: 0, contactId: contact.id, entryKey: 'test:tenancy', test: true, status: 'exited' }).returning();
  Object.assign(idsOfA, {
    journeyId: journey.id, runId: journeyRun!.id,
    templateId: template.id,
    orderId: order.id, returnId: ret.id, photoId: ret.id,
    userId: a.agent.id, contactId: contact.id, conversationId: conversation.id, invitationId: invitation.id, apiKeyId: apiKey.id,
    labelId: label.id, cannedReplyId: cannedReply.id, statusId: status.id, messageId: scheduled.id, savedViewId: savedView.id,
  });
  bAdmin = await signInAs(t.app, b.admin.email);
  bKey = (await createApiKey(db, { accountId: b.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } }, { name: 'B key' })).key;
});
afterAll(() => t.close());

describe('tenancy', () => {
  it('covers every account route in this test', () => {
    expect(ACCOUNT_ROUTES.length).toBeGreaterThanOrEqual(18);
  });

  for (const route of ACCOUNT_ROUTES) {
    const label = `${route.method} ${route.url}`;
    it(`${label} answers 404 to a member of another account`, async () => {
      const response = await requestAs(t.app, bAdmin, { method: route.method, url: fillUrl(route.url, a.accountId), ...(SAMPLE_BODIES[label] ? { payload: SAMPLE_BODIES[label] as object } : {}) });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('not_found');
      expect(response.body).not.toContain('Secret of A');
    });

    it(`${label} answers 404 to another account's API key`, async () => {
      const response = await t.app.inject({ method: route.method, url: fillUrl(route.url, a.accountId), headers: { authorization: `Bearer ${bKey}` }, ...(SAMPLE_BODIES[label] ? { payload: SAMPLE_BODIES[label] as object } : {}) });
      expect(response.statusCode).toBe(404);
    });

    if (/:(?!accountId)\w+/.test(route.url)) {
      it(`${label} answers 404 for another account's ids under one's own account`, async () => {
        const url = fillUrl(route.url, b.accountId);
        const response = await requestAs(t.app, bAdmin, { method: route.method, url, ...(SAMPLE_BODIES[label] ? { payload: SAMPLE_BODIES[label] as object } : {}) });
        expect(response.statusCode).toBe(404);
      });
    }
  }

  it('left account A untouched after all those attempts', async () => {
    const aAdmin = await signInAs(t.app, a.admin.email);
    const account = await requestAs(t.app, aAdmin, { method: 'GET', url: `/api/v1/accounts/${a.accountId}` });
    expect(account.json().purposeStatement).toBe('Delight every customer.');
    const members = await requestAs(t.app, aAdmin, { method: 'GET', url: `/api/v1/accounts/${a.accountId}/members` });
    expect(members.json().find((m: { userId: string }) => m.userId === a.agent.id).role).toBe('agent');
    const keys = await requestAs(t.app, aAdmin, { method: 'GET', url: `/api/v1/accounts/${a.accountId}/api-keys` });
    expect(keys.json().map((k: { name: string }) => k.name)).toEqual(['A key']);
    const invitations = await requestAs(t.app, aAdmin, { method: 'GET', url: `/api/v1/accounts/${a.accountId}/invitations` });
    expect(invitations.json().map((i: { email: string }) => i.email)).toEqual(['someone@example.test']);
    const inboxes = await requestAs(t.app, aAdmin, { method: 'GET', url: `/api/v1/accounts/${a.accountId}/inboxes` });
    expect(inboxes.json()).toHaveLength(2);
    const views = await requestAs(t.app, aAdmin, { method: 'GET', url: `/api/v1/accounts/${a.accountId}/saved-views` });
    expect(views.json().map((view: { name: string; filters: object }) => [view.name, view.filters])).toEqual([['Secret of A', { priority: 'urgent' }]]);
  });

  it('hides a conversation in an inbox the agent does not work in, as if it did not exist', async () => {
    const { db } = await getTestDatabase();
    const scopeB: AccountScope = { accountId: b.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
    const contact = await createContact(db, scopeB, { name: 'Email customer' });
    const hidden = await createConversation(db, scopeB, { inboxId: b.inboxes.other, contactId: contact.id, subject: 'Not for the chat agent', messages: [] });
    const agent = await signInAs(t.app, b.agent.email);
    const direct = await requestAs(t.app, agent, { method: 'GET', url: `/api/v1/accounts/${b.accountId}/conversations/${hidden.id}` });
    expect(direct.statusCode).toBe(404);
    const list = await requestAs(t.app, agent, { method: 'GET', url: `/api/v1/accounts/${b.accountId}/conversations` });
    expect(list.json().items.map((c: { id: string }) => c.id)).not.toContain(hidden.id);
    const asAdmin = await requestAs(t.app, bAdmin, { method: 'GET', url: `/api/v1/accounts/${b.accountId}/conversations/${hidden.id}` });
    expect(asAdmin.statusCode).toBe(200);
  });
});

// Contacts: bodies for the write routes with id params, and sample ids of A for :noteId, :companyId and :importId.
Object.assign(SAMPLE_BODIES, {
  'PATCH /api/v1/accounts/:accountId/contacts/:contactId': { name: 'Hijacked' },
  'POST /api/v1/accounts/:accountId/contacts/:contactId/merge': { duplicateId: '00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/accounts/:accountId/contacts/:contactId/notes': { body: 'Hijacked' },
  'PATCH /api/v1/accounts/:accountId/companies/:companyId': { name: 'Hijacked' },
});
beforeAll(async () => {
  const { addContactNote, createCompany, startContactImport } = await import('@touchpoint/contacts');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const company = await createCompany(db, scopeA, { name: 'Company of A' });
  const note = await addContactNote(db, scopeA, idsOfA.contactId!, { body: 'Secret of A' });
  const { contactImport } = await startContactImport(db, scopeA, { fileName: 'a.csv', csv: 'email\nsecret-a@example.test' });
  Object.assign(idsOfA, { companyId: company.id, noteId: note.id, importId: contactImport.id });
});

// Teams, business hours and SLA policies: bodies for the write routes, and sample ids of A for their params.
Object.assign(SAMPLE_BODIES, {
  'POST /api/v1/accounts/:accountId/teams': { name: 'Intruder team' },
  'PATCH /api/v1/accounts/:accountId/teams/:teamId': { name: 'Hijacked' },
  'PUT /api/v1/accounts/:accountId/teams/:teamId/members': { userIds: [] },
  'POST /api/v1/accounts/:accountId/business-hours': { name: 'Intruder hours', timeZone: 'UTC', weekly: { '1': [[540, 1020]] } },
  'PATCH /api/v1/accounts/:accountId/business-hours/:businessHoursId': { name: 'Hijacked' },
  'PATCH /api/v1/accounts/:accountId/inboxes/:inboxId/business-hours': { businessHoursId: null },
  'POST /api/v1/accounts/:accountId/sla-policies': { name: 'Intruder policy', firstResponseMinutes: 1 },
  'PUT /api/v1/accounts/:accountId/sla-policies/order': { policyIds: [] },
  'PATCH /api/v1/accounts/:accountId/sla-policies/:policyId': { name: 'Hijacked' },
});
beforeAll(async () => {
  const { createTeam } = await import('@touchpoint/teams');
  const { createBusinessHours, createSlaPolicy } = await import('@touchpoint/sla');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const team = await createTeam(db, scopeA, { name: 'Team of A', description: '', businessHoursId: null, userIds: [] });
  const hours = await createBusinessHours(db, scopeA, { name: 'Hours of A', timeZone: 'Asia/Tokyo', weekly: { '1': [[540, 1080]] }, holidays: [] });
  const policy = await createSlaPolicy(db, scopeA, { name: 'Policy of A', conditions: {}, firstResponseMinutes: 60, nextResponseMinutes: null, resolutionMinutes: null, businessHoursId: null, enabled: true });
  Object.assign(idsOfA, { teamId: team.id, businessHoursId: hours.id, policyId: policy.id, inboxId: a.inboxes.mine });
});

// Routing, automation rules, macros and webhooks: bodies for the write routes, and sample ids of A for their params.
Object.assign(SAMPLE_BODIES, {
  'POST /api/v1/accounts/:accountId/automation-rules': { name: 'Intruder rule', event: 'conversation.created', conditions: [], actions: [{ type: 'resolve' }] },
  'PUT /api/v1/accounts/:accountId/automation-rules/order': { ruleIds: [] },
  'PATCH /api/v1/accounts/:accountId/automation-rules/:ruleId': { name: 'Hijacked' },
  'POST /api/v1/accounts/:accountId/macros': { name: 'Intruder macro', actions: [{ type: 'resolve' }] },
  'PATCH /api/v1/accounts/:accountId/macros/:macroId': { name: 'Hijacked' },
  'PATCH /api/v1/accounts/:accountId/inboxes/:inboxId/assignment': { mode: 'round_robin' },
  'PUT /api/v1/accounts/:accountId/me/availability': { status: 'away' },
  'PUT /api/v1/accounts/:accountId/members/:userId/availability': { status: 'away' },
  'POST /api/v1/accounts/:accountId/webhooks': { url: 'https://intruder.example/hook', events: ['*'] },
  'PATCH /api/v1/accounts/:accountId/webhooks/:webhookId': { url: 'https://intruder.example/hook' },
});
beforeAll(async () => {
  const { createMacro, createRule } = await import('@touchpoint/automation');
  const { createWebhook } = await import('@touchpoint/webhooks');
  const { schema } = await import('@touchpoint/db');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const rule = await createRule(db, scopeA, { name: 'Rule of A', event: 'conversation.created', conditions: [], actions: [{ type: 'add_note', params: { body: 'Secret of A' } }], enabled: false });
  const macro = await createMacro(db, scopeA, { name: 'Macro of A', actions: [{ type: 'resolve' }] });
  const webhook = await createWebhook(db, scopeA, { url: 'https://a.example/hook', events: ['conversation.created'], active: false });
  const [delivery] = await db.insert(schema.webhookDeliveries).values({ accountId: a.accountId, webhookId: webhook.id, eventId: -1, eventType: 'conversation.created', payload: { secret: 'Secret of A' } }).returning();
  Object.assign(idsOfA, { ruleId: rule.id, macroId: macro.id, webhookId: webhook.id, deliveryId: delivery!.id });
});

// Attachments: a file of A, sent on a note, as the sample :attachmentId (the upload route refuses before its body is read).
beforeAll(async () => {
  const { Readable } = await import('node:stream');
  const { uploadAttachment } = await import('@touchpoint/conversations');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const file = await uploadAttachment(db, t.services.files, scopeA, { fileName: 'secret-of-a.txt', contentType: 'text/plain', content: Readable.from([Buffer.from('Secret of A')]) }, 1024);
  await postAgentMessage(db, scopeA, idsOfA.conversationId!, { kind: 'note', body: 'with a file', attachmentIds: [file.id] });
  Object.assign(idsOfA, { attachmentId: file.id });
});

// WhatsApp templates: a valid body, so that only tenancy can make the send fail.
Object.assign(SAMPLE_BODIES, { 'POST /api/v1/accounts/:accountId/conversations/:conversationId/whatsapp-template': { name: 'order_update', language: 'en_US', variables: [] } });

// Answer bot: bodies for the write routes with id params, and an intent of A with one phrase as :intentId / :exampleId.
Object.assign(SAMPLE_BODIES, {
  'PATCH /api/v1/accounts/:accountId/bot/intents/:intentId': { name: 'Hijacked' },
  'POST /api/v1/accounts/:accountId/bot/intents/:intentId/examples': { examples: ['intruding'] },
  'PATCH /api/v1/accounts/:accountId/bot/inboxes/:inboxId': { enabled: true },
  'POST /api/v1/accounts/:accountId/conversations/:conversationId/bot/examples': { messageId: '00000000-0000-4000-8000-000000000000', intentId: '00000000-0000-4000-8000-000000000000' },
});
beforeAll(async () => {
  const { createIntent } = await import('@touchpoint/answer-bot');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const intent = await createIntent(db, scopeA, { name: 'Secret of A', replies: { en: 'Secret of A' }, examples: ['secret phrase of A'] });
  Object.assign(idsOfA, { intentId: intent.id, exampleId: intent.examples[0]!.id });
});

// Help center: bodies for the write routes, and an article and category of A (and a locale) for their params.
Object.assign(SAMPLE_BODIES, {
  'PATCH /api/v1/accounts/:accountId/help-center/settings': { handle: 'hijacked-handle' },
  'POST /api/v1/accounts/:accountId/help-center/categories': { names: { en: 'Intruder category' } },
  'PUT /api/v1/accounts/:accountId/help-center/categories/order': { ids: [] },
  'PATCH /api/v1/accounts/:accountId/help-center/categories/:categoryId': { names: { en: 'Hijacked' } },
  'POST /api/v1/accounts/:accountId/help-center/articles': { translations: { en: { title: 'Intruder article' } } },
  'PATCH /api/v1/accounts/:accountId/help-center/articles/:articleId': { position: 1 },
  'PUT /api/v1/accounts/:accountId/help-center/articles/:articleId/translations/:locale': { title: 'Hijacked' },
  'POST /api/v1/accounts/:accountId/help-center/preview': { body: 'x' },
});
beforeAll(async () => {
  const { createHelpArticle, createHelpCategory } = await import('@touchpoint/help-center');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const category = await createHelpCategory(db, scopeA, { names: { en: 'Category of A' } });
  const article = await createHelpArticle(db, scopeA, { categoryId: category.id, translations: { en: { title: 'Secret of A', status: 'published' } } });
  Object.assign(idsOfA, { categoryId: category.id, articleId: article.id, locale: 'en' });
});

// Customer events: a valid batch, so that only tenancy can make the ingest fail (contact routes use A's contact).
Object.assign(SAMPLE_BODIES, {
  'POST /api/v1/accounts/:accountId/events/batch': { batch: [{ type: 'track', messageId: 'intruder-1', userId: 'intruder', event: 'Hijacked' }] },
});
beforeAll(async () => {
  const { createContact, mergeContacts } = await import('@touchpoint/contacts');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const duplicate = await createContact(db, scopeA, { name: 'Duplicate of A' });
  const kept = await createContact(db, scopeA, { name: 'Kept of A' });
  const merged = await mergeContacts(db, scopeA, kept.id, duplicate.id);
  Object.assign(idsOfA, { mergeId: merged.mergeId });
});

// Segments: bodies for the write routes, and a manual segment of A for :segmentId.
Object.assign(SAMPLE_BODIES, {
  'POST /api/v1/accounts/:accountId/segments': { name: 'Intruder', kind: 'manual' },
  'POST /api/v1/accounts/:accountId/segments/preview': { condition: { kind: 'all', conditions: [] } },
  'PATCH /api/v1/accounts/:accountId/segments/:segmentId': { name: 'Hijacked' },
});
beforeAll(async () => {
  const { createSegment } = await import('@touchpoint/segments');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const segment = await createSegment(db, scopeA, { name: 'Secret of A', kind: 'manual' });
  Object.assign(idsOfA, { segmentId: segment.id });
});

// Prompts: a body for the write routes, and a prompt of A as :promptId.
Object.assign(SAMPLE_BODIES, {
  'POST /api/v1/accounts/:accountId/prompts': { name: 'Intruder', kind: 'banner', content: { en: { title: 'Intruding' } } },
  'PATCH /api/v1/accounts/:accountId/prompts/:promptId': { status: 'paused' },
  'POST /api/v1/accounts/:accountId/prompts/:promptId/send': { contactId: '00000000-0000-4000-8000-000000000000' },
});
beforeAll(async () => {
  const { createPrompt } = await import('@touchpoint/prompts');
  const { db } = await getTestDatabase();
  const prompt = await createPrompt(db, a.accountId, { name: 'Secret of A', kind: 'banner', content: { en: { title: 'Secret of A' } } });
  Object.assign(idsOfA, { promptId: prompt.id });
});

// Surveys: bodies for the write routes, and a survey of A for :surveyId.
Object.assign(SAMPLE_BODIES, {
  'POST /api/v1/accounts/:accountId/surveys': { name: 'Intruder survey', kind: 'nps' },
  'PATCH /api/v1/accounts/:accountId/surveys/:surveyId': { name: 'Hijacked' },
  'PUT /api/v1/accounts/:accountId/surveys/settings': { fatigueDays: 1 },
  'POST /api/v1/accounts/:accountId/surveys/:surveyId/requests': { contactId: '00000000-0000-4000-8000-000000000000' },
});
beforeAll(async () => {
  const { createSurvey } = await import('@touchpoint/surveys');
  const { db } = await getTestDatabase();
  const survey = await createSurvey(db, a.accountId, { name: 'Secret of A', kind: 'nps', status: 'live' });
  Object.assign(idsOfA, { surveyId: survey.id });
});

// Rewards: bodies for the write routes, a coupon pool of A for :poolId and a points entry of A for :entryId.
Object.assign(SAMPLE_BODIES, {
  'POST /api/v1/accounts/:accountId/coupon-pools': { name: 'Intruder pool', kind: 'free_item' },
  'POST /api/v1/accounts/:accountId/coupon-pools/:poolId/codes': { generate: 1 },
  'POST /api/v1/accounts/:accountId/coupon-pools/:poolId/issue': { contactId: '00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/accounts/:accountId/coupons/validate': { code: 'SECRET-A', totalMinor: 100, currency: 'USD' },
  'POST /api/v1/accounts/:accountId/coupons/redeem': { code: 'SECRET-A', totalMinor: 100, currency: 'USD', orderRef: 'intruder' },
  'POST /api/v1/accounts/:accountId/contacts/:contactId/points': { kind: 'earn', points: 1, reference: 'intruder' },
  'POST /api/v1/accounts/:accountId/points-entries/:entryId/reverse': {},
  'POST /api/v1/accounts/:accountId/coupons/:couponId/void': {},
  'POST /api/v1/accounts/:accountId/coupon-pools/:poolId/void-unissued': {},
  'POST /api/v1/accounts/:accountId/coupons/:couponId/unredeem': {},
  'POST /api/v1/accounts/:accountId/coupons/unredeem': { orderRef: 'secret-order-a' },
});
// Delight: budget bodies and a gesture body (the conversation of A is :conversationId, the agent of A is :userId).
Object.assign(SAMPLE_BODIES, {
  'PUT /api/v1/accounts/:accountId/delight/budgets/default': { period: 'month', amountMinor: 100, currency: 'USD' },
  'PUT /api/v1/accounts/:accountId/delight/budgets/agents/:userId': { period: 'month', amountMinor: 100, currency: 'USD' },
  'POST /api/v1/accounts/:accountId/conversations/:conversationId/delight': { kind: 'card', message: 'Intruder', clientKey: 'intruder-key' },
});
beforeAll(async () => {
  const { createCouponPool, earnPoints, importCoupons } = await import('@touchpoint/rewards');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const pool = await createCouponPool(db, a.accountId, { name: 'Secret of A', kind: 'percent', value: 10 });
  await importCoupons(db, a.accountId, pool.id, ['SECRET-A', 'SECRET-A-2']);
  const { redeemCoupon } = await import('@touchpoint/rewards');
  const { coupon } = await redeemCoupon(db, a.accountId, { code: 'SECRET-A-2', totalMinor: 100, currency: 'USD', orderRef: 'secret-order-a' });
  const { entry } = await earnPoints(db, scopeA, { contactId: idsOfA.contactId!, points: 10, reason: 'Secret of A', reference: 'secret-a' });
  Object.assign(idsOfA, { poolId: pool.id, entryId: entry.id, couponId: coupon.id });
});

// Gifts: bodies for the write routes, a campaign of A for :campaignId and a gift of A for :giftId.
Object.assign(SAMPLE_BODIES, {
  'POST /api/v1/accounts/:accountId/gift-campaigns': { name: 'Intruder campaign', item: { kind: 'card' } },
  'PATCH /api/v1/accounts/:accountId/gift-campaigns/:campaignId': { name: 'Hijacked' },
  'POST /api/v1/accounts/:accountId/gifts': { senderContactId: '00000000-0000-4000-8000-000000000000', recipient: {}, message: 'intruding', reference: 'intruder-gift' },
});
beforeAll(async () => {
  const { createGiftCampaign, sendGift } = await import('@touchpoint/gifts');
  const { db } = await getTestDatabase();
  const campaign = await createGiftCampaign(db, a.accountId, { name: 'Secret of A', status: 'live', item: { kind: 'product', title: 'Secret drink' } });
  const gift = await db.transaction((tx) => sendGift(tx, a.accountId, { sender: { kind: 'contact', contactId: idsOfA.contactId! }, recipient: {}, item: { kind: 'card' }, message: 'Secret of A', reference: 'secret-gift-a' }));
  Object.assign(idsOfA, { campaignId: campaign.id, giftId: gift.giftId });
});

// Games: bodies for the write routes and a draft campaign of A (publishable, so only tenancy can refuse) for :campaignId.
Object.assign(SAMPLE_BODIES, {
  'POST /api/v1/accounts/:accountId/game-campaigns': { name: 'Intruder game', kind: 'draw', prizes: [] },
  'PUT /api/v1/accounts/:accountId/game-campaigns/:campaignId': { name: 'Hijacked', kind: 'draw', prizes: [] },
  'POST /api/v1/accounts/:accountId/game-campaigns/:campaignId/unlocks': { contactId: '00000000-0000-4000-8000-000000000000', source: 'manual' },
});
beforeAll(async () => {
  const { createCampaign } = await import('@touchpoint/games');
  const { db } = await getTestDatabase();
  const campaign = await createCampaign(db, a.accountId, { name: 'Secret game of A', kind: 'draw', prizes: [{ label: 'Points', kind: 'points', points: 5, weight: 1 }] });
  Object.assign(idsOfA, { campaignId: campaign.id });
});

// Daily puzzle: A's puzzle on a far day for :day; the PUT body names A's coupon pool (another account's pool is 404).
beforeAll(async () => {
  const { savePuzzleDay } = await import('@touchpoint/puzzles');
  const { db } = await getTestDatabase();
  const scopeA: AccountScope = { accountId: a.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  const body = { image: { kind: 'builtin' as const, key: 'sunrise' as const }, gridSize: 3, deal: { kind: 'coupon' as const, poolId: idsOfA.poolId! }, dealText: { en: 'Secret of A' } };
  await savePuzzleDay(db, scopeA, '2099-01-01', body);
  SAMPLE_BODIES['PUT /api/v1/accounts/:accountId/puzzles/:day'] = body;
  Object.assign(idsOfA, { day: '2099-01-01' });
});

// Live feed: bodies for the write routes, and a feed of A with a post, a poll, a source and a blocked phrase.
Object.assign(SAMPLE_BODIES, {
  'POST /api/v1/accounts/:accountId/live-feeds': { name: 'Intruder feed', slug: 'intruder' },
  'PATCH /api/v1/accounts/:accountId/live-feeds/:feedId': { moderation: 'automatic' },
  'POST /api/v1/accounts/:accountId/live-feeds/:feedId/posts/import': { items: [{ externalId: 'x', authorName: 'Intruder', text: 'intruding' }] },
  'POST /api/v1/accounts/:accountId/live-feeds/:feedId/sources': { kind: 'hashtag', hashtag: 'intruder' },
  'POST /api/v1/accounts/:accountId/live-blocklist': { phrase: 'intruder' },
  'POST /api/v1/accounts/:accountId/live-feeds/:feedId/polls': { question: 'Intruding?', options: ['Yes', 'No'] },
});
beforeAll(async () => {
  const { addBlockedPhrase, addFeedSource, createFeed, createPoll, importPost, requireFeed, updateFeed } = await import('@touchpoint/live-feed');
  const { db } = await getTestDatabase();
  const feed = await createFeed(db, a.accountId, { name: 'Secret of A', slug: 'secret-of-a' });
  await updateFeed(db, a.accountId, feed.id, { status: 'live' });
  const { post } = await importPost(db, await requireFeed(db, a.accountId, feed.id), { source: 'hashtag', externalId: 'secret', authorName: 'A', text: 'Secret of A' });
  const poll = await createPoll(db, a.accountId, feed.id, { question: 'Secret of A', options: ['x', 'y'] });
  const source = await addFeedSource(db, a.accountId, feed.id, { kind: 'hashtag', hashtag: 'secretofa' });
  const phrase = await addBlockedPhrase(db, a.accountId, 'secret of a');
  Object.assign(idsOfA, { feedId: feed.id, postId: post.id, pollId: poll.id, sourceId: source.id, phraseId: phrase.id });
});

// Referrals and reviews: bodies for the write routes (the contact of A serves :contactId).
Object.assign(SAMPLE_BODIES, {
  'PUT /api/v1/accounts/:accountId/referral-program': { status: 'draft', referrerReward: { kind: 'points', points: 1 }, friendReward: { kind: 'none' } },
  'PUT /api/v1/accounts/:accountId/review-settings': { enabled: false, platforms: [] },
  'POST /api/v1/accounts/:accountId/referrals/attach': { code: 'abcdefghjk', orderId: '00000000-0000-4000-8000-000000000000' },
});
