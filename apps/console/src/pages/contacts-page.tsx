import { useEffect, useId, useState, type FormEvent } from 'react';
import { contactsExportUrl, createContact } from '../api/contact-endpoints.ts';
import { listContacts } from '../api/endpoints.ts';
import { Avatar } from '../components/badge.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCurrentAccount, useIsAdmin } from '../hooks/use-current-account.ts';
import { useFormAction } from '../hooks/use-form-action.ts';
import { useResource } from '../hooks/use-resource.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { navigate } from '../router/history.ts';
import { Link } from '../router/link.tsx';
import { useLocation } from '../router/use-location.ts';
import { paths } from '../routes/paths.ts';
import { FormError, readFieldError } from './settings/helpdesk-shared.tsx';
import { TextField } from '../components/text-field.tsx';

const CREATE_FIELDS = ['name', 'email', 'phone'] as const;

/** A new contact from a name and an email or phone; the rest is edited on the contact's page, where this leads. */
function NewContactForm({ onCancel }: { onCancel(): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [draft, setDraft] = useState({ name: '', email: '', phone: '' });
  const { error, busy, handleSubmit } = useFormAction(async () => {
    const created = await createContact(account.id, { name: draft.name.trim(), email: draft.email.trim() || null, phone: draft.phone.trim() || null });
    navigate(paths.contact(account.id, created.id));
  });
  const labels = { name: t('contact.name'), email: t('contact.email'), phone: t('contact.phone') };
  const types = { name: 'text', email: 'email', phone: 'tel' };
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t('contacts.newHeading')}
      </h2>
      <form className="form" onSubmit={handleSubmit}>
        <FormError error={error} fieldPaths={CREATE_FIELDS} />
        <div className="form-row">
          {CREATE_FIELDS.map((field) => (
            <TextField
              key={field}
              id={`${id}-${field}`}
              label={labels[field]}
              error={readFieldError(error, field)}
              type={types[field]}
              required={field === 'name'}
              maxLength={field === 'phone' ? 40 : 200}
              value={draft[field]}
              onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
            />
          ))}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('contacts.create')}
          </button>
          <button type="button" className="button button-ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

const SEARCH_DELAY_MS = 250;

export function ContactsPage() {
  const { t, formatDate } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const [creating, setCreating] = useState(false);
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
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.description')}
        actions={
          <>
            <button type="button" className="button button-primary" aria-expanded={creating} onClick={() => setCreating(!creating)}>
              {t('contacts.new')}
            </button>
            <Link to={paths.companies(account.id)} className="button button-secondary">
              {t('companies.title')}
            </Link>
            {isAdmin ? (
              <>
                <Link to={paths.contactImport(account.id)} className="button button-secondary">
                  {t('contacts.import')}
                </Link>
                <a href={contactsExportUrl(account.id)} className="button button-secondary" download>
                  {t('contacts.export')}
                </a>
              </>
            ) : null}
          </>
        }
      />
      {creating ? <NewContactForm onCancel={() => setCreating(false)} /> : null}
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
