import { useId, useState } from 'react';
import type { Locale } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { isLocale, LOCALE_NAMES, LOCALE_TAGS, LOCALES } from '../i18n/locales.ts';
import { useSession } from '../session/session-context.tsx';
import { ErrorNotice } from './error-notice.tsx';

/** The language picker of the shell and the sign-in page; each language is named in itself. */
export function LanguageSwitcher({ compact = false }: { compact?: boolean }) {
  const { t, locale } = useI18n();
  const { chooseLocale } = useSession();
  const id = useId();
  const [error, setError] = useState<unknown>(null);

  async function handleChange(value: string) {
    if (!isLocale(value)) return;
    setError(null);
    try {
      await chooseLocale(value as Locale);
    } catch (reason) {
      setError(reason);
    }
  }

  return (
    <div className={compact ? 'language-switcher language-switcher-compact' : 'language-switcher'}>
      <label htmlFor={id} className={compact ? 'visually-hidden' : 'field-label-small'}>
        {t('language.label')}
      </label>
      <select id={id} className="select select-small" value={locale} onChange={(event) => void handleChange(event.target.value)}>
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={LOCALE_TAGS[option]}>
            {LOCALE_NAMES[option]}
          </option>
        ))}
      </select>
      <ErrorNotice error={error} />
    </div>
  );
}
