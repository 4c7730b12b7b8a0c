import { and, desc, eq } from 'drizzle-orm';
import type { OutreachContent } from '@touchpoint/core';
import { type Database, schema, type TemplateVariant, type TemplateVariants } from '@touchpoint/db';
import { formatMoney, type FormatSettings, renderPart } from './liquid-engine.ts';
import { getMessageTemplate, type TemplateChannel, type TemplateView } from './templates.ts';

/** The triggering event, as a journey or a prompt hands it over: `{{ event.name }}`, `{{ event.properties.plan }}`. */
export interface TemplateEvent {
  name: string;
  properties?: Record<string, unknown>;
}

export interface RenderRequest {
  contactId: string;
  /** The language wanted; else the customer's, else the account's default, else en (whichever the template has). */
  locale?: string | null;
  event?: TemplateEvent | null;
}

export interface RenderOptions {
  /** The server's public URL, for `account.portal_url`; without it the URL is a path. */
  publicUrl?: string | null;
  /** Computed traits (order count, lifetime value…) when the events domain provides them: `{{ customer.traits.orderCount }}`. */
  readTraits?: (accountId: string, contactId: string) => Promise<Record<string, unknown>>;
  /** Render this content instead of the saved one (the editor's live preview of unsaved changes). */
  draft?: { variants: TemplateVariants; whatsAppTemplate?: { name: string; language: string; parameters: string[] } | null };
  now?: Date;
}

export type RenderResult = { ok: true; content: OutreachContent; locale: string } | { ok: false; error: string };

/** The language variant to use: the wanted one (or its base language, ja-JP → ja), the account's default, en, the first. */
export function chooseVariantLocale(available: string[], wanted: (string | null | undefined)[]): string | null {
  for (const locale of [...wanted, 'en']) {
    if (!locale) continue;
    const base = locale.toLowerCase().split(/[-_]/)[0]!;
    if (available.includes(locale)) return locale;
    if (available.includes(base)) return base;
  }
  return available[0] ?? null;
}

/** Keeps only defined values, so a missing one is undefined in Liquid (an error unless it has a `default`). */
function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== null && value !== undefined && value !== ''));
}

const splitName = (name: string) => {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return { first: words[0], last: words.length > 1 ? words.slice(1).join(' ') : undefined };
};

async function findOrder(db: Database, accountId: string, contactId: string, event: TemplateEvent | null | undefined) {
  const o = schema.orders;
  const wanted = event?.properties ?? {};
  const byEvent = typeof wanted.orderId === 'string' && /^[0-9a-f-]{36}$/i.test(wanted.orderId)
    ? eq(o.id, wanted.orderId)
    : typeof wanted.orderNumber === 'string' ? eq(o.number, wanted.orderNumber) : null;
  const [order] = await db.select().from(o)
    .where(and(eq(o.accountId, accountId), byEvent ?? eq(o.contactId, contactId)))
    .orderBy(desc(o.placedAt)).limit(1);
  return order ?? null;
}

/** Everything a template can use: `customer`, `event`, `order` (the event's order, else the latest), `account`. */
export async function loadTemplateData(db: Database, accountId: string, request: RenderRequest, options: RenderOptions = {}) {
  const [row] = await db
    .select({ contact: schema.contacts, account: { name: schema.accounts.name, handle: schema.accounts.handle, defaultLocale: schema.accounts.defaultLocale, timeZone: schema.accounts.timeZone } })
    .from(schema.contacts)
    .innerJoin(schema.accounts, eq(schema.accounts.id, schema.contacts.accountId))
    .where(and(eq(schema.contacts.accountId, accountId), eq(schema.contacts.id, request.contactId)));
  if (!row) return null;
  const { contact, account } = row;
  const order = await findOrder(db, accountId, contact.id, request.event);
  const traits = options.readTraits ? await options.readTraits(accountId, contact.id) : {};
  const name = splitName(contact.name);
  const locale = contact.locale ?? account.defaultLocale;
  const timeZone = contact.timeZone ?? account.timeZone;
  const portalPath = `/portal/${account.handle}`;
  const money = (minor: number) => (order ? formatMoney(minor, order.currency, request.locale ?? locale) : '');
  const shipment = order?.shipments.find((entry) => entry.trackingNumber || entry.trackingUrl) ?? null;
  const data: Record<string, unknown> = {
    customer: defined({
      id: contact.id,
      name: contact.name,
      first_name: (contact.attributes.first_name as string | undefined) ?? name.first,
      last_name: (contact.attributes.last_name as string | undefined) ?? name.last,
      email: contact.email,
      phone: contact.phone,
      locale,
      time_zone: timeZone,
      attributes: defined(contact.attributes),
      traits: defined(traits),
    }),
    account: defined({ name: account.name, portal_url: options.publicUrl ? new URL(portalPath, options.publicUrl).toString() : portalPath }),
    now: (options.now ?? new Date()).toISOString(),
  };
  if (request.event) data.event = { name: request.event.name, properties: defined(request.event.properties ?? {}) };
  if (order) {
    data.order = defined({
      id: order.id,
      number: order.number,
      currency: order.currency,
      total: money(order.totalMinor),
      total_minor: order.totalMinor,
      subtotal: money(order.subtotalMinor),
      status: order.status,
      placed_at: order.placedAt.toISOString(),
      lines: order.lines.map((line) => defined({ title: line.title, sku: line.sku, variant: line.variant, quantity: line.quantity, price: money(line.lineTotalMinor), price_minor: line.lineTotalMinor })),
      tracking_number: shipment?.trackingNumber,
      tracking_url: shipment?.trackingUrl,
      carrier: shipment?.carrier,
    });
  }
  return { data, contactLocale: contact.locale, accountLocale: account.defaultLocale, format: { locale, timeZone } satisfies FormatSettings };
}

