import { type ChannelRegistry, createApiChannelAdapter, createChannelRegistry, createInstagramAdapter, createMessengerAdapter } from '@touchpoint/channels';

/** Every channel replies can go out on, by name. `publicUrl` is where providers that fetch a reply's files find them. */
export function createChannels(options: { publicUrl?: URL | null } = {}): ChannelRegistry {
  return createChannelRegistry([
    createApiChannelAdapter(),
    createMessengerAdapter({ publicUrl: options.publicUrl }),
    createInstagramAdapter({ publicUrl: options.publicUrl }),
  ]);
}
