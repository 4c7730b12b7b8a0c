import { useId, useState } from 'react';
import { getReviewSettings, listReviewAsks, type ReferralLocale, type ReviewPlatform, type ReviewSettings, type ReviewSettingsFields, saveReviewSettings } from '../../../api/referral-endpoints.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { SUPPRESSION_REASONS } from './suppression-reasons.ts';

const LOCALES: ReferralLocale[] = ['en', 'ja', 'zh'];
const ASK_STATUSES = ['pending', 'sent', 'deferred', 'suppressed'] as const;
type T = ReturnType<typeof useI18n>['t'];
const statusLabel = (t: T, status: string) => ((ASK_STATUSES as readonly string[]).includes(status) ? t(`referrals.reviews.status.${status as (typeof ASK_STATUSES)[number]}`) : status);
/** Outreach's suppression reasons, worded once for the console (journeys' wording). */
const reasonLabel = (t: T, reason: string) => ((SUPPRESSION_REASONS as readonly string[]).includes(reason) ? t(`journeys.reason.${reason as (typeof SUPPRESSION_REASONS)[number]}`) : reason);

/** Review and share asks: when (thresholds, cool-down), where to (review pages per language), what (share text), how (channel). */
export function ReviewSettingsForm() {
  const account = useCurrentAccount();
  const settings = useResource((signal) => getReviewSettings(account.id, signal), [account.id]);
  if (settings.error) return <ErrorNotice error={settings.error} />;
  if (!settings.data) return <LoadingState />;
  return (
    <>
      <SettingsForm key={settings.data.updatedAt ?? 'new'} settings={settings.data} />
      <RecentAsks />
    </>
  );
}

