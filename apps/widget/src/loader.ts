/**
 * The loader: the only script a host page pays for before the chat opens (budget ≤ 10 KB gzip). It puts a launcher
 * button in a shadow root, so the page's CSS cannot reach it, and fetches the chat (widget-<hash>.js) when the
 * visitor opens it, or when the browser is idle if this visitor already has a conversation (so replies arrive live).
 */
import { startSdk } from './sdk.ts';
import { type ChatController, type Locale, type MountContext, type WidgetGlobal, type WidgetOptions, pickLocale, storageKeyFor } from './contract.ts';

/** The chat's file name, with its content hash (set by build.ts). */
declare const __WIDGET_FILE__: string;

const LABELS: Record<Locale, [open: string, close: string, unread: string, region: string]> = {
  en: ['Open chat', 'Close chat', 'unread', 'Chat'],
  ja: ['チャットを開く', 'チャットを閉じる', '件の未読', 'チャット'],
  zh: ['打开聊天', '关闭聊天', '条未读', '聊天'],
};

const CHAT_ICON = '<svg class="tp-i-chat" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';
const CLOSE_ICON = '<svg class="tp-i-close" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6L6 18"/></svg>';

// `all: initial !important` on the host: declarations of the shadow tree win over the page's `!important` ones,
// and nothing the page sets on its elements (fonts, colours, `* { all: unset }`) is inherited past it. Only px units:
// rem would follow the page's root font size.
const CSS = `:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;inset:auto 0 0 auto!important;width:0!important;height:0!important;overflow:visible!important}
.tp{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Hiragino Sans","Noto Sans CJK JP","Microsoft YaHei",sans-serif;color:#1a1a1a;-webkit-text-size-adjust:100%;text-align:left}
.tp *,.tp *::before,.tp *::after{box-sizing:border-box}
.tp-launcher{all:unset;box-sizing:border-box;position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;background:var(--tp-color);color:var(--tp-on-color);display:flex;align-items:center;justify-content:center;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.tp[data-position=left] .tp-launcher{right:auto;left:20px}
.tp-launcher:focus-visible{outline:3px solid #1a1a1a;outline-offset:3px;box-shadow:0 0 0 6px #fff}
.tp-launcher .tp-i-close,.tp-open .tp-launcher .tp-i-chat{display:none}
.tp-open .tp-launcher .tp-i-close{display:block}
.tp-badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#c62828;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center}
@media (max-width:480px){.tp-open .tp-launcher{display:none}}`;

/** White or near-black, whichever reads better on `color` (WCAG contrast). */
function textColorOn(color: string): string {
  const channel = (i: number) => {
    const value = parseInt(color.slice(i, i + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05) ? '#fff' : '#111';
}

const script = document.currentScript as HTMLScriptElement | null;
const w = window as unknown as Window & { TouchpointWidget?: WidgetGlobal };

interface State {
  options: WidgetOptions & { server: string };
  locale: Locale;
  root: ShadowRoot;
  frame: HTMLElement;
  button: HTMLButtonElement;
  badge: HTMLElement;
  open: boolean;
  unread: number;
  loading: boolean;
  controller: ChatController | null;
}

let state: State | null = null;

function label() {
  if (!state) return;
  const [open, close, unread] = LABELS[state.locale];
  state.button.setAttribute('aria-label', state.open ? close : state.unread > 0 ? `${open} (${state.unread} ${unread})` : open);
  state.button.setAttribute('aria-expanded', String(state.open));
  state.badge.hidden = state.open || state.unread === 0;
  state.badge.textContent = String(state.unread);
  state.frame.classList.toggle('tp-open', state.open);
}

function setColor(color: string) {
  if (!state || !/^#[0-9a-f]{6}$/i.test(color)) return;
  state.frame.style.setProperty('--tp-color', color);
  state.frame.style.setProperty('--tp-on-color', textColorOn(color));
}

function load() {
  if (!state || state.loading) return;
  state.loading = true;
  const server = state.options.server;
  const inject = (file: string, fallback?: string) => {
    const tag = document.createElement('script');
    tag.src = `${server}/widget/${file}`;
    tag.async = true;
    // A page that kept an older loader asks for a file a newer build replaced: take the current one instead.
    if (fallback) tag.onerror = () => inject(fallback);
    document.head.appendChild(tag);
  };
  inject(__WIDGET_FILE__, 'widget.js');
}

function setOpen(open: boolean) {
  if (!state) return;
  // Closing from inside the chat (its button, Escape) hands focus back to the launcher; a page's own close() does not move it.
  const focusInside = state.root.activeElement !== null;
  state.open = open;
  label();
  if (open && !state.controller) load();
  state.controller?.setOpen(open);
  if (!open && focusInside) state.button.focus();
}

function init(options: WidgetOptions) {
  if (state || !options || !options.channelKey) return;
  const server = (options.server || (script?.src ? new URL(script.src).origin : location.origin)).replace(/\/+$/, '');
  const locale = pickLocale(options.locale ? [options.locale] : navigator.languages || [navigator.language]);
  const host = document.createElement('div');
  host.setAttribute('data-touchpoint-widget', '');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${CSS}</style><div class="tp" role="complementary" aria-label="${LABELS[locale][3]}" data-position="${options.position === 'left' ? 'left' : 'right'}"><div class="tp-chat"></div><button class="tp-launcher" type="button">${CHAT_ICON}${CLOSE_ICON}<span class="tp-badge" aria-hidden="true" hidden></span></button></div>`;
  const frame = root.querySelector('.tp') as HTMLElement;
  const button = root.querySelector('button') as HTMLButtonElement;
  state = { options: { ...options, server }, locale, root, frame, button, badge: root.querySelector('.tp-badge') as HTMLElement, open: false, unread: 0, loading: false, controller: null };
  setColor(/^#[0-9a-f]{6}$/i.test(options.color ?? '') ? options.color! : '#1f6feb');
  label();
  startSdk(server, options.channelKey);
  button.addEventListener('click', () => setOpen(!state!.open));
  const attach = () => document.body.appendChild(host);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach);

  let returning = Boolean(options.userId);
  try {
    returning ||= Boolean(localStorage.getItem(storageKeyFor(options.channelKey)));
  } catch {
    // Storage blocked: nothing to resume.
  }
  if (location.hash === '#touchpoint-chat') setOpen(true);
  else if (returning) {
    const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(load, { timeout: 4000 }) : setTimeout(load, 1500));
    if (document.readyState === 'complete') idle();
    else addEventListener('load', idle);
  }
}

w.TouchpointWidget = {
  init,
  open: () => setOpen(true),
  close: () => setOpen(false),
  toggle: () => setOpen(!state?.open),
  _mount(mount) {
    if (!state || state.controller) return;
    const context: MountContext = {
      root: state.root,
      container: state.root.querySelector('.tp-chat') as HTMLElement,
      options: state.options,
      locale: state.locale,
      setUnread(count) {
        state!.unread = count;
        label();
      },
      setColor,
      close: () => setOpen(false),
    };
    state.controller = mount(context);
    state.controller.setOpen(state.open);
  },
};

const data = script?.dataset;
if (data?.channelKey) {
  init({
    channelKey: data.channelKey,
    server: data.server,
    userId: data.userId,
    userHash: data.userHash,
    name: data.name,
    email: data.email,
    locale: data.locale,
    color: data.color,
    position: data.position === 'left' ? 'left' : 'right',
  });
}
