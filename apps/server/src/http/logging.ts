import type { FastifyRequest } from 'fastify';
import { isUuid } from '@touchpoint/core';
import type { Config } from '../config.ts';

/** Paths pino blanks in every log line, wherever such a field appears. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.key',
  '*.csrfToken',
  '*.passwordHash',
];

/** Long random path segments (invitation tokens and the like) are secrets; logs keep only their first characters. */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?');
  const safePath = path.replace(/\/([A-Za-z0-9_-]{32,})(?=\/|$)/g, (segment, secret: string) => (isUuid(secret) ? segment : `/${secret.slice(0, 4)}…`));
  return query === undefined ? safePath : `${safePath}?${query.replace(/((?:token|key|secret|signature)=)[^&]*/gi, '$1…')}`;
}

export function buildLoggerOptions(config: Config) {
  return {
    level: config.log.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip, userAgent: request.headers['user-agent'] };
      },
    },
    ...(config.log.pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
}
