import { useId, useState } from 'react';
import { createGiftCampaign, type GiftCampaign, type GiftCampaignInput, type GiftCampaignStatus, type GiftItem, listGiftCampaigns, listPoolsForGifts, updateGiftCampaign } from '../../../api/gift-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { navigate } from '../../../router/history.ts';
import { paths } from '../../../routes/paths.ts';

const STATUSES: GiftCampaignStatus[] = ['draft', 'live', 'paused', 'ended'];
const KINDS: GiftItem['kind'][] = ['product', 'voucher', 'card'];

/** `datetime-local` works in the browser's zone; the API takes ISO instants. */
const toLocalInput = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '');
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

function blankCampaign(): GiftCampaignInput {
  return { name: '', description: '', status: 'draft', item: { kind: 'product', title: '' }, swapOptions: [], stock: 100, perPersonLimit: 1, requireOtherCountry: false, claimDays: 14, startsAt: null, endsAt: null };
}

/** Create or edit a gift campaign: the item (product, voucher or card), stock, per-person limit, dates, swaps, the border rule. */
export function GiftCampaignEditor({ campaignId }: { campaignId: string | null }) {
  const account = useCurrentAccount();
  const existing = useResource((signal) => (campaignId ? listGiftCampaigns(account.id, signal).then((data) => data.campaigns.find((c) => c.id === campaignId) ?? null) : Promise.resolve(null)), [account.id, campaignId]);
  if (existing.error) return <ErrorNotice error={existing.error} />;
  if (campaignId && !existing.data) return <LoadingState />;
  return <CampaignForm key={existing.data?.id ?? 'new'} campaign={existing.data} />;
}

