import { type ChannelRegistry, createApiChannelAdapter, createChannelRegistry, createEmailAdapter } from '@touchpoint/channels';

/** Every channel replies can go out on, by name. The email channel falls back to the server's SMTP relay. */
export function createChannels(options: { smtpUrl?: string | null } = {}): ChannelRegistry {
  return createChannelRegistry([createApiChannelAdapter(), createEmailAdapter({ defaultSmtpUrl: options.smtpUrl ?? null })]);
}
