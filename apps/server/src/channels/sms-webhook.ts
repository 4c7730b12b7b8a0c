import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { validationFailed } from '@touchpoint/core';
import {
  EMPTY_TWIML, SMS_CHANNEL, applyDeliveryStatus, channelWebhookUrl, parseSmsMessage, parseSmsStatus, parseTwilioForm, receiveSmsMessage, verifyTwilioSignature,
} from '@touchpoint/channels';
import { publicBaseUrl } from '../http/public-url.ts';
import type { Services } from '../services.ts';
import { badSignature, rawBodyOf, requireChannelInbox } from './channel-webhooks.ts';

/**
 * SMS in Twilio's format: the number's "a message comes in" webhook (`POST <webhook URL>`) and the status callback
 * Touchpoint sets on each reply (`POST <webhook URL>/status`). Twilio signs the URL it called and the sorted form
 * fields with the account's auth token; that URL is rebuilt from the public address, exactly as the settings page
 * shows it, plus the query string the request came with.
 */
export function registerSmsWebhook(scope: FastifyInstance, services: Services) {
  const authenticate = async (request: FastifyRequest, suffix: '' | '/status') => {
    const { channelKey } = request.params as { channelKey: string };
    const inbox = await requireChannelInbox(services, SMS_CHANNEL, channelKey);
    const form = parseTwilioForm(rawBodyOf(request).text);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const calledUrl = `${channelWebhookUrl(publicBaseUrl(request, services.config), inbox)}${suffix}${query}`;
    const signature = request.headers['x-twilio-signature'];
    if (!verifyTwilioSignature(inbox.secrets.authToken ?? '', calledUrl, form, typeof signature === 'string' ? signature : undefined)) throw badSignature();
    return { inbox, form };
  };

  scope.post('/channels/sms/:channelKey', { schema: { hide: true } }, async (request, reply) => {
    const { inbox, form } = await authenticate(request, '');
    const inbound = parseForm(() => parseSmsMessage(form));
    await receiveSmsMessage(services.db, services.files, inbox, inbound, { maxBytes: services.config.files.maxBytes });
    return reply.code(200).type('text/xml; charset=utf-8').send(EMPTY_TWIML);
  });

  scope.post('/channels/sms/:channelKey/status', { schema: { hide: true } }, async (request, reply) => {
    const { inbox, form } = await authenticate(request, '/status');
    const status = parseForm(() => parseSmsStatus(form));
    const changed = status.status ? await applyDeliveryStatus(services.db, inbox.accountId, SMS_CHANNEL, status.messageSid, status.status, status.error) : false;
    return reply.code(200).send({ changed });
  });
}

/** Schema failures of a form answer 400 naming each field. */
function parseForm<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const issues = (error as z.ZodError).issues;
    if (!issues) throw error;
    throw validationFailed(issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  }
}
