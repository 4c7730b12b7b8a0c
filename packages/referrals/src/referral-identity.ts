import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';

/** Providers that ignore dots in the local part and a `+tag`: one inbox, many spellings. */
const DOT_BLIND_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
/** Providers that deliver `name+tag@` to `name@`. */
const PLUS_TAG_DOMAINS = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'me.com', 'yahoo.com', 'proton.me', 'protonmail.com', 'fastmail.com']);

/**
 * The inbox an address reaches, for comparing two people: lower case, `+tag` dropped where the provider ignores it,
 * dots dropped for Gmail, googlemail.com read as gmail.com. Never stored as the contact's email.
 */
export function normalizeReferralEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 1) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (PLUS_TAG_DOMAINS.has(domain)) local = local.split('+')[0]!;
  if (DOT_BLIND_DOMAINS.has(domain)) local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

/** Digits only, with a leading + kept: "+81 90-1234-5678" and "+819012345678" are one phone. */
export const normalizeReferralPhone = (phone: string) => phone.trim().replace(/(?!^\+)[^\d]/g, '');

const ADDRESS_WORDS: Record<string, string> = { street: 'st', avenue: 'ave', road: 'rd', boulevard: 'blvd', apartment: 'apt', suite: 'ste', floor: 'fl', building: 'bldg', north: 'n', south: 's', east: 'e', west: 'w' };

/** A shipping address reduced to its words (case, punctuation, spacing, full-width digits and common abbreviations folded). */
export function normalizeAddress(address: string): string {
  return address.normalize('NFKC').toLowerCase()
    .replace(/[#.,;:'"()\-/\\]/g, ' ')
    .split(/\s+/).filter(Boolean)
    .map((word) => ADDRESS_WORDS[word] ?? word)
    .join(' ');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const hashAddress = (address: string) => sha256(`address:${normalizeAddress(address)}`);

/** A device: its first-party device id cookie and its user agent, hashed together. */
export const hashDevice = (deviceId: string, userAgent: string) => sha256(`device:${deviceId}:${userAgent}`);

/** An IP address as the program's salted HMAC: comparable within one account, never reversible to the address. */
export const hashIp = (salt: string, ip: string) => createHmac('sha256', salt).update(ip.trim().toLowerCase()).digest('hex');

/**
 * Loopback, private and link-local addresses say nothing about a person (a proxy without TRUST_PROXY, an office
 * network, a test): they are never compared, so they cannot make every friend look like the referrer.
 */
export function isComparableIp(ip: string): boolean {
  const value = ip.trim().toLowerCase().replace(/^::ffff:/, '');
  if (value === '::1' || value.startsWith('fe80:') || /^f[cd][0-9a-f]{2}:/.test(value)) return false;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(value);
  if (!v4) return value.includes(':');
  const [a, b] = [Number(v4[1]), Number(v4[2])];
  return !(a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127));
}

export const generateIpSalt = () => randomBytes(24).toString('base64url');

/** No 0/o, 1/l/i: read aloud or typed from a poster without mistakes. */
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const REFERRAL_CODE_LENGTH = 10;
export const REFERRAL_CODE_PATTERN = /^[a-hjkmnp-z2-9]{10}$/;

/** 10 characters from 31: about 49 bits, random from the CSPRNG, so a code cannot be guessed or enumerated. */
export function generateReferralCode(): string {
  let code = '';
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export const generateAskToken = () => randomBytes(18).toString('base64url');
