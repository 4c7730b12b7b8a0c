import type { OrderLine } from '@touchpoint/db';
import type { ReturnPolicy } from './return-policy.ts';

export const INELIGIBLE_REASONS = ['order_cancelled', 'order_refunded', 'not_delivered', 'outside_window', 'non_returnable', 'already_returned'] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

export interface LineEligibility {
  lineId: string;
  title: string;
  sku: string | null;
  variant: string | null;
  quantity: number;
  unitPriceMinor: number;
  /** Already in a return that is not rejected or cancelled. */
  returnedQuantity: number;
  returnableQuantity: number;
  eligible: boolean;
  reason: IneligibleReason | null;
  /** The reason in a sentence (English), for API clients and logs; UIs translate `reason`. */
  detail: string;
}

export interface OrderForEligibility {
  lines: OrderLine[];
  cancelledAt: Date | null;
  financialStatus: string;
  deliveredAt: Date | null;
}

const DAY_MS = 24 * 3600_000;

/** The last moment a return may be started: delivery + window (null while the order is not delivered). */
export function returnDeadline(deliveredAt: Date | null, windowDays: number): Date | null {
  return deliveredAt ? new Date(deliveredAt.getTime() + windowDays * DAY_MS) : null;
}

/**
 * Which lines of an order can be returned now, and why not. Order-level reasons come first (cancelled, refunded, not
 * delivered, outside the window), then the line's own (a non-returnable tag, everything already returned).
 */
export function assessReturnEligibility(order: OrderForEligibility, policy: ReturnPolicy, returnedByLine: ReadonlyMap<string, number>, now: Date) {
  const deadline = returnDeadline(order.deliveredAt, policy.windowDays);
  const orderReason: [IneligibleReason, string] | null = order.cancelledAt
    ? ['order_cancelled', 'The order was cancelled.']
    : order.financialStatus === 'refunded'
      ? ['order_refunded', 'The order was refunded.']
      : !deadline
        ? ['not_delivered', 'The order has not been delivered yet.']
        : now.getTime() > deadline.getTime()
          ? ['outside_window', `The ${policy.windowDays}-day return window ended on ${deadline.toISOString().slice(0, 10)}.`]
          : null;
  const blocked = new Set(policy.nonReturnableTags.map((tag) => tag.toLowerCase()));
  const lines: LineEligibility[] = order.lines.map((line) => {
    const returnedQuantity = Math.min(line.quantity, returnedByLine.get(line.id) ?? 0);
    const left = line.quantity - returnedQuantity;
    const tag = line.productTags.find((t) => blocked.has(t.toLowerCase()));
    const [reason, detail]: [IneligibleReason | null, string] = orderReason
      ? orderReason
      : tag
        ? ['non_returnable', `This item cannot be returned (${tag}).`]
        : left === 0
          ? ['already_returned', returnedQuantity === 1 ? 'This item is already being returned.' : `All ${returnedQuantity} are already being returned.`]
          : [null, ''];
    return {
      lineId: line.id,
      title: line.title,
      sku: line.sku,
      variant: line.variant,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      returnedQuantity,
      returnableQuantity: reason ? 0 : left,
      eligible: reason === null,
      reason,
      detail,
    };
  });
  return { returnBy: deadline?.toISOString() ?? null, lines, eligible: lines.some((line) => line.eligible) };
}

/** A line's refund for `quantity` items: its share of the line total (after line discounts), rounded down. */
export function refundForLine(line: OrderLine, quantity: number): number {
  return Math.floor((line.lineTotalMinor * quantity) / line.quantity);
}
