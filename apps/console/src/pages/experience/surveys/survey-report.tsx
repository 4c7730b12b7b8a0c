import { useState } from 'react';
import type uPlot from 'uplot';
import { buildSurveyResponsesCsvUrl, getSurveyReport, type DayRange, type SurveyReport } from '../../../api/survey-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { AXIS_STYLE, COUNT_AXIS, useUplot } from '../../reports/report-charts.tsx';
import { describeAbout, formatHeadline, headlineLabel, lastDays, SurveyRangePicker } from './survey-shared.tsx';

const COLOR_SCORE = '#4338ca';
const COLOR_RESPONSES = '#067647';

/** One survey's report: figures, a daily trend, per touchpoint, comments with their customers, CSV export. */
export function SurveyReportPage({ surveyId }: { surveyId: string }) {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const [range, setRange] = useState<DayRange>(() => lastDays(30));
  const report = useResource((signal) => getSurveyReport(account.id, surveyId, range, signal), [account.id, surveyId, range.from, range.to], { accountId: account.id, events: ['survey.answered'] });
  const data = report.data;
  return (
    <div className="surveys">
      <PageHeader
        before={<Link to={paths.experience(account.id, 'surveys')} className="back-link">{t('surveys.back')}</Link>}
        title={data?.survey.name ?? t('surveys.title')}
        description={data ? `${t(`surveys.kind.${data.survey.kind}`)} · ${t(`surveys.status.${data.survey.status}`)}` : undefined}
        actions={data ? (
          <>
            <a className="button button-secondary" href={buildSurveyResponsesCsvUrl(account.id, surveyId, range)} download>{t('surveys.exportCsv')}</a>
            {account.role === 'admin' ? <Link className="button button-secondary" to={paths.experience(account.id, 'surveys', surveyId, 'edit')}>{t('surveys.edit')}</Link> : null}
          </>
        ) : null}
      />
      <SurveyRangePicker range={range} onChange={setRange} />
      {report.error ? <ErrorNotice error={report.error} /> : null}
      {!data ? (report.error ? null : <LoadingState />) : (
        <>
          <ul className="stat-grid" aria-label={t('surveys.title')}>
            <li className="stat-card"><span className="stat-label">{headlineLabel(data.survey.kind, t)}</span><span className="stat-value" data-testid="survey-headline">{formatHeadline(data.survey.kind, data.totals, formatNumber)}</span></li>
            <li className="stat-card"><span className="stat-label">{t('surveys.responses')}</span><span className="stat-value" data-testid="survey-responses">{formatNumber(data.totals.responses)}</span></li>
            <li className="stat-card"><span className="stat-label">{t('surveys.responseRate')}</span><span className="stat-value">{data.totals.responseRate !== null ? `${formatNumber(data.totals.responseRate)}%` : '—'}</span></li>
            <li className="stat-card"><span className="stat-label">{t('surveys.asked')}</span><span className="stat-value">{formatNumber(data.totals.asked)}</span></li>
            <li className="stat-card"><span className="stat-label">{t('surveys.suppressed')}</span><span className="stat-value">{formatNumber(data.totals.suppressed)}</span></li>
          </ul>
          <TrendChart report={data} />
          <Distribution report={data} />
          {data.touchpoints.length > 0 ? (
            <section className="survey-panel" aria-labelledby="survey-report-touchpoints">
              <h2 id="survey-report-touchpoints" className="section-title">{t('surveys.byTouchpoint')}</h2>
              <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="survey-report-touchpoints">
                <table className="table">
                  <thead><tr><th scope="col">{t('surveys.touchpoint')}</th><th scope="col" className="num">{t('surveys.asked')}</th><th scope="col" className="num">{t('surveys.responses')}</th><th scope="col" className="num">{t('surveys.responseRate')}</th><th scope="col" className="num">{headlineLabel(data.survey.kind, t)}</th></tr></thead>
                  <tbody>
                    {data.touchpoints.map((row) => (
                      <tr key={`${row.aboutKind}-${row.aboutId}`}>
                        <th scope="row">{describeAbout({ kind: row.aboutKind, id: row.aboutId }, t)}</th>
                        <td className="num">{formatNumber(row.asked)}</td>
                        <td className="num">{formatNumber(row.responses)}</td>
                        <td className="num">{row.responseRate !== null ? `${formatNumber(row.responseRate)}%` : '—'}</td>
                        <td className="num">{formatHeadline(data.survey.kind, row, formatNumber)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
          <Comments report={data} />
        </>
      )}
    </div>
  );
}

function TrendChart({ report }: { report: SurveyReport }) {
  const { t, formatNumber } = useI18n();
  const kind = report.survey.kind;
  const xs = report.trend.map((day) => new Date(`${day.day}T00:00:00Z`).getTime() / 1000);
  const scoreRange: [number, number] = kind === 'nps' ? [-100, 100] : kind === 'csat' ? [0, 100] : [1, 7];
  const ref = useUplot(
    (width): uPlot.Options => ({
      width,
      height: 220,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, score: { range: () => scoreRange }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
      axes: [
        AXIS_STYLE,
        { ...AXIS_STYLE, scale: 'score', size: 44 },
        { ...COUNT_AXIS, scale: 'y', side: 1, grid: { show: false } },
      ],
      series: [
        {},
        { label: headlineLabel(kind, t), stroke: COLOR_SCORE, width: 2, scale: 'score', spanGaps: true, points: { show: true } },
        { label: t('surveys.responses'), stroke: COLOR_RESPONSES, width: 1, scale: 'y', dash: [4, 4], points: { show: false } },
      ],
    }),
    [xs, report.trend.map((day) => day.headline), report.trend.map((day) => day.responses)],
    [JSON.stringify(report.trend), kind],
  );
  const summary = t('surveys.trendSummary', { days: formatNumber(report.trend.length), responses: formatNumber(report.totals.responses) });
  return (
    <figure className="survey-panel survey-trend">
      <h2 className="section-title">{t('surveys.trend')}</h2>
      <ul className="survey-legend" aria-hidden="true">
        <li><span style={{ backgroundColor: COLOR_SCORE }} />{headlineLabel(kind, t)}</li>
        <li><span style={{ backgroundColor: COLOR_RESPONSES }} />{t('surveys.responses')}</li>
      </ul>
      <div role="img" aria-label={summary}>
        <div ref={ref} className="report-chart" aria-hidden="true" />
      </div>
      <figcaption className="visually-hidden">{summary}</figcaption>
    </figure>
  );
}

function Distribution({ report }: { report: SurveyReport }) {
  const { t, formatNumber } = useI18n();
  const max = Math.max(1, ...report.totals.distribution.map((row) => row.count));
  return (
    <section className="survey-panel" aria-labelledby="survey-distribution">
      <h2 id="survey-distribution" className="section-title">{t('surveys.score')}</h2>
      <ul className="survey-distribution">
        {report.totals.distribution.map((row) => (
          <li key={row.score}>
            <span className="survey-distribution-score">{row.score}</span>
            <span className="survey-distribution-bar"><span style={{ width: `${(100 * row.count) / max}%` }} /></span>
            <span className="survey-distribution-count">{formatNumber(row.count)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Comments({ report }: { report: SurveyReport }) {
  const { t, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  return (
    <section className="survey-panel" aria-labelledby="survey-comments">
      <h2 id="survey-comments" className="section-title">{t('surveys.comments')}</h2>
      {report.comments.length === 0 ? <p className="muted">{t('surveys.noComments')}</p> : (
        <ul className="survey-comments">
          {report.comments.map((comment) => (
            <li key={comment.responseId} className="survey-comment">
              <div className="survey-comment-head">
                <span className="badge survey-score">{comment.score}</span>
                <Link to={paths.contact(account.id, comment.contactId)}>{comment.contactName ?? t('surveys.customer')}</Link>
                <span className="muted">{describeAbout(comment.about, t)}</span>
                <time className="muted" dateTime={comment.answeredAt}>{formatDateTime(comment.answeredAt)}</time>
              </div>
              <p className="survey-comment-text">{comment.comment}</p>
              {comment.conversationId ? <Link to={paths.conversation(account.id, comment.conversationId)}>{t('surveys.openConversation')}</Link> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
