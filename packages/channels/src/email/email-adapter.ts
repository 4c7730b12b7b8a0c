import nodemailer from 'nodemailer';
import type { ChannelAdapter, OutboundMessage } from '../channel-adapter.ts';
import { PermanentDeliveryError } from '../channel-adapter.ts';
import { domainOf, isAddressOfInbox, normalizeAddress, replyAddressFor } from './email-address.ts';
import { LOOP_HEADER } from './email-classify.ts';
import { textToHtml } from './email-body.ts';
import { EMAIL_CHANNEL } from './email-receive.ts';

export interface EmailAdapterOptions {
  /** The server's relay (`SMTP_URL`) for inboxes without an `smtpUrl` of their own; null when there is none. */
  defaultSmtpUrl?: string | null;
}

interface InboundEmailData {
  messageId?: string | null;
  subject?: string;
  to?: { address: string }[];
  cc?: { address: string }[];
  replyTo?: { address: string }[];
  references?: string[];
  receivedAs?: string;
}

const addressList = (value: unknown): string[] => (Array.isArray(value) ? value : [])
  .map((entry) => normalizeAddress(typeof entry === 'string' ? entry : (entry as { address?: string } | null)?.address))
  .filter((address): address is string => address !== null);

const REPLY_PREFIX = /^\s*(re|aw|sv|vs|antw|回复|回覆|答复|返信)\s*[:：]/i;
/** The References of a long thread are cut to its first message and the latest ones (RFC 5322 §3.6.4 allows it). */
const MAX_REFERENCES = 20;

/**
 * What a reply looks like on the wire: threaded under the customer's last email (In-Reply-To, References, `Re:`
 * subject), answering everyone the customer wrote to except us (reply-all: their To and Cc minus the inbox's own
 * addresses; not when we were only Bcc'd, which would tell the others), with a Reply-To that carries the
 * conversation's signed token so the answer finds its way back even when a mail program drops the headers.
 */
