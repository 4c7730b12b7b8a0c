/**
 * In-app prompts in the portal: the customer socket (`/api/portal/<handle>/socket`, the session cookie authenticates
 * it) pushes them the moment they trigger. One at a time, highest priority first; a banner above the tab bar or a modal
 * (focus kept inside, Escape closes it). A tooltip has no anchor in the portal and shows as a card.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { usePortal } from './portal-context.ts';
import './prompts.css';

type PromptLocale = 'en' | 'ja' | 'zh';
interface PromptContent { title: string; body: string; ctaLabel?: string | null; imageUrl?: string | null }
interface PromptPayload {
  deliveryId: string;
  kind: 'banner' | 'modal' | 'tooltip';
  content: Partial<Record<PromptLocale, PromptContent>>;
  locale: PromptLocale | null;
  action: { kind: 'url'; url: string } | { kind: 'open_chat' } | { kind: 'dismiss' };
  priority: number;
  expiresAt: string;
}
type SocketMessage = { type: 'prompt'; prompt: PromptPayload } | { type: 'prompt.closed'; deliveryId: string } | { type: 'ready' | 'ping' };

const CLOSE: Record<PromptLocale, string> = { en: 'Close', ja: '閉じる', zh: '关闭' };
const FOCUSABLE = 'a[href],button:not([disabled]),[tabindex]:not([tabindex="-1"])';

export function PortalPrompts() {
  const { handle, api, locale, navigate } = usePortal();
  const [queue, setQueue] = useState<PromptPayload[]>([]);
  const acked = useRef(new Set<string>());
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let socket: WebSocket | null = null;
    let stopped = false;
    let attempts = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      if (stopped) return;
      socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/portal/${encodeURIComponent(handle)}/socket`);
      socket.onmessage = (message) => {
        const event = JSON.parse(String(message.data)) as SocketMessage;
        if (event.type === 'ready') attempts = 0;
        else if (event.type === 'prompt') setQueue((current) => (current.some((item) => item.deliveryId === event.prompt.deliveryId) ? current : [...current, event.prompt].sort((a, b) => b.priority - a.priority)));
        else if (event.type === 'prompt.closed') setQueue((current) => current.filter((item) => item.deliveryId !== event.deliveryId));
      };
      socket.onclose = (close) => {
        socket = null;
        // 4401 or a refused upgrade: signed out; the app notices on its next call.
        if (stopped || close.code === 4401) return;
        attempts += 1;
        retry = setTimeout(open, Math.min(30_000, 1000 * 2 ** Math.min(attempts, 5)) * (0.5 + Math.random() / 2));
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, [handle]);

  const current = queue.find((item) => new Date(item.expiresAt).getTime() > Date.now()) ?? null;

  useEffect(() => {
    if (!current || acked.current.has(current.deliveryId)) return;
    acked.current.add(current.deliveryId);
    api.respondToPrompt(current.deliveryId, 'shown').catch(() => undefined);
  }, [current, api]);

  useEffect(() => {
    if (!current) return;
    const modal = current.kind === 'modal';
    const previous = document.activeElement as HTMLElement | null;
    if (modal) (box.current?.querySelector(FOCUSABLE) as HTMLElement | null)?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close('dismissed');
      if (event.key !== 'Tab' || !modal || !box.current) return;
      const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const index = items.indexOf(document.activeElement as HTMLElement);
      if (event.shiftKey && index <= 0) {
        event.preventDefault();
        items.at(-1)?.focus();
      } else if (!event.shiftKey && index === items.length - 1) {
        event.preventDefault();
        items[0]?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (modal) previous?.focus?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.deliveryId]);

  if (!current) return null;
  const lang = ([current.locale, locale as PromptLocale, 'en'] as (PromptLocale | null)[]).find((code) => code && current.content[code]) ?? (Object.keys(current.content)[0] as PromptLocale);
  const content = current.content[lang] ?? { title: '', body: '' };

  function close(response: 'clicked' | 'dismissed') {
    if (!current) return;
    const done = api.respondToPrompt(current.deliveryId, response).catch(() => undefined);
    setQueue((items) => items.filter((item) => item.deliveryId !== current.deliveryId));
    if (response !== 'clicked') return;
    const action = current.action;
    if (action.kind === 'url') void done.then(() => location.assign(action.url));
    else if (action.kind === 'open_chat') navigate('/conversations/new');
  }

  const titleId = `prompt-title-${current.deliveryId}`;
  const body = (
    <>
      {content.imageUrl && current.kind !== 'banner' ? <img class="prompt-image" src={content.imageUrl} alt="" /> : null}
      <div class="prompt-text">
        <p class="prompt-title" id={titleId}>{content.title}</p>
        {content.body ? <p class="prompt-body">{content.body}</p> : null}
      </div>
      <div class="prompt-actions">
        {current.action.kind !== 'dismiss' && content.ctaLabel ? <button type="button" class="button primary" onClick={() => close('clicked')}>{content.ctaLabel}</button> : null}
      </div>
      <button type="button" class="prompt-close" aria-label={CLOSE[lang] ?? CLOSE.en} onClick={() => close('dismissed')}>×</button>
    </>
  );
  if (current.kind === 'modal') {
    return (
      <div class="prompt-backdrop" onClick={(event) => event.target === event.currentTarget && close('dismissed')}>
        <div ref={box} class="prompt-modal" role="dialog" aria-modal="true" aria-labelledby={titleId} lang={lang}>{body}</div>
      </div>
    );
  }
  return <div ref={box} class={`prompt-banner prompt-${current.kind}`} role="region" aria-labelledby={titleId} lang={lang}>{body}</div>;
}
