import { describe, expect, it } from 'vitest';
import { type ClockState, type ConversationClockInput, isSameClockState, planClockState, type PolicyTargets } from './clock.ts';
import { isDueSoon } from './sync.ts';

const policy: PolicyTargets = { id: 'p1', firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 480 };
const at = (iso: string) => new Date(iso);
const open = (values: Partial<ConversationClockInput> = {}): ConversationClockInput => ({
  status: 'open',
  createdAt: at('2026-01-05T10:00:00Z'),
  firstResponseAt: null,
  waitingSince: at('2026-01-05T10:00:00Z'),
  ...values,
});

describe('planClockState', () => {
  it('is a fixed point: planning again from its own result changes nothing, later or not', () => {
    for (const c of [open(), open({ status: 'pending' }), open({ firstResponseAt: at('2026-01-05T10:10:00Z'), waitingSince: at('2026-01-05T11:00:00Z') })]) {
      const first = planClockState(null, policy, null, c, at('2026-01-05T10:30:00Z'));
      expect(isSameClockState(first, planClockState(first, policy, null, c, at('2026-01-05T10:30:00Z')))).toBe(true);
      expect(isSameClockState(first, planClockState(first, policy, null, c, at('2026-01-06T09:00:00Z')))).toBe(true);
    }
  });

  it('keeps the due time of a clock that was already overdue when paused, so it stays breached', () => {
    const running = planClockState(null, policy, null, open(), at('2026-01-05T10:00:00Z'));
    const paused = planClockState(running, policy, null, open({ status: 'pending' }), at('2026-01-05T12:00:00Z'));
    expect(paused.pausedRemaining).toEqual({ resolution: 360 });
    const resumed = planClockState(paused, policy, null, open(), at('2026-01-06T12:00:00Z'));
    expect(resumed.firstResponseDueAt!.toISOString()).toBe('2026-01-05T11:00:00.000Z');
    expect(resumed.resolutionDueAt!.toISOString()).toBe('2026-01-06T18:00:00.000Z');
  });

  it('gives a wait that starts while paused its full target when the conversation opens again', () => {
    const answered = open({ firstResponseAt: at('2026-01-05T10:05:00Z'), waitingSince: null });
    const running = planClockState(null, policy, null, answered, at('2026-01-05T10:05:00Z'));
    const paused = planClockState(running, policy, null, { ...answered, status: 'pending' }, at('2026-01-05T10:10:00Z'));
    const waiting = planClockState(paused, policy, null, { ...answered, status: 'pending', waitingSince: at('2026-01-05T11:00:00Z') }, at('2026-01-05T11:00:00Z'));
    expect(waiting.pausedRemaining).toMatchObject({ next_response: 30 });
    const reopened = planClockState(waiting, policy, null, { ...answered, waitingSince: at('2026-01-05T11:00:00Z') }, at('2026-01-05T14:00:00Z'));
    expect(reopened.nextResponseDueAt!.toISOString()).toBe('2026-01-05T14:30:00.000Z');
  });

  it('starts every clock afresh under a different policy', () => {
    const previous: ClockState = { policyId: 'old', firstResponseDueAt: at('2026-01-09T00:00:00Z'), nextResponseDueAt: null, resolutionDueAt: null, pausedAt: null, pausedRemaining: null };
    expect(planClockState(previous, policy, null, open(), at('2026-01-05T10:00:00Z')).firstResponseDueAt!.toISOString()).toBe('2026-01-05T11:00:00.000Z');
  });
});

describe('isDueSoon', () => {
  it('means within 15 minutes or 10 % of the target, whichever is longer', () => {
    expect(isDueSoon(15, 60)).toBe(true);
    expect(isDueSoon(16, 60)).toBe(false);
    expect(isDueSoon(144, 1440)).toBe(true);
    expect(isDueSoon(145, 1440)).toBe(false);
  });
});
