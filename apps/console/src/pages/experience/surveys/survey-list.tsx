import { useId, useState } from 'react';
import { getSurveySettings, getSurveysReport, listSurveys, updateSurveySettings, type DayRange } from '../../../api/survey-endpoints.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { describeAbout, formatHeadline, lastDays, SurveyRangePicker } from './survey-shared.tsx';

/** Every survey with its figures for the range, the same per touchpoint, and the account's fatigue window. */
export function SurveyList() {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = account.role === 'admin';
  const [range, setRange] = useState<DayRange>(() => lastDays(30));
  const surveys = useResource((signal) => listSurveys(account.id, signal), [account.id], { accountId: account.id, events: ['survey.changed'] });
  const report = useResource((signal) => getSurveysReport(account.id, range, signal), [account.id, range.from, range.to], { accountId: account.id, events: ['survey.answered', 'survey.changed'] });
  const figuresOf = new Map((report.data?.surveys ?? []).map((row) => [row.id, row]));
  return (
    <div className="surveys">
      <PageHeader
        title={t('surveys.title')}
        description={t('surveys.description')}
        actions={isAdmin ? <Link to={paths.experience(account.id, 'surveys', 'new')} className="button button-primary">{t('surveys.new')}</Link> : null}
      />
      <SurveyRangePicker range={range} onChange={setRange} />
      {surveys.error ? <ErrorNotice error={surveys.error} /> : null}
      {report.error ? <ErrorNotice error={report.error} /> : null}
      {!surveys.data ? <LoadingState /> : surveys.data.surveys.length === 0 ? <EmptyState title={t('surveys.empty')} /> : (
        <div className="table-wrap" tabIndex={0} role="group" aria-label={t('experience.surveys')}>
          <table className="table survey-table">
            <caption className="visually-hidden">{t('surveys.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('surveys.name')}</th>
                <th scope="col">{t('surveys.kind')}</th>
                <th scope="col">{t('surveys.status')}</th>
                <th scope="col" className="num">{t('surveys.asked')}</th>
                <th scope="col" className="num">{t('surveys.responses')}</th>
                <th scope="col" className="num">{t('surveys.responseRate')}</th>
                <th scope="col" className="num">{t('surveys.score')}</th>
              </tr>
            </thead>
            <tbody>
              {surveys.data.surveys.map((survey) => {
                const figures = figuresOf.get(survey.id);
                return (
                  <tr key={survey.id}>
                    <th scope="row">
                      <Link to={paths.experience(account.id, 'surveys', survey.id)}>{survey.name}</Link>
                      {survey.builtIn ? <span className="badge survey-badge">{t('surveys.builtIn')}</span> : null}
                    </th>
                    <td>{survey.kind.toUpperCase()}</td>
                    <td><span className={`badge survey-status-${survey.status}`}>{t(`surveys.status.${survey.status}`)}</span></td>
                    <td className="num">{figures ? formatNumber(figures.asked) : '—'}</td>
                    <td className="num">{figures ? formatNumber(figures.responses) : '—'}</td>
                    <td className="num">{figures?.responseRate != null ? `${formatNumber(figures.responseRate)}%` : '—'}</td>
                    <td className="num">{figures ? formatHeadline(survey.kind, figures, formatNumber) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {report.data && report.data.touchpoints.length > 0 ? (
        <section className="survey-panel" aria-labelledby="survey-touchpoints">
          <h2 id="survey-touchpoints" className="section-title">{t('surveys.byTouchpoint')}</h2>
          {/* Focusable so a keyboard can scroll it when it is wider than a phone. */}
          <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="survey-touchpoints">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('surveys.touchpoint')}</th>
                  <th scope="col">{t('surveys.kind')}</th>
                  <th scope="col" className="num">{t('surveys.responses')}</th>
                  <th scope="col" className="num">{t('surveys.responseRate')}</th>
                  <th scope="col" className="num">{t('surveys.score')}</th>
                </tr>
              </thead>
              <tbody>
                {report.data.touchpoints.map((row) => (
                  <tr key={`${row.surveyKind}-${row.aboutKind}-${row.aboutId}`}>
                    <th scope="row">{describeAbout({ kind: row.aboutKind, id: row.aboutId }, t)}</th>
                    <td>{row.surveyKind.toUpperCase()}</td>
                    <td className="num">{formatNumber(row.responses)}</td>
                    <td className="num">{row.responseRate !== null ? `${formatNumber(row.responseRate)}%` : '—'}</td>
                    <td className="num">{formatHeadline(row.surveyKind, row, formatNumber)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <FatigueSettings canEdit={isAdmin} />
    </div>
  );
}

function FatigueSettings({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const settings = useResource((signal) => getSurveySettings(account.id, signal), [account.id]);
  const [days, setDays] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const value = days ?? (settings.data ? String(settings.data.fatigueDays) : '');
  const action = useFormAction(async () => {
    setSaved(false);
    await updateSurveySettings(account.id, Number(value));
    setSaved(true);
    settings.reload();
  });
  return (
    <section className="survey-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">{t('surveys.settings')}</h2>
      <form className="form survey-fatigue" onSubmit={action.handleSubmit}>
        <div className="field">
          <label htmlFor={`${id}-days`}>{t('surveys.fatigueDays')}</label>
          <input id={`${id}-days`} className="input" type="number" min={0} max={365} required disabled={!canEdit || !settings.data} value={value} aria-describedby={`${id}-hint`} onChange={(event) => { setDays(event.target.value); setSaved(false); }} />
          <p id={`${id}-hint`} className="field-hint">{t('surveys.fatigueHint')}</p>
        </div>
        {action.error ? <ErrorNotice error={action.error} /> : null}
        {canEdit ? <div className="form-actions"><button type="submit" className="button button-secondary" disabled={action.busy}>{t('surveys.save')}</button>{saved ? <span role="status" className="muted">{t('surveys.saved')}</span> : null}</div> : null}
      </form>
    </section>
  );
}
