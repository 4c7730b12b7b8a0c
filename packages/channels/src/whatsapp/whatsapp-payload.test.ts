import { describe, expect, it } from 'vitest';
import { whatsAppFixture } from './fixtures/whatsapp-fixtures.ts';
import { parseWhatsAppWebhook } from './whatsapp-payload.ts';

const only = (file: string, variant: string) => {
  const parsed = parseWhatsAppWebhook(whatsAppFixture(file, variant));
  expect(parsed.messages).toHaveLength(1);
  return parsed.messages[0]!;
};

describe('parsing WhatsApp messages', () => {
  it('reads a text message with the sender’s number, profile name, time and business number', () => {
    const event = only('message', 'text');
    expect(event.phoneNumberId).toBe('1122334455667');
    expect(event.message).toMatchObject({
      externalId: 'wamid.xyzxyz',
      sender: { externalId: '972987654321', name: 'Test Name', phone: '+972987654321' },
      body: 'Body Text',
      threading: 'contact',
      channelData: { type: 'text' },
    });
    expect(event.message.at?.toISOString()).toBe(new Date(1697043223 * 1000).toISOString());
    expect(event.media).toBeNull();
  });

  it('reads images, videos, documents, audio, voice notes and stickers as media to download, with their captions', () => {
    expect(only('message', 'image')).toMatchObject({ message: { body: '' }, media: { id: '65463453', kind: 'image', mimeType: 'image/jpeg', fileName: 'image-xyzxyz.jpg' } });
    expect(only('message', 'video')).toMatchObject({ message: { body: 'caption', channelData: { type: 'video', forwarded: true } }, media: { id: '765756756', kind: 'video', mimeType: 'video/mp4' } });
    expect(only('message', 'document')).toMatchObject({ message: { body: 'caption' }, media: { kind: 'document', mimeType: 'application/pdf', fileName: 'filename.pdf' } });
    expect(only('message', 'audio')).toMatchObject({ media: { kind: 'audio', mimeType: 'audio/ogg', fileName: 'audio-xyzxyz.ogg' }, message: { channelData: { media: { voice: false } } } });
    expect(only('message', 'voice')).toMatchObject({ media: { kind: 'audio', fileName: 'voice-xyzxyz.ogg' }, message: { channelData: { media: { voice: true } } } });
    expect(only('message', 'animated_sticker')).toMatchObject({ media: { kind: 'sticker', mimeType: 'image/webp' }, message: { channelData: { media: { animated: true } } } });
  });

  it('writes a location as a readable place with a map link, and keeps the coordinates', () => {
    const chosen = only('message', 'chosen_location');
    expect(chosen.message.body).toContain('Facebook HQ, 1 Hacker Way, Menlo Park, CA 94025 (37.4611978, -122.2164385)');
    expect(chosen.message.body).toContain('https://www.openstreetmap.org/?mlat=37.4611978&mlon=-122.2164385');
    expect(chosen.message.channelData).toMatchObject({ type: 'location', location: { latitude: 37.4611978, longitude: -122.2164385, name: 'Facebook HQ' } });
    expect(only('message', 'current_location').message.body).toMatch(/^📍 \(12\.25089, 43\.90539\)/);
  });

  it('lists shared contacts by name and phone', () => {
    const event = only('message', 'contacts');
    expect(event.message.body.split('\n')).toEqual(['👤 Chandler Bing · +1 555-555-5555', '👤 Monica · +1 666-666-6666', '👤 Rachel Green · +1 777-777-7777']);
    expect(event.message.channelData).toMatchObject({ contacts: [{ name: 'Chandler Bing', phones: [{ phone: '+1 555-555-5555', type: 'CELL' }] }, {}, {}] });
  });

  it('reads button and list replies by their titles and keeps the ids the business chose', () => {
    expect(only('callback_button', 'button').message).toMatchObject({ body: 'title', channelData: { type: 'interactive', replyTo: 'wamid.xyzxyz', reply: { type: 'button_reply', id: 'callback_data', title: 'title' } } });
    expect(only('callback_button', 'quick_reply').message).toMatchObject({ body: 'title', channelData: { type: 'button', reply: { type: 'button', payload: 'callback_data' } } });
    expect(only('callback_selection', 'description').message).toMatchObject({ body: 'title\ndescription', channelData: { reply: { type: 'list_reply', id: 'callback_data', description: 'description' } } });
  });

  it('writes a completed flow form as its answers, without the flow token', () => {
    const event = only('flow_completion', 'completion');
    expect(event.message.body).toContain('comment_text: Comment Text');
    expect(event.message.body).not.toContain('flow_token');
    expect(event.message.channelData).toMatchObject({ flow: { name: 'flow', response: { delivery_rating: '4' } } });
  });

  it('reads a reaction and a reaction taken back as reactions to the message they name', () => {
    expect(only('message', 'reaction')).toMatchObject({ reaction: { messageId: 'wamid.yzxyzx=', emoji: '😮' }, message: { body: 'Reacted 😮', channelData: { type: 'reaction' } } });
    expect(only('message', 'unreaction_empty')).toMatchObject({ reaction: { messageId: 'wamid.yzxyzx=', emoji: null }, message: { body: 'Removed a reaction' } });
    expect(only('message', 'unreaction_no_emoji').reaction).toEqual({ messageId: 'wamid.yzxyzx=', emoji: null });
  });

  it('writes an order as its items, and unsupported messages with WhatsApp’s reason', () => {
    expect(only('message', 'order').message.body.split('\n')).toEqual(['🛒 Order', '3 × HAMBURGER (30 ILS)', '2 × FRENCH_FRIES (35 ILS)', '2 × SODA (10 ILS)']);
    expect(only('message', 'unsupported').message.body).toBe('(A WhatsApp message Touchpoint cannot show: unsupported. (#131051) Message type unknown: Message type is currently not supported.)');
    expect(only('message', 'unsupported_with_type').message.channelData).toMatchObject({ unsupported: { type: 'pool' } });
    expect(only('message', 'interactive_message_with_err').message.body).toContain('cannot show: interactive reply');
  });

  it('keeps quoted replies, forwards and ad referrals in channelData', () => {
    expect(only('message', 'reply').message.channelData).toMatchObject({ replyTo: 'wamid.xyzxyz==' });
    expect(only('message', 'forwarded_many_times').message.channelData).toMatchObject({ frequentlyForwarded: true });
    expect(only('message', 'referral').message.channelData).toMatchObject({ referral: { source_id: 'ADID' } });
  });

  it('reads edits, deletions and system notices as messages saying what happened', () => {
    expect(only('edited_message', 'image').message).toMatchObject({ body: '✏️ Edited a message: Updated image caption', channelData: { edit: { originalMessageId: expect.stringMatching(/^wamid\./) } } });
    expect(only('deleted_message', 'revoke').message.body).toBe('🗑️ Deleted a message');
    expect(only('system', 'phone_number_change').message).toMatchObject({ body: 'User A changed from 972987654321 to 972912345678', channelData: { type: 'system' } });
  });
});

