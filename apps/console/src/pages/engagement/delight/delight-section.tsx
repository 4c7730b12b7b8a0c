import { useState } from 'react';
import { getDelightReport } from '../../../api/delight-endpoints.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { DelightBudgets } from './delight-budgets.tsx';
import { SpendChart } from './spend-chart.tsx';
import './delight.css';

const RANGES = [30, 90, 365] as const;

/** `/a/:accountId/engagement/delight`: admins set the budgets, and see what was spent and what came of it. */
export function DelightSection(_props: { rest: string[] }) {
  const { t, formatMoney, formatNumber, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const [days, setDays] = useState<(typeof RANGES)[number]>(90);
  const [generation, setGeneration] = useState(0);
  const report = useResource((signal) => {
    const to = new Date();
    return getDelightReport(account.id, { from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: new Date(to.getTime() + 60_000).toISOString() }, signal);
  }, [account.id, days, generation]);
  const data = report.data;
  return (
    <>
      <PageHeader title={t('delight.title')} description={t('delight.description')} />
      <DelightBudgets onChanged={() => setGeneration((n) => n + 1)} />
      <section className="panel" aria-labelledby="delight-report-heading">
        <div className="page-header-row">
          <h2 id="delight-report-heading" className="panel-title">{t('delight.report')}</h2>
          <div className="field">
            <label htmlFor="delight-range" className="visually-hidden">{t('delight.range')}</label>
            <select id="delight-range" className="select select-small" value={days} onChange={(event) => setDays(Number(event.currentTarget.value) as (typeof RANGES)[number])}>
              {RANGES.map((n) => <option key={n} value={n}>{t('delight.lastDays', { days: n })}</option>)}
            </select>
          </div>
        </div>
        <ErrorNotice error={report.error} />
        {report.loading && !data ? <LoadingState /> : null}
        {data ? (
          <>
            <ul className="stat-grid" aria-label={t('delight.summary')}>
              <li className="stat-card"><span className="stat-label">{t('delight.gestures')}</span><span className="stat-value" data-testid="delight-gesture-count">{formatNumber(data.summary.gestures)}</span></li>
              <li className="stat-card"><span className="stat-label">{t('delight.resolvedShare')}</span><span className="stat-value">{data.summary.resolvedShare === null ? '—' : `${Math.round(data.summary.resolvedShare * 100)}%`}</span></li>
              <li className="stat-card"><span className="stat-label">{t('delight.averageCsat')}</span><span className="stat-value">{data.summary.averageCsat === null ? '—' : data.summary.averageCsat.toFixed(1)}</span></li>
              <li className="stat-card"><span className="stat-label">{t('delight.orderedAfter')}</span><span className="stat-value">{formatNumber(data.summary.customersWhoOrderedAfter)}</span></li>
            </ul>
            {data.agents.length > 0 ? (
              <>
                <h3 className="panel-subtitle">{t('delight.spendVsBudget')}</h3>
                <SpendChart agents={data.agents} />
                <div className="table-wrap">
                  <table className="table table-responsive">
                    <caption className="visually-hidden">{t('delight.spendVsBudget')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('delight.agent')}</th>
                        <th scope="col" className="numeric">{t('delight.budget')}</th>
                        <th scope="col" className="numeric">{t('delight.spent')}</th>
                        <th scope="col" className="numeric">{t('delight.leftColumn')}</th>
                        <th scope="col" className="numeric">{t('delight.gesturesInRange')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.agents.map((agent) => (
                        <tr key={agent.userId}>
                          <td data-label={t('delight.agent')}>{agent.name}{agent.period ? <div className="muted small">{t(`delight.period.${agent.period}`)}</div> : null}</td>
                          <td data-label={t('delight.budget')} className="numeric">{agent.currency ? formatMoney(agent.budgetMinor, agent.currency) : '—'}</td>
                          <td data-label={t('delight.spent')} className="numeric">{agent.currency ? formatMoney(agent.spentMinor, agent.currency) : '—'}</td>
                          <td data-label={t('delight.leftColumn')} className="numeric">{agent.currency ? formatMoney(agent.leftMinor, agent.currency) : '—'}</td>
                          <td data-label={t('delight.gesturesInRange')} className="numeric">{formatNumber(agent.gesturesInRange)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            ) : null}
            <h3 className="panel-subtitle">{t('delight.gestureLog')}</h3>
            {data.gestures.length === 0 ? <EmptyState title={t('delight.noGestures')}><p>{t('delight.noGesturesBody')}</p></EmptyState> : (
              <div className="table-wrap">
                <table className="table table-responsive" data-testid="delight-gestures">
                  <thead>
                    <tr>
                      <th scope="col">{t('delight.when')}</th>
                      <th scope="col">{t('delight.agent')}</th>
                      <th scope="col">{t('delight.customer')}</th>
                      <th scope="col">{t('delight.what')}</th>
                      <th scope="col" className="numeric">{t('delight.value')}</th>
                      <th scope="col">{t('delight.outcome')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.gestures.map((gesture) => (
                      <tr key={gesture.id}>
                        <td data-label={t('delight.when')} className="small">{formatDateTime(gesture.createdAt)}</td>
                        <td data-label={t('delight.agent')}>{gesture.agentName ?? '—'}</td>
                        <td data-label={t('delight.customer')}>
                          <Link to={paths.contact(account.id, gesture.contactId)} className="tap-link">{gesture.contactName ?? '—'}</Link>
                          <div className="small"><Link to={paths.conversation(account.id, gesture.conversationId)} className="tap-link">#{gesture.outcome.conversationNumber}</Link></div>
                        </td>
                        <td data-label={t('delight.what')}>
                          {t(`delight.kind.${gesture.kind}`)} <a href={gesture.cardPath} target="_blank" rel="noreferrer" className="small tap-link">{t('delight.viewCard')}</a>
                          {gesture.message ? <div className="muted small">“{gesture.message.slice(0, 80)}”</div> : null}
                        </td>
                        <td data-label={t('delight.value')} className="numeric">{formatMoney(gesture.valueMinor, gesture.currency)}</td>
                        <td data-label={t('delight.outcome')} className="small">
                          <div className={gesture.outcome.resolved ? 'delight-outcome-good' : undefined}>{gesture.outcome.resolved ? t('delight.resolved') : t('delight.stillStatus', { status: gesture.outcome.status ?? '—' })}</div>
                          <div>{gesture.outcome.csat === null ? t('delight.notRated') : t('delight.csat', { score: gesture.outcome.csat })}</div>
                          <div>{t('delight.ordersAfter', { count: gesture.outcome.ordersAfter })}</div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ) : null}
      </section>
    </>
  );
}
