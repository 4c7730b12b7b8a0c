import { type ChannelRegistry, createApiChannelAdapter, createChannelRegistry, createSmsAdapter } from '@touchpoint/channels';

/** Every channel replies can go out on, by name. `publicUrl` (PUBLIC_URL) is where providers fetch reply files from. */
export function createChannels(options: { publicUrl?: URL | null } = {}): ChannelRegistry {
  return createChannelRegistry([createApiChannelAdapter(), createSmsAdapter({ publicUrl: options.publicUrl ?? null })]);
}
