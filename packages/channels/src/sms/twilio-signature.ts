import { createHmac, timingSafeEqual } from 'node:crypto';

/** A form body as Twilio sent it: decoded `[key, value]` pairs in wire order (a key may repeat). */
export type TwilioForm = [string, string][];

/** Decodes an `application/x-www-form-urlencoded` body. Never throws: a stray `%` stays as it is. */
export const parseTwilioForm = (text: string): TwilioForm => [...new URLSearchParams(text)];

/** The last value of each key, for reading fields (Twilio sends each of its fields once). */
export const formFields = (form: TwilioForm): Record<string, string> => Object.fromEntries(form);

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed with the account's auth token, over the full URL Twilio called
 * followed by every POST parameter as `key + value`, sorted by key (case-sensitive, byte order) and, for a repeated
 * key, by value — so the order of the parameters on the wire never changes it.
 */
export function twilioSignature(authToken: string, url: string, form: TwilioForm): string {
  const sorted = [...form].sort(([ka, va], [kb, vb]) => compare(ka, kb) || compare(va, vb));
  const hmac = createHmac('sha1', authToken).update(url);
  for (const [key, value] of sorted) hmac.update(key + value);
  return hmac.digest('base64');
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Whether `header` (X-Twilio-Signature) signs this form for this URL. The URL is tried as given and with its scheme's
 * default port spelled out or dropped: Twilio's own libraries accept both, because Twilio signs `https://host:443/…`
 * for some webhooks and `https://host/…` for others. A non-default port is never dropped (Twilio dialled it).
 */
export function verifyTwilioSignature(authToken: string, url: string, form: TwilioForm, header: string | undefined): boolean {
  if (!authToken || !header) return false;
  const given = Buffer.from(header);
  return urlSpellings(url).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, form));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

const DEFAULT_PORT: Record<string, string> = { 'https:': '443', 'http:': '80' };

/** The URL with and without its default port, leaving path and query byte for byte as they were. */
export function urlSpellings(url: string): string[] {
  const match = /^(https?:)\/\/([^/?#:[\]]+)(?::(\d+))?([/?#].*)?$/i.exec(url);
  if (!match) return [url];
  const [, scheme, host, port, rest = ''] = match as unknown as [string, string, string, string | undefined, string | undefined];
  const defaultPort = DEFAULT_PORT[scheme.toLowerCase()]!;
  if (port === undefined) return [url, `${scheme}//${host}:${defaultPort}${rest}`];
  if (port === defaultPort) return [url, `${scheme}//${host}${rest}`];
  return [url];
}
