import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { listContactTimeline, type TimelineEntry, type TimelineKind, type TimelinePage } from '../../api/contact-endpoints.ts';
import { StatusBadge } from '../../components/badge.tsx';
import { describeChannel } from '../../components/channel-label.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { OrderStatusBadge } from '../../components/order-status.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useRealtimeRefresh } from '../../realtime/realtime-context.tsx';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';
import { ReturnStatusBadge } from '../commerce/commerce-parts.tsx';

/** The filter buttons and the item kinds each one asks the server for (none: everything). */
const FILTERS = {
  all: [],
  conversations: ['conversation'],
  commerce: ['order', 'return'],
  notes: ['note'],
  messages: ['message'],
  engagement: ['prompt', 'survey'],
  events: ['event'],
} as const satisfies Record<string, readonly TimelineKind[]>;
type Filter = keyof typeof FILTERS;
const FILTER_IDS = Object.keys(FILTERS) as Filter[];

const PAGE_SIZE = 50;
/** The server's largest page: a live refresh reloads what is shown in one request, up to this many items. */
const MAX_PAGE_SIZE = 200;
const LIVE_EVENTS = ['customer_event.*', 'contact.*', 'order.*', 'return.*', 'conversation.*', 'message.created'];

/**
 * Changes made on this page that no realtime event announces (notes have no domain event of their own): the notes
 * panel calls this after adding or deleting one, and the timeline of that contact reloads.
 */
const localChangeListeners = new Set<(contactId: string) => void>();
export function announceTimelineChange(contactId: string) {
  for (const listener of localChangeListeners) listener(contactId);
}

const keyOf = (item: TimelineEntry) => `${item.kind}:${item.id}:${item.stepId ?? ''}`;

/** Decorative icons (the label next to each carries the meaning). */
function KindIcon({ kind }: { kind: TimelineKind }) {
  const shapes: Record<TimelineKind, ReactNode> = {
    conversation: <path d="M4 5h16v11H8l-4 4z" />,
    order: <><path d="M5 8h14l-1 12H6z" /><path d="M9 8V6a3 3 0 0 1 6 0v2" /></>,
    return: <><path d="M9 14 4 9l5-5" /><path d="M4 9h11a5 5 0 0 1 0 10h-3" /></>,
    note: <><path d="M4 20h4L19 9l-4-4L4 16z" /><path d="m13 7 4 4" /></>,
    message: <><rect x="3" y="5" width="18" height="14" rx="2" /><path d="m3 7 9 6 9-6" /></>,
    prompt: <><rect x="4" y="4" width="16" height="12" rx="2" /><path d="M8 20h8M12 16v4" /></>,
    survey: <path d="m12 3 2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z" />,
    event: <path d="M3 12h4l3-7 4 14 3-7h4" />,
  };
  return (
    <svg className="timeline-icon" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {shapes[kind]}
    </svg>
  );
}

const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);

/** What the item is, in the reader's language; customer events add their own name. */
function ItemLabel({ item }: { item: TimelineEntry }) {
  const { t } = useI18n();
  if (item.kind === 'event' && item.eventType === 'page') return <>{t('timeline.pageView')}</>;
  if (item.kind === 'event' && item.eventType === 'identify') return <>{t('timeline.identify')}</>;
  return <>{t(`timeline.kind.${item.kind}` as MessageKey)}</>;
}

/** The line under the label: what happened, with a link where the item has a page of its own. */
function ItemDetails({ item }: { item: TimelineEntry }) {
  const { t, formatMoney } = useI18n();
  const account = useCurrentAccount();
  switch (item.kind) {
    case 'conversation':
      return (
        <>
          <Link to={paths.conversation(account.id, item.id)}>#{item.number} {item.subject || t('conversations.noSubject')}</Link>{' '}
          {item.status ? <StatusBadge status={item.status} /> : null}
          {item.channel ? <span className="meta-text"> · {describeChannel(item.channel, t)}</span> : null}
        </>
      );
    case 'order':
      return (
        <>
          <a href="#orders-heading" className="mono">{item.number}</a>{' '}
          {item.status ? <OrderStatusBadge status={item.status} /> : null}
          {item.totalMinor !== undefined && item.currency ? <span className="meta-text"> · {formatMoney(item.totalMinor, item.currency)}</span> : null}
        </>
      );
    case 'return':
      return (
        <>
          <Link to={paths.returnDetail(account.id, item.id)} className="mono">{item.number}</Link>{' '}
          {item.status ? <ReturnStatusBadge status={item.status} /> : null}
          <span className="meta-text"> · {t('timeline.returnOf', { order: item.orderNumber ?? '' })}{item.actorName ? ` · ${item.actorName}` : ''}</span>
          {item.note ? <span className="timeline-quote">{item.note}</span> : null}
        </>
      );
    case 'note':
      return (
        <>
          <span className="timeline-quote">{item.summary}</span>
          {item.actorName ? <span className="meta-text">{item.actorName}</span> : null}
        </>
      );
    default: {
      const title = item.eventType === 'page' ? (text(item.properties?.title) ?? text(item.properties?.url) ?? item.name) : item.eventType === 'identify' ? null : item.name;
      const extra = [
        item.channel ? describeChannel(item.channel, t) : null,
        item.reason ? t('timeline.reason', { reason: item.reason }) : null,
        typeof item.properties?.score === 'number' ? t('timeline.score', { score: String(item.properties.score) }) : null,
        item.touchpoint && item.touchpoint.kind !== 'channel' ? item.touchpoint.kind : null,
      ].filter(Boolean);
      return (
        <>
          {title ? <strong className="timeline-event-name">{title}</strong> : null}
          {extra.length > 0 ? <span className="meta-text"> · {extra.join(' · ')}</span> : null}
        </>
      );
    }
  }
}

