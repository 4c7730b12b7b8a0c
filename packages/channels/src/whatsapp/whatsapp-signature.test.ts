import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerWhatsAppHandshake, signWhatsAppBody, verifyWhatsAppSignature } from './whatsapp-signature.ts';

const SECRET = 'test-app-secret';
const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');

describe('WhatsApp webhook signatures', () => {
  it('accepts the HMAC-SHA256 of the exact body bytes with the app secret, as Meta sends it', () => {
    const header = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    expect(signWhatsAppBody(SECRET, body)).toBe(header);
    expect(verifyWhatsAppSignature(SECRET, body, header)).toBe(true);
    expect(verifyWhatsAppSignature(SECRET, body, header.toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
  });

  it('refuses another secret, a changed body, a missing header and an unset secret', () => {
    const header = signWhatsAppBody(SECRET, body);
    expect(verifyWhatsAppSignature('other-secret', body, header)).toBe(false);
    expect(verifyWhatsAppSignature(SECRET, Buffer.concat([body, Buffer.from(' ')]), header)).toBe(false);
    expect(verifyWhatsAppSignature(SECRET, body, undefined)).toBe(false);
    expect(verifyWhatsAppSignature(SECRET, body, 'sha256=')).toBe(false);
    expect(verifyWhatsAppSignature(undefined, body, header)).toBe(false);
    expect(verifyWhatsAppSignature('', body, signWhatsAppBody('', body))).toBe(false);
  });
});

describe('the WhatsApp subscription handshake', () => {
  const query = (overrides: Record<string, unknown> = {}) => ({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me', 'hub.challenge': '1158201444', ...overrides });

  it('answers the challenge when the verify token matches the inbox’s', () => {
    expect(answerWhatsAppHandshake('verify-me', query())).toBe('1158201444');
  });

  it('answers nothing for a wrong token, another mode, a missing challenge or an inbox without a token', () => {
    expect(answerWhatsAppHandshake('verify-me', query({ 'hub.verify_token': 'verify-you' }))).toBeNull();
    expect(answerWhatsAppHandshake('verify-me', query({ 'hub.mode': 'unsubscribe' }))).toBeNull();
    expect(answerWhatsAppHandshake('verify-me', query({ 'hub.challenge': undefined }))).toBeNull();
    expect(answerWhatsAppHandshake('verify-me', query({ 'hub.verify_token': ['verify-me', 'x'] }))).toBeNull();
    expect(answerWhatsAppHandshake(undefined, query())).toBeNull();
  });
});
