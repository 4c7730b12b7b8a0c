import type { MessageKey } from '../i18n.ts';
import { formatDate, formatMoney } from '../format.ts';
import { LoadedList, LoadFailedPage, Link, Loading, Page, useLoad } from '../parts.tsx';
import { usePortal } from '../portal-context.ts';

const ORDER_STATUS_KEYS: Record<string, MessageKey> = {
  pending: 'orderStatusPending',
  paid: 'orderStatusPaid',
  placed: 'orderStatusPaid',
  fulfilled: 'orderStatusFulfilled',
  shipped: 'orderStatusFulfilled',
  partially_fulfilled: 'orderStatusPartiallyFulfilled',
  delivered: 'orderStatusDelivered',
  cancelled: 'orderStatusCancelled',
  refunded: 'orderStatusRefunded',
  in_transit: 'shipInTransit',
  out_for_delivery: 'shipOutForDelivery',
  failed: 'shipFailed',
  returned: 'shipReturned',
};

export function OrderStatus({ status }: { status: string }) {
  const { t } = usePortal();
  return <span class={`badge badge-${status}`}>{ORDER_STATUS_KEYS[status] ? t(ORDER_STATUS_KEYS[status]) : status}</span>;
}

export function OrdersPage() {
  const { api, t, locale, me } = usePortal();
  const loaded = useLoad(() => api.orders(), [api]);
  return (
    <Page title={t('ordersTitle')}>
      <LoadedList
        loaded={loaded}
        items={(data) => data.orders}
        empty={t('noOrders')}
        renderItem={(order) => (
          <li key={order.id}>
            <Link to={`/orders/${order.id}`} class="list-item">
              <span class="list-title">{t('orderNumber', { number: order.number })}</span>
              <span class="list-meta">
                <OrderStatus status={order.status} /> {t('placedOn', { date: formatDate(order.placedAt, locale, me.timeZone) })}
              </span>
              <span class="list-amount">{formatMoney(order.totalMinor, order.currency, locale)}</span>
            </Link>
          </li>
        )}
      />
    </Page>
  );
}

export function OrderPage({ id }: { id: string }) {
  const { api, t, locale, me } = usePortal();
  const loaded = useLoad(() => api.order(id), [api, id]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <LoadFailedPage title={t('ordersTitle')} back="/orders" onRetry={loaded.reload} />;
  const order = loaded.data;
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  return (
    <Page title={t('orderNumber', { number: order.number })} back="/orders">
      <p class="list-meta">
        <OrderStatus status={order.status} /> {t('placedOn', { date: formatDate(order.placedAt, locale, me.timeZone) })}
      </p>

      <section aria-labelledby="order-items" class="card">
        <h2 id="order-items">{t('items')}</h2>
        <ul class="lines">
          {order.lines.map((line) => (
            <li key={line.id}>
              <span class="line-title">
                {line.title}
                {line.variant ? <span class="block muted small">{line.variant}</span> : null}
              </span>
              <span class="line-qty">{t('quantityTimes', { n: line.quantity })}</span>
              <span class="line-amount">{money(line.totalMinor)}</span>
            </li>
          ))}
        </ul>
        <dl class="totals">
          {order.subtotalMinor !== null ? (
            <div>
              <dt>{t('subtotal')}</dt>
              <dd>{money(order.subtotalMinor)}</dd>
            </div>
          ) : null}
          {order.discountMinor !== null ? (
            <div>
              <dt>{t('discount')}</dt>
              <dd>−{money(order.discountMinor)}</dd>
            </div>
          ) : null}
          {order.shippingMinor !== null ? (
            <div>
              <dt>{t('shipping')}</dt>
              <dd>{money(order.shippingMinor)}</dd>
            </div>
          ) : null}
          {order.taxMinor !== null ? (
            <div>
              <dt>{t('tax')}</dt>
              <dd>{money(order.taxMinor)}</dd>
            </div>
          ) : null}
          <div class="grand-total">
            <dt>{t('total')}</dt>
            <dd>{money(order.totalMinor)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="order-shipments" class="card">
        <h2 id="order-shipments">{t('shipments')}</h2>
        {order.shipments.length === 0 ? <p class="muted">{t('noShipments')}</p> : null}
        <ul class="shipments">
          {order.shipments.map((shipment) => (
            <li key={shipment.id}>
              <OrderStatus status={shipment.status} />
              {shipment.shippedAt ? <span class="muted"> {formatDate(shipment.shippedAt, locale, me.timeZone)}</span> : null}
              {shipment.trackingUrl ? (
                <a class="button secondary wide" href={shipment.trackingUrl} target="_blank" rel="noopener noreferrer">
                  {t('trackPackage', { carrier: shipment.carrier ?? '', number: shipment.trackingNumber ?? '' })}
                </a>
              ) : shipment.trackingNumber ? (
                <p>{t('trackingNumber', { number: shipment.trackingNumber })}</p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {order.canReturn && order.returnBy ? <p class="muted small">{t('returnBy', { date: formatDate(order.returnBy, locale, me.timeZone) })}</p> : null}
      {order.canReturn ? (
        <Link to={`/orders/${order.id}/return`} class="button primary wide">
          {t('returnItems')}
        </Link>
      ) : null}
    </Page>
  );
}
