import { and, eq } from 'drizzle-orm';
import { type AccountScope, notFound } from '@touchpoint/core';
import { assertAdmin, recordAudit } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';

type Category = 'open' | 'pending' | 'resolved';

const presentStatus = (row: typeof schema.customStatuses.$inferSelect) => ({ id: row.id, name: row.name, category: row.category as Category, position: row.position });

export async function listCustomStatuses(db: Database, scope: AccountScope) {
  const rows = await db.select().from(schema.customStatuses).where(eq(schema.customStatuses.accountId, scope.accountId)).orderBy(schema.customStatuses.category, schema.customStatuses.position);
  return rows.map(presentStatus);
}

/** An admin's own status (e.g. “Waiting for warehouse”), shown under a built-in category that drives views and SLAs. */
export async function createCustomStatus(db: Database, scope: AccountScope, input: { name: string; category: Category; position?: number }) {
  assertAdmin(scope);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(schema.customStatuses).values({ accountId: scope.accountId, name: input.name, category: input.category, position: input.position ?? 0 }).returning();
    await recordAudit(tx, scope, { action: 'custom_status.created', targetType: 'custom_status', targetId: row!.id, details: { name: row!.name, category: row!.category } });
    return presentStatus(row!);
  });
}

export async function updateCustomStatus(db: Database, scope: AccountScope, id: string, patch: { name?: string; position?: number }) {
  assertAdmin(scope);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(schema.customStatuses).set(patch).where(and(eq(schema.customStatuses.accountId, scope.accountId), eq(schema.customStatuses.id, id))).returning();
    if (!row) throw notFound('status');
    await recordAudit(tx, scope, { action: 'custom_status.updated', targetType: 'custom_status', targetId: id, details: patch });
    return presentStatus(row);
  });
}

/** Conversations in a deleted status keep their category; only the refinement goes. */
export async function deleteCustomStatus(db: Database, scope: AccountScope, id: string) {
  assertAdmin(scope);
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(schema.customStatuses).where(and(eq(schema.customStatuses.accountId, scope.accountId), eq(schema.customStatuses.id, id))).returning();
    if (!row) throw notFound('status');
    await recordAudit(tx, scope, { action: 'custom_status.deleted', targetType: 'custom_status', targetId: id, details: { name: row.name } });
  });
}
