import { Readable } from 'node:stream';
import type { ChannelInbox } from '../channel-adapter.ts';

/** Meta's public Graph API; an inbox may point elsewhere (a proxy, or a test's fake on loopback). */
export const DEFAULT_GRAPH_API_BASE_URL = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_API_VERSION = 'v21.0';

/** Meta's throttling codes: the same request may succeed later, so these are retried even though they come as 4xx. */
const THROTTLED_CODES = new Set([4, 80007, 130429, 131056]);

/** A refusal or failure of the Graph API, with Meta's own message ("(#131047) Re-engagement message: …"). */
export class WhatsAppApiError extends Error {
  override name = 'WhatsAppApiError';
  constructor(message: string, readonly status: number, readonly code: number | null) {
    super(message);
  }

  /** A 4xx that is not throttling: sending the same request again cannot help. */
  get permanent() {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429 && !(this.code !== null && THROTTLED_CODES.has(this.code));
  }
}

export interface WhatsAppGraphSettings {
  apiBaseUrl: string;
  apiVersion: string;
  accessToken: string;
}

export const whatsAppSettingsOf = (inbox: Pick<ChannelInbox, 'config' | 'secrets'>): WhatsAppGraphSettings => ({
  apiBaseUrl: inbox.config.apiBaseUrl?.trim() || DEFAULT_GRAPH_API_BASE_URL,
  apiVersion: inbox.config.apiVersion?.trim() || DEFAULT_GRAPH_API_VERSION,
  accessToken: inbox.secrets.accessToken ?? '',
});

interface GraphErrorBody {
  error?: { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } };
}

async function errorFrom(response: Response, doing: string): Promise<WhatsAppApiError> {
  const text = await response.text().catch(() => '');
  const body = (() => { try { return JSON.parse(text) as GraphErrorBody; } catch { return {}; } })();
  const error = body.error;
  const details = error?.error_data?.details;
  const reason = error?.message
    ? `${error.code !== undefined && !error.message.startsWith('(#') ? `(#${error.code}) ` : ''}${error.message}${details && details !== error.message ? `: ${details}` : ''}`
    : `HTTP ${response.status}${text ? ` ${text.slice(0, 200)}` : ''}`;
  return new WhatsAppApiError(`WhatsApp ${doing}: ${reason}`.slice(0, 500), response.status, typeof error?.code === 'number' ? error.code : null);
}

export interface GraphTemplate {
  id?: string;
  name: string;
  language: string;
  category?: string;
  status?: string;
  parameter_format?: string;
  components?: { type: string; format?: string; text?: string; buttons?: { type: string; text?: string; url?: string }[] }[];
}

/**
 * The few Graph API calls the WhatsApp channel makes, each with the inbox's access token as a Bearer token and a
 * timeout. Errors carry Meta's message so an agent sees why a reply failed.
 */
export function createWhatsAppGraphClient(settings: WhatsAppGraphSettings, doFetch: typeof fetch = fetch, timeoutMs = 15_000) {
  const base = `${settings.apiBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(settings.apiVersion)}`;
  const auth = { authorization: `Bearer ${settings.accessToken}`, 'user-agent': 'Touchpoint-Channels/1' };

  async function call<T>(path: string, init: RequestInit, doing: string): Promise<T> {
    const response = await doFetch(`${base}/${path}`, { ...init, redirect: 'error', headers: { ...auth, ...init.headers }, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw await errorFrom(response, doing);
    return (await response.json()) as T;
  }

  return {
    /** Sends one message (`text`, `image`, `template`…) and answers WhatsApp's id for it (`wamid…`). */
    async sendMessage(phoneNumberId: string, message: Record<string, unknown>): Promise<string> {
      const answer = await call<{ messages?: { id?: string }[] }>(`${encodeURIComponent(phoneNumberId)}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...message }),
      }, 'did not take the message');
      const id = answer.messages?.[0]?.id;
      if (!id) throw new WhatsAppApiError('WhatsApp accepted the message but answered no message id', 502, null);
      return id;
    },

    /** Uploads a file for a reply (kept by Meta for 30 days) and answers its media id. */
    async uploadMedia(phoneNumberId: string, file: { bytes: Buffer; contentType: string; fileName: string }): Promise<string> {
      const form = new FormData();
      form.set('messaging_product', 'whatsapp');
      form.set('type', file.contentType);
      form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.fileName);
      const answer = await call<{ id?: string }>(`${encodeURIComponent(phoneNumberId)}/media`, { method: 'POST', body: form }, 'did not take the file');
      if (!answer.id) throw new WhatsAppApiError('WhatsApp accepted the file but answered no media id', 502, null);
      return answer.id;
    },

    /**
     * A customer's file: its URL is asked of the Graph API by media id, then fetched with the same token. The bytes
     * come back as a stream, so a large video is never held in memory.
     */
    async downloadMedia(mediaId: string, maxBytes: number): Promise<{ contentType: string | null; content: Readable }> {
      const meta = await call<{ url?: string; mime_type?: string; file_size?: number }>(encodeURIComponent(mediaId), { method: 'GET' }, 'did not give the file');
      if (!meta.url || !URL.canParse(meta.url)) throw new WhatsAppApiError('WhatsApp gave no download address for the file', 502, null);
      // Refused before downloading: a 100 MB video past the limit is not fetched only to be dropped.
      if (typeof meta.file_size === 'number' && meta.file_size > maxBytes) throw new Error(`the file is ${meta.file_size} bytes, more than the ${maxBytes} bytes allowed`);
      const response = await doFetch(meta.url, { headers: auth, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs * 4) });
      if (!response.ok || !response.body) throw await errorFrom(response, 'did not send the file');
      const length = Number(response.headers.get('content-length'));
      if (length > maxBytes) {
        await response.body.cancel();
        throw new Error(`the file is ${length} bytes, more than the ${maxBytes} bytes allowed`);
      }
      return { contentType: meta.mime_type ?? response.headers.get('content-type'), content: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>) };
    },

    /** Every message template of a WhatsApp Business Account, following the pages. */
    async listTemplates(businessAccountId: string): Promise<GraphTemplate[]> {
      const templates: GraphTemplate[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page += 1) {
        const query = new URLSearchParams({ limit: '100', fields: 'id,name,language,category,status,parameter_format,components' });
        if (after) query.set('after', after);
        const answer: { data?: GraphTemplate[]; paging?: { next?: string; cursors?: { after?: string } } } = await call(`${encodeURIComponent(businessAccountId)}/message_templates?${query}`, { method: 'GET' }, 'did not list the templates');
        templates.push(...(answer.data ?? []));
        after = answer.paging?.next ? answer.paging.cursors?.after ?? null : null;
        if (!after) break;
      }
      return templates;
    },
  };
}

export type WhatsAppGraphClient = ReturnType<typeof createWhatsAppGraphClient>;
