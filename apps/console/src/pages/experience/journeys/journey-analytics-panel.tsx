import { useEffect, useId, useState, type FormEvent } from 'react';
import { getJourneyAnalytics, type JourneyAnalytics } from '../../../api/journey-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n, type Translate } from '../../../i18n/i18n-context.tsx';
import { computeLastDays, type DayRange } from '../../../dates/last-days.ts';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { describeReason } from './journey-text.ts';

const sumReasons = (reasons: Record<string, number>) => Object.values(reasons).reduce((sum, count) => sum + count, 0);

/** One line per step for the canvas overlay. */
export function buildFigureLines(analytics: JourneyAnalytics, t: Translate, formatNumber: (value: number) => string): Map<string, string> {
  return new Map(
    analytics.steps.map((step) => [
      step.stepId,
      t('journeys.analytics.nodeFigures', { entered: formatNumber(step.entered), sent: formatNumber(step.sent), suppressed: formatNumber(sumReasons(step.suppressed)) }),
    ]),
  );
}

/** Totals and per-step figures for a date range; optionally drawn on the canvas nodes. */
export function JourneyAnalyticsPanel({ accountId, journeyId, stepName, onFigures }: { accountId: string; journeyId: string; stepName(stepId: string): string; onFigures(lines: Map<string, string> | null): void }) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  const { timeZone } = useCurrentAccount();
  const [range, setRange] = useState<DayRange>(() => computeLastDays(30, new Date(), timeZone));
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [overlay, setOverlay] = useState(true);
  const analytics = useResource((signal) => getJourneyAnalytics(accountId, journeyId, range, signal), [accountId, journeyId, range.from, range.to]);

  useEffect(() => {
    onFigures(overlay && analytics.data ? buildFigureLines(analytics.data, t, formatNumber) : null);
  }, [overlay, analytics.data, t, formatNumber, onFigures]);
  useEffect(() => () => onFigures(null), [onFigures]);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (from && to && from <= to) setRange({ from, to });
  }

  const data = analytics.data;
  return (
    <section className="journey-side-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">{t('journeys.analytics.title')}</h2>
      <form className="journey-inline journey-range" onSubmit={apply}>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('journeys.analytics.from')}</label>
          <input id={`${id}-from`} className="input input-small" type="date" value={from} max={to} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('journeys.analytics.to')}</label>
          <input id={`${id}-to`} className="input input-small" type="date" value={to} min={from} onChange={(event) => setTo(event.target.value)} />
        </div>
        <button type="submit" className="button button-secondary button-small">{t('journeys.analytics.apply')}</button>
      </form>
      <label className="checkbox-inline">
        <input type="checkbox" checked={overlay} onChange={(event) => setOverlay(event.target.checked)} />
        {t('journeys.analytics.show')}
      </label>
      <ErrorNotice error={analytics.error} />
      {analytics.loading && !data ? <LoadingState /> : null}
      {data ? (
        <>
          <ul className="stat-grid journey-totals" aria-label={t('journeys.analytics.totals')}>
            {(['entered', 'active', 'converted', 'exited'] as const).map((key) => (
              <li key={key} className="stat-card">
                <span className="stat-label">{t(`journeys.analytics.${key}`)}</span>
                <span className="stat-value">{formatNumber(data.totals[key])}</span>
              </li>
            ))}
          </ul>
          <h3 className="panel-subtitle">{t('journeys.analytics.perStep')}</h3>
          <div className="table-wrap">
            <table className="table journey-step-figures">
              <thead>
                <tr>
                  <th scope="col">{t('journeys.step')}</th>
                  <th scope="col" className="numeric">{t('journeys.analytics.entered')}</th>
                  <th scope="col" className="numeric">{t('journeys.analytics.sent')}</th>
                  <th scope="col" className="numeric">{t('journeys.analytics.suppressed')}</th>
                  <th scope="col" className="numeric">{t('journeys.analytics.converted')}</th>
                </tr>
              </thead>
              <tbody>
                {data.steps.map((step) => {
                  const suppressed = sumReasons(step.suppressed);
                  return (
                    <tr key={step.stepId}>
                      <th scope="row">{stepName(step.stepId)}</th>
                      <td className="numeric">{formatNumber(step.entered)}</td>
                      <td className="numeric">{formatNumber(step.sent)}</td>
                      <td className="numeric">
                        {suppressed === 0 ? (
                          formatNumber(0)
                        ) : (
                          <details className="journey-reasons">
                            <summary>{formatNumber(suppressed)}</summary>
                            <ul className="plain-list" aria-label={t('journeys.analytics.reasons')}>
                              {Object.entries(step.suppressed)
                                .filter(([, count]) => count > 0)
                                .sort((a, b) => b[1] - a[1])
                                .map(([reason, count]) => (
                                  <li key={reason}>
                                    {describeReason(t, reason)}: {formatNumber(count)}
                                  </li>
                                ))}
                            </ul>
                          </details>
                        )}
                      </td>
                      <td className="numeric">{formatNumber(step.converted)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
