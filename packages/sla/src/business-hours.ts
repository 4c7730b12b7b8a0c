import { and, asc, eq } from 'drizzle-orm';
import { type AccountScope, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { recordEvents } from '@touchpoint/events';
import { assertAdmin, recordAudit } from '@touchpoint/accounts';
import { normalizeWeekly, validateBusinessHours } from './business-time.ts';

export interface BusinessHoursInput {
  name: string;
  timeZone: string;
  weekly: Record<string, [number, number][]>;
  holidays: { date: string; name: string }[];
}

type BusinessHoursRow = typeof schema.businessHours.$inferSelect;

const presentBusinessHours = (row: BusinessHoursRow) => ({
  id: row.id,
  name: row.name,
  timeZone: row.timeZone,
  weekly: row.weekly,
  holidays: row.holidays,
  createdAt: row.createdAt.toISOString(),
});

export type BusinessHoursView = ReturnType<typeof presentBusinessHours>;

function assertValid(input: Partial<BusinessHoursInput>) {
  const problems = validateBusinessHours(input);
  if (problems.length > 0) throw validationFailed(problems);
}

const sortHolidays = (holidays: BusinessHoursInput['holidays']) => [...holidays].sort((a, b) => a.date.localeCompare(b.date)).map((h) => ({ date: h.date, name: h.name.trim() }));

export async function listBusinessHours(db: Database, scope: AccountScope): Promise<BusinessHoursView[]> {
  const rows = await db.select().from(schema.businessHours).where(eq(schema.businessHours.accountId, scope.accountId)).orderBy(asc(schema.businessHours.name));
  return rows.map(presentBusinessHours);
}

async function getRow(db: Database, accountId: string, businessHoursId: string) {
  const [row] = await db.select().from(schema.businessHours).where(and(eq(schema.businessHours.accountId, accountId), eq(schema.businessHours.id, businessHoursId)));
  if (!row) throw notFound('business hours');
  return row;
}

export async function getBusinessHours(db: Database, scope: AccountScope, businessHoursId: string): Promise<BusinessHoursView> {
  return presentBusinessHours(await getRow(db, scope.accountId, businessHoursId));
}

export async function createBusinessHours(db: Database, scope: AccountScope, input: BusinessHoursInput): Promise<BusinessHoursView> {
  assertAdmin(scope);
  assertValid(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.businessHours)
      .values({ accountId: scope.accountId, name: input.name.trim(), timeZone: input.timeZone, weekly: normalizeWeekly(input.weekly), holidays: sortHolidays(input.holidays) })
      .returning();
    await recordAudit(tx, scope, { action: 'business_hours.created', targetType: 'business_hours', targetId: row!.id, details: { name: row!.name, timeZone: row!.timeZone } });
    await recordEvents(tx, [{ type: 'business_hours.changed', accountId: scope.accountId, payload: { businessHoursId: row!.id }, audience: { kind: 'admins' } }]);
    return presentBusinessHours(row!);
  });
}

/** Changes apply to clocks started afterwards; running clocks keep their due times. */
export async function updateBusinessHours(db: Database, scope: AccountScope, businessHoursId: string, patch: Partial<BusinessHoursInput>): Promise<BusinessHoursView> {
  assertAdmin(scope);
  assertValid(patch);
  return db.transaction(async (tx) => {
    const before = await getRow(tx, scope.accountId, businessHoursId);
    const [row] = await tx
      .update(schema.businessHours)
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}),
        ...(patch.weekly !== undefined ? { weekly: normalizeWeekly(patch.weekly) } : {}),
        ...(patch.holidays !== undefined ? { holidays: sortHolidays(patch.holidays) } : {}),
      })
      .where(and(eq(schema.businessHours.accountId, scope.accountId), eq(schema.businessHours.id, businessHoursId)))
      .returning();
    await recordAudit(tx, scope, {
      action: 'business_hours.updated',
      targetType: 'business_hours',
      targetId: businessHoursId,
      details: { from: { name: before.name, timeZone: before.timeZone, weekly: before.weekly, holidays: before.holidays }, changed: Object.keys(patch) },
    });
    await recordEvents(tx, [{ type: 'business_hours.changed', accountId: scope.accountId, payload: { businessHoursId }, audience: { kind: 'admins' } }]);
    return presentBusinessHours(row!);
  });
}

/** Inboxes, teams and policies that used these hours fall back to the next source (ultimately 24/7). */
export async function deleteBusinessHours(db: Database, scope: AccountScope, businessHoursId: string): Promise<void> {
  assertAdmin(scope);
  await db.transaction(async (tx) => {
    const before = await getRow(tx, scope.accountId, businessHoursId);
    await tx.update(schema.inboxes).set({ businessHoursId: null }).where(and(eq(schema.inboxes.accountId, scope.accountId), eq(schema.inboxes.businessHoursId, businessHoursId)));
    await tx.update(schema.teams).set({ businessHoursId: null }).where(and(eq(schema.teams.accountId, scope.accountId), eq(schema.teams.businessHoursId, businessHoursId)));
    await tx.delete(schema.businessHours).where(and(eq(schema.businessHours.accountId, scope.accountId), eq(schema.businessHours.id, businessHoursId)));
    await recordAudit(tx, scope, { action: 'business_hours.deleted', targetType: 'business_hours', targetId: businessHoursId, details: { name: before.name } });
    await recordEvents(tx, [{ type: 'business_hours.changed', accountId: scope.accountId, payload: { businessHoursId, deleted: true }, audience: { kind: 'admins' } }]);
  });
}

/** Rejects a business-hours id that is not this account's (400 naming `field`); null passes. */
export async function assertBusinessHoursInAccount(db: Database, accountId: string, businessHoursId: string | null, field = 'businessHoursId') {
  if (businessHoursId === null) return;
  const [row] = await db
    .select({ id: schema.businessHours.id })
    .from(schema.businessHours)
    .where(and(eq(schema.businessHours.accountId, accountId), eq(schema.businessHours.id, businessHoursId)));
  if (!row) throw validationFailed([{ path: field, message: `unknown business hours ${businessHoursId}` }]);
}

/** Sets (or clears, with null) the business hours an inbox's conversations use when their policy names none. */
export async function setInboxBusinessHours(db: Database, scope: AccountScope, inboxId: string, businessHoursId: string | null) {
  assertAdmin(scope);
  return db.transaction(async (tx) => {
    const [inbox] = await tx.select().from(schema.inboxes).where(and(eq(schema.inboxes.accountId, scope.accountId), eq(schema.inboxes.id, inboxId)));
    if (!inbox) throw notFound('inbox');
    await assertBusinessHoursInAccount(tx, scope.accountId, businessHoursId);
    await tx.update(schema.inboxes).set({ businessHoursId }).where(and(eq(schema.inboxes.accountId, scope.accountId), eq(schema.inboxes.id, inboxId)));
    await recordAudit(tx, scope, { action: 'inbox.business_hours_set', targetType: 'inbox', targetId: inboxId, details: { from: inbox.businessHoursId, to: businessHoursId } });
    return { inboxId, businessHoursId };
  });
}
