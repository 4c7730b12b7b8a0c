import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { RealtimeEvent } from '../api/types.ts';
import { buildRealtimeUrl, RealtimeConnection, type RealtimeStatus } from './realtime-connection.ts';

const RealtimeContext = createContext<RealtimeConnection | null>(null);

/** Holds the socket open while mounted (i.e. while signed in). */
export function RealtimeProvider({ children, onSessionEnded }: { children: ReactNode; onSessionEnded(): void }) {
  const sessionEnded = useRef(onSessionEnded);
  sessionEnded.current = onSessionEnded;
  const [connection] = useState(
    () => new RealtimeConnection({ url: buildRealtimeUrl(), onSessionEnded: () => sessionEnded.current() }),
  );
  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);
  return <RealtimeContext.Provider value={connection}>{children}</RealtimeContext.Provider>;
}

/** `member.*` matches every member event; anything else must match exactly. */
export function matchesEventPattern(type: string, pattern: string): boolean {
  return pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

/**
 * Calls `onChange` for events of `accountId` whose type matches one of `patterns`, and after a reconnect
 * (events may have been missed). Bursts are coalesced into one call.
 */
export function useRealtimeRefresh(
  accountId: string | null,
  patterns: readonly string[],
  onChange: (event: RealtimeEvent | null) => void,
  delayMs = 120,
): void {
  const connection = useContext(RealtimeContext);
  const callback = useRef(onChange);
  callback.current = onChange;
  const patternKey = patterns.join('|');

  useEffect(() => {
    if (!connection || patternKey === '') return;
    const wanted = patternKey.split('|');
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastEvent: RealtimeEvent | null = null;
    const schedule = (event: RealtimeEvent | null) => {
      lastEvent = event;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        callback.current(lastEvent);
      }, delayMs);
    };
    const unsubscribe = connection.subscribe((signal) => {
      if (signal.kind === 'resync') return schedule(null);
      const { event } = signal;
      if (accountId && event.accountId !== accountId) return;
      if (wanted.some((pattern) => matchesEventPattern(event.type, pattern))) schedule(event);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [connection, accountId, patternKey, delayMs]);
}

export function useRealtimeStatus(): RealtimeStatus | null {
  const connection = useContext(RealtimeContext);
  return useSyncExternalStore(
    (listener) => connection?.subscribeStatus(listener) ?? (() => undefined),
    () => connection?.status ?? null,
  );
}

/** The tab's socket, for views that send (presence) or need every event as it comes. */
export function useRealtimeConnection(): RealtimeConnection | null {
  return useContext(RealtimeContext);
}
