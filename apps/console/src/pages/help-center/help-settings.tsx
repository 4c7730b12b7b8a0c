import { useEffect, useId, useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { getHelpCenterSettings, updateHelpCenterHandle } from '../../api/help-center-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { localeName } from './help-center-page.tsx';

/** The help center's public address (the account handle, shared with the customer portal) and what is published. */
export function HelpSettingsSection() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const settings = useResource((signal) => getHelpCenterSettings(account.id, signal), [account.id]);
  const [handle, setHandle] = useState('');
  const [saved, setSaved] = useState('');
  useEffect(() => {
    if (settings.data) setHandle(settings.data.handle);
  }, [settings.data]);
  const { error, busy, handleSubmit } = useFormAction(async () => {
    setSaved('');
    const next = await updateHelpCenterHandle(account.id, handle);
    setSaved(t('help.handleSaved', { url: `${window.location.origin}${next.path}` }));
    settings.reload();
  });
  if (!settings.data) return settings.error ? <ErrorNotice error={settings.error} /> : <LoadingState />;
  const publicUrl = `${window.location.origin}${settings.data.path}`;
  const taken = isApiError(error) && error.status === 409;

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">{t('help.handle')}</h2>
      <dl className="help-meta">
        <dt>{t('help.publicUrl')}</dt>
        <dd><a href={settings.data.path} target="_blank" rel="noopener">{publicUrl}</a></dd>
        <dt>{t('help.publishedLanguages')}</dt>
        <dd>{settings.data.publishedLocales.length > 0 ? settings.data.publishedLocales.map(localeName).join(' · ') : t('help.none')}</dd>
      </dl>
      <form className="form" onSubmit={handleSubmit}>
        {taken ? <div className="notice notice-error" role="alert"><p>{t('help.handleTaken')}</p></div> : <ErrorNotice error={error} />}
        <div className="field">
          <label htmlFor={`${id}-handle`}>{t('help.handleLabel')}</label>
          <input
            id={`${id}-handle`}
            className="input input-mono"
            required
            minLength={2}
            maxLength={40}
            pattern="[a-z0-9]([a-z0-9\-]*[a-z0-9])?"
            value={handle}
            onChange={(event) => setHandle(event.target.value.toLowerCase())}
            aria-describedby={`${id}-handle-hint`}
            aria-invalid={taken || undefined}
          />
          <p id={`${id}-handle-hint`} className="field-hint">{t('help.handleHint')}</p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy || handle === settings.data.handle}>{t('common.save')}</button>
          <span role="status" className="muted small">{saved}</span>
        </div>
      </form>
    </section>
  );
}
