import type { MessageKey } from '../i18n.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { ErrorNote, LoadedList, LoadFailedPage, Link, Loading, Page, useLoad } from '../parts.tsx';
import { usePortal } from '../portal-context.ts';
import { useState } from 'preact/hooks';

const RETURN_STATUS_KEYS: Record<string, MessageKey> = {
  requested: 'returnStatusRequested',
  approved: 'returnStatusApproved',
  rejected: 'returnStatusRejected',
  received: 'returnStatusReceived',
  refunded: 'returnStatusRefunded',
  exchanged: 'returnStatusExchanged',
  cancelled: 'returnStatusCancelled',
  completed: 'returnStatusCompleted',
};

export function ReturnStatus({ status }: { status: string }) {
  const { t } = usePortal();
  return <span class={`badge badge-${status}`}>{RETURN_STATUS_KEYS[status] ? t(RETURN_STATUS_KEYS[status]) : status}</span>;
}

export function ReturnsPage() {
  const { api, t, locale, me } = usePortal();
  const loaded = useLoad(() => api.returns(), [api]);
  return (
    <Page title={t('returnsTitle')}>
      <LoadedList
        loaded={loaded}
        items={(data) => data.returns}
        empty={t('noReturns')}
        renderItem={(item) => (
          <li key={item.id}>
            <Link to={`/returns/${item.id}`} class="list-item">
              <span class="list-title">{t('returnNumber', { number: item.number })}</span>
              <span class="list-preview">{t('returnFor', { number: item.orderNumber })}</span>
              <span class="list-meta">
                <ReturnStatus status={item.status} /> {formatDate(item.createdAt, locale, me.timeZone)}
              </span>
            </Link>
          </li>
        )}
      />
    </Page>
  );
}

export function ReturnPage({ id }: { id: string }) {
  const { api, t, locale, me } = usePortal();
  const loaded = useLoad(() => api.returnDetail(id, locale), [api, id, locale]);
  const started = new URLSearchParams(location.search).has('started');
  const [cancelFailed, setCancelFailed] = useState(false);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <LoadFailedPage title={t('returnsTitle')} back="/returns" onRetry={loaded.reload} />;
  const item = loaded.data;
  async function cancel() {
    setCancelFailed(false);
    try {
      await api.cancelReturn(item.id);
      loaded.reload();
    } catch {
      setCancelFailed(true);
    }
  }
  return (
    <Page title={t('returnNumber', { number: item.number })} back="/returns">
      {started ? (
        <p class="card success" role="status">
          {t('returnStarted')}
        </p>
      ) : null}
      <p class="list-meta">
        <ReturnStatus status={item.status} /> <Link to={`/orders/${item.orderId}`}>{t('returnFor', { number: item.orderNumber })}</Link>
      </p>
      {item.status === 'rejected' || item.status === 'cancelled' ? null : (
      <section class="card" aria-labelledby="slip-title">
        <h2 id="slip-title">{t('downloadSlip')}</h2>
        <p class="muted">{t('slipLead')}</p>
        <a class="button primary wide" href={item.slipUrl} download>
          {t('downloadSlip')}
        </a>
      </section>
      )}
      <dl class="review">
        <div>
          <dt>{t('items')}</dt>
          <dd>
            <ul>
              {item.lines.map((line) => (
                <li key={line.lineId}>
                  {line.title} {t('quantityTimes', { n: line.quantity })}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('reason')}</dt>
          <dd>
            {item.reasonLabel}
            {item.note ? <span class="block muted">{item.note}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('resolution')}</dt>
          <dd>{t(item.resolution)}</dd>
        </div>
      </dl>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('statusHistory')}</h2>
        <ol class="history">
          {item.history.map((entry, index) => (
            <li key={`${entry.status}-${index}`}>
              <ReturnStatus status={entry.status} />
              <time dateTime={entry.at}> {formatDateTime(entry.at, locale, me.timeZone)}</time>
              {entry.note ? <span class="block muted">{entry.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
      {item.canCancel ? (
        <button type="button" class="button secondary wide" onClick={cancel}>
          {t('cancelReturn')}
        </button>
      ) : null}
      {cancelFailed ? <ErrorNote message={t('loadFailed')} /> : null}
      {item.policy ? (
        <details class="card">
          <summary>{t('returnPolicy')}</summary>
          <p class="pre-line">{item.policy}</p>
        </details>
      ) : null}
    </Page>
  );
}
