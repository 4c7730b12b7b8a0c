import { ErrorNotice } from '../components/error-notice.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { AuthLayout } from './auth-layout.tsx';

export function FullPageLoading() {
  return (
    <main id="main" className="full-page-center">
      <LoadingState />
    </main>
  );
}

export function ServerUnavailablePage({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useI18n();
  return (
    <AuthLayout>
      <h1 className="auth-title">{t('unavailable.title')}</h1>
      <p className="auth-subtitle">{t('unavailable.body')}</p>
      <ErrorNotice error={error} />
      <button type="button" className="button button-primary button-block" onClick={onRetry}>
        {t('unavailable.retry')}
      </button>
    </AuthLayout>
  );
}

export function NoAccountPage({ onSignOut }: { onSignOut(): void }) {
  const { t } = useI18n();
  return (
    <AuthLayout>
      <h1 className="auth-title">{t('noAccount.title')}</h1>
      <p className="auth-subtitle">{t('noAccount.body')}</p>
      <button type="button" className="button button-secondary button-block" onClick={onSignOut}>
        {t('shell.signOut')}
      </button>
    </AuthLayout>
  );
}
