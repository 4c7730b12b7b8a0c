import { useId, useState } from 'react';
import { buildInvestmentCsvUrl, getServiceInvestment, type DateRange, type InvestmentGroup, type ServiceInvestment } from '../../../api/touchpoint-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { CategoryBarChart } from '../../reports/report-charts.tsx';

const COLOR_LTV = '#4338ca';

/** Minor units per major unit of a currency (JPY 0, USD 2), so the bars are in whole currency units. */
function fractionDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

function GroupTable({ title, groups, currency }: { title: string; groups: InvestmentGroup[]; currency: string | null }) {
  const { t, formatNumber, formatMoney } = useI18n();
  const id = useId();
  const money = (minor: number | null) => (minor === null || currency === null ? '—' : formatMoney(minor, currency));
  const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
  const labelOf = (group: string) => t(`touchpoints.group.${group}` as MessageKey);
  return (
    <section className="tp-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {currency ? (
        <CategoryBarChart
          categories={groups.map((group) => `${labelOf(group.group)} (n=${group.customers})`)}
          values={groups.map((group) => Math.round((group.averageLifetimeValueMinor ?? 0) / 10 ** fractionDigits(currency)))}
          color={COLOR_LTV}
        />
      ) : null}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('touchpoints.investment.group')}</th>
              <th scope="col">{t('touchpoints.investment.n')}</th>
              <th scope="col">{t('touchpoints.investment.repeatRate')}</th>
              <th scope="col">{t('touchpoints.investment.averageLtv')}</th>
              <th scope="col">{t('touchpoints.investment.medianLtv')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.group}>
                <th scope="row">{labelOf(group.group)}</th>
                <td className="numeric">{formatNumber(group.customers)}</td>
                <td className="numeric">{percent(group.repeatRate)}</td>
                <td className="numeric">{money(group.averageLifetimeValueMinor)}</td>
                <td className="numeric">{money(group.medianLifetimeValueMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Service as an investment: lifetime value and repeat purchase by service contact and by satisfaction band. */
export function InvestmentPanel({ range }: { range: DateRange }) {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const currencyId = useId();
  const [currency, setCurrency] = useState<string | undefined>(undefined);
  const { data, error } = useResource<ServiceInvestment>((signal) => getServiceInvestment(account.id, range, currency, signal), [account.id, range.from, range.to, currency]);
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <LoadingState />;
  return (
    <div className="tp-investment">
      <p>{t('touchpoints.investment.description')}</p>
      <div className="tp-toolbar">
        {data.currencies.length > 1 ? (
          <div className="field">
            <label htmlFor={currencyId}>{t('touchpoints.investment.currency')}</label>
            <select id={currencyId} className="input" value={data.currency ?? ''} onChange={(event) => setCurrency(event.target.value)}>
              {data.currencies.map((code) => <option key={code} value={code}>{code}</option>)}
            </select>
          </div>
        ) : null}
        <a className="button button-secondary" href={buildInvestmentCsvUrl(account.id, range, currency)} download>{t('touchpoints.exportCsv')}</a>
      </div>
      {data.currency === null ? <p>{t('touchpoints.investment.noOrders')}</p> : null}
      {data.otherCurrencyOrders > 0 ? <p className="field-hint">{t('touchpoints.investment.otherCurrency', { count: formatNumber(data.otherCurrencyOrders) })}</p> : null}
      <GroupTable title={t('touchpoints.investment.byService')} groups={data.byService} currency={data.currency} />
      <GroupTable title={t('touchpoints.investment.byCsat')} groups={data.byCsat} currency={data.currency} />
      <GroupTable title={t('touchpoints.investment.byNps')} groups={data.byNps} currency={data.currency} />
    </div>
  );
}
