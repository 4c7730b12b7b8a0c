import { z } from 'zod';
import type { InboundMessage } from '../inbound.ts';

/**
 * The WhatsApp Cloud API's webhook body (`object: whatsapp_business_account`), parsed into what Touchpoint keeps:
 * customers' messages (with a readable body and the structured part in channelData), statuses of replies, and
 * template status changes. The schema is loose where Meta adds fields over time and strict where we rely on a field.
 */

export const WHATSAPP_CHANNEL = 'whatsapp';

const Text = z.string().max(100_000);
const ProviderId = z.string().trim().min(1).max(500);
const UnixSeconds = z.union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()]).transform((value) => new Date(Number(value) * 1000));

const MediaSchema = z.looseObject({
  id: ProviderId,
  mime_type: z.string().max(200).optional(),
  sha256: z.string().max(200).optional(),
  caption: Text.optional(),
  filename: z.string().max(1000).optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

const ErrorSchema = z.looseObject({
  code: z.number().optional(),
  title: z.string().max(1000).optional(),
  message: z.string().max(1000).optional(),
  error_data: z.looseObject({ details: z.string().max(2000).optional() }).optional(),
});

const MessageSchema = z.looseObject({
  id: ProviderId,
  from: ProviderId,
  timestamp: UnixSeconds,
  type: z.string().max(100),
  context: z.looseObject({ id: z.string().max(500).optional(), from: z.string().max(100).optional(), forwarded: z.boolean().optional(), frequently_forwarded: z.boolean().optional() }).optional(),
  text: z.looseObject({ body: Text }).optional(),
  image: MediaSchema.optional(),
  video: MediaSchema.optional(),
  audio: MediaSchema.optional(),
  document: MediaSchema.optional(),
  sticker: MediaSchema.optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number(), name: z.string().max(1000).optional(), address: z.string().max(1000).optional(), url: z.string().max(2000).optional() }).optional(),
  contacts: z.array(z.looseObject({
    name: z.looseObject({ formatted_name: z.string().max(1000).optional(), first_name: z.string().max(1000).optional(), last_name: z.string().max(1000).optional() }).optional(),
    phones: z.array(z.looseObject({ phone: z.string().max(100).optional(), wa_id: z.string().max(100).optional(), type: z.string().max(100).optional() })).max(100).optional(),
    emails: z.array(z.looseObject({ email: z.string().max(1000).optional(), type: z.string().max(100).optional() })).max(100).optional(),
  })).max(100).optional(),
  interactive: z.looseObject({
    type: z.string().max(100),
    button_reply: z.looseObject({ id: z.string().max(1000), title: z.string().max(1000) }).optional(),
    list_reply: z.looseObject({ id: z.string().max(1000), title: z.string().max(1000), description: z.string().max(1000).optional() }).optional(),
    nfm_reply: z.looseObject({ response_json: z.string().max(100_000).optional(), body: z.string().max(1000).optional(), name: z.string().max(1000).optional() }).optional(),
  }).optional(),
  button: z.looseObject({ payload: z.string().max(1000).optional(), text: z.string().max(1000) }).optional(),
  reaction: z.looseObject({ message_id: ProviderId, emoji: z.string().max(100).optional() }).optional(),
  order: z.looseObject({
    catalog_id: z.string().max(200).optional(),
    text: z.string().max(10_000).optional(),
    product_items: z.array(z.looseObject({ product_retailer_id: z.string().max(500), quantity: z.number(), item_price: z.number().optional(), currency: z.string().max(10).optional() })).max(1000).optional(),
  }).optional(),
  system: z.looseObject({ body: z.string().max(2000).optional(), type: z.string().max(200).optional(), wa_id: z.string().max(100).optional() }).optional(),
  edit: z.looseObject({ original_message_id: z.string().max(500), message: z.looseObject({ type: z.string().max(100) }).optional() }).optional(),
  revoke: z.looseObject({ original_message_id: z.string().max(500) }).optional(),
  referral: z.record(z.string(), z.unknown()).optional(),
  unsupported: z.looseObject({ type: z.string().max(100).optional() }).optional(),
  errors: z.array(ErrorSchema).max(20).optional(),
});

