import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type AccountScope, type FieldError, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { assertAdmin, recordAudit } from '@touchpoint/accounts';
import { assertBusinessHoursInAccount } from './business-hours.ts';
import type { PolicyConditions } from './sync.ts';

/** Priorities a policy can match (the conversations package uses the same four). */
export const SLA_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export interface SlaPolicyInput {
  name: string;
  conditions: PolicyConditions;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  businessHoursId: string | null;
  enabled: boolean;
}

type PolicyRow = typeof schema.slaPolicies.$inferSelect;

const presentPolicy = (row: PolicyRow) => ({
  id: row.id,
  name: row.name,
  position: row.position,
  conditions: row.conditions,
  firstResponseMinutes: row.firstResponseMinutes,
  nextResponseMinutes: row.nextResponseMinutes,
  resolutionMinutes: row.resolutionMinutes,
  businessHoursId: row.businessHoursId,
  enabled: row.enabled,
  createdAt: row.createdAt.toISOString(),
});

export type SlaPolicyView = ReturnType<typeof presentPolicy>;

const orderOfPolicies = [asc(schema.slaPolicies.position), asc(schema.slaPolicies.createdAt)];

export async function listSlaPolicies(db: Database, scope: AccountScope): Promise<SlaPolicyView[]> {
  const rows = await db.select().from(schema.slaPolicies).where(eq(schema.slaPolicies.accountId, scope.accountId)).orderBy(...orderOfPolicies);
  return rows.map(presentPolicy);
}

async function getRow(db: Database, accountId: string, policyId: string) {
  const [row] = await db.select().from(schema.slaPolicies).where(and(eq(schema.slaPolicies.accountId, accountId), eq(schema.slaPolicies.id, policyId)));
  if (!row) throw notFound('SLA policy');
  return row;
}

export async function getSlaPolicy(db: Database, scope: AccountScope, policyId: string): Promise<SlaPolicyView> {
  return presentPolicy(await getRow(db, scope.accountId, policyId));
}

async function findUnknown(db: Database, table: typeof schema.labels | typeof schema.inboxes, accountId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: table.id }).from(table).where(and(eq(table.accountId, accountId), inArray(table.id, ids)));
  const found = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !found.has(id));
}

/** Every problem with a policy's references and targets, before anything is written. */
async function assertValidPolicy(db: Database, accountId: string, input: Partial<SlaPolicyInput>, current?: PolicyRow) {
  const errors: FieldError[] = [];
  const unknownLabels = await findUnknown(db, schema.labels, accountId, input.conditions?.labelIds ?? []);
  if (unknownLabels.length > 0) errors.push({ path: 'conditions.labelIds', message: `unknown label ${unknownLabels.join(', ')}` });
  const unknownInboxes = await findUnknown(db, schema.inboxes, accountId, input.conditions?.inboxIds ?? []);
  if (unknownInboxes.length > 0) errors.push({ path: 'conditions.inboxIds', message: `unknown inbox ${unknownInboxes.join(', ')}` });
  const pick = <K extends 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes'>(key: K) => (input[key] !== undefined ? input[key] : (current?.[key] ?? null));
  if (pick('firstResponseMinutes') === null && pick('nextResponseMinutes') === null && pick('resolutionMinutes') === null) {
    errors.push({ path: 'firstResponseMinutes', message: 'a policy needs at least one target (first response, next response or resolution)' });
  }
  if (errors.length > 0) throw validationFailed(errors);
  if (input.businessHoursId !== undefined) await assertBusinessHoursInAccount(db, accountId, input.businessHoursId);
}

const dedupe = (conditions: PolicyConditions): PolicyConditions =>
  Object.fromEntries(Object.entries(conditions).filter(([, list]) => list !== undefined).map(([key, list]) => [key, [...new Set(list as string[])]]));

/** New policies go last; `PUT …/sla-policies/order` changes the order. */
export async function createSlaPolicy(db: Database, scope: AccountScope, input: SlaPolicyInput): Promise<SlaPolicyView> {
  assertAdmin(scope);
  await assertValidPolicy(db, scope.accountId, input);
  return db.transaction(async (tx) => {
    const [last] = await tx
      .select({ max: sql<number | null>`max(${schema.slaPolicies.position})` })
      .from(schema.slaPolicies)
      .where(eq(schema.slaPolicies.accountId, scope.accountId));
    const [row] = await tx
      .insert(schema.slaPolicies)
      .values({ accountId: scope.accountId, ...input, name: input.name.trim(), conditions: dedupe(input.conditions), position: (last?.max ?? -1) + 1 })
      .returning();
    await recordAudit(tx, scope, { action: 'sla_policy.created', targetType: 'sla_policy', targetId: row!.id, details: { name: row!.name } });
    await recordEvents(tx, [{ type: 'sla_policy.changed', accountId: scope.accountId, payload: { policyId: row!.id }, audience: { kind: 'admins' } }]);
    return presentPolicy(row!);
  });
}

