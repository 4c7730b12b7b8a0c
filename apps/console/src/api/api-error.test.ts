import { describe, expect, it } from 'vitest';
import { parseRetryAfter, readApiError } from './api-error.ts';

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('540')).toBe(540);
  });

  it('reads an HTTP-date as seconds from now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:02:00 GMT', now)).toBe(120);
  });

  it('answers null for a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('readApiError', () => {
  it('reads a problem+json answer with its field errors and retry-after', async () => {
    const response = new Response(
      JSON.stringify({ title: 'Invalid request', status: 400, code: 'validation_failed', detail: 'email: bad', errors: [{ path: 'email', message: 'bad' }] }),
      { status: 400, headers: { 'content-type': 'application/problem+json', 'retry-after': '60' } },
    );
    const error = await readApiError(response);
    expect(error.code).toBe('validation_failed');
    expect(error.detail).toBe('email: bad');
    expect(error.fieldErrors).toEqual([{ path: 'email', message: 'bad' }]);
    expect(error.retryAfterSeconds).toBe(60);
  });

  it('falls back to the status when the body is not JSON', async () => {
    const error = await readApiError(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(error.code).toBe('http_502');
    expect(error.title).toBe('Bad Gateway');
    expect(error.detail).toBeNull();
  });
});