export function composeReply(outbound: OutboundMessage) {
  const address = normalizeAddress(outbound.inbox.config.address);
  if (!address) throw new PermanentDeliveryError('the inbox has no valid email address (setting "address")');
  const emailHistory = outbound.history.filter((entry) => entry.externalId?.startsWith(`${EMAIL_CHANNEL}:`));
  const lastInbound = outbound.history.filter((entry) => entry.direction === 'inbound').at(-1);
  const inbound = (lastInbound?.channelData ?? {}) as InboundEmailData;
  const to = addressList(inbound.replyTo)[0] ?? normalizeAddress(outbound.contact.email) ?? normalizeAddress(outbound.recipients[0]);
  if (!to) throw new PermanentDeliveryError('the contact has no email address to reply to');
  const ours = (candidate: string) => isAddressOfInbox(address, candidate);
  const replyAll = inbound.receivedAs === 'bcc' ? [] : [...addressList(inbound.to), ...addressList(inbound.cc)];
  const cc = [...new Set([...replyAll, ...addressList(outbound.message.channelData.cc)])].filter((candidate) => !ours(candidate) && candidate !== to);
  const bcc = [...new Set(addressList(outbound.message.channelData.bcc))].filter((candidate) => !ours(candidate) && candidate !== to && !cc.includes(candidate));
  const ids = emailHistory.map((entry) => entry.externalId!.slice(EMAIL_CHANNEL.length + 1));
  const lastInboundId = lastInbound?.externalId?.startsWith(`${EMAIL_CHANNEL}:`) ? lastInbound.externalId.slice(EMAIL_CHANNEL.length + 1) : null;
  const inReplyTo = lastInboundId ?? ids.at(-1) ?? null;
  const chain = [...new Set([...(inbound.references ?? []), ...ids])].filter((id) => !id.startsWith('no-message-id.'));
  const references = chain.length > MAX_REFERENCES ? [chain[0]!, ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  const subjectBase = (inbound.subject || outbound.conversation.subject || '').trim();
  const subject = REPLY_PREFIX.test(subjectBase) ? subjectBase : `Re: ${subjectBase}`.trim();
  const messageId = `touchpoint.${outbound.message.id}@${domainOf(address)}`;
  return {
    from: { name: outbound.inbox.config.fromName?.trim() || outbound.inbox.name, address },
    replyTo: replyAddressFor(address, outbound.inbox.channelKey, outbound.inbox.id, outbound.conversation.id),
    to,
    cc,
    bcc,
    subject,
    messageId,
    inReplyTo: inReplyTo && !inReplyTo.startsWith('no-message-id.') ? inReplyTo : null,
    references,
    text: outbound.message.body,
    html: textToHtml(outbound.message.body),
  };
}

/** SMTP answers 5xx when retrying cannot help (no such mailbox, relaying denied, bad credentials). */
const isPermanent = (error: unknown) => {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Replies go out through any SMTP relay (`nodemailer`): the inbox's own `smtpUrl`, else the server's `SMTP_URL`.
 * The Message-ID is made from the reply's id on the inbox's domain, so a retried send is the same message to the
 * receiving side, and bounces and answers find the reply by it. A 5xx from the relay fails the reply at once; a 4xx
 * or a connection problem is retried.
 */
export function createEmailAdapter(options: EmailAdapterOptions = {}): ChannelAdapter {
  return {
    channel: EMAIL_CHANNEL,
    fields: [
      { key: 'address', kind: 'email', required: true },
      { key: 'fromName', kind: 'text' },
      { key: 'smtpUrl', secret: true },
      { key: 'mailgunSigningKey', secret: true },
      { key: 'sendgridVerificationKey', secret: true },
    ],
    async send(outbound) {
      const smtpUrl = outbound.inbox.secrets.smtpUrl?.trim() || options.defaultSmtpUrl;
      if (!smtpUrl) throw new PermanentDeliveryError('no SMTP relay: set the inbox’s smtpUrl or the server’s SMTP_URL');
      if (!/^smtps?:\/\//.test(smtpUrl)) throw new PermanentDeliveryError('the SMTP relay must be an smtp:// or smtps:// URL');
      const reply = composeReply(outbound);
      const attachments = await Promise.all(outbound.message.attachments.map(async (attachment) => ({ filename: attachment.fileName, contentType: attachment.contentType, content: await outbound.readAttachment(attachment) })));
      const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 14_000 } as never);
      try {
        await transport.sendMail({
          from: reply.from,
          replyTo: reply.replyTo,
          to: reply.to,
          cc: reply.cc,
          bcc: reply.bcc,
          subject: reply.subject,
          messageId: `<${reply.messageId}>`,
          inReplyTo: reply.inReplyTo ? `<${reply.inReplyTo}>` : undefined,
          references: reply.references.map((id) => `<${id}>`),
          text: reply.text,
          html: reply.html,
          attachments,
          // An automation's reply says so (RFC 3834), so the customer's autoresponder does not answer it.
          headers: { [LOOP_HEADER]: reply.from.address, ...(outbound.message.automatic ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {}) },
          // Bounces come back to the inbox, where they mark this reply failed.
          envelope: { from: reply.from.address, to: [reply.to, ...reply.cc, ...reply.bcc] },
        });
      } catch (error) {
        const detail = (error as { response?: string }).response ?? (error instanceof Error ? error.message : String(error));
        if (isPermanent(error)) throw new PermanentDeliveryError(`the mail server refused the reply: ${detail}`.slice(0, 500));
        throw new Error(`the mail server could not be reached or deferred the reply: ${detail}`.slice(0, 500));
      } finally {
        transport.close();
      }
      return { externalId: reply.messageId, channelData: { messageId: reply.messageId, subject: reply.subject, to: [reply.to], cc: reply.cc } };
    },
  };
}
