import { z } from 'zod';
import { signWebhookBody, verifyWebhookSignature } from '@touchpoint/webhooks';
import type { ChannelAdapter, OutboundMessage } from './channel-adapter.ts';
import { PermanentDeliveryError } from './channel-adapter.ts';
import type { InboundMessage } from './inbound.ts';

/**
 * The API channel: for anything without a channel of its own (a kiosk, a game, a partner's app). Its system posts
 * customers' messages to Touchpoint and receives agents' replies at its own URL; both ways are signed with the
 * inbox's secret in the `x-touchpoint-signature` format of Touchpoint's webhooks (HMAC-SHA256 over `<t>.<body>`).
 */
export const API_CHANNEL = 'api';

const InboundSchema = z.strictObject({
  id: z.string().trim().min(1).max(200).describe("the message's id in your system; the same id twice is stored once"),
  sender: z.strictObject({
    id: z.string().trim().min(1).max(200).describe("the customer's id in your system"),
    name: z.string().trim().max(200).optional(),
    email: z.email().max(320).optional(),
    phone: z.string().trim().max(40).optional(),
  }),
  text: z.string().max(20_000),
  subject: z.string().trim().max(200).optional(),
  sentAt: z.iso.datetime({ offset: true }).optional(),
  location: z.strictObject({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().trim().max(200).optional(),
    address: z.string().trim().max(300).optional(),
  }).optional().describe('a place the customer shared; shown with a map link'),
  data: z.record(z.string(), z.unknown()).optional().describe('anything else to keep with the message'),
});

const StatusSchema = z.strictObject({
  id: z.string().trim().min(1).max(200).describe('the id your system answered the reply with'),
  status: z.enum(['delivered', 'read', 'failed']),
  error: z.string().max(500).optional(),
});

export type ApiChannelStatus = z.infer<typeof StatusSchema>;

export const parseApiChannelMessage = (json: unknown): InboundMessage => {
  const input = InboundSchema.parse(json);
  return {
    externalId: input.id,
    sender: { externalId: input.sender.id, name: input.sender.name, email: input.sender.email, phone: input.sender.phone },
    body: input.text,
    subject: input.subject,
    at: input.sentAt ? new Date(input.sentAt) : undefined,
    // Kept under its own key, so a sender's data can never pose as what Touchpoint itself records (an email's html,
    // a location, a web chat visitor).
    channelData: { ...(input.location ? { location: input.location } : {}), ...(input.data ? { data: input.data } : {}) },
    threading: 'contact',
  };
};

export const parseApiChannelStatus = (json: unknown): ApiChannelStatus => StatusSchema.parse(json);

/** Whether a request to the API channel's endpoints was signed with the inbox's secret (and recently). */
export const verifyApiChannelSignature = (secret: string, rawBody: string, header: string | undefined, now = new Date()) => Boolean(header) && verifyWebhookSignature(secret, rawBody, header!, now);

export function createApiChannelAdapter(options: { fetch?: typeof fetch; now?: () => Date } = {}): ChannelAdapter {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  return {
    channel: API_CHANNEL,
    fields: [
      { key: 'outboundUrl', kind: 'url', required: true },
      { key: 'signingSecret', secret: true, required: true },
    ],
    async send(outbound: OutboundMessage) {
      const body = JSON.stringify({
        type: 'message.created',
        message: { id: outbound.message.id, text: outbound.message.body, createdAt: outbound.message.createdAt.toISOString(), attachments: outbound.message.attachments.map(({ id, fileName, contentType, byteSize }) => ({ id, fileName, contentType, byteSize })) },
        conversation: { id: outbound.conversation.id, number: outbound.conversation.number },
        recipient: { id: outbound.recipients[0] ?? null, contactId: outbound.contact.id, name: outbound.contact.name },
      });
      const response = await doFetch(outbound.inbox.config.outboundUrl!, {
        method: 'POST',
        body,
        redirect: 'manual',
        headers: { 'content-type': 'application/json', 'user-agent': 'Touchpoint-Channels/1', 'x-touchpoint-signature': signWebhookBody(outbound.inbox.secrets.signingSecret ?? '', body, now()) },
      });
      const text = await response.text();
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw new PermanentDeliveryError(`the endpoint refused the reply: HTTP ${response.status} ${text.slice(0, 200)}`);
      if (!response.ok) throw new Error(`the endpoint answered HTTP ${response.status}`);
      const answer = (() => { try { return JSON.parse(text) as { id?: unknown }; } catch { return {}; } })();
      return { externalId: typeof answer.id === 'string' && answer.id ? answer.id : null };
    },
  };
}
