import { createHmac, timingSafeEqual } from 'node:crypto';
import busboy from 'busboy';
import addressparser from 'nodemailer/lib/addressparser';
import { normalizeAddress } from './email-address.ts';
import { type EmailAddress, type ParsedEmail, EmailRejectedError, MAX_EMAIL_PARTS, emptyEmail, parseMessageId, parseMessageIds, parseRawEmail } from './email-parse.ts';

/** A provider's form post: fields (last value wins) as the bytes sent, and files. */
export interface FormPost {
  fields: Map<string, Buffer>;
  files: { field: string; fileName: string; contentType: string; content: Buffer }[];
}

/** A field as UTF-8 text (what providers send for everything but raw MIME). */
export const fieldText = (post: FormPost, name: string): string | undefined => post.fields.get(name)?.toString('utf8');


/** A form body Touchpoint cannot read: answered 400 with this reason. */
export class MalformedFormError extends Error {
  override name = 'MalformedFormError';
}

/**
 * Reads a `multipart/form-data` or `application/x-www-form-urlencoded` body from the bytes received (the webhook
 * scope keeps bodies raw), with `busboy`. Field values are decoded as latin1 and turned back into their exact bytes:
 * a raw MIME field may hold 8-bit Shift_JIS or Big5 that a UTF-8 decoding would destroy. A field or file past
 * `maxBytes` is refused rather than cut short.
 */
export function readFormPost(body: Buffer, contentType: string | undefined, maxBytes: number): Promise<FormPost> {
  return new Promise((resolve, reject) => {
    const post: FormPost = { fields: new Map(), files: [] };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType ?? '' }, defCharset: 'latin1', defParamCharset: 'utf8', limits: { fieldSize: maxBytes, fileSize: maxBytes, files: MAX_EMAIL_PARTS + 1, fields: 1000, parts: MAX_EMAIL_PARTS + 1000 } });
    } catch (error) {
      reject(new MalformedFormError(`the body is not a form post (${error instanceof Error ? error.message : String(error)})`));
      return;
    }
    let failed = false;
    const fail = (reason: string) => {
      if (!failed) reject(new MalformedFormError(reason));
      failed = true;
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(`the field "${name}" is larger than ${maxBytes} bytes`);
      post.fields.set(name, Buffer.from(value, 'latin1'));
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(`the file "${info.filename}" is larger than ${maxBytes} bytes`));
      stream.on('end', () => post.files.push({ field, fileName: info.filename ?? field, contentType: info.mimeType || 'application/octet-stream', content: Buffer.concat(chunks) }));
    });
    parser.on('filesLimit', () => fail(`more than ${MAX_EMAIL_PARTS} files`));
    parser.on('partsLimit', () => fail('too many parts'));
    parser.on('fieldsLimit', () => fail('too many fields'));
    parser.on('error', (error: Error) => fail(`the form could not be read (${error.message})`));
    parser.on('close', () => {
      if (!failed) resolve(post);
    });
    parser.end(body);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Mailgun: Routes with forward("<webhook URL>/mailgun") (parsed fields) or forward("<webhook URL>/mailgun/mime")
// (raw MIME in `body-mime`), or store(notify="<webhook URL>/mailgun"). Signed: HMAC-SHA256 of timestamp + token with
// the domain's HTTP webhook signing key, hex, in `signature`.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Mailgun's signature covers the timestamp and token, not the body, so a signed request seen once could carry any
 * body: requests older than this are refused, and a token already used is refused within it (`MailgunReplayGuard`).
 * Long enough for Mailgun's retries, which go on for 8 hours.
 */
export const MAILGUN_SIGNATURE_MAX_AGE_MS = 9 * 3600_000;

