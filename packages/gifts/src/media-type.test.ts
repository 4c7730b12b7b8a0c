import { describe, expect, it } from 'vitest';
import { detectReactionMediaType } from './media-type.ts';

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));

describe('detectReactionMediaType', () => {
  it('recognises photos and videos from their first bytes', () => {
    expect(detectReactionMediaType(bytes([0xff, 0xd8, 0xff, 0xe0], new Array(12).fill(0)))).toBe('image/jpeg');
    expect(detectReactionMediaType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], new Array(8).fill(0)))).toBe('image/png');
    expect(detectReactionMediaType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
    expect(detectReactionMediaType(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm', [0, 0]))).toBe('video/webm');
    expect(detectReactionMediaType(bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 0, 0]))).toBe('video/mp4');
  });

  it('refuses anything else, whatever it claims to be: a script, a GIF, a Matroska file that is not WebM, or too few bytes', () => {
    expect(detectReactionMediaType(bytes('<script>alert(1)</script>'))).toBeNull();
    expect(detectReactionMediaType(bytes('GIF89a', new Array(10).fill(0)))).toBeNull();
    expect(detectReactionMediaType(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81], 'matroska'))).toBeNull();
    expect(detectReactionMediaType(bytes([0xff, 0xd8, 0xff]))).toBeNull();
  });
});
