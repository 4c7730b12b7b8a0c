import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChannelDeliveryWorker } from '@touchpoint/channels';
import { schema } from '@touchpoint/db';
import { deliverQueuedReplies, postAgentReply } from '../testing/channel-delivery.ts';
import { eventsSettled } from '../testing/events-settled.ts';
import { sendRawMail } from '../testing/smtp-client.ts';
import { startSmtpSink } from '../testing/smtp-sink.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';
import { startEmailSmtpListener } from './email-smtp-listener.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../packages/channels/src/email/fixtures/${name}`, import.meta.url));

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let listener: Awaited<ReturnType<typeof startEmailSmtpListener>>;
let client: Transporter;
let inboxId: string;
const tag = randomUUID().slice(0, 8);
/** Unique per run: the listener serves every connected email inbox in the database. */
const INBOX_ADDRESS = `support-${tag}@shop.example`;
const MAX_BYTES = 200_000;

const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;

interface ApiMessage { id: string; direction: string; body: string; deliveryStatus: string | null; deliveryError: string | null; channelData: Record<string, unknown>; attachments: { id: string; fileName: string; contentType: string; url: string }[] }

async function conversation(id: string) {
  const response = await requestAs(t.app, admin, { method: 'GET', url: url(`/conversations/${id}`) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ id: string; subject: string; status: string; contact: { id: string }; csat: unknown; messages: ApiMessage[] }>();
}

/** The stored message for an email, by its Message-ID. */
async function storedEmail(messageId: string) {
  const { db } = await getTestDatabase();
  await vi.waitFor(async () => {
    const [row] = await db.select().from(schema.messages).where(and(eq(schema.messages.accountId, ws.accountId), eq(schema.messages.externalId, `email:${messageId}`)));
    expect(row).toBeDefined();
  });
  const [row] = await db.select().from(schema.messages).where(and(eq(schema.messages.accountId, ws.accountId), eq(schema.messages.externalId, `email:${messageId}`)));
  return row!;
}

async function countConversations() {
  const { db } = await getTestDatabase();
  return (await db.select({ id: schema.conversations.id }).from(schema.conversations).where(eq(schema.conversations.inboxId, inboxId))).length;
}

async function reply(conversationId: string, body: string) {
  return postAgentReply(t, admin, ws.accountId, conversationId, { body });
}

async function deliver() {
  await deliverQueuedReplies(t, ws.accountId);
}

/** The mail the sink received with this Message-ID. */
const sent = (messageId: string) => sink.received.find((mail) => mail.messageId === `<${messageId}>`);

beforeAll(async () => {
  sink = await startSmtpSink();
  // The server's relay: inboxes without an smtpUrl of their own send through it.
  t = await createTestApp({ env: { SMTP_URL: sink.url } });
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  listener = await startEmailSmtpListener(t.services, { port: 0, host: '127.0.0.1', maxBytes: MAX_BYTES, tls: null, log: t.app.log, closeTimeoutMs: 1000 });
  client = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
  const created = await requestAs(t.app, admin, { method: 'POST', url: url('/inboxes'), payload: { name: 'Shop email', channel: 'email' } });
  inboxId = created.json<{ id: string }>().id;
});
afterAll(async () => {
  client.close();
  await listener.close();
  await t.close();
  await sink.close();
});

describe('connecting an email inbox', () => {
  it('asks for an address, refuses one that is not an email address, and keeps relay secrets write-only', async () => {
    const missing = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: {}, secrets: {} } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ path: 'config.address', message: 'is required' }]);
    const invalid = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { address: 'support at shop' }, secrets: {} } });
    expect(invalid.json().errors).toEqual([{ path: 'config.address', message: 'must be an email address' }]);
    const connected = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { address: INBOX_ADDRESS, fromName: 'Shop Support' }, secrets: { mailgunSigningKey: 'mg-key', sendgridVerificationKey: 'sg-key' } } });
    expect(connected.statusCode, connected.body).toBe(200);
    expect(connected.json()).toMatchObject({ connected: true, secretsSet: ['mailgunSigningKey', 'sendgridVerificationKey'] });
    expect(connected.body).not.toContain('mg-key');
  });
});

