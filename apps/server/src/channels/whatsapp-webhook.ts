import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@touchpoint/core';
import { answerWhatsAppHandshake, parseWhatsAppWebhook, receiveWhatsAppWebhook, verifyWhatsAppSignature, WHATSAPP_CHANNEL } from '@touchpoint/channels';
import type { Services } from '../services.ts';
import { badSignature, parseJsonBody, rawBodyOf, requireChannelInbox } from './channel-webhooks.ts';

/**
 * The WhatsApp Cloud API webhook of an inbox: GET is Meta's subscription handshake (the verify token), POST carries
 * messages and statuses signed with the app secret (`X-Hub-Signature-256`). Meta retries anything but a 2xx, so a
 * body we store nothing of (other fields, other numbers) still answers 200.
 */
export function registerWhatsAppWebhook(scope: FastifyInstance, services: Services) {
  const inboxOf = (request: FastifyRequest) => requireChannelInbox(services, WHATSAPP_CHANNEL, (request.params as { channelKey: string }).channelKey);

  scope.get('/channels/whatsapp/:channelKey', { schema: { hide: true } }, async (request, reply) => {
    const inbox = await inboxOf(request);
    const challenge = answerWhatsAppHandshake(inbox.secrets.verifyToken, request.query as Record<string, unknown>);
    if (challenge === null) throw new AppError('forbidden', 'Verification failed', 'hub.mode must be "subscribe" and hub.verify_token must be this inbox’s verify token.');
    return reply.type('text/plain; charset=utf-8').send(challenge);
  });

  scope.post('/channels/whatsapp/:channelKey', { schema: { hide: true } }, async (request, reply) => {
    const inbox = await inboxOf(request);
    const raw = rawBodyOf(request);
    const signature = request.headers['x-hub-signature-256'];
    if (!verifyWhatsAppSignature(inbox.secrets.appSecret, raw.bytes, typeof signature === 'string' ? signature : undefined)) throw badSignature();
    const webhook = parseJsonBody(raw.text, parseWhatsAppWebhook);
    const outcome = await receiveWhatsAppWebhook(services.db, inbox, webhook, { files: services.files, maxBytes: services.config.files.maxBytes });
    return reply.code(200).send(outcome);
  });
}
