import { type ChannelRegistry, createApiChannelAdapter, createChannelRegistry, createEmailAdapter, createInstagramAdapter, createMessengerAdapter, createSmsAdapter, createWhatsAppAdapter } from '@touchpoint/channels';

export interface ChannelOptions {
  /** PUBLIC_URL: where providers fetch reply files from. */
  publicUrl?: URL | null;
  /** The server's SMTP relay (SMTP_URL), for email inboxes without one of their own. */
  smtpUrl?: string | null;
}

/** Every channel replies can go out on, by name. */
export function createChannels(options: ChannelOptions = {}): ChannelRegistry {
  const publicUrl = options.publicUrl ?? null;
  return createChannelRegistry([
    createApiChannelAdapter(),
    createEmailAdapter({ defaultSmtpUrl: options.smtpUrl ?? null }),
    createSmsAdapter({ publicUrl }),
    createMessengerAdapter({ publicUrl }),
    createInstagramAdapter({ publicUrl }),
    createWhatsAppAdapter(),
  ]);
}
