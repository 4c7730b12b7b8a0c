import { expect } from 'vitest';
import { createChannelDeliveryWorker } from '@touchpoint/channels';
import { eventsSettled } from './events-settled.ts';
import { requestAs, type SignedIn, type TestApp } from './test-app.ts';

/** One round of the channel delivery worker for an account, waiting for every send it started. */
export async function deliverQueuedReplies(t: TestApp, accountId: string, backoffMs = [0]) {
  const worker = createChannelDeliveryWorker(t.services.db, t.services.channels, { files: t.services.files, accountId, backoffMs });
  await worker.tick();
  await worker.settled();
}

/**
 * Posts an agent's reply (or note) through the API and waits until its events have settled, so a reply in a
 * connected inbox is queued for delivery when this returns. Answers the message's id.
 */
export async function postAgentReply(t: TestApp, who: SignedIn, accountId: string, conversationId: string, payload: { body: string; kind?: 'reply' | 'note'; attachmentIds?: string[]; channelOptions?: Record<string, string> }) {
  const response = await requestAs(t.app, who, { method: 'POST', url: `/api/v1/accounts/${accountId}/conversations/${conversationId}/messages`, payload: { kind: 'reply', ...payload } });
  expect(response.statusCode, response.body).toBe(201);
  await eventsSettled(accountId);
  return response.json<{ id: string }>().id;
}
