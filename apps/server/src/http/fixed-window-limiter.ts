import { AppError } from '@touchpoint/core';

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows counted in this process's memory, per key (action, client address, tenant): past
 * `limits[action]` a request fails with 429 and Retry-After. Each node counts on its own — enough to stop one script.
 */
export function createFixedWindowLimiter(limits: Record<string, number>, now: () => number = Date.now) {
  const windows = new Map<string, { startedAt: number; count: number }>();
  let lastSweep = now();
  return function hit(action: string, client: string, tenant: string) {
    const limit = limits[action];
    if (limit === undefined) return;
    const at = now();
    if (at - lastSweep > WINDOW_MS) {
      for (const [key, window] of windows) if (at - window.startedAt >= WINDOW_MS) windows.delete(key);
      lastSweep = at;
    }
    const key = `${action} ${tenant} ${client}`;
    const window = windows.get(key);
    if (!window || at - window.startedAt >= WINDOW_MS) {
      windows.set(key, { startedAt: at, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - at) / 1000));
      throw new AppError('rate_limited', 'Too many requests', `Too many ${action} requests from this address; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
  };
}
