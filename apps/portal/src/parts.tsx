import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { MessageKey } from './i18n.ts';
import { usePortal } from './portal-context.ts';
import type { Loaded } from './use-load.ts';

/** An in-app link: a real `<a href>` (new tab, copy link work), handled without reloading on a plain click. */
export function Link({ to, children, class: className, current }: { to: string; children: ComponentChildren; class?: string; current?: boolean }) {
  const { navigate, href } = usePortal();
  return (
    <a
      class={className}
      aria-current={current ? 'page' : undefined}
      href={href(to)}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** A page: its title as the one h1, focused when the page opens so screen readers announce it; the tab title too. */
export function Page({ title, back, children }: { title: string; back?: string; children: ComponentChildren }) {
  const { info, t } = usePortal();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${info.name}`;
    heading.current?.focus({ preventScroll: false });
  }, [title, info.name]);
  return (
    <>
      {back ? (
        <Link to={back} class="back-link">
          <span aria-hidden="true">‹ </span>
          {t('back')}
        </Link>
      ) : null}
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}

export function Loading() {
  const { t } = usePortal();
  return (
    <p class="muted" role="status">
      {t('loading')}
    </p>
  );
}

/** A detail page whose data did not load: the page's title and back link, the error, and Retry. */
export function LoadFailedPage({ title, back, onRetry }: { title: string; back: string; onRetry: () => void }) {
  const { t } = usePortal();
  return (
    <Page title={title} back={back}>
      <ErrorNote message={t('loadFailed')} onRetry={onRetry} />
    </Page>
  );
}

/** A list as it loads: the status, the error with Retry, the empty text, or the items (each an `<li>` of `renderItem`). */
export function LoadedList<D, T>({ loaded, items, empty, renderItem }: {
  loaded: Loaded<D> & { reload: () => void };
  items: (data: D) => T[];
  empty: string;
  renderItem: (item: T) => ComponentChildren;
}) {
  const { t } = usePortal();
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <ErrorNote message={t('loadFailed')} onRetry={loaded.reload} />;
  const list = items(loaded.data);
  if (list.length === 0) return <p class="muted">{empty}</p>;
  return <ul class="list">{list.map(renderItem)}</ul>;
}

export function ErrorNote({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = usePortal();
  return (
    <div class="error-note" role="alert">
      <p>{message}</p>
      {onRetry ? (
        <button type="button" class="button secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

const STATUS_KEYS: Record<string, MessageKey> = {
  open: 'statusOpen',
  pending: 'statusPending',
  snoozed: 'statusSnoozed',
  resolved: 'statusResolved',
  closed: 'statusClosed',
};

export function ConversationStatus({ status }: { status: string }) {
  const { t } = usePortal();
  return <span class={`badge badge-${status}`}>{STATUS_KEYS[status] ? t(STATUS_KEYS[status]) : status}</span>;
}

const CHANNEL_KEYS: Record<string, MessageKey> = {
  email: 'channelEmail',
  web_chat: 'channelWebChat',
  sms: 'channelSms',
  whatsapp: 'channelWhatsapp',
  messenger: 'channelMessenger',
  instagram: 'channelInstagram',
  api: 'channelApi',
};

export const channelName = (t: ReturnType<typeof usePortal>['t'], channel: string) => (CHANNEL_KEYS[channel] ? t(CHANNEL_KEYS[channel]) : channel);

/** Loads data for a page, again when `deps` change; `reload` fetches again (after a write, or "Try again"). */
export { useLoad } from './use-load.ts';
