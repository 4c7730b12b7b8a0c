import { describe, expect, it } from 'vitest';
import type { AttachmentView } from '@touchpoint/conversations';
import { type OutboundMessage, PermanentDeliveryError } from '../channel-adapter.ts';
import { createInstagramAdapter, createMessengerAdapter } from './meta-adapter.ts';

const NOW = new Date('2025-03-10T12:00:00Z');
const file = (contentType: string, fileName = 'file'): AttachmentView => ({ id: '00000000-0000-4000-8000-000000000001', fileName, contentType, byteSize: 10, url: '/x' }) as AttachmentView;

function outbound(channel: 'messenger' | 'instagram', options: { attachments?: AttachmentView[]; comment?: boolean; channelData?: Record<string, unknown> } = {}): OutboundMessage {
  const at = new Date(NOW.getTime() - 3_600_000);
  return {
    inbox: { id: 'inbox-1', accountId: 'account-1', name: 'Page', channel, config: { pageId: 'page-1', apiBaseUrl: 'http://127.0.0.1:9' }, secrets: { pageAccessToken: 'token', appSecret: 'secret', verifyToken: 'verify' }, channelKey: 'k'.repeat(32), mediaKey: 'm'.repeat(64) },
    message: { id: 'message-1', body: 'Here you go', attachments: options.attachments ?? [], channelData: options.channelData ?? {}, createdAt: NOW },
    conversation: { id: 'conversation-1', number: 1, subject: 'Hi', channelData: {} },
    contact: { id: 'contact-1', name: 'Aiko', email: null, phone: null },
    recipients: ['psid-1'],
    history: [options.comment
      ? { direction: 'inbound', externalId: `${channel}:comment:c-1`, createdAt: at, channelData: { comment: { commentId: 'c-1', threadId: 'c-1', postId: 'p-1' } } }
      : { direction: 'inbound', externalId: `${channel}:m_1`, createdAt: at, channelData: { senderId: 'psid-1' } }],
    readAttachment: () => Promise.resolve(Buffer.alloc(0)),
  };
}

/** No refusal below may reach Meta: any request fails the test. */
const noRequests = (() => Promise.reject(new Error('a request was made'))) as typeof fetch;

describe('what the Messenger and Instagram senders refuse before calling Meta', () => {
  it('refuses files when Touchpoint has no public address for Meta to fetch them from', async () => {
    const send = createMessengerAdapter({ fetch: noRequests, now: () => NOW }).send(outbound('messenger', { attachments: [file('image/png')] }));
    await expect(send).rejects.toThrow(PermanentDeliveryError);
    await expect(send).rejects.toThrow('PUBLIC_URL is not set');
  });

  it('refuses files Instagram does not take, and files on comment replies that carry text only', async () => {
    const options = { fetch: noRequests, now: () => NOW, publicUrl: 'https://touchpoint.example' };
    await expect(createInstagramAdapter(options).send(outbound('instagram', { attachments: [file('application/pdf', 'invoice.pdf')] }))).rejects.toThrow('invoice.pdf is application/pdf');
    await expect(createInstagramAdapter(options).send(outbound('instagram', { comment: true, attachments: [file('image/png')] }))).rejects.toThrow('text only');
    await expect(createMessengerAdapter(options).send(outbound('messenger', { comment: true, channelData: { replyMode: 'private' }, attachments: [file('image/png')] }))).rejects.toThrow('private reply to a comment carries text only');
    await expect(createMessengerAdapter(options).send(outbound('messenger', { comment: true, attachments: [file('image/png'), file('image/jpeg')] }))).rejects.toThrow('at most one picture');
  });

  it('refuses to send without a page access token', async () => {
    const message = outbound('messenger');
    message.inbox.secrets = { appSecret: 'secret' };
    await expect(createMessengerAdapter({ fetch: noRequests, now: () => NOW }).send(message)).rejects.toThrow('page access token is not set');
  });
});