const StatusSchema = z.looseObject({
  id: ProviderId,
  status: z.string().max(100),
  timestamp: UnixSeconds.optional(),
  recipient_id: z.string().max(200).optional(),
  errors: z.array(ErrorSchema).max(20).optional(),
});

const MessagesValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: ProviderId, display_phone_number: z.string().max(100).optional() }),
  contacts: z.array(z.looseObject({ wa_id: z.string().max(100).optional(), profile: z.looseObject({ name: z.string().max(1000).optional() }).optional() })).max(1000).optional(),
  messages: z.array(MessageSchema).max(1000).optional(),
  statuses: z.array(StatusSchema).max(1000).optional(),
});

const TemplateStatusValueSchema = z.looseObject({
  event: z.string().max(100),
  message_template_name: z.string().max(512),
  message_template_language: z.string().max(20),
  reason: z.string().max(1000).nullable().optional(),
});

const WebhookSchema = z.looseObject({
  object: z.literal('whatsapp_business_account', { error: 'must be "whatsapp_business_account"' }),
  entry: z.array(z.looseObject({
    id: z.string().max(200).optional(),
    changes: z.array(z.looseObject({ field: z.string().max(200), value: z.unknown() })).max(1000),
  })).max(1000),
});

/** A media file a message carries; the bytes are fetched from the Graph API by `id`. */
export interface WhatsAppMediaRef {
  id: string;
  kind: 'image' | 'video' | 'audio' | 'document' | 'sticker';
  mimeType: string | null;
  fileName: string;
}

export interface WhatsAppMessageEvent {
  /** The business number the customer wrote to: picks the inbox. */
  phoneNumberId: string;
  message: InboundMessage;
  media: WhatsAppMediaRef | null;
  /** A reaction to an earlier message (`emoji` null when the customer took their reaction back). */
  reaction: { messageId: string; emoji: string | null } | null;
}

export type WhatsAppDeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface WhatsAppStatusEvent {
  phoneNumberId: string;
  messageId: string;
  status: WhatsAppDeliveryStatus;
  error: string | null;
}

export interface WhatsAppTemplateStatusEvent {
  name: string;
  language: string;
  status: string;
  reason: string | null;
}

export interface WhatsAppWebhook {
  messages: WhatsAppMessageEvent[];
  statuses: WhatsAppStatusEvent[];
  templateStatuses: WhatsAppTemplateStatusEvent[];
  /** Changes and statuses Touchpoint has no use for (account updates, calls, `played`), counted for the answer. */
  ignored: number;
}

/** "(#131047) Re-engagement message: More than 24 hours have passed…" from a WhatsApp error object. */
export function describeWhatsAppError(error: z.infer<typeof ErrorSchema> | undefined): string {
  if (!error) return 'WhatsApp reported an error';
  const title = error.title ?? error.message ?? 'error';
  const details = error.error_data?.details;
  const text = `${error.code !== undefined ? `(#${error.code}) ` : ''}${title}${details && details !== title ? `: ${details}` : ''}`;
  return text.slice(0, 500);
}

const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'sticker'] as const;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'video/mp4': 'mp4', 'video/3gpp': '3gp',
  'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/amr': 'amr', 'application/pdf': 'pdf',
};

function mediaOf(message: z.infer<typeof MessageSchema>): WhatsAppMediaRef | null {
  const kind = MEDIA_KINDS.find((candidate) => candidate === message.type && message[candidate]);
  if (!kind) return null;
  const media = message[kind]!;
  const mimeType = media.mime_type?.split(';')[0]?.trim().toLowerCase() || null;
  const base = kind === 'audio' && media.voice ? 'voice' : kind;
  const fileName = media.filename?.trim() || `${base}-${message.id.replace(/^wamid\./, '').replace(/[^A-Za-z0-9]/g, '').slice(-12) || 'file'}.${EXTENSIONS[mimeType ?? ''] ?? 'bin'}`;
  return { id: media.id, kind, mimeType, fileName };
}

