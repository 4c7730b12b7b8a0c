import { randomBytes } from 'node:crypto';

/** Digits and capitals without the look-alikes 0/O, 1/I/L: a code read aloud or copied by hand survives. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Bytes at or above this are drawn again, so every character is equally likely (no modulo bias). */
const UNBIASED_LIMIT = 256 - (256 % CODE_ALPHABET.length);

/** Imported codes: letters, digits and dashes, 4 to 40 characters once normalised. */
const IMPORTED_CODE = /^[A-Z0-9-]{4,40}$/;

/** Codes compare case-insensitively and without surrounding spaces: `save-10 ` is `SAVE-10`. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** One random code: `prefix` followed by `length` characters from the unambiguous alphabet (crypto random). */
export function generateCode(prefix: string, length: number): string {
  let body = '';
  while (body.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < UNBIASED_LIMIT && body.length < length) body += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    }
  }
  return `${prefix}${body}`;
}

/** Why an imported code is refused, or null when it is acceptable. */
export function describeBadCode(code: string): string | null {
  return IMPORTED_CODE.test(code) ? null : 'must be 4 to 40 letters, digits or dashes';
}
