import { requestJson } from './client.ts';
import type { ChannelDefinition, InboxChannelState } from './types.ts';

const accountPath = (accountId: string, rest = '') => `/accounts/${encodeURIComponent(accountId)}${rest}`;
const inboxChannelPath = (accountId: string, inboxId: string) => accountPath(accountId, `/inboxes/${encodeURIComponent(inboxId)}/channel`);

/** The channels this server can connect to a provider, with the settings each asks for. */
export function listChannels(accountId: string, signal?: AbortSignal): Promise<ChannelDefinition[]> {
  return requestJson('GET', accountPath(accountId, '/channels'), { signal });
}

export function getInboxChannel(accountId: string, inboxId: string, signal?: AbortSignal): Promise<InboxChannelState> {
  return requestJson('GET', inboxChannelPath(accountId, inboxId), { signal });
}

/** Connects or updates an inbox's channel. Secrets left out keep their value; settings replace the old ones. */
export function connectInboxChannel(
  accountId: string,
  inboxId: string,
  settings: { config: Record<string, string>; secrets: Record<string, string> },
): Promise<InboxChannelState> {
  return requestJson('PUT', inboxChannelPath(accountId, inboxId), { body: settings });
}

export function disconnectInboxChannel(accountId: string, inboxId: string): Promise<InboxChannelState> {
  return requestJson('DELETE', inboxChannelPath(accountId, inboxId));
}

/** Sends a reply whose delivery failed again; it is `pending` until the channel answers. */
export function retryDelivery(accountId: string, conversationId: string, messageId: string): Promise<{ id: string; deliveryStatus: 'pending' }> {
  return requestJson(
    'POST',
    accountPath(accountId, `/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/retry-delivery`),
  );
}
