import { useId, useState } from 'react';
import { getContactTraits, listContactMerges, undoContactMerge } from '../../api/customer-event-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ContactTimeline } from './contact-timeline.tsx';

/** The contact's timeline (everything that happened, one list) and their computed traits, kept as events arrive. */
export function ContactActivity({ contactId }: { contactId: string }) {
  return (
    <>
      <ContactTimeline contactId={contactId} />
      <ContactTraits contactId={contactId} />
    </>
  );
}

function ContactTraits({ contactId }: { contactId: string }) {
  const { t, formatDateTime, formatMoney } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const traits = useResource((signal) => getContactTraits(account.id, contactId, signal), [account.id, contactId], { accountId: account.id, events: ['customer_event.*', 'contact.*', 'order.*'] });
  const dateOrDash = (iso: string | null) => (iso ? formatDateTime(iso) : '—');
  return (
    <section aria-labelledby={`${id}-heading`} className="panel">
      <h2 id={`${id}-heading`} className="panel-title">
        {t('events.heading')}
      </h2>
      <ErrorNotice error={traits.error} />
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
