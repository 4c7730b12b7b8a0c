import { describe, expect, it } from 'vitest';
import { readCodeLines } from './code-lines.ts';

describe('reading pasted or CSV codes', () => {
  it('takes the first column of each line, keeps line numbers and skips blank lines', () => {
    expect(readCodeLines('SAVE-1\r\n\n"SAVE-2",issued\nSAVE-3;x\n  SAVE-4\t2026 \n')).toEqual([
      { line: 1, code: 'SAVE-1' },
      { line: 3, code: 'SAVE-2' },
      { line: 4, code: 'SAVE-3' },
      { line: 5, code: 'SAVE-4' },
    ]);
  });
});
