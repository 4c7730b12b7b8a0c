import type { PuzzleDayStats } from '../../../api/puzzle-endpoints.ts';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { formatSeconds } from './puzzle-format.ts';

/** One day's figures: players, solvers, median time to solve, and the deals it granted. */
export function PuzzleDayResults({ day, load }: { day: string; load: (signal: AbortSignal) => Promise<{ days: PuzzleDayStats[] }> }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const stats = useResource(load, [account.id, day]);
  const figures = stats.data?.days.find((entry) => entry.day === day);
  if (!stats.data) return null;
  return (
    <section className="panel" aria-labelledby="puzzle-results-title">
      <h2 id="puzzle-results-title" className="panel-title">{t('puzzles.results.title')}</h2>
      {!figures || figures.players === 0 ? <p className="muted">{t('puzzles.noResults')}</p> : (
        <dl className="puzzle-stats">
          <div><dt>{t('puzzles.stat.players')}</dt><dd>{figures.players}</dd></div>
          <div><dt>{t('puzzles.stat.solvers')}</dt><dd>{figures.solvers}</dd></div>
          <div><dt>{t('puzzles.stat.median')}</dt><dd>{formatSeconds(figures.medianSeconds)}</dd></div>
          <div><dt>{t('puzzles.stat.coupons')}</dt><dd>{figures.couponsGranted}</dd></div>
          <div><dt>{t('puzzles.stat.points')}</dt><dd>{figures.pointsGranted}</dd></div>
          <div><dt>{t('puzzles.stat.missed')}</dt><dd>{figures.dealsMissed}</dd></div>
        </dl>
      )}
    </section>
  );
}
