import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { createContact } from '@touchpoint/contacts';
import { createTestWorkspace, type TestWorkspace } from '../../../apps/server/src/testing/test-app.ts';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { BUILT_IN_TEMPLATES } from './built-in-templates.ts';
import { renderMessageTemplate } from './render-template.ts';
import { createMessageTemplate, listMessageTemplates, listTemplateVersions, personalizeBuiltInTemplate, updateMessageTemplate } from './templates.ts';

let db: Database;
let ws: TestWorkspace;
let scope: AccountScope;
let aiko: string;
let ben: string;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  ws = await createTestWorkspace('Templates');
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
  aiko = (await createContact(db, scope, { name: 'Aiko Tanaka', email: `aiko-${run}@example.test`, locale: 'ja', timeZone: 'Asia/Tokyo', attributes: { plan: '<b>Pro</b>' } })).id;
  ben = (await createContact(db, scope, { name: 'Ben', email: `ben-${run}@example.test` })).id;
  await db.insert(schema.orders).values({
    accountId: ws.accountId, contactId: aiko, number: `JP-${run}`, currency: 'JPY', totalMinor: 12800, status: 'paid',
    lines: [{ id: 'l1', title: 'Tea set', sku: null, variant: null, quantity: 2, unitPriceMinor: 6400, lineTotalMinor: 12800, productTags: [] }],
    shipments: [{ id: 's1', carrier: 'Yamato', trackingNumber: '1234', trackingUrl: 'https://track.example/1234', status: 'in_transit', shippedAt: null, deliveredAt: null }],
    placedAt: new Date('2026-03-01T15:30:00Z'),
  });
});

const email = (name: string, variants: Record<string, { subject: string; html: string; text?: string }>) =>
  createMessageTemplate(db, ws.accountId, null, { name: `${name} ${randomUUID().slice(0, 6)}`, channel: 'email', status: 'active', variants: Object.fromEntries(Object.entries(variants).map(([locale, variant]) => [locale, { text: '', ...variant }])) });

