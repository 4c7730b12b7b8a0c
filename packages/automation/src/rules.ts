import { and, asc, eq } from 'drizzle-orm';
import { type AccountScope, notFound, validationFailed } from '@touchpoint/core';
import { recordAudit } from '@touchpoint/accounts';
import { type Database, schema } from '@touchpoint/db';
import { type Action, assertRuleDefinition, type Condition } from './definitions.ts';
import { assertReferencesExist } from './references.ts';

type RuleRow = typeof schema.automationRules.$inferSelect;

export interface RuleInput {
  name: string;
  event: string;
  conditions: Condition[];
  actions: Action[];
  enabled?: boolean;
}

export const presentRule = (row: RuleRow) => ({ id: row.id, name: row.name, event: row.event, conditions: row.conditions, actions: row.actions, enabled: row.enabled, position: row.position, createdAt: row.createdAt.toISOString() });

export async function listRules(db: Database, scope: AccountScope) {
  const rows = await db.select().from(schema.automationRules).where(eq(schema.automationRules.accountId, scope.accountId)).orderBy(asc(schema.automationRules.position), asc(schema.automationRules.createdAt));
  return rows.map(presentRule);
}

async function loadRule(db: Database, scope: AccountScope, ruleId: string) {
  const [row] = await db.select().from(schema.automationRules).where(and(eq(schema.automationRules.accountId, scope.accountId), eq(schema.automationRules.id, ruleId)));
  if (!row) throw notFound('automation rule');
  return row;
}

export const getRule = async (db: Database, scope: AccountScope, ruleId: string) => presentRule(await loadRule(db, scope, ruleId));

/** Validates the definition (400 naming the unknown field, operator or action; nothing written) and appends the rule last. */
export async function createRule(db: Database, scope: AccountScope, input: RuleInput) {
  assertRuleDefinition(input);
  await assertReferencesExist(db, scope.accountId, input);
  return db.transaction(async (tx) => {
    const existing = await tx.select({ position: schema.automationRules.position }).from(schema.automationRules).where(eq(schema.automationRules.accountId, scope.accountId));
    const position = existing.reduce((max, row) => Math.max(max, row.position + 1), 0);
    const [row] = await tx.insert(schema.automationRules).values({ accountId: scope.accountId, name: input.name, event: input.event, conditions: input.conditions, actions: input.actions, enabled: input.enabled ?? true, position }).returning();
    await recordAudit(tx, scope, { action: 'automation_rule.created', targetType: 'automation_rule', targetId: row!.id, details: { name: row!.name } });
    return presentRule(row!);
  });
}

export async function updateRule(db: Database, scope: AccountScope, ruleId: string, patch: Partial<RuleInput>) {
  assertRuleDefinition(patch);
  await loadRule(db, scope, ruleId);
  await assertReferencesExist(db, scope.accountId, patch);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(schema.automationRules).set(patch).where(eq(schema.automationRules.id, ruleId)).returning();
    await recordAudit(tx, scope, { action: 'automation_rule.updated', targetType: 'automation_rule', targetId: ruleId, details: { fields: Object.keys(patch) } });
    return presentRule(row!);
  });
}

export async function deleteRule(db: Database, scope: AccountScope, ruleId: string) {
  await loadRule(db, scope, ruleId);
  await db.transaction(async (tx) => {
    await tx.delete(schema.automationRules).where(eq(schema.automationRules.id, ruleId));
    await recordAudit(tx, scope, { action: 'automation_rule.deleted', targetType: 'automation_rule', targetId: ruleId });
  });
}

/** Sets the run order: `ruleIds` must list every rule of the account exactly once. */
export async function reorderRules(db: Database, scope: AccountScope, ruleIds: string[]) {
  return db.transaction(async (tx) => {
    // Lock the account's rules so two reorders cannot interleave.
    const rows = await tx.select({ id: schema.automationRules.id }).from(schema.automationRules).where(eq(schema.automationRules.accountId, scope.accountId)).for('update');
    const known = new Set(rows.map((row) => row.id));
    if (ruleIds.length !== known.size || new Set(ruleIds).size !== ruleIds.length || ruleIds.some((id) => !known.has(id))) {
      throw validationFailed([{ path: 'ruleIds', message: 'must list every rule of the account exactly once' }]);
    }
    for (const [position, id] of ruleIds.entries()) await tx.update(schema.automationRules).set({ position }).where(and(eq(schema.automationRules.accountId, scope.accountId), eq(schema.automationRules.id, id)));
    await recordAudit(tx, scope, { action: 'automation_rule.reordered', targetType: 'automation_rule', details: { ruleIds } });
    return listRules(tx, scope);
  });
}

/** Runs of a rule, newest first (from the audit log, where the engine records each one). */
export async function listRuleRuns(db: Database, scope: AccountScope, ruleId: string, limit = 50) {
  await loadRule(db, scope, ruleId);
  const rows = await db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.accountId, scope.accountId), eq(schema.auditLog.action, 'automation_rule.ran'), eq(schema.auditLog.targetId, ruleId)))
    .orderBy(schema.auditLog.id)
    .limit(limit);
  return rows.reverse().map((row) => ({ at: row.createdAt.toISOString(), ...(row.details as { eventId: number; eventType: string; conversationId: string; outcome: 'succeeded' | 'failed'; error?: string }) }));
}
