import { useRef, useState } from 'react';
import { isApiError } from '../api/api-error.ts';
import { deleteContact } from '../api/contact-endpoints.ts';
import { getContact } from '../api/endpoints.ts';
import type { ContactDetail } from '../api/types.ts';
import { Avatar, StatusBadge } from '../components/badge.tsx';
import { describeChannel } from '../components/channel-label.ts';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { DateTime, RelativeTime } from '../components/time-text.tsx';
import { useCurrentAccount, useIsAdmin } from '../hooks/use-current-account.ts';
import { useResource } from '../hooks/use-resource.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LOCALE_NAMES, isLocale } from '../i18n/locales.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { navigate } from '../router/history.ts';
import { Link } from '../router/link.tsx';
import { paths } from '../routes/paths.ts';
import { CustomerOrders } from './commerce/commerce-parts.tsx';
import { ContactActivity, ContactMergeHistory } from './contacts/contact-activity.tsx';
import { ContactConsent } from './contacts/contact-consent.tsx';
import { ContactPortalLink } from './contacts/contact-portal-link.tsx';
import { ContactMergePanel } from './contacts/contact-merge-panel.tsx';
import { ContactNotes } from './contacts/contact-notes.tsx';
import { ContactPoints } from './engagement/rewards/points-panel.tsx';
import { ContactProfileForm } from './contacts/contact-profile-form.tsx';
import './contacts/contacts.css';
import { ContactsBackLink } from './contacts/contacts-back-link.tsx';

const MERGED_INTO = /merged into contact ([0-9a-f-]{36})/i;

/** The survivor's id when the contact asked for was merged into another (404 naming it). */
function readSurvivorId(error: unknown): string | null {
  return isApiError(error) && error.status === 404 ? error.detail?.match(MERGED_INTO)?.[1] ?? null : null;
}

