import type { ReactNode } from 'react';
import { LanguageSwitcher } from '../components/language-switcher.tsx';
import { LogoMark } from '../components/icons.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

/** The frame of the pages seen before sign-in: a centred card, the language picker in reach. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="auth-page">
      <header className="auth-header">
        <span className="brand">
          <LogoMark />
          <span className="brand-name">Touchpoint</span>
        </span>
        <LanguageSwitcher compact />
      </header>
      <main id="main" className="auth-main">
        <div className="auth-card">{children}</div>
        <p className="auth-footnote">{t('auth.footnote')}</p>
      </main>
    </div>
  );
}
