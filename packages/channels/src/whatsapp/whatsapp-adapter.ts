import type { AttachmentView } from '@touchpoint/conversations';
import type { ChannelAdapter, OutboundMessage } from '../channel-adapter.ts';
import { PermanentDeliveryError } from '../channel-adapter.ts';
import { createWhatsAppGraphClient, DEFAULT_GRAPH_API_BASE_URL, DEFAULT_GRAPH_API_VERSION, whatsAppSettingsOf, WhatsAppApiError } from './whatsapp-graph.ts';
import { WHATSAPP_CHANNEL } from './whatsapp-payload.ts';
import { customerServiceWindow } from './whatsapp-window.ts';

/** WhatsApp's limits: a text message holds 4096 characters, a caption 1024. */
const TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;

type MediaKind = 'image' | 'video' | 'audio' | 'document';

/** The kind WhatsApp shows a file as; anything it cannot play or show inline goes as a document, with its name. */
function mediaKindOf(contentType: string): MediaKind {
  if (contentType === 'image/jpeg' || contentType === 'image/png') return 'image';
  if (contentType === 'video/mp4' || contentType === 'video/3gpp') return 'video';
  if (['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'].includes(contentType)) return 'audio';
  return 'document';
}

/** Splits a long reply into texts WhatsApp accepts, preferring to cut at a line break or a space. */
export function splitWhatsAppText(text: string, limit = TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = Array.from(text);
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const newline = window.lastIndexOf('\n');
    const space = window.lastIndexOf(' ');
    const cut = newline > limit / 2 ? newline + 1 : space > limit / 2 ? space + 1 : limit;
    parts.push(rest.slice(0, cut).join('').trimEnd());
    rest = rest.slice(cut);
  }
  const last = rest.join('').trim();
  if (last) parts.push(last);
  return parts;
}

/** channelData.template as `sendWhatsAppTemplate` writes it; null for a free-form reply. */
function templateOf(channelData: Record<string, unknown>): { name: string; language: string; components: unknown[] } | null {
  const template = channelData.template as { name?: unknown; language?: unknown; components?: unknown } | undefined;
  if (!template || typeof template.name !== 'string' || typeof template.language !== 'string') return null;
  return { name: template.name, language: template.language, components: Array.isArray(template.components) ? template.components : [] };
}

/**
 * Replies out through the WhatsApp Cloud API (`POST <apiBaseUrl>/<version>/<phoneNumberId>/messages`). Free-form
 * replies go only inside the 24-hour customer-service window; outside it the reply fails at once with the reason and
 * the agent sends an approved template instead. Files are uploaded to WhatsApp first (`/<phoneNumberId>/media`), so
 * they need no public address of this server.
 */
export function createWhatsAppAdapter(options: { fetch?: typeof fetch; now?: () => Date } = {}): ChannelAdapter {
  const now = options.now ?? (() => new Date());
  return {
    channel: WHATSAPP_CHANNEL,
    fields: [
      { key: 'phoneNumberId', kind: 'text', required: true },
      { key: 'businessAccountId', kind: 'text' },
      { key: 'apiBaseUrl', kind: 'url', defaultValue: DEFAULT_GRAPH_API_BASE_URL },
      { key: 'apiVersion', kind: 'text', defaultValue: DEFAULT_GRAPH_API_VERSION },
      { key: 'accessToken', secret: true, required: true },
      { key: 'appSecret', secret: true, required: true },
      { key: 'verifyToken', secret: true, required: true },
    ],
    async send(outbound: OutboundMessage) {
      const to = outbound.recipients[0];
      if (!to) throw new PermanentDeliveryError('the contact has no WhatsApp number in this inbox');
      const phoneNumberId = outbound.inbox.config.phoneNumberId;
      const settings = whatsAppSettingsOf(outbound.inbox);
      if (!phoneNumberId || !settings.accessToken) throw new PermanentDeliveryError('the WhatsApp channel is missing its phone number id or access token');
      const client = createWhatsAppGraphClient(settings, options.fetch);
      try {
        const template = templateOf(outbound.message.channelData);
        if (template) {
          const id = await client.sendMessage(phoneNumberId, {
            to,
            type: 'template',
            template: { name: template.name, language: { code: template.language }, ...(template.components.length > 0 ? { components: template.components } : {}) },
          });
          return { externalId: id, channelData: { whatsappMessageIds: [id] } };
        }
        const window = customerServiceWindow(outbound.history, now());
        if (!window.open) {
          throw new PermanentDeliveryError(window.lastInboundAt
            ? `outside WhatsApp's 24-hour window: the customer last wrote at ${window.lastInboundAt.toISOString()}; send an approved template`
            : "outside WhatsApp's 24-hour window: the customer has not written in this conversation; send an approved template");
        }
        const messages = await composeMessages(outbound, (attachment) => outbound.readAttachment(attachment).then((bytes) => client.uploadMedia(phoneNumberId, { bytes, contentType: attachment.contentType, fileName: attachment.fileName })));
        const ids: string[] = [];
        for (const message of messages) ids.push(await client.sendMessage(phoneNumberId, { to, ...message }));
        return { externalId: ids[0] ?? null, channelData: { whatsappMessageIds: ids } };
      } catch (error) {
        if (error instanceof WhatsAppApiError && error.permanent) throw new PermanentDeliveryError(error.message);
        throw error;
      }
    },
  };
}

/**
 * The WhatsApp messages one reply becomes: files first uploaded (so a failing upload sends nothing), the text as the
 * first file's caption when it fits, else as text messages before the files.
 */
async function composeMessages(outbound: OutboundMessage, upload: (attachment: AttachmentView) => Promise<string>) {
  const text = outbound.message.body.trim();
  const media: Record<string, unknown>[] = [];
  let captioned = false;
  for (const attachment of outbound.message.attachments) {
    const kind = mediaKindOf(attachment.contentType);
    const content: Record<string, unknown> = { id: await upload(attachment) };
    if (kind === 'document') content.filename = attachment.fileName;
    if (media.length === 0 && kind !== 'audio' && text && Array.from(text).length <= CAPTION_LIMIT) {
      content.caption = text;
      captioned = true;
    }
    media.push({ type: kind, [kind]: content });
  }
  const texts = captioned || !text ? [] : splitWhatsAppText(text).map((body) => ({ type: 'text', text: { body, preview_url: /https?:\/\//.test(body) } }));
  return [...texts, ...media];
}