/** Changes apply to conversations as they are next synced; running clocks keep their due times. */
export async function updateSlaPolicy(db: Database, scope: AccountScope, policyId: string, patch: Partial<SlaPolicyInput>): Promise<SlaPolicyView> {
  assertAdmin(scope);
  const current = await getRow(db, scope.accountId, policyId);
  await assertValidPolicy(db, scope.accountId, patch, current);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(schema.slaPolicies)
      .set({ ...patch, ...(patch.name !== undefined ? { name: patch.name.trim() } : {}), ...(patch.conditions ? { conditions: dedupe(patch.conditions) } : {}) })
      .where(and(eq(schema.slaPolicies.accountId, scope.accountId), eq(schema.slaPolicies.id, policyId)))
      .returning();
    if (!row) throw notFound('SLA policy');
    await recordAudit(tx, scope, { action: 'sla_policy.updated', targetType: 'sla_policy', targetId: policyId, details: { name: row.name, changed: Object.keys(patch) } });
    await recordEvents(tx, [{ type: 'sla_policy.changed', accountId: scope.accountId, payload: { policyId }, audience: { kind: 'admins' } }]);
    return presentPolicy(row);
  });
}

/** Deleting a policy removes the SLA of the conversations under it (the schema cascades). */
export async function deleteSlaPolicy(db: Database, scope: AccountScope, policyId: string): Promise<void> {
  assertAdmin(scope);
  await db.transaction(async (tx) => {
    const before = await getRow(tx, scope.accountId, policyId);
    await tx.delete(schema.slaPolicies).where(and(eq(schema.slaPolicies.accountId, scope.accountId), eq(schema.slaPolicies.id, policyId)));
    await recordAudit(tx, scope, { action: 'sla_policy.deleted', targetType: 'sla_policy', targetId: policyId, details: { name: before.name } });
    await recordEvents(tx, [{ type: 'sla_policy.changed', accountId: scope.accountId, payload: { policyId, deleted: true }, audience: { kind: 'admins' } }]);
  });
}

/** Sets the order in which policies are tried: `policyIds` must name each of the account's policies exactly once. */
export async function reorderSlaPolicies(db: Database, scope: AccountScope, policyIds: string[]): Promise<SlaPolicyView[]> {
  assertAdmin(scope);
  return db.transaction(async (tx) => {
    // Lock the account's policies so two reorders cannot interleave.
    const rows = await tx.select({ id: schema.slaPolicies.id }).from(schema.slaPolicies).where(eq(schema.slaPolicies.accountId, scope.accountId)).for('update');
    const existing = new Set(rows.map((row) => row.id));
    const unknown = policyIds.filter((id) => !existing.has(id));
    const missing = [...existing].filter((id) => !policyIds.includes(id));
    const duplicated = policyIds.length !== new Set(policyIds).size;
    if (unknown.length > 0 || missing.length > 0 || duplicated) {
      const errors: FieldError[] = [];
      if (unknown.length > 0) errors.push({ path: 'policyIds', message: `unknown SLA policy ${unknown.join(', ')}` });
      if (missing.length > 0) errors.push({ path: 'policyIds', message: `missing SLA policy ${missing.join(', ')}` });
      if (duplicated) errors.push({ path: 'policyIds', message: 'lists a policy twice' });
      throw validationFailed(errors);
    }
    for (const [position, id] of policyIds.entries()) {
      await tx.update(schema.slaPolicies).set({ position }).where(and(eq(schema.slaPolicies.accountId, scope.accountId), eq(schema.slaPolicies.id, id)));
    }
    await recordAudit(tx, scope, { action: 'sla_policy.reordered', targetType: 'sla_policy', details: { policyIds } });
    await recordEvents(tx, [{ type: 'sla_policy.changed', accountId: scope.accountId, payload: { policyIds }, audience: { kind: 'admins' } }]);
    const after = await tx.select().from(schema.slaPolicies).where(eq(schema.slaPolicies.accountId, scope.accountId)).orderBy(...orderOfPolicies);
    return after.map(presentPolicy);
  });
}