describe('mail in over SMTP and replies out', () => {
  let conversationId: string;
  let replyId: string;

  it('turns a customer’s email into a conversation: body without the signature, sender as contact, Cc kept', async () => {
    await client.sendMail({
      from: 'Ann Customer <ann@customer.example>',
      to: INBOX_ADDRESS,
      cc: 'Bob Partner <bob@customer.example>',
      subject: 'Where is my order?',
      text: 'Hi, order SG-1042 has not arrived.\n\n-- \nAnn',
      messageId: `<ann-1.${tag}@customer.example>`,
    });
    const message = await storedEmail(`ann-1.${tag}@customer.example`);
    conversationId = message.conversationId;
    const stored = await conversation(conversationId);
    expect(stored.subject).toBe('Where is my order?');
    expect(stored.messages).toHaveLength(1);
    expect(stored.messages[0]).toMatchObject({ direction: 'inbound', body: 'Hi, order SG-1042 has not arrived.' });
    expect(stored.messages[0]!.channelData).toMatchObject({ source: 'smtp', subject: 'Where is my order?', signature: '-- \nAnn', cc: [{ address: 'bob@customer.example', name: 'Bob Partner' }], from: { address: 'ann@customer.example', name: 'Ann Customer' } });
    const contact = await requestAs(t.app, admin, { method: 'GET', url: url(`/contacts/${stored.contact.id}`) });
    expect(contact.json()).toMatchObject({ name: 'Ann Customer', email: 'ann@customer.example' });
  });

  it('sends the agent’s reply through the relay to a real SMTP server, threaded, with the reply token and reply-all Cc', async () => {
    replyId = await reply(conversationId, 'It left our warehouse today.');
    await deliver();
    const mail = sent(`touchpoint.${replyId}@shop.example`);
    expect(mail, 'the sink received the reply').toBeDefined();
    expect(mail!.from?.value).toEqual([{ address: INBOX_ADDRESS, name: 'Shop Support' }]);
    expect((mail!.to as { value: { address: string }[] }).value.map((a) => a.address)).toEqual(['ann@customer.example']);
    expect((mail!.cc as { value: { address: string }[] }).value.map((a) => a.address)).toEqual(['bob@customer.example']);
    expect(mail!.subject).toBe('Re: Where is my order?');
    expect(mail!.inReplyTo).toBe(`<ann-1.${tag}@customer.example>`);
    expect([mail!.references].flat()).toEqual([`<ann-1.${tag}@customer.example>`]);
    expect(mail!.replyTo?.value[0]?.address).toMatch(new RegExp(`^support-${tag}\\+[a-z2-7]{39}@shop\\.example$`));
    expect(mail!.headers.get('x-touchpoint-loop')).toBe(INBOX_ADDRESS);
    expect(mail!.headers.has('auto-submitted'), 'a person’s reply is not marked automatic').toBe(false);
    expect(mail!.text?.trim()).toBe('It left our warehouse today.');
    const stored = (await conversation(conversationId)).messages.find((m) => m.id === replyId)!;
    expect(stored).toMatchObject({ deliveryStatus: 'sent', channelData: { to: ['ann@customer.example'], cc: ['bob@customer.example'], subject: 'Re: Where is my order?' } });
  });

  it('files the customer’s answer in the same conversation by In-Reply-To, and by the reply token alone', async () => {
    await client.sendMail({ from: 'ann@customer.example', to: INBOX_ADDRESS, subject: 'Re: Where is my order?', text: 'Thanks!\n\nOn Mon, Jan 1, 2024 at 10:00 Shop Support wrote:\n> It left our warehouse today.', messageId: `<ann-2.${tag}@customer.example>`, inReplyTo: `<touchpoint.${replyId}@shop.example>`, references: [`<ann-1.${tag}@customer.example>`, `<touchpoint.${replyId}@shop.example>`] });
    const byHeaders = await storedEmail(`ann-2.${tag}@customer.example`);
    expect(byHeaders.conversationId).toBe(conversationId);
    expect(byHeaders.body).toBe('Thanks!');
    expect(byHeaders.channelData).toMatchObject({ quoted: expect.stringContaining('> It left our warehouse today.') });

    const replyTo = sent(`touchpoint.${replyId}@shop.example`)!.replyTo!.value[0]!.address;
    await client.sendMail({ from: 'ann@customer.example', to: replyTo, subject: 'One more thing', text: 'Can you gift-wrap it?', messageId: `<ann-3.${tag}@customer.example>` });
    expect((await storedEmail(`ann-3.${tag}@customer.example`)).conversationId).toBe(conversationId);

    await client.sendMail({ from: 'ann@customer.example', to: INBOX_ADDRESS, subject: 'A new question', text: 'Do you ship to Osaka?', messageId: `<ann-4.${tag}@customer.example>` });
    expect((await storedEmail(`ann-4.${tag}@customer.example`)).conversationId).not.toBe(conversationId);
  });

  it('stores a message once, however often a server delivers it', async () => {
    const mail = { from: 'carl@customer.example', to: INBOX_ADDRESS, subject: 'Twice', text: 'Sent twice', messageId: `<carl-1.${tag}@customer.example>` };
    await client.sendMail(mail);
    const first = await storedEmail(`carl-1.${tag}@customer.example`);
    await client.sendMail(mail);
    await sendRawMail(listener.port, { from: 'carl@customer.example', to: [INBOX_ADDRESS] }, `From: carl@customer.example\r\nTo: ${INBOX_ADDRESS}\r\nSubject: Twice\r\nMessage-ID: <carl-1.${tag}@customer.example>\r\n\r\nSent twice\r\n`);
    const messages = (await conversation(first.conversationId)).messages.filter((m) => m.direction === 'inbound');
    expect(messages).toHaveLength(1);
  });

  it('keeps attachments and inline images, and sanitized HTML that shows the inline image from storage', async () => {
    await client.sendMail({
      from: 'dana@customer.example',
      to: INBOX_ADDRESS,
      subject: 'Broken item',
      text: 'The vase arrived broken, photo attached.',
      html: '<p>The vase arrived broken:</p><img src="cid:photo-1@customer.example"><script>steal()</script>',
      messageId: `<dana-1.${tag}@customer.example>`,
      attachments: [
        { filename: 'photo.png', content: Buffer.from('png-bytes'), contentType: 'image/png', cid: 'photo-1@customer.example' },
        { filename: '請求書.pdf', content: Buffer.from('%PDF-1.4 invoice'), contentType: 'application/pdf' },
      ],
    });
    const message = await storedEmail(`dana-1.${tag}@customer.example`);
    const stored = (await conversation(message.conversationId)).messages[0]!;
    expect(stored.body).toBe('The vase arrived broken, photo attached.');
    expect(stored.attachments.map((a) => [a.fileName, a.contentType]).sort()).toEqual([['photo.png', 'image/png'], ['請求書.pdf', 'application/pdf']]);
    const photo = stored.attachments.find((a) => a.fileName === 'photo.png')!;
    expect(stored.channelData.html).toBe(`<p>The vase arrived broken:</p><img src="${photo.url}" />`);
    const download = await requestAs(t.app, admin, { method: 'GET', url: photo.url });
    expect(download.body).toBe('png-bytes');
  });

  it.each([
    ['mikel-mail/japanese_iso_2022.eml', 'すみません。', 'まみむめも'],
    ['mikel-mail/japanese.eml', 'かきくえこ', 'まみむめも'],
    ['shift_jis.eml', 'お世話になっております。\n注文番号 SG-1042 の配送状況を教えてください。ｶﾀｶﾅも大丈夫ですか？', 'ご注文について'],
    ['gb2312.eml', '你好，我想退回订单 SG-2001 的商品。\n收件人：王喆（朱镕基路 8 号）\n谢谢！', '退货申请'],
    ['big5.eml', '您好，請問我的訂單什麼時候會出貨？\n謝謝您的協助。', '訂單查詢'],
  ])('decodes %s received over SMTP into the text that was written', async (name, body, subject) => {
    // The Japanese fixtures have no Message-ID; give each run its own so the test is independent of earlier runs.
    const raw = Buffer.concat([Buffer.from(`Message-ID: <${name.replace(/\W/g, '')}.${tag}@fixtures.example>\r\n`), fixture(name)]);
    const answer = await sendRawMail(listener.port, { from: 'sender@fixtures.example', to: [INBOX_ADDRESS] }, raw);
    expect(answer).toMatchObject({ accepted: true });
    const message = await storedEmail(`${name.replace(/\W/g, '')}.${tag}@fixtures.example`);
    expect(message.body).toBe(body);
    expect((await conversation(message.conversationId)).subject).toBe(subject);
  });
});

