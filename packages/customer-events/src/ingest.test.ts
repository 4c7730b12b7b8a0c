import { describe, expect, it } from 'vitest';
import { IngestItemSchema, readTraits } from './ingest.ts';
import { isCustomerActivity } from './traits.ts';

describe('reading identify traits', () => {
  it('sends known traits to profile fields, the rest to typed attributes, and names every bad one', () => {
    expect(readTraits({ name: ' Mika ', email: 'MIKA@Example.test', language: 'ja', timezone: 'asia/tokyo', seats: 5, beta: true, plan: 'pro' })).toEqual({
      value: { name: 'Mika', email: 'mika@example.test', locale: 'ja', timeZone: 'Asia/Tokyo', attributes: { seats: 5, beta: true, plan: 'pro' } },
      errors: [],
    });
    expect(readTraits({ email: 'nope', address: { city: 'Kyoto' }, locale: 'fr' }).errors).toEqual([
      'traits.address must be a string, number, boolean or null',
      'traits.email must be an email address',
      expect.stringContaining('traits.locale'),
    ]);
  });
});

describe('batch items', () => {
  it('need a messageId and a userId or anonymousId, and the fields of their type', () => {
    expect(IngestItemSchema.safeParse({ type: 'track', messageId: 'm1', userId: 'u', event: 'Paid' }).success).toBe(true);
    expect(IngestItemSchema.safeParse({ type: 'track', userId: 'u', event: 'Paid' }).success).toBe(false);
    expect(IngestItemSchema.safeParse({ type: 'track', messageId: 'm1', event: 'Paid' }).success).toBe(false);
    expect(IngestItemSchema.safeParse({ type: 'alias', messageId: 'm1', userId: 'u' }).success).toBe(false);
    expect(IngestItemSchema.safeParse({ type: 'page', messageId: 'm1', anonymousId: 'a', timestamp: 'yesterday' }).success).toBe(false);
  });
});

describe('customer activity', () => {
  it('is every API or SDK call and the system events that are the customer acting, not what the product sent them', () => {
    expect(isCustomerActivity({ kind: 'track', name: 'Paid' })).toBe(true);
    expect(isCustomerActivity({ kind: 'system', name: 'message.received' })).toBe(true);
    expect(isCustomerActivity({ kind: 'system', name: 'message.sent' })).toBe(false);
    expect(isCustomerActivity({ kind: 'system', name: 'prompt.triggered' })).toBe(false);
  });
});
