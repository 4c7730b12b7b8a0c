import type { TemplateChannel, TemplateVariant } from '../../../api/template-endpoints.ts';
import type { MessageKey } from '../../../i18n/messages.ts';

export const CHANNEL_LABELS: Record<TemplateChannel, MessageKey> = {
  email: 'templates.channelEmail',
  sms: 'templates.channelSms',
  whatsapp: 'templates.channelWhatsapp',
  in_app: 'templates.channelInApp',
};

/** The parts each channel's editor shows, in order; `multiline` parts are text areas. */
export const CHANNEL_PARTS: Record<TemplateChannel, { part: keyof TemplateVariant; label: MessageKey; multiline: boolean }[]> = {
  email: [{ part: 'subject', label: 'templates.partSubject', multiline: false }, { part: 'html', label: 'templates.partHtml', multiline: true }, { part: 'text', label: 'templates.partText', multiline: true }],
  sms: [{ part: 'text', label: 'templates.partText', multiline: true }],
  whatsapp: [{ part: 'text', label: 'templates.partText', multiline: true }],
  in_app: [{ part: 'title', label: 'templates.partTitle', multiline: false }, { part: 'text', label: 'templates.partText', multiline: true }, { part: 'ctaLabel', label: 'templates.partCtaLabel', multiline: false }, { part: 'ctaUrl', label: 'templates.partCtaUrl', multiline: false }],
};

export const LOCALE_NAMES: Record<'en' | 'ja' | 'zh', string> = { en: 'English', ja: '日本語', zh: '中文' };
