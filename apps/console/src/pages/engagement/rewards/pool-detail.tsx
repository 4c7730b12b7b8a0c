import { useState } from 'react';
import { type Coupon, type CouponStatus, listCouponPools, listPoolCoupons, unredeemCoupon, voidCoupon, voidUnissuedCoupons } from '../../../api/rewards-endpoints.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { AddCodes } from './add-codes.tsx';
import { describeOffer, StockBar } from './stock-bar.tsx';

const PAGE = 50;
const STATUSES: CouponStatus[] = ['available', 'issued', 'redeemed', 'void'];

/** Quotes a CSV field when it needs it (RFC 4180). */
const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One pool: its stock, adding codes, and its codes with search, a status filter, export and void. */
export function PoolDetail({ poolId }: { poolId: string }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const account = useCurrentAccount();
  const pools = useResource((signal) => listCouponPools(account.id, signal), [account.id]);
  const [status, setStatus] = useState<CouponStatus | ''>('');
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const coupons = useResource((signal) => listPoolCoupons(account.id, poolId, { status, q: query.trim(), limit }, signal), [account.id, poolId, status, query, limit]);
  const [actionError, setActionError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const pool = pools.data?.pools.find((item) => item.id === poolId);
  const back = <Link to={paths.engagement(account.id, 'rewards')} className="back-link">{t('rewards.backToPools')}</Link>;
  const refresh = () => { pools.reload(); coupons.reload(); };

  async function act(run: () => Promise<unknown>) {
    setActionError(null);
    try {
      await run();
      refresh();
    } catch (error) {
      setActionError(error);
    }
  }

  async function exportCsv() {
    setExporting(true);
    setActionError(null);
    try {
      const rows: Coupon[] = [];
      for (let offset = 0; ; offset += 10_000) {
        const page = await listPoolCoupons(account.id, poolId, { status, q: query.trim(), limit: 10_000, offset });
        rows.push(...page.coupons);
        if (rows.length >= page.total || page.coupons.length === 0) break;
      }
      const lines = ['code,status,contact,issued_at,redeemed_at,order_ref', ...rows.map((row) => [row.code, row.status, row.contactName ?? '', row.issuedAt ?? '', row.redeemedAt ?? '', row.redemptionRef ?? ''].map(csvField).join(','))];
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }));
      link.download = `${(pool?.name ?? 'coupons').replace(/[^\w-]+/g, '-')}-codes.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setActionError(error);
    } finally {
      setExporting(false);
    }
  }

  if (pools.loading && !pools.data) return <LoadingState />;
  if (!pool) return <><PageHeader title={t('rewards.title')} before={back} />{pools.error ? <ErrorNotice error={pools.error} /> : <p className="notice notice-error" role="alert">{t('rewards.poolMissing')}</p>}</>;
  return (
    <>
      <PageHeader title={pool.name} description={describeOffer(pool, i18n)} before={back} />
      <div className="rewards-columns">
        <section className="panel" aria-labelledby="codes-heading">
          <h2 id="codes-heading" className="panel-title">{t('rewards.codes')}</h2>
          {pool.stock ? <StockBar stock={pool.stock} /> : null}
          <div className="codes-toolbar">
            <div className="field">
              <label htmlFor="codes-search">{t('rewards.searchCodes')}</label>
              <input id="codes-search" className="input" type="search" value={query} onChange={(event) => { setQuery(event.currentTarget.value); setLimit(PAGE); }} />
            </div>
            <div className="field">
              <label htmlFor="codes-status">{t('rewards.status')}</label>
              <select id="codes-status" className="select" value={status} onChange={(event) => { setStatus(event.currentTarget.value as CouponStatus | ''); setLimit(PAGE); }}>
                <option value="">{t('rewards.allStatuses')}</option>
                {STATUSES.map((item) => <option key={item} value={item}>{t(`rewards.status.${item}`)}</option>)}
              </select>
            </div>
            <button type="button" className="button button-secondary" onClick={() => void exportCsv()} disabled={exporting}>{exporting ? t('rewards.exporting') : t('rewards.exportCsv')}</button>
            {pool.stock && pool.stock.available > 0 ? (
              <ConfirmButton label={t('rewards.voidUnissued')} confirmLabel={t('rewards.confirmVoidUnissued', { count: pool.stock.available })} onConfirm={() => act(() => voidUnissuedCoupons(account.id, poolId))} />
            ) : null}
          </div>
          <ErrorNotice error={actionError ?? coupons.error} />
          {coupons.data ? (
            <>
              <p className="muted small" role="status">{t('rewards.codesShown', { shown: coupons.data.coupons.length, total: coupons.data.total })}</p>
              <div className="table-wrap">
                <table className="table table-responsive">
                  <thead>
                    <tr>
                      <th scope="col">{t('rewards.code')}</th>
                      <th scope="col">{t('rewards.status')}</th>
                      <th scope="col">{t('rewards.holder')}</th>
                      <th scope="col">{t('rewards.when')}</th>
                      <th scope="col"><span className="visually-hidden">{t('rewards.actions')}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {coupons.data.coupons.map((coupon) => (
                      <tr key={coupon.id}>
                        <td data-label={t('rewards.code')} className="mono">{coupon.code}</td>
                        <td data-label={t('rewards.status')}><span className={`badge coupon-status coupon-status-${coupon.status}`}>{t(`rewards.status.${coupon.status}`)}</span></td>
                        <td data-label={t('rewards.holder')}>{coupon.contactId ? <Link to={paths.contact(account.id, coupon.contactId)} className="tap-link">{coupon.contactName ?? '—'}</Link> : '—'}</td>
                        <td data-label={t('rewards.when')} className="small">
                          {coupon.redeemedAt ? `${formatDateTime(coupon.redeemedAt)} · ${coupon.redemptionRef ?? ''}` : coupon.issuedAt ? formatDateTime(coupon.issuedAt) : '—'}
                        </td>
                        <td className="actions-cell">
                          {coupon.status === 'available' || coupon.status === 'issued' ? (
                            <ConfirmButton label={t('rewards.void')} confirmLabel={t('rewards.confirmVoid')} ariaLabel={`${t('rewards.void')}: ${coupon.code}`} onConfirm={() => act(() => voidCoupon(account.id, coupon.id))} />
                          ) : null}
                          {coupon.status === 'redeemed' ? (
                            <ConfirmButton label={t('rewards.unredeem')} confirmLabel={t('rewards.confirmUnredeem')} ariaLabel={`${t('rewards.unredeem')}: ${coupon.code}`} onConfirm={() => act(() => unredeemCoupon(account.id, coupon.id))} />
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {coupons.data.coupons.length < coupons.data.total ? (
                <button type="button" className="button button-secondary load-more" onClick={() => setLimit((current) => current + PAGE)}>{t('rewards.showMore')}</button>
              ) : null}
            </>
          ) : <LoadingState />}
        </section>
        <AddCodes poolId={poolId} onAdded={refresh} />
      </div>
    </>
  );
}
