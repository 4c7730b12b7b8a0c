import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { listInboxes } from '../../api/endpoints.ts';
import {
  bulkUpdateConversations, getViewCounts, listInboxConversations, listLabels, listNotifications, listTeams, markNotificationsRead, setConversationLabels,
} from '../../api/inbox-endpoints.ts';
import type { InboxConversation, InboxQuery, Member, Priority, ViewCounts } from '../../api/types.ts';
import { listMembers } from '../../api/endpoints.ts';
import { Avatar, PriorityBadge, StatusBadge } from '../../components/badge.tsx';
import { CHANNELS, describeChannel } from '../../components/channel-label.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { RelativeTime } from '../../components/time-text.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useRealtimeConnection, useRealtimeRefresh } from '../../realtime/realtime-context.tsx';
import { navigate } from '../../router/history.ts';
import { Link } from '../../router/link.tsx';
import { useLocation } from '../../router/use-location.ts';
import { paths } from '../../routes/paths.ts';
import { useMe } from '../../session/session-context.tsx';
import { readNotificationPermission, requestNotificationPermission, showBrowserNotification } from './browser-notifications.ts';
import { ConversationPane } from './conversation-pane.tsx';
import { PRIORITIES, readInboxQuery, SLA_FILTERS, SORTS, STATUSES, VIEWS, writeInboxQuery, isTypingTarget } from './inbox-state.ts';
import { SavedViewsNav, SaveViewForm, useSavedViews } from './saved-views-nav.tsx';
import { ShortcutsDialog } from './shortcuts-dialog.tsx';

const LIST_EVENTS = ['conversation.*', 'message.created', 'message.updated'];
const PAGE_SIZE = 30;

function useConversationList(accountId: string, query: InboxQuery) {
  const [items, setItems] = useState<InboxConversation[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const loadedCount = useRef(PAGE_SIZE);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    // A live refresh reloads as many rows as are shown, so "load more" pages are kept.
    listInboxConversations(accountId, query, { limit: Math.min(100, Math.max(PAGE_SIZE, loadedCount.current)) }, controller.signal)
      .then((page) => {
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setError(null);
        setLoading(false);
      })
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason);
        setLoading(false);
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountId, queryKey, generation]);

  useEffect(() => {
    loadedCount.current = PAGE_SIZE;
  }, [queryKey]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    try {
      const page = await listInboxConversations(accountId, query, { cursor: nextCursor, limit: PAGE_SIZE });
      setItems((previous) => {
        const seen = new Set(previous.map((item) => item.id));
        const merged = [...previous, ...page.items.filter((item) => !seen.has(item.id))];
        loadedCount.current = merged.length;
        return merged;
      });
      setNextCursor(page.nextCursor);
    } catch (reason) {
      setError(reason);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountId, queryKey, nextCursor]);

  return { items, nextCursor, loading, error, reload, loadMore };
}

function NotificationPermissionButton() {
  const { t } = useI18n();
  const [permission, setPermission] = useState(readNotificationPermission);
  if (permission === 'unsupported') return null;
  if (permission === 'granted') return <span className="inbox-header-note">{t('inbox.notificationsOn')}</span>;
  if (permission === 'denied') return <span className="inbox-header-note">{t('inbox.notificationsBlocked')}</span>;
  return (
    <button type="button" className="button button-secondary button-small" onClick={() => void requestNotificationPermission().then(setPermission)}>
      {t('inbox.enableNotifications')}
    </button>
  );
}

