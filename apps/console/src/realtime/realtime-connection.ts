import type { RealtimeEvent } from '../api/types.ts';

export type RealtimeStatus = 'connecting' | 'open' | 'reconnecting';

/**
 * `resync` follows every open, the first included: events may have been missed (before the first open, or while
 * disconnected), so views reload.
 */
export type RealtimeSignal = { kind: 'event'; event: RealtimeEvent } | { kind: 'resync' };

/** Close code the server uses when the socket's session has ended (signed out, everywhere or here). */
export const SESSION_ENDED_CLOSE_CODE = 4401;

export interface RealtimeConnectionOptions {
  url: string;
  /** Called instead of reconnecting when the server closes the socket because the session ended. */
  onSessionEnded?: () => void;
  /** Delay before reconnect attempt `attempt` (1-based). */
  computeDelay?: (attempt: number) => number;
}

/** Exponential backoff from 1 s to 30 s with ±20% jitter, so a restarted server is not hit by every tab at once. */
export function computeBackoffDelay(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export function buildRealtimeUrl(location: Location = window.location): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/api/v1/realtime`;
}

function readEvent(data: unknown): RealtimeEvent | null {
  if (typeof data !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const message = parsed as { type?: unknown; event?: unknown };
  if (message.type !== 'event' || typeof message.event !== 'object' || message.event === null) return null;
  const event = message.event as Partial<RealtimeEvent>;
  // Presence is not a stored domain event and may come without an account id.
  if (typeof event.type !== 'string') return null;
  if (typeof event.accountId !== 'string' && event.type !== 'presence.changed') return null;
  return {
    id: event.id ?? '',
    type: event.type,
    accountId: typeof event.accountId === 'string' ? event.accountId : '',
    payload: typeof event.payload === 'object' && event.payload !== null ? event.payload : {},
    occurredAt: event.occurredAt ?? new Date().toISOString(),
  };
}

/** One WebSocket per signed-in tab, reopened with backoff until `stop()`. */
export class RealtimeConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private readonly signalListeners = new Set<(signal: RealtimeSignal) => void>();
  private readonly statusListeners = new Set<(status: RealtimeStatus) => void>();
  status: RealtimeStatus = 'connecting';

  constructor(private readonly options: RealtimeConnectionOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'signed out');
  }

  /** Sends a client message (presence) when the socket is open; dropped otherwise, callers resend on `open`. */
  send(message: Record<string, unknown>): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  subscribe(listener: (signal: RealtimeSignal) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  subscribeStatus(listener: (status: RealtimeStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(status: RealtimeStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private emit(signal: RealtimeSignal): void {
    for (const listener of this.signalListeners) listener(signal);
  }

  private open(): void {
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.setStatus('open');
      this.emit({ kind: 'resync' });
    });
    socket.addEventListener('message', (message) => {
      const event = readEvent(message.data);
      if (event) this.emit({ kind: 'event', event });
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === SESSION_ENDED_CLOSE_CODE && this.options.onSessionEnded) {
        this.stopped = true;
        this.options.onSessionEnded();
        return;
      }
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.setStatus('reconnecting');
    this.attempt += 1;
    const delay = (this.options.computeDelay ?? computeBackoffDelay)(this.attempt);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.open();
    }, delay);
  }
}
