import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import { type AccountScope, notFound, resolveZone, validationFailed } from '@touchpoint/core';
import { type Database, type DelightPeriod, schema } from '@touchpoint/db';
import { recordAudit } from '@touchpoint/accounts';
import { recordEvents } from '@touchpoint/events';
import { describePeriod } from './delight-periods.ts';

const b = schema.delightBudgets;
const g = schema.delightGestures;
type BudgetRow = typeof b.$inferSelect;

export interface BudgetInput {
  period: DelightPeriod;
  amountMinor: number;
  currency: string;
  /** What one point costs against the budget, in minor units (default 1). */
  pointValueMinor?: number;
}

export function serializeBudget(row: BudgetRow) {
  return {
    id: row.id, userId: row.userId, period: row.period, amountMinor: row.amountMinor, currency: row.currency, pointValueMinor: row.pointValueMinor,
    updatedBy: row.updatedBy, updatedAt: row.updatedAt.toISOString(),
  };
}

const actorName = (scope: AccountScope) => scope.actor.name;

async function assertMember(db: Database, accountId: string, userId: string) {
  const [member] = await db.select({ userId: schema.memberships.userId }).from(schema.memberships)
    .where(and(eq(schema.memberships.accountId, accountId), eq(schema.memberships.userId, userId)));
  if (!member) throw notFound('member');
}

/**
 * Sets the default budget (`userId` null) or one agent's own, replacing what was there. Spending already made this
 * period still counts against the new amount. Audited.
 */
export async function setDelightBudget(db: Database, scope: AccountScope, userId: string | null, input: BudgetInput) {
  if (userId) await assertMember(db, scope.accountId, userId);
  if (!/^[A-Z]{3}$/.test(input.currency.toUpperCase())) throw validationFailed([{ path: 'currency', message: 'must be a three-letter ISO 4217 code' }]);
  const values = {
    period: input.period, amountMinor: input.amountMinor, currency: input.currency.toUpperCase(), pointValueMinor: input.pointValueMinor ?? 1,
    updatedBy: actorName(scope), updatedAt: new Date(),
  };
  return db.transaction(async (tx) => {
    const target = userId ? eq(b.userId, userId) : isNull(b.userId);
    const [updated] = await tx.update(b).set(values).where(and(eq(b.accountId, scope.accountId), target)).returning();
    const row = updated ?? (await tx.insert(b).values({ accountId: scope.accountId, userId, ...values }).onConflictDoNothing().returning())[0]
      ?? (await tx.update(b).set(values).where(and(eq(b.accountId, scope.accountId), target)).returning())[0]!;
    await recordEvents(tx, [{ type: 'delight.budget_changed', accountId: scope.accountId, payload: { userId }, audience: { kind: 'account' } }]);
    await recordAudit(tx, scope, { action: 'delight.budget_set', targetType: userId ? 'user' : 'account', targetId: userId ?? scope.accountId, details: { ...values, updatedAt: undefined } });
    return serializeBudget(row);
  });
}

/** Removes an agent's own budget (they fall back to the default) or the default (agents without their own have none). */
export async function removeDelightBudget(db: Database, scope: AccountScope, userId: string | null) {
  return db.transaction(async (tx) => {
    const removed = await tx.delete(b).where(and(eq(b.accountId, scope.accountId), userId ? eq(b.userId, userId) : isNull(b.userId))).returning({ id: b.id });
    if (removed.length === 0) throw notFound('delight budget');
    await recordEvents(tx, [{ type: 'delight.budget_changed', accountId: scope.accountId, payload: { userId }, audience: { kind: 'account' } }]);
    await recordAudit(tx, scope, { action: 'delight.budget_removed', targetType: userId ? 'user' : 'account', targetId: userId ?? scope.accountId });
  });
}

/** The account's budgets (the default first) and every member, so the console can show who has which. */
export async function listDelightBudgets(db: Database, accountId: string) {
  const rows = await db.select().from(b).where(eq(b.accountId, accountId)).orderBy(sql`${b.userId} is not null`, asc(b.createdAt));
  const members = await db.select({ userId: schema.users.id, name: schema.users.name, role: schema.memberships.role }).from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId)).where(eq(schema.memberships.accountId, accountId)).orderBy(asc(schema.users.name));
  return { defaultBudget: rows.find((row) => !row.userId) ? serializeBudget(rows.find((row) => !row.userId)!) : null, agentBudgets: rows.filter((row) => row.userId).map(serializeBudget), members };
}

/** The budget that applies to an agent: their own, else the account's default, else none. */
export async function resolveDelightBudget(db: Database, accountId: string, userId: string): Promise<BudgetRow | null> {
  const rows = await db.select().from(b).where(and(eq(b.accountId, accountId), sql`(${b.userId} = ${userId} or ${b.userId} is null)`));
  return rows.find((row) => row.userId === userId) ?? rows.find((row) => !row.userId) ?? null;
}

/** The budget period containing `now` on the account's own calendar (its time zone). */
export async function describeAccountPeriod(db: Database, accountId: string, period: DelightPeriod, now: Date) {
  const [account] = await db.select({ timeZone: schema.accounts.timeZone }).from(schema.accounts).where(eq(schema.accounts.id, accountId));
  return describePeriod(period, now, resolveZone(account?.timeZone));
}

/** What an agent has spent since `since`, in minor units of the gestures' currency. */
export async function readSpent(db: Database, accountId: string, userId: string, since: Date) {
  const [row] = await db.select({ spent: sql<number>`coalesce(sum(${g.valueMinor}), 0)::int`, gestures: sql<number>`count(*)::int` }).from(g)
    .where(and(eq(g.accountId, accountId), eq(g.userId, userId), gte(g.createdAt, since), eq(g.status, 'sent')));
  return { spentMinor: row?.spent ?? 0, gestures: row?.gestures ?? 0 };
}

/** An agent's budget for this period: how much, spent, left, and when it renews. Null budget: the agent has none. */
export async function describeAgentBudget(db: Database, accountId: string, userId: string, now = new Date()) {
  const budget = await resolveDelightBudget(db, accountId, userId);
  if (!budget) return { budget: null, spentMinor: 0, leftMinor: 0, gestures: 0, periodStart: null, periodEnd: null };
  const { start, end } = await describeAccountPeriod(db, accountId, budget.period, now);
  const spent = await readSpent(db, accountId, userId, start);
  return {
    budget: { ...serializeBudget(budget), own: budget.userId === userId }, spentMinor: spent.spentMinor, leftMinor: Math.max(0, budget.amountMinor - spent.spentMinor),
    gestures: spent.gestures, periodStart: start.toISOString(), periodEnd: end.toISOString(),
  };
}
