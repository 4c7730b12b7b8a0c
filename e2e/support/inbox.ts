import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { findAccountId, type ApiSession } from './api.ts';
import { DEMO_CHAT_INBOX_NAME } from './demo.ts';

export interface NewConversation {
  id: string;
  number: number;
  subject: string;
}

/** A fresh conversation from a demo contact in the demo web-chat inbox, so tests never share one. */
export async function createConversation(
  admin: ApiSession,
  options: { subject?: string; body?: string; assigneeId?: string | null } = {},
): Promise<NewConversation> {
  const accountId = findAccountId(admin.me);
  const inbox = await findDemoChatInbox(admin);
  const contacts = (await admin.get(`/accounts/${accountId}/contacts?q=Emma`)) as { items: { id: string }[] };
  const subject = options.subject ?? `E2E ${randomUUID().slice(0, 8)}`;
  const created = (await admin.send('POST', `/accounts/${accountId}/conversations`, {
    inboxId: inbox?.id,
    contactId: contacts.items[0]?.id,
    subject,
    message: { body: options.body ?? `Hello from ${subject}` },
  })) as { id: string; number: number };
  if (options.assigneeId !== undefined) {
    await admin.send('PATCH', `/accounts/${accountId}/conversations/${created.id}`, { assigneeId: options.assigneeId });
  }
  return { id: created.id, number: created.number, subject };
}

/**
 * The demo's own web chat inbox, which every demo agent works in. Found by name: other tests create web chat inboxes
 * of their own (the widget, the channel settings), which the demo agents do not work in.
 */
export async function findDemoChatInbox(admin: ApiSession): Promise<{ id: string; channel: string; name: string }> {
  const inboxes = (await admin.get(`/accounts/${findAccountId(admin.me)}/inboxes`)) as { id: string; channel: string; name: string }[];
  const inbox = inboxes.find((candidate) => candidate.channel === 'web_chat' && candidate.name === DEMO_CHAT_INBOX_NAME);
  if (!inbox) throw new Error(`the demo workspace has a web chat inbox named ${DEMO_CHAT_INBOX_NAME}`);
  return inbox;
}

export function inboxUrl(accountId: string, conversationId?: string, query = ''): string {
  return `/a/${accountId}/conversations${conversationId ? `/${conversationId}` : ''}${query}`;
}

/** The list row of a conversation, found by its subject. */
export function findRow(page: Page, subject: string) {
  return page.locator('.inbox-row').filter({ hasText: subject });
}
