import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from './realtime-context.tsx';
import { buildRealtimeUrl, computeBackoffDelay } from './realtime-connection.ts';

describe('realtime', () => {
  it('uses wss: on https pages and ws: otherwise, on the same host', () => {
    expect(buildRealtimeUrl({ protocol: 'https:', host: 'cx.example.com' } as Location)).toBe('wss://cx.example.com/api/v1/realtime');
    expect(buildRealtimeUrl({ protocol: 'http:', host: 'localhost:3000' } as Location)).toBe('ws://localhost:3000/api/v1/realtime');
  });

  it('backs off exponentially up to about 30 seconds', () => {
    expect(computeBackoffDelay(1)).toBeGreaterThanOrEqual(800);
    expect(computeBackoffDelay(1)).toBeLessThanOrEqual(1200);
    expect(computeBackoffDelay(3)).toBeGreaterThanOrEqual(3200);
    expect(computeBackoffDelay(20)).toBeLessThanOrEqual(36_000);
  });

  it('matches event patterns by prefix or exactly', () => {
    expect(matchesEventPattern('member.updated', 'member.*')).toBe(true);
    expect(matchesEventPattern('message.created', 'member.*')).toBe(false);
    expect(matchesEventPattern('account.updated', 'account.updated')).toBe(true);
  });
});
