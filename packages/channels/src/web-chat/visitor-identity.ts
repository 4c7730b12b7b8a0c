import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '@touchpoint/core';

export const WEB_CHAT = 'web_chat';

/**
 * Who is on the other side of a widget. `key` is the visitor's id on the web_chat channel (`contact_identities`), and
 * every message they send carries it in `channelData.visitor`: a visitor sees only conversations holding a message
 * with their own key, so being linked to a contact (by an agent's merge, say) never reveals that contact's other
 * conversations.
 * - anonymous: `anon:<sha256 of the token>` — the token lives in the visitor's browser and is never stored in clear;
 * - a user the host site signed in: `user:<their id on the host site>`, the same on every device.
 */
export type WidgetVisitor = { kind: 'anonymous'; key: string } | { kind: 'user'; key: string; userId: string };

const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;
const USER_HASH = /^[0-9a-f]{64}$/;
const MAX_USER_ID_LENGTH = 200;

/** A new anonymous visitor's token: 256 random bits, the visitor's only credential. */
export const mintVisitorToken = () => randomBytes(32).toString('base64url');

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const anonymousVisitorKey = (token: string) => `anon:${sha256(token)}`;
export const userVisitorKey = (userId: string) => `user:${userId}`;

/**
 * What the host site's server computes for a signed-in user: HMAC-SHA256 of the user's id with the inbox's identity
 * secret, in lower-case hex. The widget presents it with the id; without the secret nobody can make one.
 *
 * @example
 * // On the host site's server (Node):
 * import { createHmac } from 'node:crypto';
 * const userHash = createHmac('sha256', process.env.TOUCHPOINT_IDENTITY_SECRET).update(user.id).digest('hex');
 */
export const userHashOf = (secret: string, userId: string) => createHmac('sha256', secret).update(userId, 'utf8').digest('hex');

export function verifyUserHash(secret: string, userId: string, hash: string): boolean {
  if (!secret || !USER_HASH.test(hash)) return false;
  const expected = Buffer.from(userHashOf(secret, userId), 'hex');
  return timingSafeEqual(expected, Buffer.from(hash, 'hex'));
}

const refused = (detail: string) => new AppError('unauthenticated', 'Visitor not recognised', detail);

/**
 * The visitor a widget request speaks for, from its `Authorization` header:
 * `Visitor <token>` (anonymous) or `User <base64url of the user id>.<hex HMAC>` (identified). An identified user is
 * accepted only when the inbox has an identity secret and the hash matches it: otherwise anyone could claim any id.
 */
export function resolveVisitor(header: string | undefined, identitySecret: string | undefined): WidgetVisitor {
  const [scheme, credential = ''] = (header ?? '').trim().split(/\s+/, 2);
  if (scheme === 'Visitor') {
    if (!TOKEN.test(credential)) throw refused('The visitor token is malformed.');
    return { kind: 'anonymous', key: anonymousVisitorKey(credential) };
  }
  if (scheme === 'User') {
    const [encodedId = '', hash = ''] = credential.split('.', 2);
    const userId = Buffer.from(encodedId, 'base64url').toString('utf8');
    if (!userId || userId.length > MAX_USER_ID_LENGTH || Buffer.from(userId, 'utf8').toString('base64url') !== encodedId) throw refused('The user id is malformed.');
    if (!identitySecret) throw refused('This chat does not verify users: its inbox has no identity secret.');
    if (!verifyUserHash(identitySecret, userId, hash.toLowerCase())) throw refused('The user hash does not match the user id.');
    return { kind: 'user', key: userVisitorKey(userId), userId };
  }
  throw refused('Send Authorization: Visitor <token> or User <id>.<hash>.');
}

/** A short, stable digest of a visitor key: message ids the widget chooses are stored under it, per visitor. */
export const visitorDigest = (key: string) => sha256(key).slice(0, 24);
