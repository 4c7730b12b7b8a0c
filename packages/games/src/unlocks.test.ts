import { describe, expect, it } from 'vitest';
import { groupOrdersIntoUnlocks } from './unlocks.ts';

const NOW = new Date('2030-06-15T12:00:00Z');
const at = (daysAgo: number, hour = 12) => new Date(Date.UTC(2030, 5, 15 - daysAgo, hour));
const order = (id: string, daysAgo: number, hour = 12) => ({ id, placedAt: at(daysAgo, hour) });

describe('grouping orders into unlocks', () => {
  it('closes one unlock per N distinct orders and reports the progress of the rest', () => {
    const orders = ['a', 'b', 'c', 'd', 'e'].map((id, index) => order(id, 10 - index));
    const result = groupOrdersIntoUnlocks(orders, { ordersRequired: 2, windowDays: null, uniqueBy: 'order', minOrderMinor: null }, NOW);
    expect(result.closed).toEqual([['a', 'b'], ['c', 'd']]);
    expect(result.progress).toBe(1);
  });

  it('counts orders on one day once when unique means distinct days', () => {
    const orders = [order('a', 3, 9), order('b', 3, 15), order('c', 2), order('d', 1)];
    const result = groupOrdersIntoUnlocks(orders, { ordersRequired: 3, windowDays: null, uniqueBy: 'day', minOrderMinor: null }, NOW);
    expect(result.closed).toEqual([['a', 'b', 'c', 'd']]);
    expect(groupOrdersIntoUnlocks(orders.slice(0, 3), { ordersRequired: 3, windowDays: null, uniqueBy: 'day', minOrderMinor: null }, NOW)).toEqual({ closed: [], progress: 2 });
  });

  it('drops orders that fell out of the window, both while grouping and from the progress', () => {
    const orders = [order('old', 40), order('b', 5), order('c', 4)];
    const eligibility = { ordersRequired: 3, windowDays: 30, uniqueBy: 'order' as const, minOrderMinor: null };
    expect(groupOrdersIntoUnlocks(orders, eligibility, NOW)).toEqual({ closed: [], progress: 2 });
    expect(groupOrdersIntoUnlocks([...orders, order('d', 3)], eligibility, NOW).closed).toEqual([['b', 'c', 'd']]);
    expect(groupOrdersIntoUnlocks([order('x', 35), order('y', 34)], eligibility, NOW).progress).toBe(0);
  });
});
