import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ReferralOverview } from './referral-overview.tsx';
import { ReferralProgramForm } from './referral-program-form.tsx';
import { ReviewSettingsForm } from './review-settings-form.tsx';
import './referrals.css';

const PAGES = ['overview', 'program', 'reviews'] as const;

/** `/a/:accountId/engagement/referrals[/program|/reviews]`: the funnel and referrals, the program editor, review asks. */
export function ReferralsSection({ rest }: { rest: string[] }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const page = PAGES.find((item) => item === rest[0]) ?? 'overview';
  return (
    <div className="referrals">
      <PageHeader title={t('referrals.title')} description={t('referrals.description')} />
      <nav className="referrals-tabs" aria-label={t('referrals.tabs')}>
        {PAGES.map((item) => (
          <Link key={item} to={item === 'overview' ? paths.engagement(account.id, 'referrals') : paths.engagement(account.id, 'referrals', item)} className="referrals-tab" aria-current={item === page ? 'page' : undefined}>
            {t(`referrals.tab.${item}`)}
          </Link>
        ))}
      </nav>
      {page === 'program' ? <ReferralProgramForm /> : page === 'reviews' ? <ReviewSettingsForm /> : <ReferralOverview />}
    </div>
  );
}
