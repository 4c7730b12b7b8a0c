import { useId, useState } from 'react';
import { type CustomerEvent, getContactTraits, listContactEvents, listContactMerges, undoContactMerge } from '../../api/customer-event-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

const KINDS = ['all', 'track', 'page', 'identify', 'system'] as const;
type KindFilter = (typeof KINDS)[number];

/** The contact's computed traits (kept as events arrive) and their timeline of customer events, newest first, filterable by kind. */
export function ContactActivity({ contactId }: { contactId: string }) {
  const { t, formatDateTime, formatMoney } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const live = { accountId: account.id, events: ['customer_event.*', 'contact.*', 'order.*'] };
  const traits = useResource((signal) => getContactTraits(account.id, contactId, signal), [account.id, contactId], live);
  const firstPage = useResource((signal) => listContactEvents(account.id, contactId, null, signal), [account.id, contactId], live);
  const [more, setMore] = useState<{ events: CustomerEvent[]; nextBefore: string | null } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [kind, setKind] = useState<KindFilter>('all');
  const events = [...(firstPage.data?.events ?? []), ...(more?.events ?? [])].filter((event) => kind === 'all' || event.kind === kind);
  const nextBefore = more ? more.nextBefore : firstPage.data?.nextBefore ?? null;

  async function loadMore() {
    if (!nextBefore) return;
    try {
      const page = await listContactEvents(account.id, contactId, nextBefore);
      setMore((previous) => ({ events: [...(previous?.events ?? []), ...page.events], nextBefore: page.nextBefore }));
    } catch (error) {
      setMoreError(error);
    }
  }

  const dateOrDash = (iso: string | null) => (iso ? formatDateTime(iso) : '—');
  return (
    <section aria-labelledby={`${id}-heading`} className="panel">
      <h2 id={`${id}-heading`} className="panel-title">
        {t('events.heading')}
      </h2>
      <ErrorNotice error={traits.error ?? firstPage.error ?? moreError} />
      {traits.data ? (
        <dl className="consent-list">
          <div className="mini-row"><dt className="mini-row-main">{t('events.eventCount')}</dt><dd className="mini-row-meta">{traits.data.eventCount}</dd></div>
          <div className="mini-row"><dt className="mini-row-main">{t('events.firstSeen')}</dt><dd className="mini-row-meta">{dateOrDash(traits.data.firstSeenAt)}</dd></div>
          <div className="mini-row"><dt className="mini-row-main">{t('events.lastSeen')}</dt><dd className="mini-row-meta">{dateOrDash(traits.data.lastSeenAt)}</dd></div>
          <div className="mini-row"><dt className="mini-row-main">{t('events.orderCount')}</dt><dd className="mini-row-meta">{traits.data.orderCount}</dd></div>
          <div className="mini-row">
            <dt className="mini-row-main">{t('events.lifetimeValue')}</dt>
            <dd className="mini-row-meta">{traits.data.lifetimeValue.length === 0 ? '—' : traits.data.lifetimeValue.map((value) => formatMoney(value.amountMinor, value.currency)).join(' · ')}</dd>
          </div>
          <div className="mini-row"><dt className="mini-row-main">{t('events.lastOrder')}</dt><dd className="mini-row-meta">{dateOrDash(traits.data.lastOrderAt)}</dd></div>
        </dl>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('events.filter')}</label>
        <select id={`${id}-kind`} className="input" value={kind} onChange={(event) => setKind(event.target.value as KindFilter)}>
          {KINDS.map((value) => (
            <option key={value} value={value}>{t(`events.kind.${value}`)}</option>
          ))}
        </select>
      </div>
      {firstPage.loading && !firstPage.data ? <LoadingState /> : null}
      {firstPage.data && events.length === 0 ? <p className="muted">{t('events.none')}</p> : null}
      <ol className="plain-list" aria-label={t('events.timeline')}>
        {events.map((event) => (
          <li key={event.id} className="mini-row" data-testid="customer-event">
            <span className="mini-row-main">
              <strong>{event.name}</strong>
              {event.touchpoint ? <span className="meta-text"> · {event.touchpoint.kind}{event.touchpoint.id ? `: ${event.touchpoint.id}` : ''}</span> : null}
            </span>
            <span className="mini-row-meta meta-text">
              <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
            </span>
          </li>
        ))}
      </ol>
      {nextBefore ? (
        <button type="button" className="button button-secondary" onClick={() => void loadMore()}>
          {t('events.more')}
        </button>
      ) : null}
    </section>
  );
}

/** Merges into this contact, with an "Undo merge" that asks for confirmation first (admins only). */
export function ContactMergeHistory({ contactId, canUndo, onUndone }: { contactId: string; canUndo: boolean; onUndone: () => void }) {
  const { t, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const merges = useResource((signal) => listContactMerges(account.id, contactId, signal), [account.id, contactId], { accountId: account.id, events: ['contact.*'] });
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!merges.data || merges.data.merges.length === 0) return null;

  async function undo(mergeId: string) {
    setBusy(true);
    setError(null);
    try {
      await undoContactMerge(account.id, contactId, mergeId);
      setConfirming(null);
      merges.reload();
      onUndone();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="panel">
      <h2 id={`${id}-heading`} className="panel-title">{t('events.mergeHistory')}</h2>
      <ErrorNotice error={error ?? merges.error} />
      <ul className="plain-list">
        {merges.data.merges.map((merge) => (
          <li key={merge.id} className="mini-row">
            <span className="mini-row-main">
              {t('events.mergedFrom', { name: merge.duplicateName, date: formatDateTime(merge.mergedAt) })}
              {merge.undoneAt ? <span className="meta-text"> · {t('events.undoneAt', { date: formatDateTime(merge.undoneAt) })}</span> : null}
            </span>
            {canUndo && !merge.undoneAt ? (
              <span className="mini-row-meta">
                {confirming === merge.id ? (
                  <span role="group" aria-label={t('events.undoConfirmLabel')}>
                    <span className="meta-text">{t('events.undoConfirm', { name: merge.duplicateName })} </span>
                    <button type="button" className="button button-danger" disabled={busy} onClick={() => void undo(merge.id)}>{t('events.undoYes')}</button>{' '}
                    <button type="button" className="button button-secondary" disabled={busy} onClick={() => setConfirming(null)}>{t('events.undoNo')}</button>
                  </span>
                ) : (
                  <button type="button" className="button button-secondary" onClick={() => setConfirming(merge.id)}>{t('events.undo')}</button>
                )}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
