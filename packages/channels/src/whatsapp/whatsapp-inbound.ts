import { and, eq } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { type FileStore, uploadAttachment } from '@touchpoint/conversations';
import type { ChannelInbox } from '../channel-adapter.ts';
import { applyDeliveryStatus } from '../delivery.ts';
import { channelScope, externalIdOf, receiveChannelMessage } from '../inbound.ts';
import { listConnectedInboxes } from '../channel-settings.ts';
import { createWhatsAppGraphClient, whatsAppSettingsOf } from './whatsapp-graph.ts';
import { WHATSAPP_CHANNEL, type WhatsAppMessageEvent, type WhatsAppWebhook } from './whatsapp-payload.ts';
import { applyWhatsAppTemplateStatus } from './whatsapp-templates.ts';

export interface WhatsAppInboundOptions {
  files: FileStore;
  /** The largest customer file kept (the server's attachment limit). */
  maxBytes: number;
  fetch?: typeof fetch;
}

export interface WhatsAppWebhookOutcome {
  received: number;
  duplicates: number;
  statuses: number;
  ignored: number;
}

/**
 * Finds the inbox for a business number. Meta may send every number of an app to one callback URL, so a change for
 * another number goes to the connected WhatsApp inbox of the same account that has that number and the same app
 * secret (the signature proved the sender knows it); anything else is ignored, never stored elsewhere.
 */
function createInboxRouter(db: Database, inbox: ChannelInbox) {
  let siblings: Promise<ChannelInbox[]> | null = null;
  const sameApp = () => (siblings ??= listConnectedInboxes(db, WHATSAPP_CHANNEL).then((all) => all.filter((other) => other.id !== inbox.id && other.accountId === inbox.accountId && other.secrets.appSecret === inbox.secrets.appSecret)));
  return {
    async forNumber(phoneNumberId: string): Promise<ChannelInbox | null> {
      if (inbox.config.phoneNumberId === phoneNumberId) return inbox;
      return (await sameApp()).find((other) => other.config.phoneNumberId === phoneNumberId) ?? null;
    },
    async all() {
      return [inbox, ...(await sameApp())];
    },
  };
}

/** Stores what a signed webhook carried: messages (with their files and reactions), statuses, template statuses. */
export async function receiveWhatsAppWebhook(db: Database, inbox: ChannelInbox, webhook: WhatsAppWebhook, options: WhatsAppInboundOptions): Promise<WhatsAppWebhookOutcome> {
  const outcome: WhatsAppWebhookOutcome = { received: 0, duplicates: 0, statuses: 0, ignored: webhook.ignored };
  const router = createInboxRouter(db, inbox);
  for (const event of webhook.messages) {
    const target = await router.forNumber(event.phoneNumberId);
    if (!target) {
      outcome.ignored += 1;
      continue;
    }
    if (await receiveWhatsAppMessage(db, target, event, options)) outcome.received += 1;
    else outcome.duplicates += 1;
  }
  for (const status of webhook.statuses) {
    const target = await router.forNumber(status.phoneNumberId);
    if (!target) {
      outcome.ignored += 1;
      continue;
    }
    await applyDeliveryStatus(db, target.accountId, WHATSAPP_CHANNEL, status.messageId, status.status, status.error);
    outcome.statuses += 1;
  }
  for (const templateStatus of webhook.templateStatuses) {
    for (const candidate of await router.all()) await applyWhatsAppTemplateStatus(db, candidate, templateStatus);
  }
  return outcome;
}

async function findMessageByExternalId(db: Database, accountId: string, externalId: string) {
  const [row] = await db
    .select({ id: schema.messages.id, body: schema.messages.body, conversationId: schema.messages.conversationId })
    .from(schema.messages)
    .where(and(eq(schema.messages.accountId, accountId), eq(schema.messages.externalId, externalId)));
  return row ?? null;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

const excerpt = (text: string) => {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
};

/** One customer message; false when it was already stored (the provider retried). */
async function receiveWhatsAppMessage(db: Database, inbox: ChannelInbox, event: WhatsAppMessageEvent, options: WhatsAppInboundOptions): Promise<boolean> {
  // Checked first so that a retried webhook does not download its media again; receiveChannelMessage checks again.
  if (await findMessageByExternalId(db, inbox.accountId, externalIdOf(WHATSAPP_CHANNEL, event.message.externalId))) return false;
  let body = event.message.body;
  const channelData: Record<string, unknown> = { ...event.message.channelData };
  const attachmentIds: string[] = [];
  if (event.media) {
    try {
      const client = createWhatsAppGraphClient(whatsAppSettingsOf(inbox), options.fetch);
      const file = await client.downloadMedia(event.media.id, options.maxBytes);
      const stored = await uploadAttachment(db, options.files, channelScope(inbox), { fileName: event.media.fileName, contentType: event.media.mimeType ?? file.contentType ?? undefined, content: file.content }, options.maxBytes);
      attachmentIds.push(stored.id);
    } catch (error) {
      // The message matters more than its file: keep it, say what is missing and why.
      channelData.mediaError = errorText(error);
      const note = `[${event.media.kind === 'audio' && (channelData.media as { voice?: boolean } | undefined)?.voice ? 'voice message' : event.media.kind} could not be downloaded from WhatsApp: ${channelData.mediaError}]`;
      body = body ? `${body}\n${note}` : note;
    }
  }
  const reactedTo = event.reaction ? await findMessageByExternalId(db, inbox.accountId, externalIdOf(WHATSAPP_CHANNEL, event.reaction.messageId)) : null;
  if (event.reaction) {
    channelData.reaction = { ...(channelData.reaction as object), targetMessageId: reactedTo?.id ?? null };
    if (reactedTo) body = event.reaction.emoji ? `Reacted ${event.reaction.emoji} to “${excerpt(reactedTo.body)}”` : `Removed their reaction to “${excerpt(reactedTo.body)}”`;
  }
  const { duplicate } = await receiveChannelMessage(db, inbox, { ...event.message, body, channelData, attachmentIds });
  if (!duplicate && event.reaction && reactedTo) await showReaction(db, inbox, reactedTo, event.message.sender.externalId, event.reaction.emoji, event.message.at ?? new Date());
  return !duplicate;
}

/**
 * Shows a customer's reaction on the message it is about: `channelData.reactions[<sender>] = { emoji, at }` (removed
 * when they take it back). A late, older reaction does not replace a newer one.
 */
async function showReaction(db: Database, inbox: ChannelInbox, target: { id: string; conversationId: string }, sender: string, emoji: string | null, at: Date) {
  await db.transaction(async (tx) => {
    const m = schema.messages;
    const [current] = await tx.select({ channelData: m.channelData }).from(m).where(and(eq(m.accountId, inbox.accountId), eq(m.id, target.id))).for('update');
    if (!current) return;
    const reactions = { ...(current.channelData.reactions as Record<string, { emoji: string; at: string }> | undefined) };
    const previous = reactions[sender];
    if (previous && new Date(previous.at) > at) return;
    if (emoji) reactions[sender] = { emoji, at: at.toISOString() };
    else delete reactions[sender];
    const channelData = { ...current.channelData, reactions };
    await tx.update(m).set({ channelData }).where(eq(m.id, target.id));
    const [conversation] = await tx.select({ inboxId: schema.conversations.inboxId }).from(schema.conversations).where(eq(schema.conversations.id, target.conversationId));
    await recordEvents(tx, [{
      type: 'message.updated',
      accountId: inbox.accountId,
      payload: { conversationId: target.conversationId, messageId: target.id, channelData },
      audience: { kind: 'inbox', inboxId: conversation!.inboxId },
    }]);
  });
}
