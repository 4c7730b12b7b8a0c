import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './signature.ts';
import { checkWebhookUrl } from './webhooks.ts';

describe('webhook signatures', () => {
  it('verifies a signed body and rejects a changed body, another secret or a stale timestamp', () => {
    const at = new Date('2026-11-23T00:00:00Z');
    const header = signWebhookBody('whsec_a', '{"id":1}', at);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('whsec_a', '{"id":1}', header, at)).toBe(true);
    expect(verifyWebhookSignature('whsec_a', '{"id":2}', header, at)).toBe(false);
    expect(verifyWebhookSignature('whsec_b', '{"id":1}', header, at)).toBe(false);
    expect(verifyWebhookSignature('whsec_a', '{"id":1}', header, new Date(at.getTime() + 600_000))).toBe(false);
  });

  it('accepts https anywhere and http only to localhost', () => {
    expect(checkWebhookUrl('https://example.com/hook')).toBeNull();
    expect(checkWebhookUrl('http://localhost:3000/hook')).toBeNull();
    expect(checkWebhookUrl('http://127.0.0.1:3000/hook')).toBeNull();
    expect(checkWebhookUrl('http://example.com/hook')).toMatch(/https/);
    expect(checkWebhookUrl('ftp://example.com')).not.toBeNull();
  });
});
