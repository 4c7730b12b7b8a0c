import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { type FileStore, uploadAttachment } from '@touchpoint/conversations';
import type { ChannelInbox } from '../channel-adapter.ts';
import { applyDeliveryStatus } from '../delivery.ts';
import { channelScope, externalIdOf, receiveChannelMessage } from '../inbound.ts';
import { conversationOfRecipients, isAddressOfInbox, normalizeAddress } from './email-address.ts';
import { type DeliveryReport, classifyEmail, describeBounce } from './email-classify.ts';
import { foldQuotedText, sanitizeEmailHtml } from './email-body.ts';
import { type ParsedEmail, EmailRejectedError, storageIdOf } from './email-parse.ts';

export const EMAIL_CHANNEL = 'email';

/** How the email reached Touchpoint. */
export interface EmailReceipt {
  source: 'smtp' | 'mailgun' | 'sendgrid';
  /** The message's bytes when the path had them (SMTP, raw MIME from a provider): kept for quarantined mail. */
  raw: Buffer | null;
  /** The SMTP envelope: sender ('' for the null sender `<>`) and recipients, when the path reports them. */
  envelope?: { from?: string; to: string[] };
}

export interface EmailDependencies {
  db: Database;
  files: FileStore;
  /** The attachment size limit (`ATTACHMENT_MAX_BYTES`): larger parts are listed in channelData, not stored. */
  maxAttachmentBytes: number;
}

export type EmailOutcome =
  | { outcome: 'stored'; messageId: string; conversationId: string; duplicate: boolean; autoReply: boolean; quarantined: string | null }
  | { outcome: 'bounce'; reason: string; failedReplies: string[] }
  | { outcome: 'loop'; reason: string };

/** Longest body stored on the message; the whole text stays in channelData.text. */
const MAX_BODY_CHARS = 20_000;
const MAX_KEPT_TEXT_CHARS = 500_000;
/** Sanitized HTML past this is not kept for display (the text is). */
const MAX_KEPT_HTML_CHARS = 1_000_000;

/**
 * One pipeline for every way mail comes in (SMTP, Mailgun, SendGrid): classify, then
 * - a loop is dropped (the caller logs it);
 * - a bounce marks the reply it returns failed (found by its Message-ID) and opens nothing;
 * - anything else is stored in its conversation — found by the reply token in a recipient address, else by
 *   In-Reply-To/References, else a new one with the Subject — with attachments, inline images, sanitized HTML,
 *   quoted history and signature folded out of the body. Auto-replies are flagged and never answered
 *   automatically. A message that cannot be read is quarantined: stored with the reason and the original attached.
 * Idempotent on the Message-ID. Throws `EmailRejectedError` for mail that has no sender at all.
 */
