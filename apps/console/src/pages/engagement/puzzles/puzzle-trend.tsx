import { getPuzzleStats } from '../../../api/puzzle-endpoints.ts';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { DailyLineChart } from '../../reports/report-charts.tsx';
import { formatSeconds, shiftDay } from './puzzle-format.ts';

const PLAYERS_COLOR = '#3b3fd8';
const SOLVERS_COLOR = '#1a7f4b';

type DayFigures = { day: string; players: number; solvers: number; medianSeconds: number | null };

/** Every day from the first to the last one given, days without a puzzle as zeros (a time axis without holes). */
function fillDays(days: DayFigures[]): DayFigures[] {
  if (days.length === 0) return [];
  const byDay = new Map(days.map((day) => [day.day, day]));
  const filled: DayFigures[] = [];
  for (let day = days[0]!.day; day <= days.at(-1)!.day; day = shiftDay(day, 1)) filled.push(byDay.get(day) ?? { day, players: 0, solvers: 0, medianSeconds: null });
  return filled;
}

/** The last 30 days at a glance: players and solvers per day (chart), with the totals as text for everyone. */
export function PuzzleTrend() {
  const { t, locale } = useI18n();
  const account = useCurrentAccount();
  const stats = useResource((signal) => getPuzzleStats(account.id, {}, signal), [account.id]);
  const days = fillDays([...(stats.data?.days ?? [])].reverse());
  if (days.length < 2) return null;
  const players = days.reduce((sum, day) => sum + day.players, 0);
  const solvers = days.reduce((sum, day) => sum + day.solvers, 0);
  const times = days.map((day) => day.medianSeconds).filter((value): value is number => value !== null).sort((a, b) => a - b);
  const dayFormat = new Intl.DateTimeFormat(locale === 'en' ? 'en' : locale === 'ja' ? 'ja-JP' : 'zh-CN', { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  return (
    <section className="panel" aria-labelledby="puzzle-trend-title">
      <h2 id="puzzle-trend-title" className="panel-title">{t('puzzles.trend')}</h2>
      <ul className="puzzle-trend-legend">
        <li><span className="puzzle-swatch" style={{ background: PLAYERS_COLOR }} aria-hidden="true" />{t('puzzles.stat.players')}: <strong>{players}</strong></li>
        <li><span className="puzzle-swatch" style={{ background: SOLVERS_COLOR }} aria-hidden="true" />{t('puzzles.stat.solvers')}: <strong>{solvers}</strong></li>
        <li>{t('puzzles.trendMedian')}: <strong>{formatSeconds(times.length ? times[Math.floor(times.length / 2)]! : null)}</strong></li>
      </ul>
      <DailyLineChart
        dates={days.map((day) => day.day)}
        series={[{ label: t('puzzles.stat.players'), color: PLAYERS_COLOR, values: days.map((day) => day.players) }, { label: t('puzzles.stat.solvers'), color: SOLVERS_COLOR, values: days.map((day) => day.solvers) }]}
        formatDay={(date) => dayFormat.format(new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate())))}
        height={180}
      />
    </section>
  );
}
