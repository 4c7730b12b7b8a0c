import { useId, useState } from 'react';
import { getReturnPolicy, saveReturnPolicy, type LocalizedText, type ReturnPolicy } from '../../api/commerce-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount, useIsAdmin } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { LOCALE_NAMES } from '../../i18n/locales.ts';
import '../commerce/commerce.css';

const LANGUAGES = ['en', 'ja', 'zh'] as const;

function LocalizedFields({ id, label, value, onChange, disabled, rows = 3 }: {
  id: string;
  label: (language: string) => string;
  value: LocalizedText;
  onChange(next: LocalizedText): void;
  disabled: boolean;
  rows?: number;
}) {
  return (
    <>
      {LANGUAGES.map((language) => (
        <div className="field" key={language}>
          <label htmlFor={`${id}-${language}`}>{label(LOCALE_NAMES[language])}</label>
          <textarea id={`${id}-${language}`} className="input" rows={rows} maxLength={4000} disabled={disabled} lang={language} value={value[language] ?? ''} onChange={(event) => onChange({ ...value, [language]: event.target.value })} />
        </div>
      ))}
    </>
  );
}

function PolicyForm({ initial }: { initial: ReturnPolicy }) {
  const { t, locale } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const id = useId();
  const [policy, setPolicy] = useState(initial);
  const [tags, setTags] = useState(initial.nonReturnableTags.join(', '));
  const [maxRefund, setMaxRefund] = useState(initial.autoApprove.maxRefundMinor === null ? '' : String(initial.autoApprove.maxRefundMinor));
  const [saved, setSaved] = useState(false);
  const disabled = !isAdmin;

  const { error, busy, handleSubmit } = useFormAction(async () => {
    setSaved(false);
    const next = await saveReturnPolicy(account.id, {
      ...policy,
      nonReturnableTags: tags.split(',').map((tag) => tag.trim()).filter(Boolean),
      autoApprove: { ...policy.autoApprove, maxRefundMinor: maxRefund.trim() === '' ? null : Number(maxRefund) },
    });
    setPolicy(next);
    setSaved(true);
  });

  const setReason = (index: number, patch: Partial<ReturnPolicy['reasons'][number]>) =>
    setPolicy({ ...policy, reasons: policy.reasons.map((reason, i) => (i === index ? { ...reason, ...patch } : reason)) });

  return (
    <form className="form" onSubmit={handleSubmit}>
      {disabled ? <p className="notice notice-info">{t('policy.adminOnly')}</p> : null}
      <ErrorNotice error={error} />
      {saved ? <p className="notice notice-success" role="status">{t('common.saved')}</p> : null}
      <section className="panel form">
        <div className="field">
          <label htmlFor={`${id}-window`}>{t('policy.windowDays')}</label>
          <input id={`${id}-window`} type="number" className="input input-narrow" min={0} max={3650} required disabled={disabled} value={policy.windowDays} onChange={(event) => setPolicy({ ...policy, windowDays: Number(event.target.value) })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-tags`}>{t('policy.nonReturnableTags')}</label>
          <input id={`${id}-tags`} className="input" disabled={disabled} aria-describedby={`${id}-tags-hint`} value={tags} onChange={(event) => setTags(event.target.value)} />
          <p id={`${id}-tags-hint`} className="field-hint">{t('policy.tagsHint')}</p>
        </div>
        <label className="checkbox" htmlFor={`${id}-exchange`}>
          <input id={`${id}-exchange`} type="checkbox" disabled={disabled} checked={policy.allowExchange} onChange={(event) => setPolicy({ ...policy, allowExchange: event.target.checked })} />
          <span>{t('policy.allowExchange')}</span>
        </label>
      </section>

      <fieldset className="panel form">
        <legend className="panel-title">{t('policy.reasons')}</legend>
        {policy.reasons.map((reason, index) => (
          <div key={index} className="policy-reason">
            <div className="field">
              <label htmlFor={`${id}-code-${index}`}>{t('policy.reasonCode')}</label>
              <input id={`${id}-code-${index}`} className="input input-mono" required pattern="[a-z0-9_]{1,40}" disabled={disabled} value={reason.code} onChange={(event) => setReason(index, { code: event.target.value })} />
            </div>
            {LANGUAGES.map((language) => (
              <div className="field" key={language}>
                <label htmlFor={`${id}-label-${index}-${language}`}>{t('policy.reasonLabel', { language: LOCALE_NAMES[language] })}</label>
                <input id={`${id}-label-${index}-${language}`} className="input" lang={language} required={language === 'en'} disabled={disabled} value={reason.label[language] ?? ''} onChange={(event) => setReason(index, { label: { ...reason.label, [language]: event.target.value } })} />
              </div>
            ))}
            <label className="checkbox" htmlFor={`${id}-photo-${index}`}>
              <input id={`${id}-photo-${index}`} type="checkbox" disabled={disabled} checked={reason.photoRequired} onChange={(event) => setReason(index, { photoRequired: event.target.checked })} />
              <span>{t('policy.photoRequired')}</span>
            </label>
            {disabled ? null : (
              <button type="button" className="button button-danger-quiet button-small" onClick={() => setPolicy({ ...policy, reasons: policy.reasons.filter((_, i) => i !== index) })}>
                {t('policy.removeReason', { code: reason.code || String(index + 1) })}
              </button>
            )}
          </div>
        ))}
        {disabled ? null : (
          <button type="button" className="button button-secondary button-small" onClick={() => setPolicy({ ...policy, reasons: [...policy.reasons, { code: '', label: {}, photoRequired: false }] })}>
            {t('policy.addReason')}
          </button>
        )}
      </fieldset>

      <fieldset className="panel form">
        <legend className="panel-title">{t('policy.autoApprove')}</legend>
        <label className="checkbox" htmlFor={`${id}-auto`}>
          <input id={`${id}-auto`} type="checkbox" disabled={disabled} checked={policy.autoApprove.enabled} onChange={(event) => setPolicy({ ...policy, autoApprove: { ...policy.autoApprove, enabled: event.target.checked } })} />
          <span>{t('policy.autoApproveEnabled')}</span>
        </label>
        <div className="field">
          <label htmlFor={`${id}-max`}>{t('policy.maxRefund')}</label>
          <input id={`${id}-max`} type="number" className="input" min={0} disabled={disabled} value={maxRefund} onChange={(event) => setMaxRefund(event.target.value)} />
        </div>
        <fieldset className="checkbox-group">
          <legend>{t('policy.autoReasons')}</legend>
          {policy.reasons.filter((reason) => reason.code).map((reason) => (
            <label key={reason.code} className="checkbox" htmlFor={`${id}-auto-${reason.code}`}>
              <input
                id={`${id}-auto-${reason.code}`}
                type="checkbox"
                disabled={disabled}
                checked={policy.autoApprove.reasons.includes(reason.code)}
                onChange={(event) => setPolicy({
                  ...policy,
                  autoApprove: { ...policy.autoApprove, reasons: event.target.checked ? [...policy.autoApprove.reasons, reason.code] : policy.autoApprove.reasons.filter((code) => code !== reason.code) },
                })}
              />
              <span>{reason.label[locale] ?? reason.label.en ?? reason.code}</span>
            </label>
          ))}
        </fieldset>
      </fieldset>

      <section className="panel form">
        <LocalizedFields id={`${id}-text`} label={(language) => t('policy.policyText', { language })} value={policy.policyText} disabled={disabled} onChange={(policyText) => setPolicy({ ...policy, policyText })} />
        <LocalizedFields id={`${id}-instructions`} label={(language) => t('policy.instructions', { language })} value={policy.instructions} disabled={disabled} onChange={(instructions) => setPolicy({ ...policy, instructions })} />
        <div className="field">
          <label htmlFor={`${id}-address`}>{t('policy.returnAddress')}</label>
          <textarea id={`${id}-address`} className="input" rows={3} maxLength={1000} disabled={disabled} value={policy.returnAddress} onChange={(event) => setPolicy({ ...policy, returnAddress: event.target.value })} />
        </div>
      </section>
      {disabled ? null : (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>{t('common.save')}</button>
        </div>
      )}
    </form>
  );
}

export function ReturnPolicyPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const policy = useResource((signal) => getReturnPolicy(account.id, signal), [account.id]);
  return (
    <>
      <PageHeader title={t('policy.title')} description={t('policy.description')} />
      <ErrorNotice error={policy.error} />
      {policy.data ? <PolicyForm initial={policy.data} /> : policy.loading ? <LoadingState /> : null}
    </>
  );
}
