import { useId, useState } from 'react';
import { listContacts } from '../../../api/endpoints.ts';
import { testJourney, type TraceItem } from '../../../api/journey-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { describeTraceDetail } from './journey-text.ts';

/** Test mode: pick a customer, walk them through the saved draft, show each step's decision. */
export function JourneyTestPanel({
  accountId,
  journeyId,
  dirty,
  stepName,
  onTrace,
}: {
  accountId: string;
  journeyId: string;
  dirty: boolean;
  stepName(stepId: string): string;
  onTrace(trace: TraceItem[] | null): void;
}) {
  const { t, formatDateTime } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const [contactId, setContactId] = useState('');
  const [trace, setTrace] = useState<TraceItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const contacts = useResource((signal) => listContacts(accountId, { q: query.trim() || null, limit: 20 }, signal), [accountId, query]);
  const items = contacts.data?.items ?? [];

  async function run() {
    if (!contactId) return;
    setBusy(true);
    setError(null);
    try {
      const result = await testJourney(accountId, journeyId, contactId);
      setTrace(result.trace);
      onTrace(result.trace);
    } catch (reason) {
      setError(reason);
      onTrace(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="journey-side-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">{t('journeys.test.title')}</h2>
      <p className="muted small">{t('journeys.test.description')}</p>
      {dirty ? <p className="notice notice-warning small">{t('journeys.test.unsavedNote')}</p> : null}
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('journeys.test.search')}</label>
        <input id={`${id}-search`} className="input" type="search" value={query} placeholder={t('journeys.test.searchPlaceholder')} onChange={(event) => setQuery(event.target.value)} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-contact`}>{t('journeys.test.pick')}</label>
        <select id={`${id}-contact`} className="select" value={contactId} onChange={(event) => setContactId(event.target.value)}>
          <option value="">{items.length === 0 && !contacts.loading ? t('journeys.test.noMatches') : t('journeys.choose')}</option>
          {items.map((contact) => (
            <option key={contact.id} value={contact.id}>
              {contact.name}
              {contact.email ? ` <${contact.email}>` : ''}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button button-primary" disabled={!contactId || busy} onClick={() => void run()}>
        {t('journeys.test.run')}
      </button>
      <ErrorNotice error={error} />
      {trace ? (
        <div aria-live="polite">
          <h3 className="panel-subtitle">{t('journeys.test.trace')}</h3>
          {trace.length === 0 ? <p className="muted">{t('journeys.test.noTrace')}</p> : null}
          <ol className="journey-trace">
            {trace.map((item, index) => {
              const detail = describeTraceDetail(t, item);
              const ends = item.outcome === 'exited' || item.outcome === 'converted';
              return (
                <li key={index} className={`journey-trace-item outcome-${item.outcome}`}>
                  <span className={`badge journey-outcome journey-outcome-${item.outcome}`}>{t(`journeys.outcome.${item.outcome}` as MessageKey)}</span>{' '}
                  {/* The entry and the end name the journey's steps they happened at; only a step's own line names it. */}
                  <strong>{item.outcome === 'entered' ? t('journeys.entry') : ends ? null : stepName(item.stepId)}</strong>
                  <div className="muted small">
                    <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                    {detail ? ` · ${detail}` : ''}
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
