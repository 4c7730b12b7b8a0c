import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmailRejectedError, MAX_EMAIL_PARTS, parseMessageIds, parseRawEmail } from './email-parse.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('reading raw email in the charsets customers write in', () => {
  it.each([
    ['mikel-mail/japanese.eml', 'まみむめも', 'かきくえこ'],
    ['mikel-mail/japanese_iso_2022.eml', 'まみむめも', 'すみません。'],
    ['shift_jis.eml', 'ご注文について', '注文番号 SG-1042 の配送状況を教えてください。ｶﾀｶﾅも大丈夫ですか？'],
    ['gb2312.eml', '退货申请', '收件人：王喆（朱镕基路 8 号）'],
    ['big5.eml', '訂單查詢', '您好，請問我的訂單什麼時候會出貨？'],
  ])('decodes %s: subject and body come out as the text that was written', async (name, subject, text) => {
    const email = await parseRawEmail(fixture(name));
    expect(email.subject).toBe(subject);
    expect(email.text).toContain(text);
    expect(email.problem).toBeNull();
  });

  it('decodes sender names in the message’s charset', async () => {
    expect((await parseRawEmail(fixture('shift_jis.eml'))).from).toEqual({ address: 'taro@example.jp', name: '山田 太郎' });
    expect((await parseRawEmail(fixture('gb2312.eml'))).from).toEqual({ address: 'xiaoming@example.cn', name: '王小明' });
    expect((await parseRawEmail(fixture('big5.eml'))).from).toEqual({ address: 'taiman@example.tw', name: '陳大文' });
  });

  it('reads an attachment whose name is encoded, with its Message-ID', async () => {
    const email = await parseRawEmail(fixture('mikel-mail/japanese_attachment.eml'));
    expect(email.messageId).toBe('57a815bf0910160539m64240421gb35ea52e101aedbc@mail.gmail.com');
    expect(email.attachments).toEqual([expect.objectContaining({ fileName: 'てすと.txt', contentType: 'text/plain', inline: false })]);
    expect(email.attachments[0]!.content.toString('utf8')).toContain('これわてすと');
  });
});

describe('broken input', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x03])],
    ['prose', Buffer.from('hello, this is not an email at all\r\n')],
  ])('refuses %s as not an email, with the reason', async (_name, raw) => {
    await expect(parseRawEmail(raw)).rejects.toThrow(EmailRejectedError);
    await expect(parseRawEmail(raw)).rejects.toThrow(/not an email message/);
  });

  it('reads a message cut off in the middle of a part instead of failing', async () => {
    const raw = Buffer.from('From: a@example.com\r\nSubject: cut\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nhello there\r\n--zz\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK');
    const email = await parseRawEmail(raw);
    expect(email.text).toContain('hello there');
    expect(email.problem).toBeNull();
  });

  it('marks a message with more parts than allowed as a problem, naming the count', async () => {
    const parts = Array.from({ length: MAX_EMAIL_PARTS + 1 }, (_, i) => `--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="f${i}.bin"\r\n\r\nx${i}\r\n`).join('');
    const email = await parseRawEmail(Buffer.from(`From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${parts}--b--\r\n`));
    expect(email.problem).toBe(`it has ${MAX_EMAIL_PARTS + 1} parts; at most ${MAX_EMAIL_PARTS} are read`);
  });

  it('reads Message-ID lists with and without brackets', () => {
    expect(parseMessageIds('<a@x> <b@y>\r\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(parseMessageIds('a@x')).toEqual(['a@x']);
    expect(parseMessageIds(undefined)).toEqual([]);
  });
});
