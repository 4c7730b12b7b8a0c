import { describe, expect, it } from 'vitest';
import { PermanentDeliveryError, type OutboundMessage } from '../channel-adapter.ts';
import { createWhatsAppAdapter } from './whatsapp-adapter.ts';

const NOW = new Date('2026-03-02T12:00:00Z');

function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    inbox: { id: 'inbox-1', accountId: 'account-1', name: 'WhatsApp', channel: 'whatsapp', channelKey: 'key', mediaKey: 'media-key', config: { phoneNumberId: '1122334455667' }, secrets: { accessToken: 'token', appSecret: 'secret', verifyToken: 'verify' } },
    message: { id: 'message-1', body: 'Hello', attachments: [], channelData: {}, createdAt: NOW },
    conversation: { id: 'conversation-1', number: 1, subject: 'Hi', channelData: {} },
    contact: { id: 'contact-1', name: 'Aiko', email: null, phone: '+819012345678' },
    recipients: ['819012345678'],
    history: [{ direction: 'inbound', externalId: 'whatsapp:wamid.1', createdAt: new Date('2026-03-02T08:00:00Z'), channelData: { type: 'text' } }],
    readAttachment: async () => Buffer.alloc(0),
    ...overrides,
  };
}

/** No request may leave: these sends must be refused before WhatsApp is called. */
const noNetwork: typeof fetch = async () => {
  throw new Error('WhatsApp was called');
};

describe('the WhatsApp adapter refusing before it calls WhatsApp', () => {
  const adapter = createWhatsAppAdapter({ fetch: noNetwork, now: () => NOW });

  it('refuses a free-form reply when the customer never wrote, or wrote more than 24 hours ago', async () => {
    await expect(adapter.send(outbound({ history: [] }))).rejects.toThrow(new PermanentDeliveryError("outside WhatsApp's 24-hour window: the customer has not written in this conversation; send an approved template"));
    const stale = outbound({ history: [{ direction: 'inbound', externalId: null, createdAt: new Date('2026-03-01T11:59:59Z'), channelData: {} }] });
    await expect(adapter.send(stale)).rejects.toThrow("outside WhatsApp's 24-hour window: the customer last wrote at 2026-03-01T11:59:59.000Z; send an approved template");
  });

  it('refuses at once when the contact has no WhatsApp id or the inbox lacks its token', async () => {
    await expect(adapter.send(outbound({ recipients: [] }))).rejects.toBeInstanceOf(PermanentDeliveryError);
    const noToken = outbound();
    noToken.inbox = { ...noToken.inbox, secrets: {} };
    await expect(adapter.send(noToken)).rejects.toThrow('missing its phone number id or access token');
  });

  it('sends inside the window, and a template outside it', async () => {
    const calls: { url: string; body: unknown }[] = [];
    const recording: typeof fetch = async (url, init) => {
      calls.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return new Response(JSON.stringify({ messages: [{ id: `wamid.${calls.length}` }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const sender = createWhatsAppAdapter({ fetch: recording, now: () => NOW });
    expect(await sender.send(outbound())).toEqual({ externalId: 'wamid.1', channelData: { whatsappMessageIds: ['wamid.1'] } });
    const template = outbound({ history: [], message: { id: 'message-2', body: 'Hi Aiko', attachments: [], createdAt: NOW, channelData: { template: { name: 'hello', language: 'en_US', components: [] } } } });
    expect(await sender.send(template)).toMatchObject({ externalId: 'wamid.2' });
    expect(calls.map((call) => call.url)).toEqual(['https://graph.facebook.com/v21.0/1122334455667/messages', 'https://graph.facebook.com/v21.0/1122334455667/messages']);
    expect(calls[1]!.body).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '819012345678', type: 'template', template: { name: 'hello', language: { code: 'en_US' } } });
  });
});
