import type { ChannelAdapter, OutboundMessage } from '../channel-adapter.ts';
import { PermanentDeliveryError } from '../channel-adapter.ts';
import { channelWebhookUrl } from '../channel-settings.ts';
import { mediaLinkFor } from '../media-links.ts';
import { MAX_MMS_MEDIA, SMS_CHANNEL, TWILIO_API_BASE_URL, twilioApiBaseUrl, twilioBasicAuth } from './twilio-api.ts';

/** Twilio splits a long text into segments itself, up to this many characters; past it the API refuses the message. */
export const MAX_SMS_LENGTH = 1600;

export interface SmsAdapterOptions {
  fetch?: typeof fetch;
  /**
   * Touchpoint's public address (PUBLIC_URL). Twilio fetches a reply's files from links to it and posts statuses to
   * the inbox's `…/status` URL under it. Without it, text still goes out (statuses then only arrive if a status
   * callback is set on the number or messaging service in Twilio), but a reply with files fails at once, saying why:
   * a link built from a guessed address would be one Twilio cannot reach.
   */
  publicUrl?: URL | string | null;
}

/** The URL Twilio posts a reply's statuses to: the inbox's webhook URL plus `/status`. */
export const smsStatusCallbackUrl = (publicUrl: URL | string, inbox: OutboundMessage['inbox']) => `${channelWebhookUrl(publicUrl, inbox)}/status`;

/**
 * Replies by SMS or MMS through Twilio's Messages API (`POST /2010-04-01/Accounts/<sid>/Messages.json`). The customer
 * is answered at the number they last wrote from. Twilio's answer `sid` is the reply's provider id, which status
 * callbacks name. A refusal (4xx, e.g. 21211 an invalid number, 21610 the customer sent STOP) fails the reply at once
 * with Twilio's message; 429 and 5xx are retried.
 */
export function createSmsAdapter(options: SmsAdapterOptions = {}): ChannelAdapter {
  const doFetch = options.fetch ?? fetch;
  const publicUrl = options.publicUrl ?? null;
  return {
    channel: SMS_CHANNEL,
    fields: [
      { key: 'accountSid', kind: 'text', required: true },
      { key: 'fromNumber', kind: 'phone' },
      { key: 'messagingServiceSid', kind: 'text' },
      { key: 'apiBaseUrl', kind: 'url', defaultValue: TWILIO_API_BASE_URL },
      { key: 'authToken', secret: true, required: true },
    ],
    async send(outbound: OutboundMessage) {
      const { inbox, message } = outbound;
      const { accountSid, fromNumber, messagingServiceSid } = inbox.config;
      if (!accountSid) throw new PermanentDeliveryError('the SMS channel has no Twilio account SID in its settings');
      if (!fromNumber && !messagingServiceSid) throw new PermanentDeliveryError('the SMS channel needs a from number or a messaging service SID in its settings');
      const to = recipientOf(outbound);
      if (!to) throw new PermanentDeliveryError('the contact has no phone number to text');
      if (message.body.length > MAX_SMS_LENGTH) throw new PermanentDeliveryError(`the reply is ${message.body.length} characters long; an SMS can be at most ${MAX_SMS_LENGTH} (Twilio sends it in up to ten segments). Shorten it or split it into several replies.`);
      if (message.attachments.length > MAX_MMS_MEDIA) throw new PermanentDeliveryError(`an MMS can carry at most ${MAX_MMS_MEDIA} files; this reply has ${message.attachments.length}`);
      if (message.attachments.length > 0 && !publicUrl) throw new PermanentDeliveryError('files cannot be sent by SMS while PUBLIC_URL is not set: Twilio downloads each file from a public link to Touchpoint');
      if (!message.body.trim() && message.attachments.length === 0) throw new PermanentDeliveryError('the reply has neither text nor files');

      const form = new URLSearchParams({ To: to });
      if (fromNumber) form.set('From', fromNumber);
      if (messagingServiceSid) form.set('MessagingServiceSid', messagingServiceSid);
      if (message.body) form.set('Body', message.body);
      if (publicUrl) form.set('StatusCallback', smsStatusCallbackUrl(publicUrl, inbox));
      for (const attachment of message.attachments) form.append('MediaUrl', mediaLinkFor(publicUrl!, inbox, attachment));

      const response = await doFetch(new URL(`/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`, twilioApiBaseUrl(inbox)), {
        method: 'POST',
        body: form.toString(),
        redirect: 'manual',
        headers: { authorization: twilioBasicAuth(inbox), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': 'Touchpoint-Channels/1' },
      });
      const text = await response.text();
      const answer = parseAnswer(text);
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        throw new PermanentDeliveryError(`Twilio refused the message: ${answer.message ?? `HTTP ${response.status} ${text.slice(0, 200)}`}${answer.code ? ` (error ${answer.code})` : ''}`);
      }
      if (!response.ok) throw new Error(`Twilio answered HTTP ${response.status}${answer.code ? ` (error ${answer.code})` : ''}`);
      return {
        externalId: answer.sid ?? null,
        channelData: { to, ...(answer.from ? { from: answer.from } : {}), ...(answer.num_segments ? { segments: Number(answer.num_segments) } : {}) },
      };
    },
  };
}

/** The number the customer last wrote from in this conversation, else their first number on the channel, else their phone. */
function recipientOf(outbound: OutboundMessage): string | null {
  const lastFrom = outbound.history.findLast((entry) => entry.direction === 'inbound' && typeof entry.channelData.from === 'string')?.channelData.from as string | undefined;
  return lastFrom ?? outbound.recipients[0] ?? outbound.contact.phone ?? null;
}

interface TwilioAnswer {
  sid?: string;
  from?: string;
  num_segments?: string;
  code?: number;
  message?: string;
}

function parseAnswer(text: string): TwilioAnswer {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const pick = (key: string) => (typeof json[key] === 'string' && json[key] ? (json[key] as string) : undefined);
    return { sid: pick('sid'), from: pick('from'), num_segments: pick('num_segments'), message: pick('message')?.slice(0, 300), code: typeof json.code === 'number' ? json.code : undefined };
  } catch {
    return {};
  }
}
