import { createHash } from 'node:crypto';
import { type AddressObject, simpleParser } from 'mailparser';
import { normalizeAddress } from './email-address.ts';

export interface EmailAddress {
  address: string;
  name: string;
}

export interface EmailAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
  /** `Content-ID` without brackets: an inline image the HTML shows as `cid:<id>`. */
  contentId: string | null;
  inline: boolean;
}

/**
 * One email, whichever way it came in (SMTP, a provider's raw MIME, a provider's parsed fields). Header names are
 * lower-case; ids are Message-IDs without angle brackets.
 */
export interface ParsedEmail {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: EmailAddress | null;
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  subject: string;
  date: Date | null;
  headers: ReadonlyMap<string, string[]>;
  /** The top-level media type, lower-case (`multipart/report`), and its `report-type` parameter. */
  contentType: string;
  reportType: string | null;
  text: string;
  html: string | null;
  attachments: EmailAttachment[];
  /** Why the message cannot be read normally (it is quarantined); null for a healthy message. */
  problem: string | null;
}

/** A message Touchpoint will not take at all: it is refused (SMTP 550, webhook 4xx) with this reason. */
export class EmailRejectedError extends Error {
  override name = 'EmailRejectedError';
}

/** More parts than this is a MIME bomb or a mass mailing, not a customer writing: quarantined. */
export const MAX_EMAIL_PARTS = 100;

/** The ids in an In-Reply-To or References header, without brackets, in order. */
export function parseMessageIds(value: string | string[] | null | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const bracketed = [...text.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!);
  const ids = bracketed.length > 0 ? bracketed : text.split(/[\s,]+/).filter((id) => id.includes('@'));
  return [...new Set(ids.map((id) => id.trim()).filter((id) => id.length > 0 && id.length <= 998))];
}

export const parseMessageId = (value: string | null | undefined) => parseMessageIds(value)[0] ?? null;

const addressesOf = (field: AddressObject | AddressObject[] | undefined): EmailAddress[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((group) => group.value)
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .map((entry) => ({ address: normalizeAddress(entry.address) ?? '', name: (entry.name ?? '').trim() }))
    .filter((entry) => entry.address !== '');

/** A header section first: the first line must be `Name: value`, else this is not an email. */
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/** Header values by lower-case name, unfolded, in the order they appear (Received headers can be counted). */
function headerMapOf(lines: readonly { key: string; line: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    map.set(key.toLowerCase(), [...(map.get(key.toLowerCase()) ?? []), value]);
  }
  return map;
}

/**
 * Parses raw MIME with `mailparser`, which decodes every charset mail uses (ISO-2022-JP, Shift_JIS, EUC-JP, GB2312
 * and GBK, Big5, the ISO-8859 family…) through iconv-lite and encoding-japanese. Never throws for a broken message:
 * what cannot be read becomes `problem` and the message is quarantined. Throws `EmailRejectedError` only for bytes
 * that are not an email at all (no header section).
 */
export async function parseRawEmail(raw: Buffer): Promise<ParsedEmail> {
  const head = raw.subarray(0, 1000).toString('latin1').replace(/^(\r?\n)+/, '');
  if (raw.length === 0 || !HEADER_LINE.test(head)) throw new EmailRejectedError('not an email message: it does not start with a header section');
  let mail;
  try {
    mail = await simpleParser(raw, { keepCidLinks: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  } catch (error) {
    return { ...emptyEmail(), headers: headerMapOf(rawHeaderLines(raw)), problem: `the MIME structure could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const attachments = mail.attachments.map((attachment) => ({
    fileName: attachment.filename ?? defaultFileName(attachment.contentType),
    contentType: attachment.contentType,
    content: attachment.content,
    contentId: attachment.cid ?? null,
    inline: attachment.contentDisposition === 'inline' || Boolean(attachment.related),
  }));
  const from = addressesOf(mail.from)[0] ?? null;
  return {
    messageId: parseMessageId(mail.messageId),
    inReplyTo: parseMessageIds(mail.inReplyTo),
    references: parseMessageIds(mail.references),
    from,
    replyTo: addressesOf(mail.replyTo),
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    subject: (mail.subject ?? '').trim(),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    headers: headerMapOf(mail.headerLines),
    contentType: (contentType?.value ?? 'text/plain').toLowerCase(),
    reportType: contentType?.params?.['report-type']?.toLowerCase() ?? null,
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : null,
    attachments,
    problem: attachments.length > MAX_EMAIL_PARTS ? `it has ${attachments.length} parts; at most ${MAX_EMAIL_PARTS} are read` : null,
  };
}

function rawHeaderLines(raw: Buffer) {
  const text = raw.subarray(0, 64 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = end === -1 ? text : text.slice(0, end);
  return block.split(/\r?\n(?![ \t])/).filter((line) => HEADER_LINE.test(line)).map((line) => ({ key: line.slice(0, line.indexOf(':')).trim(), line }));
}

export function emptyEmail(): ParsedEmail {
  return { messageId: null, inReplyTo: [], references: [], from: null, replyTo: [], to: [], cc: [], subject: '', date: null, headers: new Map(), contentType: 'text/plain', reportType: null, text: '', html: null, attachments: [], problem: null };
}

const defaultFileName = (contentType: string) => {
  if (contentType === 'message/rfc822') return 'message.eml';
  if (contentType === 'text/rfc822-headers') return 'headers.txt';
  const subtype = contentType.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'bin';
  return `attachment.${subtype}`;
};

/** First value of a header (lower-case name). */
export const headerOf = (email: Pick<ParsedEmail, 'headers'>, name: string) => email.headers.get(name)?.[0] ?? null;

/** The id the message is stored under: its Message-ID, or for a message without one a hash of its bytes (retries of the same bytes are still stored once). */
export const storageIdOf = (email: Pick<ParsedEmail, 'messageId'>, raw: Buffer | null, fallback: string) =>
  email.messageId ?? `no-message-id.${createHash('sha256').update(raw ?? fallback).digest('hex').slice(0, 40)}`;