describe('rendering a template for a customer', () => {
  it('uses the fallback of a missing value and fails with a clear reason on one without a fallback', async () => {
    const template = await email('Fallbacks', { en: { subject: 'Hi {{ customer.attributes.nickname | default: "there" }}', html: '<p>{{ customer.attributes.nickname }}</p>' } });
    const result = await renderMessageTemplate(db, ws.accountId, template.id, { contactId: ben });
    expect(result).toEqual({ ok: false, error: expect.stringContaining('undefined variable: customer.attributes.nickname') });
    expect(result.ok ? '' : result.error).toMatch(/^en html:/);
  });

  it('escapes HTML bodies by default, leaves the subject and text alone, and prints raw only when asked', async () => {
    const template = await email('Escaping', { en: { subject: 'Plan {{ customer.attributes.plan }}', html: '<p>{{ customer.attributes.plan }} / {{ customer.attributes.plan | raw }}</p>', text: 'Plan {{ customer.attributes.plan }}' } });
    const result = await renderMessageTemplate(db, ws.accountId, template.id, { contactId: aiko, locale: 'en' });
    expect(result).toMatchObject({ ok: true, content: { subject: 'Plan <b>Pro</b>', html: '<p>&lt;b&gt;Pro&lt;/b&gt; / <b>Pro</b></p>', text: 'Plan <b>Pro</b>' } });
  });

  it('picks the customer’s language, then the account default, then English', async () => {
    const template = await email('Languages', { en: { subject: 'Hello', html: 'Hello' }, ja: { subject: 'こんにちは', html: 'こんにちは' }, zh: { subject: '你好', html: '你好' } });
    expect(await renderMessageTemplate(db, ws.accountId, template.id, { contactId: aiko })).toMatchObject({ ok: true, locale: 'ja', content: { subject: 'こんにちは' } });
    expect(await renderMessageTemplate(db, ws.accountId, template.id, { contactId: aiko, locale: 'zh-CN' })).toMatchObject({ ok: true, locale: 'zh', content: { subject: '你好' } });
    expect(await renderMessageTemplate(db, ws.accountId, template.id, { contactId: ben, locale: 'fr' })).toMatchObject({ ok: true, locale: 'en' });
  });

  it('formats money in the currency’s minor units and dates in the customer’s zone and language', async () => {
    const template = await email('Order', { ja: { subject: '{{ order.number }}', html: '{{ order.total }}|{{ order.total_minor | money: "USD" }}|{{ order.placed_at | local_date: "long" }}|{{ order.tracking_url }}' } });
    const result = await renderMessageTemplate(db, ws.accountId, template.id, { contactId: aiko });
    expect(result.ok).toBe(true);
    const html = result.ok ? result.content.html! : '';
    expect(html).toContain('￥12,800');
    expect(html).toContain('$128.00');
    // 15:30 UTC on 1 March is 2 March in Tokyo.
    expect(html).toContain('2026年3月2日');
    expect(html).toContain('https://track.example/1234');
  });

  it('passes the triggering event’s properties', async () => {
    const template = await email('Event', { en: { subject: '{{ event.name }}', html: 'Plan: {{ event.properties.plan }}' } });
    expect(await renderMessageTemplate(db, ws.accountId, template.id, { contactId: ben, event: { name: 'plan.upgraded', properties: { plan: 'Team' } } })).toMatchObject({ ok: true, content: { subject: 'plan.upgraded', html: 'Plan: Team', text: 'Plan: Team' } });
  });

  it('refuses includes and reports syntax errors on save', async () => {
    await expect(email('Include', { en: { subject: 'x', html: '{% include "secrets" %}' } })).rejects.toMatchObject({ status: 400, extra: { errors: [expect.objectContaining({ path: 'variants.en.html', message: expect.stringContaining('not available') })] } });
    await expect(email('Broken', { en: { subject: '{{ customer.name', html: 'x' } })).rejects.toMatchObject({ status: 400 });
  });

  it('renders every built-in in en, ja and zh for a customer with an order', async () => {
    for (const builtIn of BUILT_IN_TEMPLATES) {
      for (const locale of ['en', 'ja', 'zh']) {
        const result = await renderMessageTemplate(db, ws.accountId, builtIn.id, { contactId: aiko, locale });
        expect(result, `${builtIn.key} ${locale}`).toMatchObject({ ok: true, locale });
      }
    }
  });
});

describe('templates', () => {
  it('keep every earlier version when saved, and a personalized built-in is the account’s own draft', async () => {
    const copy = await personalizeBuiltInTemplate(db, ws.accountId, ws.admin.id, 'builtin.win-back');
    expect(copy).toMatchObject({ builtIn: false, builtInKey: 'win-back', status: 'draft', version: 1, locales: ['en', 'ja', 'zh'] });
    const saved = await updateMessageTemplate(db, ws.accountId, ws.admin.id, copy.id, { status: 'active', variants: { ...copy.variants, en: { ...copy.variants.en!, subject: 'Come back soon' } } as never }, 1);
    expect(saved).toMatchObject({ version: 2, status: 'active' });
    await expect(updateMessageTemplate(db, ws.accountId, ws.admin.id, copy.id, { status: 'draft' }, 1)).rejects.toMatchObject({ status: 409 });
    const history = await listTemplateVersions(db, ws.accountId, copy.id);
    expect(history).toEqual([expect.objectContaining({ version: 1, status: 'draft' })]);
    expect(history[0]!.variants.en!.subject).toContain('We miss you');
    const list = await listMessageTemplates(db, ws.accountId);
    expect(list.find((template) => template.id === copy.id)).toMatchObject({ name: 'Win-back', channel: 'email', builtIn: false });
    expect(list.filter((template) => template.builtIn)).toHaveLength(BUILT_IN_TEMPLATES.length);
  });

  it('of another account cannot be rendered', async () => {
    const other = await createTestWorkspace('Other');
    const template = await email('Private', { en: { subject: 'x', html: 'x' } });
    expect(await renderMessageTemplate(db, other.accountId, template.id, { contactId: ben })).toMatchObject({ ok: false });
  });
});
