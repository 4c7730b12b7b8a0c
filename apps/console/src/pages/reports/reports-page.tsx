import { useId, useMemo, useState, type FormEvent } from 'react';
import { buildConversationsCsvUrl, getReportOverview, type DateRange, type ReportOverview } from '../../api/report-endpoints.ts';
import { describeChannel } from '../../components/channel-label.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { computeLastDays } from '../../dates/last-days.ts';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n, type Translate } from '../../i18n/i18n-context.tsx';
import { LOCALE_TAGS } from '../../i18n/locales.ts';
import { isMissingFeature } from '../settings/helpdesk-shared.tsx';
import { CategoryBarChart, DailyLineChart } from './report-charts.tsx';
import { BotReportSection } from './bot-report.tsx';
import { HelpCenterReportSection } from './help-center-report.tsx';
import './reports.css';

type Preset = '7' | '30' | '90' | 'custom';
const PRESETS: readonly Exclude<Preset, 'custom'>[] = ['7', '30', '90'];
const COLOR_CREATED = '#4338ca';
const COLOR_RESOLVED = '#067647';

function useMinutesFormatter() {
  const { locale } = useI18n();
  return useMemo(() => {
    const tag = LOCALE_TAGS[locale];
    const make = (unit: 'minute' | 'hour' | 'day') => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
    const minutes = make('minute');
    const hours = make('hour');
    const days = make('day');
    return (value: number | null | undefined): string => {
      if (value === null || value === undefined) return '—';
      if (value < 60) return minutes.format(Math.round(value));
      if (value < 60 * 48) return hours.format(value / 60);
      return days.format(value / 1440);
    };
  }, [locale]);
}

