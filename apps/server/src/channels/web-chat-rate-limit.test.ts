import { describe, expect, it } from 'vitest';
import { createWidgetRateLimiter, WIDGET_LIMITS_PER_MINUTE } from './web-chat-rate-limit.ts';

describe('the widget’s rate limit', () => {
  it('counts per action, address and inbox, and starts again after a minute', () => {
    let now = 0;
    const hit = createWidgetRateLimiter(() => now);
    const limit = WIDGET_LIMITS_PER_MINUTE.messages!;
    for (let i = 0; i < limit; i += 1) hit('messages', '1.2.3.4', 'inbox-a');
    expect(() => hit('messages', '1.2.3.4', 'inbox-a')).toThrow(/Too many messages requests/);
    expect(() => hit('messages', '1.2.3.4', 'inbox-b')).not.toThrow();
    expect(() => hit('messages', '5.6.7.8', 'inbox-a')).not.toThrow();
    expect(() => hit('attachments', '1.2.3.4', 'inbox-a')).not.toThrow();
    expect(() => hit('conversations', '1.2.3.4', 'inbox-a')).not.toThrow();
    now += 60_000;
    expect(() => hit('messages', '1.2.3.4', 'inbox-a')).not.toThrow();
  });
});
