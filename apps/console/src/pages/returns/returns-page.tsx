import { useId, useState } from 'react';
import {
  actOnReturn, getReturn, getReturnPolicy, listReturns, RETURN_SOURCES, RETURN_STATUSES, returnSlipUrl, type ReturnAction, type ReturnDetail, type ReturnPolicy,
} from '../../api/commerce-endpoints.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { DateTime } from '../../components/time-text.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';
import { ReturnStatusBadge } from '../commerce/commerce-parts.tsx';
import '../commerce/commerce.css';

/** The returns queue: filters by status and where it was started, search by number, order or customer. */
export function ReturnsPage() {
  const { t, formatMoney } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [status, setStatus] = useState('requested');
  const [source, setSource] = useState('');
  const [q, setQ] = useState('');
  const returns = useResource((signal) => listReturns(account.id, { status, source, q: q.trim(), limit: 100 }, signal), [account.id, status, source, q], {
    accountId: account.id,
    events: ['return.*'],
  });
  const items = returns.data?.items ?? [];
  return (
    <div className="page">
      <PageHeader title={t('returns.title')} description={t('returns.description')} />
      <div className="returns-filters" role="search">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('returns.filterStatus')}</label>
          <select id={`${id}-status`} className="select" value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">{t('returns.anyStatus')}</option>
            {RETURN_STATUSES.map((s) => <option key={s} value={s}>{t(`return.status.${s}` as MessageKey)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('returns.filterSource')}</label>
          <select id={`${id}-source`} className="select" value={source} onChange={(event) => setSource(event.target.value)}>
            <option value="">{t('returns.anySource')}</option>
            {RETURN_SOURCES.map((s) => <option key={s} value={s}>{t(`return.source.${s}` as MessageKey)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('returns.search')}</label>
          <input id={`${id}-q`} type="search" className="input" placeholder={t('returns.searchHint')} value={q} onChange={(event) => setQ(event.target.value)} />
        </div>
      </div>
      <ErrorNotice error={returns.error} />
      {returns.loading && !returns.data ? <LoadingState /> : items.length === 0 ? <EmptyState title={t('returns.empty')} /> : (
        <section className="panel" aria-label={t('returns.title')}>
          <div className="table-wrap">
          <table className="table table-responsive">
            <thead>
              <tr>
                <th scope="col">{t('returns.number')}</th>
                <th scope="col">{t('returns.customer')}</th>
                <th scope="col">{t('returns.order')}</th>
                <th scope="col">{t('returns.items')}</th>
                <th scope="col">{t('returns.status')}</th>
                <th scope="col">{t('returns.source')}</th>
                <th scope="col" className="numeric">{t('returns.refund')}</th>
                <th scope="col">{t('returns.created')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((ret) => (
                <tr key={ret.id}>
                  <td data-label={t('returns.number')}><Link to={paths.returnDetail(account.id, ret.id)} className="mono">{ret.number}</Link></td>
                  <td data-label={t('returns.customer')}>{ret.contactId ? <Link to={paths.contact(account.id, ret.contactId)}>{ret.customerName ?? '—'}</Link> : '—'}</td>
                  <td data-label={t('returns.order')} className="mono">{ret.orderNumber}</td>
                  <td data-label={t('returns.items')}>{ret.lines.map((line) => `${line.title} × ${line.quantity}`).join(', ')}</td>
                  <td data-label={t('returns.status')}><ReturnStatusBadge status={ret.status} /></td>
                  <td data-label={t('returns.source')}>{t(`return.source.${ret.source}` as MessageKey)}</td>
                  <td data-label={t('returns.refund')} className="numeric">{ret.resolution === 'refund' ? formatMoney(ret.refundMinor, ret.currency) : t('return.resolution.exchange')}</td>
                  <td data-label={t('returns.created')}><DateTime iso={ret.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        </section>
      )}
    </div>
  );
}

/** The reason's label in the reader's language (the return stores the customer's). */
function readReasonLabel(policy: ReturnPolicy | null, code: string, locale: string): string | null {
  const label = policy?.reasons.find((reason) => reason.code === code)?.label;
  return label ? (label[locale as keyof typeof label] ?? label.en ?? null) : null;
}

/** The buttons for the moves the status machine allows from here. */
export function ReturnActions({ ret, onChanged }: { ret: ReturnDetail; onChanged(next: ReturnDetail): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const act = async (action: ReturnAction, note?: string) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await actOnReturn(account.id, ret.id, action, note));
      setRejecting(false);
    } catch (reasonError) {
      setError(reasonError);
    } finally {
      setBusy(false);
    }
  };
  const button = (action: ReturnAction, label: MessageKey, primary = false) => (
    <button key={action} type="button" className={`button ${primary ? 'button-primary' : 'button-secondary'}`} disabled={busy} onClick={() => (action === 'reject' ? setRejecting(true) : void act(action))}>
      {t(label)}
    </button>
  );
  const buttons =
    ret.status === 'requested' ? [button('approve', 'returns.approve', true), button('reject', 'returns.reject'), button('cancel', 'returns.cancel')]
      : ret.status === 'approved' ? [button('receive', 'returns.receive', true), button('cancel', 'returns.cancel')]
        : ret.status === 'received' ? [ret.resolution === 'refund' ? button('refund', 'returns.markRefunded', true) : button('exchange', 'returns.markExchanged', true)]
          : [];
  return (
    <div className="stack">
      <ErrorNotice error={error} />
      {buttons.length === 0 ? <p className="muted">{t('returns.done')}</p> : <div className="return-actions">{buttons}</div>}
      {rejecting ? (
        <form className="form" onSubmit={(event) => { event.preventDefault(); void act('reject', reason); }}>
          <div className="field">
            <label htmlFor={`${id}-reject`}>{t('returns.rejectReason')}</label>
            <textarea id={`${id}-reject`} className="input" rows={2} required maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-danger" disabled={busy || !reason.trim()}>{t('returns.confirmReject')}</button>
            <button type="button" className="button button-secondary" onClick={() => setRejecting(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

export function ReturnDetailPage({ returnId }: { returnId: string }) {
  const { t, formatMoney, locale } = useI18n();
  const account = useCurrentAccount();
  const policy = useResource((signal) => getReturnPolicy(account.id, signal), [account.id]);
  const resource = useResource((signal) => getReturn(account.id, returnId, signal), [account.id, returnId], { accountId: account.id, events: ['return.*'] });
  const [updated, setUpdated] = useState<ReturnDetail | null>(null);
  const ret = updated && resource.data && updated.updatedAt >= resource.data.updatedAt ? updated : resource.data;
  const back = <Link to={paths.returns(account.id)} className="back-link">← {t('returns.back')}</Link>;
  if (!ret) {
    return (
      <div className="page">
        <PageHeader title={t('returns.title')} before={back} />
        {resource.error ? <ErrorNotice error={resource.error} /> : <LoadingState />}
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeader
        title={t('returns.detailTitle', { number: ret.number })}
        before={back}
        description={<><ReturnStatusBadge status={ret.status} /> <span className="mono">{ret.orderNumber}</span></>}
        actions={ret.status === 'rejected' || ret.status === 'cancelled' ? null : <a className="button button-secondary" href={returnSlipUrl(account.id, ret.id)} target="_blank" rel="noopener noreferrer">{t('returns.slip')}</a>}
      />
      <div className="stack">
        <section className="panel" aria-labelledby="return-actions-heading">
          <h2 id="return-actions-heading" className="visually-hidden">{t('returns.status')}</h2>
          <ReturnActions ret={ret} onChanged={setUpdated} />
        </section>
        <section className="panel" aria-labelledby="return-lines-heading">
          <h2 id="return-lines-heading" className="panel-title">{t('returns.items')}</h2>
          <ul className="order-lines-list return-lines">
            {ret.lines.map((line) => (
              <li key={line.orderLineId}>
                {line.title}{line.variant ? <span className="muted"> · {line.variant}</span> : null} <span className="muted">× {line.quantity}</span>
                {line.sku ? <span className="muted mono"> {t('order.sku', { sku: line.sku })}</span> : null}
              </li>
            ))}
          </ul>
          <dl className="facts">
            <div><dt>{t('returns.reason')}</dt><dd>{readReasonLabel(policy.data, ret.reason, locale) ?? ret.policyReasonLabel}</dd></div>
            <div><dt>{t('returns.resolution')}</dt><dd>{t(`return.resolution.${ret.resolution}` as MessageKey)}{ret.resolution === 'refund' ? ` · ${formatMoney(ret.refundMinor, ret.currency)}` : ''}</dd></div>
            <div><dt>{t('returns.source')}</dt><dd>{t(`return.source.${ret.source}` as MessageKey)}</dd></div>
            {ret.note ? <div><dt>{t('returns.note')}</dt><dd>{ret.note}</dd></div> : null}
            {ret.decisionNote ? <div><dt>{t('returns.decision')}</dt><dd>{ret.decisionNote}</dd></div> : null}
            {ret.contactId ? <div><dt>{t('returns.customer')}</dt><dd><Link to={paths.contact(account.id, ret.contactId)}>{t('returns.openContact')}</Link></dd></div> : null}
          </dl>
          {ret.autoApproved ? <p className="muted">{t('returns.autoApproved')}</p> : null}
        </section>
        <section className="panel" aria-labelledby="return-photos-heading">
          <h2 id="return-photos-heading" className="panel-title">{t('returns.photos')}</h2>
          {ret.photos.length === 0 ? <p className="muted">{t('returns.noPhotos')}</p> : (
            <ul className="return-photos">
              {ret.photos.map((photo) => (
                <li key={photo.id}>
                  <a href={photo.url} target="_blank" rel="noopener noreferrer">
                    {photo.contentType === 'image/heic' ? <span className="badge">{photo.fileName}</span> : <img src={photo.url} alt={photo.fileName} loading="lazy" />}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="return-history-heading">
          <h2 id="return-history-heading" className="panel-title">{t('returns.history')}</h2>
          <ol className="return-history">
            {ret.history.map((step, index) => (
              <li key={index}>
                {t('returns.historyStep', { status: t(`return.status.${step.toStatus}` as MessageKey), actor: step.actorName })} · <DateTime iso={step.at} />
                {step.note ? <div className="muted">{step.note}</div> : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
