import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';

/** Switches the rewards tab between its coupon pools and the points lookup. */
export function RewardsNav({ current }: { current: 'pools' | 'points' }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  return (
    <nav className="segmented rewards-nav" aria-label={t('rewards.nav')}>
      <Link to={paths.engagement(account.id, 'rewards')} className="segmented-item" aria-current={current === 'pools' ? 'page' : undefined}>{t('rewards.pools')}</Link>
      <Link to={paths.engagement(account.id, 'rewards', 'points')} className="segmented-item" aria-current={current === 'points' ? 'page' : undefined}>{t('rewards.points')}</Link>
    </nav>
  );
}