const mapLink = (latitude: number, longitude: number) => `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;

/** What an agent reads for a message, and what the channel carried besides text. */
function describeMessage(message: z.infer<typeof MessageSchema>): { body: string; data: Record<string, unknown> } {
  switch (message.type) {
    case 'text':
      return { body: message.text?.body ?? '', data: {} };
    case 'image': case 'video': case 'audio': case 'document': case 'sticker': {
      const media = message[message.type];
      const data = { media: { id: media?.id, mimeType: media?.mime_type ?? null, sha256: media?.sha256 ?? null, ...(media?.voice !== undefined ? { voice: media.voice } : {}), ...(media?.animated !== undefined ? { animated: media.animated } : {}) } };
      return { body: media?.caption ?? '', data };
    }
    case 'location': {
      const place = message.location!;
      const label = [place.name, place.address].filter(Boolean).join(', ');
      return {
        body: `📍 ${label ? `${label} ` : ''}(${place.latitude}, ${place.longitude})\n${mapLink(place.latitude, place.longitude)}`,
        data: { location: { latitude: place.latitude, longitude: place.longitude, name: place.name ?? null, address: place.address ?? null, url: place.url ?? null } },
      };
    }
    case 'contacts': {
      const cards = (message.contacts ?? []).map((card) => ({
        name: card.name?.formatted_name ?? [card.name?.first_name, card.name?.last_name].filter(Boolean).join(' '),
        phones: (card.phones ?? []).map((phone) => ({ phone: phone.phone ?? null, waId: phone.wa_id ?? null, type: phone.type ?? null })),
        emails: (card.emails ?? []).map((email) => email.email).filter(Boolean),
      }));
      const lines = cards.map((card) => `👤 ${card.name || '?'}${card.phones.length ? ` · ${card.phones.map((phone) => phone.phone).filter(Boolean).join(', ')}` : ''}${card.emails.length ? ` · ${card.emails.join(', ')}` : ''}`);
      return { body: lines.join('\n'), data: { contacts: cards } };
    }
    case 'interactive': {
      const interactive = message.interactive;
      if (interactive?.button_reply) return { body: interactive.button_reply.title, data: { reply: { type: 'button_reply', id: interactive.button_reply.id, title: interactive.button_reply.title } } };
      if (interactive?.list_reply) {
        const { id, title, description } = interactive.list_reply;
        return { body: description ? `${title}\n${description}` : title, data: { reply: { type: 'list_reply', id, title, description: description ?? null } } };
      }
      if (interactive?.nfm_reply) {
        const response = (() => { try { return JSON.parse(interactive.nfm_reply.response_json ?? '{}') as Record<string, unknown>; } catch { return { raw: interactive.nfm_reply.response_json }; } })();
        const { flow_token: _token, ...answers } = response;
        const lines = Object.entries(answers).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
        return { body: [`📝 ${interactive.nfm_reply.body ?? 'Form submitted'}`, ...lines].join('\n'), data: { flow: { name: interactive.nfm_reply.name ?? null, response } } };
      }
      return unsupported(message, `interactive reply${interactive?.type ? ` (${interactive.type})` : ''}`);
    }
    case 'button':
      return { body: message.button?.text ?? '', data: { reply: { type: 'button', payload: message.button?.payload ?? null, title: message.button?.text ?? '' } } };
    case 'reaction': {
      const emoji = message.reaction?.emoji || null;
      return { body: emoji ? `Reacted ${emoji}` : 'Removed a reaction', data: { reaction: { messageId: message.reaction?.message_id ?? null, emoji } } };
    }
    case 'order': {
      const order = message.order!;
      const items = (order.product_items ?? []).map((item) => `${item.quantity} × ${item.product_retailer_id}${item.item_price !== undefined ? ` (${item.item_price}${item.currency ? ` ${item.currency}` : ''})` : ''}`);
      return { body: ['🛒 Order', ...items, order.text ?? ''].filter(Boolean).join('\n'), data: { order: { catalogId: order.catalog_id ?? null, text: order.text ?? null, items: order.product_items ?? [] } } };
    }
    case 'system':
      return { body: message.system?.body ?? 'WhatsApp system message', data: { system: { type: message.system?.type ?? null, waId: message.system?.wa_id ?? null } } };
    case 'edit': {
      const edited = message.edit?.message as { type?: string; text?: { body?: string }; [key: string]: unknown } | undefined;
      const text = edited?.text?.body ?? (edited?.type ? (edited[edited.type] as { caption?: string } | undefined)?.caption : undefined) ?? '';
      return { body: `✏️ Edited a message${text ? `: ${text}` : ''}`, data: { edit: { originalMessageId: message.edit?.original_message_id ?? null, message: edited ?? null } } };
    }
    case 'revoke':
      return { body: '🗑️ Deleted a message', data: { revoke: { originalMessageId: message.revoke?.original_message_id ?? null } } };
    default:
      return unsupported(message, message.unsupported?.type ?? message.type);
  }
}

function unsupported(message: z.infer<typeof MessageSchema>, what: string) {
  const reason = message.errors?.[0] ? describeWhatsAppError(message.errors[0]) : null;
  return { body: `(A WhatsApp message Touchpoint cannot show: ${what}${reason ? `. ${reason}` : ''})`, data: { unsupported: { type: what, errors: message.errors ?? [] } } };
}

function contextOf(message: z.infer<typeof MessageSchema>) {
  const data: Record<string, unknown> = {};
  if (message.context?.id) data.replyTo = message.context.id;
  if (message.context?.forwarded) data.forwarded = true;
  if (message.context?.frequently_forwarded) data.frequentlyForwarded = true;
  if (message.referral) data.referral = message.referral;
  return data;
}

const STATUSES: Record<string, WhatsAppDeliveryStatus> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' };

/** Parses a webhook body (already JSON-parsed). Throws a ZodError naming the field when the body is not one. */
export function parseWhatsAppWebhook(json: unknown): WhatsAppWebhook {
  const body = WebhookSchema.parse(json);
  const result: WhatsAppWebhook = { messages: [], statuses: [], templateStatuses: [], ignored: 0 };
  body.entry.forEach((entry, entryIndex) => entry.changes.forEach((change, changeIndex) => {
    const path = ['entry', entryIndex, 'changes', changeIndex, 'value'];
    if (change.field === 'message_template_status_update') {
      const value = parseAt(TemplateStatusValueSchema, change.value, path);
      result.templateStatuses.push({ name: value.message_template_name, language: value.message_template_language, status: value.event, reason: value.reason && value.reason !== 'NONE' ? value.reason : null });
      return;
    }
    if (change.field !== 'messages') {
      result.ignored += 1;
      return;
    }
    const value = parseAt(MessagesValueSchema, change.value, path);
    const phoneNumberId = value.metadata.phone_number_id;
    const names = new Map((value.contacts ?? []).map((contact) => [contact.wa_id ?? '', contact.profile?.name ?? null]));
    for (const message of value.messages ?? []) {
      const { body: text, data } = describeMessage(message);
      const name = names.get(message.from) ?? null;
      result.messages.push({
        phoneNumberId,
        message: {
          externalId: message.id,
          sender: { externalId: message.from, name, phone: `+${message.from.replace(/^\+/, '')}` },
          body: text,
          at: message.timestamp,
          threading: 'contact',
          channelData: { type: message.type, ...contextOf(message), ...data },
        },
        media: mediaOf(message),
        reaction: message.type === 'reaction' && message.reaction ? { messageId: message.reaction.message_id, emoji: message.reaction.emoji || null } : null,
      });
    }
    for (const status of value.statuses ?? []) {
      const mapped = STATUSES[status.status];
      if (!mapped) {
        result.ignored += 1;
        continue;
      }
      result.statuses.push({ phoneNumberId, messageId: status.id, status: mapped, error: mapped === 'failed' ? (status.errors ?? []).map(describeWhatsAppError).join('; ') || null : null });
    }
  }));
  return result;
}

/** Parses one nested part, reporting issues with their full path from the body's root. */
function parseAt<T extends z.ZodType>(schema: T, value: unknown, path: (string | number)[]): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })));
}
