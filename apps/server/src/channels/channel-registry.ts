import { type ChannelRegistry, createApiChannelAdapter, createChannelRegistry, createWhatsAppAdapter } from '@touchpoint/channels';

/** Every channel replies can go out on, by name. */
export function createChannels(): ChannelRegistry {
  return createChannelRegistry([createApiChannelAdapter(), createWhatsAppAdapter()]);
}
