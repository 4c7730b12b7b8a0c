import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../channel-adapter.ts';
import { conversationOfRecipients } from './email-address.ts';
import { composeReply, createEmailAdapter } from './email-adapter.ts';

const inbox = { id: '11111111-1111-4111-8111-111111111111', accountId: 'a', name: 'Shop', channel: 'email', config: { address: 'support@shop.example' }, secrets: {}, channelKey: 'k'.repeat(32), mediaKey: 'm'.repeat(64) };
const conversationId = '6f1c1d1e-2b3c-4d5e-8f60-718293a4b5c6';

function outbound(history: OutboundMessage['history'], extra: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    inbox,
    message: { id: '22222222-2222-4222-8222-222222222222', body: 'Hello', attachments: [], channelData: {}, createdAt: new Date() },
    conversation: { id: conversationId, number: 7, subject: 'Order question', channelData: {} },
    contact: { id: 'c', name: 'Ann', email: 'ann@customer.example', phone: null },
    recipients: ['ann@customer.example'],
    history,
    readAttachment: async () => Buffer.alloc(0),
    ...extra,
  };
}

const inbound = (id: string, channelData: Record<string, unknown>) => ({ direction: 'inbound' as const, externalId: `email:${id}`, createdAt: new Date(), channelData });

describe('composing a reply', () => {
  it('answers everyone the customer wrote to except our own addresses, under their subject and thread', () => {
    const reply = composeReply(outbound([
      inbound('m1@customer.example', { subject: 'Order question', to: [{ address: 'support@shop.example' }], cc: [] }),
      { direction: 'outbound', externalId: 'email:touchpoint.x@shop.example', createdAt: new Date(), channelData: {} },
      inbound('m2@customer.example', { subject: 'RE: Order question', to: [{ address: 'support+abc@shop.example' }, { address: 'bob@customer.example' }], cc: [{ address: 'ann@customer.example' }, { address: 'SUPPORT@shop.example' }, { address: 'carol@customer.example' }], references: ['m1@customer.example', 'touchpoint.x@shop.example'] }),
    ]));
    expect(reply).toMatchObject({
      from: { name: 'Shop', address: 'support@shop.example' },
      to: 'ann@customer.example',
      cc: ['bob@customer.example', 'carol@customer.example'],
      subject: 'RE: Order question',
      messageId: 'touchpoint.22222222-2222-4222-8222-222222222222@shop.example',
      inReplyTo: 'm2@customer.example',
      references: ['m1@customer.example', 'touchpoint.x@shop.example', 'm2@customer.example'],
    });
    expect(conversationOfRecipients('support@shop.example', inbox.channelKey, inbox.id, [reply.replyTo])).toBe(conversationId);
  });

  it('writes to the customer’s Reply-To, does not reply-all when we were only Bcc’d, and adds the reply’s own cc and bcc', () => {
    const reply = composeReply(outbound([inbound('m1@customer.example', { subject: 'Hi', to: [{ address: 'team@customer.example' }], cc: [{ address: 'boss@customer.example' }], replyTo: [{ address: 'orders@customer.example' }], receivedAs: 'bcc' })], {
      message: { id: '33333333-3333-4333-8333-333333333333', body: 'x', attachments: [], channelData: { cc: ['legal@shop.example'], bcc: ['archive@shop.example', 'support@shop.example'] }, createdAt: new Date() },
    }));
    expect(reply).toMatchObject({ to: 'orders@customer.example', cc: ['legal@shop.example'], bcc: ['archive@shop.example'], subject: 'Re: Hi' });
  });

  it('keeps long References to the first message and the latest ones, and starts a thread when there is none', () => {
    const references = Array.from({ length: 40 }, (_, i) => `r${i}@x`);
    const long = composeReply(outbound([inbound('last@x', { subject: 's', references })]));
    expect(long.references).toHaveLength(20);
    expect(long.references[0]).toBe('r0@x');
    expect(long.references.at(-1)).toBe('last@x');
    const fresh = composeReply(outbound([]));
    expect(fresh).toMatchObject({ subject: 'Re: Order question', inReplyTo: null, references: [], to: 'ann@customer.example' });
  });

  it('fails at once, with the reason, without an address to send to or a relay to send through', async () => {
    expect(() => composeReply(outbound([], { contact: { id: 'c', name: 'Ann', email: null, phone: null }, recipients: [] }))).toThrow('the contact has no email address to reply to');
    await expect(createEmailAdapter().send(outbound([]))).rejects.toMatchObject({ name: 'PermanentDeliveryError', message: expect.stringContaining('no SMTP relay') });
  });
});
