import { useId, useState, type FormEvent } from 'react';
import { signIn } from '../api/endpoints.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { AuthLayout } from './auth-layout.tsx';

export function SignInPage() {
  const { t } = useI18n();
  const { acceptMe } = useSession();
  const emailId = useId();
  const passwordId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('signIn.title'));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      acceptMe(await signIn(email.trim(), password));
    } catch (reason) {
      setError(reason);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout>
      <h1 className="auth-title">{t('signIn.title')}</h1>
      <p className="auth-subtitle">{t('signIn.subtitle')}</p>
      <form className="form" onSubmit={handleSubmit}>
        <ErrorNotice error={error} />
        <div className="field">
          <label htmlFor={emailId}>{t('signIn.email')}</label>
          <input
            id={emailId}
            className="input"
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>{t('signIn.password')}</label>
          <input
            id={passwordId}
            className="input"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
