import { describe, expect, it } from 'vitest';
import { parseSmsMessage } from './sms-inbound.ts';
import { parseSmsStatus } from './sms-status.ts';
import { parseTwilioForm } from './twilio-signature.ts';

const SM = `SM${'0123456789abcdef'.repeat(2)}`;
const status = (fields: Record<string, string>) => parseSmsStatus(parseTwilioForm(new URLSearchParams({ MessageSid: SM, ...fields }).toString()));

describe('Twilio status callbacks', () => {
  it('moves nothing for the statuses before sent, and nothing for a status it does not know', () => {
    for (const twilioStatus of ['accepted', 'scheduled', 'queued', 'sending', 'receiving', 'partially_delivered_someday']) {
      expect(status({ MessageStatus: twilioStatus }).status).toBeNull();
    }
    expect(status({ MessageStatus: 'sent' }).status).toBe('sent');
    expect(status({ MessageStatus: 'delivered' }).status).toBe('delivered');
    expect(status({ MessageStatus: 'read' }).status).toBe('read');
  });

  it('fails undelivered, failed and canceled messages with a reason naming the error code', () => {
    expect(status({ MessageStatus: 'failed', ErrorCode: '30007' })).toMatchObject({ status: 'failed', error: 'Twilio reported the message failed: error 30007, the carrier filtered the message as spam' });
    expect(status({ MessageStatus: 'undelivered', ErrorCode: '30003', ErrorMessage: 'Unreachable destination handset' }).error).toBe('Twilio reported the message undelivered: error 30003, Unreachable destination handset');
    expect(status({ MessageStatus: 'undelivered', ErrorCode: '39999' }).error).toBe('Twilio reported the message undelivered: error 39999 (https://www.twilio.com/docs/errors/39999)');
    expect(status({ MessageStatus: 'canceled' })).toMatchObject({ status: 'failed', error: 'Twilio canceled the message' });
    expect(status({ MessageStatus: 'delivered', ErrorCode: '30003' }).error).toBeNull();
  });

  it('refuses a callback without a message id or a status', () => {
    expect(() => parseSmsStatus(parseTwilioForm('MessageStatus=delivered'))).toThrow();
    expect(() => parseSmsStatus(parseTwilioForm(`MessageSid=${SM}`))).toThrow();
    expect(() => parseSmsStatus(parseTwilioForm('MessageSid=SM1&MessageStatus=sent'))).toThrow();
  });
});

describe('Twilio message webhooks', () => {
  it('names the sender by number, keeping a short code out of the contact’s phone', () => {
    const longCode = parseSmsMessage(parseTwilioForm(`MessageSid=${SM}&From=%2B819012345678&To=%2B15005550006&Body=hi`));
    expect(longCode.message.sender).toEqual({ externalId: '+819012345678', name: null, phone: '+819012345678' });
    const shortCode = parseSmsMessage(parseTwilioForm(`MessageSid=${SM}&From=40404&Body=hi`));
    expect(shortCode.message.sender).toEqual({ externalId: '40404', name: null, phone: null });
  });

  it('lists the media Twilio announced, with their declared types, and refuses more than ten', () => {
    const parsed = parseSmsMessage(parseTwilioForm(`MessageSid=${SM}&From=%2B15551230001&NumMedia=2&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fa&MediaContentType0=image%2Fjpeg&MediaUrl1=https%3A%2F%2Fapi.twilio.com%2Fb`));
    expect(parsed.media).toEqual([{ url: 'https://api.twilio.com/a', contentType: 'image/jpeg' }, { url: 'https://api.twilio.com/b', contentType: null }]);
    expect(parsed.message.body).toBe('');
    expect(() => parseSmsMessage(parseTwilioForm(`MessageSid=${SM}&From=%2B15551230001&NumMedia=11`))).toThrow();
    expect(() => parseSmsMessage(parseTwilioForm(`MessageSid=${SM}&From=%2B15551230001&NumMedia=1&MediaUrl0=file%3A%2F%2F%2Fetc%2Fpasswd`))).toThrow();
  });
});
