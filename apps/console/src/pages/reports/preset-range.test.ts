import { describe, expect, it } from 'vitest';
import { computePresetRange } from './reports-page.tsx';

describe('computePresetRange', () => {
  it('ends on the account’s date, not the browser’s, just past midnight in Tokyo', () => {
    const now = new Date('2026-11-23T16:30:00Z'); // 01:30 on 24 November in Tokyo
    expect(computePresetRange(30, now, 'Asia/Tokyo')).toEqual({ from: '2026-10-26', to: '2026-11-24' });
    expect(computePresetRange(7, now, 'America/New_York')).toEqual({ from: '2026-11-17', to: '2026-11-23' });
  });
});
