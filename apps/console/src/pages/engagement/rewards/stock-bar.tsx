import { isApiError } from '../../../api/api-error.ts';
import type { CouponPool, PoolStock } from '../../../api/rewards-endpoints.ts';
import { type I18n, useI18n } from '../../../i18n/i18n-context.tsx';

/** The server's message for one field of a failed form, if it named that field. */
export const fieldErrorOf = (error: unknown, path: string) => (isApiError(error) ? error.fieldErrors.find((item) => item.path === path)?.message ?? null : null);

/** A pool's offer in words: "10 % off", "€5.00 off", "Free item", with its minimum spend. */
export function describeOffer(pool: Pick<CouponPool, 'kind' | 'value' | 'currency' | 'minSpendMinor'>, { t, formatMoney }: Pick<I18n, 't' | 'formatMoney'>) {
  const offer = pool.kind === 'percent' ? t('rewards.offerPercent', { value: pool.value })
    : pool.kind === 'amount' ? t('rewards.offerAmount', { value: formatMoney(pool.value, pool.currency ?? 'USD') }) : t('rewards.kind.free_item');
  return pool.minSpendMinor != null ? `${offer} · ${t('rewards.offerMinSpend', { value: formatMoney(pool.minSpendMinor, pool.currency ?? 'USD') })}` : offer;
}

/** Available / issued / redeemed as one bar with the figures beside it (the bar is decoration; the figures are the text). */
export function StockBar({ stock }: { stock: PoolStock }) {
  const { t, formatNumber } = useI18n();
  const total = stock.available + stock.issued + stock.redeemed;
  const share = (n: number) => (total === 0 ? 0 : (n / total) * 100);
  return (
    <div className="stock">
      <div className="stock-bar" aria-hidden="true">
        <span className="stock-available" style={{ width: `${share(stock.available)}%` }} />
        <span className="stock-issued" style={{ width: `${share(stock.issued)}%` }} />
        <span className="stock-redeemed" style={{ width: `${share(stock.redeemed)}%` }} />
      </div>
      <p className="stock-figures small" data-testid="pool-stock">
        <span><i className="stock-dot stock-available" aria-hidden="true" />{t('rewards.stockAvailable', { count: formatNumber(stock.available) })}</span>{' '}
        <span><i className="stock-dot stock-issued" aria-hidden="true" />{t('rewards.stockIssued', { count: formatNumber(stock.issued) })}</span>{' '}
        <span><i className="stock-dot stock-redeemed" aria-hidden="true" />{t('rewards.stockRedeemed', { count: formatNumber(stock.redeemed) })}</span>
      </p>
    </div>
  );
}
