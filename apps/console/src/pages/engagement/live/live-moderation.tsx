import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  approveAllLivePosts, banLivePostAuthor, getLiveFeed, listLivePosts, type LiveFeed, type LivePost, type LivePostStatus, livePostPhotoUrl, type ModerationAction, moderateLivePost, updateLiveFeed,
} from '../../../api/live-feed-endpoints.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { LiveLinks } from './live-links.tsx';
import { LIVE_EVENTS } from './live-section.tsx';

const TABS: LivePostStatus[] = ['pending', 'approved', 'rejected', 'blocked'];
const KEYS: Record<string, ModerationAction | 'next' | 'previous'> = { a: 'approve', r: 'reject', p: 'pin', j: 'next', k: 'previous' };

/** `/a/:accountId/engagement/live/:feedId`: the moderation screen (keyboard first), show controls and the links. */
export function LiveModeration({ feedId }: { feedId: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const feed = useResource((signal) => getLiveFeed(account.id, feedId, signal), [account.id, feedId], { accountId: account.id, events: ['live_feed.changed'] });
  const back = <Link to={paths.engagement(account.id, 'live')}>← {t('live.back')}</Link>;
  if (feed.error) return <><PageHeader title={t('live.moderationTitle')} before={back} /><ErrorNotice error={feed.error} /></>;
  if (!feed.data) return <LoadingState />;
  return <ModerationScreen feed={feed.data} back={back} />;
}

function ModerationScreen({ feed, back }: { feed: LiveFeed & { handle: string }; back: React.ReactNode }) {
  const { t, formatRelative } = useI18n();
  const account = useCurrentAccount();
  const [tab, setTab] = useState<LivePostStatus>('pending');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const posts = useResource((signal) => listLivePosts(account.id, feed.id, tab, signal), [account.id, feed.id, tab], { accountId: account.id, events: LIVE_EVENTS });
  const list = useMemo(() => posts.data?.posts ?? [], [posts.data]);
  const selectedIndex = Math.max(0, list.findIndex((post) => post.id === selectedId));
  const selected = list[selectedIndex] ?? null;

  const act = useCallback(async (post: LivePost, action: ModerationAction) => {
    setActionError(null);
    try {
      const next = list[list.indexOf(post) + 1] ?? list[list.indexOf(post) - 1] ?? null;
      await moderateLivePost(account.id, feed.id, post.id, action);
      setAnnouncement(t(`live.done.${action}`, { name: post.authorName }));
      if ((tab === 'pending' && action !== 'unpin') || (tab === 'approved' && action === 'reject')) setSelectedId(next?.id ?? null);
      posts.reload();
    } catch (error) {
      setActionError(error);
    }
  }, [account.id, feed.id, list, posts, t, tab]);

  async function change(fields: Parameters<typeof updateLiveFeed>[2]) {
    setActionError(null);
    try {
      await updateLiveFeed(account.id, feed.id, fields);
    } catch (error) {
      setActionError(error);
    }
  }

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (event.metaKey || event.ctrlKey || event.altKey || (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)))) return;
      const command = KEYS[event.key.toLowerCase()];
      if (!command || list.length === 0) return;
      event.preventDefault();
      if (command === 'next') setSelectedId(list[Math.min(list.length - 1, selectedIndex + 1)]!.id);
      else if (command === 'previous') setSelectedId(list[Math.max(0, selectedIndex - 1)]!.id);
      else if (selected) void act(selected, command === 'pin' && selected.pinned ? 'unpin' : command);
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [act, list, selected, selectedIndex]);

  const actions = (
    <>
      <Link to={paths.engagement(account.id, 'live', feed.id, 'polls')} className="button button-secondary">{t('live.polls')}</Link>
      <Link to={paths.engagement(account.id, 'live', feed.id, 'settings')} className="button button-secondary">{t('live.settings')}</Link>
      {feed.status !== 'live' ? <button type="button" className="button button-primary" onClick={() => void change({ status: 'live' })}>{t('live.goLive')}</button> : null}
      {feed.status === 'live' ? <button type="button" className="button button-danger" onClick={() => void change({ status: 'ended' })}>{t('live.endShow')}</button> : null}
    </>
  );

  return (
    <>
      <PageHeader title={feed.name} before={back} actions={actions} description={<span className={`badge live-status live-status-${feed.status}`}>{t(`live.status.${feed.status}`)}</span>} />
      {actionError ? <ErrorNotice error={actionError} /> : null}
      <div className="live-moderation">
        <section className="panel live-queue" aria-labelledby="live-queue-title">
          <div className="live-queue-head">
            <h2 id="live-queue-title" className="panel-title">{t('live.queue')}</h2>
            <fieldset className="live-mode">
              <legend>{t('live.moderation')}</legend>
              {(['manual', 'automatic'] as const).map((mode) => (
                <label key={mode} className="radio"><input type="radio" name="live-mode" checked={feed.moderation === mode} onChange={() => void change({ moderation: mode })} /> {t(`live.mode.${mode}`)}</label>
              ))}
            </fieldset>
          </div>
          <div className="live-tabs" role="group" aria-label={t('live.filter')}>
            {TABS.map((status) => (
              <button key={status} type="button" className={`button button-small ${tab === status ? 'button-primary' : 'button-secondary'}`} aria-pressed={tab === status} onClick={() => { setTab(status); setSelectedId(null); }}>
                {t(`live.tab.${status}`)} <span className="live-count">{posts.data?.counts[status] ?? 0}</span>
              </button>
            ))}
          </div>
          {tab === 'pending' && list.length > 1 ? (
            <div className="live-bulk">
              <ConfirmButton label={t('live.approveAll', { n: list.length })} confirmLabel={t('live.confirmApproveAll')} onConfirm={async () => {
                const { approved } = await approveAllLivePosts(account.id, feed.id);
                setAnnouncement(t('live.approvedAll', { n: approved }));
                posts.reload();
              }} />
            </div>
          ) : null}
          <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
          {posts.error ? <ErrorNotice error={posts.error} /> : null}
          {posts.loading && !posts.data ? <LoadingState /> : null}
          {posts.data && list.length === 0 ? <p className="muted live-empty">{t(`live.empty.${tab}`)}</p> : null}
          {list.length > 0 ? (
            <ul className="live-posts" aria-label={t(`live.tab.${tab}`)}>
              {list.map((post) => (
                <li key={post.id} className={`live-post${post.id === selected?.id ? ' live-post-selected' : ''}`} aria-current={post.id === selected?.id ? 'true' : undefined} onClick={() => setSelectedId(post.id)}>
                  <div className="live-post-meta">
                    <strong>{post.authorName}</strong>
                    {post.source !== 'viewer' ? <span className="badge">{t(`live.source.${post.source}`)}</span> : null}
                    {post.pinned ? <span className="badge live-pinned">{t('live.pinned')}</span> : null}
                    <span className="muted small">{formatRelative(post.createdAt)}</span>
                  </div>
                  <p className="live-post-text">{post.text}{post.emoji ? <span className="live-post-emoji"> {post.emoji}</span> : null}</p>
                  {post.photo ? <img className="live-post-photo" src={livePostPhotoUrl(account.id, feed.id, post.id)} alt={t('live.photoOf', { name: post.authorName })} /> : null}
                  {post.blockReason ? <p className="small live-block-reason">{t('live.blockedFor', { reason: post.blockReason })}</p> : null}
                  <div className="live-post-actions">
                    {post.status !== 'approved' ? <button type="button" className="button button-small button-primary" onClick={() => void act(post, 'approve')} aria-label={`${t('live.approve')}: ${post.authorName}`}>{t('live.approve')}</button> : null}
                    {post.status !== 'rejected' ? <button type="button" className="button button-small button-secondary" onClick={() => void act(post, 'reject')} aria-label={`${t('live.reject')}: ${post.authorName}`}>{t('live.reject')}</button> : null}
                    {post.source === 'viewer' && post.status !== 'blocked' ? (
                      <ConfirmButton label={t('live.ban')} confirmLabel={t('live.confirmBan')} ariaLabel={`${t('live.ban')}: ${post.authorName}`} onConfirm={async () => { await banLivePostAuthor(account.id, feed.id, post.id); posts.reload(); }} />
                    ) : null}
                    <button type="button" className="button button-small button-secondary" onClick={() => void act(post, post.pinned ? 'unpin' : 'pin')} aria-label={`${post.pinned ? t('live.unpin') : t('live.pin')}: ${post.authorName}`}>{post.pinned ? t('live.unpin') : t('live.pin')}</button>
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <aside className="live-side">
          <section className="panel" aria-labelledby="live-keys-title">
            <h2 id="live-keys-title" className="panel-title">{t('live.shortcuts')}</h2>
            <dl className="live-keys">
              {(['a', 'r', 'p', 'j', 'k'] as const).map((key) => <div key={key}><dt><kbd>{key.toUpperCase()}</kbd></dt><dd>{t(`live.key.${key}`)}</dd></div>)}
            </dl>
          </section>
          <LiveLinks handle={feed.handle} slug={feed.slug} />
        </aside>
      </div>
    </>
  );
}
