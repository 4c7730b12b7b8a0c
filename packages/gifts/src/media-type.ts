/** The reaction media the claim page accepts, recognised from the bytes (never from the name or the declared type). */
export type ReactionMediaType = 'image/jpeg' | 'image/png' | 'image/webp' | 'video/webm' | 'video/mp4';

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((byte, i) => bytes[at + i] === byte);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/**
 * JPEG (FF D8 FF), PNG (its 8-byte signature), WebP (RIFF….WEBP), WebM (an EBML header whose doc type is webm),
 * MP4 (an `ftyp` box). Anything else is null.
 */
export function detectReactionMediaType(bytes: Uint8Array): ReactionMediaType | null {
  if (bytes.length < 12) return null;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]) && ascii(bytes, 0, Math.min(bytes.length, 64)).includes('webm')) return 'video/webm';
  if (ascii(bytes, 4, 8) === 'ftyp') return 'video/mp4';
  return null;
}

export const isVideoType = (type: ReactionMediaType) => type.startsWith('video/');
