import { useState } from 'preact/hooks';
import { type Api, ApiError, type PortalInfo } from '../api.ts';
import type { Locale, Translate } from '../i18n.ts';
import { useEffect, useRef } from 'preact/hooks';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Enter an email → "check your email". The answer never tells whether the address is known. */
export function SignInPage({ api, info, locale, t, linkFailed }: { api: Api; info: PortalInfo; locale: Locale; t: Translate; linkFailed: boolean }) {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(linkFailed ? t('linkInvalid') : null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const title = sentTo ? t('checkEmailTitle') : t('signInTitle');

  useEffect(() => {
    document.title = `${title} · ${info.name}`;
    heading.current?.focus();
  }, [title, info.name]);

  async function submit(event: Event) {
    event.preventDefault();
    const address = email.trim();
    if (!EMAIL.test(address)) return setError(t('emailInvalid'));
    setBusy(true);
    setError(null);
    try {
      await api.requestLink(address, locale);
      setSentTo(address);
    } catch (failure) {
      setError(failure instanceof ApiError && failure.problem.status === 429 ? t('rateLimited') : failure instanceof ApiError && failure.problem.status === 400 ? t('emailInvalid') : t('loadFailed'));
    } finally {
      setBusy(false);
    }
  }

  if (sentTo) {
    return (
      <section class="card narrow">
        <h1 ref={heading} tabIndex={-1}>{title}</h1>
        <p>{t('checkEmailBody', { email: sentTo, name: info.name })}</p>
        <button type="button" class="button secondary" onClick={() => setSentTo(null)}>
          {t('useOtherEmail')}
        </button>
      </section>
    );
  }

  return (
    <section class="card narrow">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      <p>{t('signInLead')}</p>
      <form onSubmit={submit} noValidate>
        <label for="email">{t('email')}</label>
        <input
          id="email"
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          required
          value={email}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'email-error' : undefined}
          onInput={(event) => setEmail((event.target as HTMLInputElement).value)}
        />
        {error ? (
          <p id="email-error" class="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="button primary wide" disabled={busy}>
          {t('sendLink')}
        </button>
      </form>
      {linkFailed ? <p class="muted">{t('requestNewLink')}</p> : null}
    </section>
  );
}
