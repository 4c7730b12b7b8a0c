import { createHmac } from 'node:crypto';
import type { ChannelInbox } from '../channel-adapter.ts';
import { PermanentDeliveryError } from '../channel-adapter.ts';

export const GRAPH_API_BASE_URL = 'https://graph.facebook.com';
export const GRAPH_API_VERSION = 'v21.0';

/** Where and as whom an inbox talks to the Graph API. */
export interface GraphSettings {
  baseUrl: string;
  version: string;
  accessToken: string;
  appSecret: string | null;
}

export const graphSettingsOf = (inbox: Pick<ChannelInbox, 'config' | 'secrets'>): GraphSettings => ({
  baseUrl: (inbox.config.apiBaseUrl || GRAPH_API_BASE_URL).replace(/\/+$/, ''),
  version: inbox.config.apiVersion || GRAPH_API_VERSION,
  accessToken: inbox.secrets.pageAccessToken ?? '',
  appSecret: inbox.secrets.appSecret || null,
});

/**
 * Graph error codes that say "later", whatever the HTTP status: 1 unknown/temporary, 2 service unavailable,
 * 4/17/32/613 rate limits (app, user, page, custom), 80006 Messenger's rate limit.
 */
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613, 80006]);

interface GraphErrorBody { error?: { message?: string; code?: number; error_subcode?: number; is_transient?: boolean; type?: string } }

/** A refusal from the Graph API, with Meta's own words. Never carries the URL (it holds the access token). */
export class GraphApiError extends Error {
  override name = 'GraphApiError';
  constructor(message: string, readonly status: number, readonly code: number | null, readonly subcode: number | null, readonly transient: boolean) {
    super(message);
  }
}

const describe = (status: number, body: GraphErrorBody, text: string) => {
  const error = body.error;
  if (!error?.message) return `HTTP ${status} ${text.slice(0, 200)}`.trim();
  const codes = [error.code, error.error_subcode].filter((code) => code !== undefined).join('/');
  return `${error.message}${codes ? ` (code ${codes})` : ''}`;
};

/**
 * One Graph API call as the Page: the access token (and `appsecret_proof`, which apps with "Require App Secret"
 * demand) go in the query string, as Meta's Send API documents. Resolves with the JSON answer or throws a
 * GraphApiError; `transient` says whether trying again later can help.
 */
export async function callGraph<T>(doFetch: typeof fetch, settings: GraphSettings, method: 'GET' | 'POST', path: string, options: { query?: Record<string, string>; body?: unknown; timeoutMs?: number } = {}): Promise<T> {
  const url = new URL(`${settings.baseUrl}/${settings.version}/${path.replace(/^\/+/, '')}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  url.searchParams.set('access_token', settings.accessToken);
  if (settings.appSecret) url.searchParams.set('appsecret_proof', createHmac('sha256', settings.appSecret).update(settings.accessToken).digest('hex'));
  let response: Response;
  try {
    response = await doFetch(url, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      headers: { 'user-agent': 'Touchpoint-Channels/1', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch (error) {
    // fetch's own errors name no URL, but say only what happened, to be sure the token never reaches a message.
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'no answer in time' : 'could not connect';
    throw new GraphApiError(`the Graph API could not be reached: ${reason}`, 0, null, null, true);
  }
  const text = await response.text();
  const json = (() => { try { return JSON.parse(text) as unknown; } catch { return null; } })();
  if (response.ok && json !== null && typeof json === 'object' && !(json as GraphErrorBody).error) return json as T;
  const body = (json ?? {}) as GraphErrorBody;
  const code = body.error?.code ?? null;
  const transient = response.status >= 500 || response.status === 408 || response.status === 429 || Boolean(body.error?.is_transient) || (code !== null && TRANSIENT_CODES.has(code)) || response.ok;
  throw new GraphApiError(describe(response.status, body, text), response.status, code, body.error?.error_subcode ?? null, transient);
}

/** For senders: a Graph refusal that will not change fails the reply at once, with Meta's reason; the rest is retried. */
export function toDeliveryError(error: unknown): Error {
  if (error instanceof GraphApiError && !error.transient) return new PermanentDeliveryError(`Meta refused the message: ${error.message}`);
  if (error instanceof GraphApiError) return new Error(`Meta did not take the message: ${error.message}`);
  return error instanceof Error ? error : new Error(String(error));
}
