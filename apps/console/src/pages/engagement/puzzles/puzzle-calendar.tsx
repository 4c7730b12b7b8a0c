import { useState } from 'react';
import { getPuzzleCalendar, getPuzzleStats, listPuzzleCouponPools, type Puzzle } from '../../../api/puzzle-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount, useIsAdmin } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { type Translate, useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { formatPuzzleDay, formatSeconds, shiftDay } from './puzzle-format.ts';
import { PuzzleTrend } from './puzzle-trend.tsx';

const PAGE_DAYS = 21;

export function describeDeal(puzzle: Puzzle, poolNames: Map<string, string>, t: Translate) {
  if (puzzle.deal.kind === 'points') return t('puzzles.dealPoints', { points: puzzle.deal.points });
  const pool = poolNames.get(puzzle.deal.poolId);
  return pool ? t('puzzles.dealCoupon', { pool }) : t('puzzles.dealKindCoupon');
}

/** The calendar: three weeks from a week ago by default, each day with its puzzle (or none) and how it went. */
export function PuzzleCalendarView() {
  const { t, locale } = useI18n();
  const account = useCurrentAccount();
  const [from, setFrom] = useState<string | null>(null);
  const calendar = useResource((signal) => getPuzzleCalendar(account.id, from ? { from, to: shiftDay(from, PAGE_DAYS - 1) } : {}, signal), [account.id, from]);
  const first = calendar.data?.days[0]?.day;
  const last = calendar.data?.days.at(-1)?.day;
  const stats = useResource((signal) => (first && last ? getPuzzleStats(account.id, { from: first, to: last }, signal) : Promise.resolve({ days: [] })), [account.id, first, last]);
  const isAdmin = useIsAdmin();
  const pools = useResource((signal) => (isAdmin ? listPuzzleCouponPools(account.id, signal) : Promise.resolve({ pools: [] })), [account.id, isAdmin]);
  const poolNames = new Map((pools.data?.pools ?? []).map((pool) => [pool.id, pool.name]));
  const statsByDay = new Map((stats.data?.days ?? []).map((day) => [day.day, day]));

  return (
    <div className="puzzles">
      <PageHeader title={t('puzzles.title')} description={calendar.data ? t('puzzles.description', { zone: calendar.data.timeZone }) : undefined} />
      <ErrorNotice error={calendar.error} />
      <PuzzleTrend />
      {!calendar.data ? (calendar.loading ? <LoadingState /> : null) : (
        <section className="panel" aria-labelledby="puzzle-calendar-title">
          <div className="puzzle-calendar-head">
            <h2 id="puzzle-calendar-title" className="panel-title">{t('puzzles.calendar')}</h2>
            <div className="puzzle-calendar-nav">
              <button type="button" className="button button-secondary button-small" onClick={() => setFrom(shiftDay(first!, -PAGE_DAYS))}>{t('puzzles.earlier')}</button>
              <button type="button" className="button button-secondary button-small" onClick={() => setFrom(shiftDay(first!, PAGE_DAYS))}>{t('puzzles.later')}</button>
            </div>
          </div>
          <table className="table table-responsive puzzle-calendar">
            <thead>
              <tr>
                <th scope="col">{t('puzzles.colDay')}</th>
                <th scope="col">{t('puzzles.colPicture')}</th>
                <th scope="col">{t('puzzles.colPieces')}</th>
                <th scope="col">{t('puzzles.colDeal')}</th>
                <th scope="col">{t('puzzles.colResults')}</th>
                <th scope="col">{t('puzzles.colMedian')}</th>
                <th scope="col"><span className="visually-hidden">{t('puzzles.colActions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {calendar.data.days.map(({ day, puzzle }) => {
                const isToday = day === calendar.data!.today;
                const past = day < calendar.data!.today;
                const action = puzzle ? (past || !isAdmin ? t('puzzles.view') : t('puzzles.edit')) : t('puzzles.set');
                const dayStats = statsByDay.get(day);
                return (
                  <tr key={day} className={isToday ? 'puzzle-today' : past ? 'puzzle-past' : undefined}>
                    <th scope="row">
                      {formatPuzzleDay(day, locale)}
                      {isToday ? <span className="badge puzzle-today-badge">{t('puzzles.today')}</span> : null}
                    </th>
                    <td>{puzzle ? <img className="puzzle-thumb" src={puzzle.imageUrl} alt="" width={40} height={40} loading="lazy" /> : <span className="muted puzzle-none">{t('puzzles.noPuzzle')}</span>}</td>
                    <td>{puzzle ? t('puzzles.pieces', { size: puzzle.gridSize }) : null}</td>
                    <td>{puzzle ? describeDeal(puzzle, poolNames, t) : null}</td>
                    <td>{dayStats ? t('puzzles.results', { players: dayStats.players, solvers: dayStats.solvers }) : null}</td>
                    <td>{dayStats ? formatSeconds(dayStats.medianSeconds) : null}</td>
                    <td>
                      {puzzle || (!past && isAdmin) ? (
                        <Link to={paths.engagement(account.id, 'puzzles', day)} className="button button-ghost button-small" aria-label={`${action}: ${formatPuzzleDay(day, locale)}`}>
                          {action}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
