import { AppError } from '@touchpoint/core';

/** What one address may do per minute in one inbox's chat: enough for a person, not for a script filling the inbox. */
export const WIDGET_LIMITS_PER_MINUTE: Record<string, number> = {
  visitors: 20,
  profile: 20,
  messages: 60,
  attachments: 20,
  typing: 60,
  'portal-link': 10,
};

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows, counted in this process's memory: the widget's public writes are limited per client
 * address and inbox (429 with Retry-After past the limit). Each node counts on its own, so N nodes allow N times as
 * much; that still stops a single script, which is the point (a shared limit would need Redis or the database).
 */
export function createWidgetRateLimiter(now: () => number = Date.now) {
  const windows = new Map<string, { startedAt: number; count: number }>();
  let lastSweep = now();

  return function hit(action: string, client: string, inboxId: string) {
    const limit = WIDGET_LIMITS_PER_MINUTE[action];
    if (limit === undefined) return;
    const at = now();
    if (at - lastSweep > WINDOW_MS) {
      for (const [key, window] of windows) if (at - window.startedAt >= WINDOW_MS) windows.delete(key);
      lastSweep = at;
    }
    const key = `${action} ${inboxId} ${client}`;
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
