import { eq } from 'drizzle-orm';
import { isUuid, type PublishedEvent } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import type { EventBus } from '@touchpoint/events';
import { canReceive, type SocketAccess } from './audience.ts';

export const PRESENCE_STATES = ['viewing', 'typing', 'idle'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** What a console sends to say what its person is doing in a conversation (collision warnings). */
export function parsePresenceMessage(raw: string): { conversationId: string; state: PresenceState } | null {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { type, conversationId, state } = message as Record<string, unknown>;
  if (type !== 'presence' || typeof conversationId !== 'string' || !isUuid(conversationId)) return null;
  if (!PRESENCE_STATES.includes(state as PresenceState)) return null;
  return { conversationId, state: state as PresenceState };
}

/**
 * Presence is ephemeral: it goes straight on the bus (reaching sockets on every node), never through the outbox,
 * and only for conversations the person may see. `arrived` marks someone who just opened the conversation, so the
 * people already there answer with their own state (`to` the newcomer only): a snapshot that works across nodes.
 */
export async function publishPresence(
  db: Database, bus: EventBus, access: SocketAccess, name: string, conversationId: string, state: PresenceState,
  options: { arrived?: boolean; to?: string } = {},
) {
  const [conversation] = await db
    .select({ accountId: schema.conversations.accountId, inboxId: schema.conversations.inboxId })
    .from(schema.conversations)
    .where(eq(schema.conversations.id, conversationId));
  if (!conversation) return;
  const event: PublishedEvent = {
    id: 0,
    type: 'presence.changed',
    accountId: conversation.accountId,
    payload: { conversationId, userId: access.userId, name, state, ...(options.arrived ? { arrived: true } : {}) },
    audience: { kind: 'inbox', inboxId: conversation.inboxId },
    occurredAt: new Date().toISOString(),
  };
  if (!canReceive(access, event)) return;
  await bus.publish([options.to ? { ...event, audience: { kind: 'users', userIds: [options.to] } } : event]);
}
