import type { ChannelField, ChannelInbox } from '../channel-adapter.ts';

/** The web_chat channel's settings, as the console's connect form shows them. */
export const WEB_CHAT_FIELDS: ChannelField[] = [
  /** Sites that may embed the widget: origins separated by spaces or commas (`https://shop.example https://www.shop.example`), or `*`. */
  { key: 'allowedOrigins', required: true },
  { key: 'greeting' },
  /** The launcher's and header's colour, `#rrggbb`. */
  { key: 'color' },
  /** Signs identified users' ids (HMAC-SHA256); without it the widget serves anonymous visitors only. */
  { key: 'identitySecret', secret: true },
];

export const DEFAULT_WIDGET_COLOR = '#1f6feb';
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** `allowedOrigins` as origins (`scheme://host[:port]`); entries that are not URLs are ignored, `*` allows any site. */
export function parseAllowedOrigins(value: string | undefined): { any: boolean; origins: Set<string> } {
  const origins = new Set<string>();
  let any = false;
  for (const entry of (value ?? '').split(/[\s,]+/)) {
    if (entry === '*') any = true;
    else if (URL.canParse(entry)) {
      const origin = new URL(entry).origin;
      if (origin !== 'null') origins.add(origin);
    }
  }
  return { any, origins };
}

/**
 * Whether a page at `origin` may use this inbox's widget. Browsers send `Origin` with every request the widget makes
 * across sites and on every WebSocket upgrade, so another site cannot use a chat that names only yours. It keeps
 * other sites out; it is not authentication (a script outside a browser can send any Origin).
 */
export function isOriginAllowed(inbox: Pick<ChannelInbox, 'config'>, origin: string | null): boolean {
  if (!origin) return false;
  const allowed = parseAllowedOrigins(inbox.config.allowedOrigins);
  if (allowed.any) return true;
  return URL.canParse(origin) && allowed.origins.has(new URL(origin).origin);
}

export function widgetColorOf(inbox: Pick<ChannelInbox, 'config'>): string {
  const color = inbox.config.color?.trim() ?? '';
  return HEX_COLOR.test(color) ? color.toLowerCase() : DEFAULT_WIDGET_COLOR;
}