export function InboxPage({ conversationId }: { conversationId: string | null }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const me = useMe();
  const { search } = useLocation();
  const query = useMemo(() => readInboxQuery(search), [search]);
  const queryString = writeInboxQuery(query);
  const list = useConversationList(account.id, query);
  const counts = useResource<ViewCounts>((signal) => getViewCounts(account.id, signal), [account.id], { accountId: account.id, events: LIST_EVENTS });
  const labels = useResource((signal) => listLabels(account.id, signal), [account.id], { accountId: account.id, events: ['label.*'] });
  const inboxes = useResource((signal) => listInboxes(account.id, signal), [account.id]);
  const members = useResource<Member[]>((signal) => listMembers(account.id, signal), [account.id]);
  const teams = useResource((signal) => listTeams(account.id, signal), [account.id]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkError, setBulkError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const [helpOpen, setHelpOpen] = useState(false);
  const savedViews = useSavedViews(LIST_EVENTS);
  // Filters start open where there is room for them, folded on a phone.
  const [filtersOpenInitially] = useState(() => typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 1100px)').matches);
  const listRef = useRef<HTMLUListElement>(null);
  const connection = useRealtimeConnection();

  useRealtimeRefresh(account.id, LIST_EVENTS, list.reload);

  const openConversation = useCallback(
    (id: string) => navigate(paths.conversation(account.id, id) + queryString),
    [account.id, queryString],
  );

  // Live region and browser notifications: new customer messages in my conversations, mentions and assignments.
  const itemsRef = useRef(list.items);
  itemsRef.current = list.items;
  useEffect(() => {
    if (!connection) return;
    return connection.subscribe((signal) => {
      if (signal.kind !== 'event' || signal.event.accountId !== account.id) return;
      const { type, payload } = signal.event;
      const targetId = typeof payload.conversationId === 'string' ? payload.conversationId : null;
      if (type === 'message.created') {
        const message = payload.message as { direction?: string; body?: string; authorName?: string } | undefined;
        if (message?.direction !== 'inbound') return;
        const row = itemsRef.current.find((item) => item.id === targetId);
        const author = message.authorName ?? row?.contact.name ?? '';
        setAnnouncement(t('inbox.newMessageFrom', { name: author }));
        if (row?.assignee?.id === me.user.id && targetId) {
          showBrowserNotification(t('inbox.newMessageFrom', { name: author }), message.body ?? '', () => openConversation(targetId));
        }
      } else if (type === 'conversation.created') {
        setAnnouncement(t('inbox.newConversation'));
      } else if (type === 'notification.created') {
        const text = typeof payload.text === 'string' ? payload.text : t('inbox.newNotification');
        setAnnouncement(text);
        showBrowserNotification('Touchpoint', text, () => (targetId ? openConversation(targetId) : undefined));
      }
    });
  }, [connection, account.id, me.user.id, openConversation, t]);

  const notifications = useResource((signal) => listNotifications(account.id, signal), [account.id], {
    accountId: account.id,
    events: ['notification.*'],
  });

  // Opening a conversation reads the notifications that point at it.
  const notificationItems = notifications.data;
  const reloadNotifications = notifications.reload;
  useEffect(() => {
    if (!conversationId || !notificationItems) return;
    const ids = notificationItems.filter((item) => item.conversationId === conversationId).map((item) => item.id);
    if (ids.length === 0) return;
    void markNotificationsRead(account.id, ids)
      .then(reloadNotifications)
      .catch(() => undefined);
  }, [account.id, conversationId, notificationItems, reloadNotifications]);

  const setQuery = (changes: Partial<InboxQuery>) => {
    const base = conversationId ? paths.conversation(account.id, conversationId) : paths.conversations(account.id);
    navigate(base + writeInboxQuery({ ...query, ...changes }), { replace: true });
    setSelected(new Set());
  };

  const moveSelection = useCallback(
    (step: number) => {
      const items = itemsRef.current;
      if (items.length === 0) return;
      const index = items.findIndex((item) => item.id === conversationId);
      const next = items[Math.min(items.length - 1, Math.max(0, index === -1 ? 0 : index + step))];
      if (next) openConversation(next.id);
    },
    [conversationId, openConversation],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      if (event.key === '?') {
        event.preventDefault();
        setHelpOpen(true);
      } else if (event.key === 'j') {
        moveSelection(1);
      } else if (event.key === 'k') {
        moveSelection(-1);
      } else if (event.key === 'Escape' && conversationId && !helpOpen) {
        navigate(paths.conversations(account.id) + queryString);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [moveSelection, conversationId, helpOpen, account.id, queryString]);

  const runBulk = async (action: () => Promise<unknown>) => {
    setBulkError(null);
    try {
      await action();
      setSelected(new Set());
      list.reload();
      counts.reload();
    } catch (error) {
      setBulkError(error);
    }
  };
  const selectedIds = [...selected];
  const allSelected = list.items.length > 0 && list.items.every((item) => selected.has(item.id));
  const unreadNotifications = notifications.data?.length ?? 0;

  return (
    <div className={`inbox${conversationId ? ' has-selection' : ''}`}>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      <aside className="inbox-views" aria-labelledby="inbox-heading">
        <div className="inbox-views-head">
          <h1 id="inbox-heading" data-page-heading={conversationId ? undefined : true} tabIndex={-1}>
            {t('conversations.title')}
          </h1>
          <button type="button" className="button button-ghost button-small shortcut-button" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?" title={t('inbox.shortcuts')}>
            <span aria-hidden="true">?</span>
            <span className="visually-hidden">{t('shortcut.title')}</span>
          </button>
        </div>
        <nav aria-label={t('inbox.views')}>
          <ul className="inbox-view-list">
            {VIEWS.map((view) => (
              <li key={view}>
                <Link
                  to={paths.conversations(account.id) + writeInboxQuery({ ...query, view })}
                  replace
                  className="inbox-view-link"
                  aria-current={query.view === view ? 'page' : undefined}
                >
                  <span>{t(`inbox.view.${view}` as MessageKey)}</span>
                  <span className="inbox-count" aria-label={t('inbox.openCount', { count: counts.data?.[view] ?? 0 })}>
                    {counts.data ? counts.data[view] : ''}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <SavedViewsNav views={savedViews} query={query} queryString={queryString} />
        <details className="inbox-filter-box" open={filtersOpenInitially || undefined}>
          <summary>{t('inbox.filters')}</summary>
        <div className="inbox-filters">
          <label className="field-label-small" htmlFor="inbox-status">{t('inbox.status')}</label>
          <select id="inbox-status" className="select select-small" value={query.status} onChange={(event) => setQuery({ status: event.target.value })}>
            {STATUSES.map((status) => (
              <option key={status} value={status}>{t(status === 'any' ? 'inbox.statusAny' : (`status.${status}` as MessageKey))}</option>
            ))}
          </select>
          <label className="field-label-small" htmlFor="inbox-sort">{t('inbox.sort')}</label>
          <select id="inbox-sort" className="select select-small" value={query.sort} onChange={(event) => setQuery({ sort: event.target.value })}>
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>{t(`inbox.sort.${sort}` as MessageKey)}</option>
            ))}
          </select>
          <label className="field-label-small" htmlFor="inbox-label">{t('inbox.label')}</label>
          <select id="inbox-label" className="select select-small" value={query.labelId ?? ''} onChange={(event) => setQuery({ labelId: event.target.value || null })}>
            <option value="">{t('inbox.anyLabel')}</option>
            {(labels.data ?? []).map((label) => (
              <option key={label.id} value={label.id}>{label.name}</option>
            ))}
          </select>
          <label className="field-label-small" htmlFor="inbox-inbox">{t('inbox.inbox')}</label>
          <select id="inbox-inbox" className="select select-small" value={query.inboxId ?? ''} onChange={(event) => setQuery({ inboxId: event.target.value || null })}>
            <option value="">{t('inbox.anyInbox')}</option>
            {(inboxes.data ?? []).map((inbox) => (
              <option key={inbox.id} value={inbox.id}>{inbox.name}</option>
            ))}
          </select>
          {teams.data && teams.data.length > 0 ? (
            <>
              <label className="field-label-small" htmlFor="inbox-team">{t('inbox.team')}</label>
              <select id="inbox-team" className="select select-small" value={query.teamId ?? ''} onChange={(event) => setQuery({ teamId: event.target.value || null })}>
                <option value="">{t('inbox.anyTeam')}</option>
                {teams.data.map((team) => (
                  <option key={team.id} value={team.id}>{team.name}</option>
                ))}
              </select>
            </>
          ) : null}
          <label className="field-label-small" htmlFor="inbox-assignee">{t('inbox.assignee')}</label>
          <select id="inbox-assignee" className="select select-small" value={query.assigneeId ?? ''} onChange={(event) => setQuery({ assigneeId: event.target.value || null })}>
            <option value="">{t('inbox.anyAssignee')}</option>
            {(members.data ?? []).map((member) => (
              <option key={member.userId} value={member.userId}>{member.name}</option>
            ))}
          </select>
          <label className="field-label-small" htmlFor="inbox-priority">{t('inbox.priority')}</label>
          <select id="inbox-priority" className="select select-small" value={query.priority ?? ''} onChange={(event) => setQuery({ priority: event.target.value || null })}>
            <option value="">{t('inbox.anyPriority')}</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>{t(`priority.${priority}` as MessageKey)}</option>
            ))}
          </select>
          <label className="field-label-small" htmlFor="inbox-sla">{t('inbox.sla')}</label>
          <select id="inbox-sla" className="select select-small" value={query.sla ?? ''} onChange={(event) => setQuery({ sla: event.target.value || null })}>
            <option value="">{t('inbox.anySla')}</option>
            {SLA_FILTERS.map((sla) => (
              <option key={sla} value={sla}>{t(`inbox.sla.${sla}` as MessageKey)}</option>
            ))}
          </select>
          <label className="field-label-small" htmlFor="inbox-channel">{t('inbox.channel')}</label>
          <select id="inbox-channel" className="select select-small" value={query.channel ?? ''} onChange={(event) => setQuery({ channel: event.target.value || null })}>
            <option value="">{t('inbox.anyChannel')}</option>
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>{describeChannel(channel, t)}</option>
            ))}
          </select>
        </div>
          <SaveViewForm query={query} onSaved={savedViews.reload} />
        </details>
        <div className="inbox-views-foot">
          <NotificationPermissionButton />
          {unreadNotifications > 0 ? (
            <p className="inbox-header-note">{t('inbox.unreadNotifications', { count: unreadNotifications })}</p>
          ) : null}
          <ul className="inbox-notifications" aria-label={t('inbox.notifications')}>
            {(notifications.data ?? []).slice(0, 5).map((notification) => (
              <li key={notification.id}>
                {notification.conversationId ? (
                  <Link to={paths.conversation(account.id, notification.conversationId) + queryString}>{notification.text}</Link>
                ) : (
                  notification.text
                )}
              </li>
            ))}
          </ul>
        </div>
      </aside>

      <section className="inbox-list" aria-label={t('inbox.list')}>
        <div className="inbox-list-head">
          <label className="checkbox-inline">
            <input
              type="checkbox"
              checked={allSelected}
              onChange={() => setSelected(allSelected ? new Set() : new Set(list.items.map((item) => item.id)))}
            />
            <span>{t('inbox.selectAll')}</span>
          </label>
          <span className="muted">{t(`inbox.view.${query.view}` as MessageKey)}</span>
        </div>
        {selected.size > 0 ? (
          <div className="bulk-bar" role="toolbar" aria-label={t('inbox.bulkActions')}>
            <span>{t('inbox.selectedCount', { count: selected.size })}</span>
            <button type="button" className="button button-secondary button-small" onClick={() => void runBulk(() => bulkUpdateConversations(account.id, selectedIds, { assigneeId: me.user.id }))}>
              {t('inbox.assignToMe')}
            </button>
            <button type="button" className="button button-secondary button-small" onClick={() => void runBulk(() => bulkUpdateConversations(account.id, selectedIds, { status: 'resolved' }))}>
              {t('inbox.resolve')}
            </button>
            <select
              className="select select-small"
              aria-label={t('inbox.bulkAssign')}
              value=""
              onChange={(event) => {
                const value = event.target.value;
                void runBulk(() => bulkUpdateConversations(account.id, selectedIds, { assigneeId: value === 'none' ? null : value }));
              }}
            >
              <option value="">{t('inbox.bulkAssign')}</option>
              <option value="none">{t('conversations.unassigned')}</option>
              {(members.data ?? []).map((member) => (
                <option key={member.userId} value={member.userId}>{member.name}</option>
              ))}
            </select>
            <select
              className="select select-small"
              aria-label={t('inbox.bulkPriority')}
              value=""
              onChange={(event) => {
                const value = event.target.value as Priority;
                void runBulk(() => bulkUpdateConversations(account.id, selectedIds, { priority: value }));
              }}
            >
              <option value="">{t('inbox.bulkPriority')}</option>
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>{t(`priority.${priority}` as MessageKey)}</option>
              ))}
            </select>
            {labels.data && labels.data.length > 0 ? (
              <select
                className="select select-small"
                aria-label={t('inbox.bulkLabel')}
                value=""
                onChange={(event) => {
                  const labelId = event.target.value;
                  const rows = list.items.filter((item) => selected.has(item.id));
                  void runBulk(() =>
                    Promise.all(rows.map((row) => setConversationLabels(account.id, row.id, [...new Set([...row.labels.map((label) => label.id), labelId])]))),
                  );
                }}
              >
                <option value="">{t('inbox.bulkLabel')}</option>
                {labels.data.map((label) => (
                  <option key={label.id} value={label.id}>{label.name}</option>
                ))}
              </select>
            ) : null}
          </div>
        ) : null}
        <ErrorNotice error={list.error ?? bulkError} />
        {!list.loading && list.items.length === 0 ? <p className="inbox-empty">{t('conversations.empty')}</p> : null}
        <ul className="inbox-rows" ref={listRef}>
          {list.items.map((item) => {
            const current = item.id === conversationId;
            return (
              <li key={item.id} className={`inbox-row${current ? ' is-current' : ''}${item.unreadCount > 0 ? ' is-unread' : ''}`}>
                <input
                  type="checkbox"
                  className="inbox-row-check"
                  checked={selected.has(item.id)}
                  aria-label={t('inbox.selectConversation', { number: item.number })}
                  onChange={() =>
                    setSelected((previous) => {
                      const next = new Set(previous);
                      if (next.has(item.id)) next.delete(item.id);
                      else next.add(item.id);
                      return next;
                    })
                  }
                />
                <Link
                  to={paths.conversation(account.id, item.id) + queryString}
                  className="inbox-row-link"
                  aria-current={current ? 'true' : undefined}
                >
                  <span className="inbox-row-top">
                    <span className="inbox-row-contact">{item.contact.name}</span>
                    <span className="inbox-row-time"><RelativeTime iso={item.lastMessageAt} /></span>
                  </span>
                  <span className="inbox-row-subject">
                    <span className="muted">#{item.number}</span> {item.subject || t('conversations.noSubject')}
                  </span>
                  {item.preview ? <span className="inbox-row-preview">{item.preview}</span> : null}
                  <span className="inbox-row-meta">
                    <span className="channel-chip">{describeChannel(item.channel, t)}</span>
                    {query.status === 'any' ? <StatusBadge status={item.status} /> : null}
                    <PriorityBadge priority={item.priority} />
                    {item.labels.map((label) => (
                      <span key={label.id} className="label-chip" style={{ borderColor: label.color }}>{label.name}</span>
                    ))}
                    <span className="inbox-row-spacer" />
                    {item.assignee ? (
                      <span className="inbox-row-assignee" title={t('conversations.assignedTo', { name: item.assignee.name })}>
                        <Avatar name={item.assignee.name} size="small" />
                        <span className="visually-hidden">{t('conversations.assignedTo', { name: item.assignee.name })}</span>
                      </span>
                    ) : null}
                    {item.unreadCount > 0 ? (
                      <span className="unread-count">
                        <span aria-hidden="true">{item.unreadCount}</span>
                        <span className="visually-hidden">{t('inbox.unread', { count: item.unreadCount })}</span>
                      </span>
                    ) : null}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
        {list.nextCursor ? (
          <button type="button" className="button button-secondary button-small inbox-load-more" onClick={() => void list.loadMore()}>
            {t('audit.loadMore')}
          </button>
        ) : null}
      </section>

      <section className="inbox-conversation" aria-label={t('conversation.title')}>
        {conversationId ? (
          <ConversationPane
            key={conversationId}
            conversationId={conversationId}
            members={members.data ?? []}
            labels={labels.data ?? []}
            backTo={paths.conversations(account.id) + queryString}
            onChanged={() => {
              list.reload();
              counts.reload();
            }}
          />
        ) : (
          <p className="inbox-placeholder">{t('inbox.pickConversation')}</p>
        )}
      </section>
      {helpOpen ? <ShortcutsDialog onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}
