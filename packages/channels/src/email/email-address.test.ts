import { describe, expect, it } from 'vitest';
import { conversationOfRecipients, conversationOfReplyToken, isAddressOfInbox, replyAddressFor, replyTokenFor } from './email-address.ts';

const KEY = '0123456789abcdef0123456789abcdef';
const INBOX = '11111111-1111-4111-8111-111111111111';
const CONVERSATION = '6f1c1d1e-2b3c-4d5e-8f60-718293a4b5c6';

describe('reply addresses', () => {
  it('makes support+<token>@domain, whose token names the conversation and fits a local part', () => {
    const address = replyAddressFor('Support@Shop.example', KEY, INBOX, CONVERSATION);
    expect(address).toMatch(/^support\+[a-z2-7]{39}@shop\.example$/);
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(conversationOfRecipients('support@shop.example', KEY, INBOX, ['someone@else.example', address])).toBe(CONVERSATION);
  });

  it('reads a token whose case a mail server changed', () => {
    expect(conversationOfReplyToken(KEY, INBOX, replyTokenFor(KEY, INBOX, CONVERSATION).toUpperCase())).toBe(CONVERSATION);
  });

  it('refuses a forged or altered token, another inbox’s token, and a plain +tag', () => {
    const token = replyTokenFor(KEY, INBOX, CONVERSATION);
    const altered = `${token.slice(0, 5)}${token[5] === 'a' ? 'b' : 'a'}${token.slice(6)}`;
    expect(conversationOfReplyToken(KEY, INBOX, altered)).toBeNull();
    expect(conversationOfReplyToken('another-key-another-key-another-k', INBOX, token)).toBeNull();
    expect(conversationOfReplyToken(KEY, '22222222-2222-4222-8222-222222222222', token)).toBeNull();
    expect(conversationOfRecipients('support@shop.example', KEY, INBOX, ['support+sales@shop.example'])).toBeNull();
    expect(conversationOfRecipients('support@shop.example', KEY, INBOX, [`help+${token}@shop.example`])).toBeNull();
  });

  it('knows an inbox’s address in any case and with any +tag, and nothing else', () => {
    expect(isAddressOfInbox('support@shop.example', 'SUPPORT+x@shop.EXAMPLE')).toBe(true);
    expect(isAddressOfInbox('support@shop.example', '<support@shop.example>')).toBe(true);
    expect(isAddressOfInbox('support@shop.example', 'support@other.example')).toBe(false);
    expect(isAddressOfInbox('support@shop.example', 'not an address')).toBe(false);
  });
});
