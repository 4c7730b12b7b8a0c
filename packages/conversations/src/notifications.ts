import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';

export interface NotificationInput {
  kind: 'assigned' | 'mentioned';
  conversationId: string;
  messageId?: string;
  text: string;
}

/** Stores a notification for each user and pushes `notification.created` to exactly those users. */
export async function notifyUsers(tx: Database, scope: AccountScope, userIds: string[], input: NotificationInput) {
  if (userIds.length === 0) return;
  const rows = await tx
    .insert(schema.notifications)
    .values(userIds.map((userId) => ({ accountId: scope.accountId, userId, kind: input.kind, conversationId: input.conversationId, messageId: input.messageId ?? null, text: input.text })))
    .returning({ id: schema.notifications.id, userId: schema.notifications.userId });
  await recordEvents(
    tx,
    rows.map((row) => ({
      type: 'notification.created' as const,
      accountId: scope.accountId,
      payload: { notificationId: row.id, kind: input.kind, conversationId: input.conversationId, text: input.text, by: scope.actor.name },
      audience: { kind: 'users' as const, userIds: [row.userId] },
    })),
  );
}

export async function listNotifications(db: Database, scope: AccountScope, options: { unreadOnly: boolean; limit: number }) {
  const n = schema.notifications;
  const rows = await db
    .select()
    .from(n)
    .where(and(eq(n.accountId, scope.accountId), eq(n.userId, scope.actor.id ?? ''), options.unreadOnly ? isNull(n.readAt) : undefined))
    .orderBy(desc(n.createdAt))
    .limit(options.limit);
  return rows.map((row) => ({ id: row.id, kind: row.kind, conversationId: row.conversationId, messageId: row.messageId, text: row.text, readAt: row.readAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() }));
}

/** Marks the listed notifications (or all, when none are listed) of the actor as read. */
export async function markNotificationsRead(db: Database, scope: AccountScope, ids: string[] | null) {
  const n = schema.notifications;
  await db
    .update(n)
    .set({ readAt: new Date() })
    .where(and(eq(n.accountId, scope.accountId), eq(n.userId, scope.actor.id ?? ''), isNull(n.readAt), ids ? inArray(n.id, ids) : undefined));
}
