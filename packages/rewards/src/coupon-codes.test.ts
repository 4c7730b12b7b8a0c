import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, describeBadCode, generateCode, normalizeCode } from './coupon-codes.ts';

describe('coupon codes', () => {
  it('generates the prefix then the asked number of characters, all from the unambiguous alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCode('SPRING-', 10);
      expect(code).toMatch(new RegExp(`^SPRING-[${CODE_ALPHABET}]{10}$`));
    }
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
  });

  it('does not repeat itself across ten thousand codes', () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => generateCode('', 8)));
    expect(codes.size).toBe(10_000);
  });

  it('compares codes without case or surrounding spaces and refuses malformed imports', () => {
    expect(normalizeCode('  save-10 ')).toBe('SAVE-10');
    expect(describeBadCode('SAVE-10')).toBeNull();
    expect(describeBadCode('AB')).not.toBeNull();
    expect(describeBadCode('SAVE 10')).not.toBeNull();
  });
});
