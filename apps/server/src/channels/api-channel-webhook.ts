import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_CHANNEL, applyDeliveryStatus, parseApiChannelMessage, parseApiChannelStatus, receiveChannelMessage, verifyApiChannelSignature } from '@touchpoint/channels';
import type { Services } from '../services.ts';
import { badSignature, parseJsonBody, rawBodyOf, requireChannelInbox } from './channel-webhooks.ts';

/**
 * The API channel's two endpoints: a customer's message (`…/messages`) and a status of a reply the endpoint took
 * (`…/statuses`). Both signed with the inbox's signing secret.
 */
export function registerApiChannelWebhook(scope: FastifyInstance, services: Services) {
  const authenticate = async (request: FastifyRequest) => {
    const { channelKey } = request.params as { channelKey: string };
    const inbox = await requireChannelInbox(services, API_CHANNEL, channelKey);
    const raw = rawBodyOf(request);
    const signature = request.headers['x-touchpoint-signature'];
    if (!verifyApiChannelSignature(inbox.secrets.signingSecret ?? '', raw.text, typeof signature === 'string' ? signature : undefined)) throw badSignature();
    return { inbox, raw };
  };

  scope.post('/channels/api/:channelKey/messages', { schema: { hide: true } }, async (request, reply) => {
    const { inbox, raw } = await authenticate(request);
    const inbound = parseJsonBody(raw.text, parseApiChannelMessage);
    const { message, duplicate } = await receiveChannelMessage(services.db, inbox, inbound);
    return reply.code(duplicate ? 200 : 201).send({ id: message.id, conversationId: message.conversationId, duplicate });
  });

  scope.post('/channels/api/:channelKey/statuses', { schema: { hide: true } }, async (request, reply) => {
    const { inbox, raw } = await authenticate(request);
    const status = parseJsonBody(raw.text, parseApiChannelStatus);
    const changed = await applyDeliveryStatus(services.db, inbox.accountId, API_CHANNEL, status.id, status.status, status.error ?? null);
    return reply.code(200).send({ changed });
  });
}