function CampaignForm({ campaign }: { campaign: GiftCampaign | null }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const pools = useResource((signal) => listPoolsForGifts(account.id, signal), [account.id]);
  const [draft, setDraft] = useState<GiftCampaignInput>(() => (campaign ? { ...campaign } : blankCampaign()));
  const [swaps, setSwaps] = useState(() => (campaign?.swapOptions ?? []).map((item) => (item.kind === 'product' ? item.title : '')).filter(Boolean).join('\n'));
  const set = (patch: Partial<GiftCampaignInput>) => setDraft((current) => ({ ...current, ...patch }));
  const item = draft.item;
  function setKind(kind: GiftItem['kind']) {
    if (kind === 'product') set({ item: { kind, title: '' } });
    else if (kind === 'voucher') set({ item: { kind, poolId: pools.data?.pools[0]?.id ?? '', title: '' } });
    else set({ item: { kind } });
  }
  const action = useFormAction(async () => {
    const swapOptions: GiftItem[] = swaps.split('\n').map((line) => line.trim()).filter(Boolean).map((title) => ({ kind: 'product', title }));
    const cleanItem: GiftItem = item.kind === 'voucher' ? { kind: 'voucher', poolId: item.poolId, ...(item.title ? { title: item.title } : {}) }
      : item.kind === 'product' ? { kind: 'product', title: item.title, ...(item.imageUrl ? { imageUrl: item.imageUrl } : {}) } : { kind: 'card' };
    const input = { ...draft, item: cleanItem, swapOptions };
    const { name, description, status, stock, perPersonLimit, requireOtherCountry, claimDays, startsAt, endsAt } = input;
    const body = { name, description, status, item: cleanItem, swapOptions, stock, perPersonLimit, requireOtherCountry, claimDays, startsAt, endsAt };
    if (campaign) await updateGiftCampaign(account.id, campaign.id, body);
    else await createGiftCampaign(account.id, body);
    navigate(paths.engagement(account.id, 'gifts'));
  });
  return (
    <div className="gifts">
      <PageHeader before={<Link to={paths.engagement(account.id, 'gifts')} className="back-link">{t('gifts.back')}</Link>} title={campaign ? t('gifts.editTitle') : t('gifts.newTitle')} />
      <form className="form gift-campaign-form" onSubmit={action.handleSubmit}>
        <div className="form-row">
          <div className="field field-grow">
            <label htmlFor={`${id}-name`}>{t('gifts.name')}</label>
            <input id={`${id}-name`} className="input" required maxLength={120} value={draft.name} onChange={(event) => set({ name: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('gifts.status')}</label>
            <select id={`${id}-status`} className="select" value={draft.status} onChange={(event) => set({ status: event.target.value as GiftCampaignStatus })}>
              {STATUSES.map((status) => <option key={status} value={status}>{t(`gifts.campaignStatus.${status}`)}</option>)}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>{t('gifts.campaignDescription')}</label>
          <textarea id={`${id}-description`} className="textarea" rows={2} maxLength={1000} value={draft.description} onChange={(event) => set({ description: event.target.value })} />
        </div>
        <fieldset className="gift-fieldset">
          <legend>{t('gifts.item')}</legend>
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('gifts.itemKind')}</label>
            <select id={`${id}-kind`} className="select" value={item.kind} onChange={(event) => setKind(event.target.value as GiftItem['kind'])}>
              {KINDS.map((kind) => <option key={kind} value={kind}>{t(`gifts.itemKind.${kind}`)}</option>)}
            </select>
          </div>
          {item.kind === 'product' ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-title`}>{t('gifts.itemTitle')}</label>
                <input id={`${id}-title`} className="input" required maxLength={120} value={item.title} onChange={(event) => set({ item: { ...item, title: event.target.value } })} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-image`}>{t('gifts.itemImage')}</label>
                <input id={`${id}-image`} className="input" type="url" value={item.imageUrl ?? ''} onChange={(event) => set({ item: { ...item, imageUrl: event.target.value || undefined } })} />
              </div>
            </>
          ) : null}
          {item.kind === 'voucher' ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-pool`}>{t('gifts.pool')}</label>
                <select id={`${id}-pool`} className="select" required value={item.poolId} onChange={(event) => set({ item: { ...item, poolId: event.target.value } })}>
                  <option value="" disabled>—</option>
                  {(pools.data?.pools ?? []).map((pool) => <option key={pool.id} value={pool.id}>{t('gifts.poolAvailable', { name: pool.name, count: pool.stock?.available ?? 0 })}</option>)}
                </select>
                {pools.data && pools.data.pools.length === 0 ? <p className="field-hint"><Link to={paths.engagement(account.id, 'rewards')}>{t('gifts.noPools')}</Link></p> : null}
              </div>
              <div className="field">
                <label htmlFor={`${id}-vtitle`}>{t('gifts.voucherTitle')}</label>
                <input id={`${id}-vtitle`} className="input" maxLength={120} value={item.title ?? ''} onChange={(event) => set({ item: { ...item, title: event.target.value } })} />
              </div>
            </>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-swaps`}>{t('gifts.swapOptions')}</label>
            <textarea id={`${id}-swaps`} className="textarea" rows={3} aria-describedby={`${id}-swaps-hint`} value={swaps} onChange={(event) => setSwaps(event.target.value)} />
            <p id={`${id}-swaps-hint`} className="field-hint">{t('gifts.swapHint')}</p>
          </div>
        </fieldset>
        <fieldset className="gift-fieldset">
          <legend>{t('gifts.stock')}</legend>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-stock`}>{t('gifts.stock')}</label>
              <input id={`${id}-stock`} className="input" type="number" min={0} aria-describedby={`${id}-stock-hint`} value={draft.stock ?? ''} onChange={(event) => set({ stock: event.target.value === '' ? null : Number(event.target.value) })} />
              <p id={`${id}-stock-hint`} className="field-hint">{t('gifts.stockHint')}</p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-per-person`}>{t('gifts.perPerson')}</label>
              <input id={`${id}-per-person`} className="input" type="number" min={1} max={1000} required value={draft.perPersonLimit} onChange={(event) => set({ perPersonLimit: Number(event.target.value) })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-claim-days`}>{t('gifts.claimDays')}</label>
              <input id={`${id}-claim-days`} className="input" type="number" min={1} max={365} required value={draft.claimDays} onChange={(event) => set({ claimDays: Number(event.target.value) })} />
            </div>
          </div>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-starts`}>{t('gifts.startsAt')}</label>
              <input id={`${id}-starts`} className="input" type="datetime-local" value={toLocalInput(draft.startsAt)} onChange={(event) => set({ startsAt: fromLocalInput(event.target.value) })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-ends`}>{t('gifts.endsAt')}</label>
              <input id={`${id}-ends`} className="input" type="datetime-local" value={toLocalInput(draft.endsAt)} onChange={(event) => set({ endsAt: fromLocalInput(event.target.value) })} />
            </div>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={draft.requireOtherCountry} onChange={(event) => set({ requireOtherCountry: event.target.checked })} />
            {t('gifts.otherCountry')}
          </label>
        </fieldset>
        {action.error ? <ErrorNotice error={action.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={action.busy}>{campaign ? t('gifts.save') : t('gifts.create')}</button>
        </div>
      </form>
    </div>
  );
}
