import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiSession } from './api.ts';

export interface ChatHostSite {
  /** The host page's origin, e.g. `http://127.0.0.1:43121`. */
  url: string;
  inboxId: string;
  channelKey: string;
  close(): Promise<void>;
}

export interface ChatHostSiteOptions {
  baseURL: string;
  accountId: string;
  inboxName: string;
  /** The inbox's channel settings besides `allowedOrigins` (greeting, colour…). */
  config?: Record<string, string>;
  /** The channel's secrets, e.g. `{ identitySecret }` for identity verification. */
  secrets?: Record<string, string>;
  /**
   * The widget options the page passes to `TouchpointWidget.init` (a signed-in user's `userId`, `userHash`, name,
   * email); without them the page uses the plain one-tag snippet.
   */
  initOptions?: Record<string, string>;
  /** Inline script placed before the loader (e.g. the SDK's queue stub and early `Touchpoint(...)` calls). */
  pageScript?: string;
}

/**
 * A shop's site on an origin of its own (a small server on loopback) with the chat widget on it, connected to a new
 * web_chat inbox of the account, as an admin would set it up. Close it when the test ends.
 */
export async function startChatHostSite(admin: ApiSession, options: ChatHostSiteOptions): Promise<ChatHostSite> {
  let channelKey = '';
  const server = createServer((_request, response) => {
    const script = options.initOptions
      ? `<script src="${options.baseURL}/widget/loader.js" async onload='TouchpointWidget.init(${JSON.stringify({ channelKey, ...options.initOptions })})'></script>`
      : `<script src="${options.baseURL}/widget/loader.js" data-channel-key="${channelKey}" async></script>`;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sakura Goods</title></head>
<body><main><h1>Sakura Goods</h1></main>${options.pageScript ? `<script>${options.pageScript}</script>` : ''}${script}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const inbox = (await admin.send('POST', `/accounts/${options.accountId}/inboxes`, { name: options.inboxName, channel: 'web_chat' })) as { id: string };
    const response = await admin.request.fetch(`/api/v1/accounts/${options.accountId}/inboxes/${inbox.id}/channel`, {
      method: 'PUT',
      data: { config: { allowedOrigins: url, ...options.config }, secrets: options.secrets ?? {} },
      headers: { 'x-csrf-token': admin.me.csrfToken },
    });
    if (!response.ok()) throw new Error(`connecting the chat answered ${response.status()}: ${await response.text()}`);
    channelKey = ((await response.json()) as { webhookUrl: string }).webhookUrl.split('/').at(-1)!;
    return { url, inboxId: inbox.id, channelKey, close };
  } catch (error) {
    await close();
    throw error;
  }
}
