import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { multipartBody } from '../../../../apps/server/src/testing/multipart.ts';
import { MAILGUN_SIGNATURE_MAX_AGE_MS, MalformedFormError, createMailgunReplayGuard, fieldText, parseMailgunPost, parseSendGridPost, readFormPost, verifyMailgunSignature, verifySendGridKey } from './email-providers.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const sign = (key: string, timestamp: string, token: string) => createHmac('sha256', key).update(`${timestamp}${token}`).digest('hex');

describe('reading provider form posts', () => {
  it('keeps the exact bytes of a raw Shift_JIS email sent in a form field, and files as files', async () => {
    const raw = fixture('shift_jis.eml');
    const { body, contentType } = multipartBody([{ name: 'email', value: raw }, { name: 'envelope', value: '{"to":["support@shop.example"],"from":"taro@example.jp"}' }, { name: 'attachment1', value: Buffer.from([1, 2, 3]), fileName: '請求書.pdf', contentType: 'application/pdf' }]);
    const post = await readFormPost(body, contentType, 1024 * 1024);
    expect(post.fields.get('email')!.equals(raw)).toBe(true);
    expect(post.files).toEqual([{ field: 'attachment1', fileName: '請求書.pdf', contentType: 'application/pdf', content: Buffer.from([1, 2, 3]) }]);
    const { email, envelope } = await parseSendGridPost(post);
    expect(email.subject).toBe('ご注文について');
    expect(envelope).toEqual({ from: 'taro@example.jp', to: ['support@shop.example'] });
  });

  it('reads urlencoded posts, UTF-8 included', async () => {
    const post = await readFormPost(Buffer.from(new URLSearchParams({ subject: '返品について', 'body-plain': 'こんにちは' }).toString()), 'application/x-www-form-urlencoded', 1024);
    expect(fieldText(post, 'subject')).toBe('返品について');
    expect(fieldText(post, 'body-plain')).toBe('こんにちは');
  });

  it('refuses a body that is not a form, and a field over the limit, naming the problem', async () => {
    await expect(readFormPost(Buffer.from('{}'), 'application/json', 1024)).rejects.toThrow(MalformedFormError);
    const { body, contentType } = multipartBody([{ name: 'email', value: 'x'.repeat(2000) }]);
    await expect(readFormPost(body, contentType, 1000)).rejects.toThrow('the field "email" is larger than 1000 bytes');
    const truncated = multipartBody([{ name: 'a', value: 'b' }]);
    await expect(readFormPost(truncated.body.subarray(0, 30), truncated.contentType, 1000)).rejects.toThrow(MalformedFormError);
  });
});

