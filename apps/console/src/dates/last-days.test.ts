import { describe, expect, it } from 'vitest';
import { computeLastDays } from './last-days.ts';

describe('computeLastDays', () => {
  it('ends on the account’s date, not the browser’s, just past midnight in Tokyo', () => {
    const now = new Date('2026-11-23T16:30:00Z'); // 01:30 on 24 November in Tokyo
    expect(computeLastDays(30, now, 'Asia/Tokyo')).toEqual({ from: '2026-10-26', to: '2026-11-24' });
    expect(computeLastDays(7, now, 'America/New_York')).toEqual({ from: '2026-11-17', to: '2026-11-23' });
  });

  it('counts the last N days with today included, on the browser’s date without a zone', () => {
    expect(computeLastDays(30, new Date(2026, 10, 23))).toEqual({ from: '2026-10-25', to: '2026-11-23' });
  });
});
