import { AppError } from '@touchpoint/core';

/** The largest photo a viewer may post (after base64 decoding). */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/gif', test: (b) => b.length > 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')) },
  { type: 'image/webp', test: (b) => b.length > 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/**
 * Decodes a posted photo and decides its type from its first bytes (what it claims to be is ignored): JPEG, PNG,
 * GIF or WebP, at most MAX_PHOTO_BYTES. Anything else is refused with 415/413 before anything is stored.
 */
export function readPhoto(base64: string): { bytes: Buffer; contentType: string } {
  const data = base64.replace(/^data:[^,]*,/, '');
  if (!/^[A-Za-z0-9+/=_-]*$/.test(data)) throw new AppError('unsupported_media_type', 'Not a photo', 'Send the photo as base64.');
  if (data.length > Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 4) throw new AppError('payload_too_large', 'Photo too large', `A photo may be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`);
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > MAX_PHOTO_BYTES) throw new AppError('payload_too_large', 'Photo too large', `A photo may be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`);
  const type = SIGNATURES.find((signature) => signature.test(bytes))?.type;
  if (!type) throw new AppError('unsupported_media_type', 'Not a photo', 'Only JPEG, PNG, GIF or WebP photos can be posted.');
  return { bytes, contentType: type };
}
