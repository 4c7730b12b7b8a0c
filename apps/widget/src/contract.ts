/**
 * What the host page can set, by `data-*` attributes on the script tag or `TouchpointWidget.init({...})`.
 *
 * @example
 * <script src="https://support.example.com/widget/loader.js" data-channel-key="…" async></script>
 * @example
 * <script src="https://support.example.com/widget/loader.js" async
 *   onload="TouchpointWidget.init({ channelKey: '…', userId: '42', userHash: '…', name: 'Ken', email: 'ken@example.com' })"></script>
 */
export interface WidgetOptions {
  /** The inbox's key, shown in the console next to the snippet. */
  channelKey: string;
  /** Touchpoint's address; defaults to where loader.js came from. */
  server?: string;
  /** A user the host site signed in, with `userHash` = hex HMAC-SHA256 of `userId` with the inbox's identity secret. */
  userId?: string;
  userHash?: string;
  name?: string;
  email?: string;
  /** `en`, `ja` or `zh`; defaults to the browser's languages. */
  locale?: string;
  /** The launcher's colour (`#rrggbb`) before the chat's own settings arrive. */
  color?: string;
  position?: 'left' | 'right';
}

/** What the loader hands the chat when it has loaded. */
export interface MountContext {
  /** The shadow root (for the chat's styles) and the element to render the chat into. */
  root: ShadowRoot;
  container: HTMLElement;
  options: WidgetOptions & { server: string };
  locale: Locale;
  /** The number shown on the launcher while the chat is closed. */
  setUnread(count: number): void;
  setColor(color: string): void;
  /** The chat asks the loader to close (its own close button, Escape). */
  close(): void;
}

/** What the chat gives back to the loader. */
export interface ChatController {
  setOpen(open: boolean): void;
}

export type Locale = 'en' | 'ja' | 'zh';

/** The loader's global, also the host page's API. */
export interface WidgetGlobal {
  init(options: WidgetOptions): void;
  open(): void;
  close(): void;
  toggle(): void;
  /** Called by widget-<hash>.js once it has run. */
  _mount?(mount: (context: MountContext) => ChatController): void;
}

/** The first of the browser's languages that the chat speaks, else English. */
export function pickLocale(wanted: readonly string[]): Locale {
  for (const tag of wanted) {
    const language = tag.toLowerCase().split('-')[0];
    if (language === 'en' || language === 'ja' || language === 'zh') return language;
  }
  return 'en';
}

export const storageKeyFor = (channelKey: string) => `touchpoint:${channelKey}:visitor`;
