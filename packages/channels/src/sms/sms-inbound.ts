import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Database, schema } from '@touchpoint/db';
import type { FileStore } from '@touchpoint/conversations';
import type { ChannelInbox } from '../channel-adapter.ts';
import { type InboundMessage, externalIdOf, receiveChannelMessage } from '../inbound.ts';
import { type SmsMedia, type SmsMediaOptions, storeSmsMedia } from './sms-media.ts';
import { MAX_MMS_MEDIA, SMS_CHANNEL, TwilioSid } from './twilio-api.ts';
import { type TwilioForm, formFields } from './twilio-signature.ts';

/** The answer to a message webhook: TwiML that asks Twilio to do nothing (no auto-reply); agents answer later. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

const E164 = /^\+[1-9]\d{1,14}$/;

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

/**
 * Stores a message a customer sent by SMS or MMS. Its files are downloaded from Twilio first (with the account's
 * credentials) and stored as attachments; a file that cannot be fetched does not lose the message: it is kept with a
 * line saying what is missing and why (and `channelData.mediaErrors`). A MessageSid already stored answers the
 * stored message without fetching anything again; should the same one arrive twice at the same moment, both fetch,
 * one message is stored, and the other's files are swept with unsent uploads.
 */
export async function receiveSmsMessage(db: Database, files: FileStore, inbox: ChannelInbox, inbound: SmsInbound, options: SmsMediaOptions) {
  const [stored] = await db
    .select()
    .from(schema.messages)
    .where(and(eq(schema.messages.accountId, inbox.accountId), eq(schema.messages.externalId, externalIdOf(SMS_CHANNEL, inbound.message.externalId))));
  if (stored) return { message: stored, duplicate: true };

  const results = await Promise.all(inbound.media.map((media, index) => storeSmsMedia(db, files, inbox, media, index, options)));
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
