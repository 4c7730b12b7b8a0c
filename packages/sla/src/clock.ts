import { addBusinessMinutes, type BusinessHoursSpec, businessMinutesBetween } from './business-time.ts';

export const SLA_TARGETS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** Statuses that stop every clock (remaining time is kept and restarted when the conversation is open again). */
export const PAUSING_STATUSES = ['pending', 'snoozed'];
/** Statuses that end the conversation's clocks for good (resolution is met). */
export const FINISHED_STATUSES = ['resolved', 'closed'];

export interface PolicyTargets {
  id: string;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

export interface ConversationClockInput {
  status: string;
  createdAt: Date;
  firstResponseAt: Date | null;
  waitingSince: Date | null;
}

/** The stored clock state (a `conversation_slas` row, without bookkeeping columns). */
export interface ClockState {
  policyId: string;
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  pausedAt: Date | null;
  pausedRemaining: Partial<Record<SlaTarget, number>> | null;
}

const DUE_KEY = { first_response: 'firstResponseDueAt', next_response: 'nextResponseDueAt', resolution: 'resolutionDueAt' } as const;
const MINUTES_KEY = { first_response: 'firstResponseMinutes', next_response: 'nextResponseMinutes', resolution: 'resolutionMinutes' } as const;

export const dueOf = (state: Pick<ClockState, 'firstResponseDueAt' | 'nextResponseDueAt' | 'resolutionDueAt'>, target: SlaTarget) => state[DUE_KEY[target]];
export const targetMinutes = (policy: Omit<PolicyTargets, 'id'>, target: SlaTarget) => policy[MINUTES_KEY[target]];

/** Whether a target's clock is still running (or would be, but for a pause): not yet met and not finished. */
export function isTargetActive(target: SlaTarget, c: ConversationClockInput): boolean {
  if (FINISHED_STATUSES.includes(c.status)) return false;
  if (target === 'first_response') return c.firstResponseAt === null;
  if (target === 'next_response') return c.firstResponseAt !== null && c.waitingSince !== null;
  return true;
}

const baseOf = (target: SlaTarget, c: ConversationClockInput) => (target === 'next_response' ? c.waitingSince : c.createdAt);

/**
 * The clock state a conversation should have now, from its current row and the state stored before — a pure function,
 * so syncing is idempotent: planning again from its own result with the same conversation changes nothing.
 *
 * - First response and resolution run from `createdAt`; next response from `waitingSince` once someone has answered.
 *   Their due times are computed once and then carried (a later change of hours or targets applies to new clocks).
 * - Next response's due time is cleared while nobody is waiting, and computed afresh when a new wait starts.
 * - A pausing status stores each running clock's business minutes left (`pausedRemaining`) and `pausedAt`; when the
 *   conversation is open again each clock restarts from `now` with that remainder. A clock already overdue when
 *   paused keeps its due time (it stays breached).
 * - A different policy than the stored one starts every clock afresh.
 */
export function planClockState(previous: ClockState | null, policy: PolicyTargets, hours: BusinessHoursSpec | null, c: ConversationClockInput, now: Date): ClockState {
  const carried = previous && previous.policyId === policy.id ? previous : null;
  const dues = {} as Record<SlaTarget, Date | null>;
  for (const target of SLA_TARGETS) {
    const minutes = targetMinutes(policy, target);
    const base = baseOf(target, c);
    if (minutes === null || base === null || (target === 'next_response' && !isTargetActive(target, c))) {
      dues[target] = null;
      continue;
    }
    const before = carried ? dueOf(carried, target) : null;
    const stale = target === 'next_response' && before !== null && before.getTime() <= base.getTime();
    dues[target] = before && !stale ? before : addBusinessMinutes(base, minutes, hours);
  }

  const pausing = PAUSING_STATUSES.includes(c.status);
  const wasPaused = carried?.pausedAt ? carried : null;
  let pausedAt: Date | null = null;
  let pausedRemaining: Partial<Record<SlaTarget, number>> | null = null;

  if (pausing) {
    pausedAt = wasPaused?.pausedAt ?? now;
    const kept = wasPaused?.pausedRemaining ?? {};
    pausedRemaining = {};
    for (const target of SLA_TARGETS) {
      const due = dues[target];
      if (!due || !isTargetActive(target, c)) continue;
      const remaining = target in kept ? kept[target]! : wasPaused && !dueOf(wasPaused, target) ? targetMinutes(policy, target)! : businessMinutesBetween(pausedAt, due, hours);
      if (remaining > 0) pausedRemaining[target] = remaining;
    }
  } else if (wasPaused) {
    for (const target of SLA_TARGETS) {
      const remaining = wasPaused.pausedRemaining?.[target];
      if (remaining !== undefined && dues[target] && isTargetActive(target, c)) dues[target] = addBusinessMinutes(now, remaining, hours);
    }
  }

  return {
    policyId: policy.id,
    firstResponseDueAt: dues.first_response,
    nextResponseDueAt: dues.next_response,
    resolutionDueAt: dues.resolution,
    pausedAt,
    pausedRemaining,
  };
}

const sameTime = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());

export function isSameClockState(a: ClockState, b: ClockState): boolean {
  return (
    a.policyId === b.policyId &&
    sameTime(a.firstResponseDueAt, b.firstResponseDueAt) &&
    sameTime(a.nextResponseDueAt, b.nextResponseDueAt) &&
    sameTime(a.resolutionDueAt, b.resolutionDueAt) &&
    sameTime(a.pausedAt, b.pausedAt) &&
    sameRemaining(a.pausedRemaining, b.pausedRemaining)
  );
}

function sameRemaining(a: ClockState['pausedRemaining'], b: ClockState['pausedRemaining']) {
  if (a === null || b === null) return a === b;
  return SLA_TARGETS.every((target) => a[target] === b[target]);
}
