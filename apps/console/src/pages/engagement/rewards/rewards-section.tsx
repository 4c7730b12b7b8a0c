import { EmptyState } from '../../../components/empty-state.tsx';
import { useI18n } from '../../../i18n/i18n-context.tsx';

/** `/a/:accountId/engagement/rewards`: placeholder until this section is built (issue 8). */
export function RewardsSection(_props: { rest: string[] }) {
  const { t } = useI18n();
  return <EmptyState title={t('engagement.rewards')} />;
}
