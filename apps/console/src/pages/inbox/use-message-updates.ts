import { useEffect, useRef } from 'react';
import type { RealtimeEvent } from '../../api/types.ts';
import { useRealtimeConnection } from '../../realtime/realtime-context.tsx';

const MESSAGE_EVENTS = new Set(['message.updated', 'message.delivery_updated']);

/**
 * Calls `onUpdate` when a message of this conversation changes (`message.delivery_updated`: a delivery status from
 * the channel; `message.updated`: a scheduled reply going out or canceled). The inbox list does not listen to
 * delivery updates at all: they change nothing it shows. Events of other conversations are ignored: once channels report sent,
 * delivered and read for every reply they are frequent, and reloading the open thread for each would be waste.
 */
export function useMessageUpdates(accountId: string, conversationId: string, onUpdate: (event: RealtimeEvent) => void): void {
  const connection = useRealtimeConnection();
  const callback = useRef(onUpdate);
  callback.current = onUpdate;
  useEffect(() => {
    if (!connection) return;
    return connection.subscribe((signal) => {
      if (signal.kind !== 'event') return;
      const { event } = signal;
      if (!MESSAGE_EVENTS.has(event.type) || event.accountId !== accountId || event.payload.conversationId !== conversationId) return;
      callback.current(event);
    });
  }, [connection, accountId, conversationId]);
}
