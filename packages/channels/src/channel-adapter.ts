import type { AttachmentView } from '@touchpoint/conversations';

/** One setting of a channel, as the console's connect form shows it. */
export interface ChannelField {
  key: string;
  /** Secrets are write-only: the API says whether one is set, never what it is. */
  secret?: boolean;
  required?: boolean;
  kind?: 'text' | 'url' | 'email' | 'phone';
  /** Shown in the form when the admin leaves the field empty (a provider's public API address). */
  defaultValue?: string;
}

/** An inbox's channel as an adapter sees it. */
export interface ChannelInbox {
  id: string;
  accountId: string;
  name: string;
  channel: string;
  config: Record<string, string>;
  secrets: Record<string, string>;
  channelKey: string;
  /** Signs media links (never shown; see media-links.ts). */
  mediaKey: string;
}

/** A reply to send, with what a provider needs to address and thread it. */
export interface OutboundMessage {
  inbox: ChannelInbox;
  /** `automatic`: written by an automation rule, not a person (email marks such replies Auto-Submitted). */
  message: { id: string; body: string; attachments: AttachmentView[]; channelData: Record<string, unknown>; createdAt: Date; automatic?: boolean };
  conversation: { id: string; number: number; subject: string; channelData: Record<string, unknown> };
  contact: { id: string; name: string; email: string | null; phone: string | null };
  /** The contact's ids on this channel (contact_identities), oldest first: a WhatsApp number, a Messenger id, an address. */
  recipients: string[];
  /** The conversation's earlier messages that came or went on the channel, oldest first (email threading, the 24-hour window). */
  history: { direction: 'inbound' | 'outbound'; externalId: string | null; createdAt: Date; channelData: Record<string, unknown> }[];
  /** The bytes of one of the message's attachments. */
  readAttachment(attachment: AttachmentView): Promise<Buffer>;
}

/**
 * A way replies leave Touchpoint. `send` resolves with the provider's id for the message (status callbacks find the
 * message by it), or throws: a `PermanentDeliveryError` when retrying cannot help (the 24-hour window is closed, the
 * number is invalid), anything else is retried with backoff.
 */
export interface ChannelAdapter {
  channel: string;
  fields: ChannelField[];
  send(outbound: OutboundMessage): Promise<{ externalId: string | null; channelData?: Record<string, unknown> }>;
}

/** A send that will fail the same way every time: the message is marked failed at once, with this reason. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/** The adapters a server runs with, by channel. */
export type ChannelRegistry = ReadonlyMap<string, ChannelAdapter>;

export const createChannelRegistry = (adapters: ChannelAdapter[]): ChannelRegistry => new Map(adapters.map((adapter) => [adapter.channel, adapter]));
