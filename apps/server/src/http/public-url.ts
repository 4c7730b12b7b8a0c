import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/** PUBLIC_URL when set; otherwise the scheme and host the request came in on (so LAN and localhost both work). */
export function publicBaseUrl(request: FastifyRequest, config: Config): URL {
  return config.publicUrl ?? new URL(`${request.protocol}://${request.host}`);
}
