import { getCustomerJourney, LIFECYCLE_STAGES, type CustomerJourney } from '../../../api/touchpoint-endpoints.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { rateSatisfaction, touchpointLabel } from './map-shared.tsx';

const STEP_REM = 2.25;

function answerTone(answer: NonNullable<CustomerJourney['events'][number]['answer']>) {
  if (answer.kind === 'csat') return rateSatisfaction({ csat: { n: 1, satisfiedRate: answer.score >= 4 ? 1 : answer.score === 3 ? 0.7 : 0, average: answer.score }, nps: null, ces: null });
  if (answer.kind === 'nps') return rateSatisfaction({ csat: null, nps: { n: 1, score: answer.score >= 9 ? 100 : answer.score >= 7 ? 0 : -100, promoters: 0, passives: 0, detractors: 0 }, ces: null });
  return 'none';
}

/** `/experience/map/customer/:contactId`: the customer's touchpoints in time order, one swimlane per lifecycle stage. */
export function CustomerJourneyView({ contactId }: { contactId: string }) {
  const { t, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const { data, error } = useResource((signal) => getCustomerJourney(account.id, contactId, signal), [account.id, contactId]);
  const back = <Link to={paths.contact(account.id, contactId)} className="back-link">← {t('touchpoints.backToContact')}</Link>;
  if (error) return <><PageHeader title={t('touchpoints.customerJourney')} before={back} /><ErrorNotice error={error} /></>;
  if (!data) return <LoadingState />;
  const labels = new Map(data.touchpoints.map((touchpoint) => [touchpoint.key, touchpointLabel(t, touchpoint)]));
  const describe = (event: CustomerJourney['events'][number]) => {
    const parts = [formatDateTime(event.occurredAt), labels.get(event.key) ?? event.key, event.name];
    if (event.answer) parts.push(t('touchpoints.answer', { kind: event.answer.kind.toUpperCase(), score: event.answer.score }));
    if (event.suppressedReason) parts.push(t('touchpoints.suppressedBecause', { reason: event.suppressedReason }));
    return parts.join(' · ');
  };
  return (
    <div className="tp-customer">
      <PageHeader title={t('touchpoints.customerJourney')} description={t('touchpoints.customerJourneyDescription')} before={back} />
      {data.events.length === 0 ? <EmptyState title={t('touchpoints.noJourney')} /> : (
        <>
          {data.truncated ? <p className="field-hint">{t('touchpoints.truncated')}</p> : null}
          <div className="tp-swimlanes" aria-hidden="true">
            {LIFECYCLE_STAGES.map((stage) => (
              <div key={stage} className="tp-lane">
                <span className="tp-lane-title">{t(`touchpoints.stage.${stage}`)}</span>
                <div className="tp-lane-track" style={{ width: `${data.events.length * STEP_REM + 1}rem` }}>
                  {data.events.map((event, index) => (event.stage === stage ? (
                    <span
                      key={event.id}
                      title={describe(event)}
                      className={`tp-dot${event.answer ? ` tp-dot-answer tp-tone-${answerTone(event.answer)}` : ''}${event.suppressedReason ? ' tp-dot-suppressed' : ''}`}
                      style={{ left: `${index * STEP_REM}rem` }}
                    >
                      {event.answer ? event.answer.score : ''}
                    </span>
                  ) : null))}
                </div>
              </div>
            ))}
          </div>
          <ol className="tp-timeline">
            {data.events.map((event) => (
              <li key={event.id} className={event.suppressedReason ? 'tp-timeline-suppressed' : undefined}>
                <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>{' '}
                <span className="tp-timeline-stage">{t(`touchpoints.stage.${event.stage}`)}</span>{' '}
                <strong>{labels.get(event.key) ?? event.key}</strong>{' '}
                <code>{event.name}</code>
                {event.answer ? <span className={`tp-answer tp-tone-${answerTone(event.answer)}`}> {t('touchpoints.answer', { kind: event.answer.kind.toUpperCase(), score: event.answer.score })}</span> : null}
                {event.suppressedReason ? <span> {t('touchpoints.suppressedBecause', { reason: event.suppressedReason })}</span> : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
