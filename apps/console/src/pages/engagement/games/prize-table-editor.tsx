import { useId } from 'react';
import type { CouponPoolOption, PrizeInput, PrizeKind } from '../../../api/games-endpoints.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

const KINDS: PrizeKind[] = ['free_item', 'discount', 'points', 'try_again'];
const optionalNumber = (value: string) => (value.trim() === '' ? null : Math.max(0, Math.floor(Number(value))));

/**
 * The prize table: one row per line with its grant (pool or points), weight and stock, and the odds it gives
 * (weight / total) as a percentage beside it. `locked` (a live campaign) keeps lines and weights; stock stays editable.
 */
export function PrizeTableEditor({ prizes, pools, locked, onChange }: { prizes: PrizeInput[]; pools: CouponPoolOption[]; locked: boolean; onChange: (prizes: PrizeInput[]) => void }) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  const total = prizes.reduce((sum, prize) => sum + prize.weight, 0);
  const patch = (index: number, change: Partial<PrizeInput>) => onChange(prizes.map((prize, at) => (at === index ? { ...prize, ...change } : prize)));
  const percent = (weight: number) => (total > 0 ? `${formatNumber(Math.round((weight / total) * 10_000) / 100)}%` : '—');
  return (
    <fieldset className="game-fieldset">
      <legend>{t('games.prizes')}</legend>
      <p className="field-hint">{t('games.prizesHint')}</p>
      <ol className="prize-rows">
        {prizes.map((prize, index) => {
          const poolsForKind = pools.filter((pool) => (prize.kind === 'free_item' ? pool.kind === 'free_item' : pool.kind !== 'free_item'));
          const rowId = `${id}-${index}`;
          return (
            <li key={index} className="prize-row">
              <div className="field">
                <label htmlFor={`${rowId}-label`}>{t('games.prizeLabel')}</label>
                <input id={`${rowId}-label`} className="input" maxLength={80} value={prize.label} onChange={(event) => patch(index, { label: event.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`${rowId}-kind`}>{t('games.prizeKind')}</label>
                <select id={`${rowId}-kind`} className="select" value={prize.kind} disabled={locked} onChange={(event) => patch(index, { kind: event.target.value as PrizeKind, poolId: null, points: null })}>
                  {KINDS.map((kind) => <option key={kind} value={kind}>{t(`games.prizeKind.${kind}`)}</option>)}
                </select>
              </div>
              {prize.kind === 'free_item' || prize.kind === 'discount' ? (
                <div className="field">
                  <label htmlFor={`${rowId}-pool`}>{t('games.pool')}</label>
                  <select id={`${rowId}-pool`} className="select" required value={prize.poolId ?? ''} disabled={locked} onChange={(event) => patch(index, { poolId: event.target.value || null })}>
                    <option value="">{t('games.choosePool')}</option>
                    {poolsForKind.map((pool) => <option key={pool.id} value={pool.id}>{pool.name}{pool.stock ? ` (${formatNumber(pool.stock.available)})` : ''}</option>)}
                  </select>
                </div>
              ) : null}
              {prize.kind === 'points' ? (
                <div className="field field-small">
                  <label htmlFor={`${rowId}-points`}>{t('games.points')}</label>
                  <input id={`${rowId}-points`} className="input" type="number" min={1} required disabled={locked} value={prize.points ?? ''} onChange={(event) => patch(index, { points: optionalNumber(event.target.value) })} />
                </div>
              ) : null}
              <div className="field field-small">
                <label htmlFor={`${rowId}-weight`}>{t('games.weight')}</label>
                <input id={`${rowId}-weight`} className="input" type="number" min={0} required disabled={locked} value={prize.weight} onChange={(event) => patch(index, { weight: optionalNumber(event.target.value) ?? 0 })} />
              </div>
              <p className="prize-odds" aria-live="polite"><span className="field-hint">{t('games.odds')}</span> <strong>{percent(prize.weight)}</strong></p>
              {prize.kind !== 'try_again' ? (
                <>
                  <div className="field field-small">
                    <label htmlFor={`${rowId}-stock`}>{t('games.stock')}</label>
                    <input id={`${rowId}-stock`} className="input" type="number" min={0} value={prize.stock ?? ''} onChange={(event) => patch(index, { stock: optionalNumber(event.target.value) })} />
                  </div>
                  <div className="field field-small">
                    <label htmlFor={`${rowId}-value`}>{t('games.valueMinor')}</label>
                    <input id={`${rowId}-value`} className="input" type="number" min={0} disabled={locked} value={prize.valueMinor ?? 0} onChange={(event) => patch(index, { valueMinor: optionalNumber(event.target.value) ?? 0 })} />
                  </div>
                </>
              ) : null}
              {locked ? null : (
                <button type="button" className="button button-secondary prize-remove" aria-label={t('games.removePrize', { n: index + 1 })} onClick={() => onChange(prizes.filter((_, at) => at !== index))}>✕</button>
              )}
            </li>
          );
        })}
      </ol>
      <p className="field-hint">{t('games.totalWeight', { total: formatNumber(total) })}</p>
      {locked ? null : <button type="button" className="button button-secondary" onClick={() => onChange([...prizes, { label: '', kind: 'points', points: 10, weight: 1, stock: null }])}>{t('games.addPrize')}</button>}
    </fieldset>
  );
}
