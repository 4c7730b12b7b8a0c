import { listLiveFeeds } from '../../../api/live-feed-endpoints.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ResourceStates } from '../../../components/resource-states.tsx';
import { useCurrentAccount, useIsAdmin } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { LiveBlocklist } from './live-blocklist.tsx';
import { LiveFeedEditor } from './live-feed-editor.tsx';
import { LiveModeration } from './live-moderation.tsx';
import { LivePolls } from './live-polls.tsx';
import './live.css';

/** Realtime events that change what the live screens of the console show. */
export const LIVE_EVENTS = ['live_feed.changed', 'live_post.received', 'live_post.approved', 'live_post.removed', 'live_post.pinned', 'live_poll.changed'] as const;

/**
 * `/a/:accountId/engagement/live[/new | /blocklist | /:feedId[/settings | /polls]]`: the feeds, the editor, the
 * moderation screen, polls and the account's blocklist.
 */
export function LiveFeedSection({ rest }: { rest: string[] }) {
  const [first, second] = rest;
  if (first === 'new') return <LiveFeedEditor feedId={null} />;
  if (first === 'blocklist') return <LiveBlocklist />;
  if (first && second === 'settings') return <LiveFeedEditor feedId={first} />;
  if (first && second === 'polls') return <LivePolls feedId={first} />;
  if (first) return <LiveModeration feedId={first} />;
  return <LiveFeedList />;
}

function LiveFeedList() {
  const { t, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const feeds = useResource((signal) => listLiveFeeds(account.id, signal), [account.id], { accountId: account.id, events: ['live_feed.changed'] });
  const actions = (
    <>
      <Link to={paths.engagement(account.id, 'live', 'blocklist')} className="button button-secondary">{t('live.blocklist')}</Link>
      {isAdmin ? <Link to={paths.engagement(account.id, 'live', 'new')} className="button button-primary">{t('live.new')}</Link> : null}
    </>
  );
  return (
    <>
      <PageHeader title={t('live.title')} description={t('live.description')} actions={actions} />
      <ResourceStates resource={feeds} select={(data) => data.feeds} empty={<EmptyState title={t('live.empty')}><p>{t('live.emptyBody')}</p></EmptyState>}>
        {(list, data) => (
        <div className="table-wrap">
          <table className="table table-responsive">
            <thead>
              <tr>
                <th scope="col">{t('live.name')}</th>
                <th scope="col">{t('live.status')}</th>
                <th scope="col">{t('live.moderation')}</th>
                <th scope="col">{t('live.created')}</th>
                <th scope="col"><span className="visually-hidden">{t('live.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((feed) => (
                <tr key={feed.id}>
                  <td data-label={t('live.name')}>
                    <Link to={paths.engagement(account.id, 'live', feed.id)} className="strong">{feed.name}</Link>
                    <div className="muted small mono">/live/{data.handle}/{feed.slug}</div>
                  </td>
                  <td data-label={t('live.status')}><span className={`badge live-status live-status-${feed.status}`}>{t(`live.status.${feed.status}`)}</span></td>
                  <td data-label={t('live.moderation')}>{t(`live.mode.${feed.moderation}`)}</td>
                  <td data-label={t('live.created')}>{formatDateTime(feed.createdAt)}</td>
                  <td className="actions-cell">
                    <Link to={paths.engagement(account.id, 'live', feed.id)} className="button button-secondary button-small" aria-label={`${t('live.moderate')}: ${feed.name}`}>{t('live.moderate')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        )}
      </ResourceStates>
    </>
  );
}
