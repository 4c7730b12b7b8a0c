import { type ChannelRegistry, createApiChannelAdapter, createChannelRegistry, createInstagramAdapter, createMessengerAdapter, createSmsAdapter } from '@touchpoint/channels';

/** Every channel replies can go out on, by name. `publicUrl` (PUBLIC_URL) is where providers fetch reply files from. */
export function createChannels(options: { publicUrl?: URL | null } = {}): ChannelRegistry {
  const publicUrl = options.publicUrl ?? null;
  return createChannelRegistry([
    createApiChannelAdapter(),
    createSmsAdapter({ publicUrl }),
    createMessengerAdapter({ publicUrl }),
    createInstagramAdapter({ publicUrl }),
  ]);
}
