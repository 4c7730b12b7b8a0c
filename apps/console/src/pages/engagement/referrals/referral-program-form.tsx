import { useId, useState } from 'react';
import { getReferralProgram, listPoolsForReferrals, type ProgramStatus, type ReferralLocale, type ReferralProgram, type ReferralProgramFields, type ReferralReward, saveReferralProgram } from '../../../api/referral-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

const STATUSES: ProgramStatus[] = ['draft', 'live', 'paused'];
const LOCALES: ReferralLocale[] = ['en', 'ja', 'zh'];
type Pools = { id: string; name: string; stock?: { available: number } }[];

const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

function RewardFields({ legend, value, pools, onChange }: { legend: string; value: ReferralReward; pools: Pools; onChange: (next: ReferralReward) => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="referral-fieldset">
      <legend>{legend}</legend>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('referrals.program.rewardKind')}</label>
          <select id={`${id}-kind`} className="select" value={value.kind} onChange={(event) => {
            const kind = event.target.value as ReferralReward['kind'];
            onChange(kind === 'points' ? { kind, points: 500 } : kind === 'coupon' ? { kind, poolId: pools[0]?.id ?? '' } : { kind });
          }}>
            {(['points', 'coupon', 'none'] as const).map((kind) => <option key={kind} value={kind}>{t(`referrals.program.kind.${kind}`)}</option>)}
          </select>
        </div>
        {value.kind === 'points' ? (
          <div className="field">
            <label htmlFor={`${id}-points`}>{t('referrals.program.points')}</label>
            <input id={`${id}-points`} className="input" type="number" min={1} max={1000000} required value={value.points} onChange={(event) => onChange({ kind: 'points', points: Number(event.target.value) })} />
          </div>
        ) : null}
        {value.kind === 'coupon' ? (
          <div className="field field-grow">
            <label htmlFor={`${id}-pool`}>{t('referrals.program.pool')}</label>
            <select id={`${id}-pool`} className="select" required value={value.poolId} onChange={(event) => onChange({ kind: 'coupon', poolId: event.target.value })}>
              <option value="">{t('referrals.program.choosePool')}</option>
              {pools.map((pool) => <option key={pool.id} value={pool.id}>{pool.stock ? t('referrals.program.poolStock', { name: pool.name, count: pool.stock.available }) : pool.name}</option>)}
            </select>
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}

/** The program editor: status, both rewards, what counts as a qualifying order, caps and the landing's message. */
export function ReferralProgramForm() {
  const account = useCurrentAccount();
  const program = useResource((signal) => getReferralProgram(account.id, signal), [account.id]);
  const pools = useResource((signal) => listPoolsForReferrals(account.id, signal), [account.id]);
  if (program.error) return <ErrorNotice error={program.error} />;
  if (!program.data || !pools.data) return <LoadingState />;
  return <ProgramForm key={program.data.updatedAt ?? 'new'} program={program.data} pools={pools.data.pools} />;
}

function ProgramForm({ program, pools }: { program: ReferralProgram; pools: Pools }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const { updatedAt: _updatedAt, ...initial } = program;
  const [draft, setDraft] = useState<ReferralProgramFields>(initial);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<ReferralProgramFields>) => { setSaved(false); setDraft((current) => ({ ...current, ...patch })); };
  const action = useFormAction(async () => {
    await saveReferralProgram(account.id, { ...draft, currency: draft.currency?.trim() ? draft.currency.trim().toUpperCase() : null });
    setSaved(true);
  });
  return (
    <form className="form" onSubmit={action.handleSubmit} aria-label={t('referrals.tab.program')}>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('referrals.program.status')}</label>
        <select id={`${id}-status`} className="select" value={draft.status} onChange={(event) => set({ status: event.target.value as ProgramStatus })}>
          {STATUSES.map((status) => <option key={status} value={status}>{t(`referrals.program.status.${status}`)}</option>)}
        </select>
      </div>
      <RewardFields legend={t('referrals.program.referrerReward')} value={draft.referrerReward} pools={pools} onChange={(referrerReward) => set({ referrerReward })} />
      <RewardFields legend={t('referrals.program.friendReward')} value={draft.friendReward} pools={pools} onChange={(friendReward) => set({ friendReward })} />
      <fieldset className="referral-fieldset">
        <legend>{t('referrals.program.qualifying')}</legend>
        <p className="field-hint">{t('referrals.program.qualifyingHint')}</p>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-days`}>{t('referrals.program.attributionDays')}</label>
            <input id={`${id}-days`} className="input" type="number" min={1} max={365} required value={draft.attributionDays} onChange={(event) => set({ attributionDays: Number(event.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-min`}>{t('referrals.program.minOrder')}</label>
            <input id={`${id}-min`} className="input" type="number" min={1} value={draft.minOrderMinor ?? ''} onChange={(event) => set({ minOrderMinor: numberOrNull(event.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-currency`}>{t('referrals.program.currency')}</label>
            <input id={`${id}-currency`} className="input" maxLength={3} pattern="[A-Za-z]{3}" value={draft.currency ?? ''} onChange={(event) => set({ currency: event.target.value || null })} />
          </div>
        </div>
      </fieldset>
      <fieldset className="referral-fieldset">
        <legend>{t('referrals.program.caps')}</legend>
        <p className="field-hint">{t('referrals.program.guardsHint')}</p>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-cap`}>{t('referrals.program.capPerReferrer')}</label>
            <input id={`${id}-cap`} className="input" type="number" min={1} max={10000} value={draft.capPerReferrer ?? ''} onChange={(event) => set({ capPerReferrer: numberOrNull(event.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-period`}>{t('referrals.program.capPeriodDays')}</label>
            <input id={`${id}-period`} className="input" type="number" min={1} max={3650} required value={draft.capPeriodDays} onChange={(event) => set({ capPeriodDays: Number(event.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-ip`}>{t('referrals.program.ipWindowDays')}</label>
            <input id={`${id}-ip`} className="input" type="number" min={1} max={365} required value={draft.ipWindowDays} onChange={(event) => set({ ipWindowDays: Number(event.target.value) })} />
          </div>
        </div>
      </fieldset>
      <fieldset className="referral-fieldset">
        <legend>{t('referrals.program.offerText')}</legend>
        {LOCALES.map((locale) => (
          <div key={locale} className="field">
            <label htmlFor={`${id}-offer-${locale}`}>{t(`referrals.language.${locale}`)}</label>
            <input id={`${id}-offer-${locale}`} className="input" lang={locale} maxLength={500} value={draft.offerText[locale] ?? ''} onChange={(event) => set({ offerText: { ...draft.offerText, [locale]: event.target.value } })} />
          </div>
        ))}
      </fieldset>
      {action.error ? <ErrorNotice error={action.error} /> : null}
      {saved ? <p role="status" className="referral-saved">{t('referrals.program.saved')}</p> : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={action.busy}>{t('referrals.program.save')}</button>
      </div>
    </form>
  );
}
