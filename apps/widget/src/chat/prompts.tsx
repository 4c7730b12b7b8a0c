/**
 * In-app prompts in the widget's shadow root: a banner at the top or bottom of the page, a modal (focus kept inside,
 * Escape closes it, focus handed back), or a tooltip beside an element of the host page (a corner card when that
 * element is missing). One at a time, highest priority first; they arrive over the visitor's socket.
 */
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Locale, WidgetGlobal } from '../contract.ts';
import type { Api } from './api.ts';

type PromptLocale = 'en' | 'ja' | 'zh';
interface PromptContent { title: string; body: string; ctaLabel?: string | null; imageUrl?: string | null }
export interface PromptPayload {
  deliveryId: string;
  kind: 'banner' | 'modal' | 'tooltip';
  placement: 'top' | 'bottom';
  anchorSelector: string | null;
  content: Partial<Record<PromptLocale, PromptContent>>;
  locale: PromptLocale | null;
  action: { kind: 'url'; url: string } | { kind: 'open_chat' } | { kind: 'dismiss' };
  priority: number;
  expiresAt: string;
}
export type PromptEvent = { type: 'prompt'; prompt: PromptPayload } | { type: 'prompt.closed'; deliveryId: string };

const CLOSE_LABEL: Record<Locale, string> = { en: 'Close', ja: '閉じる', zh: '关闭' };

export const PROMPT_CSS = `.tp-pr{position:fixed;z-index:2147483001;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Hiragino Sans","Noto Sans CJK JP","Microsoft YaHei",sans-serif;color:#1a1a1a}
.tp-pr-banner{left:0;right:0;display:flex;gap:12px;align-items:center;padding:12px 16px;background:var(--tp-color,#1f6feb);color:var(--tp-on-color,#fff);box-shadow:0 2px 10px rgba(0,0,0,.2)}
.tp-pr-top{top:0}.tp-pr-bottom{bottom:0}
.tp-pr-banner .tp-pr-text{flex:1;min-width:0}
.tp-pr-title{font-weight:600;margin:0;font-size:15px}
.tp-pr-body{margin:2px 0 0;white-space:pre-wrap}
.tp-pr-img{display:block;width:100%;max-height:180px;object-fit:cover;border-radius:8px;margin-bottom:8px}
.tp-pr-banner .tp-pr-img{display:none}
.tp-pr-cta{all:unset;box-sizing:border-box;cursor:pointer;padding:8px 14px;border-radius:8px;background:var(--tp-color,#1f6feb);color:var(--tp-on-color,#fff);font-weight:600;text-align:center}
.tp-pr-banner .tp-pr-cta{background:#fff;color:#1a1a1a}
.tp-pr-x{all:unset;box-sizing:border-box;cursor:pointer;width:32px;height:32px;border-radius:50%;display:flex;align-items:center;justify-content:center;font-size:20px;line-height:1}
.tp-pr-cta:focus-visible,.tp-pr-x:focus-visible{outline:3px solid currentColor;outline-offset:2px}
.tp-pr-back{inset:0;background:rgba(0,0,0,.5);display:flex;align-items:center;justify-content:center;padding:16px}
.tp-pr-modal{position:relative;background:#fff;border-radius:14px;padding:20px;width:100%;max-width:420px;max-height:90vh;overflow:auto;box-shadow:0 16px 40px rgba(0,0,0,.3)}
.tp-pr-modal .tp-pr-x,.tp-pr-tip .tp-pr-x{position:absolute;top:8px;right:8px}
.tp-pr-modal .tp-pr-title{padding-right:32px;font-size:18px}
.tp-pr-actions{display:flex;gap:8px;margin-top:14px;flex-wrap:wrap}
.tp-pr-tip{width:min(300px,calc(100vw - 24px));background:#1a1a1a;color:#fff;border-radius:10px;padding:14px 40px 14px 14px;box-shadow:0 8px 24px rgba(0,0,0,.3)}
.tp-pr-tip .tp-pr-cta{background:#fff;color:#1a1a1a}
.tp-pr-float{right:12px;bottom:88px}
@media (max-width:480px){.tp-pr-banner{flex-wrap:wrap}.tp-pr-modal{align-self:flex-end;border-radius:14px 14px 0 0;max-width:none}.tp-pr-back{padding:0}}`;

function pickContent(prompt: PromptPayload, locale: Locale): { content: PromptContent; lang: string } {
  for (const candidate of [prompt.locale, locale, 'en' as const]) {
    const content = candidate ? prompt.content[candidate] : undefined;
    if (content) return { content, lang: candidate! };
  }
  const [lang, content] = Object.entries(prompt.content)[0] ?? ['en', { title: '', body: '' }];
  return { content: content!, lang };
}

const FOCUSABLE = 'a[href],button:not([disabled]),input,select,textarea,[tabindex]:not([tabindex="-1"])';

/** Where a tooltip goes: below its element if there is room, else above; clamped to the viewport. */
function placeTooltip(anchor: Element, tip: HTMLElement) {
  const rect = anchor.getBoundingClientRect();
  const height = tip.offsetHeight;
  const width = tip.offsetWidth;
  const below = rect.bottom + 10 + height <= innerHeight || rect.top - 10 - height < 0;
  tip.style.top = `${Math.max(8, below ? rect.bottom + 10 : rect.top - 10 - height)}px`;
  tip.style.left = `${Math.min(Math.max(8, rect.left + rect.width / 2 - width / 2), innerWidth - width - 8)}px`;
}

