import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mapShopifyOrder, toMinorUnits, verifyShopifySignature, type ShopifyOrder } from './shopify.ts';

describe('Shopify amounts', () => {
  it('converts decimal strings to minor units exactly, by the currency’s digits', () => {
    expect(toMinorUnits('409.94', 'USD')).toBe(40994);
    expect(toMinorUnits('19.9', 'USD')).toBe(1990);
    expect(toMinorUnits('0.10', 'USD')).toBe(10);
    expect(toMinorUnits('12800', 'JPY')).toBe(12800);
    expect(toMinorUnits('12800.00', 'JPY')).toBe(12800);
    expect(toMinorUnits('1.234', 'KWD')).toBe(1234);
    expect(toMinorUnits(null, 'USD')).toBe(0);
    expect(() => toMinorUnits('12,50', 'EUR')).toThrow(/not a decimal amount/);
  });
});

describe('Shopify signatures', () => {
  it('accepts the base64 HMAC-SHA256 of the raw body and nothing else', () => {
    const body = Buffer.from('{"id":1}');
    const good = createHmac('sha256', 'secret-0123456789').update(body).digest('base64');
    expect(verifyShopifySignature(body, good, 'secret-0123456789')).toBe(true);
    expect(verifyShopifySignature(Buffer.from('{"id":2}'), good, 'secret-0123456789')).toBe(false);
    expect(verifyShopifySignature(body, good, 'another-secret-000')).toBe(false);
    expect(verifyShopifySignature(body, undefined, 'secret-0123456789')).toBe(false);
    expect(verifyShopifySignature(body, 'not base64 at all', 'secret-0123456789')).toBe(false);
  });
});

describe('mapping a Shopify order', () => {
  const base: ShopifyOrder = {
    id: 5001, name: '#1001', email: 'Bob@Example.com', currency: 'jpy', created_at: '2031-01-01T10:00:00+09:00', updated_at: '2031-01-03T10:00:00+09:00',
    financial_status: 'paid', fulfillment_status: 'fulfilled', total_line_items_price: '3000', total_discounts: '300', total_tax: '270', total_price: '3470',
    line_items: [{ id: 9, title: 'Bowl', variant_title: 'Blue', sku: 'B-1', quantity: 2, price: '1500', total_discount: '300' }],
    shipping_lines: [{ price: '500' }],
    fulfillments: [{ id: 7, status: 'success', shipment_status: 'delivered', tracking_company: 'Yamato', tracking_number: '123', tracking_url: 'https://track.example/123', created_at: '2031-01-02T10:00:00+09:00', updated_at: '2031-01-03T09:00:00+09:00' }],
    customer: { first_name: 'Bob', last_name: 'Norman', phone: '+81 90 0000 0000' },
  };

  it('reads lines, amounts, statuses, delivery and the customer', () => {
    const { input, customer } = mapShopifyOrder(base);
    expect(input).toMatchObject({
      number: '#1001', currency: 'JPY', source: 'shopify', externalId: '5001', subtotalMinor: 3000, discountMinor: 300, taxMinor: 270, shippingMinor: 500, totalMinor: 3470,
      financialStatus: 'paid', fulfillmentStatus: 'delivered',
      lines: [{ id: '9', title: 'Bowl', variant: 'Blue', sku: 'B-1', quantity: 2, unitPriceMinor: 1500, lineTotalMinor: 2700 }],
      shipments: [{ id: '7', carrier: 'Yamato', trackingNumber: '123', status: 'delivered', deliveredAt: new Date('2031-01-03T00:00:00Z') }],
    });
    expect(input.providerUpdatedAt).toEqual(new Date('2031-01-03T01:00:00Z'));
    expect(customer).toEqual({ email: 'Bob@Example.com', phone: '+81 90 0000 0000', name: 'Bob Norman', locale: null });
  });

  it('marks a cancelled order cancelled and an unshipped one unfulfilled', () => {
    expect(mapShopifyOrder({ ...base, cancelled_at: '2031-01-04T00:00:00Z' }).input.fulfillmentStatus).toBe('cancelled');
    expect(mapShopifyOrder({ ...base, fulfillment_status: null, fulfillments: [] }).input.fulfillmentStatus).toBe('unfulfilled');
    expect(mapShopifyOrder({ ...base, fulfillments: [{ ...base.fulfillments![0]!, shipment_status: 'in_transit' }] }).input.fulfillmentStatus).toBe('fulfilled');
  });
});
