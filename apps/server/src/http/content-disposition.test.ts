import { describe, expect, it } from 'vitest';
import { buildContentDisposition } from './content-disposition.ts';

describe('buildContentDisposition', () => {
  it('gives a plain ASCII name as it is', () => {
    expect(buildContentDisposition('attachment', 'invoice 42.pdf')).toBe('attachment; filename="invoice 42.pdf"');
  });

  it('adds an RFC 5987 filename* for a Japanese or Chinese name, with an ASCII stand-in for old clients', () => {
    const value = buildContentDisposition('inline', '写真(1).png');
    expect(value).toBe(`inline; filename="__(1).png"; filename*=UTF-8''%E5%86%99%E7%9C%9F%281%29.png`);
    expect(decodeURIComponent(value.split("UTF-8''")[1]!)).toBe('写真(1).png');
  });

  it('never lets quotes or backslashes end the quoted name early', () => {
    const value = buildContentDisposition('attachment', 'a"b\\c.txt');
    expect(value).toMatch(/^attachment; filename="a_b_c\.txt"; filename\*=UTF-8''a%22b%5Cc\.txt$/);
  });
});