function PlatformRow({ platform, onChange, onRemove }: { platform: ReviewPlatform; onChange: (next: ReviewPlatform) => void; onRemove: () => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="referral-platform">
      <div className="field">
        <label htmlFor={`${id}-id`}>{t('referrals.reviews.platformId')}</label>
        <input id={`${id}-id`} className="input" required pattern="[a-z0-9][a-z0-9_\-]{0,39}" value={platform.id} onChange={(event) => onChange({ ...platform, id: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('referrals.reviews.platformName')}</label>
        <input id={`${id}-name`} className="input" required maxLength={60} value={platform.name} onChange={(event) => onChange({ ...platform, name: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('referrals.reviews.platformUrl')}</label>
        <input id={`${id}-url`} className="input" type="url" required value={platform.url} onChange={(event) => onChange({ ...platform, url: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-locale`}>{t('referrals.reviews.platformLocale')}</label>
        <select id={`${id}-locale`} className="select" value={platform.locale ?? ''} onChange={(event) => onChange({ ...platform, locale: (event.target.value || null) as ReferralLocale | null })}>
          <option value="">{t('referrals.reviews.allLanguages')}</option>
          {LOCALES.map((locale) => <option key={locale} value={locale}>{t(`referrals.language.${locale}`)}</option>)}
        </select>
      </div>
      <button type="button" className="button" onClick={onRemove}>{t('referrals.reviews.removePlatform', { name: platform.name || platform.id })}</button>
    </div>
  );
}

function SettingsForm({ settings }: { settings: ReviewSettings }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const { updatedAt: _updatedAt, ...initial } = settings;
  const [draft, setDraft] = useState<ReviewSettingsFields>(initial);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<ReviewSettingsFields>) => { setSaved(false); setDraft((current) => ({ ...current, ...patch })); };
  const action = useFormAction(async () => {
    await saveReviewSettings(account.id, draft);
    setSaved(true);
  });
  return (
    <form className="form" onSubmit={action.handleSubmit} aria-label={t('referrals.tab.reviews')}>
      <label className="checkbox">
        <input type="checkbox" checked={draft.enabled} onChange={(event) => set({ enabled: event.target.checked })} />
        {t('referrals.reviews.enabled')}
      </label>
      <fieldset className="referral-fieldset">
        <legend>{t('referrals.reviews.thresholds')}</legend>
        <p className="field-hint">{t('referrals.reviews.lowNote')}</p>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-csat`}>{t('referrals.reviews.csatMin')}</label>
            <input id={`${id}-csat`} className="input" type="number" min={1} max={5} required value={draft.csatMin} onChange={(event) => set({ csatMin: Number(event.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-nps`}>{t('referrals.reviews.npsMin')}</label>
            <input id={`${id}-nps`} className="input" type="number" min={0} max={10} required value={draft.npsMin} onChange={(event) => set({ npsMin: Number(event.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-cooldown`}>{t('referrals.reviews.cooldownDays')}</label>
            <input id={`${id}-cooldown`} className="input" type="number" min={1} max={3650} required value={draft.cooldownDays} onChange={(event) => set({ cooldownDays: Number(event.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-channel`}>{t('referrals.reviews.channel')}</label>
            <select id={`${id}-channel`} className="select" value={draft.channel} onChange={(event) => set({ channel: event.target.value as 'email' | 'in_app' })}>
              <option value="email">{t('referrals.reviews.channel.email')}</option>
              <option value="in_app">{t('referrals.reviews.channel.in_app')}</option>
            </select>
          </div>
        </div>
      </fieldset>
      <fieldset className="referral-fieldset">
        <legend>{t('referrals.reviews.platforms')}</legend>
        {draft.platforms.map((platform, index) => (
          <PlatformRow key={index} platform={platform}
            onChange={(next) => set({ platforms: draft.platforms.map((item, at) => (at === index ? next : item)) })}
            onRemove={() => set({ platforms: draft.platforms.filter((_item, at) => at !== index) })} />
        ))}
        <button type="button" className="button" onClick={() => set({ platforms: [...draft.platforms, { id: `review-${draft.platforms.length + 1}`, name: '', url: '', locale: null }] })}>{t('referrals.reviews.addPlatform')}</button>
      </fieldset>
      <fieldset className="referral-fieldset">
        <legend>{t('referrals.reviews.shareText')}</legend>
        <p className="field-hint">{t('referrals.reviews.shareHint')}</p>
        {LOCALES.map((locale) => (
          <div key={locale} className="field">
            <label htmlFor={`${id}-share-${locale}`}>{t(`referrals.language.${locale}`)}</label>
            <input id={`${id}-share-${locale}`} className="input" lang={locale} maxLength={500} value={draft.shareText[locale] ?? ''} onChange={(event) => set({ shareText: { ...draft.shareText, [locale]: event.target.value } })} />
          </div>
        ))}
      </fieldset>
      {action.error ? <ErrorNotice error={action.error} /> : null}
      {saved ? <p role="status" className="referral-saved">{t('referrals.reviews.saved')}</p> : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={action.busy}>{t('referrals.reviews.save')}</button>
      </div>
    </form>
  );
}

function RecentAsks() {
  const { t, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const asks = useResource((signal) => listReviewAsks(account.id, signal), [account.id]);
  return (
    <section aria-labelledby="review-asks-title">
      <h2 id="review-asks-title" className="section-title">{t('referrals.reviews.recent')}</h2>
      {asks.error ? <ErrorNotice error={asks.error} /> : !asks.data ? <LoadingState /> : asks.data.asks.length === 0 ? <EmptyState title={t('referrals.reviews.none')} /> : (
        <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="review-asks-title">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('referrals.reviews.col.customer')}</th>
                <th scope="col">{t('referrals.reviews.col.score')}</th>
                <th scope="col">{t('referrals.reviews.col.status')}</th>
                <th scope="col">{t('referrals.reviews.col.clicked')}</th>
              </tr>
            </thead>
            <tbody>
              {asks.data.asks.map((ask) => (
                <tr key={ask.id}>
                  <th scope="row">{ask.contactName}</th>
                  <td>{ask.surveyKind.toUpperCase()} {ask.score}</td>
                  <td>{statusLabel(t, ask.status)}{ask.suppressionReason ? ` — ${reasonLabel(t, ask.suppressionReason)}` : ''} · {formatDateTime(ask.sentAt ?? ask.createdAt)}</td>
                  <td>{ask.clickedAt ? `${ask.clickedPlatform ?? ''} · ${formatDateTime(ask.clickedAt)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
