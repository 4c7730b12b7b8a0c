import { useState } from 'preact/hooks';
import type { MessageKey } from '../i18n.ts';
import { formatDate, formatMoney } from '../format.ts';
import { ErrorNote, Loading, Page, useLoad } from '../parts.tsx';
import { usePortal } from '../portal-context.ts';
import './rewards.css';

interface MyRewards {
  balance: number;
  entries: { id: string; kind: 'earn' | 'spend' | 'expire' | 'reverse'; points: number; balanceAfter: number; reason: string; expiresAt: string | null; createdAt: string }[];
  coupons: {
    id: string; code: string; status: 'issued' | 'redeemed' | 'void' | 'available'; issuedAt: string | null; redeemedAt: string | null; expiresAt: string | null;
    offer: { name: string; kind: 'percent' | 'amount' | 'free_item'; value: number; currency: string | null; minSpendMinor: number | null };
  }[];
}

const ENTRY_KEYS: Record<MyRewards['entries'][number]['kind'], MessageKey> = { earn: 'rewardsEarned', spend: 'rewardsSpent', expire: 'rewardsExpired', reverse: 'rewardsReversed' };
const STATUS_KEYS: Record<string, MessageKey> = { issued: 'rewardsReady', available: 'rewardsReady', redeemed: 'rewardsUsed', void: 'rewardsWithdrawn' };

/** `/portal/<handle>/rewards`: my points balance and history, and my coupons with a copy button. */
export function RewardsPage() {
  const { api, t, locale, me } = usePortal();
  const loaded = useLoad(async () => {
    const response = await fetch(`${api.base}/rewards`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error(String(response.status));
    return (await response.json()) as MyRewards;
  }, [api]);
  if (loaded.state === 'loading') return <Page title={t('rewardsTitle')} back="/"><Loading /></Page>;
  if (loaded.state === 'failed') return <Page title={t('rewardsTitle')} back="/"><ErrorNote message={t('loadFailed')} onRetry={loaded.reload} /></Page>;
  const { balance, entries, coupons } = loaded.data;
  const now = Date.now();
  const usable = coupons.filter((coupon) => (coupon.status === 'issued' || coupon.status === 'available') && !(coupon.expiresAt && Date.parse(coupon.expiresAt) <= now));
  const past = coupons.filter((coupon) => !usable.includes(coupon));
  const offerOf = (offer: MyRewards['coupons'][number]['offer']) => (offer.kind === 'percent' ? t('rewardsPercentOff', { value: offer.value })
    : offer.kind === 'amount' ? t('rewardsAmountOff', { value: formatMoney(offer.value, offer.currency ?? 'USD', locale) }) : t('rewardsFreeItem'));
  const renderCoupon = (coupon: MyRewards['coupons'][number]) => (
    <li key={coupon.id} class={`coupon-card coupon-${coupon.status}`}>
      <p class="coupon-offer">{offerOf(coupon.offer)}</p>
      <p class="muted coupon-name">{coupon.offer.name}</p>
      <CopyCode code={coupon.code} disabled={!usable.includes(coupon)} />
      <p class="coupon-meta">
        <span class={`badge badge-coupon-${coupon.status}`}>{t(STATUS_KEYS[coupon.status] ?? 'rewardsReady')}</span>{' '}
        {coupon.offer.minSpendMinor != null ? <span class="muted">{t('rewardsMinSpend', { value: formatMoney(coupon.offer.minSpendMinor, coupon.offer.currency ?? 'USD', locale) })} </span> : null}
        <span class="muted">{coupon.expiresAt ? t('rewardsExpires', { date: formatDate(coupon.expiresAt, locale, me.timeZone) }) : t('rewardsNoExpiry')}</span>
      </p>
    </li>
  );
  return (
    <Page title={t('rewardsTitle')} back="/">
      <section class="card points-card" aria-labelledby="points-heading">
        <h2 id="points-heading">{t('rewardsPoints')}</h2>
        <p class="points-big" data-testid="portal-points">{t('rewardsBalance', { points: balance.toLocaleString(locale) })}</p>
      </section>

      <section aria-labelledby="coupons-heading">
        <h2 id="coupons-heading">{t('rewardsCoupons')}</h2>
        {usable.length === 0 ? <p class="muted">{t('rewardsNoCoupons')}</p> : <ul class="coupon-list">{usable.map(renderCoupon)}</ul>}
        {past.length > 0 ? (
          <details class="past-coupons">
            <summary>{t('rewardsPastCoupons', { count: past.length })}</summary>
            <ul class="coupon-list">{past.map(renderCoupon)}</ul>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('rewardsHistory')}</h2>
        {entries.length === 0 ? <p class="muted">{t('rewardsNoHistory')}</p> : (
          <ul class="list points-history">
            {entries.map((entry) => (
              <li key={entry.id} class="list-item">
                <span class="list-title">
                  <span class={entry.points >= 0 ? 'points-plus' : 'points-minus'}>{entry.points > 0 ? '+' : ''}{entry.points.toLocaleString(locale)}</span> {entry.reason || t(ENTRY_KEYS[entry.kind])}
                </span>
                <span class="list-meta muted">{t(ENTRY_KEYS[entry.kind])} · {formatDate(entry.createdAt, locale, me.timeZone)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

function CopyCode({ code, disabled }: { code: string; disabled: boolean }) {
  const { t } = usePortal();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div class="coupon-code-row">
      <code class="coupon-code" data-testid="portal-coupon-code">{code}</code>
      {disabled ? null : (
        <button type="button" class="button secondary" onClick={() => void copy()} aria-label={t('rewardsCopyCode', { code })}>
          {copied ? t('rewardsCopied') : t('rewardsCopy')}
        </button>
      )}
      <span class="visually-hidden" role="status">{copied ? t('rewardsCopied') : ''}</span>
    </div>
  );
}