function PromptView({ prompt, locale, onClose, onClick }: { prompt: PromptPayload; locale: Locale; onClose(): void; onClick(): void }) {
  const { content, lang } = pickContent(prompt, locale);
  const box = useRef<HTMLDivElement>(null);
  const [anchor] = useState(() => (prompt.kind === 'tooltip' && prompt.anchorSelector ? safeQuery(prompt.anchorSelector) : null));
  const titleId = `tp-pr-t-${prompt.deliveryId}`;

  // A modal keeps focus inside and gives it back where it was; Escape closes any prompt.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    if (prompt.kind === 'modal') (box.current?.querySelector(FOCUSABLE) as HTMLElement | null)?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
      if (event.key !== 'Tab' || prompt.kind !== 'modal' || !box.current) return;
      const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const root = box.current.getRootNode() as ShadowRoot;
      const index = items.indexOf(root.activeElement as HTMLElement);
      if (event.shiftKey && index <= 0) {
        event.preventDefault();
        items.at(-1)?.focus();
      } else if (!event.shiftKey && index === items.length - 1) {
        event.preventDefault();
        items[0]?.focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (prompt.kind === 'modal') previous?.focus?.();
    };
  }, [prompt, onClose]);

  useLayoutEffect(() => {
    if (!anchor || !box.current) return;
    const place = () => box.current && placeTooltip(anchor, box.current);
    place();
    addEventListener('scroll', place, true);
    addEventListener('resize', place);
    return () => {
      removeEventListener('scroll', place, true);
      removeEventListener('resize', place);
    };
  }, [anchor]);

  const cta = prompt.action.kind !== 'dismiss' && content.ctaLabel ? <button type="button" class="tp-pr-cta" onClick={onClick}>{content.ctaLabel}</button> : null;
  const close = <button type="button" class="tp-pr-x" aria-label={CLOSE_LABEL[locale]} onClick={onClose}>×</button>;
  const inner = (
    <>
      {content.imageUrl ? <img class="tp-pr-img" src={content.imageUrl} alt="" /> : null}
      <div class="tp-pr-text">
        <p class="tp-pr-title" id={titleId}>{content.title}</p>
        {content.body ? <p class="tp-pr-body">{content.body}</p> : null}
      </div>
    </>
  );
  if (prompt.kind === 'banner') {
    return <div ref={box} class={`tp-pr tp-pr-banner tp-pr-${prompt.placement}`} role="region" aria-labelledby={titleId} lang={lang}>{inner}{cta}{close}</div>;
  }
  if (prompt.kind === 'modal') {
    return (
      <div class="tp-pr tp-pr-back" onClick={(event) => event.target === event.currentTarget && onClose()}>
        <div ref={box} class="tp-pr-modal" role="dialog" aria-modal="true" aria-labelledby={titleId} lang={lang}>
          {inner}
          {cta ? <div class="tp-pr-actions">{cta}</div> : null}
          {close}
        </div>
      </div>
    );
  }
  return (
    <div ref={box} class={`tp-pr tp-pr-tip${anchor ? '' : ' tp-pr-float'}`} role="dialog" aria-labelledby={titleId} lang={lang}>
      {inner}
      {cta ? <div class="tp-pr-actions">{cta}</div> : null}
      {close}
    </div>
  );
}

function safeQuery(selector: string): Element | null {
  try {
    return document.querySelector(selector);
  } catch {
    return null;
  }
}

/** The prompts waiting on this page, and how the socket hands them over. */
export function createPromptLayer(container: HTMLElement, api: Api, locale: Locale) {
  let queue: PromptPayload[] = [];
  // A prompt never covers an open chat: it waits until the customer closes the chat (unless it expires first).
  let chatOpen = false;
  const seen = new Set<string>();
  const acked = new Set<string>();

  const finish = (deliveryId: string) => {
    queue = queue.filter((item) => item.deliveryId !== deliveryId);
    draw();
  };

  function draw() {
    queue = queue.filter((item) => new Date(item.expiresAt).getTime() > Date.now());
    const current = chatOpen ? undefined : queue[0];
    if (current && !acked.has(current.deliveryId)) {
      acked.add(current.deliveryId);
      api.respondToPrompt(current.deliveryId, 'shown').catch(() => {});
    }
    render(current ? (
      <PromptView
        key={current.deliveryId}
        prompt={current}
        locale={locale}
        onClose={() => {
          api.respondToPrompt(current.deliveryId, 'dismissed').catch(() => {});
          finish(current.deliveryId);
        }}
        onClick={() => {
          const done = api.respondToPrompt(current.deliveryId, 'clicked').catch(() => {});
          finish(current.deliveryId);
          const action = current.action;
          if (action.kind === 'url') void done.then(() => location.assign(action.url));
          else if (action.kind === 'open_chat') (window as unknown as { TouchpointWidget?: WidgetGlobal }).TouchpointWidget?.open();
        }}
      />
    ) : null, container);
  }

  return {
    setChatOpen(open: boolean) {
      if (open === chatOpen) return;
      chatOpen = open;
      draw();
    },
    receive(event: PromptEvent) {
      if (event.type === 'prompt.closed') return finish(event.deliveryId);
      if (seen.has(event.prompt.deliveryId)) return;
      seen.add(event.prompt.deliveryId);
      queue = [...queue, event.prompt].sort((a, b) => b.priority - a.priority);
      draw();
    },
  };
}