export async function receiveEmail(deps: EmailDependencies, inbox: ChannelInbox, email: ParsedEmail, receipt: EmailReceipt): Promise<EmailOutcome> {
  const address = inbox.config.address ?? '';
  const classified = email.problem ? { kind: 'message' as const } : classifyEmail(email, { ourAddresses: [address], envelopeFrom: receipt.envelope?.from });
  if (classified.kind === 'loop') return { outcome: 'loop', reason: classified.reason };
  if (classified.kind === 'bounce') {
    const reason = describeBounce(classified.report, email.subject);
    return { outcome: 'bounce', reason, failedReplies: classified.report.failed ? await failBouncedReplies(deps.db, inbox, classified.report, reason) : [] };
  }

  const senderAddress = email.from?.address ?? normalizeAddress(receipt.envelope?.from);
  if (!senderAddress) throw new EmailRejectedError('the message has no sender address (From)');
  const storageId = storageIdOf(email, receipt.raw, `${email.subject}\n${email.text}`);
  const [existing] = await deps.db
    .select({ id: schema.messages.id, conversationId: schema.messages.conversationId })
    .from(schema.messages)
    .where(and(eq(schema.messages.accountId, inbox.accountId), eq(schema.messages.externalId, externalIdOf(EMAIL_CHANNEL, storageId))));
  const autoReply = classified.kind === 'auto_reply';
  if (existing) return { outcome: 'stored', messageId: existing.id, conversationId: existing.conversationId, duplicate: true, autoReply, quarantined: email.problem };

  const stored = email.problem ? await storeOriginal(deps, inbox, receipt.raw) : await storeAttachments(deps, inbox, email);
  const folded = foldQuotedText(email.text);
  const body = email.problem
    ? `This email could not be read: ${email.problem}.${stored.attachmentIds.length > 0 ? ' The original message is attached.' : ''}`
    : truncate(folded.text, MAX_BODY_CHARS);
  const html = email.html ? sanitizeEmailHtml(email.html, (cid) => stored.inline[cid] ?? null) : null;
  const recipients = [...(receipt.envelope?.to ?? []), ...email.to.map((a) => a.address), ...email.cc.map((a) => a.address)];
  const visibleToUs = [...email.to, ...email.cc].some((a) => isAddressOfInbox(address, a.address));
  const channelData: Record<string, unknown> = {
    source: receipt.source,
    messageId: email.messageId,
    subject: email.subject,
    from: email.from ?? { address: senderAddress, name: '' },
    to: email.to,
    cc: email.cc,
    ...(email.replyTo.length > 0 ? { replyTo: email.replyTo } : {}),
    references: [...new Set([...email.references, ...email.inReplyTo])].slice(-50),
    ...(visibleToUs || recipients.length === 0 ? {} : { receivedAs: 'bcc' }),
    ...(folded.quoted || folded.signature ? { quoted: truncate(folded.quoted, MAX_KEPT_TEXT_CHARS), signature: folded.signature, text: truncate(email.text, MAX_KEPT_TEXT_CHARS) } : {}),
    ...(html && html.length <= MAX_KEPT_HTML_CHARS ? { html } : {}),
    ...(Object.keys(stored.inline).length > 0 ? { inlineImages: stored.inline } : {}),
    ...(stored.skipped.length > 0 ? { skippedAttachments: stored.skipped } : {}),
    ...(autoReply ? { autoReplyReason: classified.reason } : {}),
    ...(email.problem ? { quarantine: email.problem } : {}),
  };
  const { message, duplicate } = await receiveChannelMessage(deps.db, inbox, {
    externalId: storageId,
    sender: { externalId: senderAddress, name: email.from?.name || null, email: senderAddress },
    body,
    attachmentIds: stored.attachmentIds,
    channelData,
    subject: email.subject || null,
    threading: 'explicit',
    conversationId: conversationOfRecipients(address, inbox.channelKey, inbox.id, recipients),
    conversationInAnyInbox: true,
    replyTo: [...email.inReplyTo, ...[...email.references].reverse()],
    automatic: autoReply,
  });
  return { outcome: 'stored', messageId: message.id, conversationId: message.conversationId, duplicate, autoReply, quarantined: email.problem };
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

interface StoredFiles {
  attachmentIds: string[];
  /** Content-ID → the stored file's URL, for `cid:` images in the HTML. */
  inline: Record<string, string>;
  skipped: { fileName: string; reason: string }[];
}

/** Report parts of a bounce are not files anyone wants; everything else is stored (inline images too). */
const SKIPPED_TYPES = new Set(['message/delivery-status', 'message/disposition-notification']);

async function storeAttachments(deps: EmailDependencies, inbox: ChannelInbox, email: ParsedEmail): Promise<StoredFiles> {
  const result: StoredFiles = { attachmentIds: [], inline: {}, skipped: [] };
  for (const attachment of email.attachments) {
    if (SKIPPED_TYPES.has(attachment.contentType)) continue;
    if (attachment.content.length > deps.maxAttachmentBytes) {
      result.skipped.push({ fileName: attachment.fileName, reason: `larger than ${deps.maxAttachmentBytes} bytes` });
      continue;
    }
    if (attachment.content.length === 0) {
      result.skipped.push({ fileName: attachment.fileName, reason: 'empty' });
      continue;
    }
    const stored = await uploadAttachment(deps.db, deps.files, channelScope(inbox), { fileName: attachment.fileName, contentType: attachment.contentType, content: Readable.from([attachment.content]) }, deps.maxAttachmentBytes);
    result.attachmentIds.push(stored.id);
    if (attachment.contentId) result.inline[attachment.contentId] = stored.url;
  }
  return result;
}

/** A quarantined message keeps its original bytes as `original.eml`, when they fit. */
async function storeOriginal(deps: EmailDependencies, inbox: ChannelInbox, raw: Buffer | null): Promise<StoredFiles> {
  if (!raw || raw.length === 0 || raw.length > deps.maxAttachmentBytes) return { attachmentIds: [], inline: {}, skipped: raw && raw.length > 0 ? [{ fileName: 'original.eml', reason: `larger than ${deps.maxAttachmentBytes} bytes` }] : [] };
  const stored = await uploadAttachment(deps.db, deps.files, channelScope(inbox), { fileName: 'original.eml', contentType: 'message/rfc822', content: Readable.from([raw]) }, deps.maxAttachmentBytes);
  return { attachmentIds: [stored.id], inline: {}, skipped: [] };
}

/**
 * Marks the replies a bounce returns as failed, with who could not receive them and why. A bounce only for people
 * on Cc leaves the reply alone (the customer got it); a delay warning changes nothing.
 */
async function failBouncedReplies(db: Database, inbox: ChannelInbox, report: DeliveryReport, reason: string): Promise<string[]> {
  const failed: string[] = [];
  const failedRecipients = report.recipients.filter((r) => r.action === 'failed' || r.status.startsWith('5')).map((r) => r.address);
  for (const id of report.originalMessageIds) {
    const [reply] = await db
      .select({ id: schema.messages.id, direction: schema.messages.direction, channelData: schema.messages.channelData })
      .from(schema.messages)
      .where(and(eq(schema.messages.accountId, inbox.accountId), eq(schema.messages.externalId, externalIdOf(EMAIL_CHANNEL, id))));
    if (!reply || reply.direction !== 'outbound') continue;
    const to = Array.isArray(reply.channelData.to) ? (reply.channelData.to as string[]) : null;
    if (to && failedRecipients.length > 0 && !failedRecipients.some((address) => to.includes(address))) continue;
    if (await applyDeliveryStatus(db, inbox.accountId, EMAIL_CHANNEL, id, 'failed', reason)) failed.push(reply.id);
  }
  return failed;
}

