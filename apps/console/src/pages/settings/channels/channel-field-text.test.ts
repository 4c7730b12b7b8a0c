import { describe, expect, it } from 'vitest';
import type { Translate } from '../../../i18n/i18n-context.tsx';
import { MESSAGES } from '../../../i18n/messages.ts';
import { describeChannelField, describeUnsupported, describeWebhookHint, translateFieldError, widgetSnippetOf } from './channel-field-text.ts';

const translate = (locale: 'en' | 'ja' | 'zh'): Translate => (key, values) =>
  MESSAGES[locale][key].replace(/\{(\w+)\}/g, (match, name: string) => (values && name in values ? String(values[name]) : match));

describe('channel settings text', () => {
  const t = translate('en');

  it('names a field of a channel in its own words, then in the words shared by channels, then by its key', () => {
    expect(describeChannelField('whatsapp', 'phoneNumberId', t)).toEqual({ label: 'Phone number ID', help: expect.stringContaining('WhatsApp Manager') });
    expect(describeChannelField('messenger', 'appSecret', t).label).toBe('App secret');
    expect(describeChannelField('line', 'channelToken', t)).toEqual({ label: 'channelToken', help: null });
  });

  it('has a label and help for every field the channels are built with, in every language', () => {
    const known: Record<string, string[]> = {
      api: ['outboundUrl', 'signingSecret'],
      whatsapp: ['phoneNumberId', 'apiBaseUrl', 'apiVersion', 'wabaId', 'accessToken', 'appSecret', 'verifyToken'],
      sms: ['accountSid', 'fromNumber', 'messagingServiceSid', 'apiBaseUrl', 'authToken'],
      messenger: ['pageId', 'apiBaseUrl', 'apiVersion', 'pageAccessToken', 'appSecret', 'verifyToken'],
      instagram: ['pageId', 'apiBaseUrl', 'apiVersion', 'pageAccessToken', 'appSecret', 'verifyToken'],
      email: ['address', 'fromName', 'smtpUrl', 'mailgunSigningKey', 'sendgridVerificationKey'],
    };
    for (const locale of ['en', 'ja', 'zh'] as const) {
      const missing = Object.entries(known).flatMap(([channel, keys]) =>
        keys.filter((key) => {
          const text = describeChannelField(channel, key, translate(locale));
          return text.label === key || !text.help;
        }).map((key) => `${locale} ${channel}.${key}`),
      );
      expect(missing).toEqual([]);
    }
  });

  it('says why a channel has nothing to connect, and where the webhook URL goes', () => {
    expect(describeUnsupported('in_store', 'In store', t)).toMatch(/staff/);
    expect(describeUnsupported('line', 'LINE', t)).toBe('This server cannot connect LINE to a provider yet.');
    expect(describeWebhookHint('sms', t)).toMatch(/Twilio/);
    expect(describeWebhookHint('line', t)).toBe(MESSAGES.en['channelSettings.webhookHint']);
  });

  it('translates the server’s known field messages and passes others through', () => {
    expect(translateFieldError('must be a URL', translate('ja'))).toBe(MESSAGES.ja['channelSettings.errorUrl']);
    expect(translateFieldError('is not a setting of the api channel', t)).toBe('is not a setting of the api channel');
    expect(translateFieldError(null, t)).toBeNull();
  });
});

describe('widgetSnippetOf', () => {
  it('builds the script tag from the inbox\'s webhook URL: the server\'s origin and the inbox key', () => {
    expect(widgetSnippetOf('https://support.shop.example/channels/web_chat/0f3c9a0f3c9a0f3c9a0f3c9a0f3c9a00')).toBe(
      '<script src="https://support.shop.example/widget/loader.js" data-channel-key="0f3c9a0f3c9a0f3c9a0f3c9a0f3c9a00" async></script>',
    );
  });
});
