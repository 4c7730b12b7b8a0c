import { useId } from 'react';
import uPlot from 'uplot';
import { getHelpCenterReport } from '../../api/help-center-endpoints.ts';
import type { DateRange } from '../../api/report-endpoints.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { LOCALE_NAMES } from '../../i18n/locales.ts';
import { AXIS_STYLE, COUNT_AXIS, useUplot } from './report-charts.tsx';
import './help-center-report.css';

const COLOR_HELPFUL = '#067647';
const COLOR_NOT_HELPFUL = '#b42318';
/** The chart shows the most voted articles; the table under it has them all. */
const CHARTED_ARTICLES = 8;

/** Helpful and not-helpful votes side by side per article (uPlot bars, two series shifted half a bar apart). */
function VoteBarChart({ labels, helpful, notHelpful }: { labels: string[]; helpful: number[]; notHelpful: number[] }) {
  const xs = labels.map((_label, index) => index);
  const left = uPlot.paths.bars?.({ size: [0.35, 40], align: -1 });
  const right = uPlot.paths.bars?.({ size: [0.35, 40], align: 1 });
  const ref = useUplot(
    (width) => ({
      width,
      height: 260,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: () => [-0.5, Math.max(0.5, labels.length - 0.5)] }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
      axes: [
        { ...AXIS_STYLE, grid: { show: false }, splits: () => xs, values: (_u, splits) => splits.map((split) => (labels[split] ?? '').slice(0, 14)), rotate: -30, size: 70 },
        COUNT_AXIS,
      ],
      series: [
        {},
        { label: 'helpful', stroke: COLOR_HELPFUL, fill: COLOR_HELPFUL, width: 0, paths: left, points: { show: false } },
        { label: 'not helpful', stroke: COLOR_NOT_HELPFUL, fill: COLOR_NOT_HELPFUL, width: 0, paths: right, points: { show: false } },
      ],
    }),
    [xs, helpful, notHelpful],
    [JSON.stringify(labels), JSON.stringify(helpful), JSON.stringify(notHelpful)],
  );
  return <div ref={ref} className="report-chart" aria-hidden="true" />;
}

/** Reports' help-center part: was each article helpful, and what visitors searched for without finding anything. */
export function HelpCenterReportSection({ range }: { range: DateRange }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const report = useResource((signal) => getHelpCenterReport(account.id, range, signal), [account.id, range.from, range.to]);
  if (report.error) return <ErrorNotice error={report.error} />;
  if (!report.data) return null;
  const { votes, missedSearches } = report.data;
  const charted = votes.slice(0, CHARTED_ARTICLES);
  const label = (vote: (typeof votes)[number]) => `${vote.title} (${vote.locale.toUpperCase()})`;
  const summary = charted.map((vote) => `${label(vote)}: ${t('help.reportHelpful')} ${vote.helpful}, ${t('help.reportNotHelpful')} ${vote.notHelpful}`).join('; ');

  return (
    <div className="help-report">
      <section className="panel report-panel" aria-labelledby={`${id}-votes`}>
        <h2 id={`${id}-votes`} className="panel-title">{t('help.reportHeading')}: {t('help.reportVotes')}</h2>
        {votes.length === 0 ? <EmptyState title={t('help.reportNoVotes')} /> : (
          <figure className="report-figure" aria-labelledby={`${id}-votes`}>
            <div role="img" aria-label={`${t('help.reportChartLabel')}. ${summary}`}>
              <VoteBarChart labels={charted.map(label)} helpful={charted.map((vote) => vote.helpful)} notHelpful={charted.map((vote) => vote.notHelpful)} />
            </div>
            <p className="muted small">
              <span style={{ color: COLOR_HELPFUL }}>■</span> {t('help.reportHelpful')} · <span style={{ color: COLOR_NOT_HELPFUL }}>■</span> {t('help.reportNotHelpful')}
            </p>
            <div className="help-report-table" tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('help.colTitle')}</th>
                    <th scope="col">{t('help.reportLanguage')}</th>
                    <th scope="col" className="numeric">{t('help.reportHelpful')}</th>
                    <th scope="col" className="numeric">{t('help.reportNotHelpful')}</th>
                  </tr>
                </thead>
                <tbody>
                  {votes.map((vote) => (
                    <tr key={`${vote.articleId}-${vote.locale}`}>
                      <th scope="row" lang={vote.locale}>{vote.title}</th>
                      <td>{LOCALE_NAMES[vote.locale]}</td>
                      <td className="numeric">{formatNumber(vote.helpful)}</td>
                      <td className="numeric">{formatNumber(vote.notHelpful)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </figure>
        )}
      </section>
      <section className="panel report-panel" aria-labelledby={`${id}-missed`}>
        <h2 id={`${id}-missed`} className="panel-title">{t('help.reportHeading')}: {t('help.reportMissed')}</h2>
        {missedSearches.length === 0 ? <EmptyState title={t('help.reportNoMissed')} /> : (
          <div className="help-report-table" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('help.reportQuery')}</th>
                  <th scope="col">{t('help.reportLanguage')}</th>
                  <th scope="col" className="numeric">{t('help.reportSearches')}</th>
                  <th scope="col">{t('help.colUpdated')}</th>
                </tr>
              </thead>
              <tbody>
                {missedSearches.map((search) => (
                  <tr key={`${search.query}-${search.locale}`}>
                    <th scope="row" lang={search.locale}>{search.query}</th>
                    <td>{LOCALE_NAMES[search.locale]}</td>
                    <td className="numeric">{formatNumber(search.searches)}</td>
                    <td className="muted small">{formatDateTime(search.lastSearchedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
