import { describe, expect, it } from 'vitest';
import { createProgressReporter, renderProgressBar } from './progress-bar.ts';

describe('renderProgressBar', () => {
  it('draws the filled share, the percentage and grouped counts', () => {
    expect(renderProgressBar(4_500, 10_000)).toBe('[#####.....] 45% 4,500/10,000 rows');
    expect(renderProgressBar(999, 1_000)).toBe('[#########.] 99% 999/1,000 rows');
    expect(renderProgressBar(0, 3)).toBe('[..........] 0% 0/3 rows');
    expect(renderProgressBar(3, 3)).toBe('[##########] 100% 3/3 rows');
  });

  it('treats an empty job as done and never overflows', () => {
    expect(renderProgressBar(0, 0)).toBe('[##########] 100% 0/0 rows');
    expect(renderProgressBar(12, 10, { width: 4 })).toBe('[####] 100% 12/10 rows');
  });
});

describe('createProgressReporter', () => {
  it('redraws one line in place on a terminal', () => {
    const written: string[] = [];
    const bar = createProgressReporter({ isTTY: true, write: (text: string) => written.push(text) }, 400);
    bar.update(200);
    bar.finish();
    expect(written[0]).toMatch(/^\r\[#{15}\.{15}\] 50% 200\/400 rows$/);
    expect(written.at(-1)).toBe('\n');
  });

  it('writes a line only at each further tenth when not on a terminal', () => {
    const written: string[] = [];
    const bar = createProgressReporter({ isTTY: false, write: (text: string) => written.push(text) }, 1_000);
    for (let done = 0; done <= 1_000; done += 50) bar.update(done);
    expect(written).toHaveLength(11);
    expect(written.at(-1)).toBe('[##########] 100% 1,000/1,000 rows\n');
  });
});