describe('Mailgun', () => {
  const now = new Date('2024-01-15T10:00:00Z');
  const timestamp = String(now.getTime() / 1000);
  const fields = (signature: string, ts = timestamp) => new Map([['timestamp', Buffer.from(ts)], ['token', Buffer.from('t'.repeat(50))], ['signature', Buffer.from(signature)]]);

  it('accepts a signature made with the signing key, and refuses another key, a changed token or an old timestamp', () => {
    expect(verifyMailgunSignature('key-1', fields(sign('key-1', timestamp, 't'.repeat(50))), now)).toBe(true);
    expect(verifyMailgunSignature('key-1', fields(sign('key-2', timestamp, 't'.repeat(50))), now)).toBe(false);
    expect(verifyMailgunSignature('key-1', fields(sign('key-1', timestamp, 'u'.repeat(50))), now)).toBe(false);
    const old = String((now.getTime() - MAILGUN_SIGNATURE_MAX_AGE_MS - 1000) / 1000);
    expect(verifyMailgunSignature('key-1', fields(sign('key-1', old, 't'.repeat(50)), old), now)).toBe(false);
    expect(verifyMailgunSignature('', fields(sign('', timestamp, 't'.repeat(50))), now)).toBe(false);
  });

  it('remembers used tokens until their signature would expire anyway', () => {
    let clock = 0;
    const guard = createMailgunReplayGuard(() => clock);
    guard.markUsed('abc');
    expect(guard.wasUsed('abc')).toBe(true);
    clock = MAILGUN_SIGNATURE_MAX_AGE_MS + 1;
    expect(guard.wasUsed('abc')).toBe(false);
  });

  it('reads the parsed format: headers, threading, text, HTML, attachments and inline images', async () => {
    const { body, contentType } = multipartBody([
      { name: 'from', value: '山田 太郎 <taro@example.jp>' },
      { name: 'sender', value: 'taro@example.jp' },
      { name: 'recipient', value: 'support@shop.example' },
      { name: 'subject', value: 'Re: ご注文について' },
      { name: 'body-plain', value: '届きました。\n\n> 発送しました' },
      { name: 'body-html', value: '<p>届きました。<img src="cid:ii_1"></p>' },
      { name: 'message-headers', value: JSON.stringify([['Message-Id', '<mg-1@example.jp>'], ['In-Reply-To', '<touchpoint.x@shop.example>'], ['References', '<a@shop.example> <touchpoint.x@shop.example>'], ['To', 'support@shop.example'], ['Cc', 'Hanako <hanako@example.jp>'], ['Auto-Submitted', 'auto-replied']]) },
      { name: 'content-id-map', value: JSON.stringify({ '<ii_1>': 'attachment-2' }) },
      { name: 'attachment-1', value: Buffer.from('%PDF'), fileName: 'invoice.pdf', contentType: 'application/pdf' },
      { name: 'attachment-2', value: Buffer.from('PNG'), fileName: 'photo.png', contentType: 'image/png' },
    ]);
    const { email, envelope } = await parseMailgunPost(await readFormPost(body, contentType, 1024 * 1024));
    expect(envelope).toEqual({ from: 'taro@example.jp', to: ['support@shop.example'] });
    expect(email).toMatchObject({
      messageId: 'mg-1@example.jp',
      inReplyTo: ['touchpoint.x@shop.example'],
      references: ['a@shop.example', 'touchpoint.x@shop.example'],
      from: { address: 'taro@example.jp', name: '山田 太郎' },
      cc: [{ address: 'hanako@example.jp', name: 'Hanako' }],
      subject: 'Re: ご注文について',
      text: '届きました。\n\n> 発送しました',
      html: '<p>届きました。<img src="cid:ii_1"></p>',
    });
    expect(email.headers.get('auto-submitted')).toEqual(['auto-replied']);
    expect(email.attachments.map(({ fileName, contentId, inline }) => ({ fileName, contentId, inline }))).toEqual([{ fileName: 'invoice.pdf', contentId: null, inline: false }, { fileName: 'photo.png', contentId: 'ii_1', inline: true }]);
  });
});

describe('SendGrid', () => {
  it('accepts the verification key from the query or as the Basic auth password, and nothing else', () => {
    expect(verifySendGridKey('s3cret', 's3cret', undefined)).toBe(true);
    expect(verifySendGridKey('s3cret', undefined, `Basic ${Buffer.from('sendgrid:s3cret').toString('base64')}`)).toBe(true);
    expect(verifySendGridKey('s3cret', 'wrong', undefined)).toBe(false);
    expect(verifySendGridKey('s3cret', undefined, `Basic ${Buffer.from('sendgrid:nope').toString('base64')}`)).toBe(false);
    expect(verifySendGridKey('s3cret', undefined, undefined)).toBe(false);
    expect(verifySendGridKey('', '', undefined)).toBe(false);
  });

  it('refuses a post without the raw message, saying how to turn it on', async () => {
    const { body, contentType } = multipartBody([{ name: 'text', value: 'hello' }, { name: 'from', value: 'a@example.com' }]);
    await expect(parseSendGridPost(await readFormPost(body, contentType, 1024))).rejects.toThrow('turn on "POST the raw, full MIME message"');
  });
});
