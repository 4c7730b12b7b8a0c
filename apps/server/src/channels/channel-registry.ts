import {
  type ChannelRegistry, createApiChannelAdapter, createChannelRegistry, createEmailAdapter, createInstagramAdapter, createMessengerAdapter,
  chatReplyAddressFor, createSmsAdapter, createVisitorPresence, createWebChatAdapter, createWhatsAppAdapter,
} from '@touchpoint/channels';
import type { Database } from '@touchpoint/db';
import type { EventBus } from '@touchpoint/events';
import type { Mailer } from '@touchpoint/mailer';

/** What adapters may use from the running server. */
export interface ChannelPorts {
  /** PUBLIC_URL: where providers fetch reply files from. */
  publicUrl?: URL | null;
  /** The server's SMTP relay (SMTP_URL), for email inboxes without one of their own. */
  smtpUrl?: string | null;
  /** The event bus, for knowing which chat visitors are online on any node. */
  bus?: EventBus;
  /** For chat replies to visitors who left, by email. */
  mailer?: Mailer;
  /** For the reply address that brings a visitor's emailed answer back into the chat. */
  db?: Database;
}

/** Every channel replies can go out on, by name. */
export function createChannels(ports: ChannelPorts = {}): ChannelRegistry {
  const publicUrl = ports.publicUrl ?? null;
  const visitors = ports.bus ? createVisitorPresence(ports.bus) : null;
  return createChannelRegistry([
    createApiChannelAdapter(),
    createWebChatAdapter({ isVisitorOnline: visitors?.isOnline, mailer: ports.mailer, replyAddressFor: ports.db ? (accountId, conversationId) => chatReplyAddressFor(ports.db!, accountId, conversationId) : undefined }),
    createEmailAdapter({ defaultSmtpUrl: ports.smtpUrl ?? null }),
    createSmsAdapter({ publicUrl }),
    createMessengerAdapter({ publicUrl }),
    createInstagramAdapter({ publicUrl }),
    createWhatsAppAdapter(),
  ]);
}
