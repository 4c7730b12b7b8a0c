import { describe, expect, it } from 'vitest';
import { editDistance, pickCorrection } from './spelling.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions, and a swap of neighbours as one edit', () => {
    expect(editDistance('refund', 'refund')).toBe(0);
    expect(editDistance('refnud', 'refund')).toBe(1);
    expect(editDistance('refun', 'refund')).toBe(1);
    expect(editDistance('refunds', 'refund')).toBe(1);
    expect(editDistance('rafund', 'refund')).toBe(1);
    expect(editDistance('rfnudd', 'refund')).toBe(3);
    expect(editDistance('', 'tea')).toBe(3);
  });
});

describe('pickCorrection', () => {
  it('takes the candidate with the fewest edits, keeping the most similar on a tie', () => {
    expect(pickCorrection('refnud', ['refunded', 'refund', 'refunds'])).toBe('refund');
    expect(pickCorrection('shiping', ['shopping', 'shipping'])).toBe('shipping');
    expect(pickCorrection('tepaot', ['teapots', 'teapot'])).toBe('teapot');
  });

  it('allows one edit in a word of up to five letters and two in a longer one', () => {
    expect(pickCorrection('lidd', ['lid', 'lids'])).toBe('lid');
    expect(pickCorrection('tpae', ['tape', 'tap'])).toBe('tape');
    expect(pickCorrection('mugg', ['mango'])).toBeNull();
    expect(pickCorrection('deliverry', ['delivery'])).toBe('delivery');
    expect(pickCorrection('refund', [])).toBeNull();
  });
});
