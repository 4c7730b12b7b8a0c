import { useEffect, useId, useRef, useState } from 'react';
import { listContactNotes, mergeContacts } from '../../api/contact-endpoints.ts';
import { getContact, listContacts } from '../../api/endpoints.ts';
import type { ContactDetail } from '../../api/types.ts';
import { Avatar } from '../../components/badge.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { previewMerge } from './merge-preview.ts';

const SEARCH_DELAY_MS = 250;

/**
 * "Merge with…": find the other contact, choose which one to keep, see what moves, confirm. `onMerged` receives the
 * survivor's id (this contact's, or the other one's when that one is kept).
 */
export function ContactMergePanel({ contact, onMerged, onClose }: { contact: ContactDetail; onMerged(survivorId: string): void; onClose(): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [otherId, setOtherId] = useState<string | null>(null);
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const searchInput = useRef<HTMLInputElement>(null);

  // The panel opens from a button in the page header: move focus into it.
  useEffect(() => searchInput.current?.focus(), []);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(draft.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const candidates = useResource(
    (signal) => (query ? listContacts(account.id, { q: query, limit: 10 }, signal) : Promise.resolve({ items: [] })),
    [account.id, query],
  );
  const matches = (candidates.data?.items ?? []).filter((candidate) => candidate.id !== contact.id);

  const other = useResource(
    async (signal) => {
      if (!otherId) return null;
      const [detail, notes] = await Promise.all([getContact(account.id, otherId, signal), listContactNotes(account.id, otherId, signal)]);
      return { detail, notes: notes.items.length };
    },
    [account.id, otherId],
  );
  const thisNotes = useResource((signal) => listContactNotes(account.id, contact.id, signal), [account.id, contact.id]);

  const kept = keep === 'this' ? contact : other.data?.detail ?? null;
  const duplicate = keep === 'this' ? other.data?.detail ?? null : contact;
  const duplicateNotes = keep === 'this' ? other.data?.notes ?? 0 : thisNotes.data?.items.length ?? 0;
  const preview = kept && duplicate ? previewMerge(kept, duplicate, duplicateNotes) : null;

  const { error, busy, handleSubmit } = useFormAction(async () => {
    if (!kept || !duplicate) return;
    const merged = await mergeContacts(account.id, kept.id, duplicate.id);
    onMerged(merged.id);
  });

  const fieldNames = { locale: t('contact.language'), timeZone: t('contact.timeZone'), company: t('contact.company'), socialHandles: t('contact.socialHandles'), attributes: t('contact.attributes') };

  return (
    <section className="panel contact-action-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t('contact.mergeHeading', { name: contact.name })}
      </h2>
      <p className="panel-description">{t('contact.mergeIntro')}</p>
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('contact.mergeSearch')}</label>
        <input
          ref={searchInput}
          id={`${id}-search`}
          className="input"
          type="search"
          autoComplete="off"
          placeholder={t('contacts.searchPlaceholder')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
      </div>
      <ErrorNotice error={candidates.error} />
      {query && candidates.data && matches.length === 0 ? <p className="muted">{t('contacts.noResults', { query })}</p> : null}
      {matches.length > 0 ? (
        <fieldset className="merge-candidates">
          <legend className="field-label">{t('contact.mergeChoose')}</legend>
          {matches.map((candidate) => (
            <label key={candidate.id} className="merge-candidate" htmlFor={`${id}-candidate-${candidate.id}`}>
              <input
                id={`${id}-candidate-${candidate.id}`}
                type="radio"
                name={`${id}-candidate`}
                checked={otherId === candidate.id}
                onChange={() => setOtherId(candidate.id)}
              />
              <Avatar name={candidate.name} />
              <span className="contact-main">
                <span className="contact-name">{candidate.name}</span>
                <span className="contact-sub">{[candidate.email, candidate.phone].filter(Boolean).join(' · ') || '—'}</span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}

      {otherId && other.loading && !other.data ? <LoadingState /> : null}
      <ErrorNotice error={other.error} />
      {other.data ? (
        <form className="form" onSubmit={handleSubmit}>
          <fieldset className="checkbox-group">
            <legend className="field-label">{t('contact.mergeKeep')}</legend>
            <label className="checkbox" htmlFor={`${id}-keep-this`}>
              <input id={`${id}-keep-this`} type="radio" name={`${id}-keep`} checked={keep === 'this'} onChange={() => setKeep('this')} />
              <span>{t('contact.mergeKeepNamed', { name: contact.name })}</span>
            </label>
            <label className="checkbox" htmlFor={`${id}-keep-other`}>
              <input id={`${id}-keep-other`} type="radio" name={`${id}-keep`} checked={keep === 'other'} onChange={() => setKeep('other')} />
              <span>{t('contact.mergeKeepNamed', { name: other.data.detail.name })}</span>
            </label>
          </fieldset>
          {preview && kept && duplicate ? (
            <div className="merge-preview" role="region" aria-label={t('contact.mergePreview')}>
              <p className="reveal-title">{t('contact.mergeSummary', { duplicate: duplicate.name, kept: kept.name })}</p>
              <ul>
                <li>{t('contact.mergeMovesConversations', { count: preview.conversations })}</li>
                <li>{t('contact.mergeMovesOrders', { count: preview.orders })}</li>
                <li>{t('contact.mergeMovesNotes', { count: preview.notes })}</li>
                {preview.addedEmails.length > 0 ? <li>{t('contact.mergeAddsEmails', { emails: preview.addedEmails.join(', ') })}</li> : null}
                {preview.addedPhones.length > 0 ? <li>{t('contact.mergeAddsPhones', { phones: preview.addedPhones.join(', ') })}</li> : null}
                {preview.filledFields.length > 0 ? (
                  <li>{t('contact.mergeFills', { fields: preview.filledFields.map((field) => fieldNames[field]).join(', ') })}</li>
                ) : null}
              </ul>
              <p className="notice notice-warning">{t('contact.mergeWarning', { duplicate: duplicate.name, kept: kept.name })}</p>
            </div>
          ) : null}
          <ErrorNotice error={error} />
          <div className="form-actions">
            <button type="submit" className="button button-danger" disabled={busy || !preview}>
              {t('contact.mergeConfirm')}
            </button>
            <button type="button" className="button button-ghost" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="form-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
