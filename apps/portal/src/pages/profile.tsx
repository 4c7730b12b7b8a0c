import { useState } from 'preact/hooks';
import type { ConsentChannel } from '../api.ts';
import { formatDate } from '../format.ts';
import { LANGUAGE_NAMES, type Locale, LOCALES, type MessageKey } from '../i18n.ts';
import { ErrorNote, Page } from '../parts.tsx';
import { usePortal } from '../portal-context.ts';
import { QrCode } from '../qr-code.tsx';

const CONSENT: { channel: ConsentChannel; key: MessageKey }[] = [
  { channel: 'email', key: 'consentEmail' },
  { channel: 'sms', key: 'consentSms' },
  { channel: 'whatsapp', key: 'consentWhatsapp' },
  { channel: 'messenger', key: 'consentMessenger' },
];

export function ProfilePage() {
  const { api, me, setMe, t, locale, chooseLocale, navigate } = usePortal();
  const [name, setName] = useState(me.name);
  const [timeZone, setTimeZone] = useState(me.timeZone ?? '');
  const [status, setStatus] = useState<'idle' | 'saved' | 'failed'>('idle');
  const [consentError, setConsentError] = useState(false);

  async function save(event: Event) {
    event.preventDefault();
    setStatus('idle');
    try {
      setMe(await api.updateMe({ name: name.trim(), timeZone: timeZone.trim() || null }));
      setStatus('saved');
    } catch {
      setStatus('failed');
    }
  }

  async function toggleConsent(channel: ConsentChannel, granted: boolean) {
    setConsentError(false);
    try {
      const consent = await api.setConsent({ [channel]: granted });
      setMe({ ...me, consent });
    } catch {
      setConsentError(true);
    }
  }

  async function signOut() {
    await api.signOut().catch(() => undefined);
    setMe(null);
    navigate('/');
  }

  return (
    <Page title={t('profileTitle')}>
      <form class="card" onSubmit={save}>
        <label for="profile-name">{t('name')}</label>
        <input id="profile-name" type="text" autoComplete="name" maxLength={120} required value={name} onInput={(event) => setName((event.target as HTMLInputElement).value)} />
        <p class="muted">{t('email')}: {me.email ?? '—'}</p>
        <label for="profile-language">{t('language')}</label>
        <select id="profile-language" value={locale} onChange={(event) => chooseLocale((event.target as HTMLSelectElement).value as Locale)}>
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
        <label for="profile-time-zone">{t('timeZone')}</label>
        <input id="profile-time-zone" type="text" autoComplete="off" placeholder={t('timeZoneHint')} value={timeZone} onInput={(event) => setTimeZone((event.target as HTMLInputElement).value)} />
        {status === 'saved' ? (
          <p role="status" class="success-text">
            {t('saved')}
          </p>
        ) : null}
        {status === 'failed' ? <ErrorNote message={t('loadFailed')} /> : null}
        <button type="submit" class="button primary wide">
          {t('save')}
        </button>
      </form>

      <section class="card" aria-labelledby="preferences-title">
        <h2 id="preferences-title">{t('preferencesTitle')}</h2>
        <p class="muted">{t('preferencesLead')}</p>
        <ul class="toggles">
          {CONSENT.map(({ channel, key }) => {
            const state = me.consent[channel];
            return (
              <li key={channel}>
                <label class="toggle">
                  <input type="checkbox" role="switch" checked={state?.granted === true} onChange={(event) => void toggleConsent(channel, (event.target as HTMLInputElement).checked)} />
                  <span>{t(key)}</span>
                </label>
                {state ? <span class="muted small">{t('consentSince', { date: formatDate(state.at, locale, me.timeZone) })}</span> : null}
              </li>
            );
          })}
        </ul>
        {consentError ? <ErrorNote message={t('loadFailed')} /> : null}
      </section>

      <section class="card center" aria-labelledby="qr-title">
        <h2 id="qr-title">{t('qrTitle')}</h2>
        <p class="muted">{t('qrLead')}</p>
        <QrCode text={`touchpoint:contact:${me.contactId}`} label={t('qrTitle')} />
      </section>

      <button type="button" class="button secondary wide" onClick={signOut}>
        {t('signOut')}
      </button>
    </Page>
  );
}