describe('bounces, auto-replies and loops', () => {
  it('marks the reply a bounce returns as failed, with the recipient’s server’s reason, and opens no conversation', async () => {
    await client.sendMail({ from: 'erin@customer.example', to: INBOX_ADDRESS, subject: 'Size question', text: 'Is it true to size?', messageId: `<erin-1.${tag}@customer.example>` });
    const { conversationId } = await storedEmail(`erin-1.${tag}@customer.example`);
    const replyId = await reply(conversationId, 'Yes, it is.');
    await deliver();
    const before = await countConversations();
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
      `To: ${INBOX_ADDRESS}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <bounce-1.${tag}@mx.customer.example>`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.example',
      '',
      'Final-Recipient: rfc822; erin@customer.example',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <erin@customer.example>: Recipient address rejected: User unknown',
      '',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `From: Shop Support <${INBOX_ADDRESS}>`,
      'To: erin@customer.example',
      `Message-ID: <touchpoint.${replyId}@shop.example>`,
      'Subject: Re: Size question',
      '',
      '--b1--',
      '',
    ].join('\r\n');
    expect(await sendRawMail(listener.port, { from: '', to: [INBOX_ADDRESS] }, dsn)).toMatchObject({ accepted: true });
    await vi.waitFor(async () => expect((await conversation(conversationId)).messages.find((m) => m.id === replyId)).toMatchObject({ deliveryStatus: 'failed', deliveryError: expect.stringContaining('erin@customer.example: 550 5.1.1') }));
    expect(await countConversations()).toBe(before);
    // A real bounce for a message that is not ours, and a delay warning, change nothing and open nothing.
    expect(await sendRawMail(listener.port, { from: '', to: [INBOX_ADDRESS] }, fixture('mikel-mail/multi_address_bounce1.eml'))).toMatchObject({ accepted: true });
    expect(await sendRawMail(listener.port, { from: '', to: [INBOX_ADDRESS] }, fixture('mikel-mail/report_422.eml'))).toMatchObject({ accepted: true });
    expect(await countConversations()).toBe(before);
  });

  it('keeps an out-of-office reply flagged, without reopening the conversation or letting an automation answer it', async () => {
    const canned = (await requestAs(t.app, admin, { method: 'POST', url: url('/canned-replies'), payload: { shortcut: `thanks-${tag}`, title: 'Thanks', body: 'Thanks, we got your email.' } })).json<{ id: string }>();
    const rule = async (event: string) => (await requestAs(t.app, admin, { method: 'POST', url: url('/automation-rules'), payload: { name: `Answer ${event}`, event, conditions: [{ field: 'inbox', operator: 'equals', value: inboxId }, { field: 'message_direction', operator: 'equals', value: 'inbound' }].slice(0, event === 'message.created' ? 2 : 1), actions: [{ type: 'send_canned_reply', params: { cannedReplyId: canned.id } }] } })).json<{ id: string }>().id;
    const ruleIds = [await rule('message.created'), await rule('conversation.created')];
    try {
      // A person's email is answered by the rules (so the rules work)…
      await client.sendMail({ from: 'fay@customer.example', to: INBOX_ADDRESS, subject: 'Gift card', text: 'Do you sell gift cards?', messageId: `<fay-1.${tag}@customer.example>` });
      const { conversationId } = await storedEmail(`fay-1.${tag}@customer.example`);
      await eventsSettled(ws.accountId);
      const answered = (await conversation(conversationId)).messages.filter((m) => m.direction === 'outbound');
      expect(answered.length).toBeGreaterThanOrEqual(1);
      // The automation's reply goes out marked as automatic, so Fay's own autoresponder leaves it alone.
      await deliver();
      const automated = sent(`touchpoint.${answered[0]!.id}@shop.example`)!;
      expect(automated.headers.get('auto-submitted')).toBe('auto-replied');
      await requestAs(t.app, admin, { method: 'PATCH', url: url(`/conversations/${conversationId}`), payload: { status: 'resolved' } });
      await eventsSettled(ws.accountId);

      // …their out-of-office answer to our reply is not, and the resolved conversation stays resolved.
      await client.sendMail({ from: 'fay@customer.example', to: INBOX_ADDRESS, subject: 'Automatic reply: Gift card', text: 'I am out of the office until Monday.', messageId: `<fay-ooo.${tag}@customer.example>`, inReplyTo: `<fay-1.${tag}@customer.example>`, headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } });
      const ooo = await storedEmail(`fay-ooo.${tag}@customer.example`);
      expect(ooo.conversationId).toBe(conversationId);
      expect(ooo.channelData).toMatchObject({ autoReply: true, autoReplyReason: 'Auto-Submitted: auto-replied' });
      await eventsSettled(ws.accountId);
      const after = await conversation(conversationId);
      expect(after.status).toBe('resolved');
      expect(after.messages.filter((m) => m.direction === 'outbound')).toHaveLength(answered.length);

      // An autoresponder writing out of the blue opens a conversation nobody answers automatically, and gets no survey.
      await client.sendMail({ from: 'robot@vendor.example', to: INBOX_ADDRESS, subject: 'Your ticket was received', text: 'This is an automatic message.', messageId: `<robot-1.${tag}@vendor.example>`, headers: { 'Auto-Submitted': 'auto-generated' } });
      const robot = await storedEmail(`robot-1.${tag}@vendor.example`);
      await eventsSettled(ws.accountId);
      expect((await conversation(robot.conversationId)).messages.map((m) => m.direction)).toEqual(['inbound']);
      await requestAs(t.app, admin, { method: 'PATCH', url: url(`/conversations/${robot.conversationId}`), payload: { status: 'resolved' } });
      expect((await conversation(robot.conversationId)).csat).toBeNull();
      expect((await conversation(conversationId)).csat).not.toBeNull();
    } finally {
      for (const id of ruleIds) await requestAs(t.app, admin, { method: 'PATCH', url: url(`/automation-rules/${id}`), payload: { enabled: false } });
    }
  });

  it('drops our own reply coming back to us instead of filing it', async () => {
    const before = await countConversations();
    await client.sendMail({ from: INBOX_ADDRESS, to: INBOX_ADDRESS, subject: 'Re: loop', text: 'looping', messageId: `<loop-1.${tag}@elsewhere.example>`, headers: { 'X-Touchpoint-Loop': INBOX_ADDRESS } });
    await client.sendMail({ from: 'gus@customer.example', to: INBOX_ADDRESS, subject: 'after the loop', text: 'still here', messageId: `<gus-1.${tag}@customer.example>` });
    await storedEmail(`gus-1.${tag}@customer.example`);
    const { db } = await getTestDatabase();
    expect(await db.select().from(schema.messages).where(eq(schema.messages.externalId, `email:loop-1.${tag}@elsewhere.example`))).toEqual([]);
    expect(await countConversations()).toBe(before + 1);
  });
});

