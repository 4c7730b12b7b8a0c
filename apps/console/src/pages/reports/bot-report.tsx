import { useId, useMemo } from 'react';
import { getBotReport } from '../../api/answer-bot-endpoints.ts';
import type { DateRange } from '../../api/report-endpoints.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { LOCALE_TAGS } from '../../i18n/locales.ts';
import { useBotReason } from '../settings/answer-bot-page.tsx';
import { CategoryBarChart, DailyLineChart } from './report-charts.tsx';

const COLOR_HANDLED = '#4338ca';
const COLOR_DEFLECTED = '#067647';
const COLOR_HANDOVER = '#b54708';

/**
 * The answer bot's part of the reports: conversations it took, the deflection rate (resolved without a person),
 * bot conversations per day, why it handed over, and the answers it used most.
 */
export function BotReportSection({ range }: { range: DateRange }) {
  const { t, locale, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const reasonText = useBotReason();
  const report = useResource((signal) => getBotReport(account.id, range, signal), [account.id, range.from, range.to]);
  const percent = useMemo(() => new Intl.NumberFormat(LOCALE_TAGS[locale], { style: 'percent', maximumFractionDigits: 0 }), [locale]);
  const dayFormat = useMemo(() => new Intl.DateTimeFormat(LOCALE_TAGS[locale], { month: 'numeric', day: 'numeric' }), [locale]);
  const data = report.data;
  const summary = data ? t('bot.reportSummary', { handled: formatNumber(data.handled), deflected: formatNumber(data.deflected) }) : '';
  const series = data ? [
    { label: t('bot.handled'), color: COLOR_HANDLED, values: data.daily.map((day) => day.handled) },
    { label: t('bot.deflected'), color: COLOR_DEFLECTED, values: data.daily.map((day) => day.deflected) },
  ] : [];
  return (
    <section className="panel report-panel" aria-labelledby={`${id}-title`} data-testid="bot-report">
      <h2 id={`${id}-title`} className="panel-title">{t('bot.reportHeading')}</h2>
      <ErrorNotice error={report.error} />
      {data && data.handled === 0 ? <EmptyState title={t('bot.noBotConversations')} /> : null}
      {data && data.handled > 0 ? (
        <>
          <ul className="stat-grid report-kpis" aria-label={t('bot.reportHeading')}>
            <li className="stat-card report-kpi"><span className="stat-label">{t('bot.handled')}</span><span className="stat-value">{formatNumber(data.handled)}</span></li>
            <li className="stat-card report-kpi"><span className="stat-label">{t('bot.deflectionRate')}</span><span className="stat-value" data-testid="bot-deflection-rate">{data.deflectionRate === null ? '—' : percent.format(data.deflectionRate)}</span></li>
            <li className="stat-card report-kpi"><span className="stat-label">{t('bot.deflected')}</span><span className="stat-value">{formatNumber(data.deflected)}</span></li>
            <li className="stat-card report-kpi"><span className="stat-label">{t('bot.handedOver')}</span><span className="stat-value">{formatNumber(data.handedOver)}</span></li>
          </ul>
          <div className="report-charts">
            <figure className="report-figure" aria-labelledby={`${id}-daily`}>
              <figcaption id={`${id}-daily`} className="panel-subtitle">{t('bot.dailyHeading')}</figcaption>
              <ul className="report-legend">
                {series.map((item) => (
                  <li key={item.label}><span className="report-legend-swatch" style={{ backgroundColor: item.color }} aria-hidden="true" />{item.label}</li>
                ))}
              </ul>
              <div role="img" aria-label={summary}>
                <DailyLineChart dates={data.daily.map((day) => day.date)} series={series} formatDay={(date) => dayFormat.format(date)} />
              </div>
            </figure>
            <figure className="report-figure" aria-labelledby={`${id}-reasons`}>
              <figcaption id={`${id}-reasons`} className="panel-subtitle">{t('bot.reasonsHeading')}</figcaption>
              {data.handoverReasons.length ? (
                <>
                  <div role="img" aria-label={data.handoverReasons.map((r) => `${reasonText(r.reason)} ${formatNumber(r.count)}`).join(', ')}>
                    <CategoryBarChart categories={data.handoverReasons.map((r) => reasonText(r.reason))} values={data.handoverReasons.map((r) => r.count)} color={COLOR_HANDOVER} />
                  </div>
                  <ul className="visually-hidden">
                    {data.handoverReasons.map((r) => <li key={r.reason}>{reasonText(r.reason)}: {formatNumber(r.count)}</li>)}
                  </ul>
                </>
              ) : <p className="muted">—</p>}
            </figure>
          </div>
          {data.topAnswers.length ? (
            <>
              <h3 className="panel-subtitle">{t('bot.topAnswers')}</h3>
              <ol className="bot-top-answers">
                {data.topAnswers.map((answer) => (
                  <li key={`${answer.kind}-${answer.id}`}>
                    {answer.title} <span className="muted">({answer.kind === 'intent' ? t('bot.kindIntent') : t('bot.kindArticle')}, {t('bot.answersCount', { count: formatNumber(answer.count) })})</span>
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
