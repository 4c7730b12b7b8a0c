import { createFixedWindowLimiter } from '../http/fixed-window-limiter.ts';

/** What one address may do per minute in one inbox's chat: enough for a person, not for a script filling the inbox. */
export const WIDGET_LIMITS_PER_MINUTE: Record<string, number> = {
  visitors: 20,
  profile: 20,
  messages: 60,
  attachments: 20,
  typing: 60,
  'portal-link': 10,
  /** Browser SDK batches (each up to 50 events). */
  events: 60,
};

/**
 * The widget's public writes are limited per client address and inbox (429 with Retry-After past the limit), in
 * fixed one-minute windows counted in this process's memory. Each node counts on its own, so N nodes allow N times as
 * much; that still stops a single script, which is the point (a shared limit would need Redis or the database).
 */
export function createWidgetRateLimiter(now: () => number = Date.now) {
  return createFixedWindowLimiter(WIDGET_LIMITS_PER_MINUTE, now);
}
