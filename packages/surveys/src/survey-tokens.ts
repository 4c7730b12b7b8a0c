import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A survey link token: the request id and an expiry, signed with the account's key (survey_settings.signing_key).
 * `<request uuid as 32 hex><expiry as base36 seconds>.<HMAC-SHA256, 16 bytes, base64url>`. Nothing is stored per
 * token; a forged or altered token fails the signature, an old one its expiry.
 */
export function signSurveyToken(key: string, requestId: string, expiresAt: Date) {
  const body = `${requestId.replaceAll('-', '')}${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${macOf(key, body)}`;
}

export type TokenReading = { ok: true; requestId: string; expiresAt: Date } | { ok: false };

/** Reads the request id and expiry without trusting them; `verifySurveyToken` checks the signature once the key is known. */
export function readSurveyToken(token: string): TokenReading {
  const match = /^([0-9a-f]{32})([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return { ok: false };
  const hex = match[1]!;
  const requestId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { ok: true, requestId, expiresAt: new Date(parseInt(match[2]!, 36) * 1000) };
}

export function verifySurveyToken(key: string, token: string) {
  const [body, mac] = token.split('.');
  if (!body || !mac) return false;
  const expected = Buffer.from(macOf(key, body));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const generateSigningKey = () => randomBytes(32).toString('base64url');

function macOf(key: string, body: string) {
  return createHmac('sha256', key).update(body).digest().subarray(0, 16).toString('base64url');
}
