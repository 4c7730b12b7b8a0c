import { describe, expect, it } from 'vitest';
import { OUTREACH_CHANNELS } from '@touchpoint/core';
import { checkConsent, isInControlGroup, normalizeTimeZone } from './outreach-rules.ts';

describe('consent', () => {
  const states = { 'said yes': { granted: true }, 'said no': { granted: false }, 'never asked': undefined } as const;

  it('never lets a message through to a channel the customer said no to, transactional or not', () => {
    for (const channel of OUTREACH_CHANNELS.filter((value) => value !== 'in_app')) {
      for (const transactional of [true, false]) expect(checkConsent(channel, { [channel]: states['said no'] }, transactional).ok).toBe(false);
    }
  });

  it('lets marketing email go unless refused, but marketing SMS, WhatsApp and Messenger only with an explicit yes', () => {
    expect(checkConsent('email', {}, false).ok).toBe(true);
    for (const channel of ['sms', 'whatsapp', 'messenger'] as const) {
      expect(checkConsent(channel, {}, false).ok).toBe(false);
      expect(checkConsent(channel, { [channel]: states['said yes'] }, false).ok).toBe(true);
      expect(checkConsent(channel, {}, true).ok).toBe(true);
    }
  });

  it('reads only the channel’s own answer', () => {
    expect(checkConsent('sms', { email: states['said yes'], whatsapp: states['said yes'] }, false).ok).toBe(false);
    expect(checkConsent('email', { sms: states['said no'] }, true).ok).toBe(true);
  });
});

describe('control group', () => {
  it('is stable per customer, close to the percent over many customers, and only grows when the percent does', () => {
    const account = '7f1c2d9e-0000-4000-8000-000000000001';
    const customers = Array.from({ length: 10_000 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    const at10 = customers.filter((id) => isInControlGroup(account, id, 10));
    expect(at10.length).toBeGreaterThan(900);
    expect(at10.length).toBeLessThan(1100);
    expect(customers.filter((id) => isInControlGroup(account, id, 10))).toEqual(at10);
    const at20 = new Set(customers.filter((id) => isInControlGroup(account, id, 20)));
    expect(at10.every((id) => at20.has(id))).toBe(true);
    expect(customers.some((id) => isInControlGroup(account, id, 0))).toBe(false);
  });
});

describe('time zones', () => {
  it('fall back to UTC for an unknown zone', () => {
    expect(normalizeTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(normalizeTimeZone('Mars/Olympus')).toBe('UTC');
    expect(normalizeTimeZone(null)).toBe('UTC');
  });
});
