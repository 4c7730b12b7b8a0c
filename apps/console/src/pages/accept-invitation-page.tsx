import { useId, useState, type FormEvent } from 'react';
import { acceptInvitation, getInvitationPreview } from '../api/endpoints.ts';
import { RoleBadge } from '../components/badge.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useResource } from '../hooks/use-resource.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { navigate } from '../router/history.ts';
import { Link } from '../router/link.tsx';
import { paths } from '../routes/paths.ts';
import { useSession } from '../session/session-context.tsx';
import { AuthLayout } from './auth-layout.tsx';

const MIN_PASSWORD_LENGTH = 10;

export function AcceptInvitationPage({ token }: { token: string }) {
  const { t, formatDateTime } = useI18n();
  const { acceptMe } = useSession();
  const nameId = useId();
  const passwordId = useId();
  const passwordHintId = useId();
  const invitation = useResource((signal) => getInvitationPreview(token, signal), [token]);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('invite.title'));

  if (invitation.loading && !invitation.data) {
    return (
      <AuthLayout>
        <h1 className="auth-title">{t('invite.title')}</h1>
        <LoadingState />
      </AuthLayout>
    );
  }

  if (!invitation.data) {
    return (
      <AuthLayout>
        <h1 className="auth-title">{t('invite.invalidTitle')}</h1>
        <p className="auth-subtitle">{t('invite.invalidBody')}</p>
        <Link to="/sign-in" className="button button-secondary button-block">
          {t('invite.goToSignIn')}
        </Link>
      </AuthLayout>
    );
  }

  const preview = invitation.data;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await acceptInvitation(token, name.trim(), password);
      acceptMe(me);
      // The answer does not name the joined account's id; its name does (the newest match wins).
      const joined = me.accounts.filter((account) => account.name === preview.accountName).at(-1) ?? me.accounts[0];
      navigate(joined ? paths.home(joined.id) : '/', { replace: true });
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout>
      <h1 className="auth-title">{t('invite.joinTitle', { account: preview.accountName })}</h1>
      <p className="auth-subtitle">
        {t('invite.invitedAs')} <RoleBadge role={preview.role} />
      </p>
      <dl className="invite-facts">
        <div>
          <dt>{t('invite.email')}</dt>
          <dd>{preview.email}</dd>
        </div>
        <div>
          <dt>{t('invite.expires')}</dt>
          <dd>{formatDateTime(preview.expiresAt)}</dd>
        </div>
      </dl>
      {preview.existingUser ? <p className="notice notice-info">{t('invite.existingUser')}</p> : null}
      <form className="form" onSubmit={handleSubmit}>
        <ErrorNotice error={error} />
        <div className="field">
          <label htmlFor={nameId}>{t('invite.name')}</label>
          <input
            id={nameId}
            className="input"
            name="name"
            autoComplete="name"
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>{preview.existingUser ? t('invite.currentPassword') : t('invite.password')}</label>
          <input
            id={passwordId}
            className="input"
            type="password"
            name="password"
            autoComplete={preview.existingUser ? 'current-password' : 'new-password'}
            required
            minLength={preview.existingUser ? undefined : MIN_PASSWORD_LENGTH}
            aria-describedby={preview.existingUser ? undefined : passwordHintId}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          {preview.existingUser ? null : (
            <p className="field-hint" id={passwordHintId}>
              {t('invite.passwordHint', { count: MIN_PASSWORD_LENGTH })}
            </p>
          )}
        </div>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('invite.submitting') : t('invite.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
