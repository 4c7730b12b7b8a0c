import { describe, expect, it } from 'vitest';
import { PermanentDeliveryError } from '../channel-adapter.ts';
import { splitMetaText } from './meta-adapter.ts';
import { planMetaReply } from './meta-reply-plan.ts';

const NOW = new Date('2025-03-10T12:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3600_000);
type History = Parameters<typeof planMetaReply>[1]['history'];
const dm = (at: Date, senderId = 'psid-1'): History[number] => ({ direction: 'inbound', externalId: 'messenger:m_1', createdAt: at, channelData: { senderId } });
const comment = (at: Date, commentId = 'c-1', threadId = commentId): History[number] => ({ direction: 'inbound', externalId: `messenger:comment:${commentId}`, createdAt: at, channelData: { comment: { commentId, threadId, postId: 'p-1' } } });
const plan = (history: History, channelData: Record<string, unknown> = {}, channel: 'messenger' | 'instagram' = 'messenger') =>
  planMetaReply(channel, { message: { id: 'msg-1', body: 'Thanks!', attachments: [], channelData, createdAt: NOW }, history, recipients: ['psid-1'] }, NOW);

describe('choosing how a Messenger or Instagram reply goes out', () => {
  it('answers a direct message normally within 24 hours, with the HUMAN_AGENT tag up to 7 days, and not after', () => {
    expect(plan([dm(hoursAgo(23))])).toEqual({ kind: 'message', recipientId: 'psid-1', messagingType: 'RESPONSE', tag: null });
    expect(plan([dm(hoursAgo(30))])).toEqual({ kind: 'message', recipientId: 'psid-1', messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect(plan([dm(hoursAgo(24 * 6.9))], {}, 'instagram')).toMatchObject({ messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect(() => plan([dm(hoursAgo(24 * 8))])).toThrow(PermanentDeliveryError);
    expect(() => plan([dm(hoursAgo(24 * 8))])).toThrow(/7-day window .* 8 days ago/);
  });

  it('counts the window from the customer’s latest direct message, to the id that wrote it', () => {
    expect(plan([dm(hoursAgo(24 * 10), 'psid-old'), dm(hoursAgo(2), 'psid-new')])).toMatchObject({ recipientId: 'psid-new', messagingType: 'RESPONSE' });
  });

  it('answers a comment in public under its thread unless told to reply privately', () => {
    expect(plan([comment(hoursAgo(1), 'c-2', 'c-1')])).toEqual({ kind: 'public', commentId: 'c-2', threadId: 'c-1' });
    expect(plan([comment(hoursAgo(1))], { replyMode: 'private' })).toEqual({ kind: 'private', commentId: 'c-1' });
    // A direct message after the comment: the reply follows the customer into their messages, unless a mode is chosen.
    expect(plan([comment(hoursAgo(3)), dm(hoursAgo(1))])).toMatchObject({ kind: 'message' });
    expect(plan([comment(hoursAgo(3)), dm(hoursAgo(1))], { replyMode: 'public' })).toMatchObject({ kind: 'public', commentId: 'c-1' });
  });

  it('refuses a private reply after 7 days, a second private reply to one comment, and an unknown mode', () => {
    expect(() => plan([comment(hoursAgo(24 * 8))], { replyMode: 'private' })).toThrow(/within 7 days/);
    const answered: History = [comment(hoursAgo(2)), { direction: 'outbound', externalId: 'messenger:m_9', createdAt: hoursAgo(1), channelData: { replyMode: 'private', privateReply: { commentId: 'c-1', recipientId: 'psid-9' } } }];
    expect(() => plan(answered, { replyMode: 'private' })).toThrow(/one private reply per comment/);
    expect(plan(answered, { replyMode: 'public' })).toMatchObject({ kind: 'public' });
    expect(() => plan([comment(hoursAgo(1))], { replyMode: 'loud' })).toThrow(/replyMode/);
    expect(() => plan([dm(hoursAgo(1))], { replyMode: 'public' })).toThrow(/no comment/);
  });

  it('refuses to write first: Meta only lets a page answer', () => {
    expect(() => plan([])).toThrow(/has not written/);
  });
});

describe('splitting long replies', () => {
  it('keeps short text whole and cuts long text at spaces, within the channel’s limit', () => {
    expect(splitMetaText('  short  ', (text) => text.length <= 10)).toEqual(['short']);
    const parts = splitMetaText('one two three four five six', (text) => text.length <= 10);
    expect(parts).toEqual(['one two', 'three four', 'five six']);
    const cjk = splitMetaText('配送'.repeat(300), (text) => Buffer.byteLength(text) <= 1000);
    expect(cjk.every((part) => Buffer.byteLength(part) <= 1000)).toBe(true);
    expect(cjk.join('')).toBe('配送'.repeat(300));
  });
});