describe('parsing WhatsApp statuses and other changes', () => {
  it('reads sent, delivered, read and failed statuses, with the failure reason', () => {
    const statuses = ['sent', 'delivered', 'read', 'failed'].map((variant) => parseWhatsAppWebhook(whatsAppFixture('message_status', variant)).statuses[0]);
    expect(statuses.map((status) => status?.status)).toEqual(['sent', 'delivered', 'read', 'failed']);
    expect(statuses[0]).toEqual({ phoneNumberId: '1122334455667', messageId: 'wamid.xyzxyz', status: 'sent', error: null });
    expect(statuses[3]?.error).toBe("(#130472) User's number is part of an experiment: Failed to send message because this user's phone number is part of an experiment");
  });

  it('ignores statuses Touchpoint does not track (played) and changes of other fields', () => {
    expect(parseWhatsAppWebhook(whatsAppFixture('message_status', 'played'))).toMatchObject({ statuses: [], ignored: 1 });
  });

  it('reads template status updates', () => {
    expect(parseWhatsAppWebhook(whatsAppFixture('template_status_update', 'rejected')).templateStatuses).toEqual([{ name: 'abandoned_cart', language: 'en', status: 'REJECTED', reason: 'INVALID_FORMAT' }]);
  });

  it('refuses a body that is not a WhatsApp webhook, naming the field', () => {
    expect(() => parseWhatsAppWebhook({ object: 'page', entry: [] })).toThrow(/whatsapp_business_account/);
    const broken = whatsAppFixture('message', 'text') as { entry: { changes: { value: { messages: { id?: string }[] } }[] }[] };
    delete broken.entry[0]!.changes[0]!.value.messages[0]!.id;
    try {
      parseWhatsAppWebhook(broken);
      expect.unreachable();
    } catch (error) {
      expect((error as { issues: { path: unknown[] }[] }).issues[0]!.path).toEqual(['entry', 0, 'changes', 0, 'value', 'messages', 0, 'id']);
    }
  });
});
