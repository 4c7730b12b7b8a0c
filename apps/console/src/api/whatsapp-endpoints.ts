import { requestJson } from './client.ts';
import type { Message } from './types.ts';

/** An approved WhatsApp template as the composer offers it. */
export interface WhatsAppTemplate {
  name: string;
  language: string;
  category: string;
  status: string;
  /** The variables to fill, in order: `1`, `2`… or names. */
  variables: string[];
  /** Header, body and footer as the customer reads them, variables still as `{{1}}`. */
  preview: string;
  sendable: boolean;
}

/** Whether free-form replies reach the customer now (WhatsApp's 24-hour window), and the templates that always do. */
export interface WhatsAppConversationState {
  /** Whether the inbox sends through WhatsApp; when it does not, the window does not matter. */
  connected: boolean;
  window: { open: boolean; lastInboundAt: string | null; closesAt: string | null };
  templates: WhatsAppTemplate[];
}

const conversationPath = (accountId: string, conversationId: string, rest: string) =>
  `/accounts/${encodeURIComponent(accountId)}/conversations/${encodeURIComponent(conversationId)}${rest}`;

export function getWhatsAppConversationState(accountId: string, conversationId: string, signal?: AbortSignal): Promise<WhatsAppConversationState> {
  return requestJson('GET', conversationPath(accountId, conversationId, '/whatsapp-templates'), { signal });
}

export function sendWhatsAppTemplate(accountId: string, conversationId: string, input: { name: string; language: string; variables: string[]; clientKey: string }): Promise<Message> {
  return requestJson('POST', conversationPath(accountId, conversationId, '/whatsapp-template'), { body: input });
}

/** The preview with the values filled in; a variable left empty keeps its `{{n}}`. */
export function fillTemplatePreview(template: Pick<WhatsAppTemplate, 'preview' | 'variables'>, values: string[]): string {
  return template.preview.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    const value = values[template.variables.indexOf(name)]?.trim();
    return value ? value : whole;
  });
}

const inboxPath = (accountId: string, inboxId: string, rest: string) => `/accounts/${encodeURIComponent(accountId)}/inboxes/${encodeURIComponent(inboxId)}${rest}`;

/** A WhatsApp inbox's templates as last synced from Meta (admins). */
export function listInboxWhatsAppTemplates(accountId: string, inboxId: string, signal?: AbortSignal): Promise<WhatsAppTemplate[]> {
  return requestJson('GET', inboxPath(accountId, inboxId, '/whatsapp-templates'), { signal });
}

/** Fetches the inbox's templates from Meta now and keeps them (admins). */
export function syncInboxWhatsAppTemplates(accountId: string, inboxId: string): Promise<WhatsAppTemplate[]> {
  return requestJson('POST', inboxPath(accountId, inboxId, '/whatsapp-templates/sync'));
}
