import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, notFound, validationFailed } from '@touchpoint/core';
import { type ChannelInbox, findInboxByChannelKey, openMediaLink } from '@touchpoint/channels';
import type { Services } from '../services.ts';
import { setFileHeaders } from '../http/file-response.ts';
import { registerApiChannelWebhook } from './api-channel-webhook.ts';
import { registerEmailWebhooks } from './email-webhooks.ts';
import { registerMetaWebhooks } from './meta-webhook.ts';
import { registerSmsWebhook } from './sms-webhook.ts';
import { registerWhatsAppWebhook } from './whatsapp-webhook.ts';
import { registerShopifyWebhook } from '../commerce/shopify-webhook.ts';

/** Providers batch; a body past this is refused with 413 before it is read into memory. */
export const CHANNEL_WEBHOOK_BODY_LIMIT = 5 * 1024 * 1024;

/** Each channel's webhook endpoints, registered inside the raw-body scope below. */
const CHANNEL_WEBHOOKS: ((scope: FastifyInstance, services: Services) => void)[] = [registerApiChannelWebhook, registerEmailWebhooks, registerSmsWebhook, registerMetaWebhooks, registerWhatsAppWebhook, registerShopifyWebhook];

/**
 * Provider webhooks under `/channels/<channel>/<inbox key>/…`. Bodies are kept as raw bytes (every provider signs
 * the exact bytes it sent), and each endpoint parses them itself after checking the signature.
 */
export function registerChannelWebhooks(app: FastifyInstance, services: Services) {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CHANNEL_WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    for (const register of CHANNEL_WEBHOOKS) register(scope, services);
    scope.get('/channels/media/:attachmentId/:fileName', { schema: { hide: true } }, async (request, reply) => {
      const { attachmentId } = request.params as { attachmentId: string };
      const query = request.query as { expires?: string; signature?: string };
      const file = UUID.test(attachmentId) ? await openMediaLink(services.db, services.files, attachmentId, Number(query.expires), query.signature ?? '') : null;
      if (!file) throw notFound('file');
      return setFileHeaders(reply, file, { cacheControl: 'private, max-age=3600' }).send(file.content);
    });
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The raw body of a webhook request, as bytes and as UTF-8 text. */
export function rawBodyOf(request: FastifyRequest): { bytes: Buffer; text: string } {
  const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  return { bytes, text: bytes.toString('utf8') };
}

/** The connected inbox named by the URL's key, or 404 (an unknown key and a disconnected inbox look the same). */
export async function requireChannelInbox(services: Services, channel: string, channelKey: string): Promise<ChannelInbox> {
  const inbox = await findInboxByChannelKey(services.db, channel, channelKey);
  if (!inbox) throw notFound('channel');
  return inbox;
}

export const badSignature = () => new AppError('unauthenticated', 'Bad signature', 'The request is not signed with this channel’s secret (or the signature is too old).');

/** Parses a JSON body with a provider's schema: malformed JSON and schema failures answer 400, naming the problem. */
export function parseJsonBody<T>(text: string, parse: (json: unknown) => T): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('malformed_body', 'Malformed body', 'The body is not valid JSON.');
  }
  try {
    return parse(json);
  } catch (error) {
    const issues = (error as z.ZodError).issues;
    if (!issues) throw error;
    throw validationFailed(issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  }
}
