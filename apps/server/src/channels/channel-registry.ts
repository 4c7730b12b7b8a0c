import { type ChannelRegistry, createApiChannelAdapter, createChannelRegistry, createVisitorPresence, createWebChatAdapter } from '@touchpoint/channels';
import type { EventBus } from '@touchpoint/events';
import type { Mailer } from '@touchpoint/mailer';

/** What adapters may use from the running server. */
export interface ChannelPorts {
  bus?: EventBus;
  mailer?: Mailer;
}

/** Every channel replies can go out on, by name. */
export function createChannels(ports: ChannelPorts = {}): ChannelRegistry {
  const visitors = ports.bus ? createVisitorPresence(ports.bus) : null;
  return createChannelRegistry([
    createApiChannelAdapter(),
    createWebChatAdapter({ isVisitorOnline: visitors?.isOnline, mailer: ports.mailer }),
  ]);
}
