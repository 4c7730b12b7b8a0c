import { and, desc, eq, lt } from 'drizzle-orm';
import type { AccountScope } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';

export interface AuditEntryInput {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Records an admin action in the account's audit log; call it inside the transaction that makes the change. */
export async function recordAudit(tx: Database, scope: AccountScope, entry: AuditEntryInput): Promise<void> {
  await tx.insert(schema.auditLog).values({
    accountId: scope.accountId,
    actorType: scope.actor.type,
    actorId: scope.actor.id,
    actorName: scope.actor.name,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  });
}

export async function listAuditLog(db: Database, scope: AccountScope, page: { before?: number; limit: number }) {
  const rows = await db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.accountId, scope.accountId), page.before ? lt(schema.auditLog.id, page.before) : undefined))
    .orderBy(desc(schema.auditLog.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map((row) => ({
    id: row.id,
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: row.details,
    createdAt: row.createdAt.toISOString(),
  }));
  return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
}