/** Text from an HTML body, for the text part of an email written only in HTML. */
export function convertHtmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/h[1-6]|\/li)\s*\/?>/gi, '\n')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, '$2 ($1)')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Renders a variant for a channel: every part or nothing (the first error wins). */
export async function renderVariant(channel: TemplateChannel, variant: TemplateVariant, whatsAppTemplate: TemplateView['whatsAppTemplate'], locale: string, data: Record<string, unknown>, format: FormatSettings): Promise<RenderResult> {
  const settings = { ...format, locale };
  const out: Partial<Record<keyof TemplateVariant, string>> = {};
  for (const name of ['subject', 'title', 'html', 'text', 'ctaLabel', 'ctaUrl'] as const) {
    const source = variant[name];
    if (source === undefined || source === '') continue;
    const rendered = await renderPart(`${locale} ${name}`, source, name === 'html' ? 'html' : 'plain', data, settings);
    if (!rendered.ok) return rendered;
    out[name] = rendered.output;
  }
  let parameters: string[] | null = null;
  if (whatsAppTemplate) {
    parameters = [];
    for (const [index, source] of whatsAppTemplate.parameters.entries()) {
      const rendered = await renderPart(`WhatsApp template parameter ${index + 1}`, source, 'plain', data, settings);
      if (!rendered.ok) return rendered;
      parameters.push(rendered.output);
    }
  }
  const text = out.text?.trim() ? out.text : out.html ? convertHtmlToText(out.html) : '';
  if (!text.trim() && !out.html) return { ok: false, error: `${locale}: the message is empty once rendered` };
  if (channel === 'email' && !out.subject?.trim()) return { ok: false, error: `${locale} subject: empty once rendered` };
  const content: OutreachContent = {
    subject: channel === 'email' ? out.subject!.trim() : null,
    text,
    html: channel === 'email' ? out.html ?? null : null,
    title: channel === 'in_app' ? out.title ?? null : null,
    cta: channel === 'in_app' && out.ctaLabel && out.ctaUrl ? { label: out.ctaLabel, url: out.ctaUrl } : null,
    whatsAppTemplate: whatsAppTemplate && parameters ? { name: whatsAppTemplate.name, language: whatsAppTemplate.language, parameters } : null,
  };
  return { ok: true, content, locale };
}

/**
 * Renders a template (an account's or a built-in) for one customer. `{ ok: false, error }` for a missing template or
 * customer, an undefined variable without a `default`, a syntax error or a limit: such a message is never sent
 * (outreach records it as suppressed with reason `template_error`).
 */
export async function renderMessageTemplate(db: Database, accountId: string, templateId: string, request: RenderRequest, options: RenderOptions = {}): Promise<RenderResult> {
  let template: TemplateView;
  try {
    template = await getMessageTemplate(db, accountId, templateId);
  } catch {
    return { ok: false, error: `template ${templateId} does not exist` };
  }
  const loaded = await loadTemplateData(db, accountId, request, options);
  if (!loaded) return { ok: false, error: `customer ${request.contactId} does not exist` };
  const variants = options.draft?.variants ?? template.variants;
  const whatsAppTemplate = options.draft ? options.draft.whatsAppTemplate ?? null : template.whatsAppTemplate;
  const locale = chooseVariantLocale(Object.keys(variants), [request.locale, loaded.contactLocale, loaded.accountLocale]);
  if (!locale) return { ok: false, error: 'the template has no language variant' };
  return renderVariant(template.channel, variants[locale]!, whatsAppTemplate, locale, loaded.data, loaded.format);
}

/** For callers that only need to know a template exists and is active (journey publish checks). */
export async function isTemplateSendable(db: Database, accountId: string, templateId: string): Promise<boolean> {
  try {
    const template = await getMessageTemplate(db, accountId, templateId);
    return template.status === 'active';
  } catch {
    return false;
  }
}
