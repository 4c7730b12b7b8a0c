import { createHmac, timingSafeEqual } from 'node:crypto';

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** `sha256=<hex HMAC-SHA256 of the raw body with the app secret>`, as Meta signs every webhook POST. */
export const signMetaBody = (appSecret: string, body: Buffer | string) => `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;

/**
 * Whether a webhook POST carries Meta's `X-Hub-Signature-256` for these exact bytes. Meta signs the body as sent
 * (with its unicode escapes), so the raw bytes are checked, never a re-serialised JSON. No secret, no pass.
 */
export function verifyMetaSignature(appSecret: string | undefined, body: Buffer, header: string | undefined): boolean {
  if (!appSecret || !header) return false;
  return sameText(signMetaBody(appSecret, body), header.trim().toLowerCase());
}

/**
 * The subscription handshake (`GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`): the challenge to echo
 * back when the token is the inbox's verify token, else null (answer 403).
 */
export function answerMetaHandshake(verifyToken: string | undefined, query: Record<string, unknown>): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (!verifyToken || mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string' || challenge === '') return null;
  return sameText(verifyToken, token) ? challenge : null;
}