describe('what the SMTP server refuses', () => {
  it('refuses recipients that are no inbox’s address with 550', async () => {
    const answer = await sendRawMail(listener.port, { from: 'x@customer.example', to: [`nobody-${tag}@shop.example`] }, 'From: x@customer.example\r\nSubject: hi\r\n\r\nhi\r\n');
    expect(answer).toMatchObject({ accepted: false, responseCode: 550 });
    expect(answer.response).toContain('no such mailbox here');
  });

  it('refuses a message over the size limit with 552, and garbage with 550 5.6.0 naming why, and keeps serving', async () => {
    const big = `From: big@customer.example\r\nTo: ${INBOX_ADDRESS}\r\nSubject: big\r\n\r\n${'x'.repeat(76).concat('\r\n').repeat(Math.ceil((MAX_BYTES + 1000) / 78))}`;
    const tooBig = await sendRawMail(listener.port, { from: 'big@customer.example', to: [INBOX_ADDRESS] }, big);
    expect(tooBig).toMatchObject({ accepted: false, responseCode: 552 });
    const garbage = await sendRawMail(listener.port, { from: 'junk@customer.example', to: [INBOX_ADDRESS] }, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x41, 0x0d, 0x0a]));
    expect(garbage).toMatchObject({ accepted: false, responseCode: 550 });
    expect(garbage.response).toContain('5.6.0 Message refused: not an email message');
    const noSender = await sendRawMail(listener.port, { from: '', to: [INBOX_ADDRESS] }, 'Subject: who am I\r\n\r\nno From anywhere\r\n');
    expect(noSender).toMatchObject({ accepted: false, responseCode: 550 });
    expect(noSender.response).toContain('has no sender address');
    const fine = await sendRawMail(listener.port, { from: 'hal@customer.example', to: [INBOX_ADDRESS] }, `From: hal@customer.example\r\nTo: ${INBOX_ADDRESS}\r\nSubject: still up?\r\nMessage-ID: <hal-1.${tag}@customer.example>\r\n\r\nyes\r\n`);
    expect(fine).toMatchObject({ accepted: true });
    expect((await storedEmail(`hal-1.${tag}@customer.example`)).body).toBe('yes');
  });

  it('quarantines a message with too many parts: stored with the reason and the original attached', async () => {
    const parts = Array.from({ length: 101 }, (_, i) => `--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="f${i}.bin"\r\n\r\nx${i}\r\n`).join('');
    const raw = `From: ida@customer.example\r\nTo: ${INBOX_ADDRESS}\r\nSubject: many files\r\nMessage-ID: <ida-1.${tag}@customer.example>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${parts}--b--\r\n`;
    expect(await sendRawMail(listener.port, { from: 'ida@customer.example', to: [INBOX_ADDRESS] }, raw)).toMatchObject({ accepted: true });
    const message = await storedEmail(`ida-1.${tag}@customer.example`);
    expect(message.body).toBe('This email could not be read: it has 101 parts; at most 100 are read. The original message is attached.');
    expect(message.channelData).toMatchObject({ quarantine: 'it has 101 parts; at most 100 are read' });
    const stored = (await conversation(message.conversationId)).messages[0]!;
    expect(stored.attachments).toEqual([expect.objectContaining({ fileName: 'original.eml', contentType: 'message/rfc822' })]);
  });
});

