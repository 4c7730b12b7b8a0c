import { useId, useState } from 'react';
import {
  createGameCampaign, getGameCampaign, listCouponPoolOptions, updateGameCampaign, type GameCampaign, type GameCampaignInput, type PrizeInput,
} from '../../../api/games-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { navigate } from '../../../router/history.ts';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { PrizeTableEditor } from './prize-table-editor.tsx';

function blankCampaign(): GameCampaignInput {
  return {
    name: '', kind: 'order_game', startsAt: null, endsAt: null, eligibility: { ordersRequired: 3, windowDays: null, uniqueBy: 'order', minOrderMinor: null },
    limits: { perCustomer: null, perDevice: null, perPeriod: null }, cardCount: 3, rulesText: '', alternativeEntry: '', budgetMinor: null, currency: null,
    prizes: [{ label: '', kind: 'free_item', poolId: null, weight: 1, stock: 10 }, { label: '', kind: 'try_again', weight: 3 }],
  };
}

function inputOf(campaign: GameCampaign): GameCampaignInput {
  return {
    name: campaign.name, kind: campaign.kind, startsAt: campaign.startsAt, endsAt: campaign.endsAt, eligibility: campaign.eligibility, limits: campaign.limits,
    cardCount: campaign.cardCount === 5 ? 5 : 3, rulesText: campaign.rulesText, alternativeEntry: campaign.alternativeEntry, budgetMinor: campaign.budgetMinor, currency: campaign.currency,
    prizes: campaign.prizes.map((prize) => ({ id: prize.id, label: prize.label, kind: prize.kind, poolId: prize.poolId, points: prize.points, weight: prize.weight, stock: prize.stock, valueMinor: prize.valueMinor })),
  };
}

/** `datetime-local` works in the browser's zone; the API takes ISO instants. */
const toLocalInput = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '');
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);
const optionalNumber = (value: string) => (value.trim() === '' ? null : Math.max(0, Math.floor(Number(value))));

export function GameEditor({ campaignId }: { campaignId: string | null }) {
  const account = useCurrentAccount();
  const existing = useResource((signal) => (campaignId ? getGameCampaign(account.id, campaignId, signal) : Promise.resolve(null)), [account.id, campaignId]);
  if (existing.error) return <ErrorNotice error={existing.error} />;
  if (campaignId && !existing.data) return <LoadingState />;
  return <GameForm key={existing.data?.id ?? 'new'} campaign={existing.data} />;
}

