import type { FastifyInstance } from 'fastify';
import { forbidden } from '@touchpoint/core';
import { INSTAGRAM_CHANNEL, MESSENGER_CHANNEL, type MetaChannel, answerMetaHandshake, parseMetaWebhook, receiveMetaEvents, verifyMetaSignature } from '@touchpoint/channels';
import type { Services } from '../services.ts';
import { badSignature, parseJsonBody, rawBodyOf, requireChannelInbox } from './channel-webhooks.ts';

/**
 * Meta's webhook for a Messenger or Instagram inbox, at `/channels/<channel>/<key>` (the callback URL given to the
 * Meta app): `GET` answers the subscription handshake with the inbox's verify token, `POST` takes events signed
 * with the app secret (`X-Hub-Signature-256`). Meta retries a batch until it gets a 200, so every event is applied
 * idempotently and a failure answers 500 for the whole batch.
 */
export function registerMetaWebhooks(scope: FastifyInstance, services: Services) {
  for (const channel of [MESSENGER_CHANNEL, INSTAGRAM_CHANNEL] as MetaChannel[]) {
    scope.get(`/channels/${channel}/:channelKey`, { schema: { hide: true } }, async (request, reply) => {
      const { channelKey } = request.params as { channelKey: string };
      const inbox = await requireChannelInbox(services, channel, channelKey);
      const challenge = answerMetaHandshake(inbox.secrets.verifyToken, request.query as Record<string, unknown>);
      if (challenge === null) throw forbidden('The verify token does not match this inbox’s, or hub.mode is not "subscribe".');
      return reply.type('text/plain; charset=utf-8').header('x-content-type-options', 'nosniff').send(challenge);
    });

    scope.post(`/channels/${channel}/:channelKey`, { schema: { hide: true } }, async (request, reply) => {
      const { channelKey } = request.params as { channelKey: string };
      const inbox = await requireChannelInbox(services, channel, channelKey);
      const raw = rawBodyOf(request);
      if (!verifyMetaSignature(inbox.secrets.appSecret, raw.bytes, request.headers['x-hub-signature-256'] as string | undefined)) throw badSignature();
      const events = parseJsonBody(raw.text, (json) => parseMetaWebhook(json, channel));
      const outcome = await receiveMetaEvents({ db: services.db, files: services.files, maxBytes: services.config.files.maxBytes }, inbox, events);
      return reply.code(200).send(outcome);
    });
  }
}
