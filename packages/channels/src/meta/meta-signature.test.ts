import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerMetaHandshake, signMetaBody, verifyMetaSignature } from './meta-signature.ts';

describe('Meta webhook signatures and the subscription handshake', () => {
  const body = Buffer.from('{"object":"page","entry":[{"id":"1","messaging":[{"message":{"text":"caf\\u00e9"}}]}]}');

  it('accepts X-Hub-Signature-256 computed over the exact bytes with the app secret', () => {
    const header = `sha256=${createHmac('sha256', 'app-secret').update(body).digest('hex')}`;
    expect(signMetaBody('app-secret', body)).toBe(header);
    expect(verifyMetaSignature('app-secret', body, header)).toBe(true);
    expect(verifyMetaSignature('app-secret', body, header.toUpperCase().replace('SHA256', 'sha256'))).toBe(true);
  });

  it('refuses another secret, other bytes, a missing header and a missing secret', () => {
    const header = signMetaBody('app-secret', body);
    expect(verifyMetaSignature('other-secret', body, header)).toBe(false);
    expect(verifyMetaSignature('app-secret', Buffer.from(body.toString().replace('\\u00e9', 'é')), header)).toBe(false);
    expect(verifyMetaSignature('app-secret', body, undefined)).toBe(false);
    expect(verifyMetaSignature(undefined, body, header)).toBe(false);
    expect(verifyMetaSignature('app-secret', body, 'sha1=abc')).toBe(false);
  });

  it('echoes the challenge only for mode subscribe and the inbox’s verify token', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'tok-1', 'hub.challenge': '1158201444' };
    expect(answerMetaHandshake('tok-1', query)).toBe('1158201444');
    expect(answerMetaHandshake('tok-2', query)).toBeNull();
    expect(answerMetaHandshake('tok-1', { ...query, 'hub.mode': 'unsubscribe' })).toBeNull();
    expect(answerMetaHandshake('tok-1', { ...query, 'hub.challenge': undefined })).toBeNull();
    expect(answerMetaHandshake(undefined, query)).toBeNull();
  });
});
