import { useState } from 'react';
import { type CouponPool, createCouponPool, listCouponPools, type PoolKind } from '../../../api/rewards-endpoints.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ResourceStates } from '../../../components/resource-states.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { PointsLookup } from './points-panel.tsx';
import { RewardsNav } from './rewards-nav.tsx';
import { PoolDetail } from './pool-detail.tsx';
import { describeOffer, fieldErrorOf, StockBar } from './stock-bar.tsx';
import './rewards.css';

/** `/a/:accountId/engagement/rewards[/pools/:poolId | /points]`: coupon pools with their stock, one pool's codes, points by contact. */
export function RewardsSection({ rest }: { rest: string[] }) {
  const [first, id] = rest;
  if (first === 'pools' && id) return <PoolDetail poolId={id} />;
  if (first === 'points') return <PointsLookup />;
  return <PoolList />;
}

function PoolList() {
  const { t, formatDate } = useI18n();
  const account = useCurrentAccount();
  const pools = useResource((signal) => listCouponPools(account.id, signal), [account.id]);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title={t('rewards.title')} description={t('rewards.description')}
        actions={<button type="button" className="button button-primary" onClick={() => setCreating((open) => !open)} aria-expanded={creating}>{t('rewards.newPool')}</button>} />
      <RewardsNav current="pools" />
      {creating ? <PoolForm onCreated={() => { setCreating(false); pools.reload(); }} /> : null}
      <ResourceStates resource={pools} select={(data) => data.pools} empty={<EmptyState title={t('rewards.empty')}><p>{t('rewards.emptyBody')}</p></EmptyState>}>
        {(list) => (
        <div className="table-wrap">
          <table className="table table-responsive">
            <thead>
              <tr>
                <th scope="col">{t('rewards.poolName')}</th>
                <th scope="col">{t('rewards.offer')}</th>
                <th scope="col">{t('rewards.stock')}</th>
                <th scope="col">{t('rewards.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((pool) => (
                <tr key={pool.id}>
                  <td data-label={t('rewards.poolName')}>
                    <Link to={paths.engagement(account.id, 'rewards', 'pools', pool.id)} className="strong">{pool.name}</Link>
                    {pool.prefix ? <div className="muted small mono">{pool.prefix}…</div> : null}
                  </td>
                  <td data-label={t('rewards.offer')}><OfferText pool={pool} /></td>
                  <td data-label={t('rewards.stock')}>{pool.stock ? <StockBar stock={pool.stock} /> : null}</td>
                  <td data-label={t('rewards.expires')}>{pool.expiresAt ? formatDate(pool.expiresAt) : t('rewards.never')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        )}
      </ResourceStates>
    </>
  );
}

export function OfferText({ pool }: { pool: Pick<CouponPool, 'kind' | 'value' | 'currency' | 'minSpendMinor'> }) {
  const i18n = useI18n();
  return <>{describeOffer(pool, i18n)}</>;
}

function PoolForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PoolKind>('percent');
  const [value, setValue] = useState('10');
  const [currency, setCurrency] = useState('');
  const [minSpend, setMinSpend] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [prefix, setPrefix] = useState('');
  const [codeLength, setCodeLength] = useState('8');
  const form = useFormAction(async () => {
    const toMinor = (text: string) => Math.round(Number(text) * 100);
    await createCouponPool(account.id, {
      name, kind, value: kind === 'amount' ? toMinor(value) : kind === 'percent' ? Number(value) : 0, currency: currency ? currency.toUpperCase() : null,
      minSpendMinor: minSpend ? toMinor(minSpend) : null, expiresAt: expiresAt ? new Date(`${expiresAt}T23:59:59`).toISOString() : null, prefix, codeLength: Number(codeLength),
    });
    onCreated();
  });
  const fieldError = (path: string) => fieldErrorOf(form.error, path);
  return (
    <form className="panel form rewards-form" onSubmit={(event) => void form.handleSubmit(event)} noValidate aria-labelledby="new-pool-heading">
      <h2 id="new-pool-heading" className="panel-title">{t('rewards.newPool')}</h2>
      {form.error ? <ErrorNotice error={form.error} /> : null}
      <TextField id="pool-name" label={t('rewards.poolName')} value={name} onChange={(event) => setName(event.currentTarget.value)} error={fieldError('name')} required />
      <div className="form-row">
        <div className="field field-grow">
          <label htmlFor="pool-kind">{t('rewards.kind')}</label>
          <select id="pool-kind" className="select" value={kind} onChange={(event) => setKind(event.currentTarget.value as PoolKind)}>
            {(['percent', 'amount', 'free_item'] as const).map((option) => <option key={option} value={option}>{t(`rewards.kind.${option}`)}</option>)}
          </select>
        </div>
        {kind !== 'free_item' ? (
          <TextField id="pool-value" label={kind === 'percent' ? t('rewards.valuePercent') : t('rewards.valueAmount')} inputMode="decimal" value={value} onChange={(event) => setValue(event.currentTarget.value)} error={fieldError('value')} />
        ) : null}
        <TextField id="pool-currency" label={t('rewards.currency')} hint={t('rewards.currencyHint')} maxLength={3} value={currency} onChange={(event) => setCurrency(event.currentTarget.value)} error={fieldError('currency')} />
      </div>
      <div className="form-row">
        <TextField id="pool-min-spend" label={t('rewards.minSpend')} inputMode="decimal" value={minSpend} onChange={(event) => setMinSpend(event.currentTarget.value)} error={fieldError('minSpendMinor')} />
        <TextField id="pool-expires" label={t('rewards.expires')} type="date" value={expiresAt} onChange={(event) => setExpiresAt(event.currentTarget.value)} error={fieldError('expiresAt')} />
      </div>
      <div className="form-row">
        <TextField id="pool-prefix" label={t('rewards.prefix')} hint={t('rewards.prefixHint')} value={prefix} onChange={(event) => setPrefix(event.currentTarget.value)} error={fieldError('prefix')} />
        <TextField id="pool-length" label={t('rewards.codeLength')} type="number" min={6} max={24} value={codeLength} onChange={(event) => setCodeLength(event.currentTarget.value)} error={fieldError('codeLength')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={form.busy}>{t('rewards.createPool')}</button>
      </div>
    </form>
  );
}