function RangePicker({ preset, range, timeZone, onChange }: { preset: Preset; range: DateRange; timeZone: string | undefined; onChange(preset: Preset, range: DateRange): void }) {
  const { t } = useI18n();
  const id = useId();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [customOpen, setCustomOpen] = useState(preset === 'custom');
  const invalid = from !== '' && to !== '' && from > to;

  function handleApply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!from || !to || invalid) return;
    onChange('custom', { from, to });
  }

  return (
    <div className="report-range">
      <div className="segmented" role="group" aria-label={t('reports.range')}>
        <ul>
          {PRESETS.map((value) => (
            <li key={value}>
              <button
                type="button"
                className="segmented-item"
                aria-pressed={preset === value}
                onClick={() => {
                  setCustomOpen(false);
                  onChange(value, computeLastDays(Number(value), new Date(), timeZone));
                }}
              >
                {t('reports.lastDays', { count: value })}
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="segmented-item" aria-pressed={preset === 'custom' || customOpen} aria-expanded={customOpen} onClick={() => setCustomOpen(true)}>
              {t('reports.custom')}
            </button>
          </li>
        </ul>
      </div>
      {customOpen ? (
        <form className="report-custom-range" onSubmit={handleApply}>
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('reports.from')}</label>
            <input id={`${id}-from`} type="date" className="input" required max={to || undefined} value={from} onChange={(event) => setFrom(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('reports.to')}</label>
            <input id={`${id}-to`} type="date" className="input" required min={from || undefined} value={to} onChange={(event) => setTo(event.target.value)} />
          </div>
          <button type="submit" className="button button-secondary" disabled={invalid}>
            {t('reports.apply')}
          </button>
          {invalid ? (
            <p className="field-error" role="alert">
              {t('reports.rangeInvalid')}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

function KpiCards({ report }: { report: ReportOverview }) {
  const { t, locale, formatNumber } = useI18n();
  const formatMinutes = useMinutesFormatter();
  const created = report.volume.reduce((sum, day) => sum + day.created, 0);
  const resolved = report.volume.reduce((sum, day) => sum + day.resolved, 0);
  const percent = new Intl.NumberFormat(LOCALE_TAGS[locale], { style: 'percent', maximumFractionDigits: 0 });
  const cards: { key: string; label: string; value: string; detail?: string }[] = [
    { key: 'created', label: t('reports.kpiCreated'), value: formatNumber(created) },
    { key: 'resolved', label: t('reports.kpiResolved'), value: formatNumber(resolved) },
    {
      key: 'first-response',
      label: t('reports.kpiFirstResponse'),
      value: formatMinutes(report.firstResponseMinutes.median),
      detail: t('reports.p90', { value: formatMinutes(report.firstResponseMinutes.p90) }),
    },
    {
      key: 'resolution',
      label: t('reports.kpiResolution'),
      value: formatMinutes(report.resolutionMinutes.median),
      detail: t('reports.p90', { value: formatMinutes(report.resolutionMinutes.p90) }),
    },
    {
      key: 'sla',
      label: t('reports.kpiSla'),
      value: report.slaAttainment ? percent.format(report.slaAttainment.ratio) : '—',
      detail: report.slaAttainment
        ? t('reports.slaDetail', { met: formatNumber(report.slaAttainment.met), breached: formatNumber(report.slaAttainment.breached) })
        : t('reports.noData'),
    },
    {
      key: 'csat',
      label: t('reports.kpiCsat'),
      value: report.csat && report.csat.count > 0 && report.csat.average !== null ? report.csat.average.toFixed(1) : '—',
      detail: report.csat ? t('reports.csatDetail', { count: formatNumber(report.csat.count) }) : t('reports.noData'),
    },
  ];
  return (
    <ul className="stat-grid report-kpis" aria-label={t('reports.kpis')}>
      {cards.map((card) => (
        <li key={card.key} className="stat-card report-kpi">
          <span className="stat-label">{card.label}</span>
          <span className="stat-value">{card.value}</span>
          {card.detail ? <span className="report-kpi-detail">{card.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function describeVolume(
  report: ReportOverview,
  t: Translate,
  formatNumber: (value: number) => string,
  formatDate: (iso: string) => string,
): string {
  const created = report.volume.reduce((sum, day) => sum + day.created, 0);
  const resolved = report.volume.reduce((sum, day) => sum + day.resolved, 0);
  const busiest = report.volume.reduce<ReportOverview['volume'][number] | null>((best, day) => (!best || day.created > best.created ? day : best), null);
  return t('reports.volumeSummary', {
    days: report.volume.length,
    created: formatNumber(created),
    resolved: formatNumber(resolved),
    busiest: busiest ? formatDate(`${busiest.date}T00:00:00`) : '—',
    busiestCount: formatNumber(busiest?.created ?? 0),
  });
}

function VolumeChart({ report, dataOpen, onDataToggle }: { report: ReportOverview; dataOpen: boolean; onDataToggle(open: boolean): void }) {
  const { t, locale, formatNumber, formatDate } = useI18n();
  const id = useId();
  const dayFormat = useMemo(() => new Intl.DateTimeFormat(LOCALE_TAGS[locale], { month: 'numeric', day: 'numeric' }), [locale]);
  const series = [
    { label: t('reports.created'), color: COLOR_CREATED, values: report.volume.map((day) => day.created) },
    { label: t('reports.resolved'), color: COLOR_RESOLVED, values: report.volume.map((day) => day.resolved) },
  ];
  return (
    <section className="panel report-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {t('reports.volumeHeading')}
      </h2>
      <figure className="report-figure" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
        <ul className="report-legend">
          {series.map((item) => (
            <li key={item.label}>
              <span className="report-legend-swatch" style={{ backgroundColor: item.color }} aria-hidden="true" />
              {item.label}
            </li>
          ))}
        </ul>
        <div role="img" aria-label={describeVolume(report, t, formatNumber, formatDate)}>
          <DailyLineChart dates={report.volume.map((day) => day.date)} series={series} formatDay={(date) => dayFormat.format(date)} />
        </div>
        <figcaption id={`${id}-summary`} className="visually-hidden">
          {describeVolume(report, t, formatNumber, formatDate)}
        </figcaption>
      </figure>
      <details className="report-data" open={dataOpen} onToggle={(event) => onDataToggle(event.currentTarget.open)}>
        <summary>{t('reports.showData')}</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('reports.volumeHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.date')}</th>
                <th scope="col">{t('reports.created')}</th>
                <th scope="col">{t('reports.resolved')}</th>
              </tr>
            </thead>
            <tbody>
              {report.volume.map((day) => (
                <tr key={day.date}>
                  <th scope="row">{formatDate(`${day.date}T00:00:00`)}</th>
                  <td>{formatNumber(day.created)}</td>
                  <td>{formatNumber(day.resolved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function ChannelChart({ report }: { report: ReportOverview }) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  const rows = [...report.byChannel].sort((a, b) => b.created - a.created);
  const labels = rows.map((row) => describeChannel(row.channel, t));
  const summary = t('reports.channelSummary', {
    list: rows.map((row, index) => `${labels[index]} ${formatNumber(row.created)}`).join(', ') || '—',
  });
  return (
    <section className="panel report-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {t('reports.channelHeading')}
      </h2>
      {rows.length === 0 ? (
        <EmptyState title={t('reports.noConversations')} />
      ) : (
        <figure className="report-figure" aria-labelledby={`${id}-title`}>
          <div role="img" aria-label={summary}>
            <CategoryBarChart categories={labels} values={rows.map((row) => row.created)} color={COLOR_CREATED} />
          </div>
          <table className="visually-hidden">
            <caption>{t('reports.channelHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.channel')}</th>
                <th scope="col">{t('reports.created')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={row.channel}>
                  <th scope="row">{labels[index]}</th>
                  <td>{formatNumber(row.created)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      )}
    </section>
  );
}

function AgentTable({ report }: { report: ReportOverview }) {
  const { t, formatNumber } = useI18n();
  const formatMinutes = useMinutesFormatter();
  const id = useId();
  return (
    <section className="panel report-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {t('reports.agentHeading')}
      </h2>
      {report.byAgent.length === 0 ? (
        <EmptyState title={t('reports.noAgents')} />
      ) : (
        <div className="table-wrap">
          <table className="table table-responsive">
            <thead>
              <tr>
                <th scope="col">{t('reports.agent')}</th>
                <th scope="col">{t('reports.assigned')}</th>
                <th scope="col">{t('reports.resolved')}</th>
                <th scope="col">{t('reports.medianFirstResponse')}</th>
              </tr>
            </thead>
            <tbody>
              {report.byAgent.map((agent) => (
                <tr key={agent.agentId}>
                  <td data-label={t('reports.agent')} className="strong">
                    {agent.name}
                  </td>
                  <td data-label={t('reports.assigned')}>{formatNumber(agent.assigned)}</td>
                  <td data-label={t('reports.resolved')}>{formatNumber(agent.resolved)}</td>
                  <td data-label={t('reports.medianFirstResponse')}>{formatMinutes(agent.medianFirstResponseMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TeamTable({ teams }: { teams: NonNullable<ReportOverview['byTeam']> }) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  return (
    <section className="panel report-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {t('reports.teamHeading')}
      </h2>
      <div className="table-wrap">
        <table className="table table-responsive">
          <thead>
            <tr>
              <th scope="col">{t('reports.team')}</th>
              <th scope="col">{t('reports.created')}</th>
              <th scope="col">{t('reports.resolved')}</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <tr key={team.teamId}>
                <td data-label={t('reports.team')} className="strong">
                  {team.name}
                </td>
                <td data-label={t('reports.created')}>{formatNumber(team.created)}</td>
                <td data-label={t('reports.resolved')}>{formatNumber(team.resolved)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ReportsPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const [preset, setPreset] = useState<Preset>('30');
  // A preset's days are the account's days (the report counts in its zone), not the browser's.
  const timeZone = account.timeZone;
  const [range, setRange] = useState<DateRange>(() => computeLastDays(30, new Date(), timeZone));
  const report = useResource((signal) => getReportOverview(account.id, range, signal), [account.id, range.from, range.to]);
  const missing = isMissingFeature(report.error);
  // Kept here so the table stays open while another range loads.
  const [dataOpen, setDataOpen] = useState(false);

  return (
    <div className="reports">
      <PageHeader
        title={t('reports.title')}
        description={report.data ? t('reports.descriptionZone', { timeZone: report.data.timeZone }) : t('reports.description')}
        actions={
          missing ? null : (
            <a className="button button-secondary" href={buildConversationsCsvUrl(account.id, range)} download>
              {t('reports.downloadCsv')}
            </a>
          )
        }
      />
      <RangePicker
        preset={preset}
        range={range}
        timeZone={timeZone}
        onChange={(nextPreset, nextRange) => {
          setPreset(nextPreset);
          setRange(nextRange);
        }}
      />
      {missing ? (
        <EmptyState title={t('reports.unavailableTitle')}>
          <p>{t('reports.unavailableBody')}</p>
        </EmptyState>
      ) : (
        <>
          <ErrorNotice error={report.error} />
          {report.loading && !report.data ? <LoadingState /> : null}
          {report.data ? (
            <div className="report-body" aria-busy={report.loading}>
              <KpiCards report={report.data} />
              <div className="report-charts">
                <VolumeChart report={report.data} dataOpen={dataOpen} onDataToggle={setDataOpen} />
                <ChannelChart report={report.data} />
              </div>
              <AgentTable report={report.data} />
              {report.data.byTeam && report.data.byTeam.length > 0 ? <TeamTable teams={report.data.byTeam} /> : null}
              <BotReportSection range={range} />
              <HelpCenterReportSection range={range} />
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
