import { and, asc, eq } from 'drizzle-orm';
import { type AccountScope, notFound, validationFailed } from '@touchpoint/core';
import { lockConversation } from '@touchpoint/conversations';
import { recordAudit } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';
import { runActions } from './actions.ts';
import { type Action, checkActions } from './definitions.ts';
import { assertReferencesExist } from './references.ts';

type MacroRow = typeof schema.macros.$inferSelect;

export const presentMacro = (row: MacroRow) => ({ id: row.id, name: row.name, actions: row.actions, createdAt: row.createdAt.toISOString() });

function assertActions(actions: Action[] | undefined) {
  if (!actions) return;
  const errors = checkActions(actions);
  if (errors.length > 0) throw validationFailed(errors);
}

async function loadMacro(db: Database, scope: AccountScope, macroId: string) {
  const [row] = await db.select().from(schema.macros).where(and(eq(schema.macros.accountId, scope.accountId), eq(schema.macros.id, macroId)));
  if (!row) throw notFound('macro');
  return row;
}

export async function listMacros(db: Database, scope: AccountScope) {
  return (await db.select().from(schema.macros).where(eq(schema.macros.accountId, scope.accountId)).orderBy(asc(schema.macros.name))).map(presentMacro);
}

export async function createMacro(db: Database, scope: AccountScope, input: { name: string; actions: Action[] }) {
  assertActions(input.actions);
  await assertReferencesExist(db, scope.accountId, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(schema.macros).values({ accountId: scope.accountId, name: input.name, actions: input.actions, createdBy: scope.actor.type === 'user' ? scope.actor.id : null }).returning();
    await recordAudit(tx, scope, { action: 'macro.created', targetType: 'macro', targetId: row!.id, details: { name: input.name } });
    return presentMacro(row!);
  });
}

export async function updateMacro(db: Database, scope: AccountScope, macroId: string, patch: { name?: string; actions?: Action[] }) {
  assertActions(patch.actions);
  await loadMacro(db, scope, macroId);
  await assertReferencesExist(db, scope.accountId, patch);
  const [row] = await db.update(schema.macros).set(patch).where(eq(schema.macros.id, macroId)).returning();
  return presentMacro(row!);
}

export async function deleteMacro(db: Database, scope: AccountScope, macroId: string) {
  await loadMacro(db, scope, macroId);
  await db.delete(schema.macros).where(eq(schema.macros.id, macroId));
}

/** Applies a macro's actions in order, as the agent running it; all of them or none. */
export async function runMacro(db: Database, scope: AccountScope, conversationId: string, macroId: string, now = new Date()) {
  const macro = await loadMacro(db, scope, macroId);
  await db.transaction(async (tx) => {
    await lockConversation(tx, scope, conversationId);
    const syntheticId = Date.now() * 1000 + Math.floor(Math.random() * 1000);
    await runActions(tx, scope, conversationId, macro.actions, { id: syntheticId, type: 'macro.ran', occurredAt: now.toISOString(), payload: { conversationId, macroId, by: scope.actor.name } }, now);
  });
}
