import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseTwilioForm, twilioSignature, urlSpellings, verifyTwilioSignature } from './twilio-signature.ts';

/**
 * The worked examples of Twilio's request-validation documentation (older and current edition): auth token `12345`,
 * these URLs and parameters, and the signatures Twilio published for them. Matching them pins the scheme to Twilio's,
 * not to whatever this code happens to compute.
 */
const DOC_TOKEN = '12345';
const OLD_DOC = {
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  body: 'To=%2B18005551212&From=%2B12349013030&Digits=1234&Caller=%2B12349013030&CallSid=CA1234567890ABCDE',
  signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
};
const NEW_DOC = {
  url: 'https://example.com/myapp.php?foo=1&bar=2',
  body: 'CallSid=CA1234567890ABCDE&Caller=%2B14158675310&Digits=1234&From=%2B14158675310&To=%2B18005551212',
  signature: 'L/OH5YylLD5NRKLltdqwSvS0BnU=',
};

/** Signs as Twilio describes it, written out separately from the code under test. */
const signByHand = (token: string, url: string, pairs: [string, string][]) =>
  createHmac('sha1', token).update(url + pairs.map(([k, v]) => k + v).join('')).digest('base64');

describe('Twilio request signatures', () => {
  it("matches the signatures published in Twilio's documentation, whatever the order of the fields on the wire", () => {
    for (const example of [OLD_DOC, NEW_DOC]) {
      expect(twilioSignature(DOC_TOKEN, example.url, parseTwilioForm(example.body))).toBe(example.signature);
      expect(verifyTwilioSignature(DOC_TOKEN, example.url, parseTwilioForm(example.body), example.signature)).toBe(true);
    }
  });

  it('refuses a changed field, another URL, another token, a missing header and a signature over the raw body', () => {
    const form = parseTwilioForm(NEW_DOC.body);
    const tampered = parseTwilioForm(NEW_DOC.body.replace('Digits=1234', 'Digits=1235'));
    expect(verifyTwilioSignature(DOC_TOKEN, NEW_DOC.url, tampered, NEW_DOC.signature)).toBe(false);
    expect(verifyTwilioSignature(DOC_TOKEN, 'https://example.com/myapp.php?foo=1', form, NEW_DOC.signature)).toBe(false);
    expect(verifyTwilioSignature('54321', NEW_DOC.url, form, NEW_DOC.signature)).toBe(false);
    expect(verifyTwilioSignature(DOC_TOKEN, NEW_DOC.url, form, undefined)).toBe(false);
    expect(verifyTwilioSignature('', NEW_DOC.url, form, signByHand('', NEW_DOC.url, form))).toBe(false);
    const overBody = createHmac('sha1', DOC_TOKEN).update(NEW_DOC.body).digest('base64');
    expect(verifyTwilioSignature(DOC_TOKEN, NEW_DOC.url, form, overBody)).toBe(false);
  });

  it('signs decoded values, and every value of a repeated key sorted among themselves', () => {
    const url = 'https://touchpoint.example/channels/sms/abc';
    const body = 'MediaUrl=https%3A%2F%2Fapi.twilio.com%2Fb&Body=hello+there%21&MediaUrl=https%3A%2F%2Fapi.twilio.com%2Fa';
    const expected = signByHand('token', url, [['Body', 'hello there!'], ['MediaUrl', 'https://api.twilio.com/a'], ['MediaUrl', 'https://api.twilio.com/b']]);
    expect(verifyTwilioSignature('token', url, parseTwilioForm(body), expected)).toBe(true);
  });

  it("accepts the URL with or without its scheme's default port, but never drops another port", () => {
    const form = parseTwilioForm('Body=hi');
    expect(verifyTwilioSignature('t', 'https://example.com/hook?x=1', form, signByHand('t', 'https://example.com:443/hook?x=1', [['Body', 'hi']]))).toBe(true);
    expect(verifyTwilioSignature('t', 'http://example.com:80/hook', form, signByHand('t', 'http://example.com/hook', [['Body', 'hi']]))).toBe(true);
    expect(verifyTwilioSignature('t', 'https://example.com:8443/hook', form, signByHand('t', 'https://example.com/hook', [['Body', 'hi']]))).toBe(false);
    expect(urlSpellings('https://example.com')).toEqual(['https://example.com', 'https://example.com:443']);
    expect(urlSpellings('http://[::1]:3000/x')).toEqual(['http://[::1]:3000/x']);
  });

  it('reads a malformed form without throwing', () => {
    expect(parseTwilioForm('Body=%zz&=&&From')).toEqual([['Body', '%zz'], ['', ''], ['From', '']]);
  });
});