/** Create or edit a game: kind, eligibility, prize table with odds, limits, dates, budget and rules text. */
function GameForm({ campaign }: { campaign: GameCampaign | null }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const pools = useResource((signal) => listCouponPoolOptions(account.id, signal), [account.id]);
  const [draft, setDraft] = useState<GameCampaignInput>(() => (campaign ? inputOf(campaign) : blankCampaign()));
  const set = (patch: Partial<GameCampaignInput>) => setDraft((current) => ({ ...current, ...patch }));
  const live = campaign?.status === 'live';
  const action = useFormAction(async () => {
    const body = { ...draft, prizes: draft.prizes.map((prize): PrizeInput => ({ ...prize, label: prize.label.trim() || t(`games.prizeKind.${prize.kind}`) })) };
    const saved = campaign ? await updateGameCampaign(account.id, campaign.id, body) : await createGameCampaign(account.id, body);
    navigate(paths.engagement(account.id, 'games', saved.id));
  });
  const e = draft.eligibility;
  const l = draft.limits;
  return (
    <div className="games">
      <PageHeader before={<Link to={paths.engagement(account.id, 'games', ...(campaign ? [campaign.id] : []))} className="back-link">{t('games.back')}</Link>} title={campaign ? t('games.editTitle') : t('games.newTitle')} />
      <form className="form game-form" onSubmit={action.handleSubmit}>
        <div className="form-row">
          <div className="field field-grow">
            <label htmlFor={`${id}-name`}>{t('games.name')}</label>
            <input id={`${id}-name`} className="input" required maxLength={120} value={draft.name} onChange={(event) => set({ name: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('games.kind')}</label>
            <select id={`${id}-kind`} className="select" value={draft.kind} disabled={live} onChange={(event) => set({ kind: event.target.value as GameCampaignInput['kind'] })}>
              <option value="order_game">{t('games.kind.order_game')}</option>
              <option value="draw">{t('games.kind.draw')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-cards`}>{t('games.cards')}</label>
            <select id={`${id}-cards`} className="select" value={draft.cardCount} disabled={live} onChange={(event) => set({ cardCount: Number(event.target.value) === 5 ? 5 : 3 })}>
              <option value={3}>3</option>
              <option value={5}>5</option>
            </select>
          </div>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-starts`}>{t('games.startsAt')}</label>
            <input id={`${id}-starts`} className="input" type="datetime-local" disabled={live} value={toLocalInput(draft.startsAt)} onChange={(event) => set({ startsAt: fromLocalInput(event.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-ends`}>{t('games.endsAt')}</label>
            <input id={`${id}-ends`} className="input" type="datetime-local" value={toLocalInput(draft.endsAt)} onChange={(event) => set({ endsAt: fromLocalInput(event.target.value) })} />
          </div>
        </div>

        {draft.kind === 'order_game' ? (
          <fieldset className="game-fieldset" disabled={live}>
            <legend>{t('games.eligibility')}</legend>
            <p className="field-hint">{t('games.eligibilityHint')}</p>
            <div className="form-row">
              <div className="field">
                <label htmlFor={`${id}-orders`}>{t('games.ordersRequired')}</label>
                <input id={`${id}-orders`} className="input" type="number" min={1} max={100} required value={e.ordersRequired} onChange={(event) => set({ eligibility: { ...e, ordersRequired: Math.max(1, Number(event.target.value) || 1) } })} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-unique`}>{t('games.uniqueBy')}</label>
                <select id={`${id}-unique`} className="select" value={e.uniqueBy} onChange={(event) => set({ eligibility: { ...e, uniqueBy: event.target.value === 'day' ? 'day' : 'order' } })}>
                  <option value="order">{t('games.uniqueBy.order')}</option>
                  <option value="day">{t('games.uniqueBy.day')}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-window`}>{t('games.windowDays')}</label>
                <input id={`${id}-window`} className="input" type="number" min={1} max={3650} value={e.windowDays ?? ''} onChange={(event) => set({ eligibility: { ...e, windowDays: optionalNumber(event.target.value) || null } })} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-min`}>{t('games.minOrder')}</label>
                <input id={`${id}-min`} className="input" type="number" min={0} value={e.minOrderMinor ?? ''} onChange={(event) => set({ eligibility: { ...e, minOrderMinor: optionalNumber(event.target.value) } })} />
              </div>
            </div>
          </fieldset>
        ) : null}

        <PrizeTableEditor prizes={draft.prizes} pools={pools.data?.pools ?? []} locked={live} onChange={(prizes) => set({ prizes })} />

        <fieldset className="game-fieldset">
          <legend>{t('games.limits')}</legend>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-per-customer`}>{t('games.perCustomer')}</label>
              <input id={`${id}-per-customer`} className="input" type="number" min={1} value={l.perCustomer ?? ''} onChange={(event) => set({ limits: { ...l, perCustomer: optionalNumber(event.target.value) || null } })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-per-device`}>{t('games.perDevice')}</label>
              <input id={`${id}-per-device`} className="input" type="number" min={1} value={l.perDevice ?? ''} onChange={(event) => set({ limits: { ...l, perDevice: optionalNumber(event.target.value) || null } })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-period-plays`}>{t('games.perPeriodPlays')}</label>
              <input id={`${id}-period-plays`} className="input" type="number" min={1} value={l.perPeriod?.plays ?? ''}
                onChange={(event) => { const plays = optionalNumber(event.target.value); set({ limits: { ...l, perPeriod: plays ? { plays, days: l.perPeriod?.days ?? 7 } : null } }); }} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-period-days`}>{t('games.perPeriodDays')}</label>
              <input id={`${id}-period-days`} className="input" type="number" min={1} max={365} disabled={!l.perPeriod} value={l.perPeriod?.days ?? ''}
                onChange={(event) => l.perPeriod && set({ limits: { ...l, perPeriod: { ...l.perPeriod, days: Math.max(1, optionalNumber(event.target.value) ?? 1) } } })} />
            </div>
          </div>
        </fieldset>

        <fieldset className="game-fieldset">
          <legend>{t('games.budget')}</legend>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-budget`}>{t('games.budgetMinor')}</label>
              <input id={`${id}-budget`} className="input" type="number" min={0} value={draft.budgetMinor ?? ''} onChange={(event) => set({ budgetMinor: optionalNumber(event.target.value) })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-currency`}>{t('games.currency')}</label>
              <input id={`${id}-currency`} className="input" maxLength={3} pattern="[A-Za-z]{3}" value={draft.currency ?? ''} onChange={(event) => set({ currency: event.target.value.toUpperCase() || null })} />
            </div>
          </div>
        </fieldset>

        <fieldset className="game-fieldset">
          <legend>{t('games.rules')}</legend>
          <div className="field">
            <label htmlFor={`${id}-alternative`}>{t('games.alternativeEntry')}</label>
            <textarea id={`${id}-alternative`} className="textarea" rows={3} maxLength={2000} value={draft.alternativeEntry} onChange={(event) => set({ alternativeEntry: event.target.value })} />
            <p className="field-hint">{t('games.alternativeHint')}</p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-rules`}>{t('games.rulesText')}</label>
            <textarea id={`${id}-rules`} className="textarea" rows={5} maxLength={10_000} value={draft.rulesText} onChange={(event) => set({ rulesText: event.target.value })} />
          </div>
        </fieldset>

        {action.error ? <ErrorNotice error={action.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={action.busy}>{campaign ? t('games.save') : t('games.create')}</button>
        </div>
      </form>
    </div>
  );
}

