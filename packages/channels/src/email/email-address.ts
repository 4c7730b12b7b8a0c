import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Addresses of an email inbox. An inbox has one address (`support@shop.example`); mail to any `+tag` form of it
 * (`support+anything@shop.example`) reaches the same inbox, and replies carry a `+<token>` form as their Reply-To,
 * where the token names the conversation: `<local>+<token>@<domain>`.
 */

export interface SplitAddress {
  local: string;
  tag: string | null;
  domain: string;
}

/** Lower-cased, trimmed, without angle brackets; null when it is not `local@domain`. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  const address = (raw ?? '').trim().replace(/^<(.*)>$/, '$1').trim().toLowerCase();
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address) ? address : null;
}

export function splitAddress(raw: string): SplitAddress | null {
  const address = normalizeAddress(raw);
  if (!address) return null;
  const at = address.lastIndexOf('@');
  const fullLocal = address.slice(0, at);
  const plus = fullLocal.indexOf('+');
  return { local: plus === -1 ? fullLocal : fullLocal.slice(0, plus), tag: plus === -1 ? null : fullLocal.slice(plus + 1), domain: address.slice(at + 1) };
}

/** Whether `candidate` is the inbox's address or one of its `+tag` forms (reply tokens included). */
export function isAddressOfInbox(inboxAddress: string, candidate: string): boolean {
  const inbox = splitAddress(inboxAddress);
  const other = splitAddress(candidate);
  return Boolean(inbox && other && inbox.local === other.local && inbox.domain === other.domain);
}

export const domainOf = (address: string) => splitAddress(address)?.domain ?? 'localhost';

// Lower-case RFC 4648 base32: local parts are case-insensitive in practice, so the token must survive case folding.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.toLowerCase()) {
    const index = ALPHABET.indexOf(char);
    if (index === -1) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

const MAC_BYTES = 8;
const UUID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/;

const macOf = (key: string, inboxId: string, conversationId: string) => createHmac('sha256', key).update(`email-reply:${inboxId}:${conversationId}`).digest().subarray(0, MAC_BYTES);

/**
 * The token of a conversation's reply address: its id (16 bytes) and an HMAC-SHA256 of inbox and conversation with
 * the inbox's channel key (8 bytes), base32 — 39 characters, so `support+<token>` stays within the 64 characters a
 * local part may have. Nobody without the key can make a token that files mail into a conversation of their choice.
 */
export function replyTokenFor(key: string, inboxId: string, conversationId: string): string {
  const id = Buffer.from(conversationId.replace(/-/g, ''), 'hex');
  return toBase32(Buffer.concat([id, macOf(key, inboxId, conversationId)]));
}

/** The conversation a token names, when it was made with this key for this inbox; null otherwise. */
export function conversationOfReplyToken(key: string, inboxId: string, token: string): string | null {
  const bytes = token.length === 39 ? fromBase32(token) : null;
  if (!bytes || bytes.length !== 16 + MAC_BYTES) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  const conversationId = hex.replace(UUID, '$1-$2-$3-$4-$5');
  const expected = macOf(key, inboxId, conversationId);
  return timingSafeEqual(expected, bytes.subarray(16)) ? conversationId : null;
}

/** `support+<token>@shop.example`: the Reply-To of every reply in the conversation. */
export function replyAddressFor(inboxAddress: string, key: string, inboxId: string, conversationId: string): string {
  const split = splitAddress(inboxAddress);
  if (!split) throw new Error(`not an email address: ${inboxAddress}`);
  return `${split.local}+${replyTokenFor(key, inboxId, conversationId)}@${split.domain}`;
}

/** The conversation named by the first genuine reply token among `recipients` that are addresses of the inbox. */
export function conversationOfRecipients(inboxAddress: string, key: string, inboxId: string, recipients: string[]): string | null {
  for (const recipient of recipients) {
    if (!isAddressOfInbox(inboxAddress, recipient)) continue;
    const tag = splitAddress(recipient)?.tag;
    const conversationId = tag ? conversationOfReplyToken(key, inboxId, tag) : null;
    if (conversationId) return conversationId;
  }
  return null;
}
