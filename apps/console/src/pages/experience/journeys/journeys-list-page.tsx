import { useId, useState } from 'react';
import {
  createJourney,
  deleteJourney,
  getJourneyAnalytics,
  JOURNEY_STATUSES,
  listJourneys,
  type Journey,
  type JourneyStatus,
} from '../../../api/journey-endpoints.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { RelativeTime } from '../../../components/time-text.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { navigate } from '../../../router/history.ts';
import { paths } from '../../../routes/paths.ts';
import { createEmptyDefinition } from './journey-graph.ts';
import { JourneyStatusBadge } from './journey-status-badge.tsx';
import { computeLastDays } from '../../../dates/last-days.ts';
import './journeys.css';

/** `/a/:accountId/experience/journeys`: every journey with its status and last-30-day figures. */
export function JourneysListPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [status, setStatus] = useState<JourneyStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const journeys = useResource((signal) => listJourneys(account.id, signal), [account.id]);

  const create = useFormAction(async () => {
    const journey = await createJourney(account.id, { name: name.trim(), definition: createEmptyDefinition() });
    navigate(paths.experience(account.id, 'journeys', journey.id));
  });

  async function duplicate(journey: Journey) {
    setActionError(null);
    try {
      await createJourney(account.id, { name: t('journeys.duplicateOf', { name: journey.name }).slice(0, 200), description: journey.description, definition: journey.definition });
      journeys.reload();
    } catch (error) {
      setActionError(error);
    }
  }

  async function archive(journey: Journey) {
    setActionError(null);
    try {
      await deleteJourney(account.id, journey.id);
      journeys.reload();
    } catch (error) {
      setActionError(error);
    }
  }

  const all = journeys.data?.journeys ?? [];
  const shown = status ? all.filter((journey) => journey.status === status) : all.filter((journey) => journey.status !== 'archived');

  return (
    <div className="journeys">
      <PageHeader
        title={t('journeys.title')}
        description={t('journeys.description')}
        actions={
          creating ? null : (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              {t('journeys.new')}
            </button>
          )
        }
      />
      {creating ? (
        <form className="panel journeys-create" onSubmit={create.handleSubmit}>
          <div className="field field-grow">
            <label htmlFor={`${id}-name`}>{t('journeys.name')}</label>
            <input id={`${id}-name`} className="input" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} autoFocus autoComplete="off" />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={create.busy || name.trim() === ''}>
              {t('journeys.create')}
            </button>
            <button type="button" className="button button-ghost" onClick={() => setCreating(false)}>
              {t('journeys.cancel')}
            </button>
          </div>
          <ErrorNotice error={create.error} />
        </form>
      ) : null}
      <div className="journeys-filters">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('journeys.filterStatus')}</label>
          <select id={`${id}-status`} className="select" value={status} onChange={(event) => setStatus(event.target.value as JourneyStatus | '')}>
            <option value="">{t('journeys.allStatuses')}</option>
            {JOURNEY_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`journeys.status.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="muted small">{t('journeys.last30Days')}</p>
      </div>
      <ErrorNotice error={actionError} />
      <ErrorNotice error={journeys.error} />
      {journeys.loading && !journeys.data ? <LoadingState /> : null}
      {journeys.data && shown.length === 0 ? (
        <EmptyState title={status ? t('journeys.emptyFiltered') : t('journeys.empty')}>{status ? null : <p>{t('journeys.emptyBody')}</p>}</EmptyState>
      ) : null}
      {shown.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-responsive journeys-table">
            <caption className="visually-hidden">{t('journeys.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('journeys.name')}</th>
                <th scope="col">{t('journeys.filterStatus')}</th>
                <th scope="col" className="numeric">{t('journeys.entered')}</th>
                <th scope="col" className="numeric">{t('journeys.converted')}</th>
                <th scope="col">{t('journeys.updated')}</th>
                <th scope="col"><span className="visually-hidden">{t('journeys.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {shown.map((journey) => (
                <tr key={journey.id}>
                  <th scope="row">
                    <Link to={paths.experience(account.id, 'journeys', journey.id)}>{journey.name}</Link>
                    {journey.description ? <div className="muted small">{journey.description}</div> : null}
                  </th>
                  <td data-label={t('journeys.filterStatus')}>
                    <JourneyStatusBadge status={journey.status} />
                    {journey.hasUnpublishedChanges && journey.status !== 'draft' ? <span className="badge badge-note">{t('journeys.unpublishedChanges')}</span> : null}
                  </td>
                  <JourneyFigures accountId={account.id} journey={journey} />
                  <td data-label={t('journeys.updated')}>
                    <RelativeTime iso={journey.updatedAt} />
                  </td>
                  <td className="actions-cell">
                    <button type="button" className="button button-ghost button-small" aria-label={t('journeys.duplicateLabel', { name: journey.name })} onClick={() => void duplicate(journey)}>
                      {t('journeys.duplicate')}
                    </button>
                    {journey.status !== 'archived' ? (
                      <ConfirmButton label={t('journeys.archive')} confirmLabel={t('journeys.archiveConfirm')} ariaLabel={t('journeys.archiveLabel', { name: journey.name })} onConfirm={() => archive(journey)} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** Two cells: entered and converted over the last 30 days; a journey never published shows dashes. */
function JourneyFigures({ accountId, journey }: { accountId: string; journey: Journey }) {
  const { t, formatNumber } = useI18n();
  const { timeZone } = useCurrentAccount();
  const published = journey.liveVersion !== null;
  const figures = useResource((signal) => (published ? getJourneyAnalytics(accountId, journey.id, computeLastDays(30, new Date(), timeZone), signal) : Promise.resolve(null)), [accountId, journey.id, published, timeZone]);
  const totals = figures.data?.totals;
  return (
    <>
      <td className="numeric" data-label={t('journeys.entered')}>{totals ? formatNumber(totals.entered) : '—'}</td>
      <td className="numeric" data-label={t('journeys.converted')}>{totals ? formatNumber(totals.converted) : '—'}</td>
    </>
  );
}
