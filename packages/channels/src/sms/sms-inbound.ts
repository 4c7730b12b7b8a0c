import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Database, schema } from '@touchpoint/db';
import { type FileStore, uploadAttachment } from '@touchpoint/conversations';
import type { ChannelInbox } from '../channel-adapter.ts';
import type { DeliveryStatus } from '../delivery.ts';
import { type InboundMessage, channelScope, externalIdOf, receiveChannelMessage } from '../inbound.ts';
import { type TwilioForm, formFields } from './twilio-signature.ts';

/**
 * SMS and MMS in Twilio's format. Twilio posts each message a customer sends to the inbox's number as a signed form
 * (`POST <webhook URL>`), and each status of a reply Touchpoint sent to `<webhook URL>/status`.
 */
export const SMS_CHANNEL = 'sms';
export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** The answer to a message webhook: TwiML that asks Twilio to do nothing (no auto-reply); agents answer later. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** Twilio allows at most ten media files on one MMS, both ways. */
export const MAX_MMS_MEDIA = 10;

const E164 = /^\+[1-9]\d{1,14}$/;
const TwilioSid = (prefix: string) => z.string().trim().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${prefix}… id`);

const SmsMessageSchema = z.looseObject({
  MessageSid: TwilioSid('(SM|MM)'),
  AccountSid: TwilioSid('AC').optional(),
  From: z.string().trim().min(1).max(64).describe("the customer's number, E.164"),
  To: z.string().trim().max(64).optional(),
  Body: z.string().max(20_000).default(''),
  NumMedia: z.coerce.number().int().min(0).max(MAX_MMS_MEDIA).default(0),
  NumSegments: z.coerce.number().int().min(0).optional(),
  ProfileName: z.string().trim().max(200).optional(),
  MessagingServiceSid: TwilioSid('MG').optional(),
}).superRefine((fields, context) => {
  const raw: Record<string, unknown> = fields;
  for (let index = 0; index < fields.NumMedia; index++) {
    const url = raw[`MediaUrl${index}`];
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url) || !URL.canParse(url)) context.addIssue({ code: 'custom', path: [`MediaUrl${index}`], message: `is required for each of the ${fields.NumMedia} media files, as an http(s) URL` });
  }
});

/** One file a customer sent by MMS, still at Twilio. */
export interface SmsMedia {
  url: string;
  contentType: string | null;
}

export interface SmsInbound {
  message: InboundMessage;
  media: SmsMedia[];
}

/** A message webhook's form as a channel message (without its files, which are fetched next). Throws a ZodError on bad input. */
export function parseSmsMessage(form: TwilioForm): SmsInbound {
  const fields = formFields(form);
  const input = SmsMessageSchema.parse(fields);
  const media = Array.from({ length: input.NumMedia }, (_, index) => ({
    url: fields[`MediaUrl${index}`]!,
    contentType: fields[`MediaContentType${index}`]?.trim() || null,
  }));
  return {
    message: {
      externalId: input.MessageSid,
      sender: { externalId: input.From, name: input.ProfileName || null, phone: E164.test(input.From) ? input.From : null },
      body: input.Body,
      threading: 'contact',
      channelData: {
        from: input.From,
        ...(input.To ? { to: input.To } : {}),
        ...(input.NumSegments !== undefined ? { segments: input.NumSegments } : {}),
        ...(input.NumMedia ? { media: input.NumMedia } : {}),
        ...(input.MessagingServiceSid ? { messagingServiceSid: input.MessagingServiceSid } : {}),
      },
    },
    media,
  };
}

const SmsStatusSchema = z.object({
  MessageSid: TwilioSid('(SM|MM)'),
  MessageStatus: z.string().trim().min(1).max(40),
  ErrorCode: z.string().trim().max(10).optional(),
  ErrorMessage: z.string().trim().max(500).optional(),
});

/**
 * Twilio's message statuses as delivery statuses. The ones before `sent` (queued, accepting, sending, scheduled)
 * change nothing: the reply is already `sent` once Twilio's API took it. Anything unknown is ignored too, so a status
 * Twilio adds later is not an error.
 */
const STATUS_OF: Record<string, Exclude<DeliveryStatus, 'pending'>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

/**
 * What the codes a failed SMS most often carries mean, in words an agent can act on. Others are named by number with
 * a link to Twilio's error page.
 */
const TWILIO_ERRORS: Record<string, string> = {
  '21211': "the 'To' number is not a valid phone number",
  '21408': 'sending to this region is not enabled on the Twilio account',
  '21610': 'the customer has unsubscribed from this number (replied STOP)',
  '21612': 'this number cannot be reached by SMS from the sending number',
  '21614': 'the number is not a mobile number',
  '30001': 'queue overflow: too many messages were queued at once',
  '30002': 'the Twilio account is suspended',
  '30003': 'the phone is switched off or out of coverage (unreachable destination handset)',
  '30004': 'the message was blocked (the customer may have blocked the number)',
  '30005': 'the number does not exist (unknown destination handset)',
  '30006': 'a landline, or a carrier that cannot receive SMS',
  '30007': 'the carrier filtered the message as spam',
  '30008': 'unknown error at the carrier',
  '30034': 'the sending number is not registered for US A2P 10DLC messaging',
};

/** A reason an agent can read for a failed message: Twilio's status, error code and what it means. */
export function twilioFailureReason(twilioStatus: string, errorCode: string | undefined, errorMessage: string | undefined) {
  const code = errorCode?.trim();
  const meaning = errorMessage?.trim() || (code ? TWILIO_ERRORS[code] : undefined);
  const what = twilioStatus === 'canceled' ? 'Twilio canceled the message' : `Twilio reported the message ${twilioStatus}`;
  if (!code) return `${what}${meaning ? `: ${meaning}` : ''}`;
  return `${what}: error ${code}${meaning ? `, ${meaning}` : ` (https://www.twilio.com/docs/errors/${encodeURIComponent(code)})`}`;
}

export interface SmsStatus {
  messageSid: string;
  /** Twilio's word for it (queued, sent, delivered, undelivered, failed…). */
  twilioStatus: string;
  /** The delivery status it moves the reply to; null when it moves nothing. */
  status: Exclude<DeliveryStatus, 'pending'> | null;
  error: string | null;
}

/** A status callback's form. Throws a ZodError on bad input. */
export function parseSmsStatus(form: TwilioForm): SmsStatus {
  const input = SmsStatusSchema.parse(formFields(form));
  const twilioStatus = input.MessageStatus.toLowerCase();
  const status = STATUS_OF[twilioStatus] ?? null;
  return {
    messageSid: input.MessageSid,
    twilioStatus,
    status,
    error: status === 'failed' ? twilioFailureReason(twilioStatus, input.ErrorCode, input.ErrorMessage) : null,
  };
}

/** `Basic base64(accountSid:authToken)`: how Twilio's API and its media URLs authenticate. */
export const twilioBasicAuth = (inbox: Pick<ChannelInbox, 'config' | 'secrets'>) => `Basic ${Buffer.from(`${inbox.config.accountSid ?? ''}:${inbox.secrets.authToken ?? ''}`).toString('base64')}`;

export const twilioApiBaseUrl = (inbox: Pick<ChannelInbox, 'config'>) => inbox.config.apiBaseUrl || TWILIO_API_BASE_URL;

export interface SmsMediaOptions {
  fetch?: typeof fetch;
  /** The largest file kept (the server's attachment limit). */
  maxBytes: number;
  /** Per file; Twilio gives up on a webhook after 15 s, so files are fetched side by side within that. */
  timeoutMs?: number;
}

/**
 * Stores a message a customer sent by SMS or MMS. Its files are downloaded from Twilio first (with the account's
 * credentials) and stored as attachments; a file that cannot be fetched does not lose the message: it is kept with a
 * line saying what is missing and why (and `channelData.mediaErrors`). A MessageSid already stored answers the
 * stored message without fetching anything again.
 */
export async function receiveSmsMessage(db: Database, files: FileStore, inbox: ChannelInbox, inbound: SmsInbound, options: SmsMediaOptions) {
  const [stored] = await db
    .select()
    .from(schema.messages)
    .where(and(eq(schema.messages.accountId, inbox.accountId), eq(schema.messages.externalId, externalIdOf(SMS_CHANNEL, inbound.message.externalId))));
  if (stored) return { message: stored, duplicate: true };

  const results = await Promise.all(inbound.media.map((media, index) => storeMedia(db, files, inbox, media, index, options)));
  const attachmentIds = results.flatMap((result) => ('attachmentId' in result ? [result.attachmentId] : []));
  const mediaErrors = results.flatMap((result, index) => ('error' in result ? [{ index, url: inbound.media[index]!.url, contentType: inbound.media[index]!.contentType, error: result.error }] : []));
  const { message } = inbound;
  const note = mediaErrors.length === 0 ? '' : `[${mediaErrors.length} of ${inbound.media.length} files sent with this message could not be downloaded from Twilio: ${[...new Set(mediaErrors.map((e) => e.error))].join('; ')}]`;
  return receiveChannelMessage(db, inbox, {
    ...message,
    body: [message.body, note].filter(Boolean).join('\n\n'),
    attachmentIds,
    channelData: { ...message.channelData, ...(mediaErrors.length ? { mediaErrors } : {}) },
  });
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/heic': 'heic', 'image/bmp': 'bmp',
  'video/mp4': 'mp4', 'video/3gpp': '3gp', 'video/quicktime': 'mov', 'audio/mpeg': 'mp3', 'audio/amr': 'amr', 'audio/ogg': 'ogg', 'audio/mp4': 'm4a',
  'text/vcard': 'vcf', 'text/x-vcard': 'vcf', 'text/plain': 'txt', 'application/pdf': 'pdf',
};

/** Twilio names no file: call it by its media id (`ME…`), with the extension its type usually has. */
function fileNameOf(url: URL, contentType: string, index: number) {
  const last = url.pathname.split('/').pop() ?? '';
  const base = /^ME[0-9a-f]{32}$/i.test(last) ? last : `mms-${index + 1}`;
  const extension = EXTENSIONS[contentType.split(';')[0]!.trim().toLowerCase()];
  return extension ? `${base}.${extension}` : base;
}

/**
 * Fetches one file and stores it. Twilio's media URLs ask for the account's credentials and then redirect to a
 * storage host: redirects are followed by hand so the credentials only ever go to the Twilio API's own origin.
 */
async function storeMedia(db: Database, files: FileStore, inbox: ChannelInbox, media: SmsMedia, index: number, options: SmsMediaOptions): Promise<{ attachmentId: string } | { error: string }> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const apiOrigin = new URL(twilioApiBaseUrl(inbox)).origin;
  try {
    let url = new URL(media.url);
    let response: Response | null = null;
    for (let hop = 0; hop <= 3; hop++) {
      response = await doFetch(url, { redirect: 'manual', signal, headers: url.origin === apiOrigin ? { authorization: twilioBasicAuth(inbox) } : {} });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) break;
      await response.body?.cancel();
      url = new URL(location, url);
      response = null;
    }
    if (!response) throw new Error('too many redirects');
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > options.maxBytes) {
      await response.body.cancel();
      throw new Error(`a file of ${declared} bytes is over the ${options.maxBytes}-byte limit`);
    }
    const contentType = media.contentType ?? response.headers.get('content-type') ?? 'application/octet-stream';
    const attachment = await uploadAttachment(db, files, channelScope(inbox), { fileName: fileNameOf(new URL(media.url), contentType, index), contentType, content: chunksOf(response.body) }, options.maxBytes);
    return { attachmentId: attachment.id };
  } catch (error) {
    const text = error instanceof Error ? (error.name === 'TimeoutError' ? 'no answer in time' : error.message) : String(error);
    return { error: text.slice(0, 200) };
  }
}

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield Buffer.from(value);
    }
  } finally {
    reader.releaseLock();
  }
}
