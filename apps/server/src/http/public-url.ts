import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/** PUBLIC_URL when set; otherwise the scheme and host the request came in on (so LAN and localhost both work). */
export function publicBaseUrl(request: FastifyRequest, config: Config): URL {
  return config.publicUrl ?? new URL(`${request.protocol}://${request.host}`);
}

/**
 * The base of links made by background work, which has no request to take an address from (survey invitations,
 * journeys' emails, return notices, the answer bot's article links): PUBLIC_URL, else this server on localhost.
 */
export function backgroundBaseUrl(config: Pick<Config, 'publicUrl' | 'port'>): URL {
  return config.publicUrl ?? new URL(`http://localhost:${config.port}/`);
}
