import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@touchpoint/db';
import { multipartBody, type MultipartPart } from '../testing/multipart.ts';
import { getTestDatabase } from '../testing/test-database.ts';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../packages/channels/src/email/fixtures/${name}`, import.meta.url));

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let webhookPath: string;
const tag = randomUUID().slice(0, 8);
const ADDRESS = `help-${tag}@shop.example`;
const MAILGUN_KEY = 'mailgun-signing-key-1';
const SENDGRID_KEY = 'sendgrid-verification-key-1';

const url = (path: string) => `/api/v1/accounts/${ws.accountId}${path}`;

/** The signature fields of a Mailgun post, made with the signing key (or another). */
function mailgunSignature(key = MAILGUN_KEY, timestamp = String(Math.floor(Date.now() / 1000))): MultipartPart[] {
  const token = randomBytes(25).toString('hex');
  return [{ name: 'timestamp', value: timestamp }, { name: 'token', value: token }, { name: 'signature', value: createHmac('sha256', key).update(`${timestamp}${token}`).digest('hex') }];
}

function post(path: string, body: Buffer | string, contentType: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: `${webhookPath}${path}`, payload: body, headers: { 'content-type': contentType, ...headers } });
}

function postMailgun(parts: MultipartPart[], path = '/mailgun') {
  const { body, contentType } = multipartBody(parts);
  return post(path, body, contentType);
}

async function storedEmail(messageId: string) {
  const { db } = await getTestDatabase();
  const [row] = await db.select().from(schema.messages).where(and(eq(schema.messages.accountId, ws.accountId), eq(schema.messages.externalId, `email:${messageId}`)));
  return row ?? null;
}

const parsedMailgunMessage = (messageId: string, extra: MultipartPart[] = []): MultipartPart[] => [
  { name: 'recipient', value: ADDRESS },
  { name: 'sender', value: 'kim@customer.example' },
  { name: 'from', value: 'Kim Lee <kim@customer.example>' },
  { name: 'subject', value: '返品について' },
  { name: 'body-plain', value: '返品したいです。\n\n--\nKim' },
  { name: 'body-html', value: '<p>返品したいです。<img src="cid:ii_abc"></p>' },
  { name: 'message-headers', value: JSON.stringify([['Message-Id', `<${messageId}>`], ['To', ADDRESS], ['Cc', 'lee@customer.example'], ['Subject', '返品について']]) },
  { name: 'content-id-map', value: JSON.stringify({ '<ii_abc>': 'attachment-1' }) },
  { name: 'attachment-count', value: '1' },
  { name: 'attachment-1', value: Buffer.from('png-bytes'), fileName: 'receipt.png', contentType: 'image/png' },
  ...extra,
];

beforeAll(async () => {
  t = await createTestApp();
  ws = await createTestWorkspace();
  admin = await signInAs(t.app, ws.admin.email);
  const created = await requestAs(t.app, admin, { method: 'POST', url: url('/inboxes'), payload: { name: 'Help', channel: 'email' } });
  const inboxId = created.json<{ id: string }>().id;
  const connected = await requestAs(t.app, admin, { method: 'PUT', url: url(`/inboxes/${inboxId}/channel`), payload: { config: { address: ADDRESS }, secrets: { mailgunSigningKey: MAILGUN_KEY, sendgridVerificationKey: SENDGRID_KEY } } });
  expect(connected.statusCode, connected.body).toBe(200);
  webhookPath = new URL(connected.json<{ webhookUrl: string }>().webhookUrl).pathname;
});
afterAll(() => t.close());

describe('Mailgun', () => {
  it('stores a signed post in the parsed format once, with its attachment shown inline in the HTML', async () => {
    const id = `mg-1.${tag}@customer.example`;
    const first = await postMailgun([...mailgunSignature(), ...parsedMailgunMessage(id)]);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ outcome: 'stored', duplicate: false, autoReply: false });
    const again = await postMailgun([...mailgunSignature(), ...parsedMailgunMessage(id)]);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, duplicate: true });
    const stored = await requestAs(t.app, admin, { method: 'GET', url: url(`/conversations/${first.json().conversationId}`) });
    const conversation = stored.json<{ subject: string; messages: { body: string; channelData: Record<string, unknown>; attachments: { url: string; fileName: string }[] }[] }>();
    expect(conversation.subject).toBe('返品について');
    expect(conversation.messages).toHaveLength(1);
    const [message] = conversation.messages;
    expect(message!.body).toBe('返品したいです。');
    expect(message!.attachments.map((a) => a.fileName)).toEqual(['receipt.png']);
    expect(message!.channelData).toMatchObject({ source: 'mailgun', html: `<p>返品したいです。<img src="${message!.attachments[0]!.url}" /></p>`, cc: [{ address: 'lee@customer.example', name: '' }] });
  });

  it('answers 401 for a wrong key, a reused token, or no signature, and stores nothing', async () => {
    const forged = await postMailgun([...mailgunSignature('not-the-key'), ...parsedMailgunMessage(`mg-2.${tag}@customer.example`)]);
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    const unsigned = await postMailgun(parsedMailgunMessage(`mg-2.${tag}@customer.example`));
    expect(unsigned.statusCode).toBe(401);
    const stale = await postMailgun([...mailgunSignature(MAILGUN_KEY, String(Math.floor(Date.now() / 1000) - 10 * 3600)), ...parsedMailgunMessage(`mg-2.${tag}@customer.example`)]);
    expect(stale.statusCode).toBe(401);
    expect(await storedEmail(`mg-2.${tag}@customer.example`)).toBeNull();

    const signature = mailgunSignature();
    expect((await postMailgun([...signature, ...parsedMailgunMessage(`mg-3.${tag}@customer.example`)])).statusCode).toBe(201);
    const replayed = await postMailgun([...signature, ...parsedMailgunMessage(`mg-4.${tag}@customer.example`)]);
    expect(replayed.statusCode).toBe(401);
    expect(await storedEmail(`mg-4.${tag}@customer.example`)).toBeNull();
  });

  it('reads the raw message of a route ending in /mime, decoding its charset', async () => {
    const raw = Buffer.concat([Buffer.from(`Message-ID: <mg-mime.${tag}@customer.example>\r\n`), fixture('mikel-mail/japanese_iso_2022.eml')]);
    const response = await postMailgun([...mailgunSignature(), { name: 'recipient', value: ADDRESS }, { name: 'sender', value: 'raasdnil@gmail.com' }, { name: 'body-mime', value: raw }], '/mailgun/mime');
    expect(response.statusCode, response.body).toBe(201);
    expect((await storedEmail(`mg-mime.${tag}@customer.example`))!.body).toBe('すみません。');
  });

  it('takes a message larger than other channels’ webhooks allow (a 6 MB attachment)', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 7);
    const response = await postMailgun([...mailgunSignature(), ...parsedMailgunMessage(`mg-big.${tag}@customer.example`).filter((part) => part.name !== 'attachment-1'), { name: 'attachment-1', value: big, fileName: 'scan.tiff', contentType: 'image/tiff' }]);
    expect(response.statusCode, response.body).toBe(201);
    const { db } = await getTestDatabase();
    const [file] = await db.select({ byteSize: schema.attachments.byteSize }).from(schema.attachments).where(eq(schema.attachments.messageId, response.json().id));
    expect(file!.byteSize).toBe(big.length);
  });

  it('takes the urlencoded format Mailgun uses when there are no attachments', async () => {
    const form = new URLSearchParams();
    for (const part of mailgunSignature()) form.set(part.name, String(part.value));
    form.set('from', 'Noor <noor@customer.example>');
    form.set('subject', 'Question');
    form.set('body-plain', 'Is the shop open on Sunday?');
    form.set('message-headers', JSON.stringify([['Message-Id', `<mg-url.${tag}@customer.example>`], ['To', ADDRESS]]));
    const response = await post('/mailgun', form.toString(), 'application/x-www-form-urlencoded');
    expect(response.statusCode, response.body).toBe(201);
    expect((await storedEmail(`mg-url.${tag}@customer.example`))!.body).toBe('Is the shop open on Sunday?');
  });

  it('answers 406 (Mailgun does not retry) for a post it can never store, 400 for a body that is no form, and 404 for an unknown key', async () => {
    const noSender = await postMailgun([...mailgunSignature(), { name: 'body-plain', value: 'hi' }, { name: 'message-headers', value: '[]' }]);
    expect(noSender.statusCode).toBe(406);
    expect(noSender.json()).toMatchObject({ status: 406, detail: 'the message has no sender address (From)' });
    const notAForm = await post('/mailgun', '{"hello":1}', 'application/json');
    expect(notAForm.statusCode).toBe(400);
    expect(notAForm.json().detail).toContain('not a form post');
    const unknown = await t.app.inject({ method: 'POST', url: '/channels/email/0123456789abcdef0123456789abcdef/mailgun', payload: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('SendGrid Inbound Parse', () => {
  const sendgridPost = (raw: Buffer, extra: MultipartPart[] = []) => multipartBody([
    { name: 'email', value: raw },
    { name: 'envelope', value: JSON.stringify({ to: [ADDRESS], from: 'sender@customer.example' }) },
    { name: 'to', value: ADDRESS },
    { name: 'charsets', value: '{"to":"UTF-8"}' },
    ...extra,
  ]);

  it('stores the raw message with the key in the URL, decoding an 8-bit Shift_JIS body byte for byte', async () => {
    const raw = Buffer.concat([Buffer.from(`X-Test-Run: ${tag}\r\n`), fixture('shift_jis.eml')]).toString('latin1').replace('<sjis-0001@example.jp>', `<sg-sjis.${tag}@example.jp>`);
    const { body, contentType } = sendgridPost(Buffer.from(raw, 'latin1'));
    const response = await post(`/sendgrid?verificationKey=${SENDGRID_KEY}`, body, contentType);
    expect(response.statusCode, response.body).toBe(201);
    const message = await storedEmail(`sg-sjis.${tag}@example.jp`);
    expect(message!.body).toBe('お世話になっております。\n注文番号 SG-1042 の配送状況を教えてください。ｶﾀｶﾅも大丈夫ですか？');
    expect(message!.channelData).toMatchObject({ source: 'sendgrid' });
  });

  it('takes the key as the Basic auth password too, and answers 401 without it', async () => {
    const raw = Buffer.from(`From: omar@customer.example\r\nTo: ${ADDRESS}\r\nSubject: Hi\r\nMessage-ID: <sg-basic.${tag}@customer.example>\r\n\r\nHello\r\n`);
    const { body, contentType } = sendgridPost(raw);
    expect((await post('/sendgrid', body, contentType)).statusCode).toBe(401);
    expect((await post('/sendgrid?verificationKey=wrong', body, contentType)).statusCode).toBe(401);
    expect(await storedEmail(`sg-basic.${tag}@customer.example`)).toBeNull();
    const basic = await post('/sendgrid', body, contentType, { authorization: `Basic ${Buffer.from(`sendgrid:${SENDGRID_KEY}`).toString('base64')}` });
    expect(basic.statusCode, basic.body).toBe(201);
  });

  it('refuses the parsed (not raw) format with 400 saying how to turn raw on, and garbage in the raw field with 400', async () => {
    const parsed = multipartBody([{ name: 'text', value: 'hi' }, { name: 'from', value: 'x@customer.example' }, { name: 'envelope', value: '{}' }]);
    const notRaw = await post(`/sendgrid?verificationKey=${SENDGRID_KEY}`, parsed.body, parsed.contentType);
    expect(notRaw.statusCode).toBe(400);
    expect(notRaw.json().detail).toContain('POST the raw, full MIME message');
    const garbage = sendgridPost(Buffer.from([0, 1, 2, 3, 0xff]));
    const refused = await post(`/sendgrid?verificationKey=${SENDGRID_KEY}`, garbage.body, garbage.contentType);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('not an email message');
    const truncated = sendgridPost(Buffer.from('From: a@b.example\r\n\r\nx'));
    const cut = await post(`/sendgrid?verificationKey=${SENDGRID_KEY}`, truncated.body.subarray(0, truncated.body.length - 40), truncated.contentType);
    expect(cut.statusCode).toBe(400);
    expect(cut.headers['content-type']).toContain('application/problem+json');
  });
});
