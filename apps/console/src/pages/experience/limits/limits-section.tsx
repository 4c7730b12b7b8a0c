import { useId, useState } from 'react';
import { getOutreachSettings, saveOutreachSettings, type FrequencyCap, type OutreachSettings } from '../../../api/template-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount, useIsAdmin } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import '../templates/templates.css';

const CHANNELS: { id: keyof OutreachSettings['channelCaps']; label: MessageKey }[] = [
  { id: 'email', label: 'templates.channelEmail' },
  { id: 'in_app', label: 'templates.channelInApp' },
  { id: 'whatsapp', label: 'templates.channelWhatsapp' },
  { id: 'sms', label: 'templates.channelSms' },
  { id: 'messenger', label: 'limits.channelMessenger' },
];

/** `/a/:accountId/experience/limits`: pressure control — caps, quiet hours and the control group (docs/outreach.md). */
export function MessagingLimitsSection(_props: { rest: string[] }) {
  const account = useCurrentAccount();
  const settings = useResource((signal) => getOutreachSettings(account.id, signal), [account.id]);
  if (settings.error) return <ErrorNotice error={settings.error} />;
  if (!settings.data) return <LoadingState />;
  return <LimitsForm initial={settings.data} onSaved={settings.reload} />;
}

function CapFields({ id, legend, cap, onChange, disabled }: { id: string; legend: string; cap: FrequencyCap | null; onChange: (cap: FrequencyCap | null) => void; disabled: boolean }) {
  const { t } = useI18n();
  return (
    <fieldset disabled={disabled}>
      <legend>{legend}</legend>
      <div className="field">
        <label htmlFor={`${id}-on`}><input id={`${id}-on`} type="checkbox" checked={cap !== null} onChange={(event) => onChange(event.target.checked ? { limit: 3, periodDays: 7 } : null)} /> {t('limits.capOn')}</label>
      </div>
      {cap ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-limit`}>{t('limits.capLimit')}</label>
            <input id={`${id}-limit`} className="input input-narrow" type="number" min={1} max={1000} value={cap.limit} onChange={(event) => onChange({ ...cap, limit: Number(event.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-days`}>{t('limits.capDays')}</label>
            <input id={`${id}-days`} className="input input-narrow" type="number" min={1} max={90} value={cap.periodDays} onChange={(event) => onChange({ ...cap, periodDays: Number(event.target.value) })} />
          </div>
        </>
      ) : null}
    </fieldset>
  );
}

function LimitsForm({ initial, onSaved }: { initial: OutreachSettings; onSaved: () => void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const id = useId();
  const [settings, setSettings] = useState<OutreachSettings>(initial);
  const [message, setMessage] = useState('');
  const { error, busy, handleSubmit } = useFormAction(async () => {
    await saveOutreachSettings(account.id, settings);
    setMessage(t('limits.saved'));
    onSaved();
  });
  const quiet = settings.quietHours;
  return (
    <div className="stack templates-page">
      <PageHeader title={t('limits.title')} description={t('limits.description')} />
      <p className="visually-hidden" role="status" aria-live="polite">{message}</p>
      <form className="panel form limits-form" onSubmit={handleSubmit} aria-label={t('limits.title')}>
        <h2>{t('limits.caps')}</h2>
        <p className="field-hint">{t('limits.capsHint')}</p>
        <CapFields id={`${id}-global`} legend={t('limits.globalCap')} cap={settings.globalCap} disabled={!isAdmin} onChange={(cap) => setSettings({ ...settings, globalCap: cap })} />
        {CHANNELS.map((channel) => (
          <CapFields key={channel.id} id={`${id}-${channel.id}`} legend={t('limits.channelCap', { channel: t(channel.label) })} cap={settings.channelCaps[channel.id] ?? null} disabled={!isAdmin} onChange={(cap) => {
            const channelCaps = { ...settings.channelCaps };
            if (cap) channelCaps[channel.id] = cap;
            else delete channelCaps[channel.id];
            setSettings({ ...settings, channelCaps });
          }} />
        ))}
        <h2>{t('limits.quietHours')}</h2>
        <p className="field-hint">{t('limits.quietHoursHint')}</p>
        <fieldset disabled={!isAdmin}>
          <legend>{t('limits.quietHours')}</legend>
          <div className="field">
            <label htmlFor={`${id}-quiet-on`}><input id={`${id}-quiet-on`} type="checkbox" checked={quiet !== null} onChange={(event) => setSettings({ ...settings, quietHours: event.target.checked ? { start: '21:00', end: '08:00', mode: 'defer' } : null })} /> {t('limits.quietOn')}</label>
          </div>
          {quiet ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-quiet-start`}>{t('limits.quietStart')}</label>
                <input id={`${id}-quiet-start`} className="input" type="time" value={quiet.start} onChange={(event) => setSettings({ ...settings, quietHours: { ...quiet, start: event.target.value } })} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-quiet-end`}>{t('limits.quietEnd')}</label>
                <input id={`${id}-quiet-end`} className="input" type="time" value={quiet.end} onChange={(event) => setSettings({ ...settings, quietHours: { ...quiet, end: event.target.value } })} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-quiet-mode`}>{t('limits.quietMode')}</label>
                <select id={`${id}-quiet-mode`} className="select" value={quiet.mode} onChange={(event) => setSettings({ ...settings, quietHours: { ...quiet, mode: event.target.value as 'defer' | 'suppress' } })}>
                  <option value="defer">{t('limits.quietDefer')}</option>
                  <option value="suppress">{t('limits.quietSuppress')}</option>
                </select>
              </div>
            </>
          ) : null}
        </fieldset>
        <h2>{t('limits.controlGroup')}</h2>
        <div className="field">
          <label htmlFor={`${id}-control`}>{t('limits.controlGroupPercent')}</label>
          <input id={`${id}-control`} className="input input-narrow" type="number" min={0} max={50} value={settings.controlGroupPercent} disabled={!isAdmin} aria-describedby={`${id}-control-hint`} onChange={(event) => setSettings({ ...settings, controlGroupPercent: Number(event.target.value) })} />
          <p id={`${id}-control-hint`} className="field-hint">{t('limits.controlGroupHint')}</p>
        </div>
        <ErrorNotice error={error} />
        {isAdmin ? <button type="submit" className="button button-primary" disabled={busy}>{t('limits.save')}</button> : <p className="field-hint">{t('limits.adminsOnly')}</p>}
      </form>
    </div>
  );
}
