import type { ReactNode } from 'react';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';
import { NotFoundPage } from '../not-found-page.tsx';
import { DelightSection } from './delight/delight-section.tsx';
import { ENGAGEMENT_SECTIONS, type EngagementSectionId, findEngagementSection } from './engagement-sections.ts';
import { GamesSection } from './games/games-section.tsx';
import { GiftsSection } from './gifts/gifts-section.tsx';
import { LiveFeedSection } from './live/live-section.tsx';
import { PuzzlesSection } from './puzzles/puzzles-section.tsx';
import { ReferralsSection } from './referrals/referrals-section.tsx';
import { RewardsSection } from './rewards/rewards-section.tsx';
import '../experience/experience.css';

const SECTIONS: Record<EngagementSectionId, (rest: string[]) => ReactNode> = {
  rewards: (rest) => <RewardsSection rest={rest} />,
  games: (rest) => <GamesSection rest={rest} />,
  puzzles: (rest) => <PuzzlesSection rest={rest} />,
  gifts: (rest) => <GiftsSection rest={rest} />,
  live: (rest) => <LiveFeedSection rest={rest} />,
  delight: (rest) => <DelightSection rest={rest} />,
  referrals: (rest) => <ReferralsSection rest={rest} />,
};

/** `/a/:accountId/engagement[/<section>/…]`: rewards, games, gifts, the live feed and advocacy under one set of tabs. */
export function EngagementPage({ rest }: { rest: string[] }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const [first, ...more] = rest;
  const section = findEngagementSection(first ?? 'rewards');
  if (!section) return <NotFoundPage homeTo={paths.home(account.id)} />;
  return (
    <>
      <nav className="experience-tabs" aria-label={t('engagement.sections')}>
        {ENGAGEMENT_SECTIONS.map((item) => (
          <Link key={item.id} to={paths.engagement(account.id, item.id)} className="experience-tab" aria-current={item.id === section.id ? 'page' : undefined}>{t(item.label)}</Link>
        ))}
      </nav>
      {SECTIONS[section.id](more)}
    </>
  );
}
