import { describe, expect, it } from 'vitest';
import { nextLocalTime, resolveZone } from './local-time.ts';

describe('nextLocalTime', () => {
  it('finds the next 09:00 in Tokyo and in New York from the same instant', () => {
    const now = new Date('2030-01-15T12:00:00Z');
    expect(nextLocalTime(now, '09:00', 'Asia/Tokyo').toISOString()).toBe('2030-01-16T00:00:00.000Z');
    expect(nextLocalTime(now, '09:00', 'America/New_York').toISOString()).toBe('2030-01-15T14:00:00.000Z');
  });

  it('follows daylight saving time in New York (EDT in July)', () => {
    expect(nextLocalTime(new Date('2030-07-01T00:00:00Z'), '09:00', 'America/New_York').toISOString()).toBe('2030-07-01T13:00:00.000Z');
  });

  it('skips to an allowed weekday (0 = Sunday)', () => {
    // 2030-01-15 is a Tuesday; the next Saturday 10:00 in Tokyo is 19 January.
    expect(nextLocalTime(new Date('2030-01-15T12:00:00Z'), '10:00', 'Asia/Tokyo', [6]).toISOString()).toBe('2030-01-19T01:00:00.000Z');
  });

  it('never returns the present instant: at exactly 09:00 the next one is tomorrow', () => {
    expect(nextLocalTime(new Date('2030-01-15T00:00:00Z'), '09:00', 'Asia/Tokyo').toISOString()).toBe('2030-01-16T00:00:00.000Z');
  });

  it('falls back when a zone is unknown', () => {
    expect(resolveZone('Mars/Olympus', 'Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(resolveZone(null)).toBe('UTC');
  });
});
