import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex>`: the `X-Hub-Signature-256` Meta sends, an HMAC-SHA256 of the exact body bytes with the app secret. */
export const signWhatsAppBody = (appSecret: string, rawBody: Buffer | string) => `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;

/** Whether a webhook body was signed with the app secret. An unset secret verifies nothing. */
export function verifyWhatsAppSignature(appSecret: string | undefined, rawBody: Buffer | string, header: string | undefined): boolean {
  if (!appSecret || !header) return false;
  const expected = Buffer.from(signWhatsAppBody(appSecret, rawBody));
  const given = Buffer.from(header.trim().toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The subscription handshake Meta performs when the webhook URL is saved: `hub.mode=subscribe`, the verify token
 * the admin typed in both places, and a challenge to echo. Returns the challenge to answer with, or null (403).
 */
export function answerWhatsAppHandshake(verifyToken: string | undefined, query: Record<string, unknown>): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string' || !verifyToken) return null;
  const expected = Buffer.from(verifyToken);
  const given = Buffer.from(token);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return challenge.slice(0, 1000);
}
