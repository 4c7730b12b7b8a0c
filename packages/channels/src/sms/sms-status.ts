import { z } from 'zod';
import type { DeliveryStatus } from '../delivery.ts';
import { TwilioSid } from './twilio-api.ts';
import { type TwilioForm, formFields } from './twilio-signature.ts';

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
