import { describe, expect, it } from 'vitest';
import { resolveStage, touchpointKey } from './lifecycle-stages.ts';
import { formatCsvLine, formatCsvValue } from './touchpoint-csv.ts';

describe('formatCsvValue', () => {
  it('quotes commas, quotes, line breaks and edge spaces, and leaves plain values and numbers alone', () => {
    expect(formatCsvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', ' pad', null, 3, 0.5])).toBe('plain,"a,b","say ""hi""","two\nlines"," pad",,3,0.5\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(formatCsvValue('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(formatCsvValue('@SUM(1)')).toBe("'@SUM(1)");
    expect(formatCsvValue(-3)).toBe('-3');
  });
});

describe('touchpoint keys and stages', () => {
  it('folds account-wide kinds to one touchpoint whatever id an event carries', () => {
    expect(touchpointKey({ kind: 'order', id: 'order-123' })).toBe('order:');
    expect(touchpointKey({ kind: 'channel', id: 'email' })).toBe('channel:email');
    expect(touchpointKey({ kind: 'journey', id: null })).toBe('journey:');
  });

  it('prefers an admin’s stage over the directory’s and the directory’s over the kind’s default', () => {
    expect(resolveStage('journey', 'stay', 'buy')).toBe('stay');
    expect(resolveStage('journey', undefined, 'buy')).toBe('buy');
    expect(resolveStage('journey', undefined, undefined)).toBe('onboard');
  });
});
