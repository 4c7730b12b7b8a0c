import { listGameCampaigns } from '../../../api/games-endpoints.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';

/** Every game and draw: kind, status, dates, and how much of each prize is left. */
export function GameList() {
  const { t, formatDate, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const campaigns = useResource((signal) => listGameCampaigns(account.id, signal), [account.id]);
  return (
    <div className="games">
      <PageHeader
        title={t('games.title')}
        description={t('games.description')}
        actions={account.role === 'admin' ? <Link to={paths.engagement(account.id, 'games', 'new')} className="button button-primary">{t('games.new')}</Link> : null}
      />
      {campaigns.error ? <ErrorNotice error={campaigns.error} /> : null}
      {!campaigns.data ? <LoadingState /> : campaigns.data.campaigns.length === 0 ? <EmptyState title={t('games.empty')}><p>{t('games.emptyLead')}</p></EmptyState> : (
        <div className="table-wrap" tabIndex={0} role="group" aria-label={t('games.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('games.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('games.name')}</th>
                <th scope="col">{t('games.kind')}</th>
                <th scope="col">{t('games.status')}</th>
                <th scope="col">{t('games.dates')}</th>
                <th scope="col">{t('games.prizes')}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.data.campaigns.map((campaign) => (
                <tr key={campaign.id}>
                  <th scope="row"><Link to={paths.engagement(account.id, 'games', campaign.id)}>{campaign.name}</Link></th>
                  <td>{t(`games.kind.${campaign.kind}`)}</td>
                  <td><span className={`badge game-status-${campaign.status}`}>{t(`games.status.${campaign.status}`)}</span></td>
                  <td>{campaign.startsAt ? formatDate(campaign.startsAt) : '—'} – {campaign.endsAt ? formatDate(campaign.endsAt) : t('games.noEnd')}</td>
                  <td className="game-prize-summary">
                    {campaign.prizes.filter((prize) => prize.kind !== 'try_again').map((prize) => (
                      <span key={prize.id}>{prize.label}: {prize.stockLeft === null ? '∞' : formatNumber(prize.stockLeft)}</span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
