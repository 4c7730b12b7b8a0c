import { useId, useState } from 'react';
import { addContactNote, deleteContactNote, listContactNotes } from '../../api/contact-endpoints.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { DateTime } from '../../components/time-text.tsx';
import { useCurrentAccount, useIsAdmin } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useMe } from '../../session/session-context.tsx';
import { announceTimelineChange } from './contact-timeline.tsx';

/** Notes on a contact, newest first: anyone adds; authors delete their own, admins any. */
export function ContactNotes({ contactId }: { contactId: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const me = useMe();
  const id = useId();
  const [body, setBody] = useState('');
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const notes = useResource((signal) => listContactNotes(account.id, contactId, signal), [account.id, contactId], {
    accountId: account.id,
    events: ['contact.*'],
  });

  const { error, busy, handleSubmit } = useFormAction(async () => {
    await addContactNote(account.id, contactId, body.trim());
    setBody('');
    notes.reload();
    announceTimelineChange(contactId);
  });

  async function remove(noteId: string) {
    setDeleteError(null);
    try {
      await deleteContactNote(account.id, contactId, noteId);
      notes.reload();
      announceTimelineChange(contactId);
    } catch (reason) {
      setDeleteError(reason);
    }
  }

  const items = notes.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t('contact.notes')}
      </h2>
      <form className="form contact-notes-form" onSubmit={handleSubmit}>
        <ErrorNotice error={error} />
        <div className="field">
          <label htmlFor={`${id}-body`}>{t('contact.noteBody')}</label>
          <textarea id={`${id}-body`} className="textarea" rows={3} required maxLength={10000} value={body} onChange={(event) => setBody(event.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy || body.trim() === ''}>
            {t('contact.addNote')}
          </button>
        </div>
      </form>
      <ErrorNotice error={notes.error ?? deleteError} />
      {notes.loading && !notes.data ? <LoadingState /> : null}
      {notes.data && items.length === 0 ? <p className="muted">{t('contact.noNotes')}</p> : null}
      {items.length > 0 ? (
        <ul className="plain-list contact-notes">
          {items.map((note) => (
            <li key={note.id} className="contact-note">
              <p className="contact-note-body">{note.body}</p>
              <p className="contact-note-meta">
                <span>{note.author?.name ?? t('contact.noteAutomation')}</span>
                {' · '}
                <DateTime iso={note.createdAt} />
                {isAdmin || note.author?.id === me.user.id ? (
                  <ConfirmButton label={t('helpdesk.delete')} ariaLabel={t('contact.deleteNote')} confirmLabel={t('contact.deleteNoteConfirm')} onConfirm={() => remove(note.id)} />
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