/**
 * The contact's timeline: everything that happened with them, newest first, from the server's paged timeline
 * (conversations, orders, return steps, notes, customer events). A filter asks the server for some kinds only;
 * "Load more" follows the cursor. Live events reload what is shown in one request (up to 200 items) so that new
 * items appear on top without gaps or repeats further down.
 */
export function ContactTimeline({ contactId }: { contactId: string }) {
  const { t, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState<TimelinePage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shown = useRef(0);
  shown.current = page?.items.length ?? 0;
  const request = useRef<AbortController | null>(null);

  const loadTop = useCallback((limit: number) => {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    listContactTimeline(account.id, contactId, { limit, kinds: FILTERS[filter] }, controller.signal)
      .then((next) => {
        if (controller.signal.aborted) return;
        setPage(next);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason);
      });
  }, [account.id, contactId, filter]);

  useEffect(() => {
    setPage(null);
    loadTop(PAGE_SIZE);
    return () => request.current?.abort();
  }, [loadTop]);

  useRealtimeRefresh(account.id, LIVE_EVENTS, (event) => {
    // Page views of every visitor arrive as customer events: only this contact's reload the list.
    const recorded = event?.type === 'customer_event.recorded' ? (event.payload as { events?: { contactId?: string | null }[] }).events : undefined;
    if (recorded && !recorded.some((entry) => entry.contactId === contactId)) return;
    loadTop(Math.min(Math.max(shown.current, PAGE_SIZE), MAX_PAGE_SIZE));
  });

  useEffect(() => {
    const listener = (changed: string) => {
      if (changed === contactId) loadTop(Math.min(Math.max(shown.current, PAGE_SIZE), MAX_PAGE_SIZE));
    };
    localChangeListeners.add(listener);
    return () => {
      localChangeListeners.delete(listener);
    };
  }, [contactId, loadTop]);

  const currentFilter = useRef(filter);
  currentFilter.current = filter;

  async function loadMore() {
    if (!page?.nextCursor) return;
    const asked = filter;
    setLoadingMore(true);
    try {
      const next = await listContactTimeline(account.id, contactId, { before: page.nextCursor, limit: PAGE_SIZE, kinds: FILTERS[asked] });
      // The filter changed while this page was on its way: it belongs to the old list.
      if (currentFilter.current !== asked) return;
      setPage((previous) => {
        const seen = new Set((previous?.items ?? []).map(keyOf));
        return { items: [...(previous?.items ?? []), ...next.items.filter((item) => !seen.has(keyOf(item)))], nextCursor: next.nextCursor };
      });
      setError(null);
    } catch (reason) {
      setError(reason);
    } finally {
      setLoadingMore(false);
    }
  }

  const items = page?.items ?? [];
  return (
    <section aria-labelledby={`${id}-heading`} className="panel contact-timeline">
      <h2 id={`${id}-heading`} className="panel-title">{t('timeline.heading')}</h2>
      <div className="segmented" role="group" aria-label={t('timeline.filter')}>
        <ul>
          {FILTER_IDS.map((value) => (
            <li key={value}>
              <button type="button" className="segmented-item" aria-pressed={filter === value} onClick={() => setFilter(value)}>
                {t(`timeline.filter.${value}` as MessageKey)}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <ErrorNotice error={error} />
      {!page && !error ? <LoadingState /> : null}
      {page && items.length === 0 ? <p className="muted">{t(filter === 'all' ? 'timeline.none' : 'timeline.noneOfKind')}</p> : null}
      <ol className="timeline-list" aria-label={t('timeline.list')}>
        {items.map((item) => (
          <li key={keyOf(item)} className="timeline-item" data-kind={item.kind} data-testid="timeline-item">
            <span className={`timeline-marker timeline-marker-${item.kind}`}>
              <KindIcon kind={item.kind} />
            </span>
            <div className="timeline-body">
              <div className="timeline-head">
                <span className="timeline-label"><ItemLabel item={item} /></span>
                <time className="meta-text" dateTime={item.at}>{formatDateTime(item.at)}</time>
              </div>
              <div className="timeline-details"><ItemDetails item={item} /></div>
            </div>
          </li>
        ))}
      </ol>
      {page?.nextCursor ? (
        <button type="button" className="button button-secondary" disabled={loadingMore} onClick={() => void loadMore()}>
          {t('timeline.more')}
        </button>
      ) : null}
    </section>
  );
}