export function verifyMailgunSignature(signingKey: string, fields: Map<string, Buffer>, now = new Date()): boolean {
  const timestamp = fields.get('timestamp')?.toString('utf8') ?? '';
  const token = fields.get('token')?.toString('utf8') ?? '';
  const signature = fields.get('signature')?.toString('utf8') ?? '';
  if (!signingKey || !/^\d{1,12}$/.test(timestamp) || !token || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > MAILGUN_SIGNATURE_MAX_AGE_MS) return false;
  const expected = createHmac('sha256', signingKey).update(`${timestamp}${token}`).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** Remembers Mailgun tokens that were used for a stored message, for as long as their signature is accepted. */
export function createMailgunReplayGuard(now: () => number = Date.now) {
  const seen = new Map<string, number>();
  return {
    wasUsed: (token: string) => (seen.get(token) ?? 0) > now(),
    markUsed(token: string) {
      const at = now();
      for (const [key, until] of seen) if (until <= at) seen.delete(key);
      seen.set(token, at + MAILGUN_SIGNATURE_MAX_AGE_MS);
    },
  };
}

const firstAddress = (value: string | undefined): EmailAddress | null => addressesIn(value)[0] ?? null;

function addressesIn(value: string | undefined): EmailAddress[] {
  if (!value?.trim()) return [];
  return addressparser(value, { flatten: true })
    .map((entry) => ({ address: normalizeAddress(entry.address) ?? '', name: entry.name ?? '' }))
    .filter((entry) => entry.address !== '');
}

/**
 * A Mailgun post as an email. With `body-mime` (a route URL ending in `mime`) the raw message is parsed like SMTP
 * mail; otherwise Mailgun's parsed fields are used: `message-headers` (JSON list of [name, value]), `body-plain`,
 * `body-html`, files `attachment-N` and `content-id-map` for inline images.
 */
export async function parseMailgunPost(post: FormPost): Promise<{ email: ParsedEmail; raw: Buffer | null; envelope: { from?: string; to: string[] } }> {
  const envelope = { from: fieldText(post, 'sender') ?? undefined, to: (fieldText(post, 'recipient') ?? '').split(',').map((r) => r.trim()).filter(Boolean) };
  const raw = post.fields.get('body-mime') ?? post.files.find((file) => file.field === 'body-mime')?.content;
  if (raw !== undefined) return { email: await parseRawEmail(raw), raw, envelope };
  if (!post.fields.has('body-plain') && !post.fields.has('message-headers')) throw new EmailRejectedError('the post has neither body-mime nor body-plain and message-headers: is this a Mailgun route?');
  let headerList: unknown;
  try {
    headerList = JSON.parse(fieldText(post, 'message-headers') ?? '[]');
  } catch {
    throw new EmailRejectedError('message-headers is not valid JSON');
  }
  const headers = new Map<string, string[]>();
  for (const pair of Array.isArray(headerList) ? headerList : []) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string') continue;
    const name = pair[0].toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), String(pair[1] ?? '')]);
  }
  const header = (name: string) => headers.get(name.toLowerCase())?.[0] ?? fieldText(post, name) ?? undefined;
  let cidMap: Record<string, string> = {};
  try {
    cidMap = JSON.parse(fieldText(post, 'content-id-map') ?? '{}') as Record<string, string>;
  } catch {
    cidMap = {};
  }
  const cidOfField = new Map(Object.entries(cidMap).map(([cid, field]) => [field, cid.replace(/^<|>$/g, '')]));
  const contentType = header('Content-Type') ?? 'text/plain';
  const email: ParsedEmail = {
    ...emptyEmail(),
    messageId: parseMessageId(header('Message-Id')),
    inReplyTo: parseMessageIds(header('In-Reply-To')),
    references: parseMessageIds(header('References')),
    from: firstAddress(fieldText(post, 'from') ?? header('From')),
    replyTo: addressesIn(header('Reply-To')),
    to: addressesIn(header('To') ?? fieldText(post, 'To')),
    cc: addressesIn(header('Cc') ?? fieldText(post, 'Cc')),
    subject: (fieldText(post, 'subject') ?? header('Subject') ?? '').trim(),
    headers,
    contentType: contentType.split(';')[0]!.trim().toLowerCase(),
    reportType: /report-type="?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? null,
    text: fieldText(post, 'body-plain') ?? '',
    html: fieldText(post, 'body-html') ?? null,
    attachments: post.files
      .filter((file) => /^attachment-\d+$/.test(file.field))
      .map((file) => ({ fileName: file.fileName, contentType: file.contentType, content: file.content, contentId: cidOfField.get(file.field) ?? null, inline: cidOfField.has(file.field) })),
  };
  return { email, raw: null, envelope };
}

// ---------------------------------------------------------------------------------------------------------------
// SendGrid Inbound Parse with "POST the raw, full MIME message" on: multipart with the message in `email` and the
// SMTP envelope in `envelope` (JSON). SendGrid does not sign Inbound Parse posts, so the URL carries a secret.
// ---------------------------------------------------------------------------------------------------------------

/**
 * SendGrid's Inbound Parse has no signature. The inbox's `sendgridVerificationKey` must come with the post, as
 * `?verificationKey=<key>` in the URL or as the password of HTTP Basic auth (`https://any:<key>@…`).
 */
export function verifySendGridKey(verificationKey: string, query: string | undefined, authorization: string | undefined): boolean {
  if (!verificationKey) return false;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '')?.[1];
  const fromBasic = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : undefined;
  const given = Buffer.from(query ?? fromBasic ?? '');
  const expected = Buffer.from(verificationKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function parseSendGridPost(post: FormPost): Promise<{ email: ParsedEmail; raw: Buffer; envelope: { from?: string; to: string[] } }> {
  const raw = post.fields.get('email') ?? post.files.find((file) => file.field === 'email')?.content;
  if (raw === undefined) throw new EmailRejectedError('the post has no "email" field: turn on "POST the raw, full MIME message" in SendGrid’s Inbound Parse settings');
  let envelope: { from?: string; to: string[] } = { to: [] };
  try {
    const parsed = JSON.parse(fieldText(post, 'envelope') ?? '{}') as { from?: unknown; to?: unknown };
    envelope = { from: typeof parsed.from === 'string' ? parsed.from : undefined, to: Array.isArray(parsed.to) ? parsed.to.filter((to): to is string => typeof to === 'string') : [] };
  } catch {
    envelope = { to: [] };
  }
  return { email: await parseRawEmail(raw), raw, envelope };
}
