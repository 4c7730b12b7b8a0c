import { useEffect, useId, useState, type FormEvent } from 'react';
import { listContacts } from '../api/endpoints.ts';
import { Avatar } from '../components/badge.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCurrentAccount } from '../hooks/use-current-account.ts';
import { useResource } from '../hooks/use-resource.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { navigate } from '../router/history.ts';
import { Link } from '../router/link.tsx';
import { useLocation } from '../router/use-location.ts';
import { paths } from '../routes/paths.ts';

const SEARCH_DELAY_MS = 250;

export function ContactsPage() {
  const { t, formatDate } = useI18n();
  const account = useCurrentAccount();
  const { search } = useLocation();
  const query = search.get('q') ?? '';
  const [draft, setDraft] = useState(query);
  const searchId = useId();

  // Typing updates the URL (so a search can be shared and survives reload), a moment after the last key.
  useEffect(() => {
    if (draft.trim() === query) return;
    const timer = setTimeout(() => {
      const q = draft.trim();
      navigate(paths.contacts(account.id) + (q ? `?q=${encodeURIComponent(q)}` : ''), { replace: true });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, query, account.id]);

  const contacts = useResource((signal) => listContacts(account.id, { q: query, limit: 100 }, signal), [account.id, query], {
    accountId: account.id,
    events: ['contact.*'],
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = draft.trim();
    navigate(paths.contacts(account.id) + (q ? `?q=${encodeURIComponent(q)}` : ''), { replace: true });
  }

  const items = contacts.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('contacts.title')} description={t('contacts.description')} />
      <form role="search" className="search-form" onSubmit={handleSubmit}>
        <label htmlFor={searchId} className="visually-hidden">
          {t('contacts.searchLabel')}
        </label>
        <input
          id={searchId}
          className="input search-input"
          type="search"
          placeholder={t('contacts.searchPlaceholder')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          autoComplete="off"
        />
        <button type="submit" className="button button-secondary">
          {t('contacts.search')}
        </button>
      </form>
      <ErrorNotice error={contacts.error} />
      {contacts.loading && !contacts.data ? <LoadingState /> : null}
      <p className="visually-hidden" role="status">
        {contacts.data ? t('contacts.resultCount', { count: items.length }) : ''}
      </p>
      {contacts.data && items.length === 0 ? (
        <EmptyState title={query ? t('contacts.noResults', { query }) : t('contacts.empty')} />
      ) : null}
      {items.length > 0 ? (
        <ul className="list-card contact-list">
          {items.map((contact) => (
            <li key={contact.id}>
              <Link to={paths.contact(account.id, contact.id)} className="contact-row">
                <Avatar name={contact.name} />
                <span className="contact-main">
                  <span className="contact-name">{contact.name}</span>
                  <span className="contact-sub">{[contact.email, contact.phone].filter(Boolean).join(' · ') || '—'}</span>
                </span>
                <span className="contact-since">{t('contacts.since', { date: formatDate(contact.createdAt) })}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
