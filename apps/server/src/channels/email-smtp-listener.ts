import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { EMAIL_CHANNEL, EmailRejectedError, type ChannelInbox, isAddressOfInbox, listConnectedInboxes, parseRawEmail, receiveEmail } from '@touchpoint/channels';
import type { Services } from '../services.ts';

export interface SmtpListenerOptions {
  port: number;
  host: string;
  maxBytes: number;
  tls: { keyFile: string; certFile: string } | null;
  log: FastifyBaseLogger;
  /** How long `close` waits for sessions in progress before it ends them. */
  closeTimeoutMs?: number;
}

/** Recipients accepted for one message; more is a mass mailing, not a customer. */
const MAX_RECIPIENTS = 50;

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/** The connected email inboxes an address belongs to (its own address or a `+tag`/reply-token form of it). */
async function inboxesFor(services: Services, addresses: string[]): Promise<ChannelInbox[]> {
  const inboxes = await listConnectedInboxes(services.db, EMAIL_CHANNEL);
  return inboxes.filter((inbox) => addresses.some((address) => isAddressOfInbox(inbox.config.address ?? '', address)));
}

/**
 * Touchpoint's own inbound mail server (point the domain's MX at it): accepts mail only for the addresses of
 * connected email inboxes (550 for anyone else), refuses messages over the size limit (552) and mail that is not an
 * email at all (550 5.6.0, with the reason), and answers 451 when storing fails, so the sending server tries again
 * (storage is idempotent on the Message-ID). A broken connection or message never takes the process down.
 */
export async function startEmailSmtpListener(services: Services, options: SmtpListenerOptions) {
  const { log, maxBytes } = options;
  const server = new SMTPServer({
    name: services.config.publicUrl?.hostname,
    banner: 'Touchpoint',
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { key: readFileSync(options.tls.keyFile), cert: readFileSync(options.tls.certFile) } : {}),
    size: maxBytes,
    maxClients: 200,
    socketTimeout: 60_000,
    closeTimeout: options.closeTimeoutMs ?? 10_000,
    logger: false,
    async onRcptTo(address, session, callback) {
      try {
        if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(smtpError(452, `4.5.3 Too many recipients (at most ${MAX_RECIPIENTS})`));
        const inboxes = await inboxesFor(services, [address.address]);
        if (inboxes.length === 0) return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
        callback();
      } catch (error) {
        log.error({ err: error }, 'email: recipient lookup failed');
        callback(smtpError(451, '4.3.0 Temporary failure, please try again later'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      let answered = false;
      const answer = (error?: Error) => {
        if (answered) return;
        answered = true;
        callback(error ?? null);
      };
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => answer(smtpError(451, `4.3.0 ${error.message}`)));
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) return answer(smtpError(552, `5.3.4 Message too big: at most ${maxBytes} bytes`));
        storeMessage(services, options, Buffer.concat(chunks), session).then(() => answer(), answer);
      });
    },
  });
  // smtp-server reports socket and TLS failures as 'error' events: log them, never let them end the process.
  server.on('error', (error) => log.warn({ err: error }, 'email: SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  log.info({ port, host: options.host, tls: Boolean(options.tls) }, 'email: SMTP server listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function storeMessage(services: Services, options: SmtpListenerOptions, raw: Buffer, session: SMTPServerSession) {
  const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  let email;
  try {
    email = await parseRawEmail(raw);
  } catch (error) {
    if (error instanceof EmailRejectedError) throw smtpError(550, `5.6.0 Message refused: ${error.message}`);
    throw error;
  }
  try {
    for (const inbox of await inboxesFor(services, recipients)) {
      const outcome = await receiveEmail(
        { db: services.db, files: services.files, maxAttachmentBytes: services.config.files.maxBytes },
        inbox,
        email,
        { source: 'smtp', raw, envelope: { from: envelopeFrom, to: recipients.filter((address) => isAddressOfInbox(inbox.config.address ?? '', address)) } },
      );
      if (outcome.outcome === 'loop') options.log.info({ inboxId: inbox.id, messageId: email.messageId, reason: outcome.reason }, 'email: mail loop dropped');
      else if (outcome.outcome === 'bounce') options.log.info({ inboxId: inbox.id, messageId: email.messageId, failedReplies: outcome.failedReplies, reason: outcome.reason }, 'email: bounce received');
      else if (outcome.quarantined) options.log.warn({ inboxId: inbox.id, messageId: outcome.messageId, reason: outcome.quarantined }, 'email: message quarantined');
    }
  } catch (error) {
    if (error instanceof EmailRejectedError) throw smtpError(550, `5.6.0 Message refused: ${error.message}`);
    options.log.error({ err: error, messageId: email.messageId }, 'email: storing a message failed');
    throw smtpError(451, '4.3.0 Temporary failure, please try again later');
  }
}
