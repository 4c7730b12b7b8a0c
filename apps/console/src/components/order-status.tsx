import { useI18n } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const ORDER_STATUSES = ['pending', 'paid', 'fulfilled', 'delivered', 'refunded', 'cancelled'] as const;

/** Shop order statuses come from the shop's system; known ones are translated, others shown as sent. */
export function OrderStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const known = (ORDER_STATUSES as readonly string[]).includes(status);
  return (
    <span className={`badge badge-order-${known ? status : 'other'}`}>{known ? t(`order.${status}` as MessageKey) : status}</span>
  );
}
