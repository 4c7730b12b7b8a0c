import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyEmail, describeBounce, readDeliveryReport } from './email-classify.ts';
import { parseRawEmail } from './email-parse.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const ours = { ourAddresses: ['support@shop.example'] };
const mail = (headers: string, body = 'Hello') => parseRawEmail(Buffer.from(`From: Customer <c@example.com>\r\nTo: support@shop.example\r\nSubject: Hi\r\nMessage-ID: <m1@example.com>\r\n${headers}${headers ? '\r\n' : ''}\r\n${body}\r\n`));

describe('recognising bounces', () => {
  it('reads a Postfix bounce: every failed recipient with status and diagnostic, and the returned message’s id', async () => {
    const email = await parseRawEmail(fixture('mikel-mail/multi_address_bounce1.eml'));
    const classified = classifyEmail(email, ours);
    expect(classified.kind).toBe('bounce');
    const report = readDeliveryReport(email);
    expect(report.failed).toBe(true);
    expect(report.recipients).toHaveLength(5);
    expect(report.recipients[0]).toEqual({ address: 'bbbbvhvbbvkjbhfbvbvjhb@gmail.com', action: 'failed', status: '5.1.1', diagnostic: expect.stringContaining('550-5.1.1 The email account that you tried to reach does not exist') });
    expect(report.originalMessageIds).toContain('118707422.15521266992174819.JavaMail.root@lvmail01');
    expect(describeBounce(report, email.subject)).toMatch(/^bounced: bbbbvhvbbvkjbhfbvbvjhb@gmail.com: 550-5.1.1/);
  });

  it('reads a delay warning as a report that does not fail the message', async () => {
    const email = await parseRawEmail(fixture('mikel-mail/report_422.eml'));
    expect(classifyEmail(email, ours).kind).toBe('bounce');
    const report = readDeliveryReport(email);
    expect(report.failed).toBe(false);
    expect(report.recipients).toEqual([expect.objectContaining({ address: 'fraser@oooooooo.com.au', action: 'delayed', status: '4.2.2' })]);
    expect(report.originalMessageIds).toContain('15655788.13.1200472642578.JavaMail.Administrator@mail.ttttt.com.au');
  });

  it('takes a mailer-daemon’s plain message as a bounce too', async () => {
    const email = await parseRawEmail(Buffer.from('From: MAILER-DAEMON@mx.example.net\r\nSubject: Mail delivery failed\r\n\r\nA message could not be delivered.\r\n'));
    expect(classifyEmail(email, ours)).toMatchObject({ kind: 'bounce' });
    expect(readDeliveryReport(email).failed).toBe(true);
  });
});

describe('recognising automatic replies', () => {
  it.each([
    ['Auto-Submitted: auto-replied', 'Auto-Submitted: auto-replied'],
    ['X-Autoreply: yes', 'x-autoreply header'],
    ['X-Auto-Response-Suppress: All', 'x-auto-response-suppress header'],
    ['Precedence: bulk', 'Precedence: bulk'],
    ['Precedence: auto_reply', 'Precedence: auto_reply'],
    ['List-Unsubscribe: <mailto:u@list.example>', 'a mailing list message'],
  ])('%s', async (header, reason) => {
    expect(classifyEmail(await mail(header), ours)).toEqual({ kind: 'auto_reply', reason });
  });

  it('takes Auto-Submitted: no as a person writing', async () => {
    expect(classifyEmail(await mail('Auto-Submitted: no'), ours)).toEqual({ kind: 'message' });
  });

  it('takes mail from the null envelope sender, and out-of-office subjects in Japanese and Chinese, as automatic', async () => {
    expect(classifyEmail(await mail(''), { ...ours, envelopeFrom: '' }).kind).toBe('auto_reply');
    const withSubject = (subject: string) => parseRawEmail(Buffer.from(`From: a@example.jp\r\nSubject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=\r\n\r\nx`));
    expect(classifyEmail(await withSubject('自動返信: ご注文について'), ours)).toEqual({ kind: 'auto_reply', reason: 'the subject "自動返信: ご注文について"' });
    expect(classifyEmail(await withSubject('自动回复: 退货'), ours).kind).toBe('auto_reply');
    expect(classifyEmail(await withSubject('Automatic reply: order 1042'), ours).kind).toBe('auto_reply');
    expect(classifyEmail(await withSubject('Automation question'), ours).kind).toBe('message');
  });

  it('takes an ordinary customer message as a message', async () => {
    expect(classifyEmail(await mail('In-Reply-To: <x@y>'), ours)).toEqual({ kind: 'message' });
  });
});

describe('recognising mail loops', () => {
  it('drops our own message coming back, by its Message-ID or our loop header, and mail that went round too many servers', async () => {
    const own = await parseRawEmail(Buffer.from('From: support@shop.example\r\nMessage-ID: <touchpoint.6f1c1d1e-0000-4000-8000-000000000001@shop.example>\r\n\r\nx'));
    expect(classifyEmail(own, ours).kind).toBe('loop');
    expect(classifyEmail(await mail('X-Touchpoint-Loop: support@shop.example'), ours).kind).toBe('loop');
    expect(classifyEmail(await mail('X-Touchpoint-Loop: help@other.example'), ours).kind).toBe('message');
    const hops = Array.from({ length: 31 }, (_, i) => `Received: from hop${i}.example by hop${i + 1}.example; Mon, 1 Jan 2024 00:00:00 +0000`).join('\r\n');
    expect(classifyEmail(await mail(hops), ours)).toEqual({ kind: 'loop', reason: 'it passed 31 mail servers (more than 30)' });
  });
});
