import type uPlot from 'uplot';
import { buildGameEvidenceUrl, deleteGameCampaign, getGameCampaign, getGameStats, setGameCampaignStatus, type GameStats } from '../../../api/games-endpoints.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { navigate } from '../../../router/history.ts';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { AXIS_STYLE, COUNT_AXIS, useUplot } from '../../reports/report-charts.tsx';
import { GrantPlayForm } from './grant-play-form.tsx';

const COLOR_PLAYS = '#3b3fd8';
const COLOR_WINNERS = '#c2410c';

/** One game: status and actions (publish, end, delete a draft), results with a daily chart, prizes left, evidence. */
export function GameDetail({ campaignId }: { campaignId: string }) {
  const { t, formatNumber, formatDate, formatMoney } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = account.role === 'admin';
  const campaign = useResource((signal) => getGameCampaign(account.id, campaignId, signal), [account.id, campaignId]);
  const stats = useResource((signal) => getGameStats(account.id, campaignId, signal), [account.id, campaignId]);
  const publish = useFormAction(async () => {
    await setGameCampaignStatus(account.id, campaignId, 'publish');
    campaign.reload();
    stats.reload();
  });
  if (campaign.error) return <ErrorNotice error={campaign.error} />;
  if (!campaign.data) return <LoadingState />;
  const game = campaign.data;
  const s = stats.data;
  return (
    <div className="games">
      <PageHeader
        before={<Link to={paths.engagement(account.id, 'games')} className="back-link">{t('games.back')}</Link>}
        title={game.name}
        description={<><span className={`badge game-status-${game.status}`}>{t(`games.status.${game.status}`)}</span> {t(`games.kind.${game.kind}`)} · {game.startsAt ? formatDate(game.startsAt) : '—'} – {game.endsAt ? formatDate(game.endsAt) : t('games.noEnd')}</>}
        actions={isAdmin ? (
          <div className="game-actions">
            {game.status !== 'ended' ? <Link to={paths.engagement(account.id, 'games', game.id, 'edit')} className="button button-secondary">{t('games.edit')}</Link> : null}
            {game.status === 'draft' ? (
              <form onSubmit={publish.handleSubmit}><button type="submit" className="button button-primary" disabled={publish.busy}>{t('games.publish')}</button></form>
            ) : null}
            {game.status === 'live' ? <ConfirmButton label={t('games.end')} confirmLabel={t('games.endConfirm')} onConfirm={async () => { await setGameCampaignStatus(account.id, game.id, 'end'); campaign.reload(); }} /> : null}
            {game.status === 'draft' ? <ConfirmButton label={t('games.delete')} confirmLabel={t('games.deleteConfirm')} onConfirm={async () => { await deleteGameCampaign(account.id, game.id); navigate(paths.engagement(account.id, 'games')); }} /> : null}
          </div>
        ) : null}
      />
      {publish.error ? <ErrorNotice error={publish.error} /> : null}
      {stats.error ? <ErrorNotice error={stats.error} /> : null}
      {s ? (
        <>
          <dl className="game-tiles">
            <div><dt>{t('games.plays')}</dt><dd>{formatNumber(s.plays)}</dd></div>
            <div><dt>{t('games.winners')}</dt><dd>{formatNumber(s.winners)}</dd></div>
            <div><dt>{t('games.players')}</dt><dd>{formatNumber(s.players)}</dd></div>
            <div><dt>{t('games.unlocks')}</dt><dd>{formatNumber(s.unlocks)}</dd></div>
            {s.budgetMinor !== null && s.currency ? <div><dt>{t('games.spent')}</dt><dd>{formatMoney(s.spentMinor, s.currency)} / {formatMoney(s.budgetMinor, s.currency)}</dd></div> : null}
          </dl>
          {s.daily.length > 0 ? <DailyChart stats={s} /> : null}
          <section className="game-panel" aria-labelledby="game-prizes">
            <h2 id="game-prizes" className="section-title">{t('games.prizes')}</h2>
            <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="game-prizes">
              <table className="table">
                <thead><tr><th scope="col">{t('games.prizeLabel')}</th><th scope="col" className="num">{t('games.odds')}</th><th scope="col" className="num">{t('games.awarded')}</th><th scope="col" className="num">{t('games.stockLeft')}</th></tr></thead>
                <tbody>
                  {s.prizes.map((prize) => (
                    <tr key={prize.id}>
                      <th scope="row">{prize.label} <span className="muted">({t(`games.prizeKind.${prize.kind}`)})</span></th>
                      <td className="num">{formatNumber(Math.round(prize.odds * 10_000) / 100)}%</td>
                      <td className="num">{formatNumber(prize.awarded)}</td>
                      <td className="num">{prize.kind === 'try_again' ? '—' : prize.stockLeft === null ? '∞' : formatNumber(prize.stockLeft)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {isAdmin && game.status === 'live' ? (
            <section className="game-panel" aria-labelledby="game-grant">
              <h2 id="game-grant" className="section-title">{t('games.grantTitle')}</h2>
              <GrantPlayForm campaignId={game.id} onGranted={stats.reload} />
            </section>
          ) : null}
          <section className="game-panel" aria-labelledby="game-evidence">
            <h2 id="game-evidence" className="section-title">{t('games.evidence')}</h2>
            <p className="field-hint">{t('games.evidenceHint')}</p>
            <p className="field-hint">{t('games.algorithm', { algorithm: 'hmac-sha256-v1' })}</p>
            <div className="game-actions">
              <a className="button button-secondary" href={buildGameEvidenceUrl(account.id, game.id, 'csv')} download>{t('games.downloadCsv')}</a>
              <a className="button button-secondary" href={buildGameEvidenceUrl(account.id, game.id, 'json')} download>{t('games.downloadJson')}</a>
            </div>
            {game.status !== 'draft' ? (
              <p className="game-links">
                <a href={s.rulesPath} target="_blank" rel="noreferrer">{t('games.rulesLink')}</a>
                <a href={s.verifyPath} target="_blank" rel="noreferrer">{t('games.verifyLink')}</a>
              </p>
            ) : null}
          </section>
        </>
      ) : <LoadingState />}
    </div>
  );
}

const DAY_MS = 24 * 3600_000;

/** Every day from the first play (at least two weeks back) to today, days without plays as zero. */
function fillDays(daily: GameStats['daily']) {
  const byDay = new Map(daily.map((day) => [day.day, day]));
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const first = Math.min(daily[0] ? Date.parse(`${daily[0].day}T00:00:00Z`) : today, today - 13 * DAY_MS);
  const days = [];
  for (let at = first; at <= today; at += DAY_MS) {
    const day = new Date(at).toISOString().slice(0, 10);
    days.push(byDay.get(day) ?? { day, plays: 0, winners: 0 });
  }
  return days;
}

function DailyChart({ stats }: { stats: GameStats }) {
  const { t, formatNumber } = useI18n();
  const days = fillDays(stats.daily);
  const xs = days.map((day) => new Date(`${day.day}T00:00:00Z`).getTime() / 1000);
  const ref = useUplot(
    (width): uPlot.Options => ({
      width, height: 200, legend: { show: false }, cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
      axes: [AXIS_STYLE, COUNT_AXIS],
      series: [{}, { label: t('games.plays'), stroke: COLOR_PLAYS, width: 2, points: { show: true } }, { label: t('games.winners'), stroke: COLOR_WINNERS, width: 2, dash: [4, 4], points: { show: true } }],
    }),
    [xs, days.map((day) => day.plays), days.map((day) => day.winners)],
    [JSON.stringify(stats.daily)],
  );
  const summary = t('games.dailySummary', { plays: formatNumber(stats.plays), winners: formatNumber(stats.winners), days: formatNumber(stats.daily.length) });
  return (
    <figure className="game-panel">
      <h2 className="section-title">{t('games.daily')}</h2>
      <ul className="game-legend" aria-hidden="true">
        <li><span style={{ backgroundColor: COLOR_PLAYS }} />{t('games.plays')}</li>
        <li><span style={{ backgroundColor: COLOR_WINNERS }} />{t('games.winners')}</li>
      </ul>
      <div role="img" aria-label={summary}><div ref={ref} className="report-chart" aria-hidden="true" /></div>
      <figcaption className="visually-hidden">{summary}</figcaption>
    </figure>
  );
}
