import { useId, useState } from 'react';
import { getTouchpointDetail, LIFECYCLE_STAGES, setTouchpointStage, type DateRange, type LifecycleStage, type TouchpointDetail } from '../../../api/touchpoint-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { CategoryBarChart, DailyLineChart } from '../../reports/report-charts.tsx';
import { kindLabel, MapRangePicker, touchpointLabel, useConversionText, useSatisfactionText } from './map-shared.tsx';

const COLOR_EVENTS = '#4338ca';
const COLOR_CUSTOMERS = '#0e7490';
const COLOR_CONVERTED = '#067647';
const COLOR_SUPPRESSED = '#b54708';
/** Kinds with their own page in the Experience area. */
const OWN_SECTIONS: Record<string, string> = { journey: 'journeys', prompt: 'prompts', survey: 'surveys' };

function StagePicker({ detail, onSaved }: { detail: TouchpointDetail; onSaved(): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const { touchpoint } = detail;
  async function handleChange(value: string) {
    setError(null);
    setSaved(false);
    try {
      await setTouchpointStage(account.id, touchpoint.kind, touchpoint.id, value === '' ? null : (value as LifecycleStage));
      setSaved(true);
      onSaved();
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <div className="field tp-stage-picker">
      <label htmlFor={id}>{t('touchpoints.moveToStage')}</label>
      <select id={id} className="input" value={touchpoint.stageOverridden ? touchpoint.stage : ''} onChange={(event) => void handleChange(event.target.value)}>
        <option value="">{t('touchpoints.resetStage')} ({t(`touchpoints.stage.${touchpoint.stage}`)})</option>
        {LIFECYCLE_STAGES.map((stage) => <option key={stage} value={stage}>{t(`touchpoints.stage.${stage}`)}</option>)}
      </select>
      {saved ? <p role="status" className="field-hint">{t('touchpoints.stageSaved')}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

/** One touchpoint: its figures, daily trend, suppressions by reason and (journeys) steps, with its stage editable. */
export function TouchpointDetailView({ kind, id, range, onRangeChange }: { kind: string; id: string | null; range: DateRange; onRangeChange(range: DateRange): void }) {
  const { t, formatNumber, formatDate } = useI18n();
  const account = useCurrentAccount();
  const satisfactionText = useSatisfactionText();
  const conversionText = useConversionText();
  const { data, error, reload } = useResource((signal) => getTouchpointDetail(account.id, kind, id, range, signal), [account.id, kind, id, range.from, range.to]);
  const back = <Link to={paths.experience(account.id, 'map')} className="back-link">← {t('touchpoints.back')}</Link>;
  if (error) return <><PageHeader title={t('touchpoints.title')} before={back} /><ErrorNotice error={error} /></>;
  if (!data) return <LoadingState />;
  const { touchpoint } = data;
  const section = OWN_SECTIONS[touchpoint.kind];
  const reasons = Object.entries(touchpoint.suppressions).sort((a, b) => b[1] - a[1]);
  return (
    <div className="tp-detail">
      <PageHeader
        title={touchpointLabel(t, touchpoint)}
        description={`${kindLabel(t, touchpoint.kind)} · ${t(`touchpoints.stage.${touchpoint.stage}`)}`}
        before={back}
        actions={section && touchpoint.id ? <Link className="button button-secondary" to={paths.experience(account.id, section, touchpoint.id)}>{t('touchpoints.open', { kind: kindLabel(t, touchpoint.kind) })}</Link> : null}
      />
      <MapRangePicker key={`${range.from}:${range.to}`} range={range} onChange={onRangeChange} />
      <dl className="tp-figures">
        <div><dt>{t('touchpoints.events')}</dt><dd>{formatNumber(touchpoint.events)}</dd></div>
        <div><dt>{t('touchpoints.customers')}</dt><dd>{formatNumber(touchpoint.customers)}</dd></div>
        <div><dt>{t('touchpoints.satisfaction')}</dt><dd>{satisfactionText(touchpoint.satisfaction)}</dd></div>
        <div><dt>{t('touchpoints.conversion')}</dt><dd>{conversionText(touchpoint.conversion)}</dd></div>
        <div><dt>{t('touchpoints.suppressed')}</dt><dd>{formatNumber(touchpoint.suppressed)}</dd></div>
      </dl>
      {touchpoint.messages ? (
        <p>{t('touchpoints.messagesResponded', { rate: touchpoint.messages.rate === null ? '—' : `${Math.round(touchpoint.messages.rate * 100)}%`, sent: formatNumber(touchpoint.messages.sent) })}</p>
      ) : null}
      <StagePicker detail={data} onSaved={reload} />
      <section className="tp-panel" aria-labelledby="tp-trend">
        <h2 id="tp-trend">{t('touchpoints.trend')}</h2>
        <DailyLineChart
          dates={data.trend.map((day) => day.date)}
          formatDay={(date) => formatDate(date.toISOString())}
          series={[
            { label: t('touchpoints.events'), color: COLOR_EVENTS, values: data.trend.map((day) => day.events) },
            { label: t('touchpoints.customers'), color: COLOR_CUSTOMERS, values: data.trend.map((day) => day.customers) },
            ...(touchpoint.conversion && touchpoint.kind !== 'channel' ? [{ label: t('touchpoints.converted'), color: COLOR_CONVERTED, values: data.trend.map((day) => day.converted) }] : []),
          ]}
        />
        <ul className="tp-series-legend">
          <li><span className="tp-swatch" style={{ background: COLOR_EVENTS }} aria-hidden="true" />{t('touchpoints.events')}</li>
          <li><span className="tp-swatch" style={{ background: COLOR_CUSTOMERS }} aria-hidden="true" />{t('touchpoints.customers')}</li>
          {touchpoint.conversion && touchpoint.kind !== 'channel' ? <li><span className="tp-swatch" style={{ background: COLOR_CONVERTED }} aria-hidden="true" />{t('touchpoints.converted')}</li> : null}
        </ul>
      </section>
      <section className="tp-panel" aria-labelledby="tp-suppressions">
        <h2 id="tp-suppressions">{t('touchpoints.suppressionsByReason')}</h2>
        {reasons.length === 0 ? <p>{t('touchpoints.noSuppressions')}</p> : (
          <>
            <CategoryBarChart categories={reasons.map(([reason]) => reason)} values={reasons.map(([, count]) => count)} color={COLOR_SUPPRESSED} />
            <ul>{reasons.map(([reason, count]) => <li key={reason}><code>{reason}</code>: {formatNumber(count)}</li>)}</ul>
          </>
        )}
      </section>
      {data.steps.length > 0 ? (
        <section className="tp-panel" aria-labelledby="tp-steps">
          <h2 id="tp-steps">{t('touchpoints.steps')}</h2>
          <div className="table-scroll">
            <table className="table">
              <thead><tr>
                <th scope="col">{t('touchpoints.step')}</th><th scope="col">{t('touchpoints.events')}</th><th scope="col">{t('touchpoints.customers')}</th>
                <th scope="col">{t('touchpoints.sent')}</th><th scope="col">{t('touchpoints.suppressed')}</th><th scope="col">{t('touchpoints.converted')}</th>
              </tr></thead>
              <tbody>
                {data.steps.map((step) => (
                  <tr key={step.stepId}>
                    <th scope="row"><code>{step.stepId}</code></th>
                    <td className="numeric">{formatNumber(step.events)}</td><td className="numeric">{formatNumber(step.customers)}</td>
                    <td className="numeric">{formatNumber(step.sent)}</td><td className="numeric">{formatNumber(step.suppressed)}</td><td className="numeric">{formatNumber(step.converted)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