describe('delivery failures', () => {
  it('fails a reply at once when the relay refuses it with a 5xx, and retries when the relay cannot be reached', async () => {
    const refusing = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error('5.1.1 User unknown'), { responseCode: 550 })) });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const refusingPort = (refusing.server.address() as { port: number }).port;
    try {
      await client.sendMail({ from: 'jan@customer.example', to: INBOX_ADDRESS, subject: 'Refund', text: 'Refund please', messageId: `<jan-1.${tag}@customer.example>` });
      const { conversationId } = await storedEmail(`jan-1.${tag}@customer.example`);
      await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { address: INBOX_ADDRESS, fromName: 'Shop Support' }, secrets: { smtpUrl: `smtp://127.0.0.1:${refusingPort}` } } });
      const refused = await reply(conversationId, 'Refund issued.');
      await deliver();
      expect((await conversation(conversationId)).messages.find((m) => m.id === refused)).toMatchObject({ deliveryStatus: 'failed', deliveryError: expect.stringContaining('550 5.1.1 User unknown') });

      await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { address: INBOX_ADDRESS, fromName: 'Shop Support' }, secrets: { smtpUrl: 'smtp://127.0.0.1:1' } } });
      const unreachable = await reply(conversationId, 'Second try.');
      const worker = createChannelDeliveryWorker(t.services.db, t.services.channels, { files: t.services.files, accountId: ws.accountId, backoffMs: [60_000] });
      await worker.tick();
      await worker.settled();
      expect((await conversation(conversationId)).messages.find((m) => m.id === unreachable)).toMatchObject({ deliveryStatus: 'pending', deliveryError: expect.stringContaining('could not be reached') });
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
      await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { address: INBOX_ADDRESS, fromName: 'Shop Support' }, secrets: { smtpUrl: sink.url } } });
    }
  });
});
