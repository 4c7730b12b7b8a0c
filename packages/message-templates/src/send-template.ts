import type { OutreachPort, OutreachRequest, OutreachResult } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { renderMessageTemplate, type RenderOptions, type TemplateEvent } from './render-template.ts';
import { getMessageTemplate } from './templates.ts';

export interface TemplateSend extends Omit<OutreachRequest, 'content' | 'channel'> {
  templateId: string;
  locale?: string | null;
  event?: TemplateEvent | null;
}

/**
 * Renders a template for the customer and hands it to outreach on the template's channel. A render error is never
 * sent: it is recorded as suppressed `template_error` with the exact reason (on the customer's timeline) and returned
 * as such. What journeys, prompts and surveys call to send a template.
 */
export async function sendMessageTemplate(db: Database, outreach: OutreachPort, send: TemplateSend, options: RenderOptions = {}): Promise<OutreachResult> {
  const { templateId, locale, event, ...request } = send;
  let channel: OutreachRequest['channel'] = 'email';
  try {
    channel = (await getMessageTemplate(db, send.accountId, templateId)).channel;
  } catch {
    // Rendering reports the missing template below.
  }
  const rendered = await renderMessageTemplate(db, send.accountId, templateId, { contactId: send.contactId, locale, event }, options);
  if (!rendered.ok) {
    await outreach.recordSuppression({ ...request, channel }, 'template_error', rendered.error);
    return { status: 'suppressed', reason: 'template_error', detail: rendered.error };
  }
  return outreach.send({ ...request, channel, content: rendered.content });
}
