import { useId, useState } from 'react';
import {
  getReturnEligibility, listOrders, listReturns, startReturn, uploadReturnPhoto, type CommerceOrder, type ReturnDetail, type ReturnSummary,
} from '../../api/commerce-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { OrderStatusBadge } from '../../components/order-status.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';
import './commerce.css';

export function ReturnStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`badge badge-return-${status}`}>{t(`return.status.${status}` as MessageKey)}</span>;
}

/** The order's parcels: carrier, status and the tracking link (opens the carrier's page in a new tab). */
function Shipments({ order }: { order: CommerceOrder }) {
  const { t, formatDate } = useI18n();
  if (order.shipments.length === 0) return null;
  return (
    <ul className="order-shipments">
      {order.shipments.map((shipment) => (
        <li key={shipment.id}>
          <span className={`shipment-status shipment-${shipment.status}`}>
            {shipment.status === 'delivered' && shipment.deliveredAt ? t('order.deliveredOn', { date: formatDate(shipment.deliveredAt) }) : t(`shipment.${shipment.status}` as MessageKey)}
          </span>
          {shipment.trackingUrl ? (
            <>
              {' · '}
              <a href={shipment.trackingUrl} target="_blank" rel="noopener noreferrer">
                {shipment.carrier ? t('order.trackWith', { carrier: shipment.carrier }) : t('order.track')}
                {shipment.trackingNumber ? <span className="mono"> {shipment.trackingNumber}</span> : null}
              </a>
            </>
          ) : shipment.trackingNumber ? <span className="mono"> · {shipment.trackingNumber}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function OrderCard({ order, returns, compact = false, onStartReturn }: { order: CommerceOrder; returns: ReturnSummary[]; compact?: boolean; onStartReturn?(): void }) {
  const { t, formatMoney, formatDate } = useI18n();
  const account = useCurrentAccount();
  return (
    <article className={compact ? 'order-card order-card-compact' : 'order-card'} aria-label={order.number}>
      <header className="order-card-head">
        <span className="mono order-number">{order.number}</span>
        <OrderStatusBadge status={order.status} />
        <span className="muted order-date">{formatDate(order.placedAt)}</span>
        <span className="order-total">{formatMoney(order.totalMinor, order.currency)}</span>
      </header>
      <ul className="order-lines-list">
        {order.lines.map((line) => (
          <li key={line.id}>
            <span>{line.title}</span>
            {line.variant ? <span className="muted"> · {line.variant}</span> : null}
            <span className="muted"> × {line.quantity}</span>
            {compact || !line.sku ? null : <span className="muted mono order-sku"> {t('order.sku', { sku: line.sku })}</span>}
          </li>
        ))}
      </ul>
      <Shipments order={order} />
      {returns.length > 0 ? (
        <ul className="order-returns">
          {returns.map((ret) => (
            <li key={ret.id}>
              <Link to={paths.returnDetail(account.id, ret.id)}>{ret.number}</Link> <ReturnStatusBadge status={ret.status} />{' '}
              <span className="muted">{ret.lines.map((line) => `${line.title} × ${line.quantity}`).join(', ')}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {onStartReturn ? (
        <button type="button" className="button button-secondary button-small" onClick={onStartReturn}>
          {t('order.startReturn')}
        </button>
      ) : null}
    </article>
  );
}

/**
 * A contact's orders with their tracking and returns, refreshed live; with `source`, each order offers "Start a
 * return" (agents in the inbox and on the contact page, staff at the store counter).
 */
export function CustomerOrders({ contactId, compact = false, source }: { contactId: string; compact?: boolean; source?: 'agent' | 'store' }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const live = { accountId: account.id, events: ['order.*', 'return.*'] };
  const orders = useResource((signal) => listOrders(account.id, { contactId, limit: compact ? 5 : 50 }, signal), [account.id, contactId], live);
  const returns = useResource((signal) => listReturns(account.id, { contactId, limit: 100 }, signal), [account.id, contactId], live);
  const [returning, setReturning] = useState<string | null>(null);
  const [started, setStarted] = useState<ReturnDetail | null>(null);
  if (orders.loading && !orders.data) return <LoadingState />;
  const list = orders.data?.items ?? [];
  return (
    <div className="customer-orders">
      <ErrorNotice error={orders.error ?? returns.error} />
      {started ? (
        <p className="notice notice-success" role="status">
          {t('startReturn.started', { number: started.number })} <Link to={paths.returnDetail(account.id, started.id)}>{started.number}</Link>
        </p>
      ) : null}
      {list.length === 0 ? <p className="muted">{t('contact.noOrders')}</p> : null}
      {list.map((order) =>
        returning === order.id ? (
          <StartReturnForm
            key={order.id}
            order={order}
            contactId={contactId}
            source={source ?? 'agent'}
            onCancel={() => setReturning(null)}
            onStarted={(ret) => {
              setReturning(null);
              setStarted(ret);
              orders.reload();
              returns.reload();
            }}
          />
        ) : (
          <OrderCard
            key={order.id}
            order={order}
            compact={compact}
            returns={(returns.data?.items ?? []).filter((ret) => ret.orderId === order.id)}
            {...(source ? { onStartReturn: () => { setStarted(null); setReturning(order.id); } } : {})}
          />
        ),
      )}
    </div>
  );
}

/** Choose lines and quantities, a reason, refund or exchange, a note and photos; ineligible lines show why. */
export function StartReturnForm({ order, contactId, source, onCancel, onStarted }: {
  order: CommerceOrder;
  contactId: string;
  source: 'agent' | 'store';
  onCancel(): void;
  onStarted(ret: ReturnDetail): void;
}) {
  const { t, locale, formatDate } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const eligibility = useResource((signal) => getReturnEligibility(account.id, order.id, signal), [account.id, order.id]);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const [resolution, setResolution] = useState<'refund' | 'exchange'>('refund');
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);

  const { error, busy, handleSubmit } = useFormAction(async () => {
    const lines = Object.entries(quantities).filter(([, quantity]) => quantity > 0).map(([lineId, quantity]) => ({ lineId, quantity }));
    if (lines.length === 0) {
      setLocalError(t('startReturn.chooseItems'));
      return;
    }
    setLocalError(null);
    setUploading(files.length > 0);
    const photoIds: string[] = [];
    try {
      for (const file of files) photoIds.push((await uploadReturnPhoto(account.id, contactId, file)).id);
    } finally {
      setUploading(false);
    }
    onStarted(await startReturn(account.id, order.id, { lines, reason, resolution, source, ...(note.trim() ? { note: note.trim() } : {}), ...(photoIds.length ? { photoIds } : {}) }));
  });

  const data = eligibility.data;
  const label = (text: Partial<Record<string, string>>) => text[locale] ?? text.en ?? '';
  return (
    <form className="panel form start-return" onSubmit={handleSubmit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="panel-title">{t('startReturn.title', { number: order.number })}</h3>
      <ErrorNotice error={eligibility.error ?? error} />
      {localError ? <p className="notice notice-error" role="alert">{localError}</p> : null}
      {!data ? <LoadingState /> : (
        <>
          <p className="muted">{data.returnBy ? t('startReturn.returnBy', { date: formatDate(data.returnBy) }) : t('startReturn.notDelivered')}</p>
          <ul className="start-return-lines">
            {data.lines.map((line) => (
              <li key={line.lineId}>
                <label htmlFor={`${id}-${line.lineId}`}>
                  <span>{line.title}</span>
                  {line.variant ? <span className="muted"> · {line.variant}</span> : null}
                  <span className="visually-hidden">{t('startReturn.quantity', { title: line.title })}</span>
                </label>
                {line.eligible ? (
                  <span className="start-return-qty">
                    <input
                      id={`${id}-${line.lineId}`}
                      type="number"
                      className="input input-narrow"
                      min={0}
                      max={line.returnableQuantity}
                      value={quantities[line.lineId] ?? 0}
                      onChange={(event) => setQuantities({ ...quantities, [line.lineId]: Math.max(0, Math.min(line.returnableQuantity, Number(event.target.value) || 0)) })}
                    />
                    <span className="muted">{t('startReturn.of', { count: line.returnableQuantity })}</span>
                  </span>
                ) : (
                  <span className="badge" id={`${id}-${line.lineId}`} title={line.detail}>{t(`return.ineligible.${line.reason}` as MessageKey)}</span>
                )}
              </li>
            ))}
          </ul>
          {!data.eligible ? <p className="muted">{t('startReturn.nothingEligible')}</p> : (
            <>
              <div className="field">
                <label htmlFor={`${id}-reason`}>{t('startReturn.reason')}</label>
                <select id={`${id}-reason`} className="select" required value={reason} onChange={(event) => setReason(event.target.value)}>
                  <option value="" disabled>—</option>
                  {data.policy.reasons.map((r) => (
                    <option key={r.code} value={r.code}>{label(r.label)}{r.photoRequired ? ` (${t('startReturn.photoRequired')})` : ''}</option>
                  ))}
                </select>
              </div>
              <fieldset className="field">
                <legend>{t('startReturn.resolution')}</legend>
                <label className="radio"><input type="radio" name={`${id}-resolution`} checked={resolution === 'refund'} onChange={() => setResolution('refund')} /> {t('return.resolution.refund')}</label>
                {data.policy.allowExchange ? (
                  <label className="radio"><input type="radio" name={`${id}-resolution`} checked={resolution === 'exchange'} onChange={() => setResolution('exchange')} /> {t('return.resolution.exchange')}</label>
                ) : null}
              </fieldset>
              <div className="field">
                <label htmlFor={`${id}-note`}>{t('startReturn.note')}</label>
                <textarea id={`${id}-note`} className="input" rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-photos`}>{t('startReturn.photos')}</label>
                <input id={`${id}-photos`} type="file" accept="image/jpeg,image/png,image/webp,image/heic,.heic" multiple onChange={(event) => setFiles([...(event.target.files ?? [])].slice(0, 6))} />
              </div>
            </>
          )}
          <div className="form-actions">
            {data.eligible ? (
              <button type="submit" className="button button-primary" disabled={busy}>
                {uploading ? t('startReturn.uploading') : t('startReturn.submit')}
              </button>
            ) : null}
            <button type="button" className="button button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
          </div>
        </>
      )}
    </form>
  );
}
