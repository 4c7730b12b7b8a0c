import { z } from 'zod';
import type { ChannelInbox } from '../channel-adapter.ts';

/**
 * SMS and MMS in Twilio's format. Twilio posts each message a customer sends to the inbox's number as a signed form
 * (`POST <webhook URL>`), and each status of a reply Touchpoint sent to `<webhook URL>/status`; replies go out
 * through its Messages API.
 */
export const SMS_CHANNEL = 'sms';
export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** Twilio allows at most ten media files on one MMS, both ways. */
export const MAX_MMS_MEDIA = 10;

/** Twilio's ids: two letters naming the kind (SM, MM, ME, AC, MG) and 32 hex digits. */
export const TwilioSid = (prefix: string) => z.string().trim().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${prefix}… id`);

/** `Basic base64(accountSid:authToken)`: how Twilio's API and its media URLs authenticate. */
export const twilioBasicAuth = (inbox: Pick<ChannelInbox, 'config' | 'secrets'>) => `Basic ${Buffer.from(`${inbox.config.accountSid ?? ''}:${inbox.secrets.authToken ?? ''}`).toString('base64')}`;

export const twilioApiBaseUrl = (inbox: Pick<ChannelInbox, 'config'>) => inbox.config.apiBaseUrl || TWILIO_API_BASE_URL;
