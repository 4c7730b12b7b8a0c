import { describe, expect, it } from 'vitest';
import { customerServiceWindow } from './whatsapp-window.ts';
import { splitWhatsAppText } from './whatsapp-adapter.ts';

const at = (iso: string) => new Date(iso);
const inbound = (iso: string, type = 'text') => ({ direction: 'inbound', createdAt: at(iso), channelData: { type } });
const outbound = (iso: string) => ({ direction: 'outbound', createdAt: at(iso), channelData: {} });

describe('the 24-hour customer-service window', () => {
  it('is open for 24 hours after the customer’s latest message, whatever the business sent since', () => {
    const history = [inbound('2026-03-01T08:00:00Z'), inbound('2026-03-02T09:00:00Z'), outbound('2026-03-02T10:00:00Z')];
    expect(customerServiceWindow(history, at('2026-03-03T08:59:59Z'))).toEqual({ open: true, lastInboundAt: at('2026-03-02T09:00:00Z'), closesAt: at('2026-03-03T09:00:00Z') });
    expect(customerServiceWindow(history, at('2026-03-03T09:00:00Z')).open).toBe(false);
  });

  it('is closed when the customer never wrote, and WhatsApp’s own notices do not open it', () => {
    expect(customerServiceWindow([outbound('2026-03-01T08:00:00Z')], at('2026-03-01T08:01:00Z'))).toEqual({ open: false, lastInboundAt: null, closesAt: null });
    expect(customerServiceWindow([inbound('2026-03-01T08:00:00Z', 'system')], at('2026-03-01T08:01:00Z')).open).toBe(false);
  });
});

describe('splitting long replies', () => {
  it('keeps a reply within 4096 characters whole and cuts a longer one at a line break or space', () => {
    expect(splitWhatsAppText('short')).toEqual(['short']);
    const long = `${'a'.repeat(3000)}\n${'b '.repeat(1000)}`;
    const parts = splitWhatsAppText(long);
    expect(parts.length).toBe(2);
    expect(parts[0]).toBe('a'.repeat(3000));
    expect(parts.every((part) => Array.from(part).length <= 4096)).toBe(true);
    expect(splitWhatsAppText('x'.repeat(5000)).map((part) => part.length)).toEqual([4096, 904]);
  });
});