function ProfileFacts({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const social = Object.entries(contact.socialHandles);
  const attributes = Object.entries(contact.attributes).filter(([, value]) => value !== null);
  const formatAttribute = (value: unknown) => (typeof value === 'boolean' ? t(value ? 'contact.yes' : 'contact.no') : String(value));
  return (
    <dl className="facts">
      <div>
        <dt>{t('contact.email')}</dt>
        <dd>
          {contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : '—'}
          {contact.otherEmails.map((email) => (
            <span key={email} className="fact-extra">
              <a href={`mailto:${email}`}>{email}</a>
            </span>
          ))}
        </dd>
      </div>
      <div>
        <dt>{t('contact.phone')}</dt>
        <dd>
          {contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : '—'}
          {contact.otherPhones.map((phone) => (
            <span key={phone} className="fact-extra">
              <a href={`tel:${phone}`}>{phone}</a>
            </span>
          ))}
        </dd>
      </div>
      <div>
        <dt>{t('contact.company')}</dt>
        <dd>{contact.company?.name ?? '—'}</dd>
      </div>
      <div>
        <dt>{t('contact.language')}</dt>
        <dd>{contact.locale ? (isLocale(contact.locale) ? LOCALE_NAMES[contact.locale] : contact.locale) : '—'}</dd>
      </div>
      <div>
        <dt>{t('contact.timeZone')}</dt>
        <dd>{contact.timeZone ?? '—'}</dd>
      </div>
      {social.map(([network, handle]) => (
        <div key={network}>
          <dt>{network in SOCIAL_LABELS ? t(SOCIAL_LABELS[network as keyof typeof SOCIAL_LABELS]) : network}</dt>
          <dd>{handle}</dd>
        </div>
      ))}
      {attributes.map(([key, value]) => (
        <div key={`attr-${key}`}>
          <dt className="mono">{key}</dt>
          <dd>{formatAttribute(value)}</dd>
        </div>
      ))}
      <div>
        <dt>{t('contact.createdAt')}</dt>
        <dd>
          <DateTime iso={contact.createdAt} />
        </dd>
      </div>
    </dl>
  );
}

const SOCIAL_LABELS = {
  instagram: 'contact.social.instagram', facebook: 'contact.social.facebook', whatsapp: 'contact.social.whatsapp',
  x: 'contact.social.x', line: 'contact.social.line', wechat: 'contact.social.wechat',
} as const satisfies Record<string, MessageKey>;

export function ContactPage({ contactId }: { contactId: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const [mode, setMode] = useState<'view' | 'edit' | 'merge'>('view');
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const mergeButton = useRef<HTMLButtonElement>(null);
  const contact = useResource((signal) => getContact(account.id, contactId, signal), [account.id, contactId], {
    accountId: account.id,
    events: ['contact.*', 'order.*', 'conversation.*', 'message.created'],
  });
  const data = contact.data;
  const backLink = <ContactsBackLink />;

  const survivorId = readSurvivorId(contact.error);

  /** Closing a panel puts focus back on the button that opened it, so keyboard users keep their place. */
  function closePanel() {
    (mode === 'edit' ? editButton : mergeButton).current?.focus();
    setMode('view');
  }

  async function handleDelete() {
    setDeleteError(null);
    try {
      await deleteContact(account.id, contactId);
      navigate(paths.contacts(account.id));
    } catch (reason) {
      setDeleteError(reason);
    }
  }

  if (!data) {
    return (
      <>
        <PageHeader title={t('contact.title')} before={backLink} />
        <ErrorNotice error={contact.error} />
        {survivorId ? (
          <p>
            <Link to={paths.contact(account.id, survivorId)}>{t('contact.openSurvivor')}</Link>
          </p>
        ) : null}
        {contact.loading ? <LoadingState /> : null}
      </>
    );
  }

  return (
    <>
      <PageHeader
        before={backLink}
        title={data.name}
        description={data.email ?? data.phone ?? undefined}
        actions={
          <>
            <Link className="button button-secondary" to={paths.experience(account.id, 'map', 'customer', contactId)}>{t('touchpoints.customerJourney')}</Link>
            <button ref={editButton} type="button" className="button button-secondary" aria-pressed={mode === 'edit'} onClick={() => setMode(mode === 'edit' ? 'view' : 'edit')}>
              {t('contact.edit')}
            </button>
            <button ref={mergeButton} type="button" className="button button-secondary" aria-pressed={mode === 'merge'} onClick={() => setMode(mode === 'merge' ? 'view' : 'merge')}>
              {t('contact.mergeWith')}
            </button>
            {isAdmin ? <ConfirmButton label={t('contact.delete')} confirmLabel={t('contact.deleteConfirm')} onConfirm={handleDelete} /> : null}
          </>
        }
      />
      <ErrorNotice error={contact.error ?? deleteError} />
      {mode === 'edit' ? (
        <section className="panel contact-action-panel">
          <ContactProfileForm
            contact={data}
            onCancel={closePanel}
            onSaved={() => {
              closePanel();
              contact.reload();
            }}
          />
        </section>
      ) : null}
      {mode === 'merge' ? (
        <ContactMergePanel
          contact={data}
          onClose={closePanel}
          onMerged={(keptId) => {
            closePanel();
            if (keptId === contactId) contact.reload();
            else navigate(paths.contact(account.id, keptId));
          }}
        />
      ) : null}
      <div className="two-column two-column-reverse">
        <aside className="side-panel" aria-labelledby="profile-heading">
          <div className="profile-head">
            <Avatar name={data.name} size="large" />
            <h2 id="profile-heading" className="panel-title">
              {t('contact.profile')}
            </h2>
          </div>
          <ProfileFacts contact={data} />
        </aside>
        <div className="stack">
          <section aria-labelledby="orders-heading" className="panel">
            <h2 id="orders-heading" className="panel-title">
              {t('contact.orders')}
            </h2>
            <CustomerOrders contactId={data.id} source="agent" />
          </section>

          <section aria-labelledby="contact-conversations-heading" className="panel">
            <h2 id="contact-conversations-heading" className="panel-title">
              {t('contact.conversations')}
            </h2>
            {data.conversations.length === 0 ? (
              <p className="muted">{t('contact.noConversations')}</p>
            ) : (
              <ul className="plain-list">
                {data.conversations.map((conversation) => (
                  <li key={conversation.id}>
                    <Link to={paths.conversation(account.id, conversation.id)} className="mini-row">
                      <span className="mini-row-main">
                        <span className="muted">#{conversation.number}</span>{' '}
                        {conversation.subject || t('conversations.noSubject')}
                      </span>
                      <span className="mini-row-meta">
                        <StatusBadge status={conversation.status} />
                        {conversation.channel ? <span className="meta-text">{describeChannel(conversation.channel, t)}</span> : null}
                        <span className="meta-text">
                          <RelativeTime iso={conversation.lastMessageAt} />
                        </span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <ContactActivity contactId={contactId} />
          <ContactNotes contactId={contactId} />
          <ContactPoints contactId={contactId} canEdit={isAdmin} />
          <ContactMergeHistory contactId={contactId} canUndo={isAdmin} onUndone={() => contact.reload()} />
          <ContactConsent contactId={contactId}>{isAdmin ? <ContactPortalLink contactId={contactId} contactName={data.name} /> : null}</ContactConsent>
        </div>
      </div>
    </>
  );
}
