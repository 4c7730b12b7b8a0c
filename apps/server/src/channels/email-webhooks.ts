import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@touchpoint/core';
import {
  type ChannelInbox, EMAIL_CHANNEL, EmailRejectedError, type EmailReceipt, MalformedFormError, type ParsedEmail, createMailgunReplayGuard, fieldText,
  parseMailgunPost, parseSendGridPost, readFormPost, receiveEmail, verifyMailgunSignature, verifySendGridKey,
} from '@touchpoint/channels';
import { sendProblem } from '../http/problem.ts';
import type { Services } from '../services.ts';
import { badSignature, rawBodyOf, requireChannelInbox } from './channel-webhooks.ts';

/** A message that will never be stored, with its reason; Mailgun stops retrying on 406, SendGrid on any 4xx. */
const refused = (status: 400 | 406, detail: string) => Object.assign(new AppError('malformed_body', 'Message refused', detail), { status });

/**
 * Email from providers that receive it for you: Mailgun Routes (`…/mailgun`, or `…/mailgun/mime` for the raw
 * message) and SendGrid Inbound Parse (`…/sendgrid`, raw MIME required). Both go through the same pipeline as SMTP
 * mail (`receiveEmail`). Bodies up to the inbound email limit (SMTP_INBOUND_MAX_BYTES) plus form overhead.
 */
export function registerEmailWebhooks(scope: FastifyInstance, services: Services) {
  const bodyLimit = Math.ceil(services.config.mail.inboundMaxBytes * 1.4) + 64 * 1024;
  const formOf = async (request: FastifyRequest) => {
    try {
      return await readFormPost(rawBodyOf(request).bytes, request.headers['content-type'], bodyLimit);
    } catch (error) {
      if (error instanceof MalformedFormError) throw new AppError('malformed_body', 'Malformed body', error.message);
      throw error;
    }
  };
  const store = async (reply: FastifyReply, request: FastifyRequest, inbox: ChannelInbox, parsed: { email: ParsedEmail; raw: Buffer | null; envelope: EmailReceipt['envelope'] }, source: EmailReceipt['source'], refusal: 400 | 406) => {
    try {
      const outcome = await receiveEmail({ db: services.db, files: services.files, maxAttachmentBytes: services.config.files.maxBytes }, inbox, parsed.email, { source, raw: parsed.raw, envelope: parsed.envelope });
      if (outcome.outcome === 'loop') request.log.info({ inboxId: inbox.id, reason: outcome.reason }, 'email: mail loop dropped');
      if (outcome.outcome === 'stored') return reply.code(outcome.duplicate ? 200 : 201).send({ outcome: outcome.outcome, id: outcome.messageId, conversationId: outcome.conversationId, duplicate: outcome.duplicate, autoReply: outcome.autoReply, quarantined: outcome.quarantined });
      return reply.code(200).send(outcome);
    } catch (error) {
      if (error instanceof EmailRejectedError) return sendProblem(reply, request, refused(refusal, error.message));
      throw error;
    }
  };

  const replayGuard = createMailgunReplayGuard();
  const mailgun = async (request: FastifyRequest, reply: FastifyReply) => {
    const { channelKey } = request.params as { channelKey: string };
    const inbox = await requireChannelInbox(services, EMAIL_CHANNEL, channelKey);
    const post = await formOf(request);
    if (!verifyMailgunSignature(inbox.secrets.mailgunSigningKey ?? '', post.fields)) throw badSignature();
    const token = fieldText(post, 'token')!;
    if (replayGuard.wasUsed(token)) throw new AppError('unauthenticated', 'Bad signature', 'This signed token was already used for another request.');
    let parsed;
    try {
      parsed = await parseMailgunPost(post);
    } catch (error) {
      if (error instanceof EmailRejectedError) return sendProblem(reply, request, refused(406, error.message));
      throw error;
    }
    const sent = await store(reply, request, inbox, parsed, 'mailgun', 406);
    if (reply.statusCode < 300) replayGuard.markUsed(token);
    return sent;
  };
  scope.post('/channels/email/:channelKey/mailgun', { bodyLimit, schema: { hide: true } }, mailgun);
  scope.post('/channels/email/:channelKey/mailgun/mime', { bodyLimit, schema: { hide: true } }, mailgun);

  scope.post('/channels/email/:channelKey/sendgrid', { bodyLimit, schema: { hide: true } }, async (request, reply) => {
    const { channelKey } = request.params as { channelKey: string };
    const inbox = await requireChannelInbox(services, EMAIL_CHANNEL, channelKey);
    const { verificationKey } = request.query as { verificationKey?: string };
    if (!verifySendGridKey(inbox.secrets.sendgridVerificationKey ?? '', verificationKey, request.headers.authorization)) throw badSignature();
    const post = await formOf(request);
    let parsed;
    try {
      parsed = await parseSendGridPost(post);
    } catch (error) {
      if (error instanceof EmailRejectedError) return sendProblem(reply, request, refused(400, error.message));
      throw error;
    }
    return store(reply, request, inbox, parsed, 'sendgrid', 400);
  });
}
