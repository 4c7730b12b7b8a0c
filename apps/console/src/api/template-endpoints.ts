import { requestJson } from './client.ts';

export type TemplateChannel = 'email' | 'sms' | 'whatsapp' | 'in_app';
export type TemplateLocale = 'en' | 'ja' | 'zh';
export const TEMPLATE_LOCALES: TemplateLocale[] = ['en', 'ja', 'zh'];

export interface TemplateVariant {
  subject?: string;
  html?: string;
  text: string;
  title?: string;
  ctaLabel?: string;
  ctaUrl?: string;
}

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  channel: TemplateChannel;
  status: 'draft' | 'active';
  builtIn: boolean;
  builtInKey: string | null;
  locales: string[];
  version: number;
  updatedAt: string | null;
}

export interface MessageTemplate extends TemplateSummary {
  variants: Partial<Record<TemplateLocale, TemplateVariant>>;
  whatsAppTemplate: { name: string; language: string; parameters: string[] } | null;
}

export interface TemplateVersion {
  version: number;
  name: string;
  status: 'draft' | 'active';
  variants: Partial<Record<TemplateLocale, TemplateVariant>>;
  savedAt: string;
  savedBy: string | null;
}

export type TemplatePreview =
  | { ok: true; locale: string; content: { subject?: string | null; text: string; html?: string | null; title?: string | null; cta?: { label: string; url: string } | null } }
  | { ok: false; error: string };

export interface FrequencyCap {
  limit: number;
  periodDays: number;
}

export interface OutreachSettings {
  globalCap: FrequencyCap | null;
  channelCaps: Partial<Record<'email' | 'in_app' | 'whatsapp' | 'sms' | 'messenger', FrequencyCap>>;
  quietHours: { start: string; end: string; mode: 'defer' | 'suppress' } | null;
  controlGroupPercent: number;
}

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}`;
const one = (accountId: string, templateId: string) => `${base(accountId)}/message-templates/${encodeURIComponent(templateId)}`;

/** Message templates (docs/message-templates.md). */
export function listMessageTemplates(accountId: string, signal?: AbortSignal): Promise<{ templates: TemplateSummary[] }> {
  return requestJson('GET', `${base(accountId)}/message-templates`, { signal });
}

export function getMessageTemplate(accountId: string, templateId: string, signal?: AbortSignal): Promise<MessageTemplate> {
  return requestJson('GET', one(accountId, templateId), { signal });
}

export function createMessageTemplate(accountId: string, input: { name: string; channel: TemplateChannel; variants: Partial<Record<TemplateLocale, TemplateVariant>> }): Promise<MessageTemplate> {
  return requestJson('POST', `${base(accountId)}/message-templates`, { body: input });
}

export function saveMessageTemplate(accountId: string, templateId: string, changes: { name?: string; status?: 'draft' | 'active'; variants?: Partial<Record<TemplateLocale, TemplateVariant>>; version: number }): Promise<MessageTemplate> {
  return requestJson('PATCH', one(accountId, templateId), { body: changes });
}

export function deleteMessageTemplate(accountId: string, templateId: string): Promise<void> {
  return requestJson('DELETE', one(accountId, templateId));
}

export function personalizeTemplate(accountId: string, templateId: string): Promise<MessageTemplate> {
  return requestJson('POST', `${one(accountId, templateId)}/personalize`);
}

export function listTemplateVersions(accountId: string, templateId: string, signal?: AbortSignal): Promise<{ versions: TemplateVersion[] }> {
  return requestJson('GET', `${one(accountId, templateId)}/versions`, { signal });
}

export function previewTemplate(accountId: string, templateId: string, input: { contactId: string; locale: TemplateLocale; draft?: { variants: Partial<Record<TemplateLocale, TemplateVariant>> } }, signal?: AbortSignal): Promise<TemplatePreview> {
  return requestJson('POST', `${one(accountId, templateId)}/preview`, { body: input, signal });
}

/** Messaging limits (docs/outreach.md). */
export function getOutreachSettings(accountId: string, signal?: AbortSignal): Promise<OutreachSettings> {
  return requestJson('GET', `${base(accountId)}/outreach-settings`, { signal });
}

export function saveOutreachSettings(accountId: string, settings: OutreachSettings): Promise<OutreachSettings> {
  return requestJson('PUT', `${base(accountId)}/outreach-settings`, { body: settings });
}
