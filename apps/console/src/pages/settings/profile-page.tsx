import { useId, useState, type FormEvent } from 'react';
import { changePassword, signOutEverywhere, updateMe } from '../../api/endpoints.ts';
import type { Locale } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { isLocale, LOCALE_NAMES, LOCALE_TAGS, LOCALES } from '../../i18n/locales.ts';
import { useMe, useSession } from '../../session/session-context.tsx';

const MIN_PASSWORD_LENGTH = 10;

function SavedNote({ show, text }: { show: boolean; text: string }) {
  return (
    <span className="saved-note" role="status">
      {show ? text : ''}
    </span>
  );
}

function NameForm() {
  const { t } = useI18n();
  const me = useMe();
  const { acceptMe } = useSession();
  const id = useId();
  const [name, setName] = useState(me.user.name);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      acceptMe(await updateMe({ name: name.trim() }));
      setSaved(true);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel form" onSubmit={handleSubmit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t('profile.details')}
      </h2>
      <ErrorNotice error={error} />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('profile.name')}</label>
        <input
          id={`${id}-name`}
          className="input"
          required
          maxLength={200}
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <span className="field-label">{t('profile.email')}</span>
        <p className="field-static">{me.user.email}</p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || name.trim() === '' || name.trim() === me.user.name}>
          {t('common.save')}
        </button>
        <SavedNote show={saved} text={t('common.saved')} />
      </div>
    </form>
  );
}

function LanguageForm() {
  const { t } = useI18n();
  const me = useMe();
  const { chooseLocale } = useSession();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function handleChange(value: string) {
    setError(null);
    setSaved(false);
    try {
      await chooseLocale(isLocale(value) ? (value as Locale) : null);
      setSaved(true);
    } catch (reason) {
      setError(reason);
    }
  }

  return (
    <section className="panel form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t('profile.language')}
      </h2>
      <ErrorNotice error={error} />
      <div className="field">
        <label htmlFor={`${id}-select`}>{t('profile.languageLabel')}</label>
        <select
          id={`${id}-select`}
          className="select"
          value={me.user.locale ?? 'browser'}
          onChange={(event) => void handleChange(event.target.value)}
          aria-describedby={`${id}-hint`}
        >
          <option value="browser">{t('profile.languageBrowser')}</option>
          {LOCALES.map((option) => (
            <option key={option} value={option} lang={LOCALE_TAGS[option]}>
              {LOCALE_NAMES[option]}
            </option>
          ))}
        </select>
        <p className="field-hint" id={`${id}-hint`}>
          {t('profile.languageHint')}
        </p>
      </div>
      <SavedNote show={saved} text={t('common.saved')} />
    </section>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const me = useMe();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setError(null);
    if (next !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setSaved(true);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel form" onSubmit={handleSubmit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t('profile.password')}
      </h2>
      <p className="panel-description">{t('profile.passwordDescription')}</p>
      <ErrorNotice error={error} />
      {mismatch ? (
        <p className="notice notice-error" role="alert">
          {t('profile.passwordMismatch')}
        </p>
      ) : null}
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" className="visually-hidden" autoComplete="username" value={me.user.email} readOnly tabIndex={-1} aria-hidden="true" />
      <div className="field">
        <label htmlFor={`${id}-current`}>{t('profile.currentPassword')}</label>
        <input
          id={`${id}-current`}
          className="input"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-new`}>{t('profile.newPassword')}</label>
        <input
          id={`${id}-new`}
          className="input"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          aria-describedby={`${id}-hint`}
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <p className="field-hint" id={`${id}-hint`}>
          {t('invite.passwordHint', { count: MIN_PASSWORD_LENGTH })}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>{t('profile.confirmPassword')}</label>
        <input
          id={`${id}-confirm`}
          className="input"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('profile.changePassword')}
        </button>
        <SavedNote show={saved} text={t('profile.passwordChanged')} />
      </div>
    </form>
  );
}

function SessionsPanel() {
  const { t } = useI18n();
  const { signOut } = useSession();
  const id = useId();
  const [armed, setArmed] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function handleSignOutEverywhere() {
    setError(null);
    try {
      await signOutEverywhere();
    } catch (reason) {
      setError(reason);
      return;
    }
    await signOut({ alreadyEnded: true });
  }

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t('profile.sessions')}
      </h2>
      <p className="panel-description">{t('profile.sessionsDescription')}</p>
      <ErrorNotice error={error} />
      {armed ? (
        <div className="confirm-group">
          <button type="button" className="button button-danger" onClick={() => void handleSignOutEverywhere()}>
            {t('profile.signOutEverywhereConfirm')}
          </button>
          <button type="button" className="button button-ghost" onClick={() => setArmed(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="button button-danger-quiet" onClick={() => setArmed(true)}>
          {t('profile.signOutEverywhere')}
        </button>
      )}
    </section>
  );
}

export function ProfilePage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('settings.profile')} description={t('profile.description')} />
      <div className="stack">
        <NameForm />
        <LanguageForm />
        <PasswordForm />
        <SessionsPanel />
      </div>
    </>
  );
}
