import { type WidgetOptions, storageKeyFor } from '../contract.ts';
import type { HelpCenterConfig } from './help.tsx';
import type { PromptEvent } from './prompts.tsx';

export interface ChatConfig {
  name: string;
  accountName: string;
  greeting: string | null;
  color: string;
  identityVerification: boolean;
  businessHours: { open: boolean; nextOpenAt: string | null; timeZone: string } | null;
  agentsOnline: boolean;
  expectedReplyMinutes: number | null;
  maxUploadBytes: number;
  /** The help center to search in the widget; null when it has nothing published (or an older server). */
  helpCenter?: HelpCenterConfig | null;
}

export interface FileInfo {
  id: string;
  fileName: string;
  contentType: string;
  byteSize: number;
}

export interface ChatMessage {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound';
  body: string;
  author: string | null;
  attachments: FileInfo[];
  /** Written by the answer bot. */
  bot?: boolean;
  /** Quick replies under an answer-bot message. */
  choices?: string[];
  createdAt: string;
}

export interface Conversation {
  id: string;
  number: number;
  status: string;
  /** The answer bot is answering: the chat offers "talk to a person". */
  botHandling?: boolean;
  agentReadAt: string | null;
  csat: { requested: boolean; rating: number | null } | null;
  messages: ChatMessage[];
}

export interface Chat {
  visitor: { name: string; email: string | null } | null;
  conversation: Conversation | null;
}

export type SocketEvent =
  | { type: 'ready' }
  | { type: 'message'; message: ChatMessage }
  | { type: 'typing'; conversationId: string; name: string; typing: boolean }
  | { type: 'seen'; conversationId: string; at: string }
  | { type: 'conversation'; conversationId: string }
  | PromptEvent;

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function base64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** localStorage when the page allows it, else memory (the chat then lasts as long as the page). */
function createStore(prefix: string) {
  const memory = new Map<string, string>();
  return {
    get(name: string): string | null {
      try {
        return localStorage.getItem(`${prefix}${name}`);
      } catch {
        return memory.get(name) ?? null;
      }
    },
    set(name: string, value: string) {
      try {
        localStorage.setItem(`${prefix}${name}`, value);
      } catch {
        memory.set(name, value);
      }
    },
  };
}

/** The widget API of one chat, speaking for this browser's visitor (anonymous token, or the user the page signed in). */
export function createApi(options: WidgetOptions & { server: string }) {
  const base = `${options.server}/widget/v1/${encodeURIComponent(options.channelKey)}`;
  const store = createStore(storageKeyFor(options.channelKey).replace(/visitor$/, ''));
  const identified = Boolean(options.userId && options.userHash);

  const authorization = () => {
    if (identified) return `User ${base64Url(options.userId!)}.${options.userHash!.toLowerCase()}`;
    const token = store.get('visitor');
    return token ? `Visitor ${token}` : null;
  };

  async function request<T>(method: string, path: string, body?: unknown | FormData): Promise<T> {
    const headers: Record<string, string> = {};
    const auth = authorization();
    if (auth) headers.authorization = auth;
    if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${path}`, { method, headers, body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as { detail?: string };
      throw new ApiError(response.status, problem.detail ?? response.statusText);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  return {
    identified,
    store,
    hasVisitor: () => authorization() !== null,
    /** An anonymous visitor gets a token the first time they need one (nothing is stored on the server until they write). */
    async ensureVisitor() {
      if (authorization()) return;
      const { token } = await request<{ token: string }>('POST', '/visitors');
      store.set('visitor', token);
    },
    config: () => request<ChatConfig>('GET', '/config'),
    chat: () => request<Chat>('GET', '/chat'),
    saveProfile: (profile: { name?: string; email?: string; locale: string }) => request<{ visitor: Chat['visitor'] }>('POST', '/profile', profile),
    send: (message: { clientId: string; body: string; attachmentIds: string[]; pageUrl: string; name?: string; email?: string; locale: string }) =>
      request<{ message: ChatMessage; duplicate: boolean }>('POST', '/messages', message),
    upload(file: File) {
      const form = new FormData();
      form.append('file', file, file.name);
      return request<FileInfo>('POST', '/attachments', form);
    },
    async fileBlob(id: string): Promise<Blob> {
      const response = await fetch(`${base}/attachments/${id}`, { headers: { authorization: authorization() ?? '' } });
      if (!response.ok) throw new ApiError(response.status, response.statusText);
      return response.blob();
    },
    typing: (typing: boolean) => request<void>('POST', '/typing', { typing }),
    markRead: (conversationId: string) => request<{ read: number }>('POST', `/conversations/${conversationId}/read`),
    rate: (conversationId: string, rating: number, comment: string) => request<void>('POST', `/conversations/${conversationId}/csat`, { rating, comment }),
    /** A one-time link into the customer portal, signed in; only for users the host page verified. */
    portalLink: (locale: string) => request<{ url: string }>('POST', '/portal-link', { name: options.name, email: options.email, locale }),
    respondToPrompt: (deliveryId: string, response: 'shown' | 'clicked' | 'dismissed') => request<void>('POST', `/prompts/${deliveryId}/${response}`),
    handover: (conversationId: string) => request<{ handedOver: boolean }>('POST', `/conversations/${conversationId}/handover`),
    survey: (locale: string) => request<{ survey: WidgetSurvey | null }>('GET', `/surveys?locale=${locale}`),
    answerSurvey: (requestId: string, answer: { score?: number; comment?: string }) => request<{ score: number; comment: string }>('POST', `/surveys/${requestId}`, answer),

    /** The visitor's socket, reconnecting with backoff; every (re)connection starts with `ready`, after which the chat reloads what it missed. */
    connect(onEvent: (event: SocketEvent) => void) {
      let socket: WebSocket | null = null;
      let attempts = 0;
      let stopped = false;
      let retry: ReturnType<typeof setTimeout> | undefined;
      const open = () => {
        const auth = authorization();
        if (stopped || !auth) return;
        socket = new WebSocket(`${base.replace(/^http/, 'ws')}/socket`);
        socket.onopen = () => socket?.send(JSON.stringify({ type: 'auth', authorization: auth }));
        socket.onmessage = (message) => {
          const event = JSON.parse(String(message.data)) as SocketEvent | { type: 'ping' };
          if (event.type === 'ready') attempts = 0;
          if (event.type !== 'ping') onEvent(event);
        };
        socket.onclose = (close) => {
          socket = null;
          // 4401: the server does not accept this visitor; trying again cannot help.
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
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** The visitor's open survey, as the widget's survey card shows it (server: routes/survey-widget-routes.ts). */
export interface WidgetSurvey {
  requestId: string;
  kind: 'csat' | 'nps' | 'ces';
  text: { question: string; followUp: string; thanks: string };
  scale: { min: number; max: number; low: string; high: string };
  score: number | null;
  comment: string;
}
